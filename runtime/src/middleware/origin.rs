//! What the middleware keeps of a request before handing it on, to answer it
//! when the request is lost: to a panic, or to an inner middleware's `Err`.
//!
//! actix gives no way to keep the request itself: a clone made before routing
//! makes routing panic (`Rc::get_mut` in `match_info_mut`), and the inner
//! service consumes it. So what a handler most needs is kept — the request
//! target and the `Host` header, copied into the middleware's own future
//! without allocating when together they fit in 128 bytes; whether the
//! connection is secure; the peer address — and a request is rebuilt from it
//! when one is needed, marked [`RebuiltRequest`], by a bare app of this
//! worker's ([`lender`]). Copying every header would cost an allocation on
//! every request, lost or not.

use std::{cell::Cell, future::ready, net::SocketAddr, rc::Rc};

use actix_http::Request;
use actix_service::IntoServiceFactory as _;
use actix_web::{
    App, Error, HttpMessage as _, HttpRequest,
    dev::{
        AppConfig, Service as _, ServiceFactory as _, ServiceRequest, ServiceResponse, fn_service,
    },
    http::{
        Method, Uri, Version,
        header::{self, HeaderName, HeaderValue},
    },
};
use futures_util::FutureExt as _;

/// Set on the request a handler receives when the original was lost — to a
/// panic, or to an inner middleware's `Err` — and rebuilt by
/// [`ExceptionHandlers`](crate::ExceptionHandlers).
///
/// The rebuilt request has the original's method, path, query, version, peer
/// address, `Host` header and scheme (`connection_info()` gives the host and
/// scheme the client used, unless a proxy's `Forwarded` headers said
/// otherwise) and, with
/// [`request_id_header`](crate::ExceptionHandlers::request_id_header), the
/// headers its id comes from (`traceparent`, `X-Request-ID`); not its other
/// headers, extensions or app data, which actix handed to the inner service
/// for good.
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
    secure: bool,
    kept: Kept,
}

/// The request target (path and query) and the `Host` header's bytes, one
/// after the other: inline when they fit, so keeping them costs no allocation
/// (and no reference count) on the path of every request.
#[allow(
    clippy::large_enum_variant,
    reason = "inline on purpose: keeping the target costs no allocation"
)]
enum Kept {
    Inline {
        target: u8,
        host: u8,
        bytes: [u8; INLINE],
    },
    Heap {
        target: Box<str>,
        host: Box<[u8]>,
        /// `traceparent` and `X-Request-ID`, kept when the app's error
        /// responses name the request's id (`request_id_header`).
        ids: Box<[(HeaderName, HeaderValue)]>,
    },
}

