//! The extractors: every failure a `RequestValidationError` with FastAPI's exact
//! 422 body; every error at once; body limits, encodings and content types.

use crate::support;

use actix_api_error::{
    ExceptionHandlers,
    extract::{BodyLimit, Cookie, Form, Header, Json, Path, Query},
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::{get, send};

#[derive(Debug, Deserialize, Serialize)]
struct Item {
    title: String,
    size: i64,
}

async fn create_item(item: Json<Item>) -> Json<Item> {
    item
}

macro_rules! app {
    ($($path:literal => $route:expr),* $(,)?) => {
        init_service(App::new().wrap(ExceptionHandlers::new())$(.route($path, $route))*).await
    };
}

fn post_json(path: &str, body: &str) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned())
}

const INT_PARSING: &str = "Input should be a valid integer, unable to parse string as an integer";

#[actix_web::test]
async fn json_body_type_error_matches_fastapi_byte_for_byte() {
    let app = app!("/items/" => web::post().to(create_item));
    let res = send(
        &app,
        post_json("/items/", r#"{"title": "towel", "size": "XL"}"#),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(
        res.body,
        format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["body","size"],"msg":"{INT_PARSING}","input":"XL"}}]}}"#
        )
    );
    let res = send(
        &app,
        post_json("/items/", r#"{"title": "towel", "size": "5"}"#),
    )
    .await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (200, r#"{"title":"towel","size":5}"#),
        "pydantic's lax coercion"
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Order {
    customer: Customer,
    items: Vec<Line>,
    tags: Vec<String>,
    express: bool,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Customer {
    name: String,
    config: Config,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Config {
    account: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Line {
    sku: String,
    quantity: u32,
}

#[actix_web::test]
async fn every_body_error_at_once_with_nested_and_list_locations() {
    let app =
        app!("/orders" => web::post().to(|_: Json<Order>| async { HttpResponse::Ok().finish() }));
    let body = r#"{"customer": {"name": 7, "config": {}}, "items": [{"sku": "a", "quantity": 1}, {"sku": "b", "quantity": -2}, {"quantity": "many"}], "tags": ["x", 1], "express": "maybe"}"#;
    let res = send(&app, post_json("/orders", body)).await;
    assert_eq!(res.status, 422);
    let detail: Value = serde_json::from_str(&res.body).unwrap();
    let summary: Vec<(String, Value)> = detail["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap().to_owned(), e["loc"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "string_type".to_owned(),
                json!(["body", "customer", "name"])
            ),
            (
                "missing".to_owned(),
                json!(["body", "customer", "config", "account"])
            ),
            (
                "greater_than_equal".to_owned(),
                json!(["body", "items", 1, "quantity"])
            ),
            ("missing".to_owned(), json!(["body", "items", 2, "sku"])),
            (
                "int_parsing".to_owned(),
                json!(["body", "items", 2, "quantity"])
            ),
            ("string_type".to_owned(), json!(["body", "tags", 1])),
            ("bool_parsing".to_owned(), json!(["body", "express"])),
        ]
    );
    // The input of a missing field is the object it is missing from.
    assert_eq!(detail["detail"][1]["input"], json!({}));
    assert_eq!(detail["detail"][3]["input"], json!({"quantity": "many"}));
    assert_eq!(detail["detail"][2]["ctx"], json!({"ge": 0}));
}

#[actix_web::test]
async fn invalid_json_is_json_invalid_with_python_message_and_offset() {
    let app = app!("/items/" => web::post().to(create_item));
    for (body, offset, error) in [
        (
            r#"{"title": "hello", "size": "XL}"#,
            27,
            "Unterminated string starting at",
        ),
        (
            r#"{some broken json}"#,
            1,
            "Expecting property name enclosed in double quotes",
        ),
        (r#"{"title": "t", "size": 1} x"#, 26, "Extra data"),
        (r#"{"title": "é", "size": }"#, 23, "Expecting value"),
    ] {
        let res = send(&app, post_json("/items/", body)).await;
        assert_eq!(res.status, 422, "{body}");
        assert_eq!(
            res.body,
            format!(
                r#"{{"detail":[{{"type":"json_invalid","loc":["body",{offset}],"msg":"JSON decode error","input":{{}},"ctx":{{"error":"{error}"}}}}]}}"#
            ),
            "{body}"
        );
    }
}

#[actix_web::test]
async fn bodies_that_are_empty_not_json_not_utf8_or_too_large() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .app_data(BodyLimit(64))
            .route("/items/", web::post().to(create_item))
            .route(
                "/optional",
                web::post().to(|item: Json<Option<Item>>| async move {
                    HttpResponse::Ok().body(format!("{}", item.is_some()))
                }),
            ),
    )
    .await;
    // No body where one is required.
    let res = send(&app, post_json("/items/", "")).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#
        )
    );
    // ... unless it is optional.
    let res = send(&app, post_json("/optional", "")).await;
    assert_eq!((res.status, res.body.as_str()), (200, "false"));

    // JSON sent without a JSON content type (FastAPI's strict_content_type).
    let req = TestRequest::post()
        .uri("/items/")
        .insert_header(("content-type", "text/plain"))
        .set_payload(r#"{"title":"t","size":1}"#);
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"title\":\"t\",\"size\":1}"}]}"#
    );
    // application/*+json is JSON; a UTF-8 BOM is allowed, as Python's json.loads does.
    let req = TestRequest::post()
        .uri("/items/")
        .insert_header((
            "content-type",
            "application/merge-patch+json; charset=utf-8",
        ))
        .set_payload(&b"\xef\xbb\xbf{\"title\":\"t\",\"size\":1}"[..]);
    assert_eq!(send(&app, req).await.status, 200);

    // Not UTF-8.
    let req = post_json("/items/", "").set_payload(&b"{\"title\": \"\xff\xfe\", \"size\": 1}"[..]);
    let res = send(&app, req).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"There was an error parsing the body"}"#)
    );

    // Over the limit: declared, then streamed without a length.
    let big = format!(r#"{{"title": "{}", "size": 1}}"#, "x".repeat(100));
    let res = send(&app, post_json("/items/", &big)).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (413, r#"{"detail":"Content Too Large"}"#)
    );
    let chunked = TestRequest::post()
        .uri("/items/")
        .insert_header(("content-type", "application/json"))
        .set_payload(big.clone());
    let mut req = chunked.to_request();
    req.headers_mut().remove("content-length");
    let res = actix_web::dev::Service::call(&app, req).await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(
        actix_web::test::read_body(res).await,
        r#"{"detail":"Content Too Large"}"#
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Search {
    i: i32,
    f: f64,
    b: bool,
    tags: Vec<u8>,
    q: Option<String>,
}

#[actix_web::test]
async fn query_reports_every_parameter_like_fastapi() {
    let app = app!("/search" => web::get().to(|s: Query<Search>| async move { HttpResponse::Ok().body(format!("{:?}", s.into_inner())) }));
    let res = get(&app, "/search?i=x&f=y&b=maybe&tags=1&tags=z").await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.body,
        format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["query","i"],"msg":"{INT_PARSING}","input":"x"}},{{"type":"float_parsing","loc":["query","f"],"msg":"Input should be a valid number, unable to parse string as a number","input":"y"}},{{"type":"bool_parsing","loc":["query","b"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}},{{"type":"int_parsing","loc":["query","tags",1],"msg":"{INT_PARSING}","input":"z"}}]}}"#
        )
    );
    let res = get(&app, "/search").await;
    let types: Vec<_> = serde_json::from_str::<Value>(&res.body).unwrap()["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["type"], e["loc"], e["input"]))
        .collect();
    assert_eq!(
        types,
        [
            r#""missing" ["query","i"] null"#,
            r#""missing" ["query","f"] null"#,
            r#""missing" ["query","b"] null"#,
            r#""missing" ["query","tags"] null"#,
        ]
    );
    // Repeated scalar: the last wins; booleans as pydantic reads them; percent-decoding.
    let res = get(&app, "/search?i=1&i=2&f=2.5&b=on&tags=3&q=a%20b").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            200,
            r#"Search { i: 2, f: 2.5, b: true, tags: [3], q: Some("a b") }"#
        )
    );
}

