//! The benchmark routes, with actix-api-error: `#[api_error]`, our `Path`
//! extractor, an `#[exception_handler]`, and `ExceptionHandlers` around it all.
//!
//! | Route | Answer |
//! |---|---|
//! | `GET /ok` | 200 `{"status":"ok"}` |
//! | `GET /items/404` | 404 `{"detail":"Item not found"}` |
//! | `GET /items/foo` | 422 `{"detail":[{"type":"int_parsing",...,"input":"foo"}]}` |
//! | `GET /unicorns/yolo` | 418 `{"message":"Oops! yolo did something. There goes a rainbow..."}` |
//! | `GET /panic` | 500 `{"detail":"Internal Server Error"}`, `x-error-id` |

use actix_api_error::{ExceptionHandlers, api_error, exception_handler, extract::Path};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, get, web};
use serde_json::json;

#[api_error(status = 404, detail = "Item not found")]
#[derive(Debug)]
struct ItemNotFound;

#[api_error(status = 500)]
#[derive(Debug)]
struct UnicornException {
    name: String,
}

#[exception_handler(UnicornException)]
async fn unicorn_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
    HttpResponse::ImATeapot().json(json!({
        "message": format!("Oops! {} did something. There goes a rainbow...", exc.name),
    }))
}

#[get("/ok")]
async fn ok() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

#[get("/items/{item_id}")]
async fn read_item(Path(item_id): Path<u32>) -> Result<HttpResponse, ItemNotFound> {
    if item_id == 404 {
        return Err(ItemNotFound);
    }
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id })))
}

#[get("/unicorns/{name}")]
async fn read_unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornException> {
    Err(UnicornException {
        name: name.into_inner(),
    })
}

#[get("/panic")]
async fn panic() -> HttpResponse {
    panic!("the benchmark's panicking route")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port = actix_api_error_bench::port();
    let workers =
        std::env::var("WORKERS").map_or(1, |w| w.parse().expect("WORKERS must be a number"));
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(unicorn_handler))
            .service(ok)
            .service(read_item)
            .service(read_unicorn)
            .service(panic)
    })
    .workers(workers)
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
