//! Overriding the default handlers: FastAPI's tutorial 004.
//!
//! HTTP errors become plain text (actix's own 404 included), and validation
//! errors a 400 listing each failing field.
//!
//! ```sh
//! cargo run --example override_defaults
//! curl -i http://127.0.0.1:8000/items/3     # 418 text/plain: Nope! I don't like 3.
//! curl -i http://127.0.0.1:8000/items/foo   # 400 text/plain: Validation errors: ...
//! curl -i http://127.0.0.1:8000/items/2     # 200 {"item_id":2}
//! curl -i http://127.0.0.1:8000/nowhere     # 404 text/plain: Not Found
//! ```

use actix_api_error::{
    ExceptionHandlers, HttpException, LocItem, RequestValidationError, exception_handler,
    extract::Path, get,
};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use serde_json::json;

#[exception_handler(HttpException)]
async fn http_exception_handler(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status())
        .content_type("text/plain; charset=utf-8")
        .body(exc.detail().to_string())
}

#[exception_handler(RequestValidationError)]
async fn validation_exception_handler(
    _req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    let mut message = String::from("Validation errors:");
    for error in exc.errors() {
        message.push_str(&format!("\nField: {}, Error: {}", python_tuple(&error.loc), error.msg));
    }
    HttpResponse::BadRequest().content_type("text/plain; charset=utf-8").body(message)
}

/// A `loc` as Python prints the tuple: `('path', 'item_id')`.
fn python_tuple(loc: &[LocItem]) -> String {
    let items: Vec<String> = loc
        .iter()
        .map(|item| match item {
            LocItem::Key(key) => format!("'{key}'"),
            LocItem::Index(index) => index.to_string(),
        })
        .collect();
    match items.as_slice() {
        [one] => format!("({one},)"),
        items => format!("({})", items.join(", ")),
    }
}

#[get("/items/{item_id}")]
async fn read_item(Path(item_id): Path<i64>) -> Result<HttpResponse, HttpException> {
    if item_id == 3 {
        return Err(HttpException::new(418, "Nope! I don't like 3."));
    }
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id })))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(http_exception_handler)
                    .handler(validation_exception_handler),
            )
            .service(read_item)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items/3", "/items/foo", "/items/2", "/nowhere"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
