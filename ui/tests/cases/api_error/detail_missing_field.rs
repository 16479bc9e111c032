use actix_api_error::api_error;

#[api_error(status = 404, detail = "User {username} not found")]
#[derive(Debug)]
struct UserNotFound {
    name: String,
}

fn main() {}
