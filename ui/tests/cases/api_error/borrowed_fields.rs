use actix_api_error::api_error;

#[api_error(status = 404, detail = "User {name} not found")]
#[derive(Debug)]
struct UserNotFound<'a> {
    name: &'a str,
}

fn main() {}
