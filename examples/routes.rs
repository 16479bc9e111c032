//! Route macros: every argument's errors in one 422, 405 with `Allow`, and
//! error types checked at compile time.
//!
//! ```sh
//! cargo run --example routes --features validator
//! curl -i -X POST 'http://127.0.0.1:8000/items/x?limit=y' \
//!      -H 'content-type: application/json' -d '{"name": 1}'   # one 422, six errors
//! curl -i -X PUT http://127.0.0.1:8000/items/1                 # 405, Allow: GET, POST, DELETE
//! curl -i http://127.0.0.1:8000/items/7                        # 404 {"detail":"Item not found"}
//! ```

use actix_api_error::{
    ExceptionHandlers, api_error, delete,
    extract::{Header, Json, Path, Query, Valid},
    get, post,
};
use actix_web::{App, HttpResponse, HttpServer};
use serde::{Deserialize, Serialize};
use serde_json::json;
use validator::Validate;

#[derive(Deserialize, Serialize)]
struct Item {
    name: String,
    price: f64,
    tags: Vec<String>,
}

#[derive(Deserialize, Validate)]
struct Paging {
    #[validate(range(max = 100))]
    limit: u32,
}

#[derive(Deserialize)]
struct Token {
    x_token: String,
}

#[api_error(status = 404, detail = "Item not found")]
#[derive(Debug)]
struct ItemNotFound;

#[get("/items/{item_id}")]
async fn read_item(Path(item_id): Path<u32>) -> Result<HttpResponse, ItemNotFound> {
    if item_id != 1 {
        return Err(ItemNotFound);
    }
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id, "name": "towel" })))
}

#[post("/items/{item_id}")]
async fn create_item(
    Path(item_id): Path<u32>,
    Valid(Query(paging)): Valid<Query<Paging>>,
    token: Header<Token>,
    item: Json<Item>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "item_id": item_id,
        "limit": paging.limit,
        "token": token.x_token,
        "item": item.into_inner(),
    }))
}

#[delete("/items/{item_id}")]
async fn delete_item(Path(item_id): Path<u32>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "deleted": item_id }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT is a number"));
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(read_item)
            .service(create_item)
            .service(delete_item)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
