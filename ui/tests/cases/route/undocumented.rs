// A route listed in a document needs its types documented; the same route
// not listed compiles without them.
use actix_api_error::{extract::Json, post};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

#[derive(Deserialize, Serialize)]
struct Item {
    name: String,
}

struct CurrentUser;

impl actix_web::FromRequest for CurrentUser {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;
    fn from_request(_: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Ok(CurrentUser))
    }
}

#[post("/items")]
async fn create(item: Json<Item>) -> Json<Item> {
    item
}

#[post("/me")]
async fn me(_user: CurrentUser) -> &'static str {
    "me"
}

#[post("/unlisted")]
async fn unlisted(item: Json<Item>, _user: CurrentUser) -> Json<Item> {
    item
}

#[derive(OpenApi)]
#[openapi(paths(create, me))]
struct Doc;

fn main() {
    let _ = actix_web::App::new().service(create).service(me).service(unlisted);
}
