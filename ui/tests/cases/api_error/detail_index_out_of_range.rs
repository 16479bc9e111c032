use actix_api_error::api_error;

#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 409, detail = "Item {1} exists")]
    Exists(String),
}

fn main() {}
