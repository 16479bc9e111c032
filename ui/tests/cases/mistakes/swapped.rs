use actix_api_error::{exception_handler, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(HttpException)]
fn handler(exc: &HttpException, _req: &HttpRequest) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

fn main() {}
