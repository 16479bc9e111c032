use actix_api_error::api_error;

#[api_error(status = 404, headers(("X Error", "There goes my error")))]
#[derive(Debug)]
struct NotFound;

fn main() {}
