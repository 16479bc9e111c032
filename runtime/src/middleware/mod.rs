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

mod dispatch;
#[cfg(feature = "metrics")]
pub mod metrics;
mod origin;

pub use self::origin::RebuiltRequest;
mod registry;

use std::{
    future::{Future, Ready, ready},
    marker::PhantomData,
    panic::{AssertUnwindSafe, catch_unwind},
    pin::Pin,
    rc::Rc,
    sync::Arc,
    task::{Context, Poll},
};

use actix_web::{
    Error,
    body::{BoxBody, EitherBody, MessageBody},
    dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready},
    http::header::HeaderName,
};
use futures_util::future::LocalBoxFuture;
use pin_project_lite::pin_project;

use self::{
    dispatch::{Outcome, answer, is_plain_success},
    origin::Origin,
    registry::Registry,
};
use crate::{
    RequestId,
    catalog::ErrorCatalog,
    error::server::Panic,
    render::{Extras, Shape, exception_handler::ExceptionHandler},
};

#[doc = include_str!("../../docs/production.md")]
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

    /// For a `web::scope` (or resource) inside an app that has its own
    /// `ExceptionHandlers`: this one answers only the errors its handlers
    /// take, and passes the rest — and what they decline — out untouched,
    /// to the app's. A request it lost (to a panic, or an inner middleware's
    /// `Err`) that none of its handlers take goes out as that error, and the
    /// app's answers it from what it kept of the request (the headers of its
    /// id, say). [`new`](Self::new)'s answers everything, with the defaults
    /// for what no handler takes.
    ///
    /// ```
    /// use actix_api_error::{ExceptionHandlers, HttpException, exception_handler};
    /// use actix_web::{App, HttpRequest, HttpResponse, web};
    ///
    /// /// The admin pages' 403 is a page of their own; every other error of
    /// /// theirs is answered as the rest of the API's.
    /// #[exception_handler(status = 403)]
    /// fn admin_forbidden(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    ///     HttpResponse::Forbidden().content_type("text/html").body("<h1>Admins only</h1>")
    /// }
    ///
    /// let app = App::new()
    ///     .wrap(ExceptionHandlers::new().problem_details())
    ///     .service(
    ///         web::scope("/admin")
    ///             .wrap(ExceptionHandlers::scoped().handler(admin_forbidden)),
    ///     );
    /// ```
    pub fn scoped() -> Self {
        let mut handlers = Self::new();
        handlers.registry_mut().scoped = true;
        handlers
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
        self.registry_mut().add(handler);
        self
    }

    /// With `true`, the default 500 says why:
    /// `{"detail":"Internal Server Error","error_id":"…","cause":"…"}`. For
    /// development only: the cause can hold paths, queries and secrets. Off by
    /// default.
    #[must_use]
    pub fn debug(mut self, debug: bool) -> Self {
        self.registry_mut().format.debug = debug;
        self
    }

    /// Every error the default handlers answer becomes RFC 9457 problem
    /// details, `application/problem+json`:
    /// `{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}`.
    ///
    /// - `type` and `title`: the error's own (`#[api_error(problem_type = "…",
    ///   title = "…")]`, [`HttpException::problem_type`](crate::HttpException::problem_type)),
    ///   or `about:blank` and the reason phrase.
    /// - `detail`: a text detail; a JSON list (Safir's coded errors) is
    ///   `errors` instead, any other JSON value `data`.
    /// - A 422: `detail` "Request validation failed" and its errors under
    ///   `errors`, each with a JSON `pointer` to its `loc` (`#/body/tags/1`).
    /// - A 500: `instance` `urn:uuid:<error id>` (the id of `x-error-id`).
    ///
    /// Headers stay as they are (`www-authenticate`, `allow`, ...). Custom
    /// handlers answer what they answer; the [`handlers`](crate::handlers)
    /// they delegate to answer problem details too.
    ///
    /// ```
    /// use actix_api_error::ExceptionHandlers;
    /// use actix_web::App;
    ///
    /// let app = App::new().wrap(ExceptionHandlers::new().problem_details());
    /// ```
    #[must_use]
    pub fn problem_details(mut self) -> Self {
        self.registry_mut().format.shape = Shape::Problem;
        self
    }

    /// Problem details point to the catalog: an error whose code it lists
    /// has its entry's URI as its `type` (`https://api.example.com/errors#not_found`).
    /// See [`catalog`](crate::catalog).
    #[must_use]
    pub fn catalog(mut self, catalog: &ErrorCatalog) -> Self {
        self.extras_mut().types = Some(catalog.problem_types());
        self
    }

    /// Every error response the default handlers answer names its code in
    /// the header `name` (`x-error-code: item_not_found`); a 422's is
    /// `request_validation_error`, a 500 has none. See [`catalog`](crate::catalog).
    ///
    /// # Panics
    ///
    /// If `name` is not a valid header name.
    #[must_use]
    #[track_caller]
    pub fn code_header(mut self, name: &str) -> Self {
        self.extras_mut().code_header = Some(header_name(name));
        self
    }

    /// Validation messages, and the details of error codes that have a
    /// translation, in the language the request's `Accept-Language` prefers
    /// among `languages`, English otherwise; every response the default
    /// handlers answer says which in `Content-Language`. See
    /// [`i18n`](crate::i18n).
    #[cfg(feature = "i18n")]
    #[cfg_attr(docsrs, doc(cfg(feature = "i18n")))]
    #[must_use]
    pub fn languages(mut self, languages: crate::i18n::Languages) -> Self {
        self.extras_mut().languages = Some(languages);
        self
    }

    /// Every error response names the request's id (see [`RequestId`]) in
    /// the header `name` (`x-request-id: 4bf92f3577b34da6a3ce929d0e0e4736`),
    /// and problem details in a `request_id` member: what a support engineer
    /// searches the logs for, where every error's line has `request_id`.
    ///
    /// # Panics
    ///
    /// If `name` is not a valid header name.
    #[must_use]
    #[track_caller]
    pub fn request_id_header(mut self, name: &str) -> Self {
        self.extras_mut().request_id_header = Some(header_name(name));
        self
    }

    fn extras_mut(&mut self) -> &mut Extras {
        let extras = self.registry_mut().format.extras.get_or_insert_default();
        Arc::get_mut(extras).expect("the settings are shared only once the app is built")
    }

    fn registry_mut(&mut self) -> &mut Registry {
        Rc::get_mut(&mut self.registry)
            .expect("ExceptionHandlers is not shared until it is wrapped around an app")
    }
}

