//! One id per request, for the log lines and the responses of its errors:
//! the trace id of a valid W3C `traceparent`, else a well-formed
//! `X-Request-ID`, else a new one.

use std::{fmt, sync::Arc};

use actix_web::{
    HttpMessage as _, HttpRequest,
    http::header::{HeaderName, HeaderValue},
};

/// The id a request's errors are logged and answered with (see
/// [`ExceptionHandlers::request_id_header`](crate::ExceptionHandlers::request_id_header)):
///
/// 1. (feature `opentelemetry`) the trace id of the current OpenTelemetry
///    span, when it is valid;
/// 2. the trace id of a valid W3C `traceparent` header (32 lowercase hex
///    digits), so that the error is found under the trace that reached it;
/// 3. else the `X-Request-ID` the client or a proxy sent, if it is 1 to 128
///    of `A-Z a-z 0-9 - _ . : + / = @ ~` (anything else is not repeated:
///    a new id is made);
/// 4. else (feature `tracing-actix-web`) the id of tracing-actix-web's root
///    span, so that our log lines and its span say the same;
/// 5. else a new id, 32 hex digits.
///
/// It is made once per request, when an error first needs it (a success
/// never does), and is a 500's `x-error-id`. A request lost to a panic or
/// to an inner middleware's `Err` keeps its headers only with
/// [`request_id_header`](crate::ExceptionHandlers::request_id_header) on
/// (keeping them costs every request a little); without, its id is new.
///
/// ```
/// use actix_api_error::RequestId;
/// use actix_web::test::TestRequest;
///
/// let req = TestRequest::default()
///     .insert_header(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
///     .to_http_request();
/// assert_eq!(RequestId::of(&req).as_str(), "4bf92f3577b34da6a3ce929d0e0e4736");
///
/// let req = TestRequest::default().insert_header(("x-request-id", "<script>")).to_http_request();
/// assert_eq!(RequestId::of(&req).as_str().len(), 32); // not repeated: a new one
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(Arc<str>);

/// W3C Trace Context's header.
const TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");
/// The de facto request id header (Heroku, nginx's `$request_id`, Envoy).
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The headers an id comes from, in order.
pub(crate) const SOURCES: [HeaderName; 2] = [TRACEPARENT, X_REQUEST_ID];

/// The longest `X-Request-ID` repeated.
const MAX_REQUEST_ID: usize = 128;

impl RequestId {
    /// The id of `req`: made the first time, then kept in its extensions.
    pub fn of(req: &HttpRequest) -> Self {
        Self::of_or(req, Self::new)
    }

    /// The id of `req`; if its headers give none, `new` (an id already
    /// sent for it, say).
    pub(crate) fn of_or(req: &HttpRequest, new: impl FnOnce() -> Self) -> Self {
        if let Some(id) = req.extensions().get::<Self>() {
            return id.clone();
        }
        let id = Self::from_request(req).unwrap_or_else(new);
        req.extensions_mut().insert(id.clone());
        id
    }

    /// `id`, checked ASCII.
    fn ascii(id: &[u8]) -> Self {
        Self(Arc::from(std::str::from_utf8(id).unwrap_or_default()))
    }

    fn from_request(req: &HttpRequest) -> Option<Self> {
        #[cfg(feature = "opentelemetry")]
        if let Some(id) = Self::from_opentelemetry() {
            return Some(id);
        }
        let headers = req.headers();
        let traced = headers
            .get(TRACEPARENT)
            .and_then(|value| trace_id(value.as_bytes()));
        let given = || {
            headers
                .get(X_REQUEST_ID)
                .map(HeaderValue::as_bytes)
                .filter(|id| is_request_id(id))
        };
        let id = traced.or_else(given).map(Self::ascii);
        #[cfg(feature = "tracing-actix-web")]
        let id = id.or_else(|| {
            let traced = *req.extensions().get::<tracing_actix_web::RequestId>()?;
            Some(Self(Arc::from(traced.to_string())))
        });
        id
    }

    /// The trace id of the current OpenTelemetry span, if it is valid.
    #[cfg(feature = "opentelemetry")]
    fn from_opentelemetry() -> Option<Self> {
        use opentelemetry::trace::TraceContextExt as _;
        let context = opentelemetry::Context::current();
        let span = context.span();
        let span = span.span_context();
        span.is_valid()
            .then(|| Self(Arc::from(span.trace_id().to_string())))
    }

    /// A new id: 32 hex digits.
    pub(crate) fn new() -> Self {
        Self(Arc::from(uuid::Uuid::new_v4().simple().to_string()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a header value (`x-error-id`, `x-request-id`): every id
    /// made here is one; `None` only for an id that is not.
    pub(crate) fn header_value(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(self.as_str()).ok()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The trace id of a `traceparent` (W3C Trace Context, level 1):
/// `version-traceid-parentid-flags`, lowercase hex; version `ff` is
/// invalid, version `00` has nothing after the flags, and neither id is all
/// zeros.
fn trace_id(value: &[u8]) -> Option<&[u8]> {
    let is_hex = |bytes: &[u8]| {
        bytes
            .iter()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
    };
    let nonzero = |bytes: &[u8]| bytes.iter().any(|&byte| byte != b'0');
    if value.len() < 55 || (value.len() > 55 && value[55] != b'-') {
        return None;
    }
    let (version, trace, parent, flags) =
        (&value[..2], &value[3..35], &value[36..52], &value[53..55]);
    let dashes = value[2] == b'-' && value[35] == b'-' && value[52] == b'-';
    let valid = dashes
        && is_hex(version)
        && version != b"ff"
        && (version != b"00" || value.len() == 55)
        && is_hex(trace)
        && nonzero(trace)
        && is_hex(parent)
        && nonzero(parent)
        && is_hex(flags);
    valid.then_some(trace)
}

/// Whether an `X-Request-ID` may be repeated in logs and headers as it is.
fn is_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len())
        && id.iter().all(|byte| {
            byte.is_ascii_alphanumeric()
                || matches!(
                    byte,
                    b'-' | b'_' | b'.' | b':' | b'+' | b'/' | b'=' | b'@' | b'~'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparents() {
        let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        for (header, expected) in [
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                Some(trace),
            ),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                Some(trace),
            ),
            // A later version may add fields after the flags.
            (
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what",
                Some(trace),
            ),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
                None,
            ),
            (
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                None,
            ),
            (
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                None,
            ),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                None,
            ),
            (
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                None,
            ),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
                None,
            ),
            (
                "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
                None,
            ),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
                None,
            ),
            ("", None),
        ] {
            assert_eq!(
                trace_id(header.as_bytes()),
                expected.map(str::as_bytes),
                "{header}"
            );
        }
    }

    #[test]
    fn request_ids() {
        for id in [
            "a",
            "req-42",
            "3f2c9a1e-7b1d-4c55-9e0f-6f1f2d3c4b5a",
            "Zm9v+YmFy/=",
            "svc:a.b@c~d_e",
        ] {
            assert!(is_request_id(id.as_bytes()), "{id}");
        }
        let long = "a".repeat(MAX_REQUEST_ID + 1);
        for id in [
            "",
            "a b",
            "<script>",
            "a\"b",
            "a\\b",
            "é",
            "a\tb",
            long.as_str(),
        ] {
            assert!(!is_request_id(id.as_bytes()), "{id}");
        }
    }
}
