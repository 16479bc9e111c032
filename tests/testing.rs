//! `actix_api_error::testing`: each helper passes on the contract it checks,
//! and fails with a message that says what differs.

use crate::support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use actix_api_error::{
    ExceptionHandlers, HttpException, ServerError, api_error, exception_handler,
    extract::{Json, Query},
    get, post,
    testing::{self, Logs},
};
use actix_web::{App, HttpRequest, HttpResponse, test::TestRequest, test::init_service};
use serde::Deserialize;
use serde_json::json;
use support::server::Server;
use utoipa::OpenApi;

#[api_error]
#[derive(Debug, PartialEq)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item {0} exists", headers(("X-Error", "duplicate")))]
    Exists(String),
}

#[derive(Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
struct Paging {
    limit: u32,
}

#[get("/items/{id}")]
async fn read_item(id: actix_api_error::extract::Path<String>) -> Result<String, ItemError> {
    match id.as_str() {
        "foo" => Ok("The Foo Wrestlers".into()),
        "taken" => Err(ItemError::Exists(id.into_inner())),
        _ => Err(ItemError::NotFound),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
struct Item {
    name: String,
    tags: Vec<String>,
}

#[post("/items")]
async fn create(_paging: Query<Paging>, _item: Json<Item>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/config")]
async fn config() -> Result<HttpResponse, ServerError> {
    Err(std::io::Error::other("/etc/app.toml is unreadable").into())
}

#[get("/teapot")]
async fn teapot() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(418, "short and stout"))
}

#[derive(OpenApi)]
#[openapi(paths(read_item, create, config))]
struct Doc;

macro_rules! app {
    ($handlers:expr) => {
        init_service(
            App::new()
                .wrap($handlers)
                .service((read_item, create, config, teapot)),
        )
        .await
    };
}

/// The message an assertion panics with.
fn failure(assertion: impl FnOnce()) -> String {
    let panic = catch_unwind(AssertUnwindSafe(assertion)).expect_err("the assertion to fail");
    match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => panic.downcast_ref::<&str>().unwrap().to_string(),
    }
}