impl Default for ExceptionHandlers {
    fn default() -> Self {
        Self::new()
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
        let mut origin = Origin::of(&req);
        if self.registry.format.request_id_header().is_some() {
            origin = origin.with_ids(&req);
        }
        let state = match catch_unwind(AssertUnwindSafe(|| self.service.call(req))) {
            Ok(fut) => State::Inner { fut },
            Err(panic) => State::Lost {
                lost: Some(Panic::new(&*panic).into()),
            },
        };
        ExceptionHandlersFuture {
            state,
            registry: Rc::clone(&self.registry),
            origin,
            body: PhantomData,
        }
    }
}

pin_project! {
    /// One request through [`ExceptionHandlers`]: no allocation unless a handler
    /// runs.
    #[doc(hidden)]
    pub struct ExceptionHandlersFuture<F, B> {
        #[pin]
        state: State<F>,
        registry: Rc<Registry>,
        origin: Origin,
        body: PhantomData<fn() -> B>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F> {
        Inner { #[pin] fut: F },
        /// The request is gone, to a panic or an inner middleware's `Err`
        /// (the error): answer from what `origin` kept.
        Lost { lost: Option<Error> },
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
            let outcome = match this.state.as_mut().project() {
                StateProj::Inner { fut } => {
                    let polled = catch_unwind(AssertUnwindSafe(|| fut.poll(cx)));
                    match polled {
                        Ok(Poll::Pending) => return Poll::Pending,
                        // The common case, decided without moving the response around.
                        Ok(Poll::Ready(Ok(res))) if is_plain_success(&res) => {
                            return Poll::Ready(Ok(res.map_into_left_body()));
                        }
                        Ok(Poll::Ready(Ok(res))) => {
                            answer(this.registry, res).map(ServiceResponse::map_into_left_body)
                        }
                        Ok(Poll::Ready(Err(error))) => {
                            this.state.set(State::Lost { lost: Some(error) });
                            continue;
                        }
                        Err(panic) => {
                            let lost = Panic::new(&*panic).into();
                            this.state.set(State::Lost { lost: Some(lost) });
                            continue;
                        }
                    }
                }
                StateProj::Lost { lost } => {
                    let error = lost.take().expect("a lost request is answered once");
                    if this.registry.scoped && !dispatch::takes_lost(this.registry, &error) {
                        // Not this scope's: the app's `ExceptionHandlers`
                        // answers it from what it kept of the request (the
                        // headers of its id, say).
                        return Poll::Ready(Err(error));
                    }
                    let res = ServiceResponse::from_err(error, this.origin.request());
                    answer::<BoxBody>(this.registry, res).map(ServiceResponse::map_into_right_body)
                }
                StateProj::Handling { fut } => {
                    return fut.as_mut().poll(cx).map(|mut res| {
                        if let Some(name) = this.registry.format.request_id_header() {
                            add_request_id(name, &mut res);
                        }
                        Ok(res.map_into_right_body())
                    });
                }
            };
            match outcome {
                Step::Done(mut res) => {
                    if let Some(name) = this.registry.format.request_id_header() {
                        add_request_id(name, &mut res);
                    }
                    return Poll::Ready(Ok(res));
                }
                Step::Handle(fut) => this.state.set(State::Handling { fut }),
            }
        }
    }
}

/// An error response with the request's id in the header the app asked
/// for ([`ExceptionHandlers::request_id_header`]).
#[cold]
fn add_request_id<B>(name: &HeaderName, res: &mut ServiceResponse<B>) {
    let status = res.status();
    if (status.is_client_error() || status.is_server_error())
        && let Some(id) = RequestId::of(res.request()).header_value()
    {
        res.headers_mut().insert(name.clone(), id);
    }
}

/// `name` as a header name, for a setting.
///
/// # Panics
///
/// If it is not one, saying so.
#[track_caller]
fn header_name(name: &str) -> HeaderName {
    HeaderName::try_from(name).unwrap_or_else(|_| panic!("{name:?} is not a valid header name"))
}

/// An [`Outcome`] with its body made the future's.
enum Step<B> {
    Done(ServiceResponse<EitherBody<B>>),
    Handle(LocalBoxFuture<'static, ServiceResponse>),
}

impl<B: MessageBody> Outcome<B> {
    /// `pass` gives a passed-through response the future's body type.
    fn map<C>(
        self,
        pass: impl FnOnce(ServiceResponse<B>) -> ServiceResponse<EitherBody<C>>,
    ) -> Step<C> {
        match self {
            Outcome::Pass(res) => Step::Done(pass(res)),
            Outcome::Replace(res) => Step::Done(res.map_into_right_body()),
            Outcome::Handle(fut) => Step::Handle(fut),
        }
    }
}
