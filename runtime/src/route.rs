//! What the route macros ([`get`](crate::get), [`post`](crate::post), ...)
//! expand to: every argument extracted and every validation error merged into
//! one 422 in FastAPI's order, a method guard that remembers the methods a path
//! allows (for `405` with `Allow`), and the check that a route's error type is
//! one we answer on purpose.

use std::marker::PhantomData;

use actix_web::{
    Error, FromRequest, HttpRequest, ResponseError,
    dev::Payload,
    guard::{Guard, GuardContext},
    http::{Method, header::HeaderValue},
};
use futures_util::future::LocalBoxFuture;

use crate::{
    ApiError, ErrorLocation, LocItem, RequestValidationError, ServerError, ValidationError,
    extract::{Optional, Parameter},
    validation::{
        ErrorLimits,
        actix::{self, Converted},
        de::{self, TOO_MANY_ERRORS},
    },
};

/// FastAPI's order of locations in a 422.
const ORDER: [ErrorLocation; 5] = [
    ErrorLocation::Path,
    ErrorLocation::Query,
    ErrorLocation::Header,
    ErrorLocation::Cookie,
    ErrorLocation::Body,
];

/// Collects the validation errors of a route's arguments, as FastAPI's
/// `solve_dependencies` does; any other error answers at once.
#[doc(hidden)]
#[derive(Default)]
pub struct Merge {
    /// Each failed argument's errors, and whether it is a dependency.
    failed: Vec<(RequestValidationError, bool)>,
}

impl Merge {
    /// The extracted value, `None` if its validation error was kept.
    /// `dependency` says the argument is an extractor of the application's
    /// (FastAPI's `Depends`), not one of the parameter extractors.
    ///
    /// # Errors
    ///
    /// The error that answers the request now (a 401, a 413, ...).
    pub fn take<T, E: Into<Error>>(
        &mut self,
        req: &HttpRequest,
        dependency: bool,
        result: Result<T, E>,
    ) -> Result<Option<T>, Error> {
        let error = match result {
            Ok(value) => return Ok(Some(value)),
            Err(error) => error.into(),
        };
        if let Some(invalid) = error.as_error::<RequestValidationError>() {
            self.failed.push((invalid.clone(), dependency));
            return Ok(None);
        }
        match actix::convert(&error, req) {
            Some(Converted::Validation(invalid)) => {
                self.failed.push((invalid, dependency));
                Ok(None)
            }
            Some(Converted::Http(exc)) => Err(exc.into()),
            None => Err(error),
        }
    }

    /// One 422 with every error kept: first each dependency's, in argument
    /// order (FastAPI solves dependencies first), then the parameters' in
    /// FastAPI's order of locations — path, query, header, cookie, then body
    /// (each extractor's errors in its own order). A body that is not JSON at
    /// all answers alone, as FastAPI reads the body before validating anything.
    pub fn into_error(self, req: &HttpRequest) -> Error {
        let mut failed = self.failed;
        if let Some(index) = failed.iter().position(|(invalid, _)| {
            invalid
                .errors()
                .iter()
                .any(|error| error.r#type == "json_invalid")
        }) {
            return failed.swap_remove(index).0.into();
        }
        let body = failed
            .iter()
            .position(|(invalid, _)| invalid.has_body())
            .map(|index| failed.remove(index));
        let mut parameters: Vec<ValidationError> = Vec::new();
        let mut errors: Vec<ValidationError> = Vec::new();
        for (invalid, dependency) in body.iter().chain(&failed) {
            let to = if *dependency {
                &mut errors
            } else {
                &mut parameters
            };
            to.extend_from_slice(invalid.errors());
        }
        parameters.sort_by_key(|error| location(error).map_or(ORDER.len(), |(rank, _)| rank));
        errors.append(&mut parameters);
        // Each extractor's report is bounded; together they are bounded again.
        let limits = ErrorLimits::of(req);
        let count = errors
            .iter()
            .filter(|error| error.r#type != TOO_MANY_ERRORS)
            .count();
        if count > limits.max_errors {
            let at = errors
                .last()
                .and_then(location)
                .map_or(ErrorLocation::Body, |(_, at)| at);
            errors.retain(|error| error.r#type != TOO_MANY_ERRORS);
            errors = de::bounded(errors.into_iter(), limits, at, true);
        }
        let merged = match body {
            Some((body, _)) => body.with_errors(errors),
            None => RequestValidationError::new(errors),
        };
        merged.into()
    }
}

/// Where an error is, and that location's rank in FastAPI's order.
fn location(error: &ValidationError) -> Option<(usize, ErrorLocation)> {
    let Some(LocItem::Key(key)) = error.loc.first() else {
        return None;
    };
    ORDER
        .iter()
        .enumerate()
        .find(|(_, known)| known.as_str() == key)
        .map(|(rank, known)| (rank, *known))
}

/// The methods a route serves. A request with another method is refused, and
/// the methods are remembered on it: when no route takes the request,
/// `ExceptionHandlers` answers 405 with `Allow` listing every method that
/// routes for its path serve, in the order they were registered.
#[doc(hidden)]
pub struct MethodGuard(Vec<Method>);

impl MethodGuard {
    pub fn new(methods: Vec<Method>) -> Self {
        Self(methods)
    }
}

/// The methods that routes matching a request's path serve: inline up to
/// four (a path's routes rarely serve more), so refusing one allocates only
/// the request's mark.
pub(crate) struct Allowed(smallvec::SmallVec<[Method; 4]>);

impl Allowed {
    /// `Allow: GET, POST, DELETE`, in the order the routes were registered.
    pub(crate) fn header(&self) -> Option<HeaderValue> {
        // Written into the one buffer the header value then owns.
        let mut value = String::with_capacity(self.0.len() * "DELETE, ".len());
        for (index, method) in self.0.iter().enumerate() {
            if index > 0 {
                value.push_str(", ");
            }
            value.push_str(method.as_str());
        }
        HeaderValue::try_from(value).ok()
    }
}

impl Guard for MethodGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        if self.0.contains(&ctx.head().method) {
            return true;
        }
        let mut data = ctx.req_data_mut();
        if let Some(Allowed(allowed)) = data.get_mut::<Allowed>() {
            for method in &self.0 {
                if !allowed.contains(method) {
                    allowed.push(method.clone());
                }
            }
        } else {
            data.insert(Allowed(self.0.iter().cloned().collect()));
        }
        false
    }
}

/// A route's error type: one we answer on purpose.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error this route answers on purpose",
    label = "not an `#[api_error]` type",
    note = "if `{Self}` is yours, add `#[api_error(status = ...)]` to it; for a foreign error \
            you mean as a 500, return `actix_api_error::ServerError` (it converts from any \
            `std::error::Error` with `?`); `HttpException` and `RequestValidationError` work too"
)]
pub trait Answered: ResponseError {}

