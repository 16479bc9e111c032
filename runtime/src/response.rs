//! The bytes every error ends in: `{"detail": ...}` JSON responses.
//!
//! Everything here writes the body in one pass into one buffer: literal details
//! are `&'static [u8]` built at compile time, formatted details are escaped by
//! `serde_json` while they are formatted (no intermediate `String`).

use std::fmt;

use actix_web::{
    HttpResponse,
    body::BoxBody,
    http::{
        StatusCode,
        header::{self, HeaderName, HeaderValue},
    },
    web::Bytes,
};
use serde::{Serialize, Serializer};

use crate::model::{
    LocItem,
    reason::{reason_body, reason_phrase},
};

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The body of a 500 that must not say why.
pub(crate) const INTERNAL_SERVER_ERROR_BODY: &[u8] = b"{\"detail\":\"Internal Server Error\"}";

/// FastAPI's `is_body_allowed_for_status_code`: 1xx, 204, 205 and 304 have no body.
pub(crate) fn body_allowed(status: StatusCode) -> bool {
    !(status.is_informational() || matches!(status.as_u16(), 204 | 205 | 304))
}

/// A JSON error response: `body` with `content-type: application/json`, then
/// `headers` (a `content-type` among them replaces ours). Statuses that carry no
/// body get the headers only.
///
/// A 1xx is not a final response: actix would send it and the client would wait
/// forever (FastAPI's server drops the connection). It is a bug, logged, and a 500.
pub(crate) fn json_response(
    status: StatusCode,
    body: impl Into<Bytes>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    typed_response(status, APPLICATION_JSON, body, headers)
}

/// [`json_response`] with another content type (`application/problem+json`).
pub(crate) fn typed_response(
    status: StatusCode,
    content_type: HeaderValue,
    body: impl Into<Bytes>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    if status.is_informational() {
        tracing::error!(
            status = status.as_u16(),
            "an error cannot have a 1xx status (it is not a final response); sending 500 instead",
        );
        return internal_server_error();
    }
    let mut res = if body_allowed(status) {
        let mut res = HttpResponse::with_body(status, BoxBody::new(body.into()));
        res.headers_mut().insert(header::CONTENT_TYPE, content_type);
        res
    } else {
        HttpResponse::new(status)
    };
    let map = res.headers_mut();
    for (name, value) in headers {
        if name == header::CONTENT_TYPE {
            map.insert(name.clone(), value.clone());
        } else {
            map.append(name.clone(), value.clone());
        }
    }
    res
}

/// A response whose whole body was built at compile time.
pub(crate) fn static_response(
    status: StatusCode,
    body: &'static [u8],
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    json_response(status, Bytes::from_static(body), headers)
}

/// `{"detail": "<detail formatted>"}`, escaped while it is formatted.
pub(crate) fn display_response(
    status: StatusCode,
    detail: &dyn fmt::Display,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    serialize_response(status, &CollectStr(detail), headers)
}

/// `{"detail": "<text>"}`. The status's reason phrase (a routing 404 or 405,
/// `HttpException::from_status`) has its body written at compile time; other
/// text that needs no escaping (most) is written as it is, into a buffer of the
/// exact size (which `Bytes` then takes without another allocation); the rest
/// is escaped by serde_json.
pub(crate) fn text_response(
    status: StatusCode,
    text: &str,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    const OPEN: &[u8] = b"{\"detail\":\"";
    const CLOSE: &[u8] = b"\"}";
    if text == reason_phrase(status.as_u16()) {
        return static_response(status, reason_body(status.as_u16()), headers);
    }
    let plain = |b: u8| b >= 0x20 && b != b'"' && b != b'\\';
    if !text.bytes().all(plain) {
        return serialize_response(status, text, headers);
    }
    let mut body = Vec::with_capacity(OPEN.len() + text.len() + CLOSE.len());
    body.extend_from_slice(OPEN);
    body.extend_from_slice(text.as_bytes());
    body.extend_from_slice(CLOSE);
    json_response(status, body, headers)
}

/// `{"detail": <detail as JSON>}`.
pub(crate) fn serialize_response<T: Serialize + ?Sized>(
    status: StatusCode,
    detail: &T,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    body_response(status, &DetailBody { detail }, headers)
}

/// Safir's body, `{"detail":[{"loc": [...], "msg": "<msg formatted>", "type": "<code>"}]}`.
pub(crate) fn coded_response(
    status: StatusCode,
    msg: &dyn fmt::Display,
    code: &str,
    loc: Option<&[LocItem]>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    let item = CodedItem {
        loc,
        msg: CollectStr(msg),
        r#type: code,
    };
    body_response(status, &DetailBody { detail: [item] }, headers)
}

pub(crate) fn body_response<T: Serialize>(
    status: StatusCode,
    body: &T,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    serialized_response(status, APPLICATION_JSON, body, headers)
}

/// `body` serialized as JSON with `content_type`; no body where the status
/// allows none; a logged 500 if it cannot be serialized.
pub(crate) fn serialized_response<T: Serialize>(
    status: StatusCode,
    content_type: HeaderValue,
    body: &T,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    if !body_allowed(status) {
        return typed_response(status, content_type, Bytes::new(), headers);
    }
    match serde_json::to_vec(body) {
        Ok(bytes) => typed_response(status, content_type, bytes, headers),
        Err(err) => {
            tracing::error!(
                error = %err,
                status = status.as_u16(),
                "the error detail could not be serialized as JSON; sending 500 instead",
            );
            internal_server_error()
        }
    }
}

/// 500 `{"detail":"Internal Server Error"}`.
pub(crate) fn internal_server_error() -> HttpResponse {
    static_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        INTERNAL_SERVER_ERROR_BODY,
        &[],
    )
}

#[derive(Serialize)]
struct DetailBody<T> {
    detail: T,
}

#[derive(Serialize)]
struct CodedItem<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    loc: Option<&'a [LocItem]>,
    msg: CollectStr<'a>,
    #[serde(rename = "type")]
    r#type: &'a str,
}

/// Serializes a `Display` value as a JSON string without building it first:
/// `serde_json`'s `collect_str` escapes each piece as `fmt` writes it.
struct CollectStr<'a>(&'a dyn fmt::Display);

impl Serialize for CollectStr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::{body::MessageBody as _, http::StatusCode};

    use super::{serialize_response, text_response};

    #[test]
    fn text_written_as_it_is_is_what_serde_json_writes() {
        // The reason phrase, plain text, and text that must be escaped.
        let texts = [
            "Not Found",
            "Item not found",
            "",
            "é ✓ 😀",
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "\u{7f}\u{1}",
        ];
        for text in texts {
            let bytes = |res: actix_web::HttpResponse| res.into_body().try_into_bytes().unwrap();
            assert_eq!(
                bytes(text_response(StatusCode::NOT_FOUND, text, &[])),
                bytes(serialize_response(StatusCode::NOT_FOUND, text, &[])),
                "{text:?}"
            );
        }
    }
}
