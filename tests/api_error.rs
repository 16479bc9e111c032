//! `#[api_error]`: every shape of enum and struct, every kind of detail, headers,
//! Safir codes, thiserror, and the generated Display/Error/ApiError.

use crate::support;

use std::fmt;

use actix_api_error::{ApiError, Detail, ExceptionHandlers, api_error, testing::Logs};
use actix_web::{
    App, HttpResponse, ResponseError, body::MessageBody, http::StatusCode, test::init_service, web,
};
use serde::Serialize;
use serde_json::json;
use support::get;

#[api_error(status = 400, headers(("X-Api", "v1")))]
#[derive(Debug, Clone)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    #[api_error(status = 404, detail = "Item not found", headers(("X-Error", "There goes my error")))]
    NotFoundWithHeader,
    #[api_error(status = 409, detail = "Item {0} exists")]
    Exists(String),
    #[api_error(detail = "{field} is {reason:?}; {{braces}} and {price:.2}")]
    Invalid {
        field: String,
        reason: String,
        price: f64,
    },
    /// No detail: the enum's status and its reason phrase.
    Plain,
    #[api_error(status = 429, detail = "Slow down", headers(("Retry-After", "{secs}")))]
    RateLimited { secs: u32 },
    #[api_error(status = 422)]
    Json(#[api_error(detail)] serde_json::Value),
    #[api_error(status = 422)]
    Structured {
        #[api_error(detail)]
        errors: Vec<Problem>,
        #[allow(dead_code)]
        internal: u32,
    },
}

#[derive(Debug, Clone, Serialize)]
struct Problem {
    field: &'static str,
    problem: &'static str,
}

fn fail<E: ResponseError + Clone + 'static>(
    err: E,
) -> impl Fn() -> std::future::Ready<Result<HttpResponse, E>> + Clone {
    move || std::future::ready(Err(err.clone()))
}

#[actix_web::test]
async fn enum_variants_unit_tuple_named() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route("/not-found", web::get().to(fail(ItemError::NotFound)))
            .route(
                "/with-header",
                web::get().to(fail(ItemError::NotFoundWithHeader)),
            )
            .route(
                "/exists",
                web::get().to(fail(ItemError::Exists("a \"b\"\n\u{4e2d}".into()))),
            )
            .route(
                "/invalid",
                web::get().to(fail(ItemError::Invalid {
                    field: "size".into(),
                    reason: "XL".into(),
                    price: 2.5,
                })),
            )
            .route("/plain", web::get().to(fail(ItemError::Plain)))
            .route(
                "/limited",
                web::get().to(fail(ItemError::RateLimited { secs: 30 })),
            )
            .route(
                "/json",
                web::get().to(fail(ItemError::Json(json!({"b": [1, 2], "a": null})))),
            )
            .route(
                "/structured",
                web::get().to(fail(ItemError::Structured {
                    errors: vec![Problem {
                        field: "size",
                        problem: "too big",
                    }],
                    internal: 7,
                })),
            ),
    )
    .await;

    let res = get(&app, "/not-found").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Item not found"}"#)
    );
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(
        res.header("x-api"),
        Some("v1"),
        "the enum's headers apply to every variant"
    );
    assert_eq!(res.header("x-error"), None);

    let res = get(&app, "/with-header").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Item not found"}"#)
    );
    assert_eq!(res.header("x-error"), Some("There goes my error"));
    assert_eq!(res.header("x-api"), Some("v1"));

    let res = get(&app, "/exists").await;
    assert_eq!(res.status, 409);
    assert_eq!(
        res.body,
        "{\"detail\":\"Item a \\\"b\\\"\\n\u{4e2d} exists\"}"
    );

    let res = get(&app, "/invalid").await;
    assert_eq!(res.status, 400, "the enum's default status");
    assert_eq!(
        res.body,
        r#"{"detail":"size is \"XL\"; {braces} and 2.50"}"#
    );

    let res = get(&app, "/plain").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"Bad Request"}"#)
    );

    let res = get(&app, "/limited").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (429, r#"{"detail":"Slow down"}"#)
    );
    assert_eq!(res.header("retry-after"), Some("30"));

    let res = get(&app, "/json").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (422, r#"{"detail":{"b":[1,2],"a":null}}"#)
    );

    let res = get(&app, "/structured").await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"field":"size","problem":"too big"}]}"#
    );
}

#[api_error(status = 404, detail = "User {name} not found")]
#[derive(Debug)]
struct UserNotFound {
    name: String,
}

#[api_error(status = 410, detail = "Gone since {0}")]
#[derive(Debug)]
struct GoneSince(u32);

