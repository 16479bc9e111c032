//! From a response to the response to send: what kind of error it carries, and
//! which handler answers it.

use std::{
    any::Any,
    panic::{AssertUnwindSafe, catch_unwind},
    rc::Rc,
};

use actix_web::{
    Error, HttpMessage as _, HttpRequest, HttpResponse,
    body::{BodySize, MessageBody},
    dev::ServiceResponse,
    http::{
        StatusCode,
        header::{self, HeaderMap, HeaderName, HeaderValue},
    },
};
use futures_util::{FutureExt as _, future::LocalBoxFuture};

use super::registry::{Pick, Registry};
use crate::{
    HttpException, RequestId, RequestValidationError, ServerError,
    error::api_error::{self, FindFn, View},
    error::server::{self, PanicMessage, PendingLog},
    handlers::{self, ERROR_ID_HEADER},
    render::Format,
    route::Allowed,
    validation::actix::{self, Converted},
};

pub(super) enum Outcome<B> {
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
    Api(FindFn),
    /// A `RequestValidationError`, whose response is already its default.
    Validation,
    /// An error of actix's own extractors, converted (boxed: the other
    /// kinds are a word or two, and a kind is handed on with every error).
    Actix(Box<Converted>),
    /// actix's empty 404 (no route) or 405 (route, wrong method).
    Routing(StatusCode),
    /// An error of a foreign type with a 4xx status.
    ForeignClient(StatusCode),
    /// Anything else: a server error.
    Foreign,
}

/// No error attached, and not a status actix uses for routing failures.
pub(super) fn is_plain_success<B>(res: &ServiceResponse<B>) -> bool {
    res.response().error().is_none()
        && !matches!(
            res.status(),
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED | StatusCode::TOO_MANY_REQUESTS
        )
}

fn classify<B: MessageBody>(registry: &Registry, res: &ServiceResponse<B>) -> Kind {
    let Some(error) = res.response().error() else {
        return routing_failure(res).map_or(Kind::Success, Kind::Routing);
    };
    if res.request().extensions().contains::<Handled>() {
        // An inner `ExceptionHandlers` answered it; the error rides along.
        return Kind::Success;
    }
    classify_error(registry, error, Some(res.request()))
}

/// Whether a handler of this scope's takes `error`, which lost its request
/// (a panic's, an inner middleware's `Err`). Without the request, actix's
/// extractor errors are not converted: their inputs are the request's.
pub(super) fn takes_lost(registry: &Registry, error: &Error) -> bool {
    let kind = classify_error(registry, error, None);
    first_pick(registry, &kind, error.as_response_error().status_code()).is_some()
}

/// The kind of `error`, returned for `req` if it is known.
fn classify_error(registry: &Registry, error: &Error, req: Option<&HttpRequest>) -> Kind {
    if let Some(index) = registry.for_exact_type(error) {
        Kind::Exact(index)
    } else if let Some(find) = api_error::probe(error) {
        Kind::Api(find)
    } else if error.as_error::<RequestValidationError>().is_some() {
        Kind::Validation
    } else if let Some(converted) = req.and_then(|req| actix::convert(error, req)) {
        Kind::Actix(Box::new(converted))
    } else if error.as_response_error().status_code().is_client_error() {
        Kind::ForeignClient(error.as_response_error().status_code())
    } else {
        Kind::Foreign
    }
}

/// A rate limiter's 429 (actix-governor's): a response, not an error, whose
/// body is not JSON (`Too many requests, retry in 3s`). Answered as an HTTP
/// error, keeping its headers (`retry-after`, `x-ratelimit-*`); a route's
/// own JSON 429 is left as it is.
fn rate_limited<B>(res: &ServiceResponse<B>) -> bool {
    !res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|media| {
            let essence = media.split(';').next().unwrap_or_default().trim();
            crate::model::header::is_json_media(essence)
        })
}

