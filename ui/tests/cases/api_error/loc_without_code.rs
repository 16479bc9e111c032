use actix_api_error::api_error;

#[api_error(status = 404, loc(path, "user"), detail = "Unknown user")]
#[derive(Debug)]
struct UnknownUser;

fn main() {}
