//! RFC 9457 problem details: what every default handler sends when
//! [`ExceptionHandlers::problem_details`](crate::ExceptionHandlers::problem_details)
//! is on.
//!
//! `{"type": <URI or "about:blank">, "title": <the type's title or the reason
//! phrase>, "status": <code>, "detail": <text>}`, as `application/problem+json`;
//! a 422 lists its errors under `errors`, each with a JSON `pointer` to its
//! `loc`; a 500 names its occurrence `instance: "urn:uuid:<error id>"`.

use actix_web::{
    HttpMessage as _, HttpRequest, HttpResponse,
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
    handlers::{self, ERROR_ID_HEADER},
    reason::reason_phrase,
    response,
};

const PROBLEM_JSON: HeaderValue = HeaderValue::from_static("application/problem+json");

/// The detail of a 422 problem.
pub(crate) const VALIDATION_DETAIL: &str = "Request validation failed";

/// Set on a request whose errors are answered as problem details, so that the
/// default handlers a custom handler delegates to answer the same way.
#[derive(Clone, Copy)]
pub(crate) struct ProblemDetails;

/// Whether `req`'s errors are answered as problem details.
pub(crate) fn enabled(req: &HttpRequest) -> bool {
    req.extensions().contains::<ProblemDetails>()
}

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
}

fn respond<E: Serialize>(
    status: StatusCode,
    problem: &Problem<'_, E>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpResponse {
    response::serialized_response(status, PROBLEM_JSON, problem, headers)
}

/// `urn:uuid:<id>` for an error id of 32 hex digits.
fn instance(id: &str) -> Option<String> {
    uuid::Uuid::try_parse(id)
        .ok()
        .map(|id| id.urn().to_string())
}

/// An HTTP error as problem details. Text detail is `detail`; a JSON list is
/// `errors`, any other JSON value `data`. A 5xx with an `x-error-id` names it
/// as its `instance`.
pub(crate) fn http(exc: &HttpException) -> HttpResponse {
    let status = exc.status();
    let reason = reason_phrase(status.as_u16());
    let (detail, errors, data) = match exc.detail() {
        Detail::Text(text) => (Some(&**text), None, None),
        Detail::Json(list @ Value::Array(_)) => (None, Some(list), None),
        Detail::Json(value) => (None, None, Some(value)),
    };
    let instance = status
        .is_server_error()
        .then(|| {
            exc.headers()
                .iter()
                .find(|(name, _)| name == ERROR_ID_HEADER)
        })
        .flatten()
        .and_then(|(_, id)| instance(id.to_str().ok()?));
    let problem = Problem {
        uri: exc.problem_type_uri().unwrap_or("about:blank"),
        title: exc.problem_title().unwrap_or(reason),
        status: status.as_u16(),
        detail,
        instance,
        errors,
        data,
        cause: None,
    };
    respond(status, &problem, exc.headers())
}

/// A 422: `detail` "Request validation failed", and each error with its
/// `pointer`.
pub(crate) fn validation(exc: &RequestValidationError) -> HttpResponse {
    #[derive(Serialize)]
    struct Item<'a> {
        #[serde(flatten)]
        error: &'a ValidationError,
        pointer: String,
    }
    let errors: Vec<Item<'_>> = exc
        .errors()
        .iter()
        .map(|error| Item {
            error,
            pointer: pointer(&error.loc),
        })
        .collect();
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let problem = Problem {
        uri: "about:blank",
        title: reason_phrase(status.as_u16()),
        status: status.as_u16(),
        detail: Some(VALIDATION_DETAIL),
        instance: None,
        errors: Some(errors),
        data: None,
        cause: None,
    };
    respond(status, &problem, &[])
}

/// A 500: `detail` "Internal Server Error", `instance` its error id; with
/// `debug`, its `cause`.
pub(crate) fn server(exc: &ServerError, debug: bool) -> HttpResponse {
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
    };
    respond(status, &problem, handlers::error_id_header(exc).as_slice())
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

/// `loc` as a JSON Pointer (RFC 6901) in a URI fragment: `["body", "tags", 1]`
/// is `#/body/tags/1`; `~` and `/` in a key are `~0` and `~1`.
pub(crate) fn pointer(loc: &[LocItem]) -> String {
    let mut pointer = String::from("#");
    for item in loc {
        pointer.push('/');
        match item {
            LocItem::Key(key) => {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointer.extend(utf8_percent_encode(&escaped, FRAGMENT));
            }
            LocItem::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}
