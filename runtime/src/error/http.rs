//! `HttpException`: FastAPI's `HTTPException`, an error that is an HTTP response.

use std::{borrow::Cow, fmt};

use actix_web::http::{
    StatusCode,
    header::{HeaderName, HeaderValue, TryIntoHeaderValue},
};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::{model::ErrorDetail, model::header, model::reason::reason_phrase};

/// An error that becomes `{"detail": ...}` with a status and headers: FastAPI's
/// `HTTPException`.
///
/// Return it (or `?` it up from a helper) from a route. Its response is
/// `application/json`, compact, `{"detail": <detail>}`; statuses that carry no
/// body (1xx, 204, 205, 304) send the headers only.
///
/// ```
/// use actix_api_error::HttpException;
/// use actix_web::{get, web, HttpResponse};
/// use serde_json::json;
///
/// fn find(id: &str) -> Result<&'static str, HttpException> {
///     match id {
///         "foo" => Ok("The Foo Wrestlers"),
///         _ => Err(HttpException::new(404, "Item not found").header("X-Error", "There goes my error")),
///     }
/// }
///
/// #[get("/items/{item_id}")]
/// async fn read_item(item_id: web::Path<String>) -> Result<HttpResponse, HttpException> {
///     let item = find(&item_id)?;
///     Ok(HttpResponse::Ok().json(json!({ "item": item })))
/// }
///
/// // The detail may be any JSON value; with none, it is the reason phrase.
/// let exc = HttpException::new(404, json!({"data": "empty"}));
/// assert_eq!(exc.detail().to_string(), r#"{"data":"empty"}"#);
/// assert_eq!(HttpException::from_status(418).detail().to_string(), "I'm a Teapot");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HttpException {
    status: StatusCode,
    detail: Detail,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// Boxed: rarely set, and an error type should stay small.
    problem: Option<Box<ProblemType>>,
}

/// The error's code, and its RFC 9457 problem type: URI and title.
#[derive(Debug, Clone, PartialEq, Default)]
struct ProblemType {
    code: Option<Cow<'static, str>>,
    uri: Option<Cow<'static, str>>,
    title: Option<Cow<'static, str>>,
}

impl HttpException {
    /// An exception with `status` and `detail`: text, a
    /// [`serde_json::Value`], or a list of [`ErrorDetail`]s.
    ///
    /// A status outside 100..=999 is a bug: it is logged, and the exception is a
    /// plain 500.
    pub fn new(status: impl IntoStatus, detail: impl Into<Detail>) -> Self {
        match status.into_status() {
            Some(status) => Self {
                status,
                detail: detail.into(),
                headers: Vec::new(),
                problem: None,
            },
            None => Self::from_status(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// An exception whose detail is the status's reason phrase
    /// (`HttpException::from_status(404)` sends `{"detail":"Not Found"}`); see
    /// [`reason_phrase`](crate::reason_phrase).
    pub fn from_status(status: impl IntoStatus) -> Self {
        let status = status
            .into_status()
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Self::new(status, reason_phrase(status.as_u16()))
    }

    /// Adds a response header.
    ///
    /// The value must be visible ASCII. A value with CR, LF, NUL or any other
    /// byte outside visible ASCII is not sent, and is logged as an error;
    /// percent-encode text with [`quote`](crate::quote). An invalid name is
    /// treated the same way. A `content-type` replaces `application/json`.
    #[must_use]
    pub fn header(mut self, name: impl AsRef<str>, value: impl TryIntoHeaderValue) -> Self {
        if let Some(pair) = header::checked(name.as_ref(), value) {
            self.headers.push(pair);
        }
        self
    }

    /// The error's stable code (`"item_not_found"`), for clients to branch on:
    /// the entry of an [`ErrorCatalog`](crate::catalog::ErrorCatalog), the
    /// problem type of problem details, an `x-error-code` header when asked
    /// for. `#[api_error]` types have one for each variant.
    ///
    /// A code is lowercase ASCII letters, digits, `_`, `-` and `.`, starting
    /// with a letter; another is not kept, and is logged as an error.
    #[must_use]
    pub fn code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        let code = code.into();
        if is_code(&code) {
            self.problem.get_or_insert_default().code = Some(code);
        } else {
            tracing::error!(code = %code, "an error code must be lowercase ASCII letters, digits, `_`, `-` or `.`, starting with a letter; it is not sent");
        }
        self
    }

    /// The same exception with another detail.
    #[cfg_attr(not(feature = "i18n"), allow(dead_code))]
    pub(crate) fn with_detail(mut self, detail: Detail) -> Self {
        self.detail = detail;
        self
    }

    /// A code checked at compile time.
    pub(crate) fn checked_code(mut self, code: &'static str) -> Self {
        self.problem.get_or_insert_default().code = Some(Cow::Borrowed(code));
        self
    }

    /// The error's code, if it has one.
    pub fn error_code(&self) -> Option<&str> {
        self.problem.as_ref()?.code.as_deref()
    }

    /// The problem type's URI, for RFC 9457 problem details
    /// ([`ExceptionHandlers::problem_details`](crate::ExceptionHandlers::problem_details)):
    /// `"type"` in the body, `about:blank` without one.
    #[must_use]
    pub fn problem_type(mut self, uri: impl Into<Cow<'static, str>>) -> Self {
        self.problem.get_or_insert_default().uri = Some(uri.into());
        self
    }

    /// The problem type's title, for problem details: `"title"` in the body,
    /// the reason phrase without one.
    #[must_use]
    pub fn title(mut self, title: impl Into<Cow<'static, str>>) -> Self {
        self.problem.get_or_insert_default().title = Some(title.into());
        self
    }

    /// The problem type's URI, if one was given.
    pub fn problem_type_uri(&self) -> Option<&str> {
        self.problem.as_ref()?.uri.as_deref()
    }

    /// The problem type's title, if one was given.
    pub fn problem_title(&self) -> Option<&str> {
        self.problem.as_ref()?.title.as_deref()
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The detail.
    pub fn detail(&self) -> &Detail {
        &self.detail
    }

    /// The headers, in the order they were added.
    pub fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }

    /// For `#[api_error]` views: headers that were checked at compile time.
    pub(crate) fn with_checked_headers(mut self, headers: &[(HeaderName, HeaderValue)]) -> Self {
        self.headers.extend_from_slice(headers);
        self
    }
}

/// Starlette's `str(exc)`: `"404: Item not found"`.
/// FastAPI's answers to a body it cannot take.
impl HttpException {
    /// 413 `{"detail":"Content Too Large"}`, FastAPI's `max_body_size` answer.
    pub(crate) fn content_too_large() -> Self {
        Self::new(413, "Content Too Large")
    }

    /// 400 `{"detail":"There was an error parsing the body"}`, FastAPI's answer
    /// to a body it cannot read or decode.
    pub(crate) fn unreadable_body() -> Self {
        Self::new(400, "There was an error parsing the body")
    }
}

impl fmt::Display for HttpException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.as_u16(), self.detail)
    }
}

