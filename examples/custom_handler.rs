//! `#[exception_handler]`: FastAPI's `@app.exception_handler(UnicornException)`.
//!
//! `UnicornException` is an error of the app. Unhandled it would be a 500 (its
//! `#[api_error(status = 500)]`); the handler answers 418 with its own body.
//!
//! ```sh
//! cargo run --example custom_handler
//! curl -i http://127.0.0.1:8000/unicorns/yolo   # 418 {"message":"Oops! yolo did something. ..."}
//! curl -i http://127.0.0.1:8000/unicorns/rainbow  # 200 {"unicorn_name":"rainbow"}
//! ```

use actix_api_error::{ExceptionHandlers, api_error, exception_handler, get};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::json;

#[api_error(status = 500)]
#[derive(Debug)]
struct UnicornException {
    name: String,
}

#[exception_handler(UnicornException)]
async fn unicorn_exception_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
    HttpResponse::ImATeapot().json(json!({
        "message": format!("Oops! {} did something. There goes a rainbow...", exc.name),
    }))
}

#[get("/unicorns/{name}")]
async fn read_unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornException> {
    let name = name.into_inner();
    if name == "yolo" {
        return Err(UnicornException { name });
    }
    Ok(HttpResponse::Ok().json(json!({ "unicorn_name": name })))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(unicorn_exception_handler))
            .service(read_unicorn)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/unicorns/yolo", "/unicorns/rainbow"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
