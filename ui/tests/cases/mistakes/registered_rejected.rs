use actix_api_error::{exception_handler, ExceptionHandlers, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(HttpException)]
async fn handler(_req: &HttpRequest, exc: HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

#[exception_handler]
fn no_target(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = ExceptionHandlers::new().handler(handler);
    let _ = ExceptionHandlers::new().handler(no_target);
}