/// actix answers an unknown path with an empty 404, and a known path with the
/// wrong method with an empty 405 (`web::resource().route(..)`) or, when the
/// method is a guard on the resource itself (`#[get]`), an empty 404.
fn routing_failure<B: MessageBody>(res: &ServiceResponse<B>) -> Option<StatusCode> {
    let status = res.status();
    if status == StatusCode::TOO_MANY_REQUESTS {
        return rate_limited(res).then_some(status);
    }
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
    // Routes of our macros refused the method, and said which they serve.
    if req.extensions().contains::<Allowed>() {
        return Some(StatusCode::METHOD_NOT_ALLOWED);
    }
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

/// What to send for `res`: itself, a default handler's answer, or a custom
/// handler's (see the [module](super)); with the `metrics` feature, counted.
/// (Inlined into the middleware's `poll`, so that the response is not moved
/// once more on its way.)
#[inline(always)]
#[allow(
    clippy::inline_always,
    reason = "a call would move the response once more on every error (measured)"
)]
pub(super) fn answer<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
) -> Outcome<B> {
    #[cfg(feature = "metrics")]
    let started = std::time::Instant::now();
    let kind = classify(registry, &res);
    #[cfg(feature = "metrics")]
    let counted = counted(registry, &kind, &res, started);
    let outcome = dispatch(registry, res, kind);
    #[cfg(feature = "metrics")]
    let outcome = count(outcome, counted);
    outcome
}

/// An error about to be answered, for the metrics: `None` for a success, or
/// for what a scope leaves to the app's.
#[cfg(feature = "metrics")]
fn counted<B: MessageBody>(
    registry: &Registry,
    kind: &Kind,
    res: &ServiceResponse<B>,
    started: std::time::Instant,
) -> Option<super::metrics::Counted> {
    if matches!(kind, Kind::Success)
        || (registry.scoped && first_pick(registry, kind, res.status()).is_none())
    {
        return None;
    }
    let matched = !matches!(kind, Kind::Routing(StatusCode::NOT_FOUND));
    let code = code(kind, res);
    Some(super::metrics::Counted::start(
        res.request(),
        matched,
        code,
        started,
    ))
}

/// Counts `outcome` as `counted`'s answer, once its status is known.
#[cfg(feature = "metrics")]
fn count<B: 'static>(outcome: Outcome<B>, counted: Option<super::metrics::Counted>) -> Outcome<B> {
    let Some(counted) = counted else {
        return outcome;
    };
    match outcome {
        Outcome::Pass(res) => {
            counted.answered(res.status());
            Outcome::Pass(res)
        }
        Outcome::Replace(res) => {
            counted.answered(res.status());
            Outcome::Replace(res)
        }
        Outcome::Handle(fut) => Outcome::Handle(Box::pin(async move {
            let res = fut.await;
            counted.answered(res.status());
            res
        })),
    }
}

/// The code an error is counted by: its own, or its kind's.
#[cfg(feature = "metrics")]
fn code<B>(kind: &Kind, res: &ServiceResponse<B>) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;

    use crate::render::VALIDATION_CODE;
    let own = |error: &actix_web::Error| {
        let code = api_error::probe(error)
            .and_then(|find| find(error))
            .and_then(|view| view.code().map(str::to_owned));
        code.map(Cow::Owned)
    };
    let error = res.response().error();
    let code = match kind {
        Kind::Exact(_) | Kind::Api(_) => error.and_then(own),
        Kind::Actix(converted) => match &**converted {
            Converted::Http(exc) => exc.error_code().map(|code| Cow::Owned(code.to_owned())),
            Converted::Validation(_) => Some(Cow::Borrowed(VALIDATION_CODE)),
        },
        _ => None,
    };
    code.unwrap_or(Cow::Borrowed(match kind {
        Kind::Validation => VALIDATION_CODE,
        Kind::Exact(_)
            if error.is_some_and(|e| e.as_error::<RequestValidationError>().is_some()) =>
        {
            VALIDATION_CODE
        }
        _ if res.status().is_server_error() || matches!(kind, Kind::Foreign) => "server_error",
        _ => "http_error",
    }))
}

