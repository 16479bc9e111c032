use actix_api_error::{exception_handler, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler]
fn handler(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
