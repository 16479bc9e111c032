//! The security extractors: every class against missing, wrong-scheme,
//! malformed, empty and valid credentials, byte for byte as FastAPI 0.165
//! answers (see `conformance/` for the side-by-side run); `Option`; RFC 6750;
//! the 401s through `ExceptionHandlers` and the route macros.

use crate::support;

use actix_api_error::openapi::ErrorResponses;
use actix_api_error::{
    ExceptionHandlers, HttpException, exception_handler, get, post,
    security::{
        ApiKeyConfig, ApiKeyCookie, ApiKeyHeader, ApiKeyQuery, BearerError, HttpBasic,
        HttpBasicConfig, HttpBearer, HttpBearerConfig, HttpDigest, OAuth2AuthorizationCodeBearer,
        OAuth2AuthorizationCodeConfig, OAuth2PasswordBearer, OAuth2PasswordConfig,
        OAuth2PasswordRequestForm, OpenIdConnect, OpenIdConnectConfig, constant_time_eq,
    },
};
use actix_http::Request;
use actix_web::{
    App, HttpRequest, HttpResponse,
    body::MessageBody,
    dev::{Service, ServiceResponse},
    test::{TestRequest, init_service},
};
use serde_json::json;
use support::{Reply, send};

/// Request headers: `(name, value)`.
type Headers<'a> = &'a [(&'a str, &'a str)];

const NOT_AUTHENTICATED: &str = r#"{"detail":"Not authenticated"}"#;

struct Simple;

impl HttpBasicConfig for Simple {
    const REALM: Option<&'static str> = Some("simple");
}

struct Quoted;

impl HttpBasicConfig for Quoted {
    const REALM: Option<&'static str> = Some(r#"a "b" \c"#);
}

struct Login;

impl OAuth2PasswordConfig for Login {
    const TOKEN_URL: &'static str = "token";
}

struct Code;

impl OAuth2AuthorizationCodeConfig for Code {
    const AUTHORIZATION_URL: &'static str = "authorize";
    const TOKEN_URL: &'static str = "token";
}

struct Oidc;

impl OpenIdConnectConfig for Oidc {
    const URL: &'static str = "https://example.com/.well-known/openid-configuration";
}

struct Key;

impl ApiKeyConfig for Key {
    const NAME: &'static str = "x-api-key";
}

#[get("/basic")]
async fn basic(c: HttpBasic) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": c.username, "password": c.password }))
}

#[get("/basic-realm")]
async fn basic_realm(c: HttpBasic<Simple>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": c.username }))
}

#[get("/basic-quoted")]
async fn basic_quoted(c: HttpBasic<Quoted>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": c.username }))
}

#[get("/bearer")]
async fn bearer(c: HttpBearer) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "scheme": c.scheme, "credentials": c.credentials }))
}

#[get("/digest")]
async fn digest(c: HttpDigest) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "scheme": c.scheme, "credentials": c.credentials }))
}

#[get("/password")]
async fn password(t: OAuth2PasswordBearer<Login>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "token": t.token }))
}

#[get("/code")]
async fn code(t: OAuth2AuthorizationCodeBearer<Code>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "token": t.token }))
}

#[get("/oidc")]
async fn oidc(t: OpenIdConnect<Oidc>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "token": t.token }))
}

#[get("/key-header")]
async fn key_header(k: ApiKeyHeader<Key>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "key": k.key }))
}

#[get("/key-query")]
async fn key_query(k: ApiKeyQuery<Key>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "key": k.key }))
}

#[get("/key-cookie")]
async fn key_cookie(k: ApiKeyCookie<Key>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "key": k.key }))
}

#[get("/optional")]
async fn optional(c: Option<HttpBasic>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": c.map(|c| c.username) }))
}

#[get("/optional-bearer")]
async fn optional_bearer(t: Option<OAuth2PasswordBearer<Login>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "token": t.map(OAuth2PasswordBearer::into_inner) }))
}

async fn app()
-> impl Service<Request, Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error> {
    init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .service((basic, basic_realm, basic_quoted, bearer, digest, password))
            .service((code, oidc, key_header, key_query, key_cookie, optional))
            .service(optional_bearer),
    )
    .await
}