impl Origin {
    pub(super) fn of(req: &ServiceRequest) -> Self {
        let uri = req.uri();
        let target = uri
            .path_and_query()
            .map_or_else(|| uri.path(), |target| target.as_str());
        let host = req
            .headers()
            .get(header::HOST)
            .map_or(&[][..], HeaderValue::as_bytes);
        let kept = match (u8::try_from(target.len()), u8::try_from(host.len())) {
            (Ok(target_len), Ok(host_len)) if target.len() + host.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..target.len()].copy_from_slice(target.as_bytes());
                bytes[target.len()..target.len() + host.len()].copy_from_slice(host);
                Kept::Inline {
                    target: target_len,
                    host: host_len,
                    bytes,
                }
            }
            _ => Kept::Heap {
                target: target.into(),
                host: host.into(),
                ids: Box::default(),
            },
        };
        Self {
            method: req.method().clone(),
            version: req.version(),
            peer: req.peer_addr(),
            secure: req.app_config().secure() || uri.scheme_str() == Some("https"),
            kept,
        }
    }

    /// Also keeps the headers `req`'s id comes from
    /// ([`RequestId`](crate::RequestId)), if it has any.
    pub(super) fn with_ids(mut self, req: &ServiceRequest) -> Self {
        #[cfg_attr(not(feature = "tracing-actix-web"), allow(unused_mut))]
        let mut kept: Vec<(HeaderName, HeaderValue)> = crate::model::request_id::SOURCES
            .iter()
            .filter_map(|name| Some((name.clone(), req.headers().get(name)?.clone())))
            .collect();
        // tracing-actix-web's id, as the header that comes before it.
        #[cfg(feature = "tracing-actix-web")]
        if kept.is_empty()
            && let Some(traced) = req.extensions().get::<tracing_actix_web::RequestId>()
            && let Ok(value) = HeaderValue::from_str(&traced.to_string())
        {
            kept.push((crate::model::request_id::SOURCES[1].clone(), value));
        }
        let kept = kept.into_boxed_slice();
        if kept.is_empty() {
            return self;
        }
        let host = self
            .host()
            .map(|host| host.as_bytes().into())
            .unwrap_or_default();
        self.kept = Kept::Heap {
            target: self.target().into(),
            host,
            ids: kept,
        };
        self
    }

    fn target(&self) -> &str {
        match &self.kept {
            Kept::Inline { target, bytes, .. } => {
                std::str::from_utf8(&bytes[..usize::from(*target)]).unwrap_or("/")
            }
            Kept::Heap { target, .. } => target,
        }
    }

    /// The `Host` header, if one was sent.
    fn host(&self) -> Option<HeaderValue> {
        let host = match &self.kept {
            Kept::Inline {
                target,
                host,
                bytes,
            } => &bytes[usize::from(*target)..usize::from(*target) + usize::from(*host)],
            Kept::Heap { host, .. } => host,
        };
        (!host.is_empty())
            .then(|| HeaderValue::from_bytes(host).ok())
            .flatten()
    }

    /// A request as the original was, as far as it was kept; marked
    /// [`RebuiltRequest`].
    pub(super) fn request(&self) -> HttpRequest {
        let host = self.host();
        let mut request = Request::new();
        let head = request.head_mut();
        head.method = self.method.clone();
        head.version = self.version;
        head.peer_addr = self.peer;
        // The scheme has no place of its own: a secure request says it in an
        // absolute URI, as a proxy's request line would.
        let target = self.target();
        let absolute = host
            .as_ref()
            .filter(|_| self.secure)
            .and_then(|host| host.to_str().ok())
            .and_then(|host| Uri::try_from(format!("https://{host}{target}")).ok());
        head.uri = absolute
            .or_else(|| Uri::try_from(target).ok())
            .unwrap_or_default();
        if let Some(host) = host {
            head.headers.insert(header::HOST, host);
        }
        if let Kept::Heap { ids, .. } = &self.kept {
            for (name, value) in ids {
                head.headers.insert(name.clone(), value.clone());
            }
        }
        let req = LENDER.with(|lend| lend(request));
        req.extensions_mut().insert(RebuiltRequest);
        req
    }
}

/// Makes an `HttpRequest` of a request head, on this worker thread.
type Lend = Box<dyn Fn(Request) -> HttpRequest>;

thread_local! {
    static LENDER: Lend = lender();
}

/// actix lets only its apps (and tests) make an `HttpRequest`, so a bare app
/// makes them: its one service hands back the request it is given. Its pool
/// takes each request back once its response is gone, as an app's does, so a
/// rebuilt request reuses the last one's (actix's test builder, used before,
/// made a whole app state for each: 7,000 instructions against 3,300).
fn lender() -> Lend {
    let lent = Rc::new(Cell::new(None));
    let keep = Rc::clone(&lent);
    let app = App::new().default_service(fn_service(move |req: ServiceRequest| {
        keep.set(Some(req));
        ready(Err::<ServiceResponse, _>(Error::from(Lent)))
    }));
    let service = app
        .into_factory()
        .new_service(AppConfig::default())
        .now_or_never()
        .expect("a bare app is made at once")
        .expect("a bare app has no service to fail");
    Box::new(move |request| {
        drop(service.call(request));
        let lent = lent
            .take()
            .expect("a bare app's default service has every request");
        lent.into_parts().0
    })
}

/// What the bare app's service answers, never seen: the request is what it
/// is for.
#[derive(Debug)]
struct Lent;

impl std::fmt::Display for Lent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a request lent to be rebuilt")
    }
}

impl actix_web::ResponseError for Lent {}
