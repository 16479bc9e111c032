use actix_api_error::api_error;

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(code = "not_found", detail = "Shelf not found")]
    ShelfMissing,
    #[api_error(status = 410, detail = "Item gone")]
    Gone,
    #[api_error(status = 410, detail = "Shelf gone")]
    GONE,
}

fn main() {}
