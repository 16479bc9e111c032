//! `Cookie<T>`: request cookies by name.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header::COOKIE};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

use super::{Extracted, params, wrapper};
use crate::{ErrorLocation, validation::tree::Tree};

/// Request cookies, typed by name; a failure is located at `["cookie", <name>]`.
///
/// Names and values are percent-decoded, as actix's `HttpRequest::cookies` does.
///
/// ```
/// use actix_api_error::extract::Cookie;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Session {
///     session: String,
/// }
///
/// // no session cookie -> 422 ... "loc":["cookie","session"] ...
/// async fn me(cookies: Cookie<Session>) -> String {
///     cookies.session.clone()
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie<T>(pub T);

wrapper!(Cookie);

impl<T: DeserializeOwned> FromRequest for Cookie<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(extract(req).into_result().map(Cookie).map_err(Into::into))
    }
}

pub(crate) fn extract<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    let tree = Tree::params(pairs(req));
    let report = params(&tree, ErrorLocation::Cookie, req);
    Extracted::params(report, tree)
}

/// Every cookie of every `Cookie` header, percent-decoded, in order.
pub(crate) fn pairs(req: &HttpRequest) -> impl Iterator<Item = (String, String)> + '_ {
    let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    req.headers()
        .get_all(COOKIE)
        .filter_map(|header| header.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .map(move |(name, value)| {
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            (decode(name.trim()), decode(value))
        })
}
