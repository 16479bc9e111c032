//! Where a client can push: bounded reports, no error hidden or invented by a
//! stand-in, no Rust type name, headers only by their real name, and the lax
//! rules pydantic-core applies (each case checked against FastAPI 0.165 /
//! pydantic 2.14).

use crate::support;

use actix_api_error::{
    ExceptionHandlers,
    extract::{ErrorLimits, Header, Json, Query},
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::Deserialize;
use serde_json::{Value, json};
use support::{get, send};

fn post(path: &str, body: impl Into<actix_web::web::Bytes>) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.into())
}

fn detail(body: &str) -> Value {
    serde_json::from_str::<Value>(body).unwrap()["detail"].clone()
}

fn ok() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Wide {
    f00: u8,
    f01: u8,
    f02: u8,
    f03: u8,
    f04: u8,
    f05: u8,
    f06: u8,
    f07: u8,
    f08: u8,
    f09: u8,
    f10: u8,
    f11: u8,
    f12: u8,
    f13: u8,
    f14: u8,
    f15: u8,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Named {
    name: String,
}

/// A 2 MiB body of wrong items answers under 64 KiB: the first 100 errors and
/// one that says more were found.
#[actix_web::test]
async fn a_hostile_body_gets_a_bounded_answer() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/ints", web::post().to(|_: Json<Vec<u32>>| async { ok() }))
            .route("/wide", web::post().to(|_: Json<Vec<Wide>>| async { ok() }))
            .route(
                "/named",
                web::post().to(|_: Json<Vec<Named>>| async { ok() }),
            ),
    )
    .await;
    let body = format!("[{}\"x\"]", "\"x\",".repeat(2 * 1024 * 1024 / 4 - 2));
    assert!(body.len() <= 2 * 1024 * 1024);
    let res = send(&app, post("/ints", body)).await;
    assert_eq!(res.status, 422);
    assert!(res.body.len() < 64 * 1024, "{} bytes", res.body.len());
    let errors = detail(&res.body);
    assert_eq!(errors.as_array().unwrap().len(), 101);
    assert_eq!(
        errors[0],
        json!({"type": "int_parsing", "loc": ["body", 0], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"})
    );
    assert_eq!(
        errors[100],
        json!({"type": "too_many_errors", "loc": ["body"], "msg": "Too many errors: only the first 100 are reported", "input": null})
    );

    // Objects missing every field, each with a large member: the inputs (the
    // objects) are summarized, the report stays under 64 KiB.
    let item = format!("{{\"pad\": \"{}\"}}", "p".repeat(20_000));
    let body = format!("[{}]", vec![item; 90].join(","));
    let res = send(&app, post("/wide", body)).await;
    assert!(
        res.body.len() <= 64 * 1024 + 200,
        "{} bytes",
        res.body.len()
    );
    let errors = detail(&res.body);
    let last = errors.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["type"], "too_many_errors");
    let input = errors[0]["input"].as_str().unwrap();
    assert!(input.starts_with("{\"pad\":\"ppp") && input.ends_with("..."));
    assert_eq!(input.len(), 256);

    // A thousand items each missing a field: every one up to the bound, in order.
    let body = format!("[{}]", vec!["{}"; 1000].join(","));
    let errors = detail(&send(&app, post("/named", body)).await.body);
    let errors = errors.as_array().unwrap();
    assert_eq!(errors.len(), 101);
    for (i, error) in errors[..100].iter().enumerate() {
        assert_eq!(error["loc"], json!(["body", i, "name"]));
        assert_eq!(error["input"], json!({}));
    }
}

