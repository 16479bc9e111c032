use actix_api_error::exception_handler;
use actix_web::{HttpRequest, HttpResponse};

#[derive(Debug)]
struct UnicornException {
    name: String,
}

#[exception_handler(UnicornException)]
async fn unicorn_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
    HttpResponse::ImATeapot().body(exc.name.clone())
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(unicorn_handler);
}
