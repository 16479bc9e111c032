#![doc = include_str!("../docs/websocket.md")]

use std::{any::Any, borrow::Cow, error::Error, fmt, future::Future, panic::AssertUnwindSafe};

use actix_web::{
    FromRequest, HttpRequest, HttpResponse, ResponseError,
    dev::Payload,
    http::{StatusCode, header},
    web,
};
use futures_util::FutureExt as _;

pub use actix_ws::{CloseCode, Closed, Message, MessageStream, ProtocolError, Session};

use crate::{HttpException, ServerError, error::api_error, error::server::Panic};

/// The longest close reason RFC 6455 allows: a control frame's 125 bytes, less
/// the code's two.
pub const MAX_CLOSE_REASON: usize = 123;

/// A WebSocket error with a close code and a reason: FastAPI's
/// `WebSocketException`.
///
/// In a session ([`WebSocket::accept`]) it closes the connection with its code
/// (1008, policy violation, unless given) and reason. Returned before the
/// upgrade, it is an HTTP error, as every error there is: 403
/// `{"detail": <reason>}` (FastAPI sends an empty 403), through
/// `ExceptionHandlers` like any `#[api_error]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSocketException {
    code: u16,
    reason: Cow<'static, str>,
}

impl WebSocketException {
    /// Close code 1008 (policy violation) with `reason`.
    pub fn new(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::with_code(1008, reason)
    }

    /// Close `code` with `reason`. A code no endpoint may send (1004, 1005,
    /// 1006, 1015, or outside 1000–4999) closes with 1011 and is logged.
    pub fn with_code(code: u16, reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            code,
            reason: reason.into(),
        }
    }

    /// The close code.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The reason, whole (the close frame carries its first 123 bytes).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for WebSocketException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebSocket close {}: {}", self.code, self.reason)
    }
}

/// Before the upgrade: 403 with the reason as the detail (the reason phrase if
/// it has none).
impl From<WebSocketException> for HttpException {
    fn from(exc: WebSocketException) -> Self {
        if exc.reason.is_empty() {
            Self::from_status(StatusCode::FORBIDDEN)
        } else {
            Self::new(StatusCode::FORBIDDEN, exc.reason)
        }
    }
}

impl Error for WebSocketException {}

impl ResponseError for WebSocketException {
    fn status_code(&self) -> StatusCode {
        api_error::announce::<Self>();
        StatusCode::FORBIDDEN
    }

    fn error_response(&self) -> HttpResponse {
        HttpException::from(self.clone()).error_response()
    }
}

impl api_error::ApiError for WebSocketException {
    fn to_http_exception(&self) -> HttpException {
        self.clone().into()
    }
}

impl api_error::View for WebSocketException {
    fn view(&self) -> HttpException {
        self.clone().into()
    }
}

/// A route returning `Err(WebSocketException)` before the upgrade: its 403.
#[cfg(feature = "openapi")]
impl utoipa::IntoResponses for WebSocketException {
    fn responses() -> std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    > {
        let response = crate::openapi::detail_response(
            "Refused before the upgrade: the WebSocketException's reason",
            403,
            "Forbidden",
            None,
        );
        std::collections::BTreeMap::from([("403".to_owned(), response.into())])
    }
}

/// Why a session ended early: a [`WebSocketException`], or any other error
/// (`?` converts every `std::error::Error`).
pub struct SessionError(Ending);

enum Ending {
    Close(WebSocketException),
    /// The client is gone.
    Gone,
    /// The client broke the protocol.
    Protocol(String),
    Failed(ServerError),
}

impl<E: Error + 'static> From<E> for SessionError {
    fn from(error: E) -> Self {
        let any: &dyn Any = &error;
        if let Some(exc) = any.downcast_ref::<WebSocketException>() {
            Self(Ending::Close(exc.clone()))
        } else if any.is::<Closed>() {
            Self(Ending::Gone)
        } else if any.is::<ProtocolError>() {
            Self(Ending::Protocol(error.to_string()))
        } else {
            Self(Ending::Failed(error.into()))
        }
    }
}

impl fmt::Debug for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Ending::Close(exc) => fmt::Debug::fmt(exc, f),
            Ending::Gone => f.write_str("Closed"),
            Ending::Protocol(cause) => write!(f, "ProtocolError({cause:?})"),
            Ending::Failed(exc) => fmt::Debug::fmt(exc, f),
        }
    }
}

/// A WebSocket handshake to accept: FastAPI's `websocket` parameter.
///
/// An extractor: put it beside the route's other extractors, which validate
/// before the upgrade (a failure is their usual 422). Then
/// [`accept`](Self::accept) upgrades and runs the session.
pub struct WebSocket {
    req: HttpRequest,
    payload: web::Payload,
}