/// Exactly the bound: no note. A lower bound set as app data.
#[actix_web::test]
async fn every_error_up_to_the_bound_and_the_bound_is_configurable() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/named",
                web::post().to(|_: Json<Vec<Named>>| async { ok() }),
            )
            .service(
                web::scope("/small")
                    .app_data(ErrorLimits {
                        max_errors: 3,
                        max_input: 16,
                    })
                    .route(
                        "/named",
                        web::post().to(|_: Json<Vec<Named>>| async { ok() }),
                    ),
            ),
    )
    .await;
    let body = format!("[{}]", vec!["{}"; 100].join(","));
    let errors = detail(&send(&app, post("/named", body)).await.body);
    assert_eq!(errors.as_array().unwrap().len(), 100);
    assert_eq!(errors[99]["loc"], json!(["body", 99, "name"]));

    let body = r#"[{"name": 1, "pad": "0123456789abcdef0123"}, {}, {}, {}]"#;
    let errors = detail(&send(&app, post("/small/named", body)).await.body);
    assert_eq!(
        errors,
        json!([
            {"type": "string_type", "loc": ["body", 0, "name"], "msg": "Input should be a valid string", "input": 1},
            {"type": "missing", "loc": ["body", 1, "name"], "msg": "Field required", "input": {}},
            {"type": "missing", "loc": ["body", 2, "name"], "msg": "Field required", "input": {}},
            {"type": "too_many_errors", "loc": ["body"], "msg": "Too many errors: only the first 3 are reported", "input": null},
        ])
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Token {
    x_token: String,
    #[serde(default)]
    x_tag: Vec<String>,
}

/// Only `x-token` fills `x_token`; a repeated header gives a scalar its first
/// value and a list all of them.
#[actix_web::test]
async fn headers_fill_fields_only_by_their_hyphenated_name() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/",
        web::get().to(|h: Header<Token>| async move {
            HttpResponse::Ok().body(format!("{} {:?}", h.x_token, h.x_tag))
        }),
    ))
    .await;
    let req = TestRequest::get()
        .uri("/")
        .insert_header(("x_token", "spoofed"));
    let res = send(&app, req).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#
        )
    );
    let req = TestRequest::get()
        .uri("/")
        .append_header(("x_token", "spoofed"))
        .append_header(("x-token", "first"))
        .append_header(("x-token", "second"))
        .append_header(("x-tag", "a"))
        .append_header(("x-tag", "b"));
    let res = send(&app, req).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (200, r#"first ["a", "b"]"#)
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct InternalPointType(i32, i32);

#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum InternalSecretEnumName {
    Number(u32),
    Text(Vec<u32>),
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[allow(dead_code)]
enum Shape {
    Circle { r: u32 },
    Square { side: u32 },
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Drawing {
    point: Option<InternalPointType>,
    pair: Option<(u8, u8)>,
    grid: Option<[u8; 2]>,
    secret: Option<InternalSecretEnumName>,
    shape: Option<Shape>,
}

/// No Rust type name reaches a client, through our extractors or actix's.
#[actix_web::test]
async fn no_rust_type_names_and_pydantic_s_sequence_errors() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/", web::post().to(|_: Json<Drawing>| async { ok() }))
            .route(
                "/actix",
                web::post().to(|_: web::Json<Drawing>| async { ok() }),
            ),
    )
    .await;
    let body = r#"{"point": [1], "pair": [1, 2, 3], "grid": [1], "secret": {"a": 1}, "shape": {"type": "hexagon"}}"#;
    let res = send(&app, post("/", body)).await;
    assert!(!res.body.contains("Internal"), "{}", res.body);
    assert_eq!(
        detail(&res.body),
        json!([
            {"type": "missing", "loc": ["body", "point", 1], "msg": "Field required", "input": [1]},
            {"type": "too_long", "loc": ["body", "pair"], "msg": "Tuple should have at most 2 items after validation, not 3",
             "input": [1, 2, 3], "ctx": {"field_type": "Tuple", "max_length": 2, "actual_length": 3}},
            {"type": "too_short", "loc": ["body", "grid"], "msg": "List should have at least 2 items after validation, not 1",
             "input": [1], "ctx": {"field_type": "List", "min_length": 2, "actual_length": 1}},
            {"type": "value_error", "loc": ["body", "secret"], "msg": "Value error, input did not match any variant",
             "input": {"a": 1}, "ctx": {"error": {}}},
            {"type": "union_tag_invalid", "loc": ["body", "shape"],
             "msg": "Input tag 'hexagon' found using 'type' does not match any of the expected tags: 'circle', 'square'",
             "input": {"type": "hexagon"}, "ctx": {"discriminator": "'type'", "tag": "hexagon", "expected_tags": "'circle', 'square'"}},
        ])
    );
    let res = send(&app, post("/", r#"{"shape": {"r": 1}}"#)).await;
    assert_eq!(
        detail(&res.body),
        json!([{"type": "union_tag_not_found", "loc": ["body", "shape"], "msg": "Unable to extract tag using discriminator 'type'",
                "input": {"r": 1}, "ctx": {"discriminator": "'type'"}}])
    );
    for body in [r#"{"point": [1]}"#, r#"{"secret": {"a": 1}}"#] {
        let res = send(&app, post("/actix", body)).await;
        assert_eq!(res.status, 422);
        assert!(!res.body.contains("Internal"), "{}", res.body);
    }
    // actix's `web::Json` without a body: `missing`, as ours.
    let res = send(&app, post("/actix", "")).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#
        )
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Record {
    id: uuid::Uuid,
    host: std::net::IpAddr,
    day: chrono::NaiveDate,
    size: u32,
    owner: Option<uuid::Uuid>,
}

/// A type that refuses the placeholder (`""`) hides nothing and invents nothing.
#[actix_web::test]
async fn types_that_refuse_placeholders_hide_no_other_error() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/", web::post().to(|_: Json<Record>| async { ok() })),
    )
    .await;
    let body =
        r#"{"id": "nope", "host": "300.1.1.1", "day": "2024-13-01", "size": -1, "owner": null}"#;
    let errors = detail(&send(&app, post("/", body)).await.body);
    let summary: Vec<(&str, &Value)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap(), &e["loc"]))
        .collect();
    assert_eq!(
        summary,
        [
            ("uuid_parsing", &json!(["body", "id"])),
            ("ip_any_address", &json!(["body", "host"])),
            ("value_error", &json!(["body", "day"])),
            ("greater_than_equal", &json!(["body", "size"])),
        ]
    );
    // Only `size` wrong: one error, none from the stand-ins of the others.
    let body = r#"{"size": "x"}"#;
    let errors = detail(&send(&app, post("/", body)).await.body);
    let types: Vec<&str> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["missing", "missing", "missing", "int_parsing"]);
    // `null` for a UUID: pydantic's own error.
    let body = r#"{"id": null, "host": "::1", "day": "2024-01-01", "size": 1}"#;
    assert_eq!(
        detail(&send(&app, post("/", body)).await.body),
        json!([{"type": "uuid_type", "loc": ["body", "id"], "msg": "UUID input should be a string, bytes or UUID object", "input": null}])
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Wide64 {
    a: i64,
    b: u64,
    c: i8,
}

/// No integer is clamped: bounds are checked on exact digits.
#[actix_web::test]
async fn integers_past_their_type_are_refused_not_clamped() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/",
        web::post().to(|v: Json<Wide64>| async move {
            HttpResponse::Ok().body(format!("{} {} {}", v.a, v.b, v.c))
        }),
    ))
    .await;
    let body = r#"{"a": -9223372036854775809, "b": 18446744073709551616, "c": -129}"#;
    assert_eq!(
        detail(&send(&app, post("/", body)).await.body),
        json!([
            {"type": "greater_than_equal", "loc": ["body", "a"], "msg": "Input should be greater than or equal to -9223372036854775808",
             "input": -9.223372036854776e18, "ctx": {"ge": i64::MIN}},
            {"type": "less_than_equal", "loc": ["body", "b"], "msg": "Input should be less than or equal to 18446744073709551615",
             "input": 1.8446744073709552e19, "ctx": {"le": u64::MAX}},
            {"type": "greater_than_equal", "loc": ["body", "c"], "msg": "Input should be greater than or equal to -128",
             "input": -129, "ctx": {"ge": -128}},
        ])
    );
    let body = r#"{"a": -9223372036854775808, "b": 18446744073709551615, "c": -128}"#;
    let res = send(&app, post("/", body)).await;
    assert_eq!(res.body, "-9223372036854775808 18446744073709551615 -128");
    // A float for an integer: whole, and inside i64 (pydantic's float_as_int).
    let body = r#"{"a": 9.3e18, "b": 1e3, "c": 2.5}"#;
    let types: Vec<Value> = detail(&send(&app, post("/", body)).await.body)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].clone())
        .collect();
    assert_eq!(types, [json!("int_parsing_size"), json!("int_from_float")]);
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Lax {
    n: Option<i64>,
    f: Option<f64>,
    b: Option<bool>,
}