/// What to send for `res`, of `kind`.
fn dispatch<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    mut res: ServiceResponse<B>,
    kind: Kind,
) -> Outcome<B> {
    let pick = first_pick(registry, &kind, res.status());
    if registry.scoped && pick.is_none() {
        // A scope's `ExceptionHandlers` leaves what it has no handler for
        // to the app's (and a success is a success).
        return Outcome::Pass(res);
    }
    if res.status().is_server_error() {
        match kind {
            // Answered by an inner `ExceptionHandlers`, which logged it.
            Kind::Success => {}
            // A handler of its own type answers it: the error is the
            // handler's to log, as in FastAPI.
            Kind::Exact(_) => drop(PendingLog::take(res.response_mut())),
            _ => log_built(&mut res),
        }
    }
    let format = &registry.format;
    if !matches!(kind, Kind::Success) {
        format.carry(res.request());
    }
    match kind {
        Kind::Validation if !format.is_own_response() => {
            match res
                .response()
                .error()
                .and_then(|e| e.as_error::<RequestValidationError>())
            {
                Some(exc) => {
                    let response =
                        handlers::request_validation_exception_handler(res.request(), exc);
                    Outcome::Replace(replace(res, response))
                }
                None => Outcome::Pass(res),
            }
        }
        Kind::Success | Kind::Validation => Outcome::Pass(res),
        Kind::Exact(index) => Outcome::Handle(handle(
            registry,
            res,
            (Pick::Type(index), None),
            Subject::Returned(index),
        )),
        Kind::Api(find) => {
            if pick.is_none() && format.is_own_response() {
                return Outcome::Pass(res);
            }
            let error = res.response().error().and_then(find);
            let Some(exc) = error.map(|error| view(format, res.request(), error, res.headers()))
            else {
                return Outcome::Pass(res);
            };
            if let Some(pick) = pick {
                Outcome::Handle(handle(registry, res, (pick, None), Subject::Http(exc)))
            } else {
                let response = handlers::http_exception_handler(res.request(), &exc);
                Outcome::Replace(replace(res, response))
            }
        }
        Kind::Routing(status) => http_error(registry, res, status, pick),
        Kind::Actix(converted) => match *converted {
            Converted::Http(exc) => http_exception(registry, res, exc, pick),
            Converted::Validation(exc) => {
                if let Some(pick) = pick {
                    return Outcome::Handle(handle(
                        registry,
                        res,
                        (pick, None),
                        Subject::Validation(exc),
                    ));
                }
                let response = handlers::request_validation_exception_handler(res.request(), &exc);
                Outcome::Replace(replace(res, response))
            }
        },
        Kind::ForeignClient(status) => {
            if let Some(error) = res.response().error() {
                tracing::debug!(
                    status = status.as_u16(),
                    request_id = %RequestId::of(res.request()),
                    method = %res.request().method(),
                    path = res.request().path(),
                    cause = %error,
                    "client error from a type without #[api_error]; sending its reason phrase",
                );
            }
            http_error(registry, res, status, pick)
        }
        Kind::Foreign => server_error(registry, res, pick),
    }
}

/// A 5xx built where no request is known — a concealed `#[api_error]`, a
/// route's `ServerError` — left its log line pending on the response: it is
/// written here instead, with the request's id, which becomes its
/// `x-error-id`.
fn log_built<B>(res: &mut ServiceResponse<B>) {
    let Some(logged) = PendingLog::take(res.response_mut()) else {
        return;
    };
    // Without an id from its headers, the request's is the one its response
    // was given.
    let id = RequestId::of_or(res.request(), || logged.id().clone());
    logged.write(&id, Some(res.request()));
    if let Some(id) = id.header_value() {
        res.headers_mut().insert(ERROR_ID_HEADER, id);
    }
}

