//! `ExceptionHandlers`: the middleware that picks the response for every error.
//!
//! For each response that carries an error (or is one of actix's empty routing
//! 404/405s) the handler is looked up in this order:
//!
//! 1. a handler registered for the error's exact type;
//! 2. a handler registered for its status code (HTTP errors only, as in Starlette);
//! 3. for HTTP errors (`HttpException`, every `#[api_error]` type, routing
//!    errors, foreign 4xx errors), a handler registered for `HttpException`,
//!    called with the error viewed as an `HttpException`;
//! 4. the default for its kind. The response an `#[api_error]` type,
//!    `HttpException` or `RequestValidationError` already built is that
//!    default, so it is sent as it is.
//!
//! actix's own extractor errors (`web::Json`, `web::Query`, ...) become
//! `RequestValidationError`s (or a 413/400 `HttpException`) first. Any other
//! error is a [`ServerError`]: 500, an id, the cause in the log.

use std::{
    any::{Any, TypeId},
    future::{Future, Ready, ready},
    marker::PhantomData,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll},
};

use actix_web::{
    Error, HttpRequest, HttpResponse,
    body::{BodySize, EitherBody, MessageBody},
    dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready},
    http::{
        StatusCode,
        header::{self, HeaderName, HeaderValue},
    },
};
use futures_util::future::LocalBoxFuture;
use pin_project_lite::pin_project;

use crate::{
    HttpException, RequestValidationError, ServerError,
    api_error::{self, Exception, ViewFn},
    handler::ExceptionHandler,
    handlers,
    validation::actix::{self, Converted},
};

/// The middleware that turns every error of a request into the response its
/// handler picks; the default handlers are built in.
///
/// Wrap it around the whole app, outermost (last `.wrap()`), so that it sees
/// what every route and middleware answers.
///
/// ```
/// use actix_api_error::{exception_handler, ExceptionHandlers, HttpException};
/// use actix_web::{App, HttpRequest, HttpResponse};
///
/// #[exception_handler(HttpException)]
/// fn plain_text(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
///     HttpResponse::build(exc.status()).body(exc.detail().to_string())
/// }
///
/// let app = App::new().wrap(ExceptionHandlers::new().handler(plain_text));
/// ```
pub struct ExceptionHandlers {
    registry: Rc<Registry>,
}

impl ExceptionHandlers {
    /// The default handlers only.
    pub fn new() -> Self {
        Self {
            registry: Rc::new(Registry::default()),
        }
    }

    /// Registers a handler made with `#[exception_handler]`.
    ///
    /// # Panics
    ///
    /// If another handler is already registered for the same type or status:
    /// two handlers for one error is a mistake best found at startup.
    #[must_use]
    #[track_caller]
    pub fn handler<H: ExceptionHandler>(mut self, handler: H) -> Self {
        let registry = Rc::get_mut(&mut self.registry)
            .expect("ExceptionHandlers is not shared until it is wrapped around an app");
        let name = handler.name();
        if let Some(status) = handler.status() {
            if let Some(existing) = registry.by_status.iter().find(|e| e.status == status) {
                panic!(
                    "exception handlers `{}` and `{name}` are both registered for status {}; \
                     register only one of them",
                    existing.handler.name(),
                    status.as_u16(),
                );
            }
            registry.by_status.push(StatusEntry {
                status,
                handler: Box::new(handler),
            });
        } else {
            let type_id = TypeId::of::<H::Exception>();
            let type_name = std::any::type_name::<H::Exception>();
            if let Some(existing) = registry.by_type.iter().find(|e| e.type_id == type_id) {
                panic!(
                    "exception handlers `{}` and `{name}` are both registered for `{type_name}`; \
                     register only one of them",
                    existing.handler.name(),
                );
            }
            registry.by_type.push(TypeEntry {
                type_id,
                find: find::<H::Exception>,
                handler: Box::new(handler),
            });
        }
        self
    }
}

impl Default for ExceptionHandlers {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Default)]
struct Registry {
    by_type: Vec<TypeEntry>,
    by_status: Vec<StatusEntry>,
}

