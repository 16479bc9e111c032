//! Every shape `#[api_error]` accepts, and the traits it gives.
use actix_api_error::{ApiError, api_error};

#[api_error(status = 400, headers(("X-Api", "v1")))]
#[derive(Debug)]
pub enum Shapes {
    #[api_error(status = 404)]
    Unit,
    #[api_error(detail = "tuple {0} {1:?}")]
    Tuple(u8, String),
    #[api_error(detail = "named {a}")]
    Named { a: u8, b: String },
    #[api_error(status = 422)]
    Json(#[api_error(detail)] serde_json::Value),
    #[api_error(status = 307, allow_non_error, headers(("Location", "/{0}")))]
    Redirect(String),
    #[api_error(status = 404, code = "unknown", loc(query, "q", 0))]
    Coded,
    #[api_error(status = 403, structured, detail = "Permission denied")]
    Structured,
    #[api_error(status = 404, loc(path, "user"), detail = "Unknown user")]
    LocatedWithDerivedCode,
}

#[api_error(status = 404)]
#[derive(Debug)]
pub struct UnitStruct;

#[api_error(status = 404, detail = "{0}")]
#[derive(Debug)]
pub struct TupleStruct(pub String);

#[api_error(status = 500)]
#[derive(Debug, thiserror::Error)]
#[error("with thiserror {0}")]
pub struct Thiserror(u8);

fn assert_api_error<T: ApiError>() {}

fn main() {
    assert_api_error::<Shapes>();
    assert_api_error::<UnitStruct>();
    assert_api_error::<TupleStruct>();
    assert_api_error::<Thiserror>();
    let _ = Shapes::Named { a: 1, b: String::new() };
}
