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

use super::{de, pydantic::Problem};
use crate::{ErrorLocation, HttpException, LocItem, RequestValidationError, ValidationError};

/// What an actix extractor error becomes.
pub(crate) enum Converted {
    Validation(RequestValidationError),
    Http(HttpException),
}

/// `None` for errors that are not actix extractor failures (or are server
/// errors, like a response that cannot be serialized).
pub(crate) fn convert(error: &Error, req: &HttpRequest) -> Option<Converted> {
    if let Some(error) = error.as_error::<JsonPayloadError>() {
        return json(error, req);
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
        return Some(deserialize(
            &message,
            ErrorLocation::Path,
            &path_params(req),
        ));
    }
    if let Some(QueryPayloadError::Deserialize(error)) = error.as_error::<QueryPayloadError>() {
        let params: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
            .into_owned()
            .collect();
        return Some(deserialize(
            &error.to_string(),
            ErrorLocation::Query,
            &params,
        ));
    }
    error.as_error::<UrlencodedError>().and_then(form)
}

fn validation(error: ValidationError) -> Converted {
    Converted::Validation(RequestValidationError::new(vec![error]))
}

fn payload(error: &PayloadError) -> Converted {
    Converted::Http(match error {
        PayloadError::Overflow => HttpException::content_too_large(),
        _ => HttpException::unreadable_body(),
    })
}

fn json(error: &JsonPayloadError, req: &HttpRequest) -> Option<Converted> {
    let body = || vec![LocItem::from(ErrorLocation::Body)];
    Some(match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            Converted::Http(HttpException::content_too_large())
        }
        // No body (actix checks the content type first): FastAPI's `missing`.
        JsonPayloadError::ContentType if !has_body(req) => {
            validation(Problem::Missing.at(body(), Value::Null))
        }
        JsonPayloadError::ContentType => {
            validation(Problem::ModelAttributesType.at(body(), Value::Null))
        }
        JsonPayloadError::Payload(error) => payload(error),
        JsonPayloadError::Deserialize(error) if error.is_data() => {
            deserialize(&message(&error.to_string()), ErrorLocation::Body, &[])
        }
        // No body at all: FastAPI's `missing`, as with our `Json`.
        JsonPayloadError::Deserialize(error)
            if error.is_eof() && error.line() == 1 && error.column() == 0 =>
        {
            validation(Problem::Missing.at(body(), Value::Null))
        }
        JsonPayloadError::Deserialize(error) => {
            // The body is gone; a one-line body's column is its offset.
            let mut loc = body();
            if error.line() == 1 {
                loc.push(LocItem::Index(error.column().saturating_sub(1)));
            }
            let problem = Problem::JsonInvalid(message(&error.to_string()));
            validation(problem.at(loc, Value::Object(serde_json::Map::new())))
        }
        _ => return None,
    })
}

fn form(error: &UrlencodedError) -> Option<Converted> {
    Some(match error {
        UrlencodedError::Overflow { .. } => Converted::Http(HttpException::content_too_large()),
        UrlencodedError::Payload(error) => payload(error),
        UrlencodedError::ContentType => {
            validation(Problem::Missing.at(vec![ErrorLocation::Body.into()], Value::Null))
        }
        UrlencodedError::Parse(error) => deserialize(&error.to_string(), ErrorLocation::Body, &[]),
        UrlencodedError::Chunked | UrlencodedError::UnknownLength | UrlencodedError::Encoding => {
            Converted::Http(HttpException::unreadable_body())
        }
        _ => return None,
    })
}

/// Whether the request says it has a body: a `Content-Length` above 0, or a
/// `Transfer-Encoding`.
fn has_body(req: &HttpRequest) -> bool {
    let headers = req.headers();
    headers.contains_key(actix_web::http::header::TRANSFER_ENCODING)
        || headers
            .get(actix_web::http::header::CONTENT_LENGTH)
            .and_then(|length| length.to_str().ok())
            .is_some_and(|length| length.trim() != "0")
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
    between(&text[text.find(after)? + after.len()..], open, close)
}

/// The first text between `open` and `close`.
fn between(text: &str, open: char, close: char) -> Option<&str> {
    let rest = &text[text.find(open)? + open.len_utf8()..];
    Some(&rest[..rest.find(close)?])
}

