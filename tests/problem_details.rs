//! `ExceptionHandlers::new().problem_details()`: every kind of error as RFC
//! 9457 problem details, `application/problem+json`.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, HttpException, RequestValidationError, ServerError, api_error,
    exception_handler,
    extract::{Json, Query},
    get, handlers, post,
    security::HttpBearer,
};
use actix_web::{App, HttpRequest, HttpResponse, test::TestRequest, test::init_service};
use serde::Deserialize;
use serde_json::json;
use support::{Reply, send};

#[api_error(status = 404, detail = "Item not found")]
#[derive(Debug)]
struct NotFound;

/// Safir's coded errors: `errors`, with the pointer of the `loc`.
#[api_error(
    status = 404,
    code = "unknown_user",
    loc(path, "user"),
    detail = "Unknown user"
)]
#[derive(Debug)]
struct UnknownUser;

#[get("/users/{user}")]
async fn user(_user: actix_api_error::extract::Path<String>) -> Result<HttpResponse, UnknownUser> {
    Err(UnknownUser)
}

#[api_error(status = 503, detail = "Down for maintenance")]
#[derive(Debug)]
struct Maintenance;

/// Its own problem types: the type's, and one variant's.
#[api_error(
    status = 403,
    problem_type = "https://example.com/probs/account",
    title = "Account problem"
)]
#[derive(Debug)]
enum AccountError {
    #[api_error(detail = "Account {0} is locked")]
    Locked(u32),
    #[api_error(
        detail = "Your balance is {balance}, but that costs {cost}",
        problem_type = "https://example.com/probs/out-of-credit",
        title = "You do not have enough credit."
    )]
    OutOfCredit { balance: u32, cost: u32 },
}

#[get("/accounts/{id}")]
async fn account(id: actix_api_error::extract::Path<u32>) -> Result<HttpResponse, AccountError> {
    match *id {
        1 => Err(AccountError::Locked(1)),
        _ => Err(AccountError::OutOfCredit {
            balance: 30,
            cost: 50,
        }),
    }
}

#[get("/items/{id}")]
async fn item(_id: actix_api_error::extract::Path<u32>) -> Result<HttpResponse, NotFound> {
    Err(NotFound)
}

#[get("/typed")]
async fn typed() -> Result<HttpResponse, HttpException> {
    Err(
        HttpException::new(403, "Your balance is 30, but that costs 50")
            .problem_type("https://example.com/probs/out-of-credit")
            .title("You do not have enough credit."),
    )
}

#[get("/json")]
async fn json_detail() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(400, json!({"field": "x"})))
}

#[get("/maintenance")]
async fn maintenance() -> Result<HttpResponse, Maintenance> {
    Err(Maintenance)
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Tag {
    name: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Paging {
    limit: u32,
}

#[post("/items")]
async fn create(_q: Query<Paging>, _item: Json<Item>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/secure")]
async fn secure(_c: HttpBearer) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/bug")]
async fn bug() -> Result<HttpResponse, ServerError> {
    Err(std::io::Error::other("secret path /etc/app.toml").into())
}

#[get("/panic")]
async fn panics() -> HttpResponse {
    panic!("boom")
}

fn app() -> App<
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
        .service((item, typed, json_detail, maintenance, create, secure))
        .service((bug, panics, account, user))
        .route(
            "/foreign",
            actix_web::web::get().to(|| async { foreign_error() }),
        )
}

fn foreign_error() -> Result<HttpResponse, actix_web::Error> {
    Err(actix_web::error::ErrorConflict("internal text"))
}

fn assert_problem(reply: &Reply, status: u16, body: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.body, body);
}

#[actix_web::test]
async fn every_kind_of_error_is_a_problem() {
    let app = init_service(app()).await;
    let get = |path: &str| TestRequest::get().uri(path);
    assert_problem(
        &send(&app, get("/items/1")).await,
        404,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}"#,
    );
    assert_problem(
        &send(&app, get("/users/ann")).await,
        404,
        r##"{"type":"about:blank","title":"Not Found","status":404,"errors":[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user","pointer":"#/path/user"}]}"##,
    );
    assert_problem(
        &send(&app, get("/typed")).await,
        403,
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your balance is 30, but that costs 50"}"#,
    );
    assert_problem(
        &send(&app, get("/json")).await,
        400,
        r#"{"type":"about:blank","title":"Bad Request","status":400,"data":{"field":"x"}}"#,
    );
    assert_problem(
        &send(&app, get("/nowhere")).await,
        404,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found"}"#,
    );
    let reply = send(&app, TestRequest::delete().uri("/items/1")).await;
    assert_problem(
        &reply,
        405,
        r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed"}"#,
    );
    assert_eq!(reply.header("allow"), Some("GET"));
    assert_problem(
        &send(&app, get("/foreign")).await,
        409,
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Conflict"}"#,
    );
    let reply = send(&app, get("/secure")).await;
    assert_problem(
        &reply,
        401,
        r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Not authenticated"}"#,
    );
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
}

