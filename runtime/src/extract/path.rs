//! `Path<T>`: path parameters, located by name.

use std::future::{Ready, ready};

use actix_router::PathDeserializer;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

use super::{ErrorLimits, Extracted, wrapper};
use crate::{
    ErrorLocation,
    validation::{
        de::{self, Shape},
        tree::Tree,
    },
};

/// Path parameters: actix's `web::Path`, rejecting with a 422 located at
/// `["path", <name>]`.
///
/// `T` is a struct (fields by name), a tuple (parameters in order) or a single
/// value. Values are percent-decoded (`/items/b%20ar` is `"b ar"`).
///
/// ```
/// use actix_api_error::extract::Path;
///
/// // GET /items/foo -> 422 {"detail":[{"type":"int_parsing","loc":["path","item_id"],...,"input":"foo"}]}
/// async fn read_item(Path(item_id): Path<u32>) -> String {
///     format!("item {item_id}")
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path<T>(pub T);

wrapper!(Path);

impl<T: DeserializeOwned> FromRequest for Path<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // What actix's `web::Path` does; only a failure takes the collecting path.
        if let Ok(value) = T::deserialize(PathDeserializer::new(req.match_info())) {
            return ready(Ok(Path(value)));
        }
        ready(extract(req).into_result().map(Path).map_err(Into::into))
    }
}

pub(crate) fn extract<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    let params = req
        .match_info()
        .iter()
        .map(|(name, value)| (name, percent_decode_str(value).decode_utf8_lossy()));
    let tree = Tree::params(params);
    let report = de::deserialize(
        &tree,
        ErrorLocation::Path,
        Shape::Path,
        ErrorLimits::of(req),
    );
    Extracted::params(report, tree)
}
