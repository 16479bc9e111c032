//! An error catalog: every error has a stable code, problem details' `type`
//! opens its entry, and validation messages come in the client's language.
//!
//! ```sh
//! cargo run --example catalog --features i18n
//! curl -i http://127.0.0.1:8000/items/7          # 404, "type":"http://127.0.0.1:8000/errors#item_not_found"
//! curl -i http://127.0.0.1:8000/errors           # the catalog, one anchor per code
//! curl -s http://127.0.0.1:8000/errors.json      # the same, as JSON
//! curl -i -X POST http://127.0.0.1:8000/items -H 'content-type: application/json' \
//!      -H 'accept-language: de' -d '{"name":"Foo","price":"free"}'   # 422 in German
//! ```

use actix_api_error::{
    ExceptionHandlers, api_error, catalog::ErrorCatalog, extract::Json, get, i18n::Languages, post,
};
use actix_web::{App, HttpResponse, HttpServer, web};
use serde::Deserialize;
use serde_json::json;

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    /// No item has this id.
    #[api_error(code = "item_not_found", detail = "Item not found")]
    NotFound,
    /// Another item already has this name: pick another one.
    #[api_error(status = 409, code = "item_exists", detail = "Item {0} exists")]
    Exists(String),
}

#[api_error(status = 403)]
#[derive(Debug)]
enum AccountError {
    /// The account is locked after too many failed sign-ins; it unlocks
    /// after an hour.
    #[api_error(detail = "Account locked")]
    Locked,
    /// The plan does not include this feature.
    #[api_error(status = 402, detail = "Upgrade your plan")]
    PaymentRequired,
}

#[derive(Deserialize)]
struct Item {
    name: String,
    price: f64,
}

#[get("/items/{id}")]
async fn read_item(id: web::Path<u32>) -> Result<HttpResponse, ItemError> {
    match *id {
        1 => Ok(HttpResponse::Ok().json(json!({"name": "Foo", "price": 35.4}))),
        _ => Err(ItemError::NotFound),
    }
}

#[post("/items")]
async fn create_item(item: Json<Item>) -> Result<HttpResponse, ItemError> {
    if item.name == "Foo" {
        return Err(ItemError::Exists(item.name.clone()));
    }
    Ok(HttpResponse::Created().json(json!({"name": item.name, "price": item.price})))
}

#[get("/account")]
async fn account() -> Result<HttpResponse, AccountError> {
    Err(AccountError::Locked)
}

#[get("/reports")]
async fn reports() -> Result<HttpResponse, AccountError> {
    Err(AccountError::PaymentRequired)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let catalog = ErrorCatalog::new(format!("http://127.0.0.1:{port}/errors"))
        .errors::<ItemError>()
        .errors::<AccountError>();
    let server = HttpServer::new(move || {
        let handlers = ExceptionHandlers::new()
            .problem_details()
            .catalog(&catalog)
            .code_header("x-error-code")
            .languages(
                Languages::builtin()
                    .add("de", "item_not_found = Artikel nicht gefunden")
                    .add("fr", "item_not_found = Article introuvable"),
            );
        App::new()
            .wrap(handlers)
            .service(catalog.service())
            .service(read_item)
            .service(create_item)
            .service(account)
            .service(reports)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/items/7", "/account", "/errors", "/errors.json"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    println!(
        "  curl -i -X POST http://127.0.0.1:{port}/items -H 'content-type: application/json' \
         -H 'accept-language: de' -d '{{\"name\":\"Foo\",\"price\":\"free\"}}'"
    );
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
