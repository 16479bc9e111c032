//! The header values we agree to send.
//!
//! A header value that is not visible ASCII is never sent: CR, LF and NUL would
//! split or truncate the response (header injection), and other non-ASCII bytes
//! reach clients as mojibake. Such a value is dropped and logged with
//! `tracing::error!`. Text that is not ASCII can be sent percent-encoded with
//! [`quote`], as FastAPI users do with Python's `urllib.parse.quote`.
//!
//! A value longer than [`MAX_HEADER_VALUE`] bytes is not sent either: a header
//! line that long is refused by proxies and clients (nginx and Node.js stop at
//! 8 KiB and 16 KiB for a whole header block), and an error's header that grows
//! with what a client sent is an amplification to refuse.

use actix_web::http::header::{HeaderName, HeaderValue, TryIntoHeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What Python's `urllib.parse.quote` leaves alone: letters, digits, `_.-~` and `/`.
const QUOTE_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes `text` exactly as Python's `urllib.parse.quote(text)` does, so
/// that it can be sent as a header value.
///
/// ```
/// use actix_api_error::{HttpException, quote};
///
/// assert_eq!(quote("caf\u{e9} ok"), "caf%C3%A9%20ok");
///
/// let exc = HttpException::new(404, "Item not found")
///     .header("my-header", quote("this is my header error info 中文信息"));
/// assert_eq!(
///     exc.headers()[0].1,
///     "this%20is%20my%20header%20error%20info%20%E4%B8%AD%E6%96%87%E4%BF%A1%E6%81%AF",
/// );
/// ```
#[must_use]
pub fn quote(text: &str) -> String {
    utf8_percent_encode(text, QUOTE_SAFE).to_string()
}

/// The longest header value an error sends, in bytes: 8 KiB. Longer values are
/// dropped and logged.
pub const MAX_HEADER_VALUE: usize = 8 * 1024;

/// `name: value` if both may be sent; otherwise `None`, and the reason is logged.
pub(crate) fn checked(
    name: &str,
    value: impl TryIntoHeaderValue,
) -> Option<(HeaderName, HeaderValue)> {
    let Ok(header_name) = HeaderName::try_from(name) else {
        tracing::error!(
            header = name,
            "header not sent: the name is not a valid HTTP header name",
        );
        return None;
    };
    let Ok(header_value) = value.try_into_value() else {
        tracing::error!(
            header = name,
            "header not sent: its value contains CR, LF, NUL or another control character",
        );
        return None;
    };
    if header_value.len() > MAX_HEADER_VALUE {
        tracing::error!(
            header = name,
            length = header_value.len(),
            limit = MAX_HEADER_VALUE,
            "header not sent: its value is longer than the limit",
        );
        return None;
    }
    if header_value.to_str().is_err() {
        tracing::error!(
            header = name,
            "header not sent: its value is not visible ASCII; percent-encode text with \
             actix_api_error::quote",
        );
        return None;
    }
    Some((header_name, header_value))
}

/// Whether a media type's essence (before any `;`) is JSON:
/// `application/json` or `application/*+json`, in any case.
pub(crate) fn is_json_media(essence: &str) -> bool {
    let (prefix, suffix) = ("application/", "+json");
    essence.eq_ignore_ascii_case("application/json")
        || (essence
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
            && essence
                .len()
                .checked_sub(suffix.len())
                .and_then(|at| essence.get(at..))
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix)))
}

#[cfg(test)]
mod tests {
    use super::{checked, quote};

    #[test]
    fn quote_matches_python() {
        // python3 -c 'from urllib.parse import quote; print(quote("a b/c?d=é&~_.-"))'
        assert_eq!(quote("a b/c?d=é&~_.-"), "a%20b/c%3Fd%3D%C3%A9%26~_.-");
    }

    #[test]
    fn refuses_what_must_not_be_sent() {
        assert!(checked("x-ok", "visible ascii\twith tab").is_some());
        assert!(checked("x-bad", "split\r\nset-cookie: a=b").is_none());
        assert!(checked("x-bad", "nul\0byte").is_none());
        assert!(checked("x-bad", "中文").is_none());
        assert!(checked("bad name", "value").is_none());
        assert!(checked("x-long", "a".repeat(super::MAX_HEADER_VALUE)).is_some());
        assert!(checked("x-long", "a".repeat(super::MAX_HEADER_VALUE + 1)).is_none());
    }
}
