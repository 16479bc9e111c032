//! `Form<T>`: a URL-encoded form body.

use actix_web::{HttpRequest, dev::Payload, web::Bytes};
use serde::de::DeserializeOwned;

use super::{
    BodyLimit, ErrorLimits, Extracted, body,
    model::{self, Mode, Source},
    multipart,
    upload::Uploads,
    wrapper,
};
use crate::{
    ErrorLocation, HttpException,
    validation::{RawBody, de::Report, outline::Outline},
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

/// The form's fields as separate parameters (`Form<T>`).
pub(crate) async fn params<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Mode::Params, true).await
}

/// [`params`], always collecting errors (and keeping what was read).
pub(crate) async fn params_collecting<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Mode::Params, false).await
}

/// The form's fields as one model (`FormModel<T>`).
pub(crate) async fn model<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Mode::Model, true).await
}

/// [`model`], always collecting errors (and keeping what was read).
#[cfg(feature = "validator")]
pub(crate) async fn model_collecting<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Mode::Model, false).await
}

/// The form's fields, as separate parameters or as one model. With `fast`, a
/// URL-encoded body that `serde_urlencoded` reads (as actix's `web::Form`
/// does) skips error collection: for a valid form, parameters and a model are
/// the same value.
async fn read<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
    mode: Mode,
    fast: bool,
) -> Result<Extracted<T>, HttpException> {
    // A URL-encoded form (or a multipart one of text fields, encoded so) that
    // `serde_urlencoded` reads is the same value as the collecting path's.
    let quick = |bytes: &Bytes| {
        (fast && !sends_empty(bytes) && !Outline::is_optional::<T>())
            .then(|| serde_urlencoded::from_bytes(bytes).ok())
            .flatten()
            .map(|value| {
                Extracted::body(
                    Report::valid(value, ErrorLocation::Body, ErrorLimits::of(req)),
                    None,
                    None,
                )
            })
    };
    // `T`'s outline, learned once a file arrives (or when it is read).
    let outline = std::cell::OnceCell::new();
    let (received, files, body) = if body::is_form(req) {
        let bytes = latin1_where_not_utf8(body::read(req, payload, BodyLimit::of(req)).await?);
        if let Some(extracted) = quick(&bytes) {
            return Ok(extracted);
        }
        let received = model::texts(form_urlencoded::parse(&bytes).into_owned()).collect();
        (received, Vec::new(), Some(bytes))
    } else if body::is_multipart(req) {
        let form = multipart::read(req, payload, || outline.get_or_init(Outline::of::<T>)).await?;
        if form.files.is_empty()
            && let Some(extracted) = quick(&form.text)
        {
            return Ok(extracted);
        }
        (form.parts, form.files, Some(form.text))
    } else {
        // Not a form: every field is missing.
        (Vec::new(), Vec::new(), None)
    };
    // The files are reachable while the form is read (a placeholder too, so
    // that one file's error hides no other).
    let _files = Uploads::install(files);
    let outline = outline.get_or_init(Outline::of::<T>);
    let extracted = model::extract_with(req, outline, Source::Form, mode, received);
    Ok(match body {
        Some(body) => extracted.with_body(RawBody::Form(body)),
        None => extracted,
    })
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
