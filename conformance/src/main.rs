//! The Rust twin of `conformance/app.py`: the same routes, on actix-api-error's
//! public API, as a user writes them. `conformance/run.sh` starts both servers
//! and `compare.py` sends every request of the corpus to each.

mod vocabulary;

use actix_api_error::{
    ExceptionHandlers, HttpException, api_error, delete, exception_handler,
    extract::{Cookie, Form, Header, Json, Path, Query, Valid},
    get,
    openapi::ErrorResponses,
    post,
    security::{
        ApiKeyConfig, ApiKeyCookie, ApiKeyHeader, ApiKeyQuery, HttpBasic, HttpBasicConfig,
        HttpBearer, HttpDigest, OAuth2AuthorizationCodeBearer, OAuth2AuthorizationCodeConfig,
        OAuth2PasswordBearer, OAuth2PasswordConfig, OAuth2PasswordRequestForm, OpenIdConnect,
        OpenIdConnectConfig,
    },
};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;

#[derive(ToSchema, Deserialize, Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Size {
    Small,
    Large,
}

#[derive(ToSchema, Deserialize)]
#[allow(dead_code)]
struct Address {
    city: String,
    zip: i64,
}

#[derive(ToSchema, Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    price: f64,
    #[serde(default)]
    tags: Vec<String>,
    size: Option<Size>,
    address: Option<Address>,
    #[serde(default)]
    count: i64,
    #[serde(default = "yes")]
    active: bool,
}

fn yes() -> bool {
    true
}

#[api_error(status = 500)]
#[derive(Debug)]
struct UnicornException {
    name: String,
}

#[exception_handler(UnicornException)]
fn unicorn_exception_handler(_req: &HttpRequest, exc: &UnicornException) -> HttpResponse {
    HttpResponse::ImATeapot().json(json!({
        "message": format!("Oops! {} did something. There goes a rainbow...", exc.name),
    }))
}

#[get("/int/{value}")]
async fn path_int(Path(value): Path<i64>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

#[get("/float/{value}")]
async fn path_float(Path(value): Path<f64>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

#[get("/bool/{value}")]
async fn path_bool(Path(value): Path<bool>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

#[get("/u8/{value}")]
async fn path_u8(Path(value): Path<u8>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

/// utoipa documents a `Uuid` field, not a bare `Uuid`: the path is a struct.
#[derive(ToSchema, Deserialize)]
struct UuidPath {
    value: Uuid,
}

#[get("/uuid/{value}")]
async fn path_uuid(Path(UuidPath { value }): Path<UuidPath>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

#[get("/size/{value}")]
async fn path_size(Path(value): Path<Size>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "value": value }))
}

#[derive(ToSchema, Deserialize)]
struct IntQ {
    q: i64,
}

#[get("/query/int")]
async fn query_int(query: Query<IntQ>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": query.q }))
}

#[derive(ToSchema, Deserialize)]
struct FloatQ {
    q: f64,
}

#[get("/query/float")]
async fn query_float(query: Query<FloatQ>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": query.q }))
}

#[derive(ToSchema, Deserialize)]
struct BoolQ {
    q: bool,
}

#[get("/query/bool")]
async fn query_bool(query: Query<BoolQ>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": query.q }))
}

#[derive(ToSchema, Deserialize)]
struct ManyQ {
    q: i64,
    name: Option<String>,
    #[serde(default = "ten")]
    limit: u8,
    #[serde(default)]
    tags: Vec<String>,
}

fn ten() -> u8 {
    10
}

#[get("/query/many")]
async fn query_many(query: Query<ManyQ>) -> HttpResponse {
    let ManyQ {
        q,
        name,
        limit,
        tags,
    } = query.into_inner();
    HttpResponse::Ok().json(json!({ "q": q, "name": name, "limit": limit, "tags": tags }))
}

#[derive(ToSchema, Deserialize)]
struct CountH {
    x_count: i64,
}

#[get("/header/int")]
async fn header_int(headers: Header<CountH>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "x_count": headers.x_count }))
}

#[derive(ToSchema, Deserialize)]
struct TokenH {
    x_token: String,
}

#[get("/header/token")]
async fn header_token(headers: Header<TokenH>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "x_token": headers.x_token }))
}

#[derive(ToSchema, Deserialize)]
struct IntC {
    n: i64,
}

#[get("/cookie/int")]
async fn cookie_int(cookies: Cookie<IntC>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "n": cookies.n }))
}

#[derive(ToSchema, Deserialize)]
struct SessionC {
    session: String,
}

#[get("/cookie/session")]
async fn cookie_session(cookies: Cookie<SessionC>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "session": cookies.session }))
}

#[post("/items")]
async fn create_item(item: Json<Item>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "name": item.name }))
}

#[post("/numbers")]
async fn numbers(values: Json<Vec<i64>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "count": values.len() }))
}

#[derive(ToSchema, Deserialize)]
struct Login {
    username: String,
    age: i64,
}

#[post("/form")]
async fn form(login: Form<Login>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": login.username, "age": login.age }))
}

