use actix_api_error::api_error;
use actix_web::{get, HttpResponse};

#[api_error(status = 404, detail = "Item not found")]
struct ItemNotFound;

#[get("/items/{id}")]
async fn read_item() -> Result<HttpResponse, ItemNotFound> {
    Err(ItemNotFound)
}

fn main() {}
