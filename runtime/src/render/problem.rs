//! RFC 9457 problem details: what every default handler sends when
//! [`ExceptionHandlers::problem_details`](crate::ExceptionHandlers::problem_details)
//! is on.
//!
//! `{"type": <URI or "about:blank">, "title": <the type's title or the reason
//! phrase>, "status": <code>, "detail": <text>}`, as `application/problem+json`;
//! a 422 lists its errors under `errors`, each with a JSON `pointer` to its
//! `loc`; a 500 names its occurrence `instance: "urn:uuid:<error id>"`.

use std::borrow::Cow;

use actix_web::{
    HttpResponse,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::{
    Detail, HttpException, LocItem, RequestValidationError, ServerError, ValidationError,
    model::reason::reason_phrase, response,
};

/// The media type of a problem.
pub(crate) const MEDIA_TYPE: &str = "application/problem+json";

const PROBLEM_JSON: HeaderValue = HeaderValue::from_static(MEDIA_TYPE);

/// The detail of a 422 problem.
pub(crate) const VALIDATION_DETAIL: &str = "Request validation failed";

#[derive(Serialize)]
struct Problem<'a, E: Serialize> {
    #[serde(rename = "type")]
    uri: &'a str,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance: Option<String>,
    /// A detail that is a JSON list (Safir's coded errors, a 422's errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<E>,
    /// A detail that is another JSON value (an object, a number).
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a Value>,
    /// A 500's cause, with `ExceptionHandlers::debug(true)` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<&'a str>,
    /// The request's id, with `ExceptionHandlers::request_id_header` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
}

fn respond<E: Serialize>(
    status: StatusCode,
    problem: &Problem<'_, E>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    response::serialized_response(status, PROBLEM_JSON, problem, headers)
}

/// `urn:uuid:<id>` for an error id of 32 hex digits.
pub(crate) fn instance(id: &str) -> Option<String> {
    uuid::Uuid::try_parse(id)
        .ok()
        .map(|id| id.urn().to_string())
}

/// Where a detail goes in a problem: text is `detail`; a JSON list is `errors`
/// (each item with a `loc` given its `pointer`), any other JSON value `data`.
struct Members<'a> {
    detail: Option<&'a str>,
    errors: Option<Cow<'a, Value>>,
    data: Option<&'a Value>,
}

impl<'a> Members<'a> {
    fn of(detail: &'a Detail) -> Self {
        match detail {
            Detail::Text(text) => Self {
                detail: Some(text),
                errors: None,
                data: None,
            },
            Detail::Json(list @ Value::Array(items)) => Self {
                detail: None,
                errors: Some(
                    with_pointers(items)
                        .map_or(Cow::Borrowed(list), |items| Cow::Owned(Value::Array(items))),
                ),
                data: None,
            },
            Detail::Json(value) => Self {
                detail: None,
                errors: None,
                data: Some(value),
            },
        }
    }

    fn problem(
        self,
        status: u16,
        uri: Option<&'a str>,
        title: Option<&'a str>,
        instance: Option<String>,
    ) -> Problem<'a, Cow<'a, Value>> {
        Problem {
            uri: uri.unwrap_or("about:blank"),
            title: title.unwrap_or_else(|| reason_phrase(status)),
            status,
            detail: self.detail,
            instance,
            errors: self.errors,
            data: self.data,
            cause: None,
            request_id: None,
        }
    }
}

/// An HTTP error as problem details (see [`Members`]). A 5xx with an
/// `x-error-id` names it as its `instance`.
pub(crate) fn http(
    exc: &HttpException,
    catalogued: Option<&str>,
    request_id: Option<&str>,
) -> HttpResponse {
    let status = exc.status();
    let instance = status
        .is_server_error()
        .then(|| {
            exc.headers()
                .iter()
                .find(|(name, _)| name == crate::error::server::ERROR_ID_HEADER)
        })
        .flatten()
        .and_then(|(_, id)| instance(id.to_str().ok()?));
    let mut problem = Members::of(exc.detail()).problem(
        status.as_u16(),
        exc.problem_type_uri().or(catalogued),
        exc.problem_title(),
        instance,
    );
    problem.request_id = request_id;
    respond(status, &problem, exc.headers())
}

/// The problem an error with this status, type, title and detail is answered
/// with, for the examples of the OpenAPI document and the catalog.
pub(crate) fn example(
    status: u16,
    uri: Option<&str>,
    title: Option<&str>,
    detail: &Detail,
) -> Value {
    let problem = Members::of(detail).problem(status, uri, title, None);
    serde_json::to_value(problem).unwrap_or_default()
}

