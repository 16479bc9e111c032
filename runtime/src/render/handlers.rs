#![doc = include_str!("../../docs/handlers.md")]

use actix_web::{HttpRequest, HttpResponse};

pub use crate::error::server::ERROR_ID_HEADER;
use crate::{ApiError, HttpException, RequestValidationError, ServerError, render::Format};

/// `{"detail": <detail>}` with the exception's status and headers; no body for
/// 1xx, 204, 205 and 304. Problem details under
/// [`ExceptionHandlers::problem_details`](crate::ExceptionHandlers::problem_details).
pub fn http_exception_handler(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    Format::of(req).http(exc)
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
    let format = Format::of(req);
    if format.is_own_response() {
        return exc.error_response();
    }
    format.http(&exc.to_http_exception())
}

/// 422 `{"detail": [<each error>]}`, or its problem details.
pub fn request_validation_exception_handler(
    req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    Format::of(req).validation(exc)
}

/// 500 `{"detail":"Internal Server Error"}` with the error id in `x-error-id`
/// (with [`ExceptionHandlers::debug`](crate::ExceptionHandlers::debug), also its
/// `error_id` and `cause`), or its problem details.
pub fn server_error_handler(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    Format::of(req).server(exc)
}
