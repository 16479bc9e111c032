//! `ExceptionHandler`: what `#[exception_handler]` turns a function into.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use futures_util::future::LocalBoxFuture;

use crate::error::api_error::Exception;

/// A custom handler for one kind of error, registered with
/// [`ExceptionHandlers::handler`](crate::ExceptionHandlers::handler).
///
/// Write it with `#[exception_handler(T)]` on a function
/// `(req: &HttpRequest, exc: &T) -> impl Responder`, sync or async; the function
/// becomes a unit value of the same name, as actix's `#[get]` does. A function
/// that returns `Option<impl Responder>` may decline with `None`.
///
/// ```
/// use actix_api_error::{api_error, exception_handler, ExceptionHandlers, HttpException};
/// use actix_web::{HttpRequest, HttpResponse};
///
/// #[api_error(status = 500)]
/// #[derive(Debug)]
/// struct UnicornException {
///     name: String,
/// }
///
/// #[exception_handler(UnicornException)]
/// async fn unicorn_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
///     HttpResponse::ImATeapot().json(serde_json::json!({
///         "message": format!("Oops! {} did something. There goes a rainbow...", exc.name),
///     }))
/// }
///
/// #[exception_handler(status = 404)]
/// fn not_found(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
///     HttpResponse::NotFound().body(exc.detail().to_string())
/// }
///
/// let handlers = ExceptionHandlers::new().handler(unicorn_handler).handler(not_found);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an exception handler",
    label = "not an exception handler",
    note = "add `#[exception_handler(MyError)]` (or `#[exception_handler(status = 404)]`) to the \
            function: it turns `fn(req: &HttpRequest, exc: &MyError) -> impl Responder` into a \
            handler value"
)]
pub trait ExceptionHandler: 'static {
    /// The error this handler receives: an `#[api_error]` type,
    /// [`HttpException`](crate::HttpException) (also for status handlers),
    /// [`RequestValidationError`](crate::RequestValidationError) or
    /// [`ServerError`](crate::ServerError).
    type Exception: Exception;

    /// The function's name, for messages.
    fn name(&self) -> &'static str;

    /// `Some` for a handler registered by status code (`#[exception_handler(status = 404)]`).
    fn status(&self) -> Option<StatusCode> {
        None
    }

    /// Builds the response; `None` declines the error, and the next
    /// candidate answers it (a handler written `-> Option<impl Responder>`).
    fn handle<'a>(
        &'a self,
        req: &'a HttpRequest,
        exc: &'a Self::Exception,
    ) -> LocalBoxFuture<'a, Option<HttpResponse>>;
}
