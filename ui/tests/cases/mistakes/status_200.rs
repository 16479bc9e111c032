use actix_api_error::{exception_handler, ExceptionHandlers, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(status = 302)]
fn redirect(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

#[exception_handler(status = 101)]
fn upgrade(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {
    let _ = ExceptionHandlers::new().handler(redirect);
    let _ = ExceptionHandlers::new().handler(upgrade);
}
