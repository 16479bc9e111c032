#![doc = include_str!("../docs/websocket.md")]

use std::{any::Any, borrow::Cow, error::Error, fmt, future::Future, panic::AssertUnwindSafe};

use std::{
    pin::Pin,
    task::{Context, Poll},
};

use actix_web::{
    FromRequest, HttpRequest, HttpResponse, ResponseError,
    dev::Payload,
    error::PayloadError,
    http::{StatusCode, header},
    web::{self, Bytes},
};
use futures_util::{FutureExt as _, Stream};

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

impl api_error::ApiError for WebSocketException {}

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
    /// The client broke the protocol: 1002, or 1007 for text that is not
    /// UTF-8, 1009 for a frame over the size limit.
    Protocol(CloseCode, String),
    Failed(ServerError),
}

impl<E: Error + 'static> From<E> for SessionError {
    fn from(error: E) -> Self {
        let any: &dyn Any = &error;
        if let Some(exc) = any.downcast_ref::<WebSocketException>() {
            Self(Ending::Close(exc.clone()))
        } else if any.is::<Closed>() {
            Self(Ending::Gone)
        } else if let Some(protocol) = any.downcast_ref::<ProtocolError>() {
            Self(Ending::Protocol(
                protocol_close_code(protocol),
                error.to_string(),
            ))
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
            Ending::Protocol(_, cause) => write!(f, "ProtocolError({cause:?})"),
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
    payload: Payload,
    max_frame_size: usize,
}

impl FromRequest for WebSocket {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Self {
            req: req.clone(),
            payload: payload.take(),
            max_frame_size: DEFAULT_MAX_FRAME_SIZE,
        }))
    }
}

/// The largest frame a session reads unless [`WebSocket::max_frame_size`]
/// says otherwise: actix-ws's own default, 64 KiB.
pub const DEFAULT_MAX_FRAME_SIZE: usize = 64 * 1024;

