//! Scoped handlers (`ExceptionHandlers::scoped`), handlers that decline, and
//! the most specific handler winning whatever the registration order.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, ServerError, api_error,
    exception_handler, extract::Path,
};
use actix_web::{App, HttpRequest, HttpResponse, test::init_service, web};
use support::get;

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 403, detail = "Not yours")]
    Forbidden,
    #[api_error(status = 409, detail = "Item exists")]
    Exists,
}

async fn item(id: Path<u32>) -> Result<HttpResponse, ItemError> {
    Err(match *id {
        403 => ItemError::Forbidden,
        409 => ItemError::Exists,
        _ => ItemError::NotFound,
    })
}

async fn boom() -> HttpResponse {
    panic!("scoped boom")
}

async fn gone() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(404, "Gone elsewhere"))
}

#[exception_handler(status = 403)]
fn admin_forbidden(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::Forbidden()
        .content_type("text/html")
        .body("<h1>Admins only</h1>")
}

/// The app: problem details; `/admin` a scope that answers only its 403s.
fn app(
    scope: ExceptionHandlers,
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
        .wrap(ExceptionHandlers::new().problem_details())
        .service(
            web::scope("/admin")
                .wrap(scope)
                .route("/items/{id}", web::get().to(item))
                .route("/boom", web::get().to(boom)),
        )
}

#[actix_web::test]
async fn a_scope_answers_only_what_it_has_handlers_for() {
    let app = init_service(app(ExceptionHandlers::scoped().handler(admin_forbidden))).await;
    let res = get(&app, "/admin/items/403").await;
    assert_eq!(
        (res.status, res.header("content-type"), res.body.as_str()),
        (403, Some("text/html"), "<h1>Admins only</h1>")
    );
    // The rest is the app's: problem details, whatever the scope carried.
    let problem = |status: u16, title: &str, detail: &str| {
        format!(
            r#"{{"type":"about:blank","title":"{title}","status":{status},"detail":"{detail}"}}"#
        )
    };
    for (path, status, body) in [
        (
            "/admin/items/1",
            404,
            problem(404, "Not Found", "Item not found"),
        ),
        (
            "/admin/items/409",
            409,
            problem(409, "Conflict", "Item exists"),
        ),
        (
            "/admin/nowhere",
            404,
            problem(404, "Not Found", "Not Found"),
        ),
    ] {
        let res = get(&app, path).await;
        assert_eq!(
            (res.status, res.header("content-type"), res.body.as_str()),
            (status, Some("application/problem+json"), body.as_str()),
            "{path}"
        );
    }
    let res = get(&app, "/admin/items/x").await;
    assert_eq!(res.status, 422);
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    // A panic in the scope: the app's 500, once.
    let res = get(&app, "/admin/boom").await;
    assert_eq!(res.status, 500);
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    assert_eq!(res.header("x-error-id").map(str::len), Some(32));
}

