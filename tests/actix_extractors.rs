//! An app that keeps actix's own `web::Json`, `web::Query`, `web::Path` and
//! `web::Form` gets FastAPI's 422s (and 413s) from `ExceptionHandlers` alone.

use crate::support;

use actix_api_error::{ExceptionHandlers, RequestValidationError, exception_handler};
use actix_web::{App, HttpRequest, HttpResponse, test::TestRequest, test::init_service, web};
use serde::Deserialize;
use serde_json::Value;
use support::{get, send};

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    title: String,
    size: i64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Paging {
    limit: u32,
    offset: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Login {
    username: String,
}

fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .wrap(ExceptionHandlers::new())
        .app_data(web::JsonConfig::default().limit(64))
        .route(
            "/items/",
            web::post().to(|_: web::Json<Item>| async { HttpResponse::Ok().finish() }),
        )
        .route(
            "/items/{item_id}",
            web::get().to(|_: web::Path<u32>| async { HttpResponse::Ok().finish() }),
        )
        .route(
            "/list",
            web::get().to(|_: web::Query<Paging>| async { HttpResponse::Ok().finish() }),
        )
        .route(
            "/login",
            web::post().to(|_: web::Form<Login>| async { HttpResponse::Ok().finish() }),
        )
}

fn errors(body: &str) -> Vec<String> {
    let body: Value = serde_json::from_str(body).unwrap();
    body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["type"].as_str().unwrap(),
                e["loc"],
                e["input"]
            )
        })
        .collect()
}

fn json(body: &str) -> TestRequest {
    TestRequest::post()
        .uri("/items/")
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned())
}

#[actix_web::test]
async fn web_path_bad_parameter_is_a_422_naming_it() {
    let app = init_service(app()).await;
    let res = get(&app, "/items/foo").await;
    assert_eq!(res.status, 422, "actix alone answers 404");
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}]}"#
    );
}

#[actix_web::test]
async fn web_query_errors_name_the_parameter_when_they_can() {
    let app = init_service(app()).await;
    assert_eq!(
        errors(&get(&app, "/list?offset=1").await.body),
        [r#"missing ["query","limit"] null"#]
    );
    assert_eq!(
        errors(&get(&app, "/list?limit=ten&offset=1").await.body),
        [r#"int_parsing ["query","limit"] "ten""#]
    );
    // Two values that do not parse: actix's message cannot say which failed.
    assert_eq!(
        errors(&get(&app, "/list?limit=ten&offset=x").await.body),
        [r#"int_parsing ["query"] null"#]
    );
}

#[actix_web::test]
async fn web_json_errors() {
    let app = init_service(app()).await;
    let res = send(&app, json(r#"{"title": "towel", "size": "XL"}"#)).await;
    assert_eq!(res.status, 422);
    assert_eq!(errors(&res.body), [r#"int_parsing ["body"] "XL""#]);
    assert_eq!(
        errors(&send(&app, json(r#"{"size": 1}"#)).await.body),
        [r#"missing ["body","title"] null"#]
    );
    let res = send(&app, json(r#"{"title": "t", "size": }"#)).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"json_invalid","loc":["body",23],"msg":"JSON decode error","input":{},"ctx":{"error":"expected value"}}]}"#
    );
    let big = format!(r#"{{"title": "{}", "size": 1}}"#, "x".repeat(100));
    let res = send(&app, json(&big)).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (413, r#"{"detail":"Content Too Large"}"#)
    );
    let req = TestRequest::post()
        .uri("/items/")
        .insert_header(("content-type", "text/plain"))
        .set_payload("{}");
    assert_eq!(
        errors(&send(&app, req).await.body),
        [r#"model_attributes_type ["body"] null"#]
    );
}

#[actix_web::test]
async fn web_form_errors() {
    let app = init_service(app()).await;
    let req = TestRequest::post()
        .uri("/login")
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload("user=x");
    assert_eq!(
        errors(&send(&app, req).await.body),
        [r#"missing ["body","username"] null"#]
    );
}

#[exception_handler(RequestValidationError)]
fn plain(_req: &HttpRequest, exc: &RequestValidationError) -> HttpResponse {
    HttpResponse::BadRequest().body(exc.to_string())
}

#[actix_web::test]
async fn converted_errors_reach_a_custom_validation_handler() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(plain))
            .route(
                "/items/{item_id}",
                web::get().to(|_: web::Path<u32>| async { HttpResponse::Ok().finish() }),
            ),
    )
    .await;
    let res = get(&app, "/items/foo").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            400,
            "1 validation error:\n  path.item_id: Input should be a valid integer, unable to parse string as an integer (type=int_parsing)"
        )
    );
}