#[actix_web::test]
async fn api_errors_name_their_own_problem_types() {
    let app = init_service(app()).await;
    assert_problem(
        &send(&app, TestRequest::get().uri("/accounts/1")).await,
        403,
        r#"{"type":"https://example.com/probs/account","title":"Account problem","status":403,"detail":"Account 1 is locked"}"#,
    );
    assert_problem(
        &send(&app, TestRequest::get().uri("/accounts/2")).await,
        403,
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your balance is 30, but that costs 50"}"#,
    );
    // Without the switch, the same error is FastAPI's JSON.
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(account)).await;
    let reply = send(&app, TestRequest::get().uri("/accounts/1")).await;
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, r#"{"detail":"Account 1 is locked"}"#);
}

#[actix_web::test]
async fn server_errors_name_their_id_as_instance() {
    let app = init_service(app()).await;
    for path in ["/bug", "/panic", "/maintenance"] {
        let reply = send(&app, TestRequest::get().uri(path)).await;
        let id = reply.header("x-error-id").map(str::to_owned);
        let (status, detail) = if path == "/maintenance" {
            (503, "Down for maintenance")
        } else {
            (500, "Internal Server Error")
        };
        let title = if status == 503 {
            "Service Unavailable"
        } else {
            "Internal Server Error"
        };
        let instance = match &id {
            Some(id) => format!(
                r#","instance":"urn:uuid:{}-{}-{}-{}-{}""#,
                &id[..8],
                &id[8..12],
                &id[12..16],
                &id[16..20],
                &id[20..]
            ),
            None => String::new(),
        };
        assert_eq!(id.is_some(), path != "/maintenance", "{path}");
        assert_problem(
            &reply,
            status,
            &format!(
                r#"{{"type":"about:blank","title":"{title}","status":{status},"detail":"{detail}"{instance}}}"#
            ),
        );
        assert!(!reply.body.contains("secret") && !reply.body.contains("boom"));
    }
}

#[actix_web::test]
async fn a_422_lists_its_errors_with_pointers() {
    let app = init_service(app()).await;
    let req = TestRequest::post()
        .uri("/items?limit=x")
        .insert_header(("content-type", "application/json"))
        .set_payload(r#"{"tags": [{"name": "a"}, {}], "a/b~c": 1}"#);
    assert_problem(
        &send(&app, req).await,
        422,
        concat!(
            r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","errors":["##,
            r##"{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x","pointer":"#/query/limit"},"##,
            r##"{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"tags":[{"name":"a"},{}],"a/b~c":1},"pointer":"#/body/name"},"##,
            r##"{"type":"missing","loc":["body","tags",1,"name"],"msg":"Field required","input":{},"pointer":"#/body/tags/1/name"}]}"##
        ),
    );
}

#[exception_handler(RequestValidationError)]
async fn logged(req: &HttpRequest, exc: &RequestValidationError) -> HttpResponse {
    let mut res = handlers::request_validation_exception_handler(req, exc);
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-logged"),
        actix_web::http::header::HeaderValue::from_static("yes"),
    );
    res
}

#[exception_handler(status = 404)]
async fn own(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::NotFound().body("nothing here")
}

/// A custom handler answers what it answers; the defaults it delegates to
/// answer problem details.
#[actix_web::test]
async fn custom_handlers_and_the_defaults_they_reuse() {
    let app = init_service(
        App::new()
            .wrap(
                ExceptionHandlers::new()
                    .handler(logged)
                    .handler(own)
                    .problem_details(),
            )
            .service((item, create)),
    )
    .await;
    let reply = send(&app, TestRequest::post().uri("/items")).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.header("x-logged"), Some("yes"));
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert!(reply.body.starts_with(r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","errors":[{"type":"missing","loc":["query","limit"]"#), "{}", reply.body);
    let reply = send(&app, TestRequest::get().uri("/items/1")).await;
    assert_eq!((reply.status, reply.body.as_str()), (404, "nothing here"));
}
