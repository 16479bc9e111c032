//! The route macros: every argument's validation errors in one 422 in FastAPI's
//! order (checked byte for byte against FastAPI 0.165 by the conformance
//! suite), any other error at once, 405 with `Allow`, and `ServerError` as a
//! route's error.

use crate::support;

use std::future::{Ready, ready};

use actix_api_error::{
    ExceptionHandlers, HttpException, ServerError, api_error, delete,
    extract::{Header, Json, Path, Query},
    get, post, route, routes,
    testing::Logs,
};
use actix_web::{
    App, FromRequest, HttpRequest, HttpResponse, dev::Payload, test::TestRequest,
    test::init_service, web,
};
use serde::Deserialize;
use support::{get, send};

#[derive(Deserialize)]
#[allow(dead_code)]
struct Product {
    name: String,
    price: f64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Limit {
    limit: u32,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Token {
    x_token: String,
}

#[api_error(status = 404, detail = "Product not found")]
#[derive(Debug)]
struct ProductNotFound;

#[get("/products/{product_id}")]
async fn read_product(Path(id): Path<u32>) -> Result<HttpResponse, ProductNotFound> {
    if id == 1 {
        Ok(HttpResponse::Ok().body("one"))
    } else {
        Err(ProductNotFound)
    }
}

#[post("/products/{product_id}")]
async fn create_product(
    Path(_id): Path<u32>,
    _limit: Query<Limit>,
    _token: Header<Token>,
    _product: Json<Product>,
) -> HttpResponse {
    HttpResponse::Created().finish()
}

#[delete("/products/{product_id}")]
async fn delete_product(Path(_id): Path<u32>) -> HttpResponse {
    HttpResponse::NoContent().finish()
}

/// An auth extractor: 401 unless `authorization` is sent.
struct User;

impl FromRequest for User {
    type Error = HttpException;
    type Future = Ready<Result<Self, HttpException>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(if req.headers().contains_key("authorization") {
            Ok(User)
        } else {
            Err(HttpException::new(401, "Not authenticated").header("WWW-Authenticate", "Bearer"))
        })
    }
}

#[post("/secure/{product_id}")]
async fn secure(Path(_id): Path<u32>, _user: User, _product: Json<Product>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// actix's own extractors, converted and merged with ours.
#[post("/mixed/{product_id}")]
async fn mixed(
    _id: web::Path<u32>,
    _limit: web::Query<Limit>,
    _product: Json<Product>,
) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[route("/multi", method = "GET", method = "HEAD")]
async fn multi() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[routes]
#[get("/pages/{page}")]
#[put("/pages/{page}")]
#[get("/pages/{page}/raw")]
async fn pages(Path(page): Path<u8>) -> String {
    page.to_string()
}

#[get("/config")]
async fn config() -> Result<String, ServerError> {
    Ok(std::fs::read_to_string(
        "/nonexistent/actix-api-error/app.toml",
    )?)
}

fn post_json(target: &str, body: &'static str) -> TestRequest {
    TestRequest::post()
        .uri(target)
        .insert_header(("content-type", "application/json"))
        .set_payload(body)
}

macro_rules! app {
    () => {
        init_service(
            App::new()
                .wrap(ExceptionHandlers::new())
                .service(read_product)
                .service(create_product)
                .service(delete_product)
                .service(secure)
                .service(mixed)
                .service(multi)
                .service(config)
                .service(pages)
                .service(
                    web::scope("/v1")
                        .service(read_product)
                        .service(delete_product),
                ),
        )
        .await
    };
}

#[actix_web::test]
async fn every_argument_s_errors_in_one_422_in_fastapi_s_order() {
    let app = app!();
    let res = send(&app, post_json("/products/x?limit=y", r#"{"name": 1}"#)).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"int_parsing","loc":["path","product_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":1},{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":1}}]}"#
    );

    // A body that is not JSON answers alone: FastAPI reads it before the rest.
    let res = send(&app, post_json("/products/x?limit=y", "{bad")).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"json_invalid","loc":["body",1],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]}"#
        )
    );

    let ok = post_json("/products/1?limit=5", r#"{"name": "a", "price": 1}"#)
        .insert_header(("x-token", "t"));
    assert_eq!(send(&app, ok).await.status, 201);
}