struct TypeEntry {
    type_id: TypeId,
    find: fn(&Error) -> Option<&dyn Any>,
    handler: Box<dyn ErasedHandler>,
}

struct StatusEntry {
    status: StatusCode,
    handler: Box<dyn ErasedHandler>,
}

fn find<T: Exception>(error: &Error) -> Option<&dyn Any> {
    T::__find(error).map(|exc| exc as &dyn Any)
}

/// A handler chosen for one response.
#[derive(Clone, Copy)]
enum Pick {
    Type(usize),
    Status(usize),
}

impl Registry {
    /// Step 1: a handler for the exact type of a returned error. `HttpException`
    /// is the base of all HTTP errors, so its handler waits for step 3.
    fn for_exact_type(&self, error: &Error) -> Option<usize> {
        let http = TypeId::of::<HttpException>();
        self.by_type
            .iter()
            .position(|e| e.type_id != http && (e.find)(error).is_some())
    }

    fn for_type<T: Exception>(&self) -> Option<Pick> {
        let id = TypeId::of::<T>();
        self.by_type
            .iter()
            .position(|e| e.type_id == id)
            .map(Pick::Type)
    }

    fn for_status(&self, status: StatusCode) -> Option<Pick> {
        self.by_status
            .iter()
            .position(|e| e.status == status)
            .map(Pick::Status)
    }

    /// Steps 2 and 3 for an HTTP error.
    fn for_http(&self, status: StatusCode) -> Option<Pick> {
        self.for_status(status)
            .or_else(|| self.for_type::<HttpException>())
    }

    fn handler(&self, pick: Pick) -> &dyn ErasedHandler {
        match pick {
            Pick::Type(i) => &*self.by_type[i].handler,
            Pick::Status(i) => &*self.by_status[i].handler,
        }
    }
}

/// An [`ExceptionHandler`] with its exception type erased.
trait ErasedHandler {
    fn name(&self) -> &'static str;

    /// `None` if `exc` is not the handler's type (which the registry rules out).
    fn handle<'a>(
        &'a self,
        req: &'a HttpRequest,
        exc: &'a dyn Any,
    ) -> Option<LocalBoxFuture<'a, HttpResponse>>;
}

impl<H: ExceptionHandler> ErasedHandler for H {
    fn name(&self) -> &'static str {
        ExceptionHandler::name(self)
    }

    fn handle<'a>(
        &'a self,
        req: &'a HttpRequest,
        exc: &'a dyn Any,
    ) -> Option<LocalBoxFuture<'a, HttpResponse>> {
        let exc = exc.downcast_ref::<H::Exception>()?;
        Some(ExceptionHandler::handle(self, req, exc))
    }
}

impl<S, B> Transform<S, ServiceRequest> for ExceptionHandlers
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = ExceptionHandlersMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ExceptionHandlersMiddleware {
            service,
            registry: Rc::clone(&self.registry),
        }))
    }
}

/// The service [`ExceptionHandlers`] wraps around an app.
#[doc(hidden)]
pub struct ExceptionHandlersMiddleware<S> {
    service: S,
    registry: Rc<Registry>,
}

impl<S, B> Service<ServiceRequest> for ExceptionHandlersMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = ExceptionHandlersFuture<S::Future, B>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        ExceptionHandlersFuture {
            state: State::Inner {
                fut: self.service.call(req),
            },
            registry: Rc::clone(&self.registry),
            body: PhantomData,
        }
    }
}

