//! One id per request (`RequestId`): from `traceparent`, `X-Request-ID` or
//! new; in every error's log line, as a 500's `x-error-id`, and with
//! `request_id_header`, on every error response.

use crate::support;

use actix_api_error::{ExceptionHandlers, ServerError, api_error, testing::Logs};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use support::send;

const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 503)]
    Storage(#[source] std::io::Error),
}

fn app(
    handlers: ExceptionHandlers,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .wrap(handlers)
        .configure(server_errors)
        .route("/ok", web::get().to(HttpResponse::Ok))
        .route(
            "/missing",
            web::get().to(|| async { Err::<HttpResponse, _>(ItemError::NotFound) }),
        )
        .route(
            "/boom",
            web::get().to(|| async { panic!("boom") as HttpResponse }),
        )
}

/// The 5xx built in a route: a concealed `#[api_error]`, a `ServerError`.
fn server_errors(config: &mut web::ServiceConfig) {
    config
        .route(
            "/storage",
            web::get().to(|| async {
                Err::<HttpResponse, _>(ItemError::Storage(std::io::Error::other("disk full")))
            }),
        )
        .route(
            "/config",
            web::get().to(|| async {
                Err::<HttpResponse, ServerError>(std::io::Error::other("/etc/app.toml").into())
            }),
        );
}