impl std::error::Error for HttpException {}

/// The `detail` of an [`HttpException`]: text or any other JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A JSON string.
    Text(Cow<'static, str>),
    /// Any other JSON value: an object, a list, a number, ...
    Json(Value),
}

impl Detail {
    /// The text, if the detail is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Json(_) => None,
        }
    }
}

/// Text as it is, any other value as compact JSON: what Python's `str(exc.detail)`
/// gives for a string, and the JSON that is sent for the rest.
impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Json(value) => fmt::Display::fmt(value, f),
        }
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Json(value) => value.serialize(serializer),
        }
    }
}

impl From<&'static str> for Detail {
    fn from(text: &'static str) -> Self {
        Self::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Detail {
    fn from(text: String) -> Self {
        Self::Text(Cow::Owned(text))
    }
}

impl From<Cow<'static, str>> for Detail {
    fn from(text: Cow<'static, str>) -> Self {
        Self::Text(text)
    }
}

impl From<Value> for Detail {
    fn from(value: Value) -> Self {
        match value {
            Value::String(text) => Self::Text(Cow::Owned(text)),
            value => Self::Json(value),
        }
    }
}

impl From<Vec<ErrorDetail>> for Detail {
    fn from(details: Vec<ErrorDetail>) -> Self {
        // Serializing strings and integers into a Value cannot fail.
        Self::Json(serde_json::to_value(details).unwrap_or_default())
    }
}

/// A status code given as a [`StatusCode`] or a number (`404`).
pub trait IntoStatus {
    /// The status, or `None` (and a log line) for a number outside 100..=999.
    fn into_status(self) -> Option<StatusCode>;
}

impl IntoStatus for StatusCode {
    fn into_status(self) -> Option<StatusCode> {
        Some(self)
    }
}

impl IntoStatus for u16 {
    fn into_status(self) -> Option<StatusCode> {
        checked_status(self.into())
    }
}

/// Integer literals default to `i32`, so `HttpException::new(404, ..)` lands here.
impl IntoStatus for i32 {
    fn into_status(self) -> Option<StatusCode> {
        checked_status(self.into())
    }
}

fn checked_status(code: i64) -> Option<StatusCode> {
    let status = u16::try_from(code)
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok());
    if status.is_none() {
        tracing::error!(
            status = code,
            "invalid HTTP status code (expected 100..=999); sending 500 instead",
        );
    }
    status
}

/// Whether `code` may be sent in URIs, headers and logs as it is.
fn is_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b))
}