#[actix_web::test]
async fn status_headers_and_bodies() {
    let app = app!(ExceptionHandlers::new());
    let res = testing::get(&app, "/items/taken").await;
    res.assert_status(409)
        .assert_header("x-error", "duplicate")
        .assert_json(json!({"detail": "Item taken exists"}))
        .assert_body(r#"{"detail":"Item taken exists"}"#);
    testing::get(&app, "/items/foo")
        .await
        .assert_status(200)
        .assert_no_header("x-error")
        .assert_body("The Foo Wrestlers");

    assert_eq!(
        failure(|| {
            res.assert_status(200);
        }),
        "GET /items/taken: expected status 200 OK, got 409 Conflict\n  response: 409 Conflict\n  body: {\"detail\":\"Item taken exists\"}"
    );
    assert!(
        failure(|| {
            res.assert_header("x-error", "other");
        })
        .starts_with(r#"GET /items/taken: expected header `x-error: other`, got ["duplicate"]"#)
    );
    assert!(
        failure(|| {
            res.assert_json(json!({"detail": "Item taken"}));
        })
        .eq(
            "GET /items/taken: the JSON body differs at /detail: expected \"Item taken\", got \"Item taken exists\"\n  expected: {\"detail\":\"Item taken\"}\n  response: 409 Conflict\n  body: {\"detail\":\"Item taken exists\"}"
        )
    );
    assert!(
        failure(|| {
            res.assert_json(json!({}));
        })
        .contains("differs at /: unexpected key \"detail\"")
    );
    assert!(
        failure(|| {
            res.assert_body("{}");
        })
        .starts_with(
            "GET /items/taken: expected the body\n    {}\n  got\n    {\"detail\":\"Item taken exists\"}"
        )
    );
    assert!(
        failure(|| {
            res.assert_no_header("x-error");
        })
        .starts_with(r#"GET /items/taken: expected no `x-error` header, got "duplicate""#)
    );
    let text = testing::get(&app, "/items/foo").await;
    assert!(
        failure(|| {
            text.json();
        })
        .starts_with("GET /items/foo: the body is not JSON (expected value at line 1 column 1)")
    );
}

#[exception_handler(ItemError)]
async fn teapot_for_items(_req: &HttpRequest, _exc: &ItemError) -> HttpResponse {
    HttpResponse::ImATeapot().finish()
}

/// The route's error, whoever answered it: the default, a custom handler, the
/// problem-details switch.
#[actix_web::test]
async fn typed_errors() {
    let app = app!(ExceptionHandlers::new());
    let res = testing::get(&app, "/items/taken").await;
    assert_eq!(
        res.assert_error::<ItemError>(),
        &ItemError::Exists("taken".into())
    );

    let app = app!(ExceptionHandlers::new().handler(teapot_for_items));
    let res = testing::get(&app, "/items/bar").await;
    res.assert_status(418);
    assert_eq!(res.assert_error::<ItemError>(), &ItemError::NotFound);

    let app = app!(ExceptionHandlers::new().problem_details());
    let res = testing::get(&app, "/items/bar").await;
    res.assert_json(json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Item not found"}));
    assert_eq!(res.assert_error::<ItemError>(), &ItemError::NotFound);
    assert!(
        failure(|| {
            res.assert_error::<HttpException>();
        })
        .starts_with(
            "GET /items/bar: expected a `HttpException`, but the response carries another error: NotFound"
        )
    );
    let res = testing::get(&app, "/items/foo").await;
    assert!(
        failure(|| {
            res.assert_error::<ItemError>();
        })
        .contains("but the response carries no error")
    );
}

#[exception_handler(ItemError)]
async fn gone_for_items(_req: &HttpRequest, _exc: &ItemError) -> HttpResponse {
    HttpResponse::Gone().finish()
}

/// The error rides along the answer, but an outer `ExceptionHandlers` does
/// not answer it a second time.
#[actix_web::test]
async fn an_answered_error_is_answered_once() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(gone_for_items))
            .wrap(ExceptionHandlers::new().handler(teapot_for_items))
            .service(read_item),
    )
    .await;
    // `.wrap()` last is outermost: the inner layer answers 410, the outer one
    // (418 for the same error) lets that answer pass.
    let res = testing::get(&app, "/items/bar").await;
    res.assert_status(410);
    assert_eq!(res.assert_error::<ItemError>(), &ItemError::NotFound);
}

#[actix_web::test]
async fn validation_errors() {
    let app = app!(ExceptionHandlers::new());
    let res = testing::call(
        &app,
        TestRequest::post()
            .uri("/items?limit=x")
            .set_json(json!({"tags": ["a", 1]})),
    )
    .await;
    res.assert_validation_error(["query", "limit"], "int_parsing")
        .assert_validation_error(["body", "name"], "missing")
        .assert_validation_error(json!(["body", "tags", 1]), "string_type");
    assert_eq!(
        failure(|| {
            res.assert_validation_error(["body", "price"], "missing");
        })
        .lines()
        .take(5)
        .collect::<Vec<_>>(),
        [
            r#"POST /items: expected a validation error "missing" at ["body","price"]; the errors are:"#,
            r#"    "int_parsing" at ["query","limit"]"#,
            r#"    "missing" at ["body","name"]"#,
            r#"    "string_type" at ["body","tags",1]"#,
            "  response: 422 Unprocessable Entity",
        ]
    );
    // As problem details too.
    let app = app!(ExceptionHandlers::new().problem_details());
    testing::call(&app, TestRequest::post().uri("/items?limit=x"))
        .await
        .assert_validation_error(["query", "limit"], "int_parsing");
}

#[actix_web::test]
async fn server_errors_and_their_logs() {
    let logs = Logs::capture();
    let app = app!(ExceptionHandlers::new());
    let res = testing::get(&app, "/config").await;
    let id = res.assert_server_error();
    let line = logs.line_with(id);
    assert!(line.contains("/etc/app.toml is unreadable"), "{line}");

    let app = app!(ExceptionHandlers::new().problem_details());
    testing::get(&app, "/config").await.assert_server_error();

    // With `debug(true)` the body says why: not the production contract.
    let app = app!(ExceptionHandlers::new().debug(true));
    let res = testing::get(&app, "/config").await;
    assert!(
        failure(|| {
            res.assert_server_error();
        })
        .contains("the JSON body differs at /: unexpected key \"error_id\"")
    );
    assert!(
        failure(|| {
            logs.line_with("no such text");
        })
        .starts_with("nothing logged holds \"no such text\"; the log:\n")
    );
}

#[actix_web::test]
async fn statuses_are_documented() {
    let doc = Doc::openapi();
    let app = app!(ExceptionHandlers::new());
    for uri in ["/items/foo", "/items/bar", "/config"] {
        testing::get(&app, uri).await.assert_documented(&doc);
    }
    testing::call(&app, TestRequest::post().uri("/items"))
        .await
        .assert_documented(&doc);
    // `/items/taken` answers 409: `ItemError` documents it.
    testing::get(&app, "/items/taken")
        .await
        .assert_documented(&doc);
    let res = testing::get(&app, "/teapot").await;
    assert!(
        failure(|| {
            res.assert_documented(&doc);
        })
        .starts_with("GET /teapot: the document has no operation `get /teapot`")
    );
    let res = testing::get(&app, "/nowhere").await;
    res.assert_status(404);
    assert!(
        failure(|| {
            res.assert_documented(&doc);
        })
        .contains("the document has no operation `get /nowhere`")
    );
}

/// With a real server: everything but the typed error.
#[actix_web::test]
async fn with_a_real_server() {
    let server = Server::start(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service((read_item, create, config, teapot))
    });
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", server.port);
    let client = awc::Client::new();
    let res = testing::send(client.get(url("/items/taken"))).await;
    res.assert_status(409)
        .assert_header("x-error", "duplicate")
        .assert_json(json!({"detail": "Item taken exists"}))
        .assert_documented(&Doc::openapi());
    testing::send(client.get(url("/config")))
        .await
        .assert_server_error();
    assert!(
        failure(|| {
            res.assert_error::<ItemError>();
        })
        .contains("a response read from a real server carries no error")
    );
}

/// The failure the testing guide shows is what the helper prints.
#[actix_web::test]
async fn the_guide_shows_a_real_failure() {
    let readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/docs/testing.md"
    ))
    .unwrap();
    let start = readme.find("```text\nGET /items/bar").expect("the failure") + "```text\n".len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let app = app!(ExceptionHandlers::new());
    let res = testing::get(&app, "/items/bar").await;
    let message = failure(|| {
        res.assert_json(json!({"detail": "Item missing"}));
    });
    assert_eq!(format!("{message}\n"), shown);
}
