use actix_api_error::get;
use actix_web::{App, HttpResponse};

#[derive(Debug, thiserror::Error)]
#[error("item {0} not found")]
struct ItemNotFound(u32);

#[get("/items/{id}")]
async fn read_item() -> Result<HttpResponse, ItemNotFound> {
    Err(ItemNotFound(1))
}

#[get("/file")]
async fn read_file() -> Result<String, std::io::Error> {
    std::fs::read_to_string("x")
}

#[get("/any")]
async fn any() -> Result<HttpResponse, actix_web::Error> {
    Ok(HttpResponse::Ok().finish())
}

fn main() {
    let _ = App::new().service(read_item).service(read_file).service(any);
}
