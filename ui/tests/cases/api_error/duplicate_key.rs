use actix_api_error::api_error;

#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found", status = 410)]
    NotFound,
}

fn main() {}
