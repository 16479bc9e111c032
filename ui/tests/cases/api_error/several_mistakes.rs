use actix_api_error::api_error;

// Every mistake of the item is reported in one compile.
#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 900)]
    Broken,
    #[api_error(status = 409, detail = "Item {name} exists")]
    Exists(String),
}

fn main() {}
