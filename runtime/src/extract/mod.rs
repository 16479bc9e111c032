//! Extractors whose failures say exactly what failed: drop-in replacements for
//! actix's, that reject with a [`RequestValidationError`] (422, FastAPI's body).
//!
//! | Extractor | Reads | `loc` |
//! |---|---|---|
//! | [`Path<T>`] | path parameters, in order or by name | `["path", "item_id"]` |
//! | [`Query<T>`] | the query string; repeated keys make lists | `["query", "limit"]` |
//! | [`Json<T>`] | a JSON body (`application/json`, `application/*+json`) | `["body", "tags", 1]` |
//! | [`Form<T>`] | a URL-encoded form body | `["body", "username"]` |
//! | [`Header<T>`] | headers, field `x_token` for `x-token` | `["header", "x-token"]` |
//! | [`Cookie<T>`] | cookies by name | `["cookie", "session"]` |
//!
//! Each reports every failing field at once, in the struct's field order, with
//! pydantic's `type`, `msg` and `input`, and accepts what pydantic accepts (`"5"`
//! for an integer, `"yes"` for a boolean). When several extractors of one
//! handler fail, actix stops at the first (in argument order), so the 422 lists
//! that extractor's errors.
//!
//! ```
//! use actix_api_error::extract::{Json, Path, Query};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Paging {
//!     limit: u32,
//!     tags: Vec<String>,
//! }
//!
//! #[derive(Deserialize, serde::Serialize)]
//! struct Item {
//!     title: String,
//!     size: i64,
//! }
//!
//! async fn update(Path(item_id): Path<u32>, paging: Query<Paging>, item: Json<Item>) -> Json<Item> {
//!     item
//! }
//! ```

mod body;
mod cookie;
mod form;
mod header;
mod json;
mod path;
mod query;
#[cfg(feature = "validator")]
mod valid;

use actix_web::web::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub(crate) use self::body::{too_large, unreadable};
#[cfg(feature = "validator")]
pub use self::valid::Valid;
pub use self::{
    body::BodyLimit, cookie::Cookie, form::Form, header::Header, json::Json, path::Path,
    query::Query,
};
use crate::{
    ErrorLocation, RequestValidationError,
    validation::de::{self, Report, Shape},
};

/// What an extractor learned: the value or the errors, and what was read.
pub(crate) struct Extracted<T> {
    report: Report<T>,
    /// What was read, as a value: errors found later take their `input` from it.
    source: Option<Value>,
    /// `source` is the body, which the error keeps for handlers.
    is_body: bool,
    /// A JSON body that parsed on the fast path, kept in case a rule fails.
    raw: Option<Bytes>,
}

impl<T> Extracted<T> {
    /// Parameters (path, query, headers, cookies) read as `source`.
    fn params(report: Report<T>, source: Value) -> Self {
        Self {
            report,
            source: Some(source),
            is_body: false,
            raw: None,
        }
    }

    /// A body read as `source` (`None` when there was none to keep).
    fn body(report: Report<T>, source: Option<Value>) -> Self {
        Self {
            report,
            source,
            is_body: true,
            raw: None,
        }
    }

    /// A JSON body that parsed on the fast path.
    fn parsed(value: T, raw: Bytes) -> Self {
        Self {
            report: Report::valid(value, ErrorLocation::Body),
            source: None,
            is_body: true,
            raw: Some(raw),
        }
    }

    /// The value read at `loc` (below the location prefix).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    fn input_at(&self, loc: &[crate::LocItem]) -> Option<&Value> {
        de::value_at(self.source.as_ref()?, loc)
    }

    /// For errors found after parsing: the body as a value, and the field order
    /// that sorts errors as pydantic does (the fast path learned neither).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    fn learn_field_order(&mut self)
    where
        T: DeserializeOwned,
    {
        if let Some(raw) = self.raw.take()
            && let Ok(value) = serde_json::from_slice::<Value>(&raw)
        {
            let location = self.report.location();
            self.report
                .learn_fields(de::deserialize::<T>(&value, location, Shape::Json));
            self.source = Some(value);
        }
    }

    fn into_result(self) -> Result<T, RequestValidationError> {
        match self.report.value {
            Some(value) if self.report.is_valid() => Ok(value),
            _ => Err(self.failure()),
        }
    }

    fn failure(self) -> RequestValidationError {
        let error = RequestValidationError::new(self.report.errors());
        match self.source {
            Some(body) if self.is_body => error.with_body(body),
            _ => error,
        }
    }
}

/// Deserializes a source of string parameters.
fn params<T: DeserializeOwned>(value: &Value, location: ErrorLocation) -> Report<T> {
    de::deserialize(value, location, Shape::Params)
}

/// Key-value pairs as an object: a key given more than once holds a list.
fn object_of_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Value
where
    K: Into<String>,
    V: Into<String>,
{
    let mut map = serde_json::Map::new();
    for (key, value) in pairs {
        let value = Value::String(value.into());
        match map.entry(key.into()) {
            serde_json::map::Entry::Vacant(entry) => {
                entry.insert(value);
            }
            serde_json::map::Entry::Occupied(mut entry) => match entry.get_mut() {
                Value::Array(values) => values.push(value),
                previous => *previous = Value::Array(vec![previous.take(), value]),
            },
        }
    }
    Value::Object(map)
}

/// Implements the wrapper basics every extractor shares.
macro_rules! wrapper {
    ($name:ident) => {
        impl<T> $name<T> {
            /// The extracted value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}
pub(crate) use wrapper;
