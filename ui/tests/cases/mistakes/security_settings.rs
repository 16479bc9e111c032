// A security extractor's settings: a type that implements its config trait,
// with the constants it requires.
use actix_api_error::{
    get,
    security::{HttpBasic, OAuth2PasswordBearer, OAuth2PasswordConfig},
};

struct Simple;

#[get("/basic")]
async fn basic(credentials: HttpBasic<Simple>) -> String {
    credentials.username
}

struct Login;

impl OAuth2PasswordConfig for Login {}

#[get("/me")]
async fn me(token: OAuth2PasswordBearer<Login>) -> String {
    token.token
}

fn main() {}
