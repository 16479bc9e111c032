use actix_api_error::api_error;

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(code = "Item Not Found")]
    NotFound,
}

#[api_error(status = 404, code = "item_error")]
#[derive(Debug)]
enum ShelfError {
    Missing,
    Empty,
}

fn main() {}
