use actix_api_error::api_error;

#[api_error(status = 422, code = "invalid_address", loc(post, "address"), detail = "Invalid address")]
#[derive(Debug)]
struct InvalidAddress;

fn main() {}