impl FromRequest for WebSocket {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // actix's own `Payload` extractor takes the body; it is always ready.
        let payload = web::Payload::from_request(req, payload).now_or_never();
        std::future::ready(match payload {
            Some(Ok(payload)) => Ok(Self {
                req: req.clone(),
                payload,
            }),
            Some(Err(error)) => Err(error),
            None => Err(actix_web::error::ErrorInternalServerError(
                "the request body was not ready",
            )),
        })
    }
}

impl WebSocket {
    /// Upgrades the connection (the 101 response to return) and runs
    /// `session` on its own task, which ends with a close frame: see the
    /// [module](self).
    ///
    /// # Errors
    ///
    /// A request that is not a WebSocket handshake: 400 with what is wrong
    /// (`{"detail":"WebSocket upgrade is expected"}`, ...), or 405 for a method
    /// other than GET.
    pub fn accept<F, Fut>(self, session: F) -> Result<HttpResponse, HttpException>
    where
        F: FnOnce(Session, MessageStream) -> Fut + 'static,
        Fut: Future<Output = Result<(), SessionError>> + 'static,
    {
        let (response, handle, messages) =
            actix_ws::handle(&self.req, self.payload).map_err(|error| {
                // The handshake error's own response has the status (its
                // `status_code()` says 500) and, for a 405, `Allow`.
                let response = error.error_response();
                let exc = HttpException::new(response.status(), error.to_string());
                match response.headers().get(header::ALLOW) {
                    Some(allow) => exc.with_checked_headers(&[(header::ALLOW, allow.clone())]),
                    None => exc,
                }
            })?;
        let closer = handle.clone();
        let path = self.req.path().to_owned();
        actix_web::rt::spawn(async move {
            let ended = AssertUnwindSafe(async move { session(handle, messages).await })
                .catch_unwind()
                .await;
            let ending = match ended {
                Ok(Ok(())) => Ending::Close(WebSocketException::with_code(1000, "")),
                Ok(Err(SessionError(ending))) => ending,
                Err(panic) => Ending::Failed(ServerError::new(Panic::new(&*panic).to_string())),
            };
            if let Some((code, reason)) = close_frame(ending, &path) {
                // The session may have closed itself: nothing more to send.
                let _ = closer
                    .close(Some(actix_ws::CloseReason {
                        code,
                        description: (!reason.is_empty()).then_some(reason),
                    }))
                    .await;
            }
        });
        Ok(response)
    }
}

/// The close frame a session's ending sends, logging what must be logged.
fn close_frame(ending: Ending, path: &str) -> Option<(CloseCode, String)> {
    match ending {
        Ending::Close(exc) if sendable(exc.code) => {
            Some((CloseCode::from(exc.code), cut(exc.reason.into_owned())))
        }
        Ending::Close(exc) => close_frame(
            Ending::Failed(ServerError::new(format!(
                "WebSocketException with close code {}, which no endpoint may send",
                exc.code
            ))),
            path,
        ),
        Ending::Gone => None,
        Ending::Protocol(cause) => {
            tracing::debug!(path, cause, "WebSocket protocol error; closing with 1002");
            Some((CloseCode::Protocol, String::new()))
        }
        Ending::Failed(exc) => {
            tracing::error!(
                error_id = exc.id(),
                path,
                cause = exc.cause(),
                "WebSocket session failed; closing with 1011",
            );
            Some((CloseCode::Error, exc.to_string()))
        }
    }
}

/// Whether an endpoint may send `code` in a close frame (RFC 6455 §7.4).
fn sendable(code: u16) -> bool {
    matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

/// At most [`MAX_CLOSE_REASON`] bytes, cut on a character boundary.
fn cut(mut reason: String) -> String {
    if reason.len() > MAX_CLOSE_REASON {
        let end = (0..=MAX_CLOSE_REASON)
            .rev()
            .find(|&end| reason.is_char_boundary(end))
            .unwrap_or(0);
        reason.truncate(end);
    }
    reason
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_cut_on_a_character_boundary() {
        assert_eq!(cut("a".repeat(200)).len(), 123);
        // 61 two-byte characters are 122 bytes: the 62nd would end at 124.
        assert_eq!(cut("é".repeat(100)), "é".repeat(61));
        assert_eq!(cut("short".into()), "short");
    }

    #[test]
    fn only_sendable_codes_are_sent() {
        for code in [1000, 1008, 1011, 3000, 4999] {
            assert!(sendable(code), "{code}");
        }
        for code in [0, 999, 1004, 1005, 1006, 1015, 2000, 5000] {
            assert!(!sendable(code), "{code}");
        }
    }
}
