//! `Option` never swallows a client's mistake: under our route macros,
//! `Option<E>` of our extractors is `None` only when nothing of it was sent;
//! `E<Option<T>>` means the same anywhere; under actix's own route macros, a
//! 422 dropped by actix's `Option` is logged.

use actix_api_error::{
    ExceptionHandlers,
    extract::{Cookie, Form, Header, Json, Query},
    get, post, testing,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Deserialize, Serialize)]
struct Paging {
    limit: u8,
    #[serde(default)]
    offset: u8,
}

#[get("/query")]
async fn query(paging: Option<Query<Paging>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "paging": paging.map(Query::into_inner) }))
}

async fn query_inside(Query(paging): Query<Option<Paging>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "paging": paging }))
}

#[derive(Deserialize, Serialize)]
struct Token {
    x_token: String,
}

#[get("/header")]
async fn header(token: Option<Header<Token>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "token": token.map(Header::into_inner) }))
}

#[derive(Deserialize, Serialize)]
struct Session {
    session: u32,
}

#[get("/cookie")]
async fn cookie(Cookie(session): Cookie<Option<Session>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "session": session }))
}

#[derive(Deserialize, Serialize)]
struct Login {
    username: String,
}

#[post("/form")]
async fn form(login: Option<Form<Login>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "login": login.map(Form::into_inner) }))
}

#[actix_web::test]
async fn an_option_is_none_only_when_nothing_of_it_was_sent() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .service((query, header, cookie, form))
        .route("/inside", web::get().to(query_inside));
    let app = init_service(app).await;

    for path in ["/query", "/inside"] {
        testing::get(&app, &format!("{path}?other=1"))
            .await
            .assert_body(r#"{"paging":null}"#);
        testing::get(&app, &format!("{path}?limit=5"))
            .await
            .assert_body(r#"{"paging":{"limit":5,"offset":0}}"#);
        // Something of it was sent: checked, and a mistake is a 422.
        testing::get(&app, &format!("{path}?limit=x"))
            .await
            .assert_status(422)
            .assert_body(r#"{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#);
        testing::get(&app, &format!("{path}?offset=1"))
            .await
            .assert_status(422)
            .assert_body(r#"{"detail":[{"type":"missing","loc":["query","limit"],"msg":"Field required","input":null}]}"#);
    }
    testing::get(&app, "/header")
        .await
        .assert_body(r#"{"token":null}"#);
    testing::call(
        &app,
        TestRequest::get()
            .uri("/header")
            .insert_header(("x-token", "t")),
    )
    .await
    .assert_body(r#"{"token":{"x_token":"t"}}"#);
    testing::get(&app, "/cookie")
        .await
        .assert_body(r#"{"session":null}"#);
    testing::call(
        &app,
        TestRequest::get()
            .uri("/cookie")
            .insert_header(("cookie", "session=x")),
    )
    .await
    .assert_status(422);
    let post_form = |body: &'static str| {
        TestRequest::post()
            .uri("/form")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body)
    };
    testing::call(&app, post_form(""))
        .await
        .assert_body(r#"{"login":null}"#);
    testing::call(&app, post_form("username=ann"))
        .await
        .assert_body(r#"{"login":{"username":"ann"}}"#);
}

#[derive(Deserialize)]
struct Item {
    #[allow(dead_code)]
    name: String,
}

/// actix's own route macro: actix's `Option` makes any error `None`.
#[actix_web::post("/actix")]
async fn under_actix(item: Option<Json<Item>>) -> HttpResponse {
    HttpResponse::Ok().body(if item.is_some() { "some" } else { "none" })
}

#[actix_web::test]
async fn a_422_that_actix_drops_is_logged() {
    let logs = testing::Logs::capture();
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(under_actix),
    )
    .await;
    let res = testing::call(
        &app,
        TestRequest::post()
            .uri("/actix")
            .insert_header(("content-type", "application/json"))
            .set_payload(r#"{"name": 1}"#),
    )
    .await;
    res.assert_status(200).assert_body("none");
    let line = logs.line_with("dropped, not answered");
    assert!(line.contains("WARN"), "{line}");
    assert!(
        line.contains("body.name: Input should be a valid string (type=string_type)"),
        "{line}"
    );

    // An answered 422 says nothing.
    let logs = testing::Logs::capture();
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).route(
        "/",
        web::post().to(|_: Json<Item>| async { HttpResponse::Ok().finish() }),
    ))
    .await;
    testing::call(
        &app,
        TestRequest::post()
            .uri("/")
            .insert_header(("content-type", "application/json"))
            .set_payload("{}"),
    )
    .await
    .assert_status(422);
    assert!(!logs.text().contains("dropped"), "{}", logs.text());
}
