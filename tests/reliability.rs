//! Panics, errors returned by inner middleware, and what a 500 may say: the
//! request is always answered with JSON and an error id, the connection and the
//! worker keep serving, and internal text reaches the log, never the client.

use crate::support;

use std::future::{Ready, ready};

use actix_api_error::{
    ExceptionHandlers, HttpException, RebuiltRequest, ServerError, exception_handler, testing::Logs,
};
use actix_web::{
    App, FromRequest, HttpMessage as _, HttpRequest, HttpResponse,
    body::MessageBody,
    dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform},
    middleware::{Next, from_fn},
    test::{TestRequest, init_service},
    web,
};
use support::{Reply, get, send, server::Server, wire::Connection};

const INTERNAL: &str = r#"{"detail":"Internal Server Error"}"#;

/// A 500 as it must be: exact body, an id, and the secret only in the log.
fn assert_safe_500(res: &Reply, logs: &str, secret: &str) -> String {
    assert_eq!((res.status, res.body.as_str()), (500, INTERNAL));
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert!(!res.body.contains(secret));
    let id = res
        .header("x-error-id")
        .expect("an x-error-id header")
        .to_owned();
    assert!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    let line = logs
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("no log line with {id}:\n{logs}"));
    assert!(line.contains(secret) && line.contains("ERROR"), "{line}");
    id
}

struct Boom;

impl FromRequest for Boom {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(_: &HttpRequest, _: &mut Payload) -> Self::Future {
        panic!("extractor secret /etc/shadow")
    }
}

async fn panics_after_await() -> HttpResponse {
    actix_web::rt::task::yield_now().await;
    panic!("async secret token=hunter2")
}

fn routes(app: &mut web::ServiceConfig) {
    app.route(
        "/ok",
        web::get().to(|| async { HttpResponse::Ok().body("ok") }),
    )
    .route(
        "/panic",
        web::get().to(|| async {
            panic!("route secret password=swordfish");
            #[allow(unreachable_code)]
            HttpResponse::Ok().finish()
        }),
    )
    .route("/panic-async", web::get().to(panics_after_await))
    .route(
        "/panic-extractor",
        web::get().to(|_: Boom| async { HttpResponse::Ok().finish() }),
    )
    .route(
        "/panic-string",
        web::get().to(|| async {
            std::panic::panic_any(format!("formatted secret {}", 42));
            #[allow(unreachable_code)]
            HttpResponse::Ok().finish()
        }),
    )
    .route(
        "/io",
        web::get().to(|| async {
            Err::<HttpResponse, _>(std::io::Error::other("io secret /var/lib/app/db"))
        }),
    )
    .route(
        "/json",
        web::get().to(|| async {
            Err::<HttpResponse, _>(serde_json::from_str::<u8>("\"json secret\"").unwrap_err())
        }),
    )
    .route(
        "/teapot",
        web::get()
            .to(|| async { Err::<HttpResponse, _>(HttpException::new(418, "short and stout")) }),
    );
}

#[actix_web::test]
async fn panics_in_routes_and_extractors_are_500s_with_an_id() {
    let logs = Logs::capture();
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).configure(routes)).await;
    for (path, secret) in [
        ("/panic", "route secret password=swordfish"),
        ("/panic-async", "async secret token=hunter2"),
        ("/panic-extractor", "extractor secret /etc/shadow"),
        ("/panic-string", "formatted secret 42"),
    ] {
        let res = get(&app, path).await;
        let logs = logs.text();
        let id = assert_safe_500(&res, &logs, secret);
        let line = logs.lines().find(|line| line.contains(&id)).unwrap();
        assert!(
            line.contains(&format!("path=\"{path}\"")) && line.contains("method=GET"),
            "{line}"
        );
    }
    // The worker keeps serving.
    assert_eq!(get(&app, "/ok").await.body, "ok");
}

#[actix_web::test]
async fn no_internal_text_in_any_500() {
    let logs = Logs::capture();
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).configure(routes)).await;
    let io = get(&app, "/io").await;
    assert_safe_500(&io, &logs.text(), "io secret /var/lib/app/db");
    let json = get(&app, "/json").await;
    assert_safe_500(&json, &logs.text(), "json secret");
}

#[actix_web::test]
async fn debug_mode_shows_the_cause() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().debug(true))
            .configure(routes),
    )
    .await;
    let res = get(&app, "/panic").await;
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(res.status, 500);
    assert_eq!(body["detail"], "Internal Server Error");
    assert_eq!(body["cause"], "panic: route secret password=swordfish");
    assert_eq!(body["error_id"], res.header("x-error-id").unwrap());
}

#[exception_handler(HttpException)]
fn panicking_handler(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    panic!("the handler itself broke")
}

