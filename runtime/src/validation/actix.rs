//! actix's own extractors (`web::Json`, `web::Query`, `web::Path`, `web::Form`),
//! made to fail as ours do: 422 with the best location their errors allow, 413
//! for bodies over their limit, 400 for unreadable bodies.
//!
//! Their errors keep only serde's message, not the path, so `loc` is as precise
//! as the message and the request allow: a missing field or unknown field is
//! named; a path or query parameter is found by the value the message quotes
//! or, failing that, as the only value that does not parse; otherwise the
//! location alone (`["body"]`). Use [`crate::extract`] for exact locations.

use actix_web::{
    Error, HttpRequest,
    error::{
        InternalError, JsonPayloadError, PathError, PayloadError, QueryPayloadError,
        UrlencodedError,
    },
};
use percent_encoding::percent_decode_str;
use serde_json::Value;

use super::problem::Problem;
use crate::{
    ErrorLocation, HttpException, LocItem, RequestValidationError, ValidationError,
    extract::{too_large, unreadable},
};

/// What an actix extractor error becomes.
pub(crate) enum Converted {
    Validation(RequestValidationError),
    Http(HttpException),
}

/// `None` for errors that are not actix extractor failures (or are server
/// errors, like a response that cannot be serialized).
pub(crate) fn convert(error: &Error, req: &HttpRequest) -> Option<Converted> {
    if let Some(error) = error.as_error::<JsonPayloadError>() {
        return json(error);
    }
    // Without a `PathConfig` error handler, `web::Path` fails with
    // `ErrorNotFound(serde::de::value::Error)`; with one, with a `PathError`.
    let path_error = error
        .as_error::<InternalError<serde::de::value::Error>>()
        .map(ToString::to_string)
        .or_else(|| match error.as_error::<PathError>() {
            Some(PathError::Deserialize(error)) => Some(error.to_string()),
            _ => None,
        });
    if let Some(message) = path_error {
        return deserialize(&message, ErrorLocation::Path, &path_params(req));
    }
    if let Some(QueryPayloadError::Deserialize(error)) = error.as_error::<QueryPayloadError>() {
        let params: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
            .into_owned()
            .collect();
        return deserialize(&error.to_string(), ErrorLocation::Query, &params);
    }
    if let Some(error) = error.as_error::<UrlencodedError>() {
        return form(error);
    }
    None
}

fn validation(errors: Vec<ValidationError>) -> Option<Converted> {
    Some(Converted::Validation(RequestValidationError::new(errors)))
}

fn payload(error: &PayloadError) -> Option<Converted> {
    Some(Converted::Http(match error {
        PayloadError::Overflow => too_large(),
        _ => unreadable(),
    }))
}

fn json(error: &JsonPayloadError) -> Option<Converted> {
    let body = || vec![LocItem::from(ErrorLocation::Body)];
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            Some(Converted::Http(too_large()))
        }
        JsonPayloadError::ContentType => {
            validation(vec![Problem::ModelAttributesType.at(body(), Value::Null)])
        }
        JsonPayloadError::Payload(error) => payload(error),
        JsonPayloadError::Deserialize(error) if error.is_data() => {
            deserialize(&message(&error.to_string()), ErrorLocation::Body, &[])
        }
        JsonPayloadError::Deserialize(error) => {
            // The body is gone; a one-line body's column is its offset.
            let mut loc = body();
            if error.line() == 1 {
                loc.push(LocItem::Index(error.column().saturating_sub(1)));
            }
            let problem = Problem::JsonInvalid(message(&error.to_string()));
            validation(vec![problem.at(loc, Value::Object(serde_json::Map::new()))])
        }
        _ => None,
    }
}

fn form(error: &UrlencodedError) -> Option<Converted> {
    match error {
        UrlencodedError::Overflow { .. } => Some(Converted::Http(too_large())),
        UrlencodedError::Payload(error) => payload(error),
        UrlencodedError::ContentType => validation(vec![
            Problem::Missing.at(vec![ErrorLocation::Body.into()], Value::Null),
        ]),
        UrlencodedError::Parse(error) => deserialize(&error.to_string(), ErrorLocation::Body, &[]),
        UrlencodedError::Chunked | UrlencodedError::UnknownLength | UrlencodedError::Encoding => {
            Some(Converted::Http(unreadable()))
        }
        _ => None,
    }
}

/// serde_json's message without " at line 1 column 5".
fn message(text: &str) -> String {
    text.rsplit_once(" at line ")
        .map_or(text, |(message, _)| message)
        .to_owned()
}

