use actix_api_error::{exception_handler, HttpException};

#[exception_handler(HttpException)]
struct Handler;

fn main() {}