/// pydantic-core's `str_as_int`, `str_as_float` and `str_as_bool`.
#[actix_web::test]
async fn lax_strings_as_pydantic_core_reads_them() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/",
        web::get().to(|q: Query<Lax>| async move {
            HttpResponse::Ok().body(format!("{:?} {:?} {:?}", q.n, q.f, q.b))
        }),
    ))
    .await;
    let ok_cases = [
        (
            "n=1_000&f=1_000.5&b=TRUE",
            "Some(1000) Some(1000.5) Some(true)",
        ),
        (
            "n=%201_000%20&f=%201.5%20&b=off",
            "Some(1000) Some(1.5) Some(false)",
        ),
        ("n=%2B0_05.00&f=1e3&b=Y", "Some(5) Some(1000.0) Some(true)"),
    ];
    for (query, expected) in ok_cases {
        let res = get(&app, &format!("/?{query}")).await;
        assert_eq!((res.status, res.body.as_str()), (200, expected), "{query}");
    }
    let bad_cases = [
        ("n=1__0", "int_parsing"),
        ("n=_1", "int_parsing"),
        ("n=1e3", "int_parsing"),
        ("n=5.", "int_parsing"),
        ("n=0x10", "int_parsing"),
        ("f=%201_000%20", "float_parsing"),
        ("b=%20true", "bool_parsing"),
        ("b=True%20", "bool_parsing"),
    ];
    for (query, r#type) in bad_cases {
        let res = get(&app, &format!("/?{query}")).await;
        assert_eq!(detail(&res.body)[0]["type"], r#type, "{query}");
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Login {
    username: String,
    nickname: Option<String>,
}

/// `POST /login` with `body`, answered `"<username> <nickname:?>"`.
async fn login(content_type: &str, body: impl Into<actix_web::web::Bytes>) -> support::Reply {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/login",
        web::post().to(|f: actix_api_error::extract::Form<Login>| async move {
            HttpResponse::Ok().body(format!("{} {:?}", f.username, f.nickname))
        }),
    ))
    .await;
    let req = TestRequest::post()
        .uri("/login")
        .insert_header(("content-type", content_type))
        .set_payload(body.into());
    send(&app, req).await
}