/// The first custom handler of `registry` for `kind`, on a response with
/// `status`, in the order of the [module](super); `None` for a success, or
/// for an error only a default answers.
fn first_pick(registry: &Registry, kind: &Kind, status: StatusCode) -> Option<Pick> {
    match kind {
        Kind::Success | Kind::Validation => None,
        Kind::Exact(index) => Some(Pick::Type(*index)),
        // An `#[api_error]` response's status is the error's.
        Kind::Api(_) => registry.for_http(status),
        Kind::Routing(status) | Kind::ForeignClient(status) => registry.for_http(*status),
        Kind::Actix(converted) => match &**converted {
            Converted::Http(exc) => registry.for_http(exc.status()),
            Converted::Validation(_) => registry.for_type::<RequestValidationError>(),
        },
        Kind::Foreign => registry
            .for_type::<ServerError>()
            .or_else(|| registry.for_status(StatusCode::INTERNAL_SERVER_ERROR)),
    }
}

/// The `HttpException` a handler gets for the `#[api_error]` value (or
/// `HttpException`) that `res` carries, if it carries one.
fn returned_view<B>(
    format: &Format,
    req: &HttpRequest,
    res: &actix_web::HttpResponse<B>,
) -> Option<HttpException> {
    let error = res.error()?;
    let find = api_error::probe(error)?;
    Some(view(format, req, find(error)?, res.headers()))
}

/// `error` as an `HttpException` in `format`. A 5xx `#[api_error]` without a
/// written detail logged its cause with an id and sends it (in `headers`):
/// the view carries the same id.
fn view(
    format: &Format,
    req: &HttpRequest,
    error: &dyn View,
    headers: &HeaderMap,
) -> HttpException {
    let exc = format.view(req, error);
    match headers.get(ERROR_ID_HEADER) {
        Some(id) if exc.status().is_server_error() => {
            exc.with_checked_headers(&[(ERROR_ID_HEADER, id.clone())])
        }
        _ => exc,
    }
}

/// A routing or foreign client error: an `HttpException` with the status's
/// reason phrase, and for a custom handler, the original response's headers
/// (`Allow`, `WWW-Authenticate`, ...; the default's answer keeps them as
/// every answer does, [`keep_headers`]).
fn http_error<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    status: StatusCode,
    pick: Option<Pick>,
) -> Outcome<B> {
    let mut shown: Vec<(HeaderName, HeaderValue)> = Vec::new();
    if pick.is_some() {
        shown.extend(
            res.headers()
                .iter()
                .filter(|(name, _)| {
                    !matches!(*name, &header::CONTENT_TYPE | &header::CONTENT_LENGTH)
                })
                .map(|(name, value)| (name.clone(), value.clone())),
        );
    }
    if status == StatusCode::METHOD_NOT_ALLOWED
        && !res.headers().contains_key(header::ALLOW)
        && let Some(allow) = res
            .request()
            .extensions()
            .get::<Allowed>()
            .and_then(Allowed::header)
    {
        shown.push((header::ALLOW, allow));
    }
    let exc = HttpException::from_status(status).with_checked_headers(&shown);
    http_exception(registry, res, exc, pick)
}

/// Steps 2 to 4 for an `HttpException` made here, whose first handler is
/// `pick`.
fn http_exception<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    exc: HttpException,
    pick: Option<Pick>,
) -> Outcome<B> {
    if let Some(pick) = pick {
        return Outcome::Handle(handle(registry, res, (pick, None), Subject::Http(exc)));
    }
    let response = handlers::http_exception_handler(res.request(), &exc);
    Outcome::Replace(replace(res, response))
}

fn server_error<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    pick: Option<Pick>,
) -> Outcome<B> {
    // A route's own `ServerError` was logged by `log_built`; anything else
    // is logged here, with the request's id.
    let req = res.request();
    let id = RequestId::of(req);
    let error = res.response().error();
    let exc = if let Some(returned) = error.and_then(|error| error.as_error::<ServerError>()) {
        ServerError::with_id(id, returned.cause().to_owned())
    } else {
        let cause = error.map_or_else(String::new, ToString::to_string);
        let debug = error.map(|error| error as &dyn std::fmt::Debug);
        server::log(&id, Some(req), 500, None, &cause, debug);
        ServerError::with_id(id, cause)
    };
    match pick {
        // `ServerError`'s handler gets the error itself; a status handler
        // gets it as an `HttpException`.
        Some(pick @ Pick::Type(_)) => {
            return Outcome::Handle(handle(registry, res, (pick, None), Subject::Server(exc)));
        }
        Some(pick @ Pick::Status(_)) => {
            let view = server_view(&exc);
            return Outcome::Handle(handle(
                registry,
                res,
                (pick, Some(view)),
                Subject::Server(exc),
            ));
        }
        None => {}
    }
    let response = handlers::server_error_handler(res.request(), &exc);
    Outcome::Replace(replace(res, response))
}

