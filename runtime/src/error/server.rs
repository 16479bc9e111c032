//! `ServerError`: what the client sees of a bug — a 500 and an id to quote.

use std::{any::Any, error::Error, fmt};

use actix_web::{
    HttpRequest, HttpResponse, ResponseError,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};

use crate::{RequestId, error::api_error::Exception, model::reason::reason_phrase, response};

/// The header that carries a [`ServerError`]'s id.
pub const ERROR_ID_HEADER: HeaderName = HeaderName::from_static("x-error-id");

/// An error that is not an API error: an `io::Error`, a database error, an
/// actix error, a panic. FastAPI's unhandled `Exception`.
///
/// The client gets 500 `{"detail":"Internal Server Error"}` and an
/// `x-error-id` header; the cause is logged with the same id through
/// `tracing::error!`, and never sent. Register
/// `#[exception_handler(ServerError)]` to answer differently.
///
/// A route returns it for a foreign error it means as a 500: any
/// `std::error::Error` converts with `?`, keeping its `source()` chain for the
/// log. (It is not itself a `std::error::Error`, as `anyhow::Error` is not, so
/// that the conversion can take every error.)
///
/// ```
/// use actix_api_error::{get, ServerError};
///
/// #[get("/config")]
/// async fn config() -> Result<String, ServerError> {
///     Ok(std::fs::read_to_string("/etc/app.toml")?)
/// }
/// ```
#[derive(Debug, Clone)]
pub struct ServerError {
    id: RequestId,
    cause: String,
}

impl ServerError {
    /// A server error with a fresh id; `cause` is for logs only.
    pub(crate) fn new(cause: String) -> Self {
        Self::with_id(RequestId::new(), cause)
    }

    /// A server error with the request's id.
    pub(crate) fn with_id(id: RequestId, cause: String) -> Self {
        Self { id, cause }
    }

    /// The error id (32 hex digits): in the `x-error-id` response header and in
    /// the log line that carries the cause.
    pub fn id(&self) -> &str {
        self.id.as_str()
    }

    /// The internal cause (the error's `Display`). For logs: never send it to
    /// clients, it may hold paths, queries or secrets.
    pub fn cause(&self) -> &str {
        &self.cause
    }

    /// `x-error-id: <id>`.
    pub(crate) fn id_header(&self) -> Option<(HeaderName, HeaderValue)> {
        self.id.header_value().map(|id| (ERROR_ID_HEADER, id))
    }

    /// Its own response, FastAPI's: 500 `{"detail":"Internal Server Error"}`
    /// with `x-error-id`.
    pub(crate) fn response(&self) -> HttpResponse {
        response::static_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            response::INTERNAL_SERVER_ERROR_BODY,
            self.id_header().as_slice(),
        )
    }
}

/// `"Internal Server Error (error id <id>)"`: safe to show, unlike [`cause`](Self::cause).
impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Internal Server Error (error id {})", self.id)
    }
}

impl<E: Error> From<E> for ServerError {
    fn from(error: E) -> Self {
        Self::new(Chain(&error).to_string())
    }
}

/// A route's `Err(ServerError)`: the default 500, whose log line is
/// pending on it (actix builds the response before any middleware sees it):
/// `ExceptionHandlers` writes it with the request's id, or it is written when
/// the response is dropped.
impl ResponseError for ServerError {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = self.response();
        PendingLog::attach(&mut response, self.id.clone(), None, || Text {
            cause: self.cause.clone(),
            debug: None,
        });
        response
    }
}

/// The log line of a server error whose response was built where no request
/// is known (`ResponseError::error_response`), riding on the response:
/// `ExceptionHandlers` takes it and logs the error with the request's id;
/// without one, it is logged when the response is dropped, once sent.
pub(crate) struct PendingLog(Option<Logged>);

/// A server error built where no request is known, and what its log line
/// says.
pub(crate) struct Logged {
    id: RequestId,
    status: u16,
    code: Option<&'static str>,
    /// `None` when no subscriber listened for errors as it was built.
    text: Option<Text>,
}

struct Text {
    cause: String,
    debug: Option<String>,
}

impl Logged {
    /// The id the response was given when it was built.
    pub(crate) fn id(&self) -> &RequestId {
        &self.id
    }

