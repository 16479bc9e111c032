//! What the middleware keeps of a request before handing it on, to answer it
//! when the request is lost: to a panic, or to an inner middleware's `Err`.
//!
//! actix gives no way to keep the request itself: a clone made before routing
//! makes routing panic (`Rc::get_mut` in `match_info_mut`), and the inner
//! service consumes it. So what a handler most needs is kept — the request
//! line, copied into the middleware's own future without allocating for
//! targets up to 128 bytes; the `Host` header (a reference-counted clone of its
//! bytes); whether the connection is secure; the peer address — and a request
//! is rebuilt from it when one is needed, marked [`RebuiltRequest`]. Copying
//! every header would cost an allocation on every request, lost or not.

use std::net::SocketAddr;

use actix_web::{
    HttpMessage as _, HttpRequest,
    dev::ServiceRequest,
    http::{
        Method, Version,
        header::{self, HeaderValue},
    },
    test::TestRequest,
};

/// Set on the request a handler receives when the original was lost — to a
/// panic, or to an inner middleware's `Err` — and rebuilt by
/// [`ExceptionHandlers`](crate::ExceptionHandlers).
///
/// The rebuilt request has the original's method, path, query, version, peer
/// address, `Host` header and scheme (`connection_info()` gives the host and
/// scheme the client used, unless a proxy's `Forwarded` headers said
/// otherwise); not its other headers, extensions or app data, which actix
/// handed to the inner service for good.
///
/// ```
/// use actix_api_error::{RebuiltRequest, ServerError, exception_handler, handlers};
/// use actix_web::{HttpMessage as _, HttpRequest, HttpResponse};
///
/// #[exception_handler(ServerError)]
/// fn server_error(req: &HttpRequest, exc: &ServerError) -> HttpResponse {
///     if req.extensions().contains::<RebuiltRequest>() {
///         tracing::warn!(path = req.path(), "answering a lost request; its headers are gone");
///     }
///     handlers::server_error_handler(req, exc)
/// }
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct RebuiltRequest;

const INLINE: usize = 128;

pub(super) struct Origin {
    method: Method,
    version: Version,
    peer: Option<SocketAddr>,
    host: Option<HeaderValue>,
    secure: bool,
    target: Target,
}

/// The request target (path and query), inline when it fits.
#[allow(
    clippy::large_enum_variant,
    reason = "inline on purpose: keeping the target costs no allocation"
)]
enum Target {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Origin {
    pub(super) fn of(req: &ServiceRequest) -> Self {
        let uri = req.uri();
        let target = uri
            .path_and_query()
            .map_or_else(|| uri.path(), |target| target.as_str());
        let target = match u8::try_from(target.len()) {
            Ok(len) if target.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..target.len()].copy_from_slice(target.as_bytes());
                Target::Inline { len, bytes }
            }
            _ => Target::Heap(target.into()),
        };
        Self {
            method: req.method().clone(),
            version: req.version(),
            peer: req.peer_addr(),
            host: req.headers().get(header::HOST).cloned(),
            secure: req.app_config().secure() || uri.scheme_str() == Some("https"),
            target,
        }
    }

    fn target(&self) -> &str {
        match &self.target {
            Target::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("/")
            }
            Target::Heap(target) => target,
        }
    }

    /// A request as the original was, as far as it was kept; marked
    /// [`RebuiltRequest`]. actix only lets tests build one, and this is the one
    /// place outside tests where a request must be made up.
    pub(super) fn request(&self) -> HttpRequest {
        let host = self.host.as_ref().and_then(|host| host.to_str().ok());
        // The scheme has no place of its own: a secure request says it in an
        // absolute URI, as a proxy's request line would.
        let uri = match host {
            Some(host) if self.secure => format!("https://{host}{}", self.target()),
            _ => self.target().to_owned(),
        };
        let mut req = TestRequest::default()
            .method(self.method.clone())
            .uri(&uri)
            .version(self.version);
        if let Some(host) = &self.host {
            req = req.insert_header((header::HOST, host.clone()));
        }
        if let Some(peer) = self.peer {
            req = req.peer_addr(peer);
        }
        let req = req.to_http_request();
        req.extensions_mut().insert(RebuiltRequest);
        req
    }
}
