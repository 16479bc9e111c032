use actix_api_error::{exception_handler, HttpException};
use actix_web::HttpResponse;

#[exception_handler(HttpException)]
async fn handler(exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
