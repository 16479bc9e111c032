use actix_api_error::{exception_handler, HttpException};
use actix_web::{HttpRequest, HttpResponse};

#[exception_handler(HttpException)]
fn handler(req: HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::Ok().body(req.path().to_owned())
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