#[derive(Debug, Deserialize)]
struct ItemPath {
    owner: String,
    item_id: u32,
}

#[actix_web::test]
async fn path_parameters_by_name_or_in_order() {
    let app = app!(
        "/items/{item_id}" => web::get().to(|Path(id): Path<u32>| async move { HttpResponse::Ok().body(id.to_string()) }),
        "/users/{owner}/items/{item_id}" => web::get().to(|p: Path<ItemPath>| async move { HttpResponse::Ok().body(format!("{} {}", p.owner, p.item_id)) }),
        "/pairs/{a}/{b}" => web::get().to(|Path((a, b)): Path<(u8, u8)>| async move { HttpResponse::Ok().body(format!("{a}{b}")) }),
    );
    let res = get(&app, "/items/foo").await;
    assert_eq!(
        (res.status, res.body),
        (
            422,
            format!(
                r#"{{"detail":[{{"type":"int_parsing","loc":["path","item_id"],"msg":"{INT_PARSING}","input":"foo"}}]}}"#
            )
        )
    );
    let res = get(&app, "/items/4.5").await;
    assert!(
        res.body.contains(r#""input":"4.5""#),
        "4.5 is int_parsing for a path int: {}",
        res.body
    );
    let res = get(&app, "/users/b%20ar/items/x").await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains(r#""loc":["path","item_id"]"#));
    assert_eq!(get(&app, "/users/b%20ar/items/3").await.body, "b ar 3");
    let res = get(&app, "/pairs/1/300").await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"less_than_equal","loc":["path","b"],"msg":"Input should be less than or equal to 255","input":"300","ctx":{"le":255}}]}"#
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Auth {
    x_token: String,
    x_retries: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Session {
    session: String,
    theme: Option<String>,
}

#[actix_web::test]
async fn headers_and_cookies_by_name() {
    let app = app!(
        "/secret" => web::get().to(|a: Header<Auth>| async move { HttpResponse::Ok().body(a.x_token.clone()) }),
        "/me" => web::get().to(|c: Cookie<Session>| async move { HttpResponse::Ok().body(format!("{:?}", c.into_inner())) }),
    );
    let res = get(&app, "/secret").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#
        )
    );
    let res = send(
        &app,
        TestRequest::get()
            .uri("/secret")
            .insert_header(("X-Token", "t"))
            .insert_header(("X-Retries", "lots")),
    )
    .await;
    assert!(
        res.body.contains(r#""loc":["header","x-retries"]"#),
        "{}",
        res.body
    );
    let res = send(
        &app,
        TestRequest::get()
            .uri("/secret")
            .insert_header(("X-Token", "t")),
    )
    .await;
    assert_eq!((res.status, res.body.as_str()), (200, "t"));

    let res = get(&app, "/me").await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"missing","loc":["cookie","session"],"msg":"Field required","input":null}]}"#
    );
    let res = send(
        &app,
        TestRequest::get()
            .uri("/me")
            .insert_header(("Cookie", "theme=dark; session=a%20b")),
    )
    .await;
    assert_eq!(
        res.body,
        r#"Session { session: "a b", theme: Some("dark") }"#
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Login {
    username: String,
    remember: bool,
}

#[actix_web::test]
async fn form_bodies() {
    let app = app!("/login" => web::post().to(|f: Form<Login>| async move { HttpResponse::Ok().body(f.username.clone()) }));
    let form = |body: &str| {
        TestRequest::post()
            .uri("/login")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body.to_owned())
    };
    let res = send(&app, form("remember=perhaps")).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},{"type":"bool_parsing","loc":["body","remember"],"msg":"Input should be a valid boolean, unable to interpret input","input":"perhaps"}]}"#
    );
    assert_eq!(
        send(&app, form("username=ana%20b&remember=1")).await.body,
        "ana b"
    );
    // Another content type reads as an empty form.
    let res = send(&app, post_json("/login", r#"{"username":"x"}"#)).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains(r#""loc":["body","username"]"#));
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Color {
    Red,
    Green,
    Blue,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Strict {
    count: i32,
    whole: i32,
    color: Color,
}

#[actix_web::test]
async fn int_type_int_from_float_enum_and_extra_forbidden_byte_for_byte() {
    let app =
        app!("/strict" => web::post().to(|_: Json<Strict>| async { HttpResponse::Ok().finish() }));
    let res = send(
        &app,
        post_json(
            "/strict",
            r#"{"count": [1], "whole": 5.5, "color": "purple", "extra": true}"#,
        ),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.body,
        concat!(
            r#"{"detail":["#,
            r#"{"type":"int_type","loc":["body","count"],"msg":"Input should be a valid integer","input":[1]},"#,
            r#"{"type":"int_from_float","loc":["body","whole"],"msg":"Input should be a valid integer, got a number with a fractional part","input":5.5},"#,
            r#"{"type":"enum","loc":["body","color"],"msg":"Input should be 'red', 'green' or 'blue'","input":"purple","ctx":{"expected":"'red', 'green' or 'blue'"}},"#,
            r#"{"type":"extra_forbidden","loc":["body","extra"],"msg":"Extra inputs are not permitted","input":true}"#,
            r#"]}"#
        )
    );
    // 5.0 is a whole number: pydantic takes it, and so does this.
    let res = send(
        &app,
        post_json("/strict", r#"{"count": "7", "whole": 5.0, "color": "red"}"#),
    )
    .await;
    assert_eq!(res.status, 200);
}
