//! `validator` rules through `Valid<..>`: every violation in one 422, with
//! pydantic's types, messages and `ctx`; parse errors and rule violations together.

use crate::support;

use actix_api_error::{
    ExceptionHandlers,
    extract::{Json, Query, Valid},
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::Deserialize;
use serde_json::{Value, json};
use support::{get, send};
use validator::Validate;

#[derive(Debug, Deserialize, Validate)]
#[allow(dead_code)]
struct SignUp {
    #[validate(length(min = 3, max = 10))]
    username: String,
    #[validate(range(min = 18, max = 130))]
    age: u32,
    #[validate(range(exclusive_min = 0.0))]
    balance: f64,
    #[validate(email)]
    email: String,
    #[validate(url)]
    homepage: Option<String>,
    #[validate(length(min = 1, max = 2))]
    tags: Vec<String>,
    #[validate(nested)]
    address: Address,
}

#[derive(Debug, Deserialize, Validate)]
#[allow(dead_code)]
struct Address {
    #[validate(length(min = 2, message = "Use the two-letter country code"))]
    country: String,
}

fn post(body: &Value) -> TestRequest {
    TestRequest::post()
        .uri("/users")
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_string())
}

async fn app() -> impl actix_web::dev::Service<
    actix_http::Request,
    Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
    Error = actix_web::Error,
> {
    init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/users",
                web::post().to(|Valid(Json(user)): Valid<Json<SignUp>>| async move {
                    HttpResponse::Ok().body(user.username)
                }),
            )
            .route(
                "/search",
                web::get().to(|Valid(Query(q)): Valid<Query<Search>>| async move {
                    HttpResponse::Ok().body(q.q)
                }),
            ),
    )
    .await
}

#[actix_web::test]
async fn every_violation_with_pydantic_types_and_ctx() {
    let app = app().await;
    let body = json!({
        "username": "ab", "age": 12, "balance": 0.0, "email": "not-an-email",
        "homepage": "nope", "tags": ["a", "b", "c"], "address": {"country": "X"}
    });
    let res = send(&app, post(&body)).await;
    assert_eq!(res.status, 422);
    let detail: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        detail,
        json!({"detail": [
            {"type": "string_too_short", "loc": ["body", "username"], "msg": "String should have at least 3 characters", "input": "ab", "ctx": {"min_length": 3}},
            {"type": "greater_than_equal", "loc": ["body", "age"], "msg": "Input should be greater than or equal to 18", "input": 12, "ctx": {"ge": 18}},
            {"type": "greater_than", "loc": ["body", "balance"], "msg": "Input should be greater than 0", "input": 0.0, "ctx": {"gt": 0.0}},
            {"type": "value_error", "loc": ["body", "email"], "msg": "value is not a valid email address", "input": "not-an-email"},
            {"type": "url_parsing", "loc": ["body", "homepage"], "msg": "Input should be a valid URL, relative URL without a base", "input": "nope", "ctx": {"error": "relative URL without a base"}},
            {"type": "too_long", "loc": ["body", "tags"], "msg": "List should have at most 2 items after validation, not 3", "input": ["a", "b", "c"], "ctx": {"field_type": "List", "max_length": 2, "actual_length": 3}},
            {"type": "string_too_short", "loc": ["body", "address", "country"], "msg": "Use the two-letter country code", "input": "X", "ctx": {"min_length": 2}},
        ]})
    );
}

#[actix_web::test]
async fn parse_errors_and_rule_violations_in_one_response() {
    let app = app().await;
    let body = json!({"username": "ab", "age": "old", "balance": 1, "email": "a@b.co", "tags": ["a"], "address": {"country": "FR"}});
    let res = send(&app, post(&body)).await;
    let detail: Value = serde_json::from_str(&res.body).unwrap();
    let summary: Vec<_> = detail["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["type"], e["loc"]))
        .collect();
    // `age` failed to parse: its placeholder is not also reported as out of range.
    assert_eq!(
        summary,
        [
            r#""string_too_short" ["body","username"]"#,
            r#""int_parsing" ["body","age"]"#
        ]
    );
    let ok = json!({"username": "ana", "age": 30, "balance": 1, "email": "a@b.co", "tags": ["a"], "address": {"country": "FR"}});
    let res = send(&app, post(&ok)).await;
    assert_eq!((res.status, res.body.as_str()), (200, "ana"));
}

#[derive(Debug, Deserialize, Validate)]
#[allow(dead_code)]
struct Search {
    #[validate(length(min = 2))]
    q: String,
    #[validate(range(max = 100))]
    limit: u32,
}

#[actix_web::test]
async fn query_rules() {
    let app = app().await;
    let res = get(&app, "/search?q=a&limit=500").await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"string_too_short","loc":["query","q"],"msg":"String should have at least 2 characters","input":"a","ctx":{"min_length":2}},{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}}]}"#
    );
}

static SKU: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new("^[A-Z]{3}-[0-9]{4}$").unwrap());

#[derive(Debug, Deserialize, Validate)]
#[allow(dead_code)]
struct Product {
    #[validate(regex(path = *SKU))]
    sku: String,
    #[validate(regex(path = *SKU, message = "A SKU looks like ABC-1234"))]
    alias: String,
    #[validate(custom(function = "even"))]
    count: u32,
}

fn even(count: u32) -> Result<(), validator::ValidationError> {
    if count.is_multiple_of(2) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("not_even").with_message("Count must be even".into()))
    }
}

#[actix_web::test]
async fn patterns_and_custom_rules() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/products",
        web::post().to(|_: Valid<Json<Product>>| async { HttpResponse::Ok().finish() }),
    ))
    .await;
    let body = json!({"sku": "abc", "alias": "x", "count": 3});
    let req = TestRequest::post()
        .uri("/products")
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_string());
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","sku"],"msg":"String should match the required pattern","input":"abc"},{"type":"string_pattern_mismatch","loc":["body","alias"],"msg":"A SKU looks like ABC-1234","input":"x"},{"type":"not_even","loc":["body","count"],"msg":"Count must be even","input":3}]}"#
    );
}

#[derive(Debug, Deserialize, Validate)]
#[allow(dead_code)]
struct Code {
    #[validate(length(min = 8), regex(path = *SKU))]
    code: String,
}

/// pydantic reports a field's first failing constraint only.
#[actix_web::test]
async fn one_error_per_field_its_first_failing_rule() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/codes",
        web::post().to(|_: Valid<Json<Code>>| async { HttpResponse::Ok().finish() }),
    ))
    .await;
    let req = TestRequest::post()
        .uri("/codes")
        .insert_header(("content-type", "application/json"))
        .set_payload(r#"{"code": "abc"}"#);
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"string_too_short","loc":["body","code"],"msg":"String should have at least 8 characters","input":"abc","ctx":{"min_length":8}}]}"#
    );
}