#[api_error(status = 503)]
#[derive(Debug)]
struct Unavailable;

#[actix_web::test]
async fn structs_named_tuple_unit_work_without_the_middleware() {
    let app = init_service(
        App::new()
            .route(
                "/user",
                web::get()
                    .to(|| async { Err::<HttpResponse, _>(UserNotFound { name: "rra".into() }) }),
            )
            .route(
                "/gone",
                web::get().to(|| async { Err::<HttpResponse, _>(GoneSince(2024)) }),
            )
            .route(
                "/down",
                web::get().to(|| async { Err::<HttpResponse, _>(Unavailable) }),
            ),
    )
    .await;
    let res = get(&app, "/user").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"User rra not found"}"#)
    );
    let res = get(&app, "/gone").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (410, r#"{"detail":"Gone since 2024"}"#)
    );
    let res = get(&app, "/down").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (503, r#"{"detail":"Service Unavailable"}"#)
    );
}

#[api_error]
#[derive(Debug)]
enum SafirError {
    #[api_error(
        status = 404,
        code = "unknown_user",
        loc(path, "user"),
        detail = "Unknown user"
    )]
    UnknownUser,
    #[api_error(
        status = 403,
        code = "permission_denied",
        structured,
        detail = "Permission denied"
    )]
    PermissionDenied,
    #[api_error(
        status = 422,
        code = "invalid_address",
        loc(body, "users", 0, "address"),
        detail = "Invalid address {0}"
    )]
    InvalidAddress(String),
    #[api_error(status = 409, code = "conflict", structured)]
    Conflict,
}

#[test]
fn safir_codes_and_locations() {
    let body = |e: SafirError| {
        let res = e.error_response();
        let bytes = res.into_body().try_into_bytes().unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    assert_eq!(
        body(SafirError::UnknownUser),
        r#"{"detail":[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user"}]}"#
    );
    assert_eq!(
        body(SafirError::PermissionDenied),
        r#"{"detail":[{"msg":"Permission denied","type":"permission_denied"}]}"#
    );
    assert_eq!(
        body(SafirError::InvalidAddress("x".into())),
        r#"{"detail":[{"loc":["body","users",0,"address"],"msg":"Invalid address x","type":"invalid_address"}]}"#
    );
    assert_eq!(
        body(SafirError::Conflict),
        r#"{"detail":[{"msg":"Conflict","type":"conflict"}]}"#
    );
    assert_eq!(SafirError::UnknownUser.status_code(), StatusCode::NOT_FOUND);

    // Viewed as an HttpException, the detail is the same list.
    let exc = SafirError::InvalidAddress("x".into()).to_http_exception();
    assert_eq!(
        exc.detail().to_string(),
        r#"[{"loc":["body","users",0,"address"],"msg":"Invalid address x","type":"invalid_address"}]"#
    );
    assert_eq!(SafirError::UnknownUser.to_string(), "Unknown user");
}

#[api_error]
#[derive(Debug)]
enum Redirect {
    #[api_error(status = 307, allow_non_error, detail = "Moved", headers(("Location", "/v2/{0}")))]
    Moved(String),
    #[api_error(status = 204, allow_non_error, headers(("X-Done", "yes")))]
    Done,
}

#[actix_web::test]
async fn non_error_statuses_with_allow_non_error() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .route(
                "/moved",
                web::get().to(|| async { Err::<HttpResponse, _>(Redirect::Moved("items".into())) }),
            )
            .route(
                "/done",
                web::get().to(|| async { Err::<HttpResponse, _>(Redirect::Done) }),
            ),
    )
    .await;
    let res = get(&app, "/moved").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (307, r#"{"detail":"Moved"}"#)
    );
    assert_eq!(res.header("location"), Some("/v2/items"));
    let res = get(&app, "/done").await;
    assert_eq!((res.status, res.body.as_str()), (204, ""));
    assert_eq!(res.header("x-done"), Some("yes"));
}

#[actix_web::test]
async fn a_formatted_header_value_that_must_not_be_sent_is_dropped() {
    let logs = Logs::capture();
    let res = Redirect::Moved("a\r\nSet-Cookie: x=y".into()).error_response();
    assert_eq!(res.status(), 307);
    assert!(res.headers().get("location").is_none());
    assert!(res.headers().get("set-cookie").is_none());
    assert!(
        logs.text().contains("header=\"location\""),
        "{}",
        logs.text()
    );
}

