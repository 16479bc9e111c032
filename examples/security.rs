//! FastAPI's security tutorials: HTTP Basic, a bearer token, an API key, and
//! OAuth2's password flow. Every missing or malformed credential is
//! `401 {"detail":"Not authenticated"}` with its challenge.
//!
//! ```sh
//! cargo run --example security
//! curl -i -u stanley:swordfish http://127.0.0.1:8000/basic   # 200 {"username":"stanley"}
//! curl -i http://127.0.0.1:8000/basic                        # 401, www-authenticate: Basic realm="simple"
//! curl -i -d 'username=johndoe&password=secret' http://127.0.0.1:8000/token
//! curl -i -H 'Authorization: Bearer johndoe' http://127.0.0.1:8000/users/me
//! ```

use actix_api_error::{
    ExceptionHandlers, HttpException, get, post,
    security::{
        ApiKeyConfig, ApiKeyHeader, BearerError, HttpBasic, HttpBasicConfig, HttpBearer,
        OAuth2PasswordBearer, OAuth2PasswordConfig, OAuth2PasswordRequestForm, constant_time_eq,
    },
};
use actix_web::{App, HttpServer, web::Json};
use serde_json::{Value, json};

/// HTTP Basic with `realm="simple"`.
struct Simple;

impl HttpBasicConfig for Simple {
    const REALM: Option<&'static str> = Some("simple");
}

/// The API key is the `x-api-key` header.
struct XApiKey;

impl ApiKeyConfig for XApiKey {
    const NAME: &'static str = "x-api-key";
}

/// OAuth2's password flow: clients get a token at `/token`.
struct Login;

impl OAuth2PasswordConfig for Login {
    const TOKEN_URL: &'static str = "token";
    const SCOPES: &'static [(&'static str, &'static str)] = &[("items:read", "Read items.")];
}

type Token = OAuth2PasswordBearer<Login>;

struct User {
    username: &'static str,
    password: &'static str,
    full_name: &'static str,
    disabled: bool,
    scopes: &'static [&'static str],
}

const USERS: [User; 3] = [
    User {
        username: "johndoe",
        password: "secret",
        full_name: "John Doe",
        disabled: false,
        scopes: &["items:read"],
    },
    User {
        username: "alice",
        password: "secret2",
        full_name: "Alice Wonderson",
        disabled: true,
        scopes: &[],
    },
    User {
        username: "bob",
        password: "secret3",
        full_name: "Bob Builder",
        disabled: false,
        scopes: &[],
    },
];

fn user(username: &str) -> Option<&'static User> {
    USERS.iter().find(|user| user.username == username)
}

/// FastAPI's `get_current_active_user`: the token is the user name, as in its
/// tutorial (a real application verifies a signed token here).
fn current_user(token: &Token) -> Result<&'static User, HttpException> {
    let user = user(&token.token).ok_or_else(BearerError::invalid_token)?;
    if user.disabled {
        return Err(HttpException::new(400, "Inactive user"));
    }
    Ok(user)
}

/// HTTP Basic, checked in constant time.
#[get("/basic")]
async fn basic(credentials: HttpBasic<Simple>) -> Result<Json<Value>, HttpException> {
    let user_ok = constant_time_eq(&credentials.username, "stanley");
    let password_ok = constant_time_eq(&credentials.password, "swordfish");
    if !(user_ok & password_ok) {
        return Err(HttpException::new(401, "Incorrect username or password")
            .header("www-authenticate", "Basic realm=\"simple\""));
    }
    Ok(Json(json!({ "username": credentials.username })))
}

/// Any bearer token, handed back.
#[get("/bearer")]
async fn bearer(credentials: HttpBearer) -> Json<Value> {
    Json(json!({ "scheme": credentials.scheme, "credentials": credentials.credentials }))
}

/// The `x-api-key` header, checked in constant time.
#[get("/apikey")]
async fn apikey(key: ApiKeyHeader<XApiKey>) -> Result<Json<Value>, HttpException> {
    if !constant_time_eq(&key.key, "s3cr3t") {
        return Err(HttpException::new(401, "Invalid API key").header("www-authenticate", "APIKey"));
    }
    Ok(Json(json!({ "authenticated": true })))
}

/// OAuth2's token URL: a user name and password for a token.
#[post("/token")]
async fn login(form: OAuth2PasswordRequestForm) -> Result<Json<Value>, HttpException> {
    let user = user(&form.username)
        .filter(|user| constant_time_eq(user.password, &form.password))
        .ok_or_else(|| HttpException::new(400, "Incorrect username or password"))?;
    Ok(Json(json!({ "access_token": user.username, "token_type": "bearer" })))
}

/// The user the token belongs to.
#[get("/users/me")]
async fn me(token: Token) -> Result<Json<Value>, HttpException> {
    let user = current_user(&token)?;
    Ok(Json(json!({ "username": user.username, "full_name": user.full_name })))
}

/// Items, for a token with the scope `items:read` (RFC 6750's 403 otherwise).
#[get("/items")]
async fn items(token: Token) -> Result<Json<Value>, HttpException> {
    let user = current_user(&token)?;
    if !user.scopes.contains(&"items:read") {
        return Err(BearerError::insufficient_scope("items:read").into());
    }
    Ok(Json(json!([{ "item_id": "Foo", "owner": user.username }])))
}

/// Authentication is optional: `None` instead of a 401.
#[get("/optional")]
async fn optional(token: Option<Token>) -> Json<Value> {
    let user = token.as_ref().and_then(|token| user(&token.token));
    Json(json!({ "user": user.map(|user| user.username) }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT is a number"));
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(basic)
            .service(bearer)
            .service(apikey)
            .service(login)
            .service(me)
            .service(items)
            .service(optional)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
