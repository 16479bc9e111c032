//! The same routes and the same bytes as `ours`, written by hand with plain
//! actix-web, as lean as a good actix developer writes them: `ResponseError`
//! impls, `Serialize` structs for JSON bodies, static bytes where the body is
//! fixed, `web::Path`, no error middleware. It cannot answer `/panic` (actix
//! drops the connection): its `/panic` is the static 500 a handler would send
//! (the same bytes as ours, with a fixed `x-error-id`), the figure a panic is
//! measured against.

use actix_web::{
    App, Error, HttpResponse, HttpServer, ResponseError, body::BoxBody, dev::ServiceResponse, get,
    http::StatusCode, middleware::Next, web,
};
use serde::Serialize;
use serde_json::json;

const NOT_FOUND: &str = r#"{"detail":"Item not found"}"#;

#[derive(Debug)]
enum ItemError {
    NotFound,
    Invalid(String),
}

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("item error")
    }
}

impl ResponseError for ItemError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::NotFound => HttpResponse::NotFound()
                .content_type("application/json")
                .body(NOT_FOUND),
            Self::Invalid(input) => HttpResponse::UnprocessableEntity().json(Invalid {
                detail: [IntParsing {
                    r#type: "int_parsing",
                    loc: ["path", "item_id"],
                    msg: "Input should be a valid integer, unable to parse string as an integer",
                    input,
                }],
            }),
        }
    }
}

#[derive(Serialize)]
struct Invalid<'a> {
    detail: [IntParsing<'a>; 1],
}

#[derive(Serialize)]
struct IntParsing<'a> {
    r#type: &'static str,
    loc: [&'static str; 2],
    msg: &'static str,
    input: &'a str,
}

#[derive(Debug)]
struct Forbidden;

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Not allowed here")
    }
}

impl ResponseError for Forbidden {
    fn status_code(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::Forbidden()
            .content_type("application/json")
            .body(r#"{"detail":"Not allowed here"}"#)
    }
}

/// An inner middleware that refuses `/guarded/...` with an `Err`.
async fn guard(
    req: actix_web::dev::ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.path().starts_with("/guarded/") {
        return Err(Forbidden.into());
    }
    next.call(req).await
}

#[derive(Debug)]
struct UnicornError(String);

impl std::fmt::Display for UnicornError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unicorn error")
    }
}

impl ResponseError for UnicornError {
    fn status_code(&self) -> StatusCode {
        StatusCode::IM_A_TEAPOT
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::ImATeapot().json(json!({
            "message": format!("Oops! {} did something. There goes a rainbow...", self.0),
        }))
    }
}

#[get("/ok")]
async fn ok() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

#[get("/items/{item_id}")]
async fn read_item(item_id: web::Path<String>) -> Result<HttpResponse, ItemError> {
    let item_id: u32 = item_id
        .parse()
        .map_err(|_| ItemError::Invalid(item_id.into_inner()))?;
    if item_id == 404 {
        return Err(ItemError::NotFound);
    }
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id })))
}

/// What ours sends with `HttpException::new(404, "Item not found")`.
#[get("/exception/{item_id}")]
async fn exception(_item_id: web::Path<String>) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("application/json")
        .body(NOT_FOUND)
}

#[get("/guarded/{name}")]
async fn guarded(_name: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/unicorns/{name}")]
async fn read_unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornError> {
    Err(UnicornError(name.into_inner()))
}

/// `read_item` again: the same 422 and 200 under another path.
async fn item(item_id: web::Path<String>) -> Result<HttpResponse, ItemError> {
    let item_id: u32 = item_id
        .parse()
        .map_err(|_| ItemError::Invalid(item_id.into_inner()))?;
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id })))
}

/// What ours sends for a method a route does not serve.
async fn method_not_allowed() -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .content_type("application/json")
        .insert_header(("allow", "GET"))
        .body(r#"{"detail":"Method Not Allowed"}"#)
}

/// What ours sends without a bearer token.
async fn secure(req: actix_web::HttpRequest) -> HttpResponse {
    let bearer = req
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if bearer.is_some() {
        return HttpResponse::Ok().finish();
    }
    HttpResponse::Unauthorized()
        .content_type("application/json")
        .insert_header(("www-authenticate", "Bearer"))
        .body(r#"{"detail":"Not authenticated"}"#)
}

/// An `#[api_error]` 404 as problem details.
async fn problem_item(_item_id: web::Path<String>) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("application/problem+json")
        .body(
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}"#,
        )
}

/// What ours sends for a panic, but static: the id is fixed.
async fn server_error() -> HttpResponse {
    HttpResponse::InternalServerError()
        .content_type("application/json")
        .insert_header(("x-error-id", "b6222cb4314942bfaf09468ee4c12df2"))
        .body(r#"{"detail":"Internal Server Error"}"#)
}

/// A list of integers through actix's own extractor.
async fn numbers(body: web::Json<Vec<i64>>) -> HttpResponse {
    HttpResponse::Ok().json(body.len())
}

/// Any JSON through actix's own extractor (serde_json stops at depth 128).
async fn deep(_body: web::Json<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port = actix_api_error_bench::port();
    let workers =
        std::env::var("WORKERS").map_or(1, |w| w.parse().expect("WORKERS must be a number"));
    let server = HttpServer::new(|| {
        App::new()
            .wrap(actix_web::middleware::from_fn(guard))
            // The same resources in the same order as the `ours` server, so
            // that routing costs both the same.
            .service(ok)
            .service(exception)
            .service(guarded)
            .route("/macro/products/{id}", web::post().to(HttpResponse::Ok))
            .route("/actix/products/{id}", web::post().to(HttpResponse::Ok))
            .route("/deep", web::post().to(deep))
            .route("/numbers", web::post().to(numbers))
            .service(read_item)
            .service(read_unicorn)
            .service(
                web::resource("/macro/items/{item_id}")
                    .route(web::get().to(item))
                    .default_service(web::to(method_not_allowed)),
            )
            .route("/actix-path/{item_id}", web::get().to(item))
            .route("/secure", web::get().to(secure))
            .service(web::scope("/problem").route("/items/{item_id}", web::get().to(problem_item)))
            .route("/panic", web::get().to(server_error))
            .app_data(web::JsonConfig::default().limit(2 * 1024 * 1024))
            .default_service(web::to(|| async {
                HttpResponse::NotFound()
                    .content_type("application/json")
                    .body(r#"{"detail":"Not Found"}"#)
            }))
    })
    .workers(workers)
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
