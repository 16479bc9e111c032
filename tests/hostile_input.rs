//! Hostile input: bodies over the limit (declared and streamed) refused before
//! they are buffered, JSON nested past any stack, invalid UTF-8 everywhere, huge
//! numbers, and ten thousand query parameters. Every one is a 4xx JSON answer.

use crate::support;

use actix_api_error::{
    ExceptionHandlers,
    extract::{BodyLimit, Header, Json, Path, Query, QueryModel},
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::Deserialize;
use serde_json::{Value, json};
use support::{get, send, server::Server, wire::Connection};

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    title: String,
    size: i64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Search {
    q: Option<String>,
    limit: Option<u32>,
    #[serde(default)]
    tags: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Agent {
    user_agent: String,
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
        .app_data(BodyLimit(1024))
        .app_data(web::JsonConfig::default().limit(1024))
        .route(
            "/items",
            web::post().to(|_: Json<Item>| async { HttpResponse::Ok().finish() }),
        )
        .route(
            "/any",
            web::post().to(|v: Json<Value>| async move {
                HttpResponse::Ok().body(v.to_string().len().to_string())
            }),
        )
        .route(
            "/actix",
            web::post().to(|_: web::Json<Value>| async { HttpResponse::Ok().finish() }),
        )
        .route(
            "/items/{id}",
            web::get()
                .to(|Path(id): Path<u32>| async move { HttpResponse::Ok().body(id.to_string()) }),
        )
        .route(
            "/names/{name}",
            web::get().to(|Path(name): Path<String>| async move { HttpResponse::Ok().body(name) }),
        )
        .route(
            "/search",
            web::get().to(|q: Query<Search>| async move {
                HttpResponse::Ok().body(format!("{:?} {:?} {}", q.q, q.limit, q.tags.len()))
            }),
        )
        .route(
            "/agent",
            web::get().to(|h: Header<Agent>| async move {
                HttpResponse::Ok().body(h.into_inner().user_agent)
            }),
        )
}

const TOO_LARGE: &str = r#"{"detail":"Content Too Large"}"#;

#[test]
fn a_declared_length_over_the_limit_is_refused_without_reading_the_body() {
    let server = Server::start(app);
    for path in ["/items", "/actix"] {
        // A terabyte is declared and nothing is sent: the answer cannot come from
        // reading the body.
        let mut connection = Connection::open(server.port);
        connection.write(
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n")
                .as_bytes(),
        );
        let res = connection.read();
        assert_eq!((res.status, res.body.as_str()), (413, TOO_LARGE), "{path}");
    }
}

#[test]
fn a_streamed_body_is_refused_as_soon_as_it_goes_over() {
    let server = Server::start(app);
    for path in ["/items", "/actix"] {
        let mut connection = Connection::open(server.port);
        connection.write(
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .as_bytes(),
        );
        // 2 KiB in 512-byte chunks, and no final chunk: the body never ends.
        for _ in 0..4 {
            connection.write(format!("200\r\n{}\r\n", "x".repeat(512)).as_bytes());
        }
        let res = connection.read();
        assert_eq!((res.status, res.body.as_str()), (413, TOO_LARGE), "{path}");
    }
}

fn post(path: &str, body: impl Into<actix_web::web::Bytes>) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.into())
}

#[actix_web::test]
async fn deeply_nested_json_stops_at_python_s_recursion_limit() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/any",
        web::post().to(|_: Json<Value>| async { HttpResponse::Ok().finish() }),
    ))
    .await;
    // Past a thousand levels, Python's `json.loads` raises `RecursionError`,
    // which FastAPI answers with 400: unterminated or not, read no further.
    let unreadable = r#"{"detail":"There was an error parsing the body"}"#;
    for body in [
        "[".repeat(1_000_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        r#"{"a":"#.repeat(2_000),
    ] {
        let res = send(&app, post("/any", body)).await;
        assert_eq!((res.status, res.body.as_str()), (400, unreadable));
    }
    // Well-formed and within Python's limit, but past serde_json's: its
    // recursion limit, at the 129th level, as the value is read.
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let res = send(&app, post("/any", deep)).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"json_invalid","loc":["body",128],"msg":"JSON decode error","input":{},"ctx":{"error":"recursion limit exceeded"}}]}"#
        )
    );
}

#[actix_web::test]
async fn invalid_utf8_in_path_query_header_and_body() {
    let app = init_service(app()).await;
    let res = get(&app, "/items/%FF%FE").await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains(r#""loc":["path","id"]"#)
            && res.body.contains("\"input\":\"\u{fffd}\u{fffd}\""),
        "{}",
        res.body
    );
    assert_eq!(
        get(&app, "/names/caf%C3%A9%FF").await.body,
        "caf\u{e9}\u{fffd}"
    );
    assert_eq!(
        get(&app, "/search?q=%FF%FE").await.body,
        "Some(\"\u{fffd}\u{fffd}\") None 0"
    );
    let header = actix_web::http::header::HeaderValue::from_bytes(b"bot \xff\xfe").unwrap();
    let res = send(
        &app,
        TestRequest::get()
            .uri("/agent")
            .insert_header(("user-agent", header)),
    )
    .await;
    assert_eq!(res.body, "bot \u{ff}\u{fe}", "header values are ISO-8859-1");
    let res = send(
        &app,
        post("/items", &b"{\"title\": \"\xc3\x28\", \"size\": 1}"[..]),
    )
    .await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"There was an error parsing the body"}"#)
    );
}

