use actix_api_error::api_error;

#[api_error(status = 422, detail = "Invalid")]
#[derive(Debug)]
struct Invalid {
    #[api_error(detail)]
    errors: serde_json::Value,
}

fn main() {}