async fn call<S, B>(app: &S, path: &str, headers: &[(&str, &str)]) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req = TestRequest::get().uri(path);
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    send(app, req).await
}

fn assert_401(reply: &Reply, challenge: &str, case: &str) {
    assert_eq!(reply.status, 401, "{case}: {}", reply.body);
    assert_eq!(reply.body, NOT_AUTHENTICATED, "{case}");
    assert_eq!(
        reply.header("content-type"),
        Some("application/json"),
        "{case}"
    );
    assert_eq!(reply.header("www-authenticate"), Some(challenge), "{case}");
}

fn assert_ok(reply: &Reply, body: &str, case: &str) {
    assert_eq!(reply.status, 200, "{case}: {}", reply.body);
    assert_eq!(reply.body, body, "{case}");
    assert_eq!(reply.header("www-authenticate"), None, "{case}");
}

/// Missing, wrong scheme, malformed and empty credentials: 401 and the challenge.
#[actix_web::test]
async fn every_class_refuses_what_fastapi_refuses() {
    let app = app().await;
    let refused: &[(&str, &str, &[Option<&str>])] = &[
        (
            "/basic",
            "Basic",
            &[
                None,
                Some(""),
                Some("Bearer am9objpzZWNyZXQ="),
                Some("Basic"),
                Some("Basic "),
                Some("Basic abc"),
                Some("Basic notabase64token"),
                Some("Basic am9obnNlY3JldA=="), // "johnsecret": no colon
                Some("Basic am9objpzZWNyZXQ"),  // no padding
                Some("Basic /w=="),             // not UTF-8
            ],
        ),
        (
            "/basic-realm",
            "Basic realm=\"simple\"",
            &[None, Some("Basic abc")],
        ),
        ("/basic-quoted", r#"Basic realm="a \"b\" \\c""#, &[None]),
        (
            "/bearer",
            "Bearer",
            &[
                None,
                Some(""),
                Some("Basic tok"),
                Some("Bearer"),
                Some("Bearer "),
                Some("Bearer\ttok"),
                Some("tok"),
            ],
        ),
        (
            "/digest",
            "Digest",
            &[None, Some("Bearer tok"), Some("Digest"), Some("Digest  ")],
        ),
        (
            "/password",
            "Bearer",
            &[None, Some("Basic tok"), Some("Bearer"), Some("Bearer   ")],
        ),
        (
            "/code",
            "Bearer",
            &[None, Some("Digest tok"), Some("Bearer")],
        ),
        (
            "/oidc",
            "Bearer",
            &[None, Some("Basic abc"), Some("Bearer")],
        ),
        ("/key-header", "APIKey", &[None]),
    ];
    for (path, challenge, values) in refused {
        for value in *values {
            let headers: Vec<(&str, &str)> =
                value.map(|v| ("authorization", v)).into_iter().collect();
            let reply = call(&app, path, &headers).await;
            assert_401(&reply, challenge, &format!("{path} {value:?}"));
        }
    }
    for (path, headers) in [
        ("/key-header", &[("x-api-key", "")][..]),
        ("/key-header", &[("authorization", "Bearer k")]),
        ("/key-query", &[]),
        ("/key-query?x-api-key=", &[]),
        ("/key-query?other=k", &[]),
        ("/key-cookie", &[]),
        ("/key-cookie", &[("cookie", "x-api-key=")]),
        ("/key-cookie", &[("cookie", "other=k")]),
    ] {
        assert_401(
            &call(&app, path, headers).await,
            "APIKey",
            &format!("{path} {headers:?}"),
        );
    }
}

#[actix_web::test]
async fn every_class_accepts_what_fastapi_accepts() {
    let app = app().await;
    let accepted: &[(&str, Headers, &str)] = &[
        (
            "/basic",
            &[("authorization", "Basic am9objpzZWNyZXQ=")],
            r#"{"username":"john","password":"secret"}"#,
        ),
        (
            "/basic",
            &[("authorization", "bASIC  am9objpzZWNyZXQ=  ")],
            r#"{"username":"john","password":"secret"}"#,
        ),
        (
            "/basic",
            &[("authorization", "Basic Og==")],
            r#"{"username":"","password":""}"#,
        ),
        (
            "/basic",
            &[("authorization", "Basic dXNlcjpwOnc=")],
            r#"{"username":"user","password":"p:w"}"#,
        ),
        // UTF-8 credentials (RFC 7617); FastAPI refuses anything but ASCII.
        (
            "/basic",
            &[("authorization", "Basic asO2aG46c8OpY3JldA==")],
            r#"{"username":"jöhn","password":"sécret"}"#,
        ),
        (
            "/basic-realm",
            &[("authorization", "Basic am9objpzZWNyZXQ=")],
            r#"{"username":"john"}"#,
        ),
        (
            "/bearer",
            &[("authorization", "Bearer tok")],
            r#"{"scheme":"Bearer","credentials":"tok"}"#,
        ),
        (
            "/bearer",
            &[("authorization", "bearer  a b ")],
            r#"{"scheme":"bearer","credentials":"a b"}"#,
        ),
        (
            "/digest",
            &[("authorization", "Digest username=\"a\"")],
            r#"{"scheme":"Digest","credentials":"username=\"a\""}"#,
        ),
        (
            "/password",
            &[("authorization", "BEARER tok")],
            r#"{"token":"tok"}"#,
        ),
        (
            "/code",
            &[("authorization", "Bearer tok")],
            r#"{"token":"tok"}"#,
        ),
        (
            "/oidc",
            &[("authorization", "Bearer tok")],
            r#"{"token":"tok"}"#,
        ),
        ("/key-header", &[("x-api-key", "k")], r#"{"key":"k"}"#),
        (
            "/key-query?x-api-key=a+b&x-api-key=c%20d",
            &[],
            r#"{"key":"c d"}"#,
        ),
        (
            "/key-cookie",
            &[("cookie", "x-api-key=a; x-api-key=b")],
            r#"{"key":"b"}"#,
        ),
    ];
    for (path, headers, body) in accepted {
        assert_ok(
            &call(&app, path, headers).await,
            body,
            &format!("{path} {headers:?}"),
        );
    }
}

/// `Option<T>`: `None` wherever `T` answers 401, malformed Basic included.
#[actix_web::test]
async fn option_is_none_wherever_the_extractor_refuses() {
    let app = app().await;
    for value in [
        None,
        Some("Bearer tok"),
        Some("Basic abc"),
        Some("Basic am9obnNlY3JldA=="),
    ] {
        let headers: Vec<(&str, &str)> = value.map(|v| ("authorization", v)).into_iter().collect();
        assert_ok(
            &call(&app, "/optional", &headers).await,
            r#"{"username":null}"#,
            &format!("{value:?}"),
        );
    }
    let reply = call(
        &app,
        "/optional",
        &[("authorization", "Basic am9objpzZWNyZXQ=")],
    )
    .await;
    assert_ok(&reply, r#"{"username":"john"}"#, "valid");
    for value in [None, Some("Bearer"), Some("Basic tok")] {
        let headers: Vec<(&str, &str)> = value.map(|v| ("authorization", v)).into_iter().collect();
        assert_ok(
            &call(&app, "/optional-bearer", &headers).await,
            r#"{"token":null}"#,
            &format!("{value:?}"),
        );
    }
    let reply = call(&app, "/optional-bearer", &[("authorization", "Bearer tok")]).await;
    assert_ok(&reply, r#"{"token":"tok"}"#, "valid");
}

#[test]
fn rfc_6750_challenges_are_comma_separated() {
    let cases = [
        (
            BearerError::invalid_token(),
            401,
            "Could not validate credentials",
            r#"Bearer error="invalid_token""#,
        ),
        (
            BearerError::invalid_token()
                .realm("api")
                .description("The access token \"expired\"\u{e9}"),
            401,
            "Could not validate credentials",
            r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#,
        ),
        (
            BearerError::insufficient_scope("items:read items:write"),
            403,
            "Not enough permissions",
            r#"Bearer error="insufficient_scope", scope="items:read items:write""#,
        ),
        (
            BearerError::insufficient_scope("admin")
                .detail("Admins only")
                .realm("r\"x"),
            403,
            "Admins only",
            r#"Bearer realm="r\"x", error="insufficient_scope", scope="admin""#,
        ),
    ];
    for (error, status, detail, challenge) in cases {
        assert_eq!(error.challenge(), challenge);
        let exc = HttpException::from(error);
        assert_eq!(exc.status(), status);
        assert_eq!(exc.detail().to_string(), detail);
        assert_eq!(exc.headers().len(), 1);
        assert_eq!(exc.headers()[0].0, "www-authenticate");
        assert_eq!(exc.headers()[0].1, challenge);
    }
}

#[exception_handler(status = 401)]
async fn unauthorized(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    let challenge = exc.headers()[0].1.to_str().unwrap_or_default().to_owned();
    HttpResponse::Forbidden()
        .json(json!({ "error": exc.detail().to_string(), "challenge": challenge }))
}

#[exception_handler(HttpException)]
async fn any_http(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).json(json!({ "seen": exc.detail().to_string() }))
}

/// FastAPI's documented way back to 403: a handler for status 401 (or for
/// `HttpException`) sees every 401 the extractors send.
#[actix_web::test]
async fn handlers_see_the_401s() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(unauthorized))
            .service(basic_realm),
    )
    .await;
    let reply = call(&app, "/basic-realm", &[]).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.body,
        r#"{"error":"Not authenticated","challenge":"Basic realm=\"simple\""}"#
    );

    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(any_http))
            .service(bearer),
    )
    .await;
    let reply = call(&app, "/bearer", &[]).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.body, r#"{"seen":"Not authenticated"}"#);
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    price: f64,
}

