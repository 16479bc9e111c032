use actix_api_error::api_error;

#[api_error(status = 409, structured)]
#[derive(Debug)]
struct Conflict {
    #[api_error(detail)]
    existing: serde_json::Value,
}

fn main() {}