#[api_error(status = 401, headers(("WWW-Authenticate", "Bearer"), ("X-Api", "v1")))]
#[derive(Debug)]
enum AuthError {
    #[api_error(detail = "Not authenticated")]
    Missing,
    #[api_error(detail = "Use Basic", headers(("www-authenticate", "Basic realm=\"{0}\"")))]
    WrongScheme(String),
    #[api_error(
        status = 403,
        detail = "Forbidden",
        without_headers("WWW-Authenticate", "x-api")
    )]
    Forbidden,
}

#[test]
fn a_variant_header_replaces_or_drops_the_enum_header_of_the_same_name() {
    let headers = |e: AuthError| {
        let res = e.error_response();
        let mut pairs: Vec<(String, String)> = res
            .headers()
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
            .collect();
        pairs.sort();
        pairs
    };
    let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    assert_eq!(
        headers(AuthError::Missing),
        [
            pair("content-type", "application/json"),
            pair("www-authenticate", "Bearer"),
            pair("x-api", "v1"),
        ]
    );
    assert_eq!(
        headers(AuthError::WrongScheme("simple".into())),
        [
            pair("content-type", "application/json"),
            pair("www-authenticate", "Basic realm=\"simple\""),
            pair("x-api", "v1"),
        ]
    );
    assert_eq!(
        headers(AuthError::Forbidden),
        [pair("content-type", "application/json")]
    );
}

/// A header built from what a client sent cannot grow the response without bound.
#[actix_web::test]
async fn a_header_value_over_8_kib_is_dropped_and_logged() {
    let logs = Logs::capture();
    let long = "a".repeat(250 * 1024);
    let res = Redirect::Moved(long.clone()).error_response();
    assert_eq!(res.status(), 307);
    assert!(res.headers().get("location").is_none());
    assert!(
        logs.text().contains("longer than the limit")
            && logs.text().contains("header=\"location\""),
        "{}",
        logs.text()
    );

    let exc = actix_api_error::HttpException::new(400, "Bad").header("x-echo", long);
    assert!(exc.headers().is_empty());
    let fits = "a".repeat(actix_api_error::MAX_HEADER_VALUE);
    let exc = actix_api_error::HttpException::new(400, "Bad").header("x-echo", fits);
    assert_eq!(exc.headers().len(), 1);
}

#[test]
fn literal_bodies_are_built_at_compile_time() {
    let body = |e: &ItemError| e.error_response().into_body().try_into_bytes().unwrap();
    // A literal body is one static byte string: every response points at it.
    assert_eq!(
        body(&ItemError::NotFound).as_ptr(),
        body(&ItemError::NotFound).as_ptr()
    );
    assert_eq!(
        body(&ItemError::Plain).as_ptr(),
        body(&ItemError::Plain).as_ptr()
    );
    // A formatted one is built per response.
    let exists = ItemError::Exists("x".into());
    assert_ne!(body(&exists).as_ptr(), body(&exists).as_ptr());
}

