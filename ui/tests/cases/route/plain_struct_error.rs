use actix_web::{get, HttpResponse};

#[derive(Debug)]
struct ItemNotFound;

#[get("/items/{id}")]
async fn read_item() -> Result<HttpResponse, ItemNotFound> {
    Err(ItemNotFound)
}

fn main() {}
