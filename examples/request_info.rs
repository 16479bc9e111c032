//! A handler that reads the request: method, URL and headers in the error body.
//!
//! The error records when it happened and a unique id; its handler answers 400
//! with those and what the request was. Without the handler it would be a 500.
//!
//! ```sh
//! cargo run --example request_info
//! curl -i -X POST http://127.0.0.1:8000/raise_my_exception/raise  # 400 {"exception_occurred_time":...}
//! curl -i -X POST http://127.0.0.1:8000/raise_my_exception/calm   # 200 {"url":...,"method":"POST",...}
//! ```

use actix_api_error::{ExceptionHandlers, api_error, exception_handler, post};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Map, Value, json};

#[api_error(status = 500)]
#[derive(Debug)]
struct MyException {
    occurred_time: String,
    uuid: String,
}

impl MyException {
    fn new() -> Self {
        Self {
            occurred_time: chrono::Local::now()
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, false),
            uuid: uuid::Uuid::new_v4().simple().to_string(),
        }
    }
}

#[exception_handler(MyException)]
fn my_exception_handler(req: &HttpRequest, exc: &MyException) -> HttpResponse {
    HttpResponse::BadRequest().json(json!({
        "exception_occurred_time": exc.occurred_time,
        "exception_uuid": exc.uuid,
        "method": req.method().as_str(),
        "url": url(req),
        "headers": headers(req),
    }))
}

#[post("/raise_my_exception/{test_id}")]
async fn raise_my_exception(
    req: HttpRequest,
    test_id: web::Path<String>,
) -> Result<HttpResponse, MyException> {
    if test_id.as_str() == "raise" {
        return Err(MyException::new());
    }
    Ok(HttpResponse::Ok().json(json!({
        "url": url(&req),
        "method": req.method().as_str(),
        "headers": headers(&req),
    })))
}

/// `scheme://host[:port]/path`, as the client addressed it.
fn url(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}{}", info.scheme(), info.host(), req.path())
}

/// The request headers as a JSON object (names are lowercase).
fn headers(req: &HttpRequest) -> Value {
    let headers: Map<String, Value> = req
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.to_string(), Value::String(value))
        })
        .collect();
    Value::Object(headers)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(my_exception_handler))
            .service(raise_my_exception)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/raise_my_exception/raise", "/raise_my_exception/calm"] {
        println!("  curl -i -X POST http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
