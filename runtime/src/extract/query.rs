//! `Query<T>`: the query string.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::de::DeserializeOwned;

use super::{Extracted, params, wrapper};
use crate::{
    ErrorLocation,
    validation::{outline::Outline, tree::Tree},
};

/// The query string: actix's `web::Query`, rejecting with a 422 located at
/// `["query", <name>]` — every failing parameter at once.
///
/// A key given more than once fills a `Vec` field; for a single-valued field the
/// last one wins, as in FastAPI.
///
/// ```
/// use actix_api_error::extract::Query;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Search {
///     q: Option<String>,
///     limit: u32,
///     tags: Vec<String>,
/// }
///
/// // GET /search?limit=ten&tags=a&tags=b -> 422 ... "loc":["query","limit"] ...
/// async fn search(search: Query<Search>) -> String {
///     format!("{} tags, limit {}", search.tags.len(), search.limit)
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Query<T>(pub T);

wrapper!(Query);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(value) = quick(req) {
            return ready(Ok(Query(value)));
        }
        ready(extract(req).into_result().map(Query).map_err(Into::into))
    }
}

/// What actix's `web::Query` does: only a failure (or an `Option`, which is
/// `None` when nothing of it was sent) takes the collecting path.
pub(crate) fn quick<T: DeserializeOwned>(req: &HttpRequest) -> Option<T> {
    if Outline::is_optional::<T>() {
        return None;
    }
    serde_urlencoded::from_str(req.query_string()).ok()
}

pub(crate) fn extract<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    let tree = Tree::params(form_urlencoded::parse(req.query_string().as_bytes()));
    let report = params(&tree, ErrorLocation::Query, req);
    Extracted::params(report, tree)
}