const URLENCODED: &str = "application/x-www-form-urlencoded";

/// A form field sent empty is not sent (FastAPI's `Form()`).
#[actix_web::test]
async fn an_empty_form_field_is_not_sent() {
    let res = login(URLENCODED, "username=&nickname=").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null}]}"#
        )
    );
    let res = login(URLENCODED, "username=ann&nickname=").await;
    assert_eq!((res.status, res.body.as_str()), (200, "ann None"));
}

/// Starlette reads a form field's raw bytes as Latin-1: `\xe9` is `é`.
#[actix_web::test]
async fn a_raw_non_utf8_form_byte_reads_as_latin_1() {
    for (body, name) in [
        (&b"username=\xe9"[..], "é"),
        (b"username=%C3%A9\xe9", "éé"),
        (b"username=caf\xc3\xa9", "café"), // raw UTF-8 stays UTF-8
        (b"username=%ff", "\u{fffd}"),
    ] {
        let res = login(URLENCODED, body).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (200, format!("{name} None").as_str()),
            "{body:?}"
        );
    }
}

/// A single path value's own error (a `Uuid`'s) is located at its name, with
/// the value as input, as for an int.
#[actix_web::test]
async fn a_single_path_value_s_own_error_is_located_at_its_name() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/uuid/{value}",
        web::get().to(|_: actix_api_error::extract::Path<uuid::Uuid>| async { ok() }),
    ))
    .await;
    let res = get(&app, "/uuid/123").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"uuid_parsing","loc":["path","value"],"msg":"Input should be a valid UUID, invalid length: found 3","input":"123","ctx":{"error":"invalid length: found 3"}}]}"#
        )
    );
}

/// `multipart/form-data` text fields fill a `Form` as FastAPI's `Form()` reads them.
#[actix_web::test]
async fn a_multipart_form_fills_form_fields() {
    let multipart = |body: &str| body.replace('\n', "\r\n");
    let with_boundary = "multipart/form-data; boundary=XyZ";
    let body = "--XyZ\nContent-Disposition: form-data; name=\"username\"\n\nann\n\
                --XyZ\nContent-Disposition: form-data; name=\"nickname\"\n\nbo\n--XyZ--\n";
    let res = login(with_boundary, multipart(body)).await;
    assert_eq!((res.status, res.body.as_str()), (200, r#"ann Some("bo")"#));

    // A file part is not a text field (FastAPI's string_type, echoing the
    // file); a body cut short ends the form there.
    let body = "--XyZ\nContent-Disposition: form-data; name=\"username\"; filename=\"a.txt\"\n\nann\n\
                --XyZ\nContent-Disposition: form-data; name=\"nickname\"\n\nbo";
    let res = login(with_boundary, multipart(body)).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            422,
            r#"{"detail":[{"type":"string_type","loc":["body","username"],"msg":"Input should be a valid string","input":{"filename":"a.txt","size":3,"headers":{"content-disposition":"form-data; name=\"username\"; filename=\"a.txt\""}}}]}"#
        )
    );

    let res = login("multipart/form-data", multipart("--XyZ--\n")).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"Missing boundary in multipart."}"#)
    );
}
