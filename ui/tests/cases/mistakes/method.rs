use actix_api_error::{exception_handler, HttpException};
use actix_web::{HttpRequest, HttpResponse};

struct Handlers;

impl Handlers {
    #[exception_handler(HttpException)]
    fn handler(&self, _req: &HttpRequest, exc: &HttpException) -> HttpResponse {
        HttpResponse::build(exc.status()).finish()
    }
}

fn main() {}
