//! Reading a request body, within a limit, before anything is parsed.

use actix_web::{
    HttpMessage, HttpRequest,
    dev::Payload,
    error::PayloadError,
    http::header::{CONTENT_LENGTH, CONTENT_TYPE},
    web::{Bytes, BytesMut},
};
use futures_util::StreamExt as _;

use crate::HttpException;

/// The largest body [`Json`](super::Json) and [`Form`](super::Form) read; larger
/// ones are refused with 413 `{"detail":"Content Too Large"}` — as soon as a
/// `Content-Length` says so, or as soon as a streamed body goes over, without
/// buffering the rest.
///
/// The default is 2 MiB (actix's JSON default). Set it for an app, a scope or a
/// resource as app data:
///
/// ```
/// use actix_api_error::extract::BodyLimit;
/// use actix_web::App;
///
/// let app = App::new().app_data(BodyLimit(64 * 1024));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimit(pub usize);

impl BodyLimit {
    /// 2 MiB.
    pub const DEFAULT: Self = Self(2 * 1024 * 1024);

    pub(crate) fn of(req: &HttpRequest) -> usize {
        req.app_data::<Self>().copied().unwrap_or(Self::DEFAULT).0
    }
}

impl Default for BodyLimit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The whole body, at most `limit` bytes.
pub(crate) async fn read(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> Result<Bytes, HttpException> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(HttpException::content_too_large());
    }
    let capacity = declared.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
    let mut body = BytesMut::with_capacity(capacity.min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| match error {
            PayloadError::Overflow => HttpException::content_too_large(),
            error => {
                tracing::debug!(%error, "the request body could not be read");
                HttpException::unreadable_body()
            }
        })?;
        if body.len() + chunk.len() > limit {
            return Err(HttpException::content_too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Whether a JSON body must say so: FastAPI's `strict_content_type`, on by
/// default. Off, a body sent without `Content-Type` is read as JSON too (one
/// with another content type still is not). Set it for an app, a scope or a
/// resource as app data:
///
/// ```
/// use actix_api_error::extract::StrictContentType;
/// use actix_web::{App, web};
///
/// // Clients that send JSON without saying so: read it anyway, under /legacy only.
/// let app = App::new().service(web::scope("/legacy").app_data(StrictContentType(false)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrictContentType(pub bool);

impl Default for StrictContentType {
    fn default() -> Self {
        Self(true)
    }
}

/// `application/json` or `application/*+json`, parameters allowed; no content
/// type is JSON only where [`StrictContentType`] is off.
pub(crate) fn is_json(req: &HttpRequest) -> bool {
    // (`content_type()` is the header's visible-ASCII text before any `;`.)
    let essence = req.content_type();
    if essence.is_empty() {
        let lax = req
            .app_data::<StrictContentType>()
            .is_some_and(|strict| !strict.0);
        return lax
            && req
                .headers()
                .get(CONTENT_TYPE)
                .is_none_or(actix_web::http::header::HeaderValue::is_empty);
    }
    crate::model::header::is_json_media(essence)
}

pub(crate) fn is_multipart(req: &HttpRequest) -> bool {
    req.content_type()
        .eq_ignore_ascii_case("multipart/form-data")
}

pub(crate) fn is_form(req: &HttpRequest) -> bool {
    req.content_type()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}
