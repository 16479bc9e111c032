use actix_api_error::{exception_handler, HttpException, RequestValidationError};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(HttpException)]
fn handler(_req: &HttpRequest, exc: &RequestValidationError) -> HttpResponse {
    HttpResponse::BadRequest().body(exc.to_string())
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