#[post("/merged/{n}")]
async fn merged(
    _n: actix_api_error::extract::Path<u32>,
    _item: actix_api_error::extract::Json<Item>,
    credentials: HttpBasic,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": credentials.username }))
}

/// In a route of our macros, a missing credential answers before the 422 of
/// the arguments before it, as FastAPI solves security dependencies first.
#[actix_web::test]
async fn an_auth_failure_answers_before_validation() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(merged)).await;
    let req = TestRequest::post()
        .uri("/merged/x")
        .insert_header(("content-type", "application/json"))
        .set_payload(r#"{"name": 1}"#);
    assert_401(&send(&app, req).await, "Basic", "no credentials");
    let req = TestRequest::post()
        .uri("/merged/x")
        .insert_header(("content-type", "application/json"))
        .insert_header(("authorization", "Basic am9objpzZWNyZXQ="))
        .set_payload(r#"{"name": 1}"#);
    let reply = send(&app, req).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.body,
        concat!(
            r#"{"detail":[{"type":"int_parsing","loc":["path","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},"#,
            r#"{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":1},"#,
            r#"{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":1}}]}"#
        )
    );
}

#[post("/token")]
async fn token(login: OAuth2PasswordRequestForm) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "grant_type": login.grant_type,
        "username": login.username,
        "password": login.password,
        "scopes": login.scopes,
        "client_id": login.client_id,
        "client_secret": login.client_secret,
    }))
}

