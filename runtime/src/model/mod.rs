//! Safir's structured error model: where an error is, what it says, what kind it is.
//!
//! FastAPI accepts any JSON as a `detail`; [Safir] recommends a list of
//! [`ErrorDetail`]s so that an application's own errors look like the 422s
//! FastAPI generates. These types are that model, with serde both ways, usable
//! as an [`HttpException`](crate::HttpException) detail and from
//! `#[api_error(code = ..., loc(...))]`.
//!
//! ```
//! use actix_api_error::{ErrorDetail, ErrorLocation, HttpException};
//!
//! let exc = HttpException::new(
//!     404,
//!     vec![ErrorDetail::new("Unknown user", "unknown_user").loc(ErrorLocation::Path, ["user"])],
//! );
//! assert_eq!(
//!     exc.detail().to_string(),
//!     r#"[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user"}]"#,
//! );
//! ```
//!
//! [Safir]: https://safir.lsst.io/user-guide/fastapi-errors.html

pub(crate) mod header;
pub(crate) mod reason;
pub(crate) mod request_id;

use std::{borrow::Cow, fmt};

use serde::{Deserialize, Serialize};

/// The part of the request an error is about: the first item of a `loc`.
///
/// Safir's `ErrorLocation`, plus `cookie`, which FastAPI's own validation
/// errors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorLocation {
    /// The request body.
    Body,
    /// A request header.
    Header,
    /// A path parameter.
    Path,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

impl ErrorLocation {
    /// The name used in `loc`: `"body"`, `"header"`, `"path"`, `"query"` or `"cookie"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::Header => "header",
            Self::Path => "path",
            Self::Query => "query",
            Self::Cookie => "cookie",
        }
    }
}

impl fmt::Display for ErrorLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One item of a `loc` path: a field name or a list index.
///
/// `["body", "tags", 1]` is `[Key("body"), Key("tags"), Index(1)]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocItem {
    /// A field, parameter or header name.
    Key(Cow<'static, str>),
    /// A position in a list.
    Index(usize),
}

impl fmt::Display for LocItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Key(key) => f.write_str(key),
            Self::Index(index) => write!(f, "{index}"),
        }
    }
}

impl From<&'static str> for LocItem {
    fn from(key: &'static str) -> Self {
        Self::Key(Cow::Borrowed(key))
    }
}

impl From<String> for LocItem {
    fn from(key: String) -> Self {
        Self::Key(Cow::Owned(key))
    }
}

impl From<Cow<'static, str>> for LocItem {
    fn from(key: Cow<'static, str>) -> Self {
        Self::Key(key)
    }
}

impl From<usize> for LocItem {
    fn from(index: usize) -> Self {
        Self::Index(index)
    }
}

impl From<ErrorLocation> for LocItem {
    fn from(location: ErrorLocation) -> Self {
        Self::Key(Cow::Borrowed(location.as_str()))
    }
}

/// One error: Safir's `ErrorDetail`, serialized with keys `loc`, `msg`, `type`
/// (`loc` left out when it is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Where the error is: an [`ErrorLocation`] then field names or indices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loc: Option<Vec<LocItem>>,
    /// A message for people.
    pub msg: String,
    /// A code for programs, such as `"unknown_user"`.
    #[serde(rename = "type")]
    pub r#type: String,
}

impl ErrorDetail {
    /// An error with a message and a type, and no location.
    pub fn new(msg: impl Into<String>, r#type: impl Into<String>) -> Self {
        Self {
            loc: None,
            msg: msg.into(),
            r#type: r#type.into(),
        }
    }

    /// Sets the location: `location` followed by `path`.
    ///
    /// ```
    /// use actix_api_error::{ErrorDetail, ErrorLocation, LocItem};
    ///
    /// let detail = ErrorDetail::new("Invalid address", "invalid_address")
    ///     .loc(ErrorLocation::Body, ["user", "address"]);
    /// assert_eq!(detail.loc.unwrap().len(), 3);
    /// ```
    #[must_use]
    pub fn loc<I>(mut self, location: ErrorLocation, path: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<LocItem>,
    {
        let mut loc = vec![LocItem::from(location)];
        loc.extend(path.into_iter().map(Into::into));
        self.loc = Some(loc);
        self
    }
}

/// A whole error body: Safir's `ErrorModel`, `{"detail": [ErrorDetail, ...]}`.
///
/// Use it to parse error responses (in tests, or in a client) and to document
/// them; to send one, give the list to an
/// [`HttpException`](crate::HttpException) as its detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorModel {
    /// The errors.
    pub detail: Vec<ErrorDetail>,
}

/// One failed check of a request, as FastAPI reports it in a 422:
/// `{"type": ..., "loc": [...], "msg": ..., "input": ...[, "ctx": {...}]}`.
///
/// `type` and `msg` follow pydantic v2 (`"int_parsing"`, `"Input should be a
/// valid integer, unable to parse string as an integer"`); `input` is the
/// offending value (`null` for a missing parameter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationError {
    /// The error type, such as `"missing"` or `"int_parsing"`.
    #[serde(rename = "type")]
    pub r#type: Cow<'static, str>,
    /// Where: `["path", "item_id"]`, `["body", "tags", 1]`, ...
    pub loc: Vec<LocItem>,
    /// The message.
    pub msg: Cow<'static, str>,
    /// The value that failed.
    pub input: serde_json::Value,
    /// Values the message was built from, such as `{"min_length": 3}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ctx: Option<serde_json::Value>,
}
