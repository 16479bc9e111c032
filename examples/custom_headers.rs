//! Custom headers on errors, and non-ASCII header text sent percent-encoded.
//!
//! Header values must be visible ASCII: `quote` percent-encodes text the way
//! Python's `urllib.parse.quote` does. A value with CR, LF or NUL is never sent.
//!
//! ```sh
//! cargo run --example custom_headers
//! curl -i http://127.0.0.1:8000/items-header/bar   # 404, x-error: There goes my error
//! curl -i http://127.0.0.1:8000/items-unicode/bar  # 404, my-header: this%20is%20my%20header...
//! ```

use actix_api_error::{ExceptionHandlers, HttpException, api_error, get, quote};
use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::json;

/// The same error as an `#[api_error]` type: the header is checked at compile time.
#[api_error(status = 404, detail = "Item not found", headers(("X-Error", "There goes my error")))]
#[derive(Debug)]
struct ItemNotFound;

#[get("/items-header/{item_id}")]
async fn read_item_header(item_id: web::Path<String>) -> Result<HttpResponse, ItemNotFound> {
    match item_id.as_str() {
        "foo" => Ok(HttpResponse::Ok().json(json!({ "item": "The Foo Wrestlers" }))),
        _ => Err(ItemNotFound),
    }
}

#[get("/items-unicode/{item_id}")]
async fn read_item_unicode(item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    if item_id.as_str() != "foo" {
        return Err(HttpException::new(404, "Item not found")
            .header("my-header", quote("this is my header error info 中文信息"))
            .header("Content-Type", "application/json; charset=utf-8"));
    }
    Ok(HttpResponse::Ok().json(json!({ "item": "The Foo Wrestlers" })))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(read_item_header)
            .service(read_item_unicode)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items-header/bar", "/items-unicode/bar", "/items-header/foo"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
