//! In a production stack, with the real middleware crates: actix-cors,
//! actix-governor, tracing-actix-web and actix-session around and inside
//! `ExceptionHandlers`, every error response keeps the headers they add.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, HttpException, api_error, exception_handler, extract::Json, testing::Logs,
};
use actix_cors::Cors;
use actix_governor::{Governor, GovernorConfigBuilder};
use actix_session::{Session, SessionMiddleware, storage::CookieSessionStore};
use actix_web::{
    App, HttpRequest, HttpResponse,
    body::MessageBody,
    cookie::Key,
    dev::{ServiceFactory, ServiceRequest, ServiceResponse},
    middleware::{Next, from_fn},
    test::{TestRequest, init_service},
    web,
};
use serde::Deserialize;
use support::send;
use tracing_actix_web::TracingLogger;

const ORIGIN: &str = "http://localhost:3000";

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item exists")]
    Exists,
}

async fn item(id: web::Path<u32>, session: Session) -> Result<HttpResponse, ItemError> {
    session.insert("last_item", *id).unwrap();
    Err(if *id == 409 {
        ItemError::Exists
    } else {
        ItemError::NotFound
    })
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
}

async fn create(_item: Json<Item>) -> HttpResponse {
    HttpResponse::Created().finish()
}

async fn boom() -> HttpResponse {
    panic!("production boom")
}

async fn deny(
    _req: ServiceRequest,
    _next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    Err::<ServiceResponse<actix_web::body::BoxBody>, _>(actix_web::error::ErrorForbidden("no"))
}

#[exception_handler(status = 409)]
fn conflict(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::Conflict()
        .content_type("text/plain; charset=utf-8")
        .body(format!("custom: {}", exc.detail()))
}

fn cors() -> Cors {
    Cors::default()
        .allowed_origin(ORIGIN)
        .allowed_methods(["GET", "POST"])
        .allowed_header("content-type")
        .expose_headers(["x-request-id", "x-error-id", "retry-after"])
        .max_age(600)
}

fn session() -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), Key::from(&[7; 64]))
        .cookie_secure(false)
        .build()
}

fn handlers() -> ExceptionHandlers {
    ExceptionHandlers::new()
        .problem_details()
        .request_id_header("x-request-id")
        .handler(conflict)
}

fn routes(config: &mut web::ServiceConfig) {
    let tight = GovernorConfigBuilder::default()
        .seconds_per_request(60)
        .burst_size(1)
        .finish()
        .unwrap();
    config
        .route("/items/{id}", web::get().to(item))
        .route("/items", web::post().to(create))
        .route("/boom", web::get().to(boom))
        .service(
            web::scope("/guarded")
                .wrap(from_fn(deny))
                .route("/x", web::get().to(HttpResponse::Ok)),
        )
        .service(
            web::scope("/limited")
                .wrap(Governor::new(&tight))
                .route("/x", web::get().to(HttpResponse::Ok)),
        );
}

/// The order the README gives (the first `.wrap` is innermost): the session
/// and the rate limiter inside `ExceptionHandlers`, so that their errors and
/// 429s are answered by it; request logging and CORS outside, so that our
/// log lines are in the request's span and every answer, a panic's
/// included, gets CORS headers.
fn recommended() -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let governor = GovernorConfigBuilder::default()
        .requests_per_second(1000)
        .burst_size(1000)
        .finish()
        .unwrap();
    App::new()
        .configure(routes)
        .wrap(session())
        .wrap(Governor::new(&governor))
        .wrap(handlers())
        .wrap(TracingLogger::default())
        .wrap(cors())
}

fn from_browser(req: TestRequest) -> TestRequest {
    req.insert_header(("origin", ORIGIN))
        .insert_header(("x-request-id", "req-prod-1"))
        .peer_addr("203.0.113.7:41000".parse().unwrap())
}

#[actix_web::test]
async fn every_error_keeps_the_headers_of_the_stack() {
    let app = init_service(recommended()).await;
    let problem = "application/problem+json";
    for (req, status, content_type, body) in [
        (
            TestRequest::get().uri("/items/1"),
            404,
            problem,
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found","request_id":"req-prod-1"}"#,
        ),
        (
            TestRequest::post()
                .uri("/items")
                .insert_header(("content-type", "application/json"))
                .set_payload("{}"),
            422,
            problem,
            "",
        ),
        (
            TestRequest::get().uri("/nowhere"),
            404,
            problem,
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","request_id":"req-prod-1"}"#,
        ),
        (TestRequest::post().uri("/boom"), 405, problem, ""),
        (
            TestRequest::get().uri("/boom"),
            500,
            problem,
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","request_id":"req-prod-1"}"#,
        ),
        (
            TestRequest::get().uri("/guarded/x"),
            403,
            problem,
            r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Forbidden","request_id":"req-prod-1"}"#,
        ),
        (
            TestRequest::get().uri("/items/409"),
            409,
            "text/plain; charset=utf-8",
            "custom: Item exists",
        ),
    ] {
        let res = send(&app, from_browser(req)).await;
        let what = format!("{status} {body}");
        assert_eq!(res.status, status, "{what}");
        assert_eq!(res.header("content-type"), Some(content_type), "{what}");
        if !body.is_empty() {
            assert_eq!(res.body, body, "{what}");
        }
        assert_eq!(
            res.header("access-control-allow-origin"),
            Some(ORIGIN),
            "{what}"
        );
        let exposed = res
            .header("access-control-expose-headers")
            .unwrap_or_default();
        assert!(exposed.contains("x-request-id"), "{what}: {exposed}");
        assert_eq!(res.header("x-request-id"), Some("req-prod-1"), "{what}");
    }
    // A route that touched the session: its cookie survives the error.
    let res = send(&app, from_browser(TestRequest::get().uri("/items/1"))).await;
    assert!(
        res.header("set-cookie")
            .is_some_and(|cookie| cookie.starts_with("id=")),
        "{:?}",
        res.header("set-cookie")
    );
    // A panic's 500 names the request's id.
    let res = send(&app, from_browser(TestRequest::get().uri("/boom"))).await;
    assert_eq!(res.header("x-error-id"), Some("req-prod-1"));
}

