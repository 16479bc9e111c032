//! `Form<T>`: a URL-encoded form body.

use actix_web::{FromRequest, HttpRequest, dev::Payload, web::Bytes};
use futures_util::{StreamExt, future::LocalBoxFuture};
use serde::de::DeserializeOwned;

use super::{ErrorLimits, Extracted, body, params, wrapper};
use crate::{
    ErrorLocation, HttpException,
    validation::{RawBody, de::Report, outline::Outline, tree::Tree},
};

/// A form body, URL-encoded (`application/x-www-form-urlencoded`) or
/// `multipart/form-data` (its text fields; file parts are left out): actix's
/// `web::Form`, rejecting with a 422 located at `["body", <field>]`, as
/// FastAPI's `Form()` does.
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

/// [`extract`], always collecting errors.
pub(crate) async fn extract_collecting<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    extract(req, payload, false).await
}

/// With `fast`, a body that `serde_urlencoded` reads (as actix's `web::Form`
/// does) skips error collection.
pub(crate) async fn extract<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
    fast: bool,
) -> Result<Extracted<T>, HttpException> {
    let Some(bytes) = read(req, payload).await? else {
        let tree = Tree::params(std::iter::empty::<(&str, &str)>());
        let report = params(&tree, ErrorLocation::Body, req);
        return Ok(Extracted::body(report, Some(tree), None));
    };
    if fast
        && !Outline::is_optional::<T>()
        && !sends_empty(&bytes)
        && let Ok(value) = serde_urlencoded::from_bytes(&bytes)
    {
        let report = Report::valid(value, ErrorLocation::Body, ErrorLimits::of(req));
        return Ok(Extracted::body(report, None, None));
    }
    let tree = Tree::form(form_urlencoded::parse(&bytes));
    let report = params(&tree, ErrorLocation::Body, req);
    Ok(Extracted::body(
        report,
        Some(tree),
        Some(RawBody::Form(bytes)),
    ))
}

/// A form body's fields, URL-encoded (a multipart body's text fields
/// re-encoded); `None` for a body of another content type.
pub(crate) async fn read(req: &HttpRequest, payload: &mut Payload) -> Result<Option<Bytes>, HttpException> {
    let limit = body::BodyLimit::of(req);
    Ok(if body::is_form(req) {
        Some(latin1_where_not_utf8(body::read(req, payload, limit).await?))
    } else if body::is_multipart(req) {
        Some(multipart_as_urlencoded(req, body::read(req, payload, limit).await?).await?)
    } else {
        None
    })
}

/// The text fields of a `multipart/form-data` body (already read, within the
/// body limit), URL-encoded, so that both kinds of form take one path. A part
/// with a file name is a file, not a text field, and is left out. As with
/// Starlette (python-multipart), a body that stops being valid multipart ends
/// the form there; a content type without a boundary is its 400.
async fn multipart_as_urlencoded(req: &HttpRequest, bytes: Bytes) -> Result<Bytes, HttpException> {
    let stream = futures_util::stream::once(async move { Ok(bytes) });
    let mut multipart = actix_multipart::Multipart::new(req.headers(), stream);
    let mut encoded = form_urlencoded::Serializer::new(String::new());
    'parts: while let Some(field) = multipart.next().await {
        let mut field = match field {
            Ok(field) => field,
            Err(actix_multipart::MultipartError::BoundaryMissing) => {
                return Err(HttpException::new(400, "Missing boundary in multipart."));
            }
            Err(error) => {
                tracing::debug!(%error, "the multipart body ends in error");
                break;
            }
        };
        let is_file = field
            .content_disposition()
            .is_some_and(|disposition| disposition.get_filename().is_some());
        let name = field.name().unwrap_or_default().to_owned();
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            match chunk {
                // A file's bytes are read past, not kept.
                Ok(chunk) if !is_file => value.extend_from_slice(&chunk),
                Ok(_) => {}
                Err(error) => {
                    tracing::debug!(%error, "the multipart body ends in error");
                    break 'parts;
                }
            }
        }
        if !is_file {
            encoded.append_pair(&name, &String::from_utf8_lossy(&value));
        }
    }
    Ok(Bytes::from(encoded.finish()))
}

/// Starlette reads a URL-encoded field's raw bytes as Latin-1, then decodes
/// its percent escapes as UTF-8. A name or value whose raw bytes are not UTF-8
/// is read the same way here (`\xe9` is `é`, not U+FFFD); one that is UTF-8 stays
/// UTF-8, where Starlette would make mojibake of it.
fn latin1_where_not_utf8(bytes: Bytes) -> Bytes {
    if std::str::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    for (i, pair) in bytes.split(|&b| b == b'&').enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], Some(&pair[eq + 1..])),
            None => (pair, None),
        };
        for (j, part) in std::iter::once(name).chain(value).enumerate() {
            if j > 0 {
                out.push(b'=');
            }
            if std::str::from_utf8(part).is_ok() {
                out.extend_from_slice(part);
            } else {
                let mut buf = [0; 2];
                for &b in part {
                    out.extend_from_slice(char::from(b).encode_utf8(&mut buf).as_bytes());
                }
            }
        }
    }
    Bytes::from(out)
}

/// Whether a URL-encoded body sends a field empty (`name=` or `name`), read
/// from its bytes: percent-decoding never empties a value.
fn sends_empty(bytes: &[u8]) -> bool {
    bytes.split(|&b| b == b'&').any(|pair| {
        !pair.is_empty()
            && pair
                .iter()
                .position(|&b| b == b'=')
                .is_none_or(|eq| eq + 1 == pair.len())
    })
}
