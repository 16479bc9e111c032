use actix_api_error::{exception_handler, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(HttpException)]
async fn handler(_req: &HttpRequest, exc: HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
