//! `HttpException`: status, detail (any JSON), headers, no-body statuses, and the
//! header values that are never sent.

use crate::support;

use actix_api_error::{ExceptionHandlers, HttpException, quote, testing::Logs};
use actix_web::{App, HttpResponse, ResponseError, http::StatusCode, test::init_service, web};
use serde_json::json;
use support::get;

fn fail(
    exc: HttpException,
) -> impl Fn() -> std::future::Ready<Result<HttpResponse, HttpException>> + Clone {
    move || std::future::ready(Err(exc.clone()))
}

#[actix_web::test]
async fn detail_text_json_list_and_reason_phrase() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/text",
                web::get().to(fail(HttpException::new(404, "Item not found"))),
            )
            .route(
                "/object",
                web::get().to(fail(HttpException::new(404, json!({"data": "empty"})))),
            )
            .route(
                "/list",
                web::get().to(fail(HttpException::new(400, json!(["a", 1, null])))),
            )
            .route(
                "/ordered",
                web::get().to(fail(HttpException::new(
                    400,
                    json!({"b": 1, "a": {"z": 0, "y": 1}}),
                ))),
            )
            .route(
                "/teapot",
                web::get().to(fail(HttpException::from_status(418))),
            )
            .route(
                "/entity",
                web::get().to(fail(HttpException::from_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                ))),
            )
            .route(
                "/unknown",
                web::get().to(fail(HttpException::from_status(499))),
            )
            .route(
                "/unicode",
                web::get().to(fail(HttpException::new(
                    400,
                    "caf\u{e9} \"quoted\" \u{4e2d}\n",
                ))),
            ),
    )
    .await;

    let res = get(&app, "/text").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.body, r#"{"detail":"Item not found"}"#);

    assert_eq!(
        get(&app, "/object").await.body,
        r#"{"detail":{"data":"empty"}}"#
    );
    assert_eq!(get(&app, "/list").await.body, r#"{"detail":["a",1,null]}"#);
    // Keys stay in the order they were written, as FastAPI sends them.
    assert_eq!(
        get(&app, "/ordered").await.body,
        r#"{"detail":{"b":1,"a":{"z":0,"y":1}}}"#
    );

    let res = get(&app, "/teapot").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (418, r#"{"detail":"I'm a Teapot"}"#)
    );
    let res = get(&app, "/entity").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (422, r#"{"detail":"Unprocessable Entity"}"#)
    );
    let res = get(&app, "/unknown").await;
    assert_eq!((res.status, res.body.as_str()), (499, r#"{"detail":""}"#));
    // Compact, and non-ASCII is not escaped (Starlette's ensure_ascii=False).
    assert_eq!(
        get(&app, "/unicode").await.body,
        "{\"detail\":\"caf\u{e9} \\\"quoted\\\" \u{4e2d}\\n\"}"
    );
}

#[actix_web::test]
async fn the_response_is_right_without_the_middleware() {
    let app = init_service(App::new().route(
        "/",
        web::get().to(fail(
            HttpException::new(404, "Item not found").header("X-Error", "e"),
        )),
    ))
    .await;
    let res = get(&app, "/").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.header("x-error"), Some("e"));
    assert_eq!(res.body, r#"{"detail":"Item not found"}"#);
}

fn find_item(item_id: &str) -> Result<&'static str, HttpException> {
    match item_id {
        "foo" => Ok("The Foo Wrestlers"),
        _ => Err(HttpException::new(404, "Item not found")),
    }
}

async fn read_item(item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    let item = find_item(&item_id)?;
    Ok(HttpResponse::Ok().json(json!({ "item": item })))
}

#[actix_web::test]
async fn question_mark_from_a_helper() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/items/{item_id}", web::get().to(read_item)),
    )
    .await;
    let res = get(&app, "/items/foo").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (200, r#"{"item":"The Foo Wrestlers"}"#)
    );
    let res = get(&app, "/items/bar").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Item not found"}"#)
    );
}

