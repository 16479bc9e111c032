//! What the middleware keeps of a request before handing it on, to answer it
//! when the request is lost: to a panic, or to an inner middleware's `Err`.
//!
//! actix gives no way to keep the request itself: a clone made before routing
//! makes routing panic (`Rc::get_mut` in `match_info_mut`). So the request line
//! is copied — into the middleware's own future, without allocating for targets
//! up to 128 bytes — and a request is rebuilt from it when one is needed. The
//! rebuilt request has the method, path, query, version and peer address; not
//! the headers, extensions or app data.

use std::net::SocketAddr;

use actix_web::{
    HttpRequest,
    dev::ServiceRequest,
    http::{Method, Version},
    test::TestRequest,
};

const INLINE: usize = 128;

pub(super) struct Origin {
    method: Method,
    version: Version,
    peer: Option<SocketAddr>,
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

    /// A request with this request line. actix only lets tests build one, and
    /// this is the one place outside tests where a request must be made up.
    pub(super) fn request(&self) -> HttpRequest {
        let mut req = TestRequest::default()
            .method(self.method.clone())
            .uri(self.target())
            .version(self.version);
        if let Some(peer) = self.peer {
            req = req.peer_addr(peer);
        }
        req.to_http_request()
    }
}