/// A 422 of one error as problem details, for the catalog.
pub(crate) fn validation_example(uri: &str, error: &ValidationError) -> Value {
    let problem = validation_problem(Some(uri), [ValidationItem::of(error)]);
    serde_json::to_value(problem).unwrap_or_default()
}

/// One error of a 422, with its `pointer`.
#[derive(Serialize)]
struct ValidationItem<'a> {
    #[serde(flatten)]
    error: &'a ValidationError,
    pointer: String,
}

impl<'a> ValidationItem<'a> {
    fn of(error: &'a ValidationError) -> Self {
        Self {
            error,
            pointer: pointer(&error.loc),
        }
    }
}

/// A 422's problem: `detail` "Request validation failed", its `errors`.
fn validation_problem<E: Serialize>(uri: Option<&str>, errors: E) -> Problem<'_, E> {
    Problem {
        uri: uri.unwrap_or("about:blank"),
        title: reason_phrase(StatusCode::UNPROCESSABLE_ENTITY.as_u16()),
        status: StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
        detail: Some(VALIDATION_DETAIL),
        instance: None,
        errors: Some(errors),
        data: None,
        cause: None,
        request_id: None,
    }
}

/// A 422: `detail` "Request validation failed", and each error with its
/// `pointer`.
pub(crate) fn validation(
    exc: &RequestValidationError,
    uri: Option<&str>,
    request_id: Option<&str>,
) -> HttpResponse {
    let errors: Vec<ValidationItem<'_>> = exc.errors().iter().map(ValidationItem::of).collect();
    let mut problem = validation_problem(uri, errors);
    problem.request_id = request_id;
    respond(StatusCode::UNPROCESSABLE_ENTITY, &problem, &[])
}

/// A 500: `detail` "Internal Server Error", `instance` its error id; with
/// `debug`, its `cause`.
pub(crate) fn server(exc: &ServerError, debug: bool, request_id: Option<&str>) -> HttpResponse {
    let status = StatusCode::INTERNAL_SERVER_ERROR;
    let reason = reason_phrase(status.as_u16());
    let problem = Problem::<()> {
        uri: "about:blank",
        title: reason,
        status: status.as_u16(),
        detail: Some(reason),
        instance: instance(exc.id()),
        errors: None,
        data: None,
        cause: debug.then(|| exc.cause()),
        request_id,
    };
    respond(status, &problem, exc.id_header().as_slice())
}

/// What a URI fragment may not hold as it is (RFC 3986), besides controls.
const FRAGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A step of a `loc` path, from our model or from a JSON detail.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `loc` as a JSON Pointer (RFC 6901) in a URI fragment: `["body", "tags", 1]`
/// is `#/body/tags/1`; `~` and `/` in a key are `~0` and `~1`.
pub(crate) fn pointer(loc: &[LocItem]) -> String {
    fragment(loc.iter().map(|item| match item {
        LocItem::Key(key) => Step::Key(key),
        LocItem::Index(index) => Step::Index(*index),
    }))
}

fn fragment<'a>(steps: impl Iterator<Item = Step<'a>>) -> String {
    let mut pointer = String::from("#");
    for step in steps {
        pointer.push('/');
        match step {
            Step::Key(key) => {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointer.extend(utf8_percent_encode(&escaped, FRAGMENT));
            }
            Step::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

/// Safir's coded errors (`[{"loc", "msg", "type"}]`), each item with a `loc`
/// given its `pointer`, as the items of a 422 are; any other list as it is.
fn with_pointers(list: &[Value]) -> Option<Vec<Value>> {
    let pointer_of = |item: &Value| {
        let loc = item.as_object()?.get("loc")?.as_array()?;
        let steps: Option<Vec<Step<'_>>> = loc
            .iter()
            .map(|step| match step {
                Value::String(key) => Some(Step::Key(key)),
                Value::Number(index) => Some(Step::Index(usize::try_from(index.as_u64()?).ok()?)),
                _ => None,
            })
            .collect();
        Some(fragment(steps?.into_iter()))
    };
    if !list.iter().any(|item| pointer_of(item).is_some()) {
        return None;
    }
    let items = list.iter().map(|item| {
        let mut item = item.clone();
        if let (Some(pointer), Value::Object(fields)) = (pointer_of(&item), &mut item) {
            fields.insert("pointer".to_owned(), Value::String(pointer));
        }
        item
    });
    Some(items.collect())
}
