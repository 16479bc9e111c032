use actix_api_error::api_error;

#[api_error(status = 700)]
#[derive(Debug)]
struct Weird;

fn main() {}
