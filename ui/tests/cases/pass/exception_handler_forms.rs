//! Every form `#[exception_handler]` accepts.
use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, ServerError, api_error,
    exception_handler,
};
use actix_web::{HttpRequest, HttpResponse, Responder};

#[api_error(status = 500)]
#[derive(Debug)]
struct Mine;

#[exception_handler(Mine)]
async fn async_fn(_req: &HttpRequest, _exc: &Mine) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[exception_handler(HttpException)]
fn sync_fn(_: &HttpRequest, exc: &HttpException) -> impl Responder + use<> {
    exc.detail().to_string()
}

#[exception_handler(RequestValidationError)]
async fn validation(_req: &HttpRequest, exc: &RequestValidationError) -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(400, exc.to_string()))
}

/// Documented, public.
#[exception_handler(ServerError)]
pub fn server(_req: &HttpRequest, exc: &ServerError) -> String {
    exc.id().to_owned()
}

#[exception_handler(status = 404)]
pub(crate) async fn not_found(_req: &HttpRequest, _exc: &HttpException) -> &'static str {
    "not found"
}

#[exception_handler(status = 307, allow_non_error)]
fn redirect(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = ExceptionHandlers::new()
        .handler(async_fn)
        .handler(sync_fn)
        .handler(validation)
        .handler(server)
        .handler(not_found)
        .handler(redirect);
}
