//! pydantic's smaller rules, each as FastAPI 0.165 answers it
//! (`conformance/vocabulary.py`): locations at the wire name, lists of rules,
//! URL reasons, map keys, custom `value_error`s, internally tagged variants,
//! IP addresses; and a dependency of one's own (FastAPI's `Depends`), whose
//! 422 comes first.

use std::{
    collections::BTreeMap,
    future::{Ready, ready},
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
};

use actix_api_error::{
    ExceptionHandlers,
    extract::{Header, Json, Path, Query, Valid},
    get, post, testing,
};
use actix_web::{
    App, FromRequest, HttpRequest, HttpResponse, dev::Payload, test::TestRequest,
    test::init_service,
};
use serde::Deserialize;
use serde_json::json;
use validator::Validate;

#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Renamed {
    #[serde(rename = "item-query")]
    #[validate(length(min = 3))]
    q: String,
    #[validate(range(min = 1))]
    page_size: u32,
}

#[get("/renamed")]
async fn renamed(Valid(Query(query)): Valid<Query<Renamed>>) -> String {
    query.q
}

#[derive(Deserialize, Validate)]
struct Line {
    #[validate(length(min = 3))]
    name: String,
    #[validate(range(min = 1))]
    qty: i64,
}

#[post("/lines")]
async fn lines(Valid(Json(lines)): Valid<Json<Vec<Line>>>) -> String {
    lines.len().to_string()
}

fn even(n: i64) -> Result<(), validator::ValidationError> {
    if n % 2 == 0 {
        return Ok(());
    }
    Err(validator::ValidationError::new("value_error").with_message("must be even".into()))
}

#[derive(Deserialize, Validate)]
struct Checked {
    #[validate(url)]
    url: String,
    #[validate(custom(function = "even"))]
    n: i64,
}

#[post("/checked")]
async fn checked(Valid(Json(_)): Valid<Json<Checked>>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Scores {
    scores: BTreeMap<i64, String>,
}

#[derive(Deserialize)]
#[serde(tag = "pet_type", rename_all = "lowercase")]
#[allow(dead_code)]
enum Pet {
    Cat { meows: i64 },
    Dog { barks: f64 },
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Hosts {
    any: IpAddr,
    v4: Ipv4Addr,
    v6: Ipv6Addr,
}

#[post("/scores")]
async fn scores(Json(_): Json<Scores>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post("/pet")]
async fn pet(Json(_): Json<Pet>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post("/hosts")]
async fn hosts(Json(hosts): Json<Hosts>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "any": hosts.any, "v4": hosts.v4, "v6": hosts.v6 }))
}

fn post_json(path: &str, body: &str) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned())
}

#[actix_web::test]
async fn pydantic_s_rules_as_fastapi_answers_them() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .service((renamed, lines, checked, scores, pet, hosts));
    let app = init_service(app).await;

    // A rule's error is located at the name the client sends.
    testing::get(&app, "/renamed?item-query=ab&pageSize=0")
        .await
        .assert_body(r#"{"detail":[{"type":"string_too_short","loc":["query","item-query"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"greater_than_equal","loc":["query","pageSize"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}"#);
    testing::get(&app, "/renamed?pageSize=2")
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["query","item-query"],"msg":"Field required","input":null}]}"#);
    // A list's items: parse errors and rules in item order, no `_tmp_validator`.
    testing::call(
        &app,
        post_json("/lines", r#"[{"name": "ab", "qty": 1}, {"name": "abc", "qty": "x"}, {"name": 1, "qty": 0}]"#),
    )
    .await
    .assert_body(r#"{"detail":[{"type":"string_too_short","loc":["body",0,"name"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"int_parsing","loc":["body",1,"qty"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"string_type","loc":["body",2,"name"],"msg":"Input should be a valid string","input":1},{"type":"greater_than_equal","loc":["body",2,"qty"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}"#);
    // The URL's reason; a custom `value_error` as pydantic's.
    testing::call(&app, post_json("/checked", r#"{"url": "http://", "n": 3}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"url_parsing","loc":["body","url"],"msg":"Input should be a valid URL, empty host","input":"http://","ctx":{"error":"empty host"}},{"type":"value_error","loc":["body","n"],"msg":"Value error, must be even","input":3,"ctx":{"error":{}}}]}"#);
    testing::call(&app, post_json("/checked", r#"{"url": "", "n": 2}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"url_parsing","loc":["body","url"],"msg":"Input should be a valid URL, input is empty","input":"","ctx":{"error":"input is empty"}}]}"#);
    // A map's key at `[key]`, before its value's error.
    testing::call(&app, post_json("/scores", r#"{"scores": {"x": 2, "2": "b", "y": "c"}}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"int_parsing","loc":["body","scores","x","[key]"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"string_type","loc":["body","scores","x"],"msg":"Input should be a valid string","input":2},{"type":"int_parsing","loc":["body","scores","y","[key]"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"}]}"#);
    // A field missing from an internally tagged variant, under its tag.
    testing::call(&app, post_json("/pet", r#"{"pet_type": "cat"}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["body","cat","meows"],"msg":"Field required","input":{"pet_type":"cat"}}]}"#);
    // pydantic's IP address types, integers included.
    testing::call(&app, post_json("/hosts", r#"{"any": "x", "v4": "::1", "v6": "127.0.0.1"}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"ip_any_address","loc":["body","any"],"msg":"value is not a valid IPv4 or IPv6 address","input":"x"},{"type":"ip_v4_address","loc":["body","v4"],"msg":"Input is not a valid IPv4 address","input":"::1"},{"type":"ip_v6_address","loc":["body","v6"],"msg":"Input is not a valid IPv6 address","input":"127.0.0.1"}]}"#);
    testing::call(
        &app,
        post_json("/hosts", r#"{"any": 1, "v4": 2130706433, "v6": 1}"#),
    )
    .await
    .assert_body(r#"{"any":"0.0.0.1","v4":"127.0.0.1","v6":"::1"}"#);
}

/// FastAPI's `Depends(common_parameters)`: an extractor of one's own.
#[derive(Deserialize)]
struct CommonParameters {
    q: Option<String>,
    #[serde(default)]
    skip: i64,
    #[serde(default = "hundred")]
    limit: u8,
}

fn hundred() -> u8 {
    100
}

impl FromRequest for CommonParameters {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        ready(
            Query::<Self>::from_request(req, payload)
                .into_inner()
                .map(Query::into_inner),
        )
    }
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Token {
    x_token: String,
}

#[get("/items/{item_id}")]
async fn items(
    Path(item_id): Path<i64>,
    commons: CommonParameters,
    _token: Header<Token>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "item_id": item_id, "q": commons.q, "skip": commons.skip, "limit": commons.limit,
    }))
}

#[actix_web::test]
async fn a_dependency_s_errors_come_first() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(items)).await;
    testing::call(
        &app,
        TestRequest::get()
            .uri("/items/1?q=a")
            .insert_header(("x-token", "t")),
    )
    .await
    .assert_body(r#"{"item_id":1,"q":"a","skip":0,"limit":100}"#);
    testing::get(&app, "/items/x?skip=y&limit=300")
        .await
        .assert_status(422)
        .assert_body(r#"{"detail":[{"type":"int_parsing","loc":["query","skip"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"},{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 255","input":"300","ctx":{"le":255}},{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#);
}