#[actix_web::test]
async fn actix_extractors_merge_with_ours() {
    let app = app!();
    let res = send(&app, post_json("/mixed/x?limit=y", r#"{"name": "a"}"#)).await;
    assert_eq!(res.status, 422);
    let locs: Vec<String> = serde_json::from_str::<serde_json::Value>(&res.body).unwrap()["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["loc"].to_string())
        .collect();
    assert_eq!(
        locs,
        [
            r#"["path","product_id"]"#,
            r#"["query","limit"]"#,
            r#"["body","price"]"#
        ]
    );
}

#[actix_web::test]
async fn an_error_that_is_not_a_validation_error_answers_at_once() {
    let app = app!();
    // The path is wrong too, and the body is missing: the 401 answers alone.
    let res = send(&app, post_json("/secure/x", "")).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (401, r#"{"detail":"Not authenticated"}"#)
    );
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
}

#[actix_web::test]
async fn a_wrong_method_answers_405_with_every_method_of_the_path() {
    let app = app!();
    for method in ["PUT", "PATCH", "HEAD", "OPTIONS"] {
        let req = TestRequest::default()
            .method(method.parse().unwrap())
            .uri("/products/1");
        let res = send(&app, req).await;
        assert_eq!(res.status, 405, "{method}");
        assert_eq!(res.header("allow"), Some("GET, POST, DELETE"), "{method}");
    }
    let res = send(&app, TestRequest::put().uri("/v1/products/1")).await;
    assert_eq!(
        (res.status, res.header("allow"), res.body.as_str()),
        (
            405,
            Some("GET, DELETE"),
            r#"{"detail":"Method Not Allowed"}"#
        )
    );
    let res = send(&app, TestRequest::post().uri("/multi")).await;
    assert_eq!((res.status, res.header("allow")), (405, Some("GET, HEAD")));
    assert_eq!(
        send(
            &app,
            TestRequest::default()
                .method(actix_web::http::Method::HEAD)
                .uri("/multi")
        )
        .await
        .status,
        200
    );

    // The right method, an unknown path, and a route's own 404 are untouched.
    assert_eq!(get(&app, "/products/1").await.body, "one");
    let res = get(&app, "/nowhere").await;
    assert_eq!((res.status, res.header("allow")), (404, None));
    let res = get(&app, "/products/2").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Product not found"}"#)
    );
}

#[actix_web::test]
async fn a_route_s_server_error_is_logged_once_with_the_id_it_sends() {
    let logs = Logs::capture();
    let app = app!();
    let res = get(&app, "/config").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    let id = res.header("x-error-id").unwrap().to_owned();
    let text = logs.text();
    assert_eq!(
        text.matches("500 Internal Server Error").count(),
        1,
        "{text}"
    );
    assert!(
        text.contains(&id) && text.contains("No such file"),
        "{text}"
    );
}

#[actix_web::test]
async fn one_handler_for_several_routes() {
    let app = app!();
    assert_eq!(get(&app, "/pages/3").await.body, "3");
    assert_eq!(get(&app, "/pages/4/raw").await.body, "4");
    let res = send(&app, TestRequest::put().uri("/pages/5")).await;
    assert_eq!((res.status, res.body.as_str()), (200, "5"));
    let res = send(&app, TestRequest::delete().uri("/pages/5")).await;
    assert_eq!((res.status, res.header("allow")), (405, Some("GET, PUT")));
    let res = get(&app, "/pages/300").await;
    assert_eq!(res.status, 422);
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Many {
    n: Vec<u8>,
}

#[post("/many")]
async fn many(_query: Query<Many>, _body: Json<Vec<u8>>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// The merged 422 keeps the bound each report has.
#[actix_web::test]
async fn the_merged_report_is_bounded_as_one() {
    let app = init_service(
        App::new()
            .app_data(actix_api_error::extract::ErrorLimits {
                max_errors: 3,
                ..Default::default()
            })
            .wrap(ExceptionHandlers::new())
            .service(many),
    )
    .await;
    let res = send(&app, post_json("/many?n=x&n=y", r#"["a", "b", "c"]"#)).await;
    let errors: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let types: Vec<(&str, String)> = errors["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| (error["type"].as_str().unwrap(), error["loc"].to_string()))
        .collect();
    assert_eq!(
        types,
        [
            ("int_parsing", r#"["query","n",0]"#.to_owned()),
            ("int_parsing", r#"["query","n",1]"#.to_owned()),
            ("int_parsing", r#"["body",0]"#.to_owned()),
            ("too_many_errors", r#"["body"]"#.to_owned()),
        ]
    );
}
