use actix_api_error::post;
use actix_web::{App, HttpResponse, web};

#[derive(serde::Deserialize)]
struct Item {
    name: String,
}

// actix's `Option<web::Json<T>>` is `None` for `{"name": 1}` too.
#[post("/items")]
async fn create(item: Option<web::Json<Item>>) -> HttpResponse {
    HttpResponse::Ok().body(item.map_or_else(String::new, |item| item.name.clone()))
}

fn main() {
    let _ = App::new().service(create);
}