#[actix_web::test]
async fn the_password_form_answers_fastapis_422s() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(token)).await;
    let post = |body: &'static str| {
        TestRequest::post()
            .uri("/token")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body)
    };
    for (body, status, expected) in [
        (
            "username=j&password=s&scope=a%20b++c&client_id=id",
            200,
            r#"{"grant_type":null,"username":"j","password":"s","scopes":["a","b","c"],"client_id":"id","client_secret":null}"#,
        ),
        (
            "grant_type=password&username=j&password=s",
            200,
            r#"{"grant_type":"password","username":"j","password":"s","scopes":[],"client_id":null,"client_secret":null}"#,
        ),
        (
            "grant_type=&username=j&password=s",
            200,
            r#"{"grant_type":null,"username":"j","password":"s","scopes":[],"client_id":null,"client_secret":null}"#,
        ),
        (
            "grant_type=Password&username=j&password=s",
            422,
            r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"Password","ctx":{"pattern":"^password$"}}]}"#,
        ),
        (
            "grant_type=foo",
            422,
            concat!(
                r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"foo","ctx":{"pattern":"^password$"}},"#,
                r#"{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},"#,
                r#"{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}"#
            ),
        ),
        (
            "username=&password=",
            422,
            concat!(
                r#"{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},"#,
                r#"{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}"#
            ),
        ),
    ] {
        let reply = send(&app, post(body)).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (status, expected),
            "{body}"
        );
    }
}

