//! `Header<T>`: request headers by name.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::de::DeserializeOwned;

use super::{Extracted, object_of_pairs, params, wrapper};
use crate::{ErrorLocation, LocItem};

/// Request headers, typed: a field `x_token` reads the header `x-token` (as
/// FastAPI's `Header()` converts underscores), and a failure is located at
/// `["header", "x-token"]`.
///
/// A header sent more than once fills a `Vec` field. Values are read as
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
    let headers = req.headers().iter().map(|(name, value)| {
        let text: String = value.as_bytes().iter().copied().map(char::from).collect();
        (name.as_str().replace('-', "_"), text)
    });
    let value = object_of_pairs(headers);
    let mut report = params(&value, ErrorLocation::Header);
    report.map_errors(|error| {
        if let Some(LocItem::Key(name)) = error.loc.get_mut(1) {
            *name = name.replace('_', "-").into();
        }
    });
    Extracted::params(report, value)
}
