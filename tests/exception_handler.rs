//! `#[exception_handler]`: sync and async functions, any `Responder`, status
//! handlers, access to the request, and reuse of the default handlers.

use crate::support;

use actix_api_error::{
    ExceptionHandler, ExceptionHandlers, HttpException, RequestValidationError, ServerError,
    api_error, exception_handler, handlers, testing::Logs,
};
use actix_web::{
    App, HttpRequest, HttpResponse, Responder, http::StatusCode, test::TestRequest,
    test::init_service, web,
};
use serde_json::json;
use support::{get, send};

#[api_error(status = 500)]
#[derive(Debug)]
struct UnicornException {
    name: String,
}

/// Async, as FastAPI's tutorial writes it.
#[exception_handler(UnicornException)]
async fn unicorn_exception_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
    HttpResponse::ImATeapot().json(json!({
        "message": format!("Oops! {} did something. There goes a rainbow...", exc.name),
    }))
}

async fn read_unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornException> {
    let name = name.into_inner();
    if name == "yolo" {
        return Err(UnicornException { name });
    }
    Ok(HttpResponse::Ok().json(json!({ "unicorn_name": name })))
}

#[actix_web::test]
async fn async_handler_for_an_api_error() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(unicorn_exception_handler))
            .route("/unicorns/{name}", web::get().to(read_unicorn)),
    )
    .await;
    let res = get(&app, "/unicorns/yolo").await;
    assert_eq!(res.status, 418);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(
        res.body,
        r#"{"message":"Oops! yolo did something. There goes a rainbow..."}"#
    );
    let res = get(&app, "/unicorns/rainbow").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (200, r#"{"unicorn_name":"rainbow"}"#)
    );
}

#[actix_web::test]
async fn without_its_handler_the_error_is_its_own_default() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/unicorns/{name}", web::get().to(read_unicorn)),
    )
    .await;
    let res = get(&app, "/unicorns/yolo").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
}

/// Sync, returning a plain `String` (a `Responder`), reading the request.
#[exception_handler(HttpException)]
fn plain_text(req: &HttpRequest, exc: &HttpException) -> impl Responder + use<> {
    let text = format!("{} {}: {}", req.method(), req.path(), exc.detail());
    (text, exc.status())
}

#[actix_web::test]
async fn sync_handler_returning_any_responder_with_the_request() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(plain_text))
            .route(
                "/items/{id}",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(HttpException::new(418, "Nope! I don't like 3."))
                }),
            ),
    )
    .await;
    let res = get(&app, "/items/3").await;
    assert_eq!(res.status, 418);
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(res.body, "GET /items/3: Nope! I don't like 3.");
    // The same handler gets actix's own 404, as an HttpException.
    let res = get(&app, "/nowhere").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, "GET /nowhere: Not Found")
    );
}

#[exception_handler(status = 404)]
async fn not_found(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::NotFound().json(json!({ "custom404": exc.detail(), "path": req.path() }))
}

#[actix_web::test]
async fn status_handlers_get_http_errors_of_their_status() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(not_found))
            .route(
                "/missing",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(HttpException::new(404, "Item not found"))
                }),
            )
            .route(
                "/conflict",
                web::get()
                    .to(|| async { Err::<HttpResponse, _>(HttpException::new(409, "Taken")) }),
            ),
    )
    .await;
    let res = get(&app, "/missing").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"custom404":"Item not found","path":"/missing"}"#)
    );
    let res = get(&app, "/route-that-does-not-exist").await;
    assert_eq!(
        res.body,
        r#"{"custom404":"Not Found","path":"/route-that-does-not-exist"}"#
    );
    let res = get(&app, "/conflict").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (409, r#"{"detail":"Taken"}"#)
    );
}

/// Log, then delegate to the default: FastAPI's "re-use the default handlers".
#[exception_handler(HttpException)]
async fn custom_http_exception_handler(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    tracing::info!("OMG! An HTTP error!: {exc}");
    handlers::http_exception_handler(req, exc)
}

#[exception_handler(RequestValidationError)]
async fn validation_exception_handler(
    req: &HttpRequest,
    exc: &RequestValidationError,
) -> HttpResponse {
    tracing::info!("OMG! The client sent invalid data!: {exc}");
    handlers::request_validation_exception_handler(req, exc)
}

#[exception_handler(ServerError)]
fn server_error_handler(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    tracing::info!("OMG! A bug: {}", exc.id());
    handlers::server_error_handler(req, exc)
}

fn validation_error() -> RequestValidationError {
    RequestValidationError::new(vec![actix_api_error::ValidationError {
        r#type: "int_parsing".into(),
        loc: vec!["path".into(), "item_id".into()],
        msg: "Input should be a valid integer, unable to parse string as an integer".into(),
        input: json!("foo"),
        ctx: None,
    }])
}

#[actix_web::test]
async fn custom_handlers_can_log_and_delegate_to_the_defaults() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(custom_http_exception_handler)
                    .handler(validation_exception_handler)
                    .handler(server_error_handler),
            )
            .route(
                "/418",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(HttpException::new(418, "Nope! I don't like 3."))
                }),
            )
            .route(
                "/422",
                web::get().to(|| async { Err::<HttpResponse, _>(validation_error()) }),
            )
            .route(
                "/500",
                web::get()
                    .to(|| async { Err::<HttpResponse, _>(std::io::Error::other("disk on fire")) }),
            ),
    )
    .await;
    let res = get(&app, "/418").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (418, r#"{"detail":"Nope! I don't like 3."}"#)
    );
    let res = get(&app, "/422").await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}]}"#
    );
    let res = get(&app, "/500").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    let id = res.header("x-error-id").unwrap().to_owned();

    let logs = logs.text();
    assert!(
        logs.contains("OMG! An HTTP error!: 418: Nope! I don't like 3."),
        "{logs}"
    );
    assert!(logs.contains("OMG! The client sent invalid data!: 1 validation error:\n  path.item_id: Input should be a valid integer"), "{logs}");
    assert!(logs.contains(&format!("OMG! A bug: {id}")), "{logs}");
}

mod visibility {
    use super::*;

    /// Docs and visibility are kept: the handler is usable from outside the module.
    #[exception_handler(status = 503)]
    pub(crate) fn unavailable(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
        HttpResponse::ServiceUnavailable().finish()
    }
}

#[test]
fn a_handler_is_a_unit_value_that_knows_its_target() {
    let handler = visibility::unavailable;
    assert_eq!(handler.name(), "unavailable");
    assert_eq!(handler.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(unicorn_exception_handler.status(), None);
    fn exception_type<H: ExceptionHandler>(_: H) -> &'static str {
        std::any::type_name::<H::Exception>()
    }
    assert!(exception_type(unicorn_exception_handler).ends_with("UnicornException"));
    assert!(exception_type(not_found).ends_with("HttpException"));
}

#[actix_web::test]
async fn handlers_see_the_request_headers_and_app_data() {
    #[exception_handler(UnicornException)]
    fn with_request(req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
        let greeting = req.app_data::<web::Data<&str>>().map_or("none", |d| ***d);
        let agent = req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        HttpResponse::BadRequest()
            .json(json!({ "name": exc.name, "greeting": greeting, "agent": agent }))
    }
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(with_request))
            .app_data(web::Data::new("hello"))
            .route("/unicorns/{name}", web::get().to(read_unicorn)),
    )
    .await;
    let res = send(
        &app,
        TestRequest::get()
            .uri("/unicorns/yolo")
            .insert_header(("User-Agent", "tests")),
    )
    .await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.body,
        r#"{"name":"yolo","greeting":"hello","agent":"tests"}"#
    );
}
