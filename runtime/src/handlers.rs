//! The default handlers, public so that a custom handler can do its own thing
//! (log, count, add a header) and then delegate, as FastAPI's
//! `fastapi.exception_handlers` allows.
//!
//! ```
//! use actix_api_error::{exception_handler, handlers, HttpException};
//! use actix_web::{HttpRequest, HttpResponse};
//!
//! #[exception_handler(HttpException)]
//! async fn custom_http_exception_handler(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
//!     println!("OMG! An HTTP error!: {exc}");
//!     handlers::http_exception_handler(req, exc)
//! }
//! ```

use actix_web::{
    HttpRequest, HttpResponse, ResponseError,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};

use crate::{HttpException, RequestValidationError, ServerError, response};

/// The header that carries a [`ServerError`]'s id.
pub const ERROR_ID_HEADER: HeaderName = HeaderName::from_static("x-error-id");

/// `{"detail": <detail>}` with the exception's status and headers; no body for
/// 1xx, 204, 205 and 304.
pub fn http_exception_handler(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    exc.error_response()
}

/// 422 `{"detail": [<each error>]}`.
pub fn request_validation_exception_handler(
    _req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    exc.error_response()
}

/// 500 `{"detail":"Internal Server Error"}` with the error id in `x-error-id`.
pub fn server_error_handler(_req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    let id = HeaderValue::from_str(exc.id()).ok();
    response::static_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        response::INTERNAL_SERVER_ERROR_BODY,
        id.map(|id| (ERROR_ID_HEADER, id)).as_slice(),
    )
}
