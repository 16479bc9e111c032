//! In production: correlation ids in the logs and on every error response,
//! errors counted for Prometheus, CORS for a browser app, a rate limit, a
//! scope with its own handler, problem details.
//!
//! ```sh
//! cargo run --example production --features metrics
//! curl -i http://127.0.0.1:8000/items/7 -H 'origin: http://localhost:3000'  # 404, CORS headers, x-request-id
//! curl -i http://127.0.0.1:8000/boom -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
//! curl -i http://127.0.0.1:8000/limited   # thrice: the third is a 429 with retry-after
//! curl -i http://127.0.0.1:8000/admin/stats   # the admin scope's own 403 page
//! curl -s http://127.0.0.1:8000/metrics   # http_server_errors_total{status,code,route}
//! ```
//!
//! The order of the `.wrap()`s is the one to use (the first is innermost):
//! the rate limiter inside `ExceptionHandlers`, so that its 429 is answered
//! like every error; request logging and CORS outside, so that the log
//! lines of an error are in its request's span and every answer (a panic's
//! too) carries CORS headers.

use actix_api_error::{ExceptionHandlers, HttpException, api_error, exception_handler};
use actix_cors::Cors;
use actix_governor::{Governor, GovernorConfigBuilder};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, get, web};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use serde_json::json;
use tracing_actix_web::TracingLogger;

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    /// No item has this id.
    #[api_error(code = "item_not_found", detail = "Item not found")]
    NotFound,
}

#[api_error(status = 403, detail = "Admins only")]
#[derive(Debug)]
struct AdminsOnly;

#[get("/items/{id}")]
async fn read_item(id: web::Path<u32>) -> Result<HttpResponse, ItemError> {
    match *id {
        1 => Ok(HttpResponse::Ok().json(json!({"id": 1, "name": "Foo"}))),
        _ => Err(ItemError::NotFound),
    }
}

#[get("/boom")]
async fn boom() -> HttpResponse {
    panic!("the database handle is gone")
}

async fn limited() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

#[get("/stats")]
async fn stats() -> Result<HttpResponse, AdminsOnly> {
    Err(AdminsOnly)
}

#[get("/metrics")]
async fn metrics(handle: web::Data<PrometheusHandle>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(handle.render())
}

/// The admin pages answer their 403 with a page; their other errors are the
/// API's.
#[exception_handler(status = 403)]
fn admin_page(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::Forbidden()
        .content_type("text/html; charset=utf-8")
        .body(format!("<h1>{}</h1>", exc.detail()))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let prometheus =
        PrometheusBuilder::new().install_recorder().expect("the only metrics recorder");
    let port = port();
    // Two requests, then one every 10 seconds, per client address.
    let limit = GovernorConfigBuilder::default()
        .seconds_per_request(10)
        .burst_size(2)
        .finish()
        .expect("a valid rate limit");
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(prometheus.clone()))
            .service(read_item)
            .service(boom)
            .service(
                web::resource("/limited").wrap(Governor::new(&limit)).route(web::get().to(limited)),
            )
            .service(
                web::scope("/admin")
                    .wrap(ExceptionHandlers::scoped().handler(admin_page))
                    .service(stats),
            )
            .service(metrics)
            .wrap(ExceptionHandlers::new().problem_details().request_id_header("x-request-id"))
            .wrap(TracingLogger::default())
            .wrap(
                Cors::default()
                    .allowed_origin("http://localhost:3000")
                    .allowed_methods(["GET", "POST"])
                    .allowed_header("content-type")
                    .expose_headers(["x-request-id", "x-error-id", "retry-after"])
                    .max_age(3600),
            )
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items/7", "/boom", "/limited", "/admin/stats", "/metrics"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
