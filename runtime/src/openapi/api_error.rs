//! What `#[api_error]`'s `utoipa::IntoResponses` is built from: one response per
//! status, the variants that share it merged.

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::openapi::{
    ContentBuilder, RefOr, ResponseBuilder,
    content::Content,
    example::ExampleBuilder,
    extensions::Extensions,
    header::HeaderBuilder,
    response::Response,
    schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type},
};

use super::{detail_body, loc_item, problem, string};
use crate::Detail;

/// The extension in which a response lists the codes of the errors it
/// documents (a concealed 5xx's is not sent, so not listed).
pub(crate) const ERROR_CODES: &str = "x-error-codes";

/// What `#[api_error]` knows of one variant, for its `IntoResponses`.
#[doc(hidden)]
pub struct Variant {
    pub name: &'static str,
    /// Its stable code, listed in the response's `x-error-codes`.
    pub code: &'static str,
    pub status: u16,
    /// The variant's doc comment.
    pub doc: Option<&'static str>,
    pub shape: Shape,
    pub example: Sample,
    /// The schema of a field sent as the detail (its `ToSchema`).
    pub detail: Option<fn() -> RefOr<Schema>>,
    /// Header names, as the variant sends them.
    pub headers: &'static [&'static str],
    /// A 5xx without a written detail: the reason phrase and an `x-error-id`.
    pub conceal: bool,
    /// RFC 9457: the variant's problem type URI and title, if it has its own.
    pub problem_type: Option<&'static str>,
    pub title: Option<&'static str>,
}

