//! `validator` violations, worded as pydantic words constraint errors.
//!
//! | validator | pydantic `type` | `ctx` |
//! |---|---|---|
//! | `length` (string) | `string_too_short` / `string_too_long` | `min_length` / `max_length` |
//! | `length` (list) | `too_short` / `too_long` | `field_type`, `min_length`/`max_length`, `actual_length` |
//! | `range` | `greater_than_equal`, `less_than_equal`, `greater_than`, `less_than` | `ge`, `le`, `gt`, `lt` |
//! | `regex` | `string_pattern_mismatch` | `pattern` (when the error carries one) |
//! | `email` | `value_error` (pydantic's `EmailStr`) | |
//! | `url` | `url_parsing` | `error`: why it does not parse |
//! | `required` | `missing` | |
//! | a code `value_error` | `value_error`, `msg` `Value error, <message>` | `error`: `{}` |
//! | anything else | its code as the type, its message (or code) as `msg` | |
//!
//! A `message` set on a rule replaces the `msg`, keeping the `type`. Only a
//! field's first failing rule is reported, as pydantic reports only its first
//! failing constraint.

use std::borrow::Cow;

use serde_json::Value;
use validator::{ValidationErrors, ValidationErrorsKind};

use super::pydantic::{Bound, Problem};
use crate::model::{LocItem, ValidationError};

/// Every violation, located below `prefix`.
pub(crate) fn errors(errors: &ValidationErrors, prefix: &[LocItem]) -> Vec<ValidationError> {
    let mut out = Vec::new();
    collect(errors, prefix, &mut out);
    out
}

/// The key `validator` files a list's items under (`Vec<T>: Validate`): no
/// field of the user's.
const LIST: &str = "_tmp_validator";

fn collect(errors: &ValidationErrors, loc: &[LocItem], out: &mut Vec<ValidationError>) {
    for (field, kind) in errors.errors() {
        let mut loc = loc.to_vec();
        if field != LIST {
            loc.push(LocItem::Key(Cow::Owned(field.to_string())));
        }
        match kind {
            // pydantic stops at a field's first failing constraint.
            ValidationErrorsKind::Field(violations) => {
                out.extend(violations.first().map(|violation| error(violation, loc)));
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &loc, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    let mut loc = loc.clone();
                    loc.push(LocItem::Index(*index));
                    collect(inner, &loc, out);
                }
            }
        }
    }
}

fn error(violation: &validator::ValidationError, loc: Vec<LocItem>) -> ValidationError {
    let input = violation
        .params
        .get("value")
        .cloned()
        .unwrap_or(Value::Null);
    let param = |name: &str| violation.params.get(name);
    let problem = match violation.code.as_ref() {
        "length" => length(&input, param("min"), param("max"), param("equal")),
        "range" => range(
            &input,
            param("min"),
            param("max"),
            param("exclusive_min"),
            param("exclusive_max"),
        ),
        "regex" => Some(Problem::StringPatternMismatch(
            param("pattern").and_then(Value::as_str).map(str::to_owned),
        )),
        "email" => Some(Problem::Custom {
            r#type: "value_error".into(),
            msg: "value is not a valid email address".into(),
        }),
        "url" => Some(Problem::UrlParsing(url_error(&input))),
        "required" => Some(Problem::Missing),
        _ => None,
    }
    .unwrap_or_else(|| {
        let message = violation.message.as_deref().unwrap_or(&violation.code);
        match violation.code.as_ref() {
            // A rule that fails as pydantic's validators do (`raise ValueError`).
            "value_error" => Problem::ValueError(message.to_owned()),
            code => Problem::Custom {
                r#type: code.to_owned(),
                msg: message.to_owned(),
            },
        }
    });
    let mut error = problem.at(loc, input);
    if let Some(message) = violation
        .message
        .as_ref()
        .filter(|_| violation.code != "value_error")
    {
        error.msg = Cow::Owned(message.to_string());
    }
    error
}

/// Why a URL does not parse, in the words pydantic (on the same `url` crate)
/// uses: `relative URL without a base`, `empty host`, `input is empty`.
fn url_error(input: &Value) -> String {
    match input.as_str() {
        Some("") => "input is empty".to_owned(),
        Some(text) => url::Url::parse(text)
            .err()
            .map_or_else(String::new, |e| e.to_string()),
        None => String::new(),
    }
}

fn as_u64(value: Option<&Value>) -> Option<u64> {
    value.and_then(Value::as_u64)
}

fn length(
    input: &Value,
    min: Option<&Value>,
    max: Option<&Value>,
    equal: Option<&Value>,
) -> Option<Problem> {
    let (min, max, equal) = (as_u64(min), as_u64(max), as_u64(equal));
    let (actual, is_list) = match input {
        Value::String(s) => (s.chars().count() as u64, false),
        Value::Array(items) => (items.len() as u64, true),
        Value::Object(map) => (map.len() as u64, true),
        _ => return None,
    };
    let too_short = equal
        .filter(|&n| actual < n)
        .or(min.filter(|&n| actual < n));
    let too_long = equal
        .filter(|&n| actual > n)
        .or(max.filter(|&n| actual > n));
    match (too_short, too_long, is_list) {
        (Some(min), _, false) => Some(Problem::StringTooShort(min)),
        (_, Some(max), false) => Some(Problem::StringTooLong(max)),
        (Some(min), _, true) => Some(Problem::TooShort {
            of: "List",
            min,
            actual,
        }),
        (_, Some(max), true) => Some(Problem::TooLong {
            of: "List",
            max,
            actual,
        }),
        _ => None,
    }
}

fn range(
    input: &Value,
    min: Option<&Value>,
    max: Option<&Value>,
    exclusive_min: Option<&Value>,
    exclusive_max: Option<&Value>,
) -> Option<Problem> {
    let value = input.as_f64()?;
    let broken = |bound: Option<&Value>, holds: fn(f64, f64) -> bool| {
        bound
            .filter(|b| b.as_f64().is_some_and(|b| !holds(value, b)))
            .map(|b| Bound(b.clone()))
    };
    broken(min, |v, b| v >= b)
        .map(Problem::GreaterThanEqual)
        .or_else(|| broken(exclusive_min, |v, b| v > b).map(Problem::GreaterThan))
        .or_else(|| broken(max, |v, b| v <= b).map(Problem::LessThanEqual))
        .or_else(|| broken(exclusive_max, |v, b| v < b).map(Problem::LessThan))
}
