use actix_api_error::api_error;

#[api_error(status = 404, headers(("X-Error", "oops\r\nSet-Cookie: a=b")))]
#[derive(Debug)]
struct NotFound;

fn main() {}