#[actix_web::test]
async fn an_inner_middleware_made_with_new_answers_everything() {
    // Today's behaviour, still there: the inner one's defaults (FastAPI's
    // bytes), not the app's problem details.
    let app = init_service(app(ExceptionHandlers::new().handler(admin_forbidden))).await;
    for (path, status, body) in [
        ("/admin/nowhere", 404, r#"{"detail":"Not Found"}"#),
        ("/admin/boom", 500, r#"{"detail":"Internal Server Error"}"#),
        ("/admin/items/403", 403, "<h1>Admins only</h1>"),
    ] {
        let res = get(&app, path).await;
        assert_eq!((res.status, res.body.as_str()), (status, body), "{path}");
    }
    // An error whose own response is FastAPI's, and which the inner one
    // has no handler for, passes as it is: the app's format applies.
    let res = get(&app, "/admin/items/1").await;
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
}

/// Declines every 404 but those of `/special`.
#[exception_handler(ItemError)]
fn only_special(req: &HttpRequest, exc: &ItemError) -> Option<HttpResponse> {
    req.path()
        .starts_with("/special")
        .then(|| HttpResponse::Ok().body(format!("item handler: {exc}")))
}

/// Declines unless `?status` is in the query.
#[exception_handler(status = 404)]
async fn status_404(req: &HttpRequest, exc: &HttpException) -> Option<HttpResponse> {
    (req.query_string() == "status")
        .then(|| HttpResponse::Ok().body(format!("404 handler: {}", exc.detail())))
}

/// Declines unless `?http` is in the query.
#[exception_handler(HttpException)]
fn any_http(req: &HttpRequest, exc: &HttpException) -> Option<HttpResponse> {
    (req.query_string() == "http").then(|| {
        HttpResponse::Ok().body(format!(
            "http handler: {} {}",
            exc.status().as_u16(),
            exc.detail()
        ))
    })
}

#[actix_web::test]
async fn a_declined_error_goes_to_the_next_candidate() {
    // Registered least specific first: the order does not matter.
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(any_http)
                    .handler(status_404)
                    .handler(only_special),
            )
            .route("/items/{id}", web::get().to(item))
            .route("/special/{id}", web::get().to(item))
            .route("/gone", web::get().to(gone)),
    )
    .await;
    for (path, status, body) in [
        // The type's handler takes it.
        ("/special/1?status", 200, "item handler: Item not found"),
        // It declines: the status handler...
        ("/items/1?status", 200, "404 handler: Item not found"),
        // ...declines too: the HttpException handler...
        ("/items/1?http", 200, "http handler: 404 Item not found"),
        // ...and when all decline, the default.
        ("/items/1", 404, r#"{"detail":"Item not found"}"#),
        ("/items/409?http", 200, "http handler: 409 Item exists"),
        // An HttpException and a routing 404 start at the status handler.
        ("/gone?status", 200, "404 handler: Gone elsewhere"),
        ("/gone?http", 200, "http handler: 404 Gone elsewhere"),
        ("/gone", 404, r#"{"detail":"Gone elsewhere"}"#),
        ("/nowhere?http", 200, "http handler: 404 Not Found"),
        ("/nowhere", 404, r#"{"detail":"Not Found"}"#),
    ] {
        let res = get(&app, path).await;
        assert_eq!((res.status, res.body.as_str()), (status, body), "{path}");
    }
}

#[actix_web::test]
async fn what_a_scope_declines_is_the_apps() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().problem_details())
            .service(
                web::scope("/shop")
                    .wrap(ExceptionHandlers::scoped().handler(status_404))
                    .route("/items/{id}", web::get().to(item)),
            ),
    )
    .await;
    let res = get(&app, "/shop/items/1?status").await;
    assert_eq!(res.body, "404 handler: Item not found");
    let res = get(&app, "/shop/items/1").await;
    assert_eq!(
        (res.header("content-type"), res.body.as_str()),
        (
            Some("application/problem+json"),
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}"#
        )
    );
}

/// Declines a panic's 500.
#[exception_handler(ServerError)]
fn server(_req: &HttpRequest, exc: &ServerError) -> Option<HttpResponse> {
    (!exc.cause().contains("boom")).then(|| HttpResponse::ServiceUnavailable().finish())
}

#[exception_handler(status = 500)]
fn status_500(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let id = exc
        .headers()
        .iter()
        .find(|(name, _)| name == "x-error-id")
        .map(|(_, id)| id.len());
    HttpResponse::InternalServerError().body(format!("500 handler, an id of {id:?} digits"))
}

#[exception_handler(RequestValidationError)]
fn never(_req: &HttpRequest, _exc: &RequestValidationError) -> Option<HttpResponse> {
    None
}

#[actix_web::test]
async fn a_declined_server_error_goes_to_the_500_handler() {
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(server)
                    .handler(status_500)
                    .handler(never),
            )
            .route("/boom", web::get().to(boom))
            .route("/items/{id}", web::get().to(item)),
    )
    .await;
    let res = get(&app, "/boom").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, "500 handler, an id of Some(32) digits")
    );
    // A validation handler that declines: the default 422.
    let res = get(&app, "/items/x").await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.starts_with(r#"{"detail":[{"type":"int_parsing""#),
        "{}",
        res.body
    );
}

/// A request a scope lost (a panic in its route) and leaves to the app's
/// `ExceptionHandlers` keeps the id the client sent: the app's answer names
/// it, as it would outside the scope.
#[actix_web::test]
async fn a_request_lost_in_a_scope_keeps_its_id_for_the_apps_answer() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().request_id_header("x-request-id"))
            .service(
                web::scope("/admin")
                    .wrap(ExceptionHandlers::scoped().handler(admin_forbidden))
                    .route("/boom", web::get().to(boom)),
            ),
    )
    .await;
    let req = actix_web::test::TestRequest::get()
        .uri("/admin/boom")
        .insert_header(("x-request-id", "client-7"));
    let res = support::send(&app, req).await;
    assert_eq!(
        (
            res.status,
            res.header("x-request-id"),
            res.header("x-error-id")
        ),
        (500, Some("client-7"), Some("client-7"))
    );
}
