//! Constraints with the `validator` crate: every violation of a body and of a
//! query in one 422, with pydantic's types and `ctx`.
//!
//! ```sh
//! cargo run --example constraints --features validator
//! curl -i -X POST http://127.0.0.1:8000/users -H 'content-type: application/json' \
//!      -d '{"username": "ab", "email": "nope", "age": 12, "tags": []}'   # 422, four violations
//! curl -i 'http://127.0.0.1:8000/users?limit=500&sort=x'              # 422, two violations
//! ```

use actix_api_error::{
    ExceptionHandlers,
    extract::{Json, Query, Valid},
    get, post,
};
use actix_web::{App, HttpResponse, HttpServer};
use serde::{Deserialize, Serialize};
use serde_json::json;
use validator::Validate;

#[derive(Deserialize, Serialize, Validate)]
struct NewUser {
    #[validate(length(min = 3, max = 20))]
    username: String,
    #[validate(email)]
    email: String,
    #[validate(range(min = 18, max = 130))]
    age: u8,
    #[validate(length(min = 1, max = 5))]
    tags: Vec<String>,
}

#[derive(Deserialize, Validate)]
struct Listing {
    #[validate(range(min = 1, max = 100))]
    limit: u32,
    #[validate(length(min = 2))]
    sort: String,
}

#[post("/users")]
async fn create_user(Valid(user): Valid<Json<NewUser>>) -> Json<NewUser> {
    user
}

#[get("/users")]
async fn list_users(Valid(Query(listing)): Valid<Query<Listing>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "limit": listing.limit, "sort": listing.sort, "users": [] }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new().wrap(ExceptionHandlers::new()).service(create_user).service(list_users)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    println!(
        "  curl -i -X POST http://127.0.0.1:{port}/users -H 'content-type: application/json' \
         -d '{{\"username\": \"ab\", \"email\": \"nope\", \"age\": 12, \"tags\": []}}'"
    );
    println!("  curl -i 'http://127.0.0.1:{port}/users?limit=500&sort=x'");
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
