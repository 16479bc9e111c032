use actix_api_error::api_error;

#[api_error(status = 404, detial = "Item not found")]
#[derive(Debug)]
struct NotFound;

fn main() {}