pin_project! {
    /// One request through [`ExceptionHandlers`]: no allocation unless a custom
    /// handler runs.
    #[doc(hidden)]
    pub struct ExceptionHandlersFuture<F, B> {
        #[pin]
        state: State<F>,
        registry: Rc<Registry>,
        body: PhantomData<fn() -> B>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F> {
        Inner { #[pin] fut: F },
        Handling { fut: LocalBoxFuture<'static, ServiceResponse> },
    }
}

impl<F, B> Future for ExceptionHandlersFuture<F, B>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            match this.state.as_mut().project() {
                StateProj::Inner { fut } => {
                    let res = std::task::ready!(fut.poll(cx))?;
                    match dispatch(this.registry, res) {
                        Outcome::Pass(res) => return Poll::Ready(Ok(res.map_into_left_body())),
                        Outcome::Replace(res) => {
                            return Poll::Ready(Ok(res.map_into_right_body()));
                        }
                        Outcome::Handle(fut) => this.state.set(State::Handling { fut }),
                    }
                }
                StateProj::Handling { fut } => {
                    return fut
                        .as_mut()
                        .poll(cx)
                        .map(|res| Ok(res.map_into_right_body()));
                }
            }
        }
    }
}

enum Outcome<B> {
    /// The response is right as it is (success, or an error's own default).
    Pass(ServiceResponse<B>),
    /// A default handler's response.
    Replace(ServiceResponse),
    /// A custom handler is running.
    Handle(LocalBoxFuture<'static, ServiceResponse>),
}

/// What a response is, as far as error handling goes.
enum Kind {
    Success,
    /// A returned error with a handler for its exact type.
    Exact(usize),
    /// An `ApiError`, whose response is already its default.
    Api(ViewFn),
    /// A `RequestValidationError`, whose response is already its default.
    Validation,
    /// An error of actix's own extractors, converted.
    Actix(Converted),
    /// actix's empty 404 (no route) or 405 (route, wrong method).
    Routing(StatusCode),
    /// An error of a foreign type with a 4xx status.
    ForeignClient(StatusCode),
    /// Anything else: a server error.
    Foreign,
}

fn classify<B: MessageBody>(registry: &Registry, res: &ServiceResponse<B>) -> Kind {
    let Some(error) = res.response().error() else {
        return routing_failure(res).map_or(Kind::Success, Kind::Routing);
    };
    if let Some(index) = registry.for_exact_type(error) {
        Kind::Exact(index)
    } else if let Some(view) = api_error::probe(error) {
        Kind::Api(view)
    } else if error.as_error::<RequestValidationError>().is_some() {
        Kind::Validation
    } else if let Some(converted) = actix::convert(error, res.request()) {
        Kind::Actix(converted)
    } else if error.as_response_error().status_code().is_client_error() {
        Kind::ForeignClient(error.as_response_error().status_code())
    } else {
        Kind::Foreign
    }
}

/// actix answers an unknown path with an empty 404, and a known path with the
/// wrong method with an empty 405 (`web::resource().route(..)`) or, when the
/// method is a guard on the resource itself (`#[get]`), an empty 404.
fn routing_failure<B: MessageBody>(res: &ServiceResponse<B>) -> Option<StatusCode> {
    let status = res.status();
    if !matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) || !matches!(
        res.response().body().size(),
        BodySize::Sized(0) | BodySize::None
    ) {
        return None;
    }
    if status == StatusCode::METHOD_NOT_ALLOWED {
        return Some(status);
    }
    let req = res.request();
    if !req.resource_map().has_resource(req.path()) {
        Some(StatusCode::NOT_FOUND)
    } else if !req.match_info().unprocessed().is_empty() {
        // A resource's pattern matches the path but routing did not get through:
        // its guards (the method) refused the request.
        Some(StatusCode::METHOD_NOT_ALLOWED)
    } else {
        // A route answered an empty 404 itself: that is its business.
        None
    }
}