#[test]
fn display_error_and_http_exception_view() {
    assert_eq!(ItemError::NotFound.to_string(), "Item not found");
    assert_eq!(ItemError::Exists("x".into()).to_string(), "Item x exists");
    assert_eq!(ItemError::Plain.to_string(), "Bad Request");
    assert_eq!(ItemError::Json(json!({"a": 1})).to_string(), r#"{"a":1}"#);
    assert_eq!(Unavailable.to_string(), "Service Unavailable");
    // Debug is the user's derive.
    assert_eq!(format!("{:?}", GoneSince(1)), "GoneSince(1)");
    // std::error::Error, so `?` into Box<dyn Error> works.
    let boxed: Box<dyn std::error::Error> = Box::new(UserNotFound { name: "x".into() });
    assert_eq!(boxed.to_string(), "User x not found");

    let exc = ItemError::RateLimited { secs: 9 }.to_http_exception();
    assert_eq!(exc.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(exc.detail(), &Detail::from("Slow down"));
    let headers: Vec<_> = exc
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
        .collect();
    assert_eq!(headers, [("x-api", "v1"), ("retry-after", "9")]);
    assert_eq!(
        ItemError::Json(json!([1])).to_http_exception().detail(),
        &Detail::from(json!([1]))
    );
    assert_eq!(
        ItemError::Plain.to_http_exception().detail().as_str(),
        Some("Bad Request")
    );
}

/// thiserror writes Display and Error; its text is the default detail.
#[api_error(status = 400)]
#[derive(Debug, thiserror::Error)]
enum WithThiserror {
    #[error("plain literal")]
    Literal,
    #[error("value {0} is bad")]
    #[api_error(status = 409)]
    Formatted(u32),
    #[error("io failed")]
    #[api_error(status = 503, detail = "Try again later")]
    Io(#[source] std::io::Error),
    #[error(transparent)]
    Other(#[from] fmt::Error),
}

#[derive(Debug, thiserror::Error)]
#[error("struct {id} broke")]
#[api_error(status = 500)]
struct ThiserrorStruct {
    id: u8,
}

#[test]
fn coexists_with_thiserror() {
    let body = |e: &dyn ResponseError| {
        String::from_utf8(
            e.error_response()
                .into_body()
                .try_into_bytes()
                .unwrap()
                .to_vec(),
        )
        .unwrap()
    };
    assert_eq!(
        body(&WithThiserror::Literal),
        r#"{"detail":"plain literal"}"#
    );
    assert_eq!(
        body(&WithThiserror::Formatted(7)),
        r#"{"detail":"value 7 is bad"}"#
    );
    assert_eq!(
        WithThiserror::Formatted(7).status_code(),
        StatusCode::CONFLICT
    );
    let io = WithThiserror::Io(std::io::Error::other("disk"));
    assert_eq!(body(&io), r#"{"detail":"Try again later"}"#);
    assert_eq!(io.to_string(), "io failed", "Display is thiserror's");
    assert!(
        std::error::Error::source(&io).is_some(),
        "thiserror's source() is kept"
    );
    assert_eq!(
        body(&WithThiserror::Other(fmt::Error)),
        r#"{"detail":"an error occurred when formatting an argument"}"#
    );
    // A 5xx without a written detail never sends its text (see `server_errors_conceal_their_cause`).
    assert_eq!(
        body(&ThiserrorStruct { id: 3 }),
        r#"{"detail":"Internal Server Error"}"#
    );
    assert_eq!(
        WithThiserror::Literal.to_http_exception().detail().as_str(),
        Some("plain literal")
    );
    // A literal #[error] text is a static body too.
    let ptr = |e: &WithThiserror| {
        e.error_response()
            .into_body()
            .try_into_bytes()
            .unwrap()
            .as_ptr()
    };
    assert_eq!(ptr(&WithThiserror::Literal), ptr(&WithThiserror::Literal));
}

#[api_error(status = 400)]
#[derive(Debug)]
enum Generic<T: fmt::Display + fmt::Debug + 'static> {
    #[api_error(detail = "bad {0}")]
    Bad(T),
}

#[test]
fn generic_types() {
    let res = Generic::Bad(5u8).error_response();
    assert_eq!(res.status(), 400);
    assert_eq!(Generic::Bad("x").to_string(), "bad x");
}

#[api_error(status = 400)]
#[derive(Debug)]
enum Never {}

#[test]
fn an_enum_without_variants_compiles() {
    fn assert_api_error<T: ApiError>() {}
    assert_api_error::<Never>();
}

/// What a 5xx `#[api_error]` leaked before: a database error's text.
#[derive(Debug, thiserror::Error)]
#[error("password authentication failed for user \"admin\" at db.internal:5432")]
struct DbError;

#[api_error(status = 500)]
#[derive(Debug, thiserror::Error)]
enum StoreError {
    #[error("query failed: {0}")]
    Query(#[source] DbError),
    #[error("storage unavailable")]
    #[api_error(status = 503, detail = "Try again later", headers(("Retry-After", "30")))]
    Unavailable,
    #[error("cache {0} broke")]
    #[api_error(status = 502, code = "bad_gateway", loc(query, "cache"))]
    Coded(String),
    #[error("not found")]
    #[api_error(status = 404)]
    Missing,
}

#[api_error(status = 500)]
#[derive(Debug)]
struct PlainServerError {
    #[allow(dead_code, reason = "read through Debug, in the log")]
    secret: String,
}

#[actix_web::test]
async fn server_errors_conceal_their_cause() {
    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .route(
                "/query",
                web::get().to(|| async { Err::<HttpResponse, _>(StoreError::Query(DbError)) }),
            )
            .route(
                "/unavailable",
                web::get().to(|| async { Err::<HttpResponse, _>(StoreError::Unavailable) }),
            )
            .route(
                "/coded",
                web::get().to(|| async { Err::<HttpResponse, _>(StoreError::Coded("c1".into())) }),
            )
            .route(
                "/missing",
                web::get().to(|| async { Err::<HttpResponse, _>(StoreError::Missing) }),
            )
            .route(
                "/plain",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(PlainServerError {
                        secret: "hunter2".into(),
                    })
                }),
            ),
    )
    .await;

    // The reason phrase and an id; the Display and the source chain are logged with the id.
    let res = get(&app, "/query").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    let id = res.header("x-error-id").expect("an error id").to_owned();
    assert_eq!(id.len(), 32);
    let logged = logs.text();
    let line = logged
        .lines()
        .find(|line| line.contains(&id))
        .expect("the cause is logged with the id");
    assert!(
        line.contains(
            r#"query failed: password authentication failed for user \"admin\" at db.internal:5432: password authentication failed for user \"admin\" at db.internal:5432"#
        ),
        "Display, then the source chain: {line}"
    );

    // A detail the developer wrote is sent as written, without an id.
    let res = get(&app, "/unavailable").await;
    assert_eq!(
        (res.status, res.body.as_str(), res.header("retry-after")),
        (503, r#"{"detail":"Try again later"}"#, Some("30"))
    );
    assert_eq!(res.header("x-error-id"), None);

    // Safir's body: the reason phrase is the message.
    let res = get(&app, "/coded").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (
            502,
            r#"{"detail":[{"loc":["query","cache"],"msg":"Bad Gateway","type":"bad_gateway"}]}"#
        )
    );
    let id = res.header("x-error-id").expect("an error id");
    let logged = logs.text();
    let line = logged.lines().find(|line| line.contains(id)).unwrap();
    assert!(line.contains("cache c1 broke"), "{line}");

    // 4xx: thiserror's text is the detail, as before.
    let res = get(&app, "/missing").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"not found"}"#)
    );
    assert_eq!(res.header("x-error-id"), None);

    // Without thiserror: the reason phrase, an id, and the Debug in the log.
    let res = get(&app, "/plain").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    let id = res.header("x-error-id").expect("an error id");
    let logged = logs.text();
    let line = logged.lines().find(|line| line.contains(id)).unwrap();
    assert!(line.contains("hunter2"), "the Debug is logged: {line}");
    assert!(!res.body.contains("hunter2"));

    // The HttpException view says nothing more.
    assert_eq!(
        StoreError::Query(DbError)
            .to_http_exception()
            .detail()
            .as_str(),
        Some("Internal Server Error")
    );
}

