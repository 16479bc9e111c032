//! `Header<T>`: request headers by name.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header::HeaderValue};
use serde::{
    Deserialize, Deserializer,
    de::{DeserializeOwned, Visitor},
};

use super::{
    Extracted,
    model::{self, Mode, Source},
    wrapper,
};
use crate::validation::outline::KEEP_UNDERSCORES;

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
    model::extract(
        req,
        Source::Header,
        Mode::Params,
        model::texts(received(req)),
    )
}

/// Every header, each value in the order it came; the names in name order
/// (actix does not keep the order headers came in: this one at least is the
/// same on every request).
pub(crate) fn received(req: &HttpRequest) -> Vec<(String, String)> {
    let mut received: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), latin1(value)))
        .collect();
    received.sort_by(|a, b| a.0.cmp(&b.0));
    received
}

/// A header value as text: its bytes read as ISO-8859-1, as Starlette reads them.
pub(crate) fn latin1(value: &HeaderValue) -> String {
    value.as_bytes().iter().copied().map(char::from).collect()
}

/// For a field of [`Header<T>`] or [`HeaderModel<T>`](super::HeaderModel):
/// read the header named as the field is, underscores kept — FastAPI's
/// `Header(convert_underscores=False)`. Other fields still read `x-token` for
/// `x_token`, and never a header literally named `x_token` (a proxy that strips
/// `X-Token` cannot be bypassed with it).
///
/// As with any `deserialize_with`, an `Option` field needs `default` too:
///
/// ```
/// use actix_api_error::extract::{Header, keep_underscores};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Headers {
///     // the header `strange_header`, not `strange-header`
///     #[serde(default, deserialize_with = "keep_underscores")]
///     strange_header: Option<String>,
/// }
///
/// async fn read_items(headers: Header<Headers>) -> String {
///     format!("{:?}", headers.strange_header)
/// }
/// ```
///
/// # Errors
///
/// The field's own, from its `Deserialize`.
pub fn keep_underscores<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Inner<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Inner<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a header value")
        }

        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<T, D::Error> {
            T::deserialize(deserializer)
        }
    }

    deserializer.deserialize_newtype_struct(KEEP_UNDERSCORES, Inner(std::marker::PhantomData))
}
