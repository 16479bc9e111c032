//! Error codes, `ErrorCatalog` (its page, its JSON, problem types that resolve
//! to its entries) and the code header.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, HttpException, api_error, catalog::ErrorCatalog, extract::Json, get, post,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service};
use serde::Deserialize;
use serde_json::{Value, json};
use support::{get, send};

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    /// No item has this id.
    #[api_error(detail = "Item not found")]
    NotFound,
    /// Another item has this name.
    #[api_error(status = 409, code = "duplicate_name", detail = "Item {0} exists")]
    Exists(String),
    #[api_error(status = 500)]
    Storage(#[source] std::io::Error),
}

#[api_error(status = 403, detail = "Permission denied")]
#[derive(Debug)]
struct PermissionDenied;

#[get("/items/{id}")]
async fn read_item(id: actix_api_error::extract::Path<u32>) -> Result<HttpResponse, ItemError> {
    match *id {
        1 => Err(ItemError::Exists("foo".into())),
        2 => Err(ItemError::Storage(std::io::Error::other("disk full"))),
        _ => Err(ItemError::NotFound),
    }
}

#[get("/admin")]
async fn admin() -> Result<HttpResponse, PermissionDenied> {
    Err(PermissionDenied)
}

#[get("/uncatalogued")]
async fn uncatalogued() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(410, "Gone for good").code("gone_for_good"))
}

#[derive(Deserialize)]
struct Item {
    #[allow(dead_code)]
    name: String,
}

#[post("/items")]
async fn create(_item: Json<Item>) -> HttpResponse {
    HttpResponse::Created().finish()
}

fn catalog(uri: &str) -> ErrorCatalog {
    ErrorCatalog::new(uri)
        .errors::<ItemError>()
        .errors::<PermissionDenied>()
}

#[test]
fn codes_are_given_or_the_names_in_snake_case() {
    let catalog = catalog("/errors");
    let codes: Vec<(&str, u16)> = catalog
        .entries()
        .iter()
        .filter(|entry| entry.kind == actix_api_error::catalog::Kind::Error)
        .map(|entry| (&*entry.code, entry.status))
        .collect();
    // The concealed 500 (`storage`) is not listed.
    assert_eq!(
        codes,
        [
            ("request_validation_error", 422),
            ("not_found", 404),
            ("duplicate_name", 409),
            ("permission_denied", 403),
        ]
    );
    assert_eq!(
        catalog.type_uri("duplicate_name").as_deref(),
        Some("/errors#duplicate_name")
    );
    let exists = &catalog.entries()[catalog
        .entries()
        .iter()
        .position(|entry| entry.code == "duplicate_name")
        .unwrap()];
    assert_eq!(exists.description, "Another item has this name.");
    assert_eq!(exists.example, Some(json!({"detail": "Item {0} exists"})));
    assert_eq!(
        exists.problem,
        Some(json!({
            "type": "/errors#duplicate_name",
            "title": "Conflict",
            "status": 409,
            "detail": "Item {0} exists",
        }))
    );
}

#[test]
#[should_panic(expected = "the error code `not_found` of")]
fn a_code_names_one_error_in_an_api() {
    #[api_error(status = 404, detail = "Shelf not found")]
    #[derive(Debug)]
    struct NotFound;
    let _ = catalog("/errors").errors::<NotFound>();
}

#[test]
#[should_panic(expected = "already in the catalog, for a validation error type")]
fn a_code_is_not_a_validation_type() {
    #[api_error(status = 400, detail = "Something is missing")]
    #[derive(Debug)]
    struct Missing;
    let _ = ErrorCatalog::new("/errors").errors::<Missing>();
}

#[actix_web::test]
async fn fastapi_bytes_are_unchanged_by_a_catalog() {
    let catalog = catalog("/errors");
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().catalog(&catalog))
            .service(read_item),
    )
    .await;
    let res = get(&app, "/items/9").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.body, r#"{"detail":"Item not found"}"#);
    assert_eq!(res.header("x-error-code"), None);
}

#[actix_web::test]
async fn the_code_header_names_every_error() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().code_header("x-error-code"))
            .service(read_item)
            .service(create)
            .service(uncatalogued),
    )
    .await;
    let res = get(&app, "/items/1").await;
    assert_eq!(
        (res.status, res.header("x-error-code"), res.body.as_str()),
        (
            409,
            Some("duplicate_name"),
            r#"{"detail":"Item foo exists"}"#
        )
    );
    let res = get(&app, "/items/9").await;
    assert_eq!(res.header("x-error-code"), Some("not_found"));
    let res = get(&app, "/uncatalogued").await;
    assert_eq!(res.header("x-error-code"), Some("gone_for_good"));
    let req = TestRequest::post()
        .uri("/items")
        .insert_header(("content-type", "application/json"))
        .set_payload("{}");
    let res = send(&app, req).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.header("x-error-code"), Some("request_validation_error"));
    // A concealed 500 names nothing of itself.
    let res = get(&app, "/items/2").await;
    assert_eq!(res.status, 500);
    assert_eq!(res.header("x-error-code"), None);
    assert_eq!(res.body, r#"{"detail":"Internal Server Error"}"#);
}