#[derive(ToSchema, Deserialize)]
struct Profile {
    username: String,
    nickname: Option<String>,
}

#[post("/form/optional")]
async fn form_optional(profile: Form<Profile>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": profile.username, "nickname": profile.nickname }))
}

#[get("/http/{code}")]
async fn http_error(Path(code): Path<u16>) -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(code, "There goes my error").header("X-Error", "yes"))
}

#[get("/json-detail")]
async fn json_detail() -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(400, json!({ "data": [1, "two", null] })))
}

#[get("/unicorns/{name}")]
async fn unicorn(name: web::Path<String>) -> Result<HttpResponse, UnicornException> {
    Err(UnicornException {
        name: name.into_inner(),
    })
}

#[derive(ToSchema, Deserialize, Validate)]
struct NewUser {
    #[validate(length(min = 3, max = 20))]
    username: String,
    #[validate(range(min = 18, max = 130))]
    age: u8,
    #[validate(length(min = 1, max = 5))]
    tags: Vec<String>,
}

#[post("/users")]
async fn create_user(Valid(user): Valid<Json<NewUser>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "username": user.username }))
}

#[derive(ToSchema, Deserialize, Validate)]
struct Listing {
    #[validate(range(min = 1, max = 100))]
    limit: i64,
    #[validate(length(min = 2))]
    sort: String,
}

#[get("/users")]
async fn list_users(Valid(Query(listing)): Valid<Query<Listing>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "limit": listing.limit, "sort": listing.sort }))
}

#[api_error(status = 404)]
#[derive(Debug)]
enum UserError {
    #[api_error(code = "unknown_user", loc(path, "user"), detail = "Unknown user")]
    Unknown,
}

#[get("/structured/{user}")]
async fn structured(_user: web::Path<String>) -> Result<HttpResponse, UserError> {
    Err(UserError::Unknown)
}

#[api_error(status = 409, detail = "Item {0} exists", headers(("X-Error", "duplicate")))]
#[derive(Debug)]
struct Exists(String);

#[get("/exists/{name}")]
async fn exists(name: web::Path<String>) -> Result<HttpResponse, Exists> {
    Err(Exists(name.into_inner()))
}

#[derive(ToSchema, Deserialize)]
#[allow(dead_code)]
struct Product {
    name: String,
    price: f64,
    #[serde(default)]
    tags: Vec<String>,
}

#[api_error(status = 404, detail = "Product not found")]
#[derive(Debug)]
struct ProductNotFound;

#[get("/products/{product_id}")]
async fn read_product(Path(product_id): Path<u32>) -> Result<HttpResponse, ProductNotFound> {
    if product_id != 1 {
        return Err(ProductNotFound);
    }
    Ok(HttpResponse::Ok().json(json!({ "product_id": product_id })))
}

#[derive(ToSchema, Deserialize, Validate)]
struct Limit {
    #[validate(range(max = 100))]
    limit: u32,
}

#[derive(ToSchema, Deserialize)]
struct Token {
    #[allow(dead_code)]
    x_token: String,
}

#[post("/products/{product_id}")]
async fn create_product(
    Path(product_id): Path<u32>,
    Valid(Query(limit)): Valid<Query<Limit>>,
    _token: Header<Token>,
    product: Json<Product>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "product_id": product_id,
        "limit": limit.limit,
        "name": product.name,
    }))
}

#[delete("/products/{product_id}")]
async fn delete_product(Path(product_id): Path<u32>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "deleted": product_id }))
}

#[get("/crash")]
async fn crash() -> HttpResponse {
    panic!("database password is hunter2")
}

#[get("/ok")]
async fn ok() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

// Security: each class, required and optional (`Option`, FastAPI's `auto_error=False`).

struct Simple;

impl HttpBasicConfig for Simple {
    const REALM: Option<&'static str> = Some("simple");
}

struct PasswordFlow;