/// The body's schema.
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{"detail": "<text>"}`.
    Text,
    /// Safir's `{"detail": [{"loc", "msg", "type"}]}` (`ErrorModel`).
    Coded,
    /// `{"detail": <a field, as JSON>}`.
    Json,
}

/// The body the variant sends, as far as it is known at compile time.
#[doc(hidden)]
pub enum Sample {
    /// Its exact JSON (a literal detail; a template shown as written).
    Json(&'static str),
    /// The status's reason phrase.
    Reason,
    /// Not known (a JSON field, thiserror's formatted text).
    Unknown,
}

/// One response per status, variants that share it merged: one schema (or a
/// `oneOf` of the shapes they send), each variant's body a named example, and
/// every header any of them sends.
#[doc(hidden)]
pub fn responses(variants: &[Variant]) -> BTreeMap<String, RefOr<Response>> {
    let mut statuses: BTreeMap<u16, Vec<&Variant>> = BTreeMap::new();
    for variant in variants {
        statuses.entry(variant.status).or_default().push(variant);
    }
    statuses
        .into_iter()
        .map(|(status, variants)| (status.to_string(), response(status, &variants).into()))
        .collect()
}

fn response(status: u16, variants: &[&Variant]) -> Response {
    let reason = crate::reason_phrase(status);
    let description = match variants {
        [only] => only.doc.unwrap_or(reason),
        _ => reason,
    };
    let mut response = ResponseBuilder::new().description(description);
    let mut headers: Vec<&str> = Vec::new();
    for variant in variants {
        for name in variant.headers {
            if !headers.iter().any(|known| known.eq_ignore_ascii_case(name)) {
                headers.push(name);
            }
        }
        if variant.conceal && !headers.contains(&"x-error-id") {
            headers.push("x-error-id");
        }
    }
    for name in headers {
        response = response.header(name, HeaderBuilder::new().schema(Some(string())).build());
    }
    let codes: Vec<&str> = variants
        .iter()
        .filter(|variant| !variant.conceal)
        .map(|variant| variant.code)
        .collect();
    if !codes.is_empty() {
        let codes = Extensions::from_iter([(ERROR_CODES, codes)]);
        response = response.extensions(Some(codes));
    }
    if matches!(status, 204 | 205 | 304) {
        return response.build();
    }
    let json = content(variants, body_schema, |_, body| Some(body));
    let problem = content(variants, problem_schema, |variant, mut body| {
        let detail = Detail::from(body.get_mut("detail")?.take());
        Some(crate::render::problem::example(
            status,
            variant.problem_type,
            variant.title,
            &detail,
        ))
    });
    response
        .content(super::JSON, json)
        .content(problem::MEDIA_TYPE, problem)
        .build()
}

/// One schema (or a `oneOf` of those the variants send), each variant's body
/// a named example: `{"detail": ...}` made into what this content sends.
fn content(
    variants: &[&Variant],
    schema: fn(&Variant) -> RefOr<Schema>,
    example: impl Fn(&Variant, Value) -> Option<Value>,
) -> Content {
    let mut schemas: Vec<RefOr<Schema>> = Vec::new();
    for variant in variants {
        let schema = schema(variant);
        if !schemas.contains(&schema) {
            schemas.push(schema);
        }
    }
    let schema: RefOr<Schema> = if schemas.len() == 1 {
        schemas.remove(0)
    } else {
        schemas
            .into_iter()
            .fold(OneOfBuilder::new(), OneOfBuilder::item)
            .into()
    };
    let examples = variants.iter().filter_map(|variant| {
        let status = variant.status;
        let body = match (&variant.example, variant.conceal) {
            (_, true) | (Sample::Reason, _) => {
                serde_json::json!({ "detail": crate::reason_phrase(status) })
            }
            (Sample::Json(json), false) => serde_json::from_str(json).ok()?,
            (Sample::Unknown, false) => return None,
        };
        let example = ExampleBuilder::new()
            .summary(variant.doc.unwrap_or(variant.name))
            .value(Some(example(variant, body)?))
            .build();
        Some((variant.name, example))
    });
    ContentBuilder::new()
        .schema(Some(schema))
        .examples_from_iter(examples)
        .build()
}

/// The shape of the body: a concealed 5xx sends text whatever it holds.
fn shape(variant: &Variant) -> Shape {
    if variant.conceal {
        Shape::Text
    } else {
        variant.shape
    }
}

/// The detail's own schema: text, a field's, or Safir's list.
fn detail_schema(variant: &Variant, pointer: bool) -> RefOr<Schema> {
    match (shape(variant), variant.detail) {
        (Shape::Text, _) => string().into(),
        (Shape::Json, Some(schema)) => schema(),
        (Shape::Json, None) => ObjectBuilder::new()
            .schema_type(SchemaType::AnyValue)
            .into(),
        (Shape::Coded, _) => {
            let item = ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Object))
                .title(Some("ErrorDetail"))
                .property("loc", ArrayBuilder::new().items(loc_item()))
                .property("msg", string())
                .property("type", string())
                .required("msg")
                .required("type");
            let item = if pointer {
                problem::pointer_member(item)
            } else {
                item
            };
            ArrayBuilder::new().items(item).into()
        }
    }
}

/// As a problem, the way the detail is sent: text is `detail`, a list
/// `errors`, other JSON `data`; a field that may be any JSON, any of them.
fn problem_schema(variant: &Variant) -> RefOr<Schema> {
    let problem = problem::problem();
    let problem = match (shape(variant), detail_schema(variant, true)) {
        (Shape::Text, _) if variant.conceal => {
            problem::with_instance(problem::with_detail(problem))
        }
        (Shape::Text, _) => problem::with_detail(problem),
        (_, list @ RefOr::T(Schema::Array(_))) => problem::with_errors(problem, list),
        (_, RefOr::T(Schema::Object(object))) => match object.schema_type {
            SchemaType::Type(Type::String) => problem::with_detail(problem),
            SchemaType::Type(Type::Object) => problem::with_data(problem, object),
            _ => problem::any_detail(problem),
        },
        (_, data @ RefOr::Ref(_)) => problem::with_data(problem, data),
        _ => problem::any_detail(problem),
    };
    problem.into()
}

/// `{"detail": ...}`: text, a field's own schema, or Safir's `ErrorModel`.
fn body_schema(variant: &Variant) -> RefOr<Schema> {
    let body = detail_body(detail_schema(variant, false));
    let body = if shape(variant) == Shape::Coded {
        body.title(Some("ErrorModel"))
    } else {
        body
    };
    body.into()
}
