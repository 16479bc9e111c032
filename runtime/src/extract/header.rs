//! `Header<T>`: request headers by name.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::de::DeserializeOwned;

use super::{ErrorLimits, Extracted, wrapper};
use crate::{
    ErrorLocation, LocItem,
    validation::{
        de::{self, Shape},
        tree::Tree,
    },
};

/// Request headers, typed: a field `x_token` reads the header `x-token` (as
/// FastAPI's `Header()` converts underscores), and a failure is located at
/// `["header", "x-token"]`.
///
/// Only the hyphenated name fills a field: a header literally named `x_token`
/// is ignored (as FastAPI ignores it), so a proxy that strips `X-Token` cannot
/// be bypassed. A header sent more than once fills a `Vec` field; a single
/// field takes the first value, as FastAPI does. Values are read as
/// ISO-8859-1, so any bytes are text.
///
/// ```
/// use actix_api_error::extract::Header;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Auth {
///     x_token: String,
///     x_retries: Option<u8>,
/// }
///
/// // no x-token -> 422 {"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}
/// async fn secret(auth: Header<Auth>) -> String {
///     auth.x_token.clone()
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<T>(pub T);

wrapper!(Header);

impl<T: DeserializeOwned> FromRequest for Header<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(extract(req).into_result().map(Header).map_err(Into::into))
    }
}

pub(crate) fn extract<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    // In the order they were sent (actix keeps each name's values in order).
    let headers = req
        .headers()
        .iter()
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| {
            let text: String = value.as_bytes().iter().copied().map(char::from).collect();
            (name.as_str().replace('-', "_"), text)
        });
    let tree = Tree::params(headers);
    let limits = ErrorLimits::of(req);
    let mut report = de::deserialize(&tree, ErrorLocation::Header, Shape::Headers, limits);
    report.map_errors(|error| {
        if let Some(LocItem::Key(name)) = error.loc.get_mut(1) {
            *name = name.replace('_', "-").into();
        }
    });
    Extracted::params(report, tree)
}
