//! `ExceptionHandlers`: the lookup order, foreign errors (500 with an id, cause
//! logged, never sent), actix's routing 404/405, duplicate registrations, and
//! success responses left alone.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, ServerError, api_error,
    exception_handler, testing::Logs,
};
use actix_web::{
    App, HttpRequest, HttpResponse, error, get, http::StatusCode, test::TestRequest,
    test::init_service, web,
};
use serde_json::json;
use support::{get, send};

#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item exists")]
    Exists,
}

#[exception_handler(ItemError)]
fn by_type(_req: &HttpRequest, exc: &ItemError) -> HttpResponse {
    HttpResponse::build(StatusCode::IM_A_TEAPOT).body(format!("type: {exc}"))
}

#[exception_handler(status = 404)]
fn by_status(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).body(format!("status: {}", exc.detail()))
}

#[exception_handler(HttpException)]
fn by_http(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let headers: Vec<_> = exc
        .headers()
        .iter()
        .map(|(n, v)| format!("{n}={}", v.to_str().unwrap()))
        .collect();
    HttpResponse::build(exc.status()).body(format!(
        "http: {} [{}]",
        exc.detail(),
        headers.join(",")
    ))
}

#[exception_handler(status = 422)]
fn by_422(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::UnprocessableEntity().body("status 422 handler")
}

fn routes(app: &mut web::ServiceConfig) {
    app.route(
        "/item-missing",
        web::get().to(|| async { Err::<HttpResponse, _>(ItemError::NotFound) }),
    )
    .route(
        "/item-exists",
        web::get().to(|| async { Err::<HttpResponse, _>(ItemError::Exists) }),
    )
    .route(
        "/http-404",
        web::get().to(|| async { Err::<HttpResponse, _>(HttpException::new(404, "Gone fishing")) }),
    )
    .route(
        "/http-400",
        web::get().to(|| async {
            Err::<HttpResponse, _>(HttpException::new(400, "Bad").header("X-A", "1"))
        }),
    )
    .route(
        "/validation",
        web::get().to(|| async { Err::<HttpResponse, _>(RequestValidationError::new(Vec::new())) }),
    )
    .route(
        "/io",
        web::get()
            .to(|| async { Err::<HttpResponse, _>(std::io::Error::other("secret /etc/app.toml")) }),
    )
    .route(
        "/actix-400",
        web::get()
            .to(|| async { Err::<HttpResponse, _>(error::ErrorBadRequest("secret token abc")) }),
    );
}

#[actix_web::test]
async fn lookup_order_exact_type_then_status_then_http_exception_then_default() {
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(by_type)
                    .handler(by_status)
                    .handler(by_http)
                    .handler(by_422),
            )
            .configure(routes),
    )
    .await;
    // 1. The exact type wins over the status and HttpException handlers.
    let res = get(&app, "/item-missing").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (418, "type: Item not found")
    );
    let res = get(&app, "/item-exists").await;
    assert_eq!((res.status, res.body.as_str()), (418, "type: Item exists"));
    // 2. Then the status, for any HTTP error (FastAPI: status handlers first for HTTPException).
    let res = get(&app, "/http-404").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, "status: Gone fishing")
    );
    let res = get(&app, "/no-such-route").await;
    assert_eq!((res.status, res.body.as_str()), (404, "status: Not Found"));
    // 3. Then HttpException, with the error's headers.
    let res = get(&app, "/http-400").await;
    assert_eq!((res.status, res.body.as_str()), (400, "http: Bad [x-a=1]"));
    let res = get(&app, "/actix-400").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, "http: Bad Request []")
    );
    // Status handlers are for HTTP errors only: a validation error keeps its default.
    let res = get(&app, "/validation").await;
    assert_eq!((res.status, res.body.as_str()), (422, r#"{"detail":[]}"#));
    // HttpException handlers do not receive server errors.
    let res = get(&app, "/io").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
}

#[actix_web::test]
async fn an_api_error_is_viewed_as_an_http_exception() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(by_http))
            .configure(routes),
    )
    .await;
    let res = get(&app, "/item-missing").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, "http: Item not found []")
    );
}