fn dispatch<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
) -> Outcome<B> {
    match classify(registry, &res) {
        Kind::Success | Kind::Validation => Outcome::Pass(res),
        Kind::Exact(index) => Outcome::Handle(handle(
            registry,
            res,
            Pick::Type(index),
            Subject::Returned(index),
        )),
        Kind::Api(view) => match registry.for_http(res.status()) {
            Some(pick) => {
                let exc = res.response().error().and_then(view);
                match exc {
                    Some(exc) => Outcome::Handle(handle(registry, res, pick, Subject::Http(exc))),
                    None => Outcome::Pass(res),
                }
            }
            None => Outcome::Pass(res),
        },
        Kind::Routing(status) => http_error(registry, res, status),
        Kind::Actix(Converted::Http(exc)) => http_exception(registry, res, exc),
        Kind::Actix(Converted::Validation(exc)) => {
            if let Some(pick) = registry.for_type::<RequestValidationError>() {
                return Outcome::Handle(handle(registry, res, pick, Subject::Validation(exc)));
            }
            let (req, _) = res.into_parts();
            let response = handlers::request_validation_exception_handler(&req, &exc);
            Outcome::Replace(ServiceResponse::new(req, response))
        }
        Kind::ForeignClient(status) => {
            if let Some(error) = res.response().error() {
                tracing::debug!(
                    status = status.as_u16(),
                    method = %res.request().method(),
                    path = res.request().path(),
                    cause = %error,
                    "client error from a type without #[api_error]; sending its reason phrase",
                );
            }
            http_error(registry, res, status)
        }
        Kind::Foreign => server_error(registry, res),
    }
}

/// A routing or foreign client error: an `HttpException` with the status's reason
/// phrase and the original response's headers (`Allow`, `WWW-Authenticate`, ...).
fn http_error<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    status: StatusCode,
) -> Outcome<B> {
    let kept: Vec<(HeaderName, HeaderValue)> = res
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(*name, &header::CONTENT_TYPE | &header::CONTENT_LENGTH))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let exc = HttpException::from_status(status).with_checked_headers(&kept);
    http_exception(registry, res, exc)
}

/// Steps 2 to 4 for an `HttpException` made here.
fn http_exception<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    exc: HttpException,
) -> Outcome<B> {
    if let Some(pick) = registry.for_http(exc.status()) {
        return Outcome::Handle(handle(registry, res, pick, Subject::Http(exc)));
    }
    let (req, _) = res.into_parts();
    let response = handlers::http_exception_handler(&req, &exc);
    Outcome::Replace(ServiceResponse::new(req, response))
}

fn server_error<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
) -> Outcome<B> {
    let cause = res
        .response()
        .error()
        .map_or_else(String::new, ToString::to_string);
    let exc = ServerError::new(cause);
    let req = res.request();
    tracing::error!(
        error_id = exc.id(),
        method = %req.method(),
        path = req.path(),
        cause = exc.cause(),
        debug = ?res.response().error(),
        "500 Internal Server Error",
    );
    if let Some(pick) = registry.for_type::<ServerError>() {
        return Outcome::Handle(handle(registry, res, pick, Subject::Server(exc)));
    }
    if let Some(pick) = registry.for_status(StatusCode::INTERNAL_SERVER_ERROR) {
        let view = HttpException::from_status(StatusCode::INTERNAL_SERVER_ERROR)
            .header(handlers::ERROR_ID_HEADER, exc.id());
        return Outcome::Handle(handle(registry, res, pick, Subject::Http(view)));
    }
    let (req, _) = res.into_parts();
    let response = handlers::server_error_handler(&req, &exc);
    Outcome::Replace(ServiceResponse::new(req, response))
}

/// The exception a custom handler receives.
enum Subject {
    /// The error the route returned, found through this type entry.
    Returned(usize),
    Http(HttpException),
    Validation(RequestValidationError),
    Server(ServerError),
}

fn handle<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    pick: Pick,
    subject: Subject,
) -> LocalBoxFuture<'static, ServiceResponse> {
    let registry = Rc::clone(registry);
    Box::pin(async move {
        let (req, res) = res.into_parts();
        let custom = {
            let exc: Option<&dyn Any> = match &subject {
                Subject::Returned(index) => res.error().and_then(registry.by_type[*index].find),
                Subject::Http(exc) => Some(exc),
                Subject::Validation(exc) => Some(exc),
                Subject::Server(exc) => Some(exc),
            };
            match exc.and_then(|exc| registry.handler(pick).handle(&req, exc)) {
                Some(fut) => Some(fut.await),
                None => None,
            }
        };
        let response = custom.unwrap_or_else(|| res.map_into_boxed_body());
        ServiceResponse::new(req, response)
    })
}
