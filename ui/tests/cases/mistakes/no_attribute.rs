use actix_api_error::{ExceptionHandlers, HttpException};
use actix_web::{HttpRequest, HttpResponse};

async fn handler(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = ExceptionHandlers::new().handler(handler);
}