/// A handler for `HttpException` sees a concealed 5xx as its reason phrase, with
/// the id that was logged and sent.
#[actix_web::test]
async fn a_concealed_server_error_reaches_handlers_with_its_id() {
    use actix_api_error::{HttpException, exception_handler};
    use actix_web::HttpRequest;

    #[exception_handler(HttpException)]
    fn echo(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
        let id = exc
            .headers()
            .iter()
            .find(|(name, _)| name == "x-error-id")
            .map(|(_, value)| value.to_str().unwrap().to_owned());
        HttpResponse::build(exc.status())
            .json(json!({"detail": exc.detail().to_string(), "id": id}))
    }

    let logs = Logs::capture();
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(echo))
            .route(
                "/query",
                web::get().to(|| async { Err::<HttpResponse, _>(StoreError::Query(DbError)) }),
            ),
    )
    .await;
    let res = get(&app, "/query").await;
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        (res.status, &body["detail"]),
        (500, &json!("Internal Server Error"))
    );
    let id = body["id"].as_str().expect("the id reaches the handler");
    assert!(
        logs.text()
            .lines()
            .any(|line| line.contains(id) && line.contains("query failed"))
    );
}

/// `#[source]` marks the error's `source()`, as in thiserror; the 500's log
/// shows it in the cause chain. A field merely named `source` is data.
#[api_error(status = 500)]
#[derive(Debug)]
enum StorageError {
    Disk(#[source] std::io::Error),
    Remote {
        #[source]
        cause: std::io::Error,
    },
    #[api_error(status = 502, detail = "{source} is down")]
    Upstream {
        source: String,
    },
}

#[actix_web::test]
async fn a_source_field_is_the_source_and_is_logged_in_the_cause() {
    use std::error::Error as _;

    let disk = StorageError::Disk(std::io::Error::other("sdb1 is full"));
    assert_eq!(disk.source().unwrap().to_string(), "sdb1 is full");
    let remote = StorageError::Remote {
        cause: std::io::Error::other("connection refused"),
    };
    assert_eq!(remote.source().unwrap().to_string(), "connection refused");
    let upstream = StorageError::Upstream {
        source: "billing".into(),
    };
    assert!(upstream.source().is_none());
    assert_eq!(upstream.to_string(), "billing is down");

    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/disk",
        web::get().to(|| async {
            Err::<HttpResponse, _>(StorageError::Disk(std::io::Error::other("sdb1 is full")))
        }),
    ))
    .await;
    let logs = Logs::capture();
    let res = get(&app, "/disk").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (500, r#"{"detail":"Internal Server Error"}"#)
    );
    let line = logs.line_with(res.header("x-error-id").unwrap());
    assert!(
        line.contains(r#"cause="Internal Server Error: sdb1 is full""#),
        "{line}"
    );
}
