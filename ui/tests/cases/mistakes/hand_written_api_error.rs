use actix_api_error::{ApiError, HttpException};
use actix_web::ResponseError;

#[derive(Debug)]
struct Teapot;

impl std::fmt::Display for Teapot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I'm a teapot")
    }
}

impl std::error::Error for Teapot {}

impl ResponseError for Teapot {}

impl ApiError for Teapot {
    fn to_http_exception(&self) -> HttpException {
        HttpException::from_status(418)
    }
}

fn main() {}
