//! `RequestValidationError`: the request did not match what the route declared,
//! and how every source of request data is checked the way FastAPI checks it.

pub(crate) mod actix;
#[cfg(feature = "validator")]
pub(crate) mod constraints;
pub(crate) mod de;
pub(crate) mod json_syntax;
pub(crate) mod problem;

use std::fmt;

use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde_json::Value;

use crate::{api_error::Exception, model::ValidationError, response};

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
#[derive(Debug, Clone, PartialEq)]
pub struct RequestValidationError {
    errors: Vec<ValidationError>,
    body: Option<Value>,
}

impl RequestValidationError {
    /// A validation error made of `errors`.
    pub fn new(errors: Vec<ValidationError>) -> Self {
        Self { errors, body: None }
    }

    /// Keeps the received body (parsed JSON, or the raw text as a string).
    #[must_use]
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Every error found, in request order.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// The body that was received, if the failing part was the body.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }
}

/// `"2 validation errors:"` then one line per error: `  query.limit: Field required (type=missing)`.
impl fmt::Display for RequestValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        write!(
            f,
            "{count} validation error{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for error in &self.errors {
            f.write_str("\n  ")?;
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
        response::serialize_response(StatusCode::UNPROCESSABLE_ENTITY, &self.errors, &[])
    }
}

impl Exception for RequestValidationError {
    fn __find(error: &actix_web::Error) -> Option<&Self> {
        error.as_error()
    }
}