/// The path parameters, by name, percent-decoded.
fn path_params(req: &HttpRequest) -> Vec<(String, String)> {
    req.match_info()
        .iter()
        .map(|(name, value)| {
            let decoded = percent_decode_str(value).decode_utf8_lossy().into_owned();
            (name.to_owned(), decoded)
        })
        .collect()
}

/// The text between the first pair of `open`/`close` after `after`.
fn quoted<'a>(text: &'a str, after: &str, open: char, close: char) -> Option<&'a str> {
    let rest = &text[text.find(after)? + after.len()..];
    let rest = &rest[rest.find(open)? + open.len_utf8()..];
    Some(&rest[..rest.find(close)?])
}

/// A serde error message as the pydantic error it most likely is.
fn deserialize(
    text: &str,
    location: ErrorLocation,
    params: &[(String, String)],
) -> Option<Converted> {
    let at = |name: Option<&str>| {
        let mut loc = vec![LocItem::from(location)];
        if let Some(name) = name {
            loc.push(LocItem::from(name.to_owned()));
        }
        loc
    };
    // The parameter holding `value`, or else the only one `fails` to parse.
    let find = |value: Option<&str>, fails: fn(&str) -> bool| {
        value
            .and_then(|value| params.iter().find(|(_, v)| v == value))
            .or_else(|| {
                let mut failing = params.iter().filter(|(_, v)| fails(v));
                match (failing.next(), failing.next()) {
                    (Some(param), None) => Some(param),
                    _ => None,
                }
            })
    };
    let located = |problem: Problem, value: Option<&str>, fails: fn(&str) -> bool| {
        let error = match find(value, fails) {
            Some((name, input)) => problem.at(at(Some(name)), Value::String(input.clone())),
            None => problem.at(
                at(None),
                value.map_or(Value::Null, |v| Value::String(v.to_owned())),
            ),
        };
        validation(vec![error])
    };

    if let Some(field) = quoted(text, "missing field", '`', '`') {
        return validation(vec![Problem::Missing.at(at(Some(field)), Value::Null)]);
    }
    if let Some(field) = quoted(text, "unknown field", '`', '`') {
        return validation(vec![
            Problem::ExtraForbidden.at(at(Some(field)), Value::Null),
        ]);
    }
    if text.contains("unknown variant") {
        let value = quoted(text, "unknown variant", '`', '`');
        let expected = text
            .split_once("expected ")
            .map(|(_, list)| {
                list.split(", ")
                    .map(|v| v.trim_matches(['`', ' ']).to_owned())
                    .collect()
            })
            .unwrap_or_default();
        return located(Problem::Enum(expected), value, |_| false);
    }
    // actix's path deserializer: `can not parse "abc" to a u32`.
    if let Some(value) = quoted(text, "can not parse", '"', '"') {
        let problem = if text.ends_with("f32") || text.ends_with("f64") {
            Problem::FloatParsing
        } else if text.ends_with("bool") {
            Problem::BoolParsing
        } else {
            Problem::IntParsing
        };
        return located(problem, Some(value), |_| false);
    }
    // serde_json: `invalid type: string "XL", expected i64`.
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
        let got_string = rest.starts_with("string");
        let problem = match expected {
            e if e.starts_with('i') || e.starts_with('u') => {
                if got_string {
                    Problem::IntParsing
                } else {
                    Problem::IntType
                }
            }
            e if e.starts_with('f') => {
                if got_string {
                    Problem::FloatParsing
                } else {
                    Problem::FloatType
                }
            }
            "a boolean" => Problem::BoolType,
            "a string" => Problem::StringType,
            e if e.starts_with("struct") => Problem::ModelAttributesType,
            e if e.starts_with("a sequence") => Problem::ListType,
            e if e.starts_with("a map") => Problem::DictType,
            _ => Problem::ValueError(text.to_owned()),
        };
        return located(problem, quoted(rest, "string", '"', '"'), |_| false);
    }
    // serde_urlencoded and actix's query/form: the parse error of the value.
    let (problem, fails): (Problem, fn(&str) -> bool) = if text.contains("invalid digit")
        || text.contains("cannot parse integer")
        || text.contains("number too large")
        || text.contains("number too small")
    {
        (Problem::IntParsing, |v| v.trim().parse::<i128>().is_err())
    } else if text.contains("invalid float literal") {
        (Problem::FloatParsing, |v| v.trim().parse::<f64>().is_err())
    } else if text.contains("provided string was not `true` or `false`") {
        (Problem::BoolParsing, |v| v != "true" && v != "false")
    } else {
        return validation(vec![
            Problem::ValueError(text.to_owned()).at(at(None), Value::Null),
        ]);
    };
    located(problem, None, fails)
}