/// A server error as the `HttpException` a `status = 500` handler gets.
fn server_view(exc: &ServerError) -> HttpException {
    HttpException::from_status(StatusCode::INTERNAL_SERVER_ERROR).header(ERROR_ID_HEADER, exc.id())
}

/// The exception a custom handler receives.
enum Subject {
    /// The error the route returned, found through this type entry.
    Returned(usize),
    Http(HttpException),
    Validation(RequestValidationError),
    Server(ServerError),
}

/// Runs a custom handler (`first`, with the `HttpException` it gets if not
/// `subject` itself), and the next candidate while they decline. If one
/// panics, the default handler answers instead, and the panic is logged. When
/// every candidate declines, the default answers; in a scope, the response
/// passes out untouched, for the app's `ExceptionHandlers`.
fn handle<B: MessageBody + 'static>(
    registry: &Rc<Registry>,
    res: ServiceResponse<B>,
    first: (Pick, Option<HttpException>),
    subject: Subject,
) -> LocalBoxFuture<'static, ServiceResponse> {
    let registry = Rc::clone(registry);
    Box::pin(async move {
        let (req, res) = res.into_parts();
        let mut candidate = Some(first);
        let response = loop {
            let Some((pick, view)) = candidate.take() else {
                if registry.scoped {
                    // Not this scope's: the format it carried is not the app's.
                    req.extensions_mut().remove::<Format>();
                    return ServiceResponse::new(req, res.map_into_boxed_body());
                }
                break default(&req, &res, &subject);
            };
            let handler = registry.handler(pick);
            let exc: Option<&dyn Any> = match (&view, &subject) {
                (Some(view), _) | (None, Subject::Http(view)) => Some(view),
                (None, Subject::Returned(index)) => res
                    .error()
                    .and_then(|error| registry.find_returned(*index, error)),
                (None, Subject::Validation(exc)) => Some(exc),
                (None, Subject::Server(exc)) => Some(exc),
            };
            let ran =
                match exc.map(|exc| catch_unwind(AssertUnwindSafe(|| handler.handle(&req, exc)))) {
                    Some(Ok(Some(fut))) => AssertUnwindSafe(fut).catch_unwind().await,
                    Some(Err(panic)) => Err(panic),
                    Some(Ok(None)) | None => Ok(None),
                };
            match ran {
                Ok(Some(response)) => break Some(response),
                Ok(None) => candidate = next(&registry, pick, view, &subject, &req, &res),
                Err(panic) => {
                    tracing::error!(
                        handler = handler.name(),
                        request_id = %RequestId::of(&req),
                        method = %req.method(),
                        path = req.path(),
                        panic = %PanicMessage(&*panic),
                        "exception handler panicked; the default handler answered instead",
                    );
                    break default(&req, &res, &subject);
                }
            }
        };
        let response = answered(&req, res, response);
        ServiceResponse::new(req, response)
    })
}

/// The candidate after `pick` declined, and the `HttpException` it gets if
/// not `subject` itself: a returned `#[api_error]` value's status handler,
/// then the `HttpException` one; a status handler's, the `HttpException`
/// one; a `ServerError`'s, the `status = 500` one.
fn next<B: MessageBody>(
    registry: &Registry,
    pick: Pick,
    view: Option<HttpException>,
    subject: &Subject,
    req: &HttpRequest,
    res: &actix_web::HttpResponse<B>,
) -> Option<(Pick, Option<HttpException>)> {
    match (subject, view) {
        (Subject::Returned(_), None) => {
            let view = returned_view(&Format::of(req), req, res)?;
            Some((registry.for_http(view.status())?, Some(view)))
        }
        (Subject::Server(exc), None) => Some((
            registry.for_status(StatusCode::INTERNAL_SERVER_ERROR)?,
            Some(server_view(exc)),
        )),
        (Subject::Returned(_) | Subject::Http(_), view) => {
            Some((registry.after_for_http(pick)?, view))
        }
        (Subject::Validation(_) | Subject::Server(_), _) => None,
    }
}

