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
//! | `GET /exception/404` | 404 `{"detail":"Item not found"}`, from `HttpException` |
//! | `GET /guarded/x` | 403 `{"detail":"Not allowed here"}`, an inner middleware's `Err` |
//! | `GET /nowhere` | 404 `{"detail":"Not Found"}`, no route |
//! | `POST /macro/products/1?limit=5` | 200, through our `#[post]`: path, query and JSON body |
//! | `POST /actix/products/1?limit=5` | the same route through actix's `#[post]` |
//! | `POST /deep` | our `Json<Value>`: a hostile body's answer |
//! | `POST /numbers` | our `Json<Vec<i64>>`: a large body, valid or failing |
//! | `GET /macro/items/foo` | 422, the same bytes as `/items/foo`, through our `#[get]` |
//! | `POST /macro/items/1` | 405 `{"detail":"Method Not Allowed"}`, `allow: GET` (our `#[get]`) |
//! | `GET /actix-path/foo` | 422 from actix's own `web::Path<u32>`, normalized |
//! | `GET /secure` | 401 `{"detail":"Not authenticated"}`, `www-authenticate: Bearer` (`HttpBearer`) |
//! | `GET /problem/items/404` | 404 problem details, from an `ExceptionHandlers` with `problem_details()` on a scope |
//! | `GET /nested/items/foo` | the same 422 from a plain `ExceptionHandlers` on a scope: the baseline of `/i18n` |
//! | `GET /i18n/items/foo` | the 422 of `/items/foo` from an `ExceptionHandlers` with `languages(Languages::builtin())` on a scope: German with `accept-language: de` |

use actix_api_error::{
    ExceptionHandlers, HttpException, api_error, exception_handler,
    extract::{Json, Path, Query},
    i18n::Languages,
    security::HttpBearer,
};
use actix_web::{
    App, Error, HttpRequest, HttpResponse, HttpServer,
    body::BoxBody,
    dev::{ServiceRequest, ServiceResponse},
    get,
    middleware::Next,
    web,
};
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

#[get("/exception/{item_id}")]
async fn exception(_item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(404, "Item not found"))
}

#[get("/guarded/{name}")]
async fn guarded(_name: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// An inner middleware that refuses `/guarded/...` with an `Err`.
async fn guard(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.path().starts_with("/guarded/") {
        return Err(HttpException::new(403, "Not allowed here").into());
    }
    next.call(req).await
}

#[derive(serde::Deserialize)]
struct Limit {
    limit: u32,
}

#[derive(serde::Deserialize)]
struct Product {
    name: String,
    price: f64,
}

fn product(id: u32, limit: &Limit, product: &Product) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "id": id, "limit": limit.limit, "name": product.name, "price": product.price,
    }))
}

#[actix_api_error::post("/macro/products/{id}")]
async fn macro_product(
    Path(id): Path<u32>,
    limit: Query<Limit>,
    body: Json<Product>,
) -> HttpResponse {
    product(id, &limit, &body)
}

#[actix_web::post("/actix/products/{id}")]
async fn actix_product(
    Path(id): Path<u32>,
    limit: Query<Limit>,
    body: Json<Product>,
) -> HttpResponse {
    product(id, &limit, &body)
}

/// A list of integers: a large body, valid or with a bad item.
#[actix_api_error::post("/numbers")]
async fn numbers(body: Json<Vec<i64>>) -> HttpResponse {
    HttpResponse::Ok().json(body.len())
}

/// Any JSON: what a hostile body is sent to.
#[actix_api_error::post("/deep")]
async fn deep(_body: Json<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_api_error::get("/macro/items/{item_id}")]
async fn macro_item(Path(item_id): Path<u32>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item_id": item_id }))
}

#[get("/actix-path/{item_id}")]
async fn actix_path(item_id: web::Path<u32>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item_id": *item_id }))
}

#[get("/secure")]
async fn secure(_token: HttpBearer) -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn problem_item(Path(item_id): Path<u32>) -> Result<HttpResponse, ItemNotFound> {
    if item_id == 404 {
        return Err(ItemNotFound);
    }
    Ok(HttpResponse::Ok().json(json!({ "item_id": item_id })))
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
    #[cfg(feature = "observed")]
    let _prometheus = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .expect("the only recorder");
    let server = HttpServer::new(|| {
        let handlers = ExceptionHandlers::new().handler(unicorn_handler);
        #[cfg(feature = "observed")]
        let handlers = handlers.request_id_header("x-request-id");
        App::new()
            .wrap(actix_web::middleware::from_fn(guard))
            .wrap(handlers)
            .service(ok)
            .service(exception)
            .service(guarded)
            .service(macro_product)
            .service(actix_product)
            .service(deep)
            .service(numbers)
            .service(read_item)
            .service(read_unicorn)
            .service(macro_item)
            .service(actix_path)
            .service(secure)
            .service(
                web::scope("/problem")
                    .wrap(ExceptionHandlers::new().problem_details())
                    .route("/items/{item_id}", web::get().to(problem_item)),
            )
            .service(
                web::scope("/nested")
                    .wrap(ExceptionHandlers::new())
                    .route("/items/{item_id}", web::get().to(problem_item)),
            )
            .service(
                web::scope("/i18n")
                    .wrap(ExceptionHandlers::new().languages(Languages::builtin()))
                    .route("/items/{item_id}", web::get().to(problem_item)),
            )
            .service(panic)
    })
    .workers(workers)
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
