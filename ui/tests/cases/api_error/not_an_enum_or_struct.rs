use actix_api_error::api_error;

#[api_error(status = 404)]
fn not_found() {}

fn main() {}