/// What the default handler for `subject` answers; `None` if it is the
/// response the route gave (an API or validation error's own).
fn default<B: MessageBody + 'static>(
    req: &HttpRequest,
    res: &actix_web::HttpResponse<B>,
    subject: &Subject,
) -> Option<HttpResponse> {
    match subject {
        Subject::Returned(_) => {
            let format = Format::of(req);
            if format.is_own_response() {
                return None;
            }
            if let Some(exc) = returned_view(&format, req, res) {
                Some(handlers::http_exception_handler(req, &exc))
            } else {
                let exc = res.error()?.as_error::<RequestValidationError>()?;
                Some(handlers::request_validation_exception_handler(req, exc))
            }
        }
        Subject::Http(exc) => Some(handlers::http_exception_handler(req, exc)),
        Subject::Validation(exc) => Some(handlers::request_validation_exception_handler(req, exc)),
        Subject::Server(exc) => Some(handlers::server_error_handler(req, exc)),
    }
}

/// Set on a request whose error this middleware answered, so that an outer
/// `ExceptionHandlers` lets the answer pass. (Not the route macros'
/// `route::Answered`, which is what a route's error type must be.)
struct Handled;

/// `answer` in place of the route's response.
fn replace<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
    answer: HttpResponse,
) -> ServiceResponse {
    let (req, original) = res.into_parts();
    let response = answered(&req, original, Some(answer));
    ServiceResponse::new(req, response)
}

/// What is sent for `original`: `answer` in its place, with the headers of
/// `original` it does not set ([`keep_headers`]), or (`None`) `original`
/// itself. If `original` carries an error, what is sent keeps it, so that
/// `response().error()` finds what the route returned (tests, error
/// reporters such as Sentry's), and the request is marked answered, so that an
/// outer `ExceptionHandlers` lets it pass. (Without an error there is nothing
/// to keep or mark, and the mark costs an allocation.)
fn answered<B: MessageBody + 'static>(
    req: &HttpRequest,
    mut original: actix_web::HttpResponse<B>,
    answer: Option<HttpResponse>,
) -> HttpResponse {
    if original.error().is_none() {
        // actix's routing 404 and 405, a rate limiter's 429.
        return match answer {
            Some(mut answer) => {
                keep_headers(original.headers(), answer.headers_mut());
                answer
            }
            None => original.map_into_boxed_body(),
        };
    }
    req.extensions_mut().insert(Handled);
    match answer {
        Some(mut answer) => {
            std::mem::swap(original.head_mut(), answer.head_mut());
            keep_headers(answer.headers(), original.headers_mut());
            original.set_body(answer.into_body())
        }
        None => original.map_into_boxed_body(),
    }
}

/// The headers of the response an answer replaces that the answer does not
/// set itself: what middleware inside this one added (CORS, a session's
/// `set-cookie`, a rate limit's), and the error's own (`www-authenticate`).
/// Those that describe the body, and the error id, are the answer's.
fn keep_headers(replaced: &HeaderMap, answer: &mut HeaderMap) {
    if replaced.is_empty() {
        // actix's routing 404 and 405 mostly: no table to walk.
        return;
    }
    for name in replaced.keys() {
        let the_answers = matches!(
            *name,
            header::CONTENT_TYPE
                | header::CONTENT_LENGTH
                | header::CONTENT_ENCODING
                | header::CONTENT_LANGUAGE
                | header::TRANSFER_ENCODING
        ) || name == ERROR_ID_HEADER;
        if !the_answers && !answer.contains_key(name) {
            for value in replaced.get_all(name) {
                answer.append(name.clone(), value.clone());
            }
        }
    }
}