impl<T: ApiError> Answered for T {}
impl Answered for RequestValidationError {}
impl Answered for ServerError {}

/// A route's `Err`, as actix takes it; compiles only for an [`Answered`] type.
#[doc(hidden)]
pub fn answer<E: Answered + 'static>(error: E) -> Error {
    error.into()
}

/// Picks how a route reads `Option<E>` (autoref specialization: `&&&Pick`
/// finds [`ViaOptional`] when `E: Optional`, [`ViaRefused`] for actix's own
/// parameter extractors, else [`ViaActix`]).
#[doc(hidden)]
pub struct Pick<E>(PhantomData<E>);

impl<E> Pick<E> {
    #[allow(clippy::new_without_default)] // generated code only
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

#[doc(hidden)]
pub trait ViaOptional<E> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> LocalBoxFuture<'static, Result<Option<E>, Error>>;
}

impl<E: Optional> ViaOptional<E> for &&Pick<E> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> LocalBoxFuture<'static, Result<Option<E>, Error>> {
        E::optional(req, payload)
    }
}

/// actix's `web::Json`, `web::Query`, `web::Form` and `web::Path`: inside an
/// `Option`, actix makes any of their errors `None`, a client's mistake
/// included. A route does not compile with one ([`Refused`] says why).
#[doc(hidden)]
pub trait ActixParameter {}

impl<T> ActixParameter for actix_web::web::Path<T> {}
impl<T> ActixParameter for actix_web::web::Query<T> {}
impl<T> ActixParameter for actix_web::web::Json<T> {}
impl<T> ActixParameter for actix_web::web::Form<T> {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`Option<{E}>` would be `None` for any error, a client's mistake included",
    label = "actix's `Option` hides this extractor's errors",
    note = "use `actix_api_error::extract`'s extractor of the same name: its `Option` is `None` \
            only when nothing of it was sent, and anything sent is checked; or take \
            `Result<{E}, actix_web::Error>` to handle the error yourself"
)]
pub trait Refused<E> {}

#[doc(hidden)]
pub trait ViaRefused<E: FromRequest> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> <Option<E> as FromRequest>::Future
    where
        (): Refused<E>;
}

impl<E: FromRequest + ActixParameter> ViaRefused<E> for &Pick<E> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> <Option<E> as FromRequest>::Future
    where
        (): Refused<E>,
    {
        Option::<E>::from_request(req, payload)
    }
}

#[doc(hidden)]
pub trait ViaActix<E: FromRequest> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> <Option<E> as FromRequest>::Future;
}

/// An extractor of someone else's: actix's `Option`, as that extractor means it
/// (a security scheme's `Option` is FastAPI's `auto_error=False`).
impl<E: FromRequest> ViaActix<E> for Pick<E> {
    fn optional(
        &self,
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> <Option<E> as FromRequest>::Future {
        Option::<E>::from_request(req, payload)
    }
}

/// Says whether a route argument is a dependency (autoref specialization:
/// `&&Kind` finds [`ViaParameter`] for a [`Parameter`], else [`ViaDependency`]).
#[doc(hidden)]
pub struct Kind<E>(PhantomData<E>);

impl<E> Kind<E> {
    #[allow(clippy::new_without_default)] // generated code only
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

#[doc(hidden)]
pub trait ViaParameter {
    fn dependency(&self) -> bool {
        false
    }
}

impl<E: Parameter> ViaParameter for &Kind<E> {}

#[doc(hidden)]
pub trait ViaDependency {
    fn dependency(&self) -> bool {
        true
    }
}

impl<E> ViaDependency for Kind<E> {}
