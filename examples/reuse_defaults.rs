//! Re-using the default handlers: FastAPI's tutorial 006.
//!
//! Each custom handler logs a line, then hands the error to the default
//! handler, so clients see exactly the default responses.
//!
//! ```sh
//! cargo run --example reuse_defaults
//! curl -i http://127.0.0.1:8000/items/foo   # 422 {"detail":[{"type":"int_parsing",...}]}, and a log line
//! curl -i http://127.0.0.1:8000/items/3     # 418 {"detail":"Nope! I don't like 3."}, and a log line
//! ```

use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, exception_handler, extract::Path,
    get, handlers,
};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use serde_json::json;

#[exception_handler(HttpException)]
async fn custom_http_exception_handler(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    tracing::info!("OMG! An HTTP error!: {exc}");
    handlers::http_exception_handler(req, exc)
}

#[exception_handler(RequestValidationError)]
async fn validation_exception_handler(
    req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    tracing::info!("OMG! The client sent invalid data!: {exc}");
    handlers::request_validation_exception_handler(req, exc)
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
                    .handler(custom_http_exception_handler)
                    .handler(validation_exception_handler),
            )
            .service(read_item)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items/foo", "/items/3", "/items/2"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