#[actix_web::test]
async fn custom_headers_and_content_type_override() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/header",
                web::get().to(fail(
                    HttpException::new(404, "Item not found")
                        .header("X-Error", "There goes my error")
                        .header("Link", "</a>; rel=\"a\"")
                        .header("Link", "</b>; rel=\"b\""),
                )),
            )
            .route(
                "/unicode",
                web::get().to(fail(
                    HttpException::new(404, "Item not found")
                        .header("my-header", quote("this is my header error info 中文信息"))
                        .header("Content-Type", "application/json; charset=utf-8"),
                )),
            )
            .route(
                "/auth",
                web::get().to(fail(
                    HttpException::from_status(401).header("WWW-Authenticate", "Bearer"),
                )),
            ),
    )
    .await;

    let res = get(&app, "/header").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.header("x-error"), Some("There goes my error"));
    let links: Vec<_> = res
        .headers
        .get_all("link")
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(links, ["</a>; rel=\"a\"", "</b>; rel=\"b\""]);

    let res = get(&app, "/unicode").await;
    assert_eq!(
        res.header("my-header"),
        Some("this%20is%20my%20header%20error%20info%20%E4%B8%AD%E6%96%87%E4%BF%A1%E6%81%AF")
    );
    assert_eq!(
        res.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(res.headers.get_all("content-type").count(), 1);
    assert_eq!(res.body, r#"{"detail":"Item not found"}"#);

    let res = get(&app, "/auth").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (401, r#"{"detail":"Unauthorized"}"#)
    );
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
}

#[actix_web::test]
async fn statuses_without_a_body_keep_their_headers() {
    let mut app = App::new().wrap(ExceptionHandlers::new());
    for code in [204u16, 205, 304] {
        app = app.route(
            &format!("/{code}"),
            web::get().to(fail(HttpException::new(code, "ignored").header("X-A", "b"))),
        );
    }
    let app = init_service(app).await;
    for code in [204, 205, 304] {
        let res = get(&app, &format!("/{code}")).await;
        assert_eq!(res.status, code);
        assert_eq!(res.header("x-a"), Some("b"), "{code}");
        assert_eq!(res.header("content-type"), None, "{code}");
        assert_eq!(res.body, "", "{code}");
    }
}

#[actix_web::test]
async fn a_1xx_or_invalid_status_is_a_logged_500() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/100", web::get().to(fail(HttpException::new(100, "no"))))
            .route("/1000", web::get().to(fail(HttpException::new(1000, "no"))))
            .route(
                "/negative",
                web::get().to(fail(HttpException::new(-1, "no"))),
            ),
    )
    .await;
    for path in ["/100", "/1000", "/negative"] {
        let res = get(&app, path).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (500, r#"{"detail":"Internal Server Error"}"#),
            "{path}"
        );
    }
    let logs = logs.text();
    assert!(logs.contains("an error cannot have a 1xx status"), "{logs}");
    assert!(
        logs.contains("invalid HTTP status code") && logs.contains("status=1000"),
        "{logs}"
    );
    assert!(logs.contains("status=-1"), "{logs}");
}

#[actix_web::test]
async fn header_values_that_must_not_be_sent_are_dropped_and_logged() {
    let logs = Logs::capture();
    let exc = HttpException::new(400, "Bad")
        .header("X-Injected", "a\r\nSet-Cookie: session=stolen")
        .header("X-Nul", "a\0b")
        .header("X-Unicode", "中文")
        .header("Bad Name", "v")
        .header("X-Fine", "fine");
    let names: Vec<_> = exc
        .headers()
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["x-fine"]);

    let res = exc.error_response();
    assert_eq!(res.headers().get("x-fine").unwrap(), "fine");
    assert!(res.headers().get("set-cookie").is_none());
    assert!(res.headers().get("x-injected").is_none());

    let logs = logs.text();
    assert!(
        logs.contains("header=\"X-Injected\"") && logs.contains("CR, LF, NUL"),
        "{logs}"
    );
    assert!(logs.contains("header=\"X-Nul\""), "{logs}");
    assert!(
        logs.contains("header=\"X-Unicode\"") && logs.contains("actix_api_error::quote"),
        "{logs}"
    );
    assert!(
        logs.contains("header=\"Bad Name\"") && logs.contains("not a valid HTTP header name"),
        "{logs}"
    );
    // The refused value itself may be a secret; it is not logged.
    assert!(!logs.contains("stolen"), "{logs}");
}

#[test]
fn accessors_display_and_equality() {
    let exc = HttpException::new(StatusCode::NOT_FOUND, "Item not found").header("X-Error", "e");
    assert_eq!(exc.status(), StatusCode::NOT_FOUND);
    assert_eq!(exc.detail().as_str(), Some("Item not found"));
    assert_eq!(exc.headers().len(), 1);
    // Starlette's str(exc).
    assert_eq!(exc.to_string(), "404: Item not found");
    assert_eq!(
        HttpException::new(400, json!({"a": 1})).to_string(),
        r#"400: {"a":1}"#
    );
    // A JSON string is text.
    assert_eq!(
        HttpException::new(400, json!("x")),
        HttpException::new(400, "x")
    );
    assert_eq!(exc.status_code(), StatusCode::NOT_FOUND);
}