#[actix_web::test]
async fn a_rate_limiters_429_goes_through_our_handlers() {
    let app = init_service(recommended()).await;
    let first = send(&app, from_browser(TestRequest::get().uri("/limited/x"))).await;
    assert_eq!(first.status, 200);
    let res = send(&app, from_browser(TestRequest::get().uri("/limited/x"))).await;
    assert_eq!(
        (res.status, res.header("content-type"), res.body.as_str()),
        (
            429,
            Some("application/problem+json"),
            r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too Many Requests","request_id":"req-prod-1"}"#
        )
    );
    let retry: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((58..=60).contains(&retry), "{retry}");
    assert_eq!(res.header("x-ratelimit-after"), res.header("retry-after"));
    assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));
}

#[actix_web::test]
async fn a_browsers_preflight_is_answered_by_cors() {
    let app = init_service(recommended()).await;
    let preflight = TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/items")
        .insert_header(("origin", ORIGIN))
        .insert_header(("access-control-request-method", "POST"))
        .insert_header(("access-control-request-headers", "content-type"));
    let res = send(&app, preflight).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));
    assert!(
        res.header("access-control-allow-methods")
            .is_some_and(|m| m.contains("POST"))
    );
    assert_eq!(res.header("access-control-max-age"), Some("600"));
    // Another origin gets no CORS headers: the browser keeps the answer
    // from the page.
    let res = send(
        &app,
        TestRequest::get()
            .uri("/items/1")
            .insert_header(("origin", "http://evil.example")),
    )
    .await;
    assert_eq!(res.header("access-control-allow-origin"), None);
}

#[actix_web::test]
async fn our_log_lines_are_in_the_requests_span() {
    let logs = Logs::capture();
    let app = init_service(recommended()).await;
    let res = send(&app, from_browser(TestRequest::get().uri("/boom"))).await;
    assert_eq!(res.status, 500);
    let line = logs.line_with("production boom");
    // tracing-actix-web's root span encloses it.
    assert!(line.contains("HTTP request{"), "{line}");
    assert!(line.contains("request_id=req-prod-1"), "{line}");
}

/// `ExceptionHandlers` outermost, the rest inside: what the middleware
/// inside add to an error response is kept when our handlers replace it.
#[actix_web::test]
async fn outermost_it_keeps_what_inner_middleware_added() {
    let app = init_service(
        App::new()
            .configure(routes)
            .wrap(session())
            .wrap(cors())
            .wrap(handlers()),
    )
    .await;
    for uri in ["/items/1", "/nowhere"] {
        let res = send(&app, from_browser(TestRequest::get().uri(uri))).await;
        assert_eq!(
            res.header("content-type"),
            Some("application/problem+json"),
            "{uri}"
        );
        assert_eq!(
            res.header("access-control-allow-origin"),
            Some(ORIGIN),
            "{uri}"
        );
    }
    let res = send(&app, from_browser(TestRequest::get().uri("/items/1"))).await;
    assert!(res.header("set-cookie").is_some(), "the session's cookie");
}

#[actix_web::test]
async fn without_an_id_of_its_own_a_request_has_tracing_actix_webs() {
    let logs = Logs::capture();
    let app = init_service(recommended()).await;
    let req = TestRequest::get()
        .uri("/boom")
        .insert_header(("origin", ORIGIN))
        .peer_addr("203.0.113.7:41000".parse().unwrap());
    let res = send(&app, req).await;
    let id = res.header("x-error-id").unwrap();
    assert_eq!(res.header("x-request-id"), Some(id));
    // A hyphenated UUID: the root span's `request_id`.
    assert_eq!(id.len(), 36, "{id}");
    let line = logs.line_with(&format!("error_id={id}"));
    let span = line.split_once("}:").unwrap().0;
    assert!(span.contains(&format!("request_id={id}")), "{line}");
}