/// What a serde error message says, and what it tells of where.
enum Clue<'a> {
    /// A field it names.
    Field(&'a str),
    /// A value it quotes.
    Value(Option<&'a str>),
    /// Only the kind of value: the parameter is the one that fails this test.
    Failing(fn(&str) -> bool),
}

/// A serde error message as the pydantic error it most likely is.
fn deserialize(text: &str, location: ErrorLocation, params: &[(String, String)]) -> Converted {
    let (problem, clue) = read_message(text);
    let mut loc = vec![LocItem::from(location)];
    let input = match clue {
        Clue::Field(field) => {
            loc.push(LocItem::from(field.to_owned()));
            Value::Null
        }
        Clue::Value(value) => match value.and_then(|v| params.iter().find(|(_, p)| p == v)) {
            Some((name, input)) => {
                loc.push(LocItem::from(name.clone()));
                Value::String(input.clone())
            }
            None => value.map_or(Value::Null, |v| Value::String(v.to_owned())),
        },
        Clue::Failing(fails) => {
            let mut failing = params.iter().filter(|(_, v)| fails(v));
            match (failing.next(), failing.next()) {
                (Some((name, input)), None) => {
                    loc.push(LocItem::from(name.clone()));
                    Value::String(input.clone())
                }
                _ => Value::Null,
            }
        }
    };
    validation(problem.at(loc, input))
}

fn read_message(text: &str) -> (Problem, Clue<'_>) {
    // serde's messages start with what they are: read by their prefix, not
    // searched (a search per kind cost more than the rest of the 422).
    if let Some(field) = text
        .strip_prefix("missing field")
        .and_then(|rest| between(rest, '`', '`'))
    {
        return (Problem::Missing, Clue::Field(field));
    }
    if let Some(field) = text
        .strip_prefix("unknown field")
        .and_then(|rest| between(rest, '`', '`'))
    {
        return (Problem::ExtraForbidden, Clue::Field(field));
    }
    if let Some(rest) = text.strip_prefix("unknown variant") {
        let expected = rest.split_once("expected ").map(|(_, list)| {
            list.split(", ")
                .map(|v| v.trim_matches(['`', ' ']).to_owned())
                .collect()
        });
        return (
            Problem::Enum(expected.unwrap_or_default()),
            Clue::Value(between(rest, '`', '`')),
        );
    }
    // actix's path deserializer: `can not parse "abc" to a u32`.
    if let Some(value) = text
        .strip_prefix("can not parse")
        .and_then(|rest| between(rest, '"', '"'))
    {
        let problem = if text.ends_with("f32") || text.ends_with("f64") {
            Problem::FloatParsing
        } else if text.ends_with("bool") {
            Problem::BoolParsing
        } else {
            Problem::IntParsing
        };
        return (problem, Clue::Value(Some(value)));
    }
    // serde_json: `invalid type: string "XL", expected i64`.
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
        let text_given = rest.starts_with("string");
        let problem = match expected {
            e if e.starts_with(['i', 'u']) && text_given => Problem::IntParsing,
            e if e.starts_with(['i', 'u']) => Problem::IntType,
            e if e.starts_with('f') && text_given => Problem::FloatParsing,
            e if e.starts_with('f') => Problem::FloatType,
            "a boolean" => Problem::BoolType,
            "a string" => Problem::StringType,
            e if e.starts_with("struct") => Problem::ModelAttributesType,
            e if e.starts_with("a sequence") => Problem::ListType,
            e if e.starts_with("a map") => Problem::DictType,
            _ => Problem::ValueError(de::scrub(text)),
        };
        return (problem, Clue::Value(quoted(rest, "string", '"', '"')));
    }
    // serde_urlencoded (actix's query and form): how the value failed to parse.
    if [
        "invalid digit",
        "cannot parse integer",
        "number too large",
        "number too small",
    ]
    .iter()
    .any(|m| text.contains(m))
    {
        (
            Problem::IntParsing,
            Clue::Failing(|v| v.trim().parse::<i128>().is_err()),
        )
    } else if text.contains("invalid float literal") {
        (
            Problem::FloatParsing,
            Clue::Failing(|v| v.trim().parse::<f64>().is_err()),
        )
    } else if text.contains("provided string was not `true` or `false`") {
        (
            Problem::BoolParsing,
            Clue::Failing(|v| v != "true" && v != "false"),
        )
    } else {
        (Problem::ValueError(de::scrub(text)), Clue::Value(None))
    }
}