#[actix_web::test]
async fn foreign_errors_are_500s_with_an_id_and_the_cause_only_in_the_log() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .configure(routes)
            .route(
                "/json",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(
                        serde_json::from_str::<u8>("\"secret-json\"").unwrap_err(),
                    )
                }),
            ),
    )
    .await;
    let io = get(&app, "/io").await;
    assert_eq!(io.status, 500);
    assert_eq!(io.header("content-type"), Some("application/json"));
    assert_eq!(io.body, r#"{"detail":"Internal Server Error"}"#);
    let id = io.header("x-error-id").expect("an error id");
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));

    let json = get(&app, "/json").await;
    assert_eq!(
        (json.status, json.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    assert_ne!(
        json.header("x-error-id"),
        Some(id),
        "each error has its own id"
    );

    let logs = logs.text();
    let line = logs
        .lines()
        .find(|l| l.contains(id))
        .expect("a log line with the id");
    assert!(
        line.contains("ERROR")
            && line.contains("secret /etc/app.toml")
            && line.contains("path=\"/io\""),
        "{line}"
    );
    assert!(logs.contains("secret-json"), "{logs}");
}

#[actix_web::test]
async fn foreign_client_errors_keep_status_and_headers_but_not_their_text() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .configure(routes)
            .route(
                "/auth",
                web::get().to(|| async {
                    // What actix-web-httpauth does: a foreign error response with a challenge.
                    let mut res = HttpResponse::from_error(error::ErrorUnauthorized(
                        "token expired at 12:00",
                    ));
                    res.headers_mut().insert(
                        actix_web::http::header::WWW_AUTHENTICATE,
                        actix_web::http::header::HeaderValue::from_static("Bearer"),
                    );
                    Ok::<_, actix_web::Error>(res)
                }),
            ),
    )
    .await;
    let res = get(&app, "/actix-400").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"Bad Request"}"#)
    );
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert!(
        logs.text().contains("secret token abc"),
        "the text is logged (debug)"
    );

    let res = get(&app, "/auth").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (401, r#"{"detail":"Unauthorized"}"#)
    );
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
}

#[exception_handler(ServerError)]
fn server_error_handler(_req: &HttpRequest, exc: &ServerError) -> HttpResponse {
    HttpResponse::InternalServerError()
        .json(json!({ "error_id": exc.id(), "shown": exc.to_string() }))
}

#[exception_handler(status = 500)]
fn status_500(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let id = exc
        .headers()
        .iter()
        .find(|(n, _)| n == "x-error-id")
        .map(|(_, v)| v.to_str().unwrap().to_owned());
    HttpResponse::InternalServerError()
        .json(json!({ "detail": exc.detail(), "has_id": id.is_some() }))
}

#[actix_web::test]
async fn server_errors_go_to_the_server_error_handler_then_the_500_handler() {
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(server_error_handler)
                    .handler(status_500),
            )
            .configure(routes),
    )
    .await;
    let res = get(&app, "/io").await;
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(res.status, 500);
    assert_eq!(
        body["shown"],
        format!(
            "Internal Server Error (error id {})",
            body["error_id"].as_str().unwrap()
        )
    );

    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(status_500))
            .configure(routes),
    )
    .await;
    let res = get(&app, "/io").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error","has_id":true}"#)
    );
}

#[get("/items/{id}")]
async fn get_item() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": 1 }))
}

