use actix_api_error::{exception_handler, HttpException};
use actix_web::HttpRequest;

#[exception_handler(HttpException)]
fn handler(_req: &HttpRequest, exc: &HttpException) {
    println!("{exc}");
}

fn main() {
    let _ = actix_api_error::ExceptionHandlers::new().handler(handler);
}
