//! A generic error type needs no bounds written: they are inferred from what
//! each field is used for.
use actix_api_error::{api_error, ApiError};
use actix_web::{get, HttpResponse};
use serde::Serialize;

#[api_error(status = 400, detail = "Bad {0}")]
#[derive(Debug)]
struct Invalid<T>(T);

#[api_error(status = 422)]
#[derive(Debug)]
struct Rejected<T>(#[api_error(detail)] T);

#[api_error(status = 404, headers(("X-Id", "{id:x}")))]
#[derive(Debug)]
enum Lookup<K, V> {
    #[api_error(detail = "No {key:?}")]
    Missing { key: K, id: u32 },
    #[api_error(status = 409)]
    Conflict { #[api_error(detail)] value: Vec<V>, id: u32 },
}

#[derive(Debug, Serialize)]
struct Info {
    id: u32,
}

#[get("/")]
async fn index() -> Result<HttpResponse, Invalid<u32>> {
    Err(Invalid(7))
}

fn assert_api_error<E: ApiError>() {}

fn main() {
    assert_api_error::<Invalid<String>>();
    assert_api_error::<Rejected<Info>>();
    assert_api_error::<Lookup<&'static str, Info>>();
}