impl WebSocket {
    /// The largest frame the session reads (default
    /// [`DEFAULT_MAX_FRAME_SIZE`]). A frame that declares more is refused as
    /// soon as its header arrives — never buffered — and the session closes
    /// with 1009 (message too big).
    #[must_use]
    pub fn max_frame_size(mut self, bytes: usize) -> Self {
        self.max_frame_size = bytes;
        self
    }

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
        let guarded: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
            Box::pin(FrameGuard::new(self.payload, self.max_frame_size));
        let payload = web::Payload::from_request(&self.req, &mut Payload::from(guarded))
            .now_or_never()
            .and_then(Result::ok)
            .ok_or_else(|| HttpException::from_status(500))?;
        let (response, handle, messages) =
            actix_ws::handle(&self.req, payload).map_err(|error| {
                // The handshake error's own response has the status (its
                // `status_code()` says 500) and, for a 405, `Allow`.
                let response = error.error_response();
                let exc = HttpException::new(response.status(), error.to_string());
                match response.headers().get(header::ALLOW) {
                    Some(allow) => exc.with_checked_headers(&[(header::ALLOW, allow.clone())]),
                    None => exc,
                }
            })?;
        let messages = messages.max_frame_size(self.max_frame_size);
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
        Ending::Protocol(code, cause) => {
            let close = u16::from(code);
            tracing::debug!(path, cause, close, "WebSocket protocol error; closing");
            Some((code, String::new()))
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

/// The close code for a protocol error: RFC 6455's 1007 for text that is not
/// UTF-8, 1009 for a frame over the size limit, otherwise 1002.
fn protocol_close_code(error: &ProtocolError) -> CloseCode {
    match error {
        ProtocolError::Overflow => CloseCode::Size,
        // actix-ws's word for text that is not UTF-8.
        ProtocolError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => CloseCode::Invalid,
        ProtocolError::Io(io)
            if matches!(
                io.get_ref()
                    .and_then(|cause| cause.downcast_ref::<PayloadError>()),
                Some(PayloadError::Overflow)
            ) =>
        {
            CloseCode::Size
        }
        _ => CloseCode::Protocol,
    }
}

/// The request body on its way to actix-ws, read frame by frame: each frame's
/// header is checked as it passes, and a frame that declares more than the
/// limit ends the body with `PayloadError::Overflow` there. (actix-ws buffers
/// what it receives until a whole frame is there, and checks its size only
/// then: a frame declaring a gigabyte would be buffered whole.)
struct FrameGuard {
    inner: Payload,
    limit: usize,
    /// The header being read: its bytes so far, and how many it has.
    header: [u8; 14],
    have: usize,
    /// Payload bytes of the current frame still to pass.
    remaining: u64,
    refused: bool,
}

impl FrameGuard {
    fn new(inner: Payload, limit: usize) -> Self {
        Self {
            inner,
            limit,
            header: [0; 14],
            have: 0,
            remaining: 0,
            refused: false,
        }
    }

    /// Follows the frames through `chunk`; `false` if one is over the limit.
    fn check(&mut self, chunk: &[u8]) -> bool {
        let mut i = 0;
        while i < chunk.len() {
            if self.remaining > 0 {
                let take = usize::try_from(self.remaining)
                    .map_or(chunk.len() - i, |r| r.min(chunk.len() - i));
                i += take;
                self.remaining -= take as u64;
                continue;
            }
            self.header[self.have] = chunk[i];
            self.have += 1;
            i += 1;
            if self.have < 2 {
                continue;
            }
            let masked = self.header[1] & 0x80 != 0;
            let extended = match self.header[1] & 0x7f {
                126 => 2,
                127 => 8,
                _ => 0,
            };
            if self.have < 2 + extended {
                continue;
            }
            let length = match extended {
                0 => u64::from(self.header[1] & 0x7f),
                2 => u64::from(u16::from_be_bytes([self.header[2], self.header[3]])),
                _ => u64::from_be_bytes(self.header[2..10].try_into().unwrap_or([0xff; 8])),
            };
            // Refused as soon as its length is known.
            if usize::try_from(length).map_or(true, |length| length > self.limit) {
                return false;
            }
            if self.have < 2 + extended + if masked { 4 } else { 0 } {
                continue;
            }
            self.remaining = length;
            self.have = 0;
        }
        true
    }
}

impl Stream for FrameGuard {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.refused {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) if !self.check(&chunk) => {
                self.refused = true;
                Poll::Ready(Some(Err(PayloadError::Overflow)))
            }
            other => other,
        }
    }
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

    /// A client frame's header: FIN and `opcode`, masked, `length` declared.
    fn header(opcode: u8, length: u64) -> Vec<u8> {
        let mut bytes = vec![0x80 | opcode];
        match length {
            0..=125 => bytes.push(0x80 | u8::try_from(length).unwrap()),
            126..=0xffff => {
                bytes.push(0x80 | 0x7e);
                bytes.extend(u16::try_from(length).unwrap().to_be_bytes());
            }
            _ => {
                bytes.push(0x80 | 0x7f);
                bytes.extend(length.to_be_bytes());
            }
        }
        bytes.extend([1, 2, 3, 4]); // the mask
        bytes
    }

    #[test]
    fn frames_are_followed_across_chunks_and_refused_by_their_header() {
        let mut guard = FrameGuard::new(Payload::None, 100);
        // Frames within the limit, split anywhere, pass.
        let mut stream = header(0x1, 5);
        stream.extend(b"hello");
        stream.extend(header(0x2, 100));
        stream.extend([0; 100]);
        stream.extend(header(0x9, 0));
        for chunk in stream.chunks(3) {
            assert!(guard.check(chunk));
        }
        // One declaring 101 bytes is refused at its header, before its payload.
        assert!(!guard.check(&header(0x2, 101)));
        let mut guard = FrameGuard::new(Payload::None, 64 * 1024);
        assert!(
            !guard.check(&header(0x2, 1 << 30)[..10]),
            "the length is enough"
        );
        assert!(!FrameGuard::new(Payload::None, 64 * 1024).check(&header(0x2, u64::MAX)));
    }
}
