use actix_api_error::api_error;

#[api_error(status = 401, headers(("WWW-Authenticate", "Bearer")), without_headers("X-Api"))]
#[derive(Debug)]
enum AuthError {
    #[api_error(without_headers("X-Token"))]
    Missing,
    #[api_error(headers(("www-authenticate", "Basic")), without_headers("WWW-Authenticate"))]
    Both,
}

fn main() {}