#[actix_web::test]
async fn problem_types_resolve_to_their_entries() {
    let catalog = catalog("https://api.example.com/errors");
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().problem_details().catalog(&catalog))
            .service(catalog.service())
            .service(read_item)
            .service(admin)
            .service(create)
            .service(uncatalogued),
    )
    .await;
    let page = get(&app, "/errors").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        !page.body.contains("<script"),
        "readable without JavaScript"
    );
    let listed = get(&app, "/errors.json").await;
    assert_eq!(listed.header("content-type"), Some("application/json"));
    let listed: Vec<Value> = serde_json::from_str(&listed.body).unwrap();

    // Every type a response can carry: each route's error, a 422.
    let mut seen = Vec::new();
    for path in ["/items/1", "/items/9", "/admin", "/uncatalogued"] {
        let res = get(&app, path).await;
        let body: Value = serde_json::from_str(&res.body).unwrap();
        seen.push(body["type"].as_str().unwrap().to_owned());
    }
    let req = TestRequest::post()
        .uri("/items")
        .insert_header(("content-type", "application/json"))
        .set_payload("{}");
    let body: Value = serde_json::from_str(&send(&app, req).await.body).unwrap();
    seen.push(body["type"].as_str().unwrap().to_owned());
    assert_eq!(
        seen,
        [
            "https://api.example.com/errors#duplicate_name",
            "https://api.example.com/errors#not_found",
            "https://api.example.com/errors#permission_denied",
            "about:blank", // a code the catalog does not list
            "https://api.example.com/errors#request_validation_error",
        ]
    );
    for uri in seen.iter().filter(|uri| *uri != "about:blank") {
        let (page_uri, code) = uri.split_once('#').unwrap();
        assert_eq!(page_uri, "https://api.example.com/errors");
        assert!(
            page.body.contains(&format!("<section id=\"{code}\">")),
            "{uri} has its section"
        );
        let entry = listed.iter().find(|entry| entry["code"] == code).unwrap();
        assert_eq!(entry["type"], *uri);
    }
    // Each validation type, too.
    for entry in listed.iter().filter(|entry| entry["kind"] == "validation") {
        let code = entry["code"].as_str().unwrap();
        assert!(
            page.body.contains(&format!("<section id=\"{code}\">")),
            "{code}"
        );
    }
}

#[actix_web::test]
async fn the_page_escapes_what_it_shows() {
    #[api_error(status = 400, detail = "Use <b> & \"quotes\"")]
    #[derive(Debug)]
    struct Markup;
    let catalog = ErrorCatalog::new("/errors").errors::<Markup>();
    let app = init_service(App::new().service(catalog.service())).await;
    let page = get(&app, "/errors").await;
    assert!(page.body.contains("Use &lt;b&gt; &amp; &quot;quotes&quot;"));
    assert!(!page.body.contains("<b>"));
}

#[test]
fn the_openapi_document_links_each_error_to_its_entry() {
    use actix_api_error::openapi::ErrorResponses;
    use utoipa::{Modify, OpenApi};

    #[derive(OpenApi)]
    #[openapi(paths(read_item, admin), modifiers(&ErrorResponses))]
    struct ApiDoc;

    let plain = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let responses = &plain["paths"]["/items/{id}"]["get"]["responses"];
    assert_eq!(responses["404"]["description"], "No item has this id.");
    assert_eq!(responses["404"]["x-error-codes"], json!(["not_found"]));
    assert_eq!(responses["409"]["x-error-codes"], json!(["duplicate_name"]));
    // A concealed 500 sends no code, so documents none.
    assert_eq!(responses["500"].get("x-error-codes"), None);
    assert_eq!(plain.get("externalDocs"), None);

    let mut doc = ApiDoc::openapi();
    catalog("https://api.example.com/errors").modify(&mut doc);
    let doc = serde_json::to_value(doc).unwrap();
    assert_eq!(
        doc["externalDocs"],
        json!({
            "url": "https://api.example.com/errors",
            "description": "Every error this API sends, by its code",
        })
    );
    let responses = &doc["paths"]["/items/{id}"]["get"]["responses"];
    assert_eq!(
        responses["404"]["description"],
        "No item has this id.\n\nSee [`not_found`](https://api.example.com/errors#not_found)."
    );
    assert_eq!(
        responses["422"]["description"],
        "Validation Error\n\nSee [`request_validation_error`](https://api.example.com/errors#request_validation_error)."
    );
    assert_eq!(
        responses["500"]["description"],
        plain["paths"]["/items/{id}"]["get"]["responses"]["500"]["description"]
    );
    assert_eq!(
        doc["paths"]["/admin"]["get"]["responses"]["403"]["description"],
        "Forbidden\n\nSee [`permission_denied`](https://api.example.com/errors#permission_denied)."
    );
}
