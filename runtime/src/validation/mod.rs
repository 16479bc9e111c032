//! `RequestValidationError`: the request did not match what the route declared,
//! and how every source of request data is checked the way FastAPI checks it.

pub(crate) mod actix;
#[cfg(feature = "validator")]
pub(crate) mod constraints;
pub(crate) mod de;
pub(crate) mod json_syntax;
mod limits;
pub(crate) mod outline;
pub(crate) mod pydantic;
pub(crate) mod tree;

use std::{
    fmt,
    sync::{
        Arc, OnceLock,
        atomic::{AtomicBool, Ordering},
    },
};

use actix_web::{HttpResponse, ResponseError, http::StatusCode, web::Bytes};
use bytestring::ByteString;
use serde_json::Value;

pub use self::limits::ErrorLimits;
use crate::{error::api_error::Exception, model::ValidationError, response};

/// The request's path, query, headers, cookies or body failed validation:
/// FastAPI's `RequestValidationError`.
///
/// Its default response is 422 `{"detail": [<each error>]}`; the received body
/// is kept for handlers ([`body`](Self::body)) but never echoed by default.
///
/// ```
/// use actix_api_error::{ErrorLocation, RequestValidationError, ValidationError};
/// use actix_web::ResponseError;
///
/// let exc = RequestValidationError::new(vec![ValidationError {
///     r#type: "missing".into(),
///     loc: vec![ErrorLocation::Query.into(), "limit".into()],
///     msg: "Field required".into(),
///     input: serde_json::Value::Null,
///     ctx: None,
/// }]);
/// assert_eq!(exc.status_code(), 422);
/// ```
#[derive(Debug, Clone)]
pub struct RequestValidationError {
    errors: Vec<ValidationError>,
    body: Option<Box<Body>>,
    /// An extractor's error, watched until it is answered or read.
    watch: Option<Watch>,
}

/// Warns when an extractor's error is dropped without being answered or
/// read: actix's `Option<E>` and `Result<E, _>` (under actix's own route
/// macros) make a client's mistake a `None`, and nothing else would say so.
#[derive(Debug, Clone, Default)]
struct Watch(Arc<AtomicBool>);