impl OAuth2PasswordConfig for PasswordFlow {
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

struct XApiKey;

impl ApiKeyConfig for XApiKey {
    const NAME: &'static str = "x-api-key";
}

struct ApiKeyName;

impl ApiKeyConfig for ApiKeyName {
    const NAME: &'static str = "api_key";
}

macro_rules! secured {
    ($($required:ident, $optional:ident: $path:literal, $optional_path:literal, $extractor:ty, |$c:ident| $answer:expr;)*) => {
        $(
            #[get($path)]
            async fn $required($c: $extractor) -> HttpResponse {
                HttpResponse::Ok().json($answer)
            }

            #[get($optional_path)]
            async fn $optional(credentials: Option<$extractor>) -> HttpResponse {
                let answer = credentials.map(|$c| $answer);
                HttpResponse::Ok().json(json!({ "credentials": answer }))
            }
        )*
    };
}

secured! {
    security_basic, security_basic_optional: "/security/basic", "/security/basic/optional",
        HttpBasic, |c| json!({ "username": c.username, "password": c.password });
    security_basic_realm, security_basic_realm_optional:
        "/security/basic-realm", "/security/basic-realm/optional",
        HttpBasic<Simple>, |c| json!({ "username": c.username, "password": c.password });
    security_bearer, security_bearer_optional: "/security/bearer", "/security/bearer/optional",
        HttpBearer, |c| json!({ "scheme": c.scheme, "credentials": c.credentials });
    security_digest, security_digest_optional: "/security/digest", "/security/digest/optional",
        HttpDigest, |c| json!({ "scheme": c.scheme, "credentials": c.credentials });
    security_password, security_password_optional:
        "/security/password", "/security/password/optional",
        OAuth2PasswordBearer<PasswordFlow>, |c| json!({ "token": c.token });
    security_code, security_code_optional: "/security/code", "/security/code/optional",
        OAuth2AuthorizationCodeBearer<Code>, |c| json!({ "token": c.token });
    security_oidc, security_oidc_optional: "/security/oidc", "/security/oidc/optional",
        OpenIdConnect<Oidc>, |c| json!({ "token": c.token });
    security_key_header, security_key_header_optional:
        "/security/key-header", "/security/key-header/optional",
        ApiKeyHeader<XApiKey>, |c| json!({ "token": c.key });
    security_key_query, security_key_query_optional:
        "/security/key-query", "/security/key-query/optional",
        ApiKeyQuery<ApiKeyName>, |c| json!({ "token": c.key });
    security_key_cookie, security_key_cookie_optional:
        "/security/key-cookie", "/security/key-cookie/optional",
        ApiKeyCookie<ApiKeyName>, |c| json!({ "token": c.key });
}

#[post("/security/token")]
async fn security_token(login: OAuth2PasswordRequestForm) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "grant_type": login.grant_type,
        "username": login.username,
        "password": login.password,
        "scopes": login.scopes,
        "client_id": login.client_id,
        "client_secret": login.client_secret,
    }))
}

#[post("/security/merged/{n}")]
async fn security_merged(
    Path(n): Path<i64>,
    Query(q): Query<IntQ>,
    Json(_item): Json<Item>,
    credentials: HttpBasic,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "n": n, "q": q.q, "username": credentials.username }))
}

/// FastAPI's `/openapi.json`, for the twin: conformance/openapi.py compares
/// the 422 parts and validates the document.
#[derive(OpenApi)]
#[openapi(
    info(title = "FastAPI", version = "0.1.0"),
    paths(
        path_int,
        path_float,
        path_bool,
        path_u8,
        path_uuid,
        path_size,
        query_int,
        query_float,
        query_bool,
        query_many,
        header_int,
        header_token,
        cookie_int,
        cookie_session,
        create_item,
        numbers,
        form,
        form_optional,
        http_error,
        json_detail,
        unicorn,
        create_user,
        list_users,
        structured,
        exists,
        read_product,
        create_product,
        delete_product,
        crash,
        ok,
        security_basic,
        security_basic_optional,
        security_basic_realm,
        security_basic_realm_optional,
        security_bearer,
        security_bearer_optional,
        security_digest,
        security_digest_optional,
        security_password,
        security_password_optional,
        security_code,
        security_code_optional,
        security_oidc,
        security_oidc_optional,
        security_key_header,
        security_key_header_optional,
        security_key_query,
        security_key_query_optional,
        security_key_cookie,
        security_key_cookie_optional,
        security_token,
        security_merged
    )
)]
struct Document;

#[get("/openapi.json")]
async fn document() -> HttpResponse {
    let mut document = Document::openapi();
    document.merge(vocabulary::Document::openapi());
    utoipa::Modify::modify(&ErrorResponses, &mut document);
    HttpResponse::Ok().json(document)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT").map_or(8000, |port| {
        port.parse().expect("PORT must be a port number")
    });
    HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(unicorn_exception_handler))
            .service(path_int)
            .service(path_float)
            .service(path_bool)
            .service(path_u8)
            .service(path_uuid)
            .service(path_size)
            .service(query_int)
            .service(query_float)
            .service(query_bool)
            .service(query_many)
            .service(header_int)
            .service(header_token)
            .service(cookie_int)
            .service(cookie_session)
            .service(create_item)
            .service(numbers)
            .service(form)
            .service(form_optional)
            .service(http_error)
            .service(json_detail)
            .service(unicorn)
            .service(create_user)
            .service(list_users)
            .service(structured)
            .service(exists)
            .service(read_product)
            .service(create_product)
            .service(delete_product)
            .service(crash)
            .service(ok)
            .service((
                security_basic,
                security_basic_optional,
                security_basic_realm,
            ))
            .service((
                security_basic_realm_optional,
                security_bearer,
                security_bearer_optional,
            ))
            .service((security_digest, security_digest_optional, security_password))
            .service((
                security_password_optional,
                security_code,
                security_code_optional,
            ))
            .service((security_oidc, security_oidc_optional, security_key_header))
            .service((security_key_header_optional, security_key_query))
            .service((security_key_query_optional, security_key_cookie))
            .service((
                security_key_cookie_optional,
                security_token,
                security_merged,
            ))
            .configure(vocabulary::configure)
            .service(document)
    })
    .workers(1)
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