#[actix_web::test]
async fn huge_numbers() {
    let app = init_service(app()).await;
    let errors =
        |body: &str| -> Value { serde_json::from_str::<Value>(body).unwrap()["detail"].clone() };
    // Python reads 1e400 as infinity, which is not an integer.
    let res = send(&app, post("/items", r#"{"title": "t", "size": 1e400}"#)).await;
    assert_eq!(
        errors(&res.body),
        json!([{"type": "finite_number", "loc": ["body", "size"], "msg": "Input should be a finite number", "input": null}])
    );
    let res = send(
        &app,
        post(
            "/items",
            r#"{"title": "t", "size": 123456789012345678901234567890123456789012}"#,
        ),
    )
    .await;
    assert_eq!(
        errors(&res.body),
        json!([{"type": "less_than_equal", "loc": ["body", "size"], "msg": "Input should be less than or equal to 9223372036854775807",
                "input": 1.2345678901234568e41, "ctx": {"le": 9223372036854775807_i64}}])
    );
    let res = get(
        &app,
        "/search?limit=99999999999999999999999999999999999999999999",
    )
    .await;
    assert_eq!(errors(&res.body)[0]["type"], "less_than_equal");
    assert_eq!(errors(&res.body)[0]["ctx"], json!({"le": 4294967295_u32}));
    let res = get(&app, &format!("/search?limit={}", "9".repeat(5000))).await;
    assert_eq!(errors(&res.body)[0]["type"], "int_parsing_size");
    let res = get(&app, "/items/-1").await;
    assert_eq!(errors(&res.body)[0]["ctx"], json!({"ge": 0}));
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Many {
    q: Option<String>,
    l: Option<u32>,
    #[serde(default)]
    t: Vec<u32>,
}

/// Ten thousand parameters, each short: a URI is at most 65,534 bytes (the `http`
/// crate's limit, which actix applies before any app code runs).
#[actix_web::test]
async fn ten_thousand_query_parameters() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/many",
        web::get().to(|m: Query<Many>| async move {
            HttpResponse::Ok().body(format!("{:?} {:?} {}", m.q, m.l, m.t.len()))
        }),
    ))
    .await;
    let distinct: Vec<String> = (0..10_000).map(|i| format!("{i:x}")).collect();
    let res = get(&app, &format!("/many?{}&q=x", distinct.join("&"))).await;
    assert_eq!((res.status, res.body.as_str()), (200, "Some(\"x\") None 0"));
    let res = get(&app, &format!("/many?{}", vec!["t=1"; 10_000].join("&"))).await;
    assert_eq!((res.status, res.body.as_str()), (200, "None None 10000"));
    // Ten thousand times the same bad value: the last wins, one error.
    let res = get(&app, &format!("/many?{}", vec!["l=x"; 10_000].join("&"))).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        serde_json::from_str::<Value>(&res.body).unwrap()["detail"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Ten thousand bad list items: the first hundred, and a last error that
    // says so (`ErrorLimits`).
    let res = get(&app, &format!("/many?{}", vec!["t=x"; 10_000].join("&"))).await;
    let detail = serde_json::from_str::<Value>(&res.body).unwrap()["detail"].clone();
    assert_eq!(detail.as_array().unwrap().len(), 101);
    assert_eq!(detail[99]["loc"], json!(["query", "t", 99]));
    assert_eq!(
        detail[100],
        json!({"type": "too_many_errors", "loc": ["query"], "msg": "Too many errors: only the first 100 are reported", "input": null})
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Required {
    q: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Strict {
    q: String,
}

/// The same against parameter models: what a missing field echoes of every
/// other parameter is cut; a model that refuses them reports the first hundred.
#[actix_web::test]
async fn ten_thousand_parameters_of_a_model() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/model",
                web::get().to(|m: QueryModel<Many>| async move {
                    HttpResponse::Ok().body(format!("{:?} {}", m.q, m.t.len()))
                }),
            )
            .route(
                "/required",
                web::get().to(|m: QueryModel<Required>| async move {
                    HttpResponse::Ok().body(m.q.clone())
                }),
            )
            .route(
                "/strict",
                web::get().to(|m: QueryModel<Strict>| async move {
                    HttpResponse::Ok().body(m.q.clone())
                }),
            ),
    )
    .await;
    let distinct: Vec<String> = (0..10_000).map(|i| format!("{i:x}")).collect();
    let res = get(&app, &format!("/model?{}&q=x", distinct.join("&"))).await;
    assert_eq!((res.status, res.body.as_str()), (200, "Some(\"x\") 0"));

    let res = get(&app, &format!("/required?{}", distinct.join("&"))).await;
    let detail = serde_json::from_str::<Value>(&res.body).unwrap()["detail"].clone();
    assert_eq!(detail.as_array().unwrap().len(), 1);
    assert_eq!(detail[0]["type"], "missing");
    let echoed = detail[0]["input"].as_str().unwrap();
    assert!(
        echoed.starts_with(r#"{"0":"","1":"","#) && echoed.ends_with("..."),
        "{echoed}"
    );
    assert!(echoed.len() <= 256, "{}", echoed.len());

    let res = get(&app, &format!("/strict?{}", distinct.join("&"))).await;
    let detail = serde_json::from_str::<Value>(&res.body).unwrap()["detail"].clone();
    assert_eq!(detail.as_array().unwrap().len(), 101);
    assert_eq!(
        detail[0],
        json!({"type": "extra_forbidden", "loc": ["query", "0"], "msg": "Extra inputs are not permitted", "input": ""})
    );
    assert_eq!(detail[100]["type"], "too_many_errors");
}