#[exception_handler(ServerError)]
async fn panicking_server_handler(_req: &HttpRequest, _exc: &ServerError) -> HttpResponse {
    actix_web::rt::task::yield_now().await;
    panic!("the 500 handler broke too")
}

#[actix_web::test]
async fn a_panicking_handler_falls_back_to_the_default() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(panicking_handler)
                    .handler(panicking_server_handler),
            )
            .configure(routes),
    )
    .await;
    let res = get(&app, "/teapot").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (418, r#"{"detail":"short and stout"}"#)
    );
    let res = get(&app, "/nowhere").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Not Found"}"#)
    );
    let res = get(&app, "/panic").await;
    assert_eq!((res.status, res.body.as_str()), (500, INTERNAL));
    assert!(res.header("x-error-id").is_some());
    let logs = logs.text();
    assert!(
        logs.contains("handler=\"panicking_handler\"") && logs.contains("the handler itself broke"),
        "{logs}"
    );
    assert!(
        logs.contains("handler=\"panicking_server_handler\"")
            && logs.contains("the 500 handler broke too"),
        "{logs}"
    );
    assert_eq!(get(&app, "/ok").await.body, "ok");
}

#[exception_handler(ServerError)]
fn report_server_error(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    HttpResponse::InternalServerError().json(serde_json::json!({
        "oops": req.path(), "method": req.method().as_str(), "id": exc.id()
    }))
}

#[actix_web::test]
async fn a_server_error_handler_sees_panics_with_the_request_line() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(report_server_error))
            .configure(routes),
    )
    .await;
    let res = get(&app, "/panic-async?x=1").await;
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        (res.status, body["oops"].as_str(), body["method"].as_str()),
        (500, Some("/panic-async"), Some("GET"))
    );
    assert_eq!(body["id"].as_str().unwrap().len(), 32);
}

/// An auth middleware that answers with `Err`, before or after the route.
async fn auth(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    match req.path() {
        "/mw-denied" => Err(HttpException::new(401, "Not authenticated")
            .header("WWW-Authenticate", "Bearer")
            .into()),
        "/mw-broken" => Err(std::io::Error::other("middleware secret key=abc").into()),
        "/mw-after" => {
            let res = next.call(req).await?;
            Err(HttpException::new(
                429,
                format!("Too many requests after {}", res.status().as_u16()),
            )
            .into())
        }
        _ => next.call(req).await,
    }
}

#[actix_web::test]
async fn errors_returned_by_inner_middleware_go_through_the_pipeline() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(from_fn(auth))
            .wrap(ExceptionHandlers::new())
            .configure(routes),
    )
    .await;
    let res = get(&app, "/mw-denied").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (401, r#"{"detail":"Not authenticated"}"#)
    );
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
    let res = get(&app, "/mw-after").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (429, r#"{"detail":"Too many requests after 404"}"#)
    );
    let res = get(&app, "/mw-broken").await;
    assert_safe_500(&res, &logs.text(), "middleware secret key=abc");
}

#[exception_handler(HttpException)]
fn plain_text(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).body(format!(
        "{} {} -> {}",
        req.method(),
        req.uri(),
        exc.detail()
    ))
}

#[actix_web::test]
async fn custom_handlers_answer_middleware_errors_with_the_request_line() {
    let app = init_service(
        App::new()
            .wrap(from_fn(auth))
            .wrap(ExceptionHandlers::new().handler(plain_text))
            .configure(routes),
    )
    .await;
    let res = get(&app, "/mw-denied?next=%2Fhome").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (401, "GET /mw-denied?next=%2Fhome -> Not authenticated")
    );
}

#[exception_handler(HttpException)]
fn where_from(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let info = req.connection_info();
    HttpResponse::build(exc.status()).json(serde_json::json!({
        "host": info.host(),
        "scheme": info.scheme(),
        "path": req.path(),
        "rebuilt": req.extensions().contains::<RebuiltRequest>(),
    }))
}

/// A lost request is rebuilt with its host and scheme, and says it was rebuilt;
/// a request that was not lost says nothing.
#[actix_web::test]
async fn a_rebuilt_request_keeps_its_host_and_scheme_and_says_so() {
    let app = init_service(
        App::new()
            .wrap(from_fn(auth))
            .wrap(ExceptionHandlers::new().handler(where_from))
            .configure(routes),
    )
    .await;
    let req = TestRequest::get()
        .uri("/mw-denied")
        .insert_header(("host", "api.example.com"));
    let res = send(&app, req).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            401,
            r#"{"host":"api.example.com","scheme":"http","path":"/mw-denied","rebuilt":true}"#
        )
    );
    let req = TestRequest::get()
        .uri("https://api.example.com/mw-denied")
        .insert_header(("host", "api.example.com"));
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"host":"api.example.com","scheme":"https","path":"/mw-denied","rebuilt":true}"#
    );
    // A `Host` no URI can hold: the request is rebuilt without its scheme
    // rather than not at all.
    let req = TestRequest::get()
        .uri("https://api.example.com/mw-denied")
        .insert_header(("host", "bad host"));
    let res = send(&app, req).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            401,
            r#"{"host":"bad host","scheme":"http","path":"/mw-denied","rebuilt":true}"#
        )
    );
    let req = TestRequest::get()
        .uri("/nowhere")
        .insert_header(("host", "api.example.com"));
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"host":"api.example.com","scheme":"http","path":"/nowhere","rebuilt":false}"#
    );
}

