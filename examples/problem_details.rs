//! Items, users, a teapot and a bug, with one switch on: every error is RFC 9457 problem
//! details (`application/problem+json`).
//!
//! ```sh
//! cargo run --example problem_details --features openapi
//! curl -i http://127.0.0.1:8000/items/bar
//! # 404 {"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}
//! curl -i http://127.0.0.1:8000/items/bar/more   # the app's own 404, the same way
//! curl -s http://127.0.0.1:8000/openapi.json       # documented as problems too
//! ```

use actix_api_error::{
    ExceptionHandlers, HttpException, ServerError, api_error, exception_handler, get,
    openapi::ProblemResponses,
};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::json;
use utoipa::OpenApi;

#[api_error(status = 400)] // the default for variants that give none
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item {0} exists", headers(("X-Error", "duplicate")))]
    Exists(String),
    #[api_error(status = 404, code = "unknown_user", loc(path, "user"), detail = "Unknown user")]
    UnknownUser,
}

#[api_error(status = 500)] // what the client gets if no handler takes it
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

#[get("/items/{id}")]
async fn read_item(id: web::Path<String>) -> Result<HttpResponse, ItemError> {
    match id.as_str() {
        "foo" => Ok(HttpResponse::Ok().json(json!({ "item": "The Foo Wrestlers" }))),
        "taken" => Err(ItemError::Exists(id.into_inner())),
        _ => Err(ItemError::NotFound),
    }
}

#[get("/users/{user}")]
async fn read_user(_user: web::Path<String>) -> Result<HttpResponse, ItemError> {
    Err(ItemError::UnknownUser)
}

#[get("/unicorns/{name}")]
async fn read_unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornException> {
    Err(UnicornException { name: name.into_inner() })
}

#[get("/teapot")]
async fn teapot() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(418, json!({ "data": "empty" })).header("X-Reason", "short and stout"))
}

/// Any `std::error::Error` converts into `ServerError`: a 500 whose cause is logged.
#[get("/bug")]
async fn bug() -> Result<HttpResponse, ServerError> {
    Err(std::io::Error::other("config at /etc/app.toml is unreadable").into())
}

/// The document follows the switch: `ProblemResponses` in place of
/// `ErrorResponses`. (`read_unicorn` is left out: its error goes to a custom
/// handler, whose answer the document cannot know.)
#[derive(OpenApi)]
#[openapi(
    paths(read_item, read_user, teapot, bug),
    modifiers(&ProblemResponses)
)]
struct ApiDoc;

/// The document, built once at startup and served as it is.
#[get("/openapi.json")]
async fn document(json: web::Data<web::Bytes>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(json.get_ref().clone())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT is a number"));
    let document_json = serde_json::to_vec(&ApiDoc::openapi()).expect("the document is JSON");
    let document_json = web::Data::new(web::Bytes::from(document_json));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(document_json.clone())
            .wrap(ExceptionHandlers::new().handler(unicorn_handler).problem_details())
            .service(read_item)
            .service(read_user)
            .service(read_unicorn)
            .service(teapot)
            .service(bug)
            .service(document)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
