//! `HttpException`: FastAPI's "Handling Errors" tutorial, first part.
//!
//! A route returns `Err(HttpException)` (with `?` from a helper, too) and the
//! client gets `{"detail": ...}`: text, or any JSON value.
//!
//! ```sh
//! cargo run --example http_exception            # PORT=8001 to change the port
//! curl -i http://127.0.0.1:8000/items/foo       # 200 {"item":"The Foo Wrestlers"}
//! curl -i http://127.0.0.1:8000/items/bar       # 404 {"detail":"Item not found"}
//! curl -i http://127.0.0.1:8000/items-json/bar  # 404 {"detail":{"data":"empty"}}
//! curl -i http://127.0.0.1:8000/nowhere         # 404 {"detail":"Not Found"}
//! curl -i -X POST http://127.0.0.1:8000/items/foo  # 405 {"detail":"Method Not Allowed"}
//! ```

use actix_api_error::{ExceptionHandlers, HttpException, get};
use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::json;

/// Looks an item up; a helper can fail with `?` like a route.
fn find_item(item_id: &str) -> Result<&'static str, HttpException> {
    match item_id {
        "foo" => Ok("The Foo Wrestlers"),
        _ => Err(HttpException::new(404, "Item not found")),
    }
}

#[get("/items/{item_id}")]
async fn read_item(item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    let item = find_item(&item_id)?;
    Ok(HttpResponse::Ok().json(json!({ "item": item })))
}

#[get("/items-json/{item_id}")]
async fn read_item_json(item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    if item_id.as_str() != "foo" {
        return Err(HttpException::new(404, json!({ "data": "empty" })));
    }
    Ok(HttpResponse::Ok().json(json!({ "item": "The Foo Wrestlers" })))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new().wrap(ExceptionHandlers::new()).service(read_item).service(read_item_json)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items/foo", "/items/bar", "/items-json/bar", "/nowhere"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    println!("  curl -i -X POST http://127.0.0.1:{port}/items/foo");
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
