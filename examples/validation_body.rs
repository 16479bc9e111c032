//! Using the received body in a validation handler: FastAPI's tutorial 005.
//!
//! The 422 keeps FastAPI's errors and adds the body that was sent.
//!
//! ```sh
//! cargo run --example validation_body
//! curl -i -X POST http://127.0.0.1:8000/items/ -H 'content-type: application/json' \
//!      -d '{"title": "towel", "size": "XL"}'   # 422 {"detail":[...],"body":{"title":"towel","size":"XL"}}
//! curl -i -X POST http://127.0.0.1:8000/items/ -H 'content-type: application/json' \
//!      -d '{"title": "towel", "size": 5}'      # 200 {"title":"towel","size":5}
//! ```

use actix_api_error::{
    ExceptionHandlers, RequestValidationError, exception_handler, extract::Json, post,
};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[exception_handler(RequestValidationError)]
async fn validation_exception_handler(
    _req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    HttpResponse::UnprocessableEntity().json(json!({
        "detail": exc.errors(),
        "body": exc.body(),
    }))
}

#[derive(Deserialize, Serialize)]
struct Item {
    title: String,
    size: i64,
}

#[post("/items/")]
async fn create_item(item: Json<Item>) -> Json<Item> {
    item
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(validation_exception_handler))
            .service(create_item)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    println!(
        "  curl -i -X POST http://127.0.0.1:{port}/items/ -H 'content-type: application/json' \
         -d '{{\"title\": \"towel\", \"size\": \"XL\"}}'"
    );
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