#[test]
fn credentials_do_not_show_in_debug_output() {
    let req = TestRequest::get()
        .insert_header(("authorization", "Basic am9objpzZWNyZXQ="))
        .to_http_request();
    let credentials =
        futures_executor(<HttpBasic as actix_web::FromRequest>::extract(&req)).unwrap();
    assert_eq!(
        format!("{credentials:?}"),
        r#"HttpBasic { username: "john", password: "***" }"#
    );
}

fn futures_executor<F: std::future::Future>(future: F) -> F::Output {
    actix_web::rt::System::new().block_on(future)
}

#[test]
fn constant_time_eq_compares_bytes() {
    assert!(constant_time_eq("swordfish", "swordfish"));
    assert!(!constant_time_eq("swordfish", "swordfisH"));
    assert!(!constant_time_eq("swordfish", "swordfish!"));
    assert!(constant_time_eq(b"", b""));
}

struct Described;

impl HttpBearerConfig for Described {
    const BEARER_FORMAT: Option<&'static str> = Some("JWT");
    const SCHEME_NAME: Option<&'static str> = Some("jwt");
    const DESCRIPTION: Option<&'static str> = Some("A signed token");
}

/// Both required: one requirement with both schemes.
#[get("/both")]
async fn both(_c: HttpBasic<Simple>, _k: ApiKeyHeader<Key>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/maybe")]
async fn maybe(_t: Option<HttpBearer<Described>>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(both, maybe, password, code, oidc, key_query, key_cookie, digest, token),
    modifiers(&ErrorResponses)
)]
struct Document;

/// FastAPI's `securitySchemes` (the conformance suite compares them with its
/// document), requirements, and the 401 with its challenge.
#[test]
fn openapi_documents_schemes_requirements_and_the_401() {
    let doc = serde_json::to_value(<Document as utoipa::OpenApi>::openapi()).unwrap();
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "HTTPBasic": {"type": "http", "scheme": "basic"},
            "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "x-api-key"},
            "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "A signed token"},
            "OAuth2PasswordBearer": {"type": "oauth2", "flows": {"password": {"tokenUrl": "token", "scopes": {}}}},
            "OAuth2AuthorizationCodeBearer": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "authorize", "tokenUrl": "token", "scopes": {}}}},
            "OpenIdConnect": {"type": "openIdConnect", "openIdConnectUrl": "https://example.com/.well-known/openid-configuration"},
            "APIKeyQuery": {"type": "apiKey", "in": "query", "name": "x-api-key"},
            "APIKeyCookie": {"type": "apiKey", "in": "cookie", "name": "x-api-key"},
            "HTTPDigest": {"type": "http", "scheme": "digest"},
        })
    );
    let required = &doc["paths"]["/both"]["get"];
    assert_eq!(
        required["security"],
        json!([{"HTTPBasic": [], "APIKeyHeader": []}])
    );
    assert_eq!(
        required["responses"]["401"],
        json!({
            "description": "Not authenticated: the credentials are missing or malformed",
            "headers": {"www-authenticate": {"schema": {"type": "string"}, "description": "The challenge: `Basic realm=\"simple\", APIKey`"}},
            "content": {"application/json": {
                "schema": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
                "example": {"detail": "Not authenticated"},
            }},
        })
    );
    assert!(required.get("x-security-schemes").is_none());
    let accepted = &doc["paths"]["/maybe"]["get"];
    assert_eq!(accepted["security"], json!([{"jwt": []}, {}]));
    assert!(accepted["responses"].get("401").is_none());
    assert_eq!(
        doc["paths"]["/password"]["get"]["security"],
        json!([{"OAuth2PasswordBearer": []}])
    );
    let form = &doc["paths"]["/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
        ["schema"];
    assert_eq!(form["required"], json!(["username", "password"]));
    assert_eq!(
        form["properties"]["password"],
        json!({"type": "string", "format": "password", "title": "Password"})
    );
    assert_eq!(
        form["properties"]["grant_type"],
        json!({"anyOf": [{"type": "string", "pattern": "^password$"}, {"type": "null"}], "title": "Grant Type"})
    );
}
