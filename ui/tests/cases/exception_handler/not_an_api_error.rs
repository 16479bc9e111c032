use actix_api_error::exception_handler;
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(String)]
async fn string_handler(_req: &HttpRequest, exc: &String) -> HttpResponse {
    HttpResponse::BadRequest().body(exc.clone())
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(string_handler);
}
