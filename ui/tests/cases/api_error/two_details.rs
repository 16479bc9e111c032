use actix_api_error::api_error;

#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 422, detail = "Invalid")]
    Invalid(#[api_error(detail)] serde_json::Value),
}

fn main() {}