    /// Writes the line, with `id` (the request's) and `req` if known.
    pub(crate) fn write(&self, id: &RequestId, req: Option<&HttpRequest>) {
        let Some(text) = &self.text else { return };
        let debug = text.debug.as_deref().map(Verbatim);
        let debug = debug.as_ref().map(|debug| debug as &dyn fmt::Debug);
        log(id, req, self.status, self.code, &text.cause, debug);
    }
}

/// Text written as it is where a `Debug` field is expected: an error's
/// `Debug`, formatted when its response was built.
struct Verbatim<'a>(&'a str);

impl fmt::Debug for Verbatim<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PendingLog {
    /// Makes `response`'s log line pending, with the id it was sent with;
    /// `text` is called only if a subscriber listens for errors.
    fn attach(
        response: &mut HttpResponse,
        id: RequestId,
        code: Option<&'static str>,
        text: impl FnOnce() -> Text,
    ) {
        let logged = Logged {
            id,
            status: response.status().as_u16(),
            code,
            text: tracing::enabled!(tracing::Level::ERROR).then(text),
        };
        response.extensions_mut().insert(Self(Some(logged)));
    }

    /// Takes the pending line off `response`: its caller logs the error, or
    /// leaves it to a handler of its own.
    pub(crate) fn take<B>(response: &mut actix_web::HttpResponse<B>) -> Option<Logged> {
        response.extensions_mut().remove::<Self>()?.0.take()
    }
}

impl Drop for PendingLog {
    fn drop(&mut self) {
        if let Some(logged) = self.0.take() {
            logged.write(&logged.id, None);
        }
    }
}

/// The one log line of a server error: `error_id` (the `x-error-id` sent),
/// the request's id, method and path when the request is known, its status,
/// code, cause and `Debug`. A 500 is the most important line an operator
/// reads: every place that logs one writes this line.
pub(crate) fn log(
    id: &RequestId,
    req: Option<&HttpRequest>,
    status: u16,
    code: Option<&str>,
    cause: &str,
    as_debug: Option<&dyn fmt::Debug>,
) {
    tracing::error!(
        error_id = %id,
        request_id = req.map(|_| tracing::field::display(id)),
        status,
        code,
        method = req.map(|req| tracing::field::display(req.method())),
        path = req.map(HttpRequest::path),
        cause,
        debug = as_debug.map(tracing::field::debug),
        "{} {}",
        status,
        reason_phrase(status),
    );
}

/// An error's text followed by its `source()` chain: `query failed: connection refused`.
pub(crate) struct Chain<'a>(pub(crate) &'a dyn Error);

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// A 5xx `#[api_error]` without a written detail: `response` (the reason
/// phrase) gets an `x-error-id`, and the error with its source chain and
/// the variant's code is logged with the same id, as for a [`ServerError`]
/// ([pending](PendingLog): under `ExceptionHandlers`, with the request's id).
pub(crate) fn conceal(
    error: &dyn Error,
    code: &'static str,
    mut response: HttpResponse,
) -> HttpResponse {
    let id = RequestId::new();
    if let Some(value) = id.header_value() {
        response.headers_mut().insert(ERROR_ID_HEADER, value);
    }
    PendingLog::attach(&mut response, id, Some(code), || Text {
        cause: Chain(error).to_string(),
        debug: Some(format!("{error:?}")),
    });
    response
}

/// A route's `Err(ServerError)`; the middleware makes the others.
impl Exception for ServerError {
    fn __find(error: &actix_web::Error) -> Option<&Self> {
        error.as_error::<Self>()
    }
}

/// A panic, as the error that a lost request carries through the pipeline: a
/// server error, so its message is logged with the error id and never sent.
#[derive(Debug)]
pub(crate) struct Panic(String);

impl Panic {
    pub(crate) fn new(payload: &(dyn Any + Send)) -> Self {
        Self(PanicMessage(payload).to_string())
    }
}

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "panic: {}", self.0)
    }
}

/// Never sent as it is: the middleware that makes it answers it as a server error.
impl ResponseError for Panic {
    fn error_response(&self) -> HttpResponse {
        response::internal_server_error()
    }
}

/// The text of a panic payload.
pub(crate) struct PanicMessage<'a>(pub(crate) &'a (dyn Any + Send));

impl fmt::Display for PanicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(message) = self.0.downcast_ref::<&str>() {
            f.write_str(message)
        } else if let Some(message) = self.0.downcast_ref::<String>() {
            f.write_str(message)
        } else {
            f.write_str("(a panic without a message)")
        }
    }
}