fn get(path: &str, header: Option<(&'static str, &str)>) -> TestRequest {
    let req = TestRequest::get().uri(path);
    match header {
        Some((name, value)) => req.insert_header((name, value.to_owned())),
        None => req,
    }
}

#[actix_web::test]
async fn a_500s_id_is_the_requests_and_its_log_line_says_it_once() {
    let logs = Logs::capture();
    // Without `request_id_header`, a route's 500 has the request's id too;
    // a panic's, one of its own (the request and its headers are lost).
    let plain = init_service(app(ExceptionHandlers::new())).await;
    let res = send(&plain, get("/config", Some(("x-request-id", "plain-1")))).await;
    assert_eq!(res.header("x-error-id"), Some("plain-1"));
    let res = send(&plain, get("/boom", Some(("x-request-id", "plain-2")))).await;
    let id = res.header("x-error-id").unwrap();
    assert_ne!(id, "plain-2");
    assert!(logs.line_with(id).contains(&format!("request_id={id}")));

    let app = init_service(app(
        ExceptionHandlers::new().request_id_header("x-request-id")
    ))
    .await;
    for (index, path) in ["/storage", "/config", "/boom"].into_iter().enumerate() {
        // From a traceparent: its trace id.
        let trace = format!("{index}{}", &TRACE[1..]);
        let traceparent = format!("00-{trace}-00f067aa0ba902b7-01");
        let res = send(&app, get(path, Some(("traceparent", &traceparent)))).await;
        assert_eq!(res.header("x-error-id"), Some(trace.as_str()), "{path}");
        // From X-Request-ID.
        let given = format!("req-{index}");
        let res = send(&app, get(path, Some(("x-request-id", &given)))).await;
        assert_eq!(res.header("x-error-id"), Some(given.as_str()), "{path}");
        let logged = logs.text();
        for id in [&trace, &given] {
            let lines: Vec<&str> = logged
                .lines()
                .filter(|line| line.contains(id.as_str()))
                .collect();
            assert_eq!(lines.len(), 1, "{path}: {logged}");
            assert!(
                lines[0].contains(&format!("error_id={id} request_id={id}")),
                "{}",
                lines[0]
            );
            assert!(
                lines[0].contains(&format!("path=\"{path}\"")),
                "{}",
                lines[0]
            );
        }
    }
    let logged = logs.text();
    assert!(
        logged.contains("cause=\"Service Unavailable: disk full\""),
        "{logged}"
    );
    assert!(logged.contains("cause=\"/etc/app.toml\""), "{logged}");
    assert!(logged.contains("cause=\"panic: boom\""), "{logged}");
}

/// With no subscriber listening for errors nothing is logged, and a route's
/// 5xx still names the request's id.
#[actix_web::test]
async fn without_a_subscriber_a_routes_5xx_still_has_the_requests_id() {
    let _silent = tracing::subscriber::set_default(tracing::subscriber::NoSubscriber::default());
    let app = init_service(app(
        ExceptionHandlers::new().request_id_header("x-request-id")
    ))
    .await;
    for path in ["/storage", "/config"] {
        let res = send(&app, get(path, None)).await;
        let id = res.header("x-request-id").expect("an id");
        assert_eq!(res.header("x-error-id"), Some(id), "{path}");
        let res = send(&app, get(path, Some(("x-request-id", "silent-1")))).await;
        assert_eq!(res.header("x-error-id"), Some("silent-1"), "{path}");
    }
}

#[actix_web::test]
async fn an_id_is_repeated_only_if_well_formed() {
    let app = init_service(app(
        ExceptionHandlers::new().request_id_header("x-request-id")
    ))
    .await;
    let long = "a".repeat(129);
    for (name, value) in [
        ("x-request-id", "<script>alert(1)</script>"),
        ("x-request-id", "a b"),
        ("x-request-id", long.as_str()),
        ("x-request-id", ""),
        (
            "traceparent",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        ),
        (
            "traceparent",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ),
    ] {
        let res = send(&app, get("/boom", Some((name, value)))).await;
        let id = res.header("x-error-id").unwrap();
        assert_eq!(id.len(), 32, "{name}: {value}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert_ne!(id, value);
    }
    // A valid traceparent wins over X-Request-ID.
    let req =
        get("/boom", Some(("x-request-id", "req-1"))).insert_header(("traceparent", TRACEPARENT));
    let res = send(&app, req).await;
    assert_eq!(res.header("x-error-id"), Some(TRACE));
    // Without either, each request its own id.
    let first = send(&app, get("/boom", None)).await;
    let second = send(&app, get("/boom", None)).await;
    assert_ne!(first.header("x-error-id"), second.header("x-error-id"));
}

#[actix_web::test]
async fn request_id_header_names_it_on_every_error_response() {
    let app = init_service(app(
        ExceptionHandlers::new().request_id_header("x-request-id")
    ))
    .await;
    for (path, status, body) in [
        ("/missing", 404, r#"{"detail":"Item not found"}"#),
        ("/nowhere", 404, r#"{"detail":"Not Found"}"#),
        ("/storage", 503, r#"{"detail":"Service Unavailable"}"#),
        ("/boom", 500, r#"{"detail":"Internal Server Error"}"#),
    ] {
        let res = send(&app, get(path, Some(("traceparent", TRACEPARENT)))).await;
        assert_eq!(
            (res.status, res.header("x-request-id"), res.body.as_str()),
            (status, Some(TRACE), body),
            "{path}"
        );
    }
    let res = send(&app, TestRequest::post().uri("/missing")).await;
    assert_eq!(res.status, 405);
    assert_eq!(res.header("x-request-id").map(str::len), Some(32));
    // A success carries none.
    let res = send(&app, get("/ok", Some(("traceparent", TRACEPARENT)))).await;
    assert_eq!((res.status, res.header("x-request-id")), (200, None));
}

#[actix_web::test]
async fn problem_details_carry_it_as_a_member() {
    let app = init_service(app(ExceptionHandlers::new()
        .problem_details()
        .request_id_header("x-request-id")))
    .await;
    let res = send(&app, get("/missing", Some(("x-request-id", "req-7")))).await;
    assert_eq!(
        (res.header("x-request-id"), res.body.as_str()),
        (
            Some("req-7"),
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found","request_id":"req-7"}"#
        )
    );
    let res = send(&app, get("/boom", Some(("x-request-id", "req-8")))).await;
    assert_eq!(
        res.body,
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","request_id":"req-8"}"#
    );
    assert_eq!(res.header("x-error-id"), Some("req-8"));
}

#[actix_api_error::exception_handler(ServerError)]
fn teapot(_req: &actix_web::HttpRequest, exc: &ServerError) -> HttpResponse {
    HttpResponse::ImATeapot().body(exc.id().to_owned())
}

#[actix_web::test]
async fn each_500_is_logged_once_with_or_without_the_middleware() {
    let logs = Logs::capture();
    // No middleware: logged as the response is dropped, with its own id.
    let bare = init_service(App::new().configure(server_errors)).await;
    for path in ["/storage", "/config"] {
        let res = send(&bare, get(path, Some(("x-request-id", "bare")))).await;
        let id = res.header("x-error-id").unwrap().to_owned();
        assert_eq!(id.len(), 32, "{path}");
        let logged = logs.text();
        assert_eq!(
            logged.lines().filter(|line| line.contains(&id)).count(),
            1,
            "{logged}"
        );
    }
    // A handler for the route's `ServerError`: logged once, with the request's id.
    let app = init_service(app(ExceptionHandlers::new().handler(teapot))).await;
    let res = send(&app, get("/config", Some(("x-request-id", "teapot-1")))).await;
    assert_eq!((res.status, res.body.as_str()), (418, "teapot-1"));
    let logged = logs.text();
    assert_eq!(
        logged
            .lines()
            .filter(|line| line.contains("teapot-1"))
            .count(),
        1,
        "{logged}"
    );
}

#[actix_api_error::exception_handler(ItemError)]
fn item_handler(_req: &actix_web::HttpRequest, _exc: &ItemError) -> HttpResponse {
    HttpResponse::ServiceUnavailable().body("try later")
}

#[actix_web::test]
async fn an_error_its_own_handler_answers_is_the_handlers_to_log() {
    let logs = Logs::capture();
    let app = init_service(app(ExceptionHandlers::new().handler(item_handler))).await;
    let res = send(&app, get("/storage", Some(("x-request-id", "handled-1")))).await;
    assert_eq!((res.status, res.body.as_str()), (503, "try later"));
    assert_eq!(res.header("x-error-id"), None);
    assert!(!logs.text().contains("disk full"), "{}", logs.text());
}

#[actix_web::test]
async fn the_current_opentelemetry_span_gives_its_trace_id() {
    use opentelemetry::trace::{
        SpanContext, SpanId, TraceContextExt as _, TraceFlags, TraceId, TraceState,
    };
    let app = init_service(app(ExceptionHandlers::new())).await;
    let span = SpanContext::new(
        TraceId::from_hex("0af7651916cd43dd8448eb211c80319c").unwrap(),
        SpanId::from_hex("b7ad6b7169203331").unwrap(),
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    );
    // What actix-web-opentelemetry does around each request.
    let _attached = opentelemetry::Context::current()
        .with_remote_span_context(span)
        .attach();
    // It wins over a traceparent: it is the span the request runs in.
    let res = send(&app, get("/config", Some(("traceparent", TRACEPARENT)))).await;
    assert_eq!(
        res.header("x-error-id"),
        Some("0af7651916cd43dd8448eb211c80319c")
    );
}