#[actix_web::test]
async fn actix_routing_errors_become_json() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(get_item)
            .route("/resource", web::get().to(HttpResponse::Ok))
            .service(web::scope("/api").route("/users", web::get().to(HttpResponse::Ok)))
            .route("/empty-404", web::get().to(HttpResponse::NotFound))
            .route(
                "/own-404",
                web::get().to(|| async { HttpResponse::NotFound().json(json!({"mine": true})) }),
            ),
    )
    .await;
    for path in ["/does-not-exist", "/", "/api", "/api/nope", "/items"] {
        let res = get(&app, path).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (404, r#"{"detail":"Not Found"}"#),
            "{path}"
        );
        assert_eq!(
            res.header("content-type"),
            Some("application/json"),
            "{path}"
        );
    }
    // A known path with the wrong method: `#[get]` (a guard on the resource) and
    // `.route()` (a route in the resource) alike.
    for (method, path) in [
        ("POST", "/items/1"),
        ("DELETE", "/resource"),
        ("PUT", "/api/users"),
        ("HEAD", "/items/1"),
    ] {
        let req = TestRequest::default()
            .method(method.parse().unwrap())
            .uri(path);
        let res = send(&app, req).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (405, r#"{"detail":"Method Not Allowed"}"#),
            "{method} {path}"
        );
    }
    // What routes answer themselves is theirs.
    let res = get(&app, "/empty-404").await;
    assert_eq!((res.status, res.body.as_str()), (404, ""));
    let res = get(&app, "/own-404").await;
    assert_eq!((res.status, res.body.as_str()), (404, r#"{"mine":true}"#));
    let res = get(&app, "/items/1").await;
    assert_eq!((res.status, res.body.as_str()), (200, r#"{"item":1}"#));
}

#[actix_web::test]
async fn success_responses_pass_through_untouched() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(by_http))
            .route(
                "/",
                web::get().to(|| async {
                    HttpResponse::Created()
                        .insert_header(("X-Mine", "1"))
                        .content_type("text/csv")
                        .body("a,b\n1,2\n")
                }),
            ),
    )
    .await;
    let res = get(&app, "/").await;
    assert_eq!(res.status, 201);
    assert_eq!(res.header("x-mine"), Some("1"));
    assert_eq!(res.header("content-type"), Some("text/csv"));
    assert_eq!(res.body, "a,b\n1,2\n");
}

#[test]
#[should_panic(
    expected = "exception handlers `by_http` and `again` are both registered for `actix_api_error::error::http::HttpException`; register only one of them"
)]
fn two_handlers_for_one_type_is_a_startup_error() {
    #[exception_handler(HttpException)]
    fn again(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
        HttpResponse::Ok().finish()
    }
    let _ = ExceptionHandlers::new().handler(by_http).handler(again);
}

#[test]
#[should_panic(
    expected = "exception handlers `by_status` and `also_404` are both registered for status 404"
)]
fn two_handlers_for_one_status_is_a_startup_error() {
    #[exception_handler(status = 404)]
    fn also_404(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
        HttpResponse::Ok().finish()
    }
    let _ = ExceptionHandlers::new()
        .handler(by_status)
        .handler(also_404);
}

/// What a middleware inside `ExceptionHandlers` adds to every response (as
/// CORS or a session does there).
async fn stamp(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-inner"),
        actix_web::http::header::HeaderValue::from_static("kept"),
    );
    Ok(res)
}

/// A custom handler's answer keeps the headers of the response it replaces,
/// whether that carried an error (a route's) or not (actix's routing 404 and
/// 405): what the middleware inside added survives either way.
#[actix_web::test]
async fn a_custom_handlers_answer_keeps_the_replaced_responses_headers() {
    let app = init_service(
        App::new()
            .wrap(actix_web::middleware::from_fn(stamp))
            .wrap(ExceptionHandlers::new().handler(by_status).handler(by_http))
            .configure(routes)
            .service(web::resource("/only-get").route(web::get().to(HttpResponse::Ok))),
    )
    .await;
    for (path, post, status, body) in [
        ("/http-404", false, 404, "status: Gone fishing"),
        ("/nowhere", false, 404, "status: Not Found"),
        // The exception lists the headers, in no set order.
        ("/only-get", true, 405, "http: Method Not Allowed ["),
    ] {
        let req = if post {
            TestRequest::post().uri(path)
        } else {
            TestRequest::get().uri(path)
        };
        let res = send(&app, req).await;
        assert_eq!(
            (res.status, res.header("x-inner")),
            (status, Some("kept")),
            "{path}"
        );
        assert!(res.body.starts_with(body), "{path}: {}", res.body);
    }
    // actix's own 405 says which methods; the answer keeps that too.
    let res = send(&app, TestRequest::post().uri("/only-get")).await;
    assert_eq!(res.header("allow"), Some("GET"));
}