#[exception_handler(HttpException)]
fn what_it_kept(req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let header = |name| {
        req.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    HttpResponse::build(exc.status()).json(serde_json::json!({
        "target": req.uri().to_string(),
        "host": header("host"),
        "request_id": header("x-request-id"),
        "peer": req.peer_addr().map(|peer| peer.to_string()),
        "first_id": actix_api_error::RequestId::of(req).to_string() == "first-request",
    }))
}

/// Rebuilt requests are made again and again on a worker: each one has what
/// its own request kept, nothing of the one before it.
#[actix_web::test]
async fn a_rebuilt_request_carries_nothing_of_the_one_before() {
    let app = init_service(
        App::new()
            .wrap(from_fn(auth))
            .wrap(
                ExceptionHandlers::new()
                    .handler(what_it_kept)
                    .request_id_header("x-request-id"),
            )
            .configure(routes),
    )
    .await;
    let first = TestRequest::get()
        .uri("/mw-denied?page=1")
        .insert_header(("host", "api.example.com"))
        .insert_header(("x-request-id", "first-request"))
        .peer_addr("203.0.113.7:41000".parse().unwrap());
    let res = send(&app, first).await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            401,
            r#"{"target":"/mw-denied?page=1","host":"api.example.com","request_id":"first-request","peer":"203.0.113.7:41000","first_id":true}"#
        )
    );
    for _ in 0..3 {
        let res = send(&app, TestRequest::get().uri("/mw-denied")).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (
                401,
                r#"{"target":"/mw-denied","host":null,"request_id":null,"peer":null,"first_id":false}"#
            )
        );
    }
}

/// A middleware whose `call` itself panics for one path.
struct PanicInCall;

impl<S> Transform<S, ServiceRequest> for PanicInCall
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = actix_web::Error>,
{
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Transform = PanicInCallService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(PanicInCallService { service }))
    }
}

struct PanicInCallService<S> {
    service: S,
}

impl<S> Service<ServiceRequest> for PanicInCallService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = actix_web::Error>,
{
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Future = S::Future;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        assert_ne!(req.path(), "/call-panics", "middleware secret in call");
        self.service.call(req)
    }
}

fn app_with_panicking_middleware() -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .wrap(PanicInCall)
        .wrap(ExceptionHandlers::new())
        .configure(routes)
}

#[actix_web::test]
async fn a_panic_in_a_middleware_call_is_a_500() {
    let logs = Logs::capture();
    let app = init_service(app_with_panicking_middleware()).await;
    let res = get(&app, "/call-panics").await;
    assert_safe_500(&res, &logs.text(), "middleware secret in call");
    assert_eq!(get(&app, "/ok").await.body, "ok");
}

#[test]
fn the_connection_survives_panics_and_the_worker_keeps_serving() {
    let server = Server::start(app_with_panicking_middleware);
    let mut connection = Connection::open(server.port);
    for path in [
        "/panic",
        "/panic-async",
        "/panic-extractor",
        "/call-panics",
        "/ok",
        "/panic",
        "/ok",
    ] {
        let res = connection.get(path);
        if path == "/ok" {
            assert_eq!((res.status, res.body.as_str()), (200, "ok"));
        } else {
            assert_eq!((res.status, res.body.as_str()), (500, INTERNAL), "{path}");
            assert!(res.header("x-error-id").is_some());
        }
    }
    // A hundred more panics on fresh connections: the one worker still answers.
    for _ in 0..100 {
        assert_eq!(Connection::open(server.port).get("/panic").status, 500);
    }
    assert_eq!(connection.get("/ok").status, 200);
}

#[actix_web::test]
async fn long_targets_are_kept_whole_for_lost_requests() {
    let app = init_service(
        App::new()
            .wrap(from_fn(auth))
            .wrap(ExceptionHandlers::new().handler(plain_text))
            .configure(routes),
    )
    .await;
    for length in [100, 128, 129, 200, 255, 256, 5000] {
        let query = "q".repeat(length - "/mw-denied?".len());
        let res = get(&app, &format!("/mw-denied?{query}")).await;
        assert_eq!(
            res.body,
            format!("GET /mw-denied?{query} -> Not authenticated"),
            "{length}"
        );
    }
}
