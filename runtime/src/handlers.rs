#![doc = include_str!("../docs/handlers.md")]

use actix_web::{
    HttpRequest, HttpResponse, ResponseError,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};

use crate::{ApiError, HttpException, RequestValidationError, ServerError, problem, response};

/// The header that carries a [`ServerError`]'s id.
pub const ERROR_ID_HEADER: HeaderName = HeaderName::from_static("x-error-id");

/// `{"detail": <detail>}` with the exception's status and headers; no body for
/// 1xx, 204, 205 and 304.
pub fn http_exception_handler(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    if problem::enabled(req) {
        return problem::http(exc);
    }
    exc.error_response()
}

/// The response an `#[api_error]` type declares: what it sends when no handler
/// is registered for it. For a handler that logs, counts or adds a header, then
/// delegates.
///
/// ```
/// use actix_api_error::{api_error, exception_handler, handlers};
/// use actix_web::{HttpRequest, HttpResponse};
///
/// #[api_error(status = 409, detail = "Item exists")]
/// #[derive(Debug)]
/// struct Conflict;
///
/// #[exception_handler(Conflict)]
/// fn conflict(req: &HttpRequest, exc: &Conflict) -> HttpResponse {
///     let mut res = handlers::api_error_handler(req, exc);
///     res.headers_mut().insert(
///         actix_web::http::header::RETRY_AFTER,
///         actix_web::http::header::HeaderValue::from_static("5"),
///     );
///     res
/// }
/// ```
pub fn api_error_handler<E: ApiError>(req: &HttpRequest, exc: &E) -> HttpResponse {
    if problem::enabled(req) {
        return problem::http(&exc.to_http_exception());
    }
    exc.error_response()
}

/// 422 `{"detail": [<each error>]}`.
pub fn request_validation_exception_handler(
    req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    if problem::enabled(req) {
        return problem::validation(exc);
    }
    exc.error_response()
}

/// 500 `{"detail":"Internal Server Error"}` with the error id in `x-error-id`.
pub fn server_error_handler(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    if problem::enabled(req) {
        return problem::server(exc, false);
    }
    server_error_response(exc)
}

pub(crate) fn server_error_response(exc: &ServerError) -> HttpResponse {
    response::static_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        response::INTERNAL_SERVER_ERROR_BODY,
        error_id_header(exc).as_slice(),
    )
}

/// `x-error-id: <id>` for a server error.
pub(crate) fn error_id_header(exc: &ServerError) -> Option<(HeaderName, HeaderValue)> {
    HeaderValue::from_str(exc.id())
        .ok()
        .map(|id| (ERROR_ID_HEADER, id))
}