impl Watch {
    fn read(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl Drop for RequestValidationError {
    fn drop(&mut self) {
        let Some(Watch(read)) = self.watch.take() else {
            return;
        };
        if Arc::strong_count(&read) == 1 && !read.load(Ordering::Relaxed) {
            tracing::warn!(
                error = format_args!("{self:#}"),
                "a request's validation errors were dropped, not answered: an `Option<E>` (or \
                 `Result<E, _>`) of actix_api_error's extractor under actix's own route macros \
                 reads a client's mistake as `None`. Use actix_api_error's route macros \
                 (`actix_api_error::post`, ...), whose `Option<E>` is `None` only when nothing \
                 of it was sent, or put the `Option` inside (`Json<Option<T>>`)"
            );
        }
    }
}

/// The received body: read into a value only if a handler asks for it.
#[derive(Debug, Clone)]
struct Body {
    raw: Option<RawBody>,
    value: OnceLock<Value>,
}

/// A body as it was received.
#[derive(Debug, Clone)]
pub(crate) enum RawBody {
    /// JSON text (a JSON value; nested deeper than 128 levels, its text).
    Json(ByteString),
    /// A URL-encoded form (an object of strings).
    Form(Bytes),
    /// Text that was not declared JSON (a string).
    Text(Bytes),
}

impl RawBody {
    fn value(&self) -> Value {
        let text = |bytes: &Bytes| Value::String(String::from_utf8_lossy(bytes).into_owned());
        match self {
            Self::Json(json) => json_syntax::parse(json)
                .ok()
                .and_then(|tree| tree.to_value(tree::Tree::ROOT))
                .unwrap_or_else(|| Value::String(json.to_string())),
            Self::Form(bytes) => tree::Tree::params(form_urlencoded::parse(bytes))
                .to_value(tree::Tree::ROOT)
                .unwrap_or_default(),
            Self::Text(bytes) => text(bytes),
        }
    }
}

impl PartialEq for RequestValidationError {
    fn eq(&self, other: &Self) -> bool {
        self.errors == other.errors && self.body() == other.body()
    }
}

impl RequestValidationError {
    /// A validation error made of `errors`.
    pub fn new(errors: Vec<ValidationError>) -> Self {
        Self {
            errors,
            body: None,
            watch: None,
        }
    }

    /// An extractor's error: warns if it is dropped before it is answered or read.
    pub(crate) fn watched(mut self) -> Self {
        self.watch = Some(Watch::default());
        self
    }

    fn read(&self) {
        if let Some(watch) = &self.watch {
            watch.read();
        }
    }

    /// Keeps the received body (parsed JSON, or the raw text as a string).
    #[must_use]
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = Some(Box::new(Body {
            raw: None,
            value: OnceLock::from(body),
        }));
        self
    }

    /// Keeps the body as it was received, to be read if a handler asks.
    pub(crate) fn with_raw_body(mut self, raw: RawBody) -> Self {
        self.body = Some(Box::new(Body {
            raw: Some(raw),
            value: OnceLock::new(),
        }));
        self
    }

    /// Whether the received body is kept (without reading it).
    pub(crate) fn has_body(&self) -> bool {
        self.body.is_some()
    }

    /// The same body, with `errors` instead.
    pub(crate) fn with_errors(mut self, errors: Vec<ValidationError>) -> Self {
        self.errors = errors;
        self
    }

    /// The same errors, each `msg` replaced where `message` gives one.
    #[cfg_attr(not(feature = "i18n"), allow(dead_code))]
    pub(crate) fn with_messages(
        &self,
        mut message: impl FnMut(&ValidationError) -> Option<String>,
    ) -> Self {
        let errors = self.errors().iter().map(|error| {
            let mut error = error.clone();
            if let Some(msg) = message(&error) {
                error.msg = std::borrow::Cow::Owned(msg);
            }
            error
        });
        Self {
            errors: errors.collect(),
            body: self.body.clone(),
            watch: None,
        }
    }

    /// Every error found, in request order.
    pub fn errors(&self) -> &[ValidationError] {
        self.read();
        &self.errors
    }

    /// The body that was received, if the failing part was the body.
    pub fn body(&self) -> Option<&Value> {
        self.read();
        let body = self.body.as_ref()?;
        Some(
            body.value
                .get_or_init(|| body.raw.as_ref().map_or(Value::Null, RawBody::value)),
        )
    }
}

/// `"2 validation errors:"` then one line per error: `  query.limit: Field required (type=missing)`;
/// with `{:#}`, all on one line, the errors separated by `; `.
impl fmt::Display for RequestValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        write!(
            f,
            "{count} validation error{}:",
            if count == 1 { "" } else { "s" }
        )?;
        // `{:#}`: on one line, for a log.
        let separator = if f.alternate() { " " } else { "\n  " };
        for (n, error) in self.errors.iter().enumerate() {
            f.write_str(if n > 0 && f.alternate() {
                "; "
            } else {
                separator
            })?;
            for (i, item) in error.loc.iter().enumerate() {
                if i > 0 {
                    f.write_str(".")?;
                }
                write!(f, "{item}")?;
            }
            write!(f, ": {} (type={})", error.msg, error.r#type)?;
        }
        Ok(())
    }
}

impl std::error::Error for RequestValidationError {}

impl ResponseError for RequestValidationError {
    fn status_code(&self) -> StatusCode {
        StatusCode::UNPROCESSABLE_ENTITY
    }

    fn error_response(&self) -> HttpResponse {
        response::serialize_response(StatusCode::UNPROCESSABLE_ENTITY, self.errors(), &[])
    }
}

impl Exception for RequestValidationError {
    fn __find(error: &actix_web::Error) -> Option<&Self> {
        error.as_error()
    }
}
