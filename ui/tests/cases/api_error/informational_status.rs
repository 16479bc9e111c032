use actix_api_error::api_error;

#[api_error(status = 101, allow_non_error)]
#[derive(Debug)]
struct Switching;

fn main() {}
