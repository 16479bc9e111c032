//! The error contract as RFC 9457 problem details: the `application/problem+json`
//! twin every error response carries, which
//! [`ProblemResponses`](super::ProblemResponses) keeps and
//! [`ErrorResponses`](super::ErrorResponses) drops.

use utoipa::openapi::{
    ContentBuilder, Ref, RefOr,
    content::Content,
    schema::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type},
};

use super::string;

pub(crate) use crate::render::problem::MEDIA_TYPE;

/// A problem: `type`, `title` and `status`, always sent; the caller adds the
/// member that carries the detail.
pub(crate) fn problem() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Object))
        .property(
            "type",
            string()
                .format(Some(uri_reference()))
                .default(Some("about:blank".into()))
                .description(Some("The problem type: its URI, or `about:blank`")),
        )
        .property(
            "title",
            string().description(Some(
                "The problem type's title; for `about:blank`, the status's reason phrase",
            )),
        )
        .property(
            "status",
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Integer))
                .description(Some("The HTTP status code")),
        )
        .required("type")
        .required("title")
        .required("status")
}

/// `detail`: the error's text.
pub(crate) fn with_detail(problem: ObjectBuilder) -> ObjectBuilder {
    problem
        .property(
            "detail",
            string().description(Some("What went wrong, for a person")),
        )
        .required("detail")
}

/// `errors`: the error's list.
pub(crate) fn with_errors(problem: ObjectBuilder, list: impl Into<RefOr<Schema>>) -> ObjectBuilder {
    problem.property("errors", list).required("errors")
}

/// `data`: the error's JSON detail that is not a list.
pub(crate) fn with_data(problem: ObjectBuilder, data: impl Into<RefOr<Schema>>) -> ObjectBuilder {
    problem.property("data", data).required("data")
}

/// `instance`: a 5xx names the id its cause was logged with.
pub(crate) fn with_instance(problem: ObjectBuilder) -> ObjectBuilder {
    problem.property(
        "instance",
        string().format(Some(uri_reference())).description(Some(
            "`urn:uuid:` and the error id of `x-error-id`, as in the log",
        )),
    )
}

/// A detail that may be any JSON: text, a list or other JSON.
pub(crate) fn any_detail(problem: ObjectBuilder) -> ObjectBuilder {
    problem
        .property("detail", string())
        .property(
            "errors",
            ArrayBuilder::new().items(ObjectBuilder::new().schema_type(SchemaType::AnyValue)),
        )
        .property(
            "data",
            ObjectBuilder::new().schema_type(SchemaType::AnyValue),
        )
}

/// A 422: `detail` "Request validation failed" and FastAPI's errors, each
/// with the JSON pointer of its `loc`.
pub(crate) fn validation() -> Content {
    let item = AllOfBuilder::new()
        .item(Ref::from_schema_name("ValidationError"))
        .item(pointer_member(ObjectBuilder::new()).required("pointer"));
    let schema = with_errors(with_detail(problem()), ArrayBuilder::new().items(item))
        .title(Some("HTTPValidationProblem"));
    ContentBuilder::new().schema(Some(schema)).build()
}

/// `pointer`: `loc` as a JSON pointer in a URI fragment.
pub(crate) fn pointer_member(item: ObjectBuilder) -> ObjectBuilder {
    item.schema_type(SchemaType::Type(Type::Object)).property(
        "pointer",
        string().description(Some(
            "`loc` as a JSON Pointer in a URI fragment: `#/body/tags/1/name`",
        )),
    )
}

fn uri_reference() -> SchemaFormat {
    SchemaFormat::Custom("uri-reference".to_owned())
}
