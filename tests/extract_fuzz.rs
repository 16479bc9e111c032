//! Arbitrary bytes and strings into every extractor (ours and actix's, through
//! `ExceptionHandlers`): never a panic, never a 5xx, and every 4xx is JSON.

use actix_api_error::{
    ExceptionHandlers,
    extract::{BodyLimit, Cookie, Form, Header, Json, Path, Query},
};
use actix_web::{
    App, HttpResponse,
    dev::{Service, ServiceResponse},
    test::{self, TestRequest},
    web,
};
use percent_encoding::{NON_ALPHANUMERIC, percent_encode};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    title: String,
    size: i64,
    tags: Vec<String>,
    nested: Option<Nested>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Nested {
    flag: bool,
    ratio: f64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Params {
    a: u8,
    b: Option<bool>,
    c: Vec<i32>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Headers {
    x_token: String,
    x_count: Option<u16>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Cookies {
    session: String,
    n: Option<u32>,
}

fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let ok = || HttpResponse::Ok().finish();
    App::new()
        .wrap(ExceptionHandlers::new())
        .app_data(BodyLimit(4096))
        .app_data(web::JsonConfig::default().limit(4096))
        .route(
            "/json",
            web::post().to(move |_: Json<Item>| async move { ok() }),
        )
        .route(
            "/form",
            web::post().to(move |_: Form<Params>| async move { ok() }),
        )
        .route(
            "/query",
            web::get().to(move |_: Query<Params>| async move { ok() }),
        )
        .route(
            "/path/{a}/{b}",
            web::get().to(move |_: Path<(u8, String)>| async move { ok() }),
        )
        .route(
            "/headers",
            web::get().to(move |_: Header<Headers>| async move { ok() }),
        )
        .route(
            "/cookies",
            web::get().to(move |_: Cookie<Cookies>| async move { ok() }),
        )
        .route(
            "/actix/json",
            web::post().to(move |_: web::Json<Item>| async move { ok() }),
        )
        .route(
            "/actix/query",
            web::get().to(move |_: web::Query<Params>| async move { ok() }),
        )
        .route(
            "/actix/path/{a}",
            web::get().to(move |_: web::Path<u8>| async move { ok() }),
        )
        .route(
            "/actix/form",
            web::post().to(move |_: web::Form<Params>| async move { ok() }),
        )
}

/// Sends every request and checks each answer.
fn check_all(requests: Vec<TestRequest>) -> Result<(), TestCaseError> {
    actix_web::rt::System::new().block_on(async move {
        let app = test::init_service(app()).await;
        for req in requests {
            let req = req.to_request();
            let path = req.path().to_owned();
            let res = app
                .call(req)
                .await
                .map_err(|e| TestCaseError::fail(format!("{path}: Err {e}")))?;
            let status = res.status();
            let content_type = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = test::read_body(res).await;
            prop_assert!(
                status.is_success() || status.is_client_error(),
                "{path}: {status} {body:?}"
            );
            if status.is_client_error() {
                prop_assert_eq!(
                    content_type.as_deref(),
                    Some("application/json"),
                    "{}",
                    path
                );
                let json: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
                    TestCaseError::fail(format!("{path}: not JSON ({e}): {body:?}"))
                })?;
                prop_assert!(json.get("detail").is_some(), "{}: {}", path, json);
            }
        }
        Ok(())
    })
}

fn encoded(bytes: &[u8]) -> String {
    percent_encode(bytes, NON_ALPHANUMERIC).to_string()
}

/// JSON-ish bodies: mostly structure, sometimes garbage.
fn json_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        "[\\[\\]{}:,\"a-z0-9 .\\-eEtrufalsn\\\\]{0,64}".prop_map(String::into_bytes),
        (any::<i64>(), ".{0,8}", any::<bool>(), any::<f64>()).prop_map(|(size, title, flag, ratio)| {
            serde_json::json!({"title": title, "size": size, "tags": [title], "nested": {"flag": flag, "ratio": ratio.to_string()}})
                .to_string()
                .into_bytes()
        }),
    ]
}

const CONTENT_TYPES: [&str; 5] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "application/vnd.api+json; charset=utf-8",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn bodies(body in json_body(), content_type in 0..CONTENT_TYPES.len()) {
        let requests = ["/json", "/form", "/actix/json", "/actix/form"].into_iter().map(|path| {
            let mut req = TestRequest::post().uri(path).set_payload(body.clone());
            if !CONTENT_TYPES[content_type].is_empty() {
                req = req.insert_header(("content-type", CONTENT_TYPES[content_type]));
            }
            req
        }).collect();
        check_all(requests)?;
    }

    #[test]
    fn queries_and_paths(
        key in proptest::collection::vec(any::<u8>(), 0..8),
        value in proptest::collection::vec(any::<u8>(), 0..16),
        raw in "[ -~]{0,40}",
        segment in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let (key, value, segment) = (encoded(&key), encoded(&value), encoded(&segment));
        let query = format!("a={value}&{key}={value}&c={value}&c=1");
        let raw: String = raw.chars().filter(|c| !matches!(c, ' ' | '#' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')).collect();
        let requests = vec![
            TestRequest::get().uri(&format!("/query?{query}")),
            TestRequest::get().uri(&format!("/query?{raw}")),
            TestRequest::get().uri(&format!("/actix/query?{query}")),
            TestRequest::get().uri(&format!("/path/{segment}/{segment}")),
            TestRequest::get().uri(&format!("/actix/path/{segment}")),
        ];
        check_all(requests)?;
    }

    #[test]
    fn headers_and_cookies(
        value in proptest::collection::vec(prop_oneof![0x20u8..0x7f, 0x80u8..=0xff], 0..32),
        cookie in "[ -~]{0,60}",
    ) {
        let value = actix_web::http::header::HeaderValue::from_bytes(&value).unwrap();
        let requests = vec![
            TestRequest::get().uri("/headers").insert_header(("x-token", value.clone())).insert_header(("x-count", value.clone())),
            TestRequest::get().uri("/headers").insert_header(("x-count", value)),
            TestRequest::get().uri("/cookies").insert_header(("cookie", cookie)),
        ];
        check_all(requests)?;
    }
}
