//! A custom handler that delegates to a default handler gets the app's format:
//! problem details and `debug(true)` hold for every default handler, as they
//! do when no custom handler is registered.

use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, ServerError, api_error,
    exception_handler, extract::Query, get, handlers,
};
use actix_web::{
    App, HttpRequest, HttpResponse,
    http::header::{HeaderName, HeaderValue},
    test::{TestRequest, init_service},
};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{Reply, send};

#[api_error(status = 409, detail = "Item exists")]
#[derive(Debug)]
struct Conflict;

#[derive(Deserialize)]
struct Paging {
    #[allow(dead_code)]
    limit: u32,
}

#[get("/conflict")]
async fn conflict_route() -> Result<HttpResponse, Conflict> {
    Err(Conflict)
}

#[get("/items")]
async fn items(_paging: Query<Paging>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/bug")]
async fn bug() -> Result<HttpResponse, ServerError> {
    Err(std::io::Error::other("secret password=swordfish").into())
}

fn delegated(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        HeaderName::from_static("x-delegated"),
        HeaderValue::from_static("yes"),
    );
    res
}

#[exception_handler(HttpException)]
fn http(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    delegated(handlers::http_exception_handler(req, exc))
}

#[exception_handler(Conflict)]
fn api(req: &HttpRequest, exc: &Conflict) -> HttpResponse {
    delegated(handlers::api_error_handler(req, exc))
}

#[exception_handler(RequestValidationError)]
fn validation(req: &HttpRequest, exc: &RequestValidationError) -> HttpResponse {
    delegated(handlers::request_validation_exception_handler(req, exc))
}

#[exception_handler(ServerError)]
fn server(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    delegated(handlers::server_error_handler(req, exc))
}

/// Each path's reply with the delegating handlers, and without any.
async fn replies(middleware: fn() -> ExceptionHandlers) -> Vec<(Reply, Reply)> {
    let delegating = init_service(
        App::new()
            .wrap(
                middleware()
                    .handler(http)
                    .handler(api)
                    .handler(validation)
                    .handler(server),
            )
            .service((conflict_route, items, bug)),
    )
    .await;
    let plain = init_service(
        App::new()
            .wrap(middleware())
            .service((conflict_route, items, bug)),
    )
    .await;
    let mut replies = Vec::new();
    for path in ["/nowhere", "/conflict", "/items?limit=x", "/bug"] {
        let with = send(&delegating, TestRequest::get().uri(path)).await;
        let without = send(&plain, TestRequest::get().uri(path)).await;
        assert_eq!(
            with.header("x-delegated"),
            Some("yes"),
            "{path}: {}",
            with.body
        );
        replies.push((with, without));
    }
    replies
}

/// `with` and `without` say the same, but for the error id a 500 gets fresh.
fn assert_alike(with: &Reply, without: &Reply) {
    assert_eq!(with.status, without.status, "{}", with.body);
    assert_eq!(with.header("content-type"), without.header("content-type"));
    let mut with: Value = serde_json::from_str(&with.body).unwrap();
    let mut without: Value = serde_json::from_str(&without.body).unwrap();
    for body in [&mut with, &mut without] {
        for key in ["error_id", "instance"] {
            if let Some(id) = body.get_mut(key) {
                *id = Value::from("<id>");
            }
        }
    }
    assert_eq!(with, without);
}

#[actix_web::test]
async fn problem_details_hold_when_every_default_handler_is_delegated_to() {
    for (with, without) in replies(|| ExceptionHandlers::new().problem_details()).await {
        assert_eq!(
            with.header("content-type"),
            Some("application/problem+json"),
            "{}",
            with.body
        );
        assert_alike(&with, &without);
    }
}

#[actix_web::test]
async fn debug_holds_when_the_server_error_handler_is_delegated_to() {
    let replies = replies(|| ExceptionHandlers::new().debug(true)).await;
    for (with, without) in &replies {
        assert_alike(with, without);
    }
    let (failed, _) = &replies[3];
    let body: Value = serde_json::from_str(&failed.body).unwrap();
    assert_eq!(body["detail"], "Internal Server Error");
    assert_eq!(body["cause"], "secret password=swordfish");
    assert_eq!(body["error_id"], failed.header("x-error-id").unwrap());
}

#[actix_web::test]
async fn problem_details_with_debug_say_the_cause_when_delegated_to() {
    let replies = replies(|| ExceptionHandlers::new().problem_details().debug(true)).await;
    let (failed, without) = &replies[3];
    assert_alike(failed, without);
    let body: Value = serde_json::from_str(&failed.body).unwrap();
    assert_eq!(body["status"], 500);
    assert_eq!(body["cause"], "secret password=swordfish");
}

/// Without either switch, what a delegating handler sends is the default.
#[actix_web::test]
async fn the_default_format_when_delegated_to() {
    for (with, without) in replies(ExceptionHandlers::new).await {
        assert_alike(&with, &without);
        assert_eq!(with.header("content-type"), Some("application/json"));
    }
}
