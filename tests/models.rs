//! Parameter models (FastAPI's "Query/Header/Cookie Parameter Models" and
//! "Form Models"): a struct read as one pydantic model. Every expected body is
//! FastAPI 0.165's for the twin in `conformance/vocabulary.py`.

use actix_api_error::{
    ExceptionHandlers,
    extract::{
        CookieModel, FormModel, Header, HeaderModel, Path, Query, QueryModel, keep_underscores,
    },
    get, post, testing,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Deserialize, Serialize)]
struct FilterParams {
    q: String,
    #[serde(default)]
    offset: u8,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StrictFilterParams {
    q: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[get("/query")]
async fn query(QueryModel(filter): QueryModel<FilterParams>) -> HttpResponse {
    HttpResponse::Ok().json(filter)
}

#[get("/query/forbid")]
async fn query_forbid(QueryModel(filter): QueryModel<StrictFilterParams>) -> HttpResponse {
    HttpResponse::Ok().json(filter)
}

#[get("/query/optional")]
async fn query_optional(filter: Option<QueryModel<FilterParams>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "filter": filter.map(QueryModel::into_inner) }))
}

/// The same, without our route macros: `QueryModel<Option<T>>`.
async fn query_optional_inside(
    QueryModel(filter): QueryModel<Option<FilterParams>>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "filter": filter }))
}

#[derive(Deserialize, Serialize)]
struct Page {
    #[serde(default)]
    page: i64,
}

#[get("/query/{id}")]
async fn query_and_param(
    Path(id): Path<i64>,
    QueryModel(filter): QueryModel<FilterParams>,
    Query(page): Query<Page>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "id": id, "page": page.page, "q": filter.q }))
}

const MISSING_Q: &str = r#""type":"missing","loc":["query","q"],"msg":"Field required""#;
const INT_PARSING: &str = "Input should be a valid integer, unable to parse string as an integer";

