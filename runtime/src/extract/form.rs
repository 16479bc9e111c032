//! `Form<T>`: a URL-encoded form body.

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Extracted, body, object_of_pairs, params, wrapper};
use crate::{ErrorLocation, HttpException, validation::de::Report};

/// A URL-encoded form body (`application/x-www-form-urlencoded`): actix's
/// `web::Form`, rejecting with a 422 located at `["body", <field>]`.
///
/// A body of another content type is read as an empty form, so its required
/// fields are `missing`, as with FastAPI's `Form()`. Larger than
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
    let value = if body::is_form(req) {
        let bytes = body::read(req, payload, body::BodyLimit::of(req)).await?;
        if fast && let Ok(value) = serde_urlencoded::from_bytes(&bytes) {
            return Ok(Extracted::body(
                Report::valid(value, ErrorLocation::Body),
                None,
            ));
        }
        object_of_pairs(form_urlencoded::parse(&bytes))
    } else {
        Value::Object(serde_json::Map::new())
    };
    let report = params(&value, ErrorLocation::Body);
    Ok(Extracted::body(report, Some(value)))
}
