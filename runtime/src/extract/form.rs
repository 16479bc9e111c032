//! `Form<T>`: a URL-encoded form body.

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::{ErrorLimits, Extracted, body, params, wrapper};
use crate::{
    ErrorLocation, HttpException,
    validation::{RawBody, de::Report, tree::Tree},
};

/// A URL-encoded form body (`application/x-www-form-urlencoded`): actix's
/// `web::Form`, rejecting with a 422 located at `["body", <field>]`.
///
/// A field sent empty (`name=`) is not sent: `missing` when required, `None` or
/// its default otherwise, as with FastAPI's `Form()`. A body of another content
/// type is read as an empty form, so its required fields are `missing`. Larger than
/// [`BodyLimit`](super::BodyLimit): 413.
///
/// ```
/// use actix_api_error::extract::Form;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Login {
///     username: String,
///     password: String,
/// }
///
/// async fn login(form: Form<Login>) -> String {
///     form.username.clone()
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<T>(pub T);

wrapper!(Form);

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let extracted = extract(&req, &mut payload, true).await?;
            Ok(Form(extracted.into_result()?))
        })
    }
}

/// With `fast`, a body that `serde_urlencoded` reads (as actix's `web::Form`
/// does) skips error collection.
pub(crate) async fn extract<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
    fast: bool,
) -> Result<Extracted<T>, HttpException> {
    if !body::is_form(req) {
        let tree = Tree::params(std::iter::empty::<(&str, &str)>());
        let report = params(&tree, ErrorLocation::Body, req);
        return Ok(Extracted::body(report, Some(tree), None));
    }
    let bytes = body::read(req, payload, body::BodyLimit::of(req)).await?;
    let has_empty = || form_urlencoded::parse(&bytes).any(|(_, value)| value.is_empty());
    if fast
        && !has_empty()
        && let Ok(value) = serde_urlencoded::from_bytes(&bytes)
    {
        let report = Report::valid(value, ErrorLocation::Body, ErrorLimits::of(req));
        return Ok(Extracted::body(report, None, None));
    }
    let pairs: Vec<_> = form_urlencoded::parse(&bytes).collect();
    let mut sent = std::collections::HashMap::<&str, usize>::new();
    for (key, _) in &pairs {
        *sent.entry(key).or_default() += 1;
    }
    let tree = Tree::params(
        pairs
            .iter()
            .filter(|(key, value)| !value.is_empty() || sent[key.as_ref()] > 1)
            .map(|(key, value)| (key, value)),
    );
    let report = params(&tree, ErrorLocation::Body, req);
    Ok(Extracted::body(
        report,
        Some(tree),
        Some(RawBody::Form(bytes)),
    ))
}