#[actix_web::test]
async fn a_query_model_echoes_what_it_received_and_forbids_the_rest() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .service((query, query_forbid, query_optional, query_and_param))
        .route("/inside", actix_web::web::get().to(query_optional_inside));
    let app = init_service(app).await;

    testing::get(&app, "/query?q=a&tags=x&tags=y&offset=3")
        .await
        .assert_status(200)
        .assert_body(r#"{"q":"a","offset":3,"tags":["x","y"]}"#);
    // A missing field echoes the dict the model was given: `{}` when nothing.
    testing::get(&app, "/query")
        .await
        .assert_status(422)
        .assert_body(&format!(r#"{{"detail":[{{{MISSING_Q},"input":{{}}}}]}}"#));
    // Its fields first (a list field as a list), then the rest as received.
    testing::get(&app, "/query?extra=1&offset=x&tags=t")
        .await
        .assert_body(&format!(
            r#"{{"detail":[{{{MISSING_Q},"input":{{"offset":"x","tags":["t"],"extra":"1"}}}},{{"type":"int_parsing","loc":["query","offset"],"msg":"{INT_PARSING}","input":"x"}}]}}"#
        ));
    // `deny_unknown_fields` is `extra = "forbid"`: each other parameter, in input order.
    testing::get(&app, "/query/forbid?q=a&other=2&extra=1")
        .await
        .assert_status(422)
        .assert_body(r#"{"detail":[{"type":"extra_forbidden","loc":["query","other"],"msg":"Extra inputs are not permitted","input":"2"},{"type":"extra_forbidden","loc":["query","extra"],"msg":"Extra inputs are not permitted","input":"1"}]}"#);
    // A model beside separate parameters sees them too.
    testing::get(&app, "/query/x?page=y")
        .await
        .assert_body(&format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["path","id"],"msg":"{INT_PARSING}","input":"x"}},{{{MISSING_Q},"input":{{"page":"y"}}}},{{"type":"int_parsing","loc":["query","page"],"msg":"{INT_PARSING}","input":"y"}}]}}"#
        ));

    // Optional: `None` only when none of its fields was sent; anything sent is checked.
    for path in ["/query/optional", "/inside"] {
        testing::get(&app, &format!("{path}?other=1"))
            .await
            .assert_status(200)
            .assert_body(r#"{"filter":null}"#);
        testing::get(&app, &format!("{path}?offset=5"))
            .await
            .assert_status(422)
            .assert_body(&format!(
                r#"{{"detail":[{{{MISSING_Q},"input":{{"offset":"5"}}}}]}}"#
            ));
        testing::get(&app, &format!("{path}?q=a"))
            .await
            .assert_status(200)
            .assert_body(r#"{"filter":{"q":"a","offset":0,"tags":[]}}"#);
    }
}

#[derive(Deserialize, Serialize)]
struct CommonHeaders {
    save_data: bool,
    if_modified_since: Option<String>,
    #[serde(default)]
    x_tag: Vec<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StrictHeaders {
    save_data: bool,
}

#[get("/headers")]
async fn headers(HeaderModel(h): HeaderModel<CommonHeaders>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

#[get("/headers/forbid")]
async fn headers_forbid(HeaderModel(h): HeaderModel<StrictHeaders>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

#[get("/headers/optional")]
async fn headers_optional(h: Option<HeaderModel<CommonHeaders>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "headers": h.map(HeaderModel::into_inner) }))
}

#[derive(Deserialize, Serialize)]
struct Literal {
    #[serde(default, deserialize_with = "keep_underscores")]
    strange_header: Option<String>,
    x_token: Option<String>,
}

#[get("/headers/literal")]
async fn headers_literal(Header(h): Header<Literal>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

fn with_headers(path: &str, sent: &[(&str, &str)]) -> TestRequest {
    sent.iter().fold(
        TestRequest::get().uri(path).insert_header(("host", "test")),
        |req, header| req.append_header(*header),
    )
}

#[actix_web::test]
async fn a_header_model_reads_hyphenated_names_and_echoes_every_header() {
    let app = App::new().wrap(ExceptionHandlers::new()).service((
        headers,
        headers_forbid,
        headers_optional,
        headers_literal,
    ));
    let app = init_service(app).await;
    let missing = r#""type":"missing","loc":["header","save-data"],"msg":"Field required""#;

    testing::call(
        &app,
        with_headers(
            "/headers",
            &[("save-data", "on"), ("x-tag", "a"), ("x-tag", "b")],
        ),
    )
    .await
    .assert_status(200)
    .assert_body(r#"{"save_data":true,"if_modified_since":null,"x_tag":["a","b"]}"#);
    // Errors at the header's name; the input lists the fields under their
    // names, then every other header (in name order); a literal `save_data`
    // is neither a field nor an extra (it cannot spoof `save-data`).
    testing::call(
        &app,
        with_headers("/headers", &[("if-modified-since", "today"), ("save_data", "true"), ("tool", "x")]),
    )
    .await
    .assert_status(422)
    .assert_body(&format!(
        r#"{{"detail":[{{{missing},"input":{{"if_modified_since":"today","host":"test","tool":"x"}}}}]}}"#
    ));
    testing::call(&app, with_headers("/headers", &[("save-data", "maybe")]))
        .await
        .assert_body(r#"{"detail":[{"type":"bool_parsing","loc":["header","save-data"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}"#);
    // `extra = "forbid"` refuses every other header, `host` included, as FastAPI does.
    testing::call(&app, with_headers("/headers/forbid", &[("save-data", "1"), ("tool", "x")]))
        .await
        .assert_body(r#"{"detail":[{"type":"extra_forbidden","loc":["header","host"],"msg":"Extra inputs are not permitted","input":"test"},{"type":"extra_forbidden","loc":["header","tool"],"msg":"Extra inputs are not permitted","input":"x"}]}"#);
    // Optional: `None` when no field's header was sent (`save_data` is none).
    testing::call(
        &app,
        with_headers("/headers/optional", &[("save_data", "true")]),
    )
    .await
    .assert_body(r#"{"headers":null}"#);
    testing::call(&app, with_headers("/headers/optional", &[("x-tag", "a")]))
        .await
        .assert_status(422);

    // `keep_underscores`: that field reads `strange_header`; the others still
    // read hyphenated names only.
    testing::call(
        &app,
        with_headers(
            "/headers/literal",
            &[("strange_header", "a"), ("x_token", "t")],
        ),
    )
    .await
    .assert_body(r#"{"strange_header":"a","x_token":null}"#);
    testing::call(
        &app,
        with_headers(
            "/headers/literal",
            &[("strange-header", "a"), ("x-token", "t")],
        ),
    )
    .await
    .assert_body(r#"{"strange_header":null,"x_token":"t"}"#);
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Cookies {
    session_id: String,
    fatebook_tracker: Option<String>,
}

#[get("/cookies")]
async fn cookies(CookieModel(c): CookieModel<Cookies>) -> HttpResponse {
    HttpResponse::Ok().json(c)
}

#[actix_web::test]
async fn a_cookie_model_forbids_other_cookies() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(cookies)).await;
    let get = |cookie: &str| {
        TestRequest::get()
            .uri("/cookies")
            .insert_header(("cookie", cookie.to_owned()))
    };
    testing::call(&app, get("session_id=abc; fatebook_tracker=f"))
        .await
        .assert_body(r#"{"session_id":"abc","fatebook_tracker":"f"}"#);
    testing::call(&app, get("other=1"))
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["cookie","session_id"],"msg":"Field required","input":{"other":"1"}},{"type":"extra_forbidden","loc":["cookie","other"],"msg":"Extra inputs are not permitted","input":"1"}]}"#);
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Login {
    username: String,
    password: String,
}

#[post("/login")]
async fn login(FormModel(form): FormModel<Login>) -> HttpResponse {
    HttpResponse::Ok().json(form)
}

#[post("/login/optional")]
async fn login_optional(form: Option<FormModel<Login>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "login": form.map(FormModel::into_inner) }))
}

#[actix_web::test]
async fn a_form_model_echoes_the_fields_received_an_empty_one_not() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .service((login, login_optional));
    let app = init_service(app).await;
    let post = |path: &str, body: &'static str| {
        TestRequest::post()
            .uri(path)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body)
    };
    testing::call(&app, post("/login", "username=&password=pw"))
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":{"password":"pw"}}]}"#);
    testing::call(&app, post("/login", "username=ann&password=pw&x=1&y=2"))
        .await
        .assert_body(r#"{"detail":[{"type":"extra_forbidden","loc":["body","x"],"msg":"Extra inputs are not permitted","input":"1"},{"type":"extra_forbidden","loc":["body","y"],"msg":"Extra inputs are not permitted","input":"2"}]}"#);
    // With `extra = "forbid"`, anything sent is something of the model.
    testing::call(&app, post("/login/optional", ""))
        .await
        .assert_body(r#"{"login":null}"#);
    testing::call(&app, post("/login/optional", "other=1"))
        .await
        .assert_status(422);
    // Multipart text fields are the same model.
    let multipart = TestRequest::post()
        .uri("/login")
        .insert_header(("content-type", "multipart/form-data; boundary=XyZ"))
        .set_payload(
            "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nann\r\n--XyZ--\r\n",
        );
    testing::call(&app, multipart)
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["body","password"],"msg":"Field required","input":{"username":"ann"}}]}"#);
}
