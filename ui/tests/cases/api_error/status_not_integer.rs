use actix_api_error::api_error;

#[api_error(status = "404")]
#[derive(Debug)]
struct NotFound;

fn main() {}
