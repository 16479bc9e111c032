use actix_api_error::api_error;

#[api_error(status = 200, detail = "All good?")]
#[derive(Debug)]
struct NotAnError;

fn main() {}
