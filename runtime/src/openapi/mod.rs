#![doc = include_str!("../../docs/openapi.md")]

use utoipa::{
    Modify,
    openapi::{
        ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder,
        header::HeaderBuilder,
        path::{Operation, PathItem},
        response::Response,
        schema::{AnyOfBuilder, ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type},
        security::SecurityScheme,
    },
};

mod api_error;
mod catalog;
mod operation;
mod problem;
mod security;

use std::collections::BTreeMap;

#[doc(hidden)]
pub use self::api_error::{Sample, Shape, Variant, responses};
#[cfg(feature = "testing")]
pub(crate) use self::operation::openapi_path;
#[doc(hidden)]
pub use self::operation::{AnyResponder, Route};
pub use self::operation::{Context, OperationInput, OperationOutput, Schemas};
use crate::handlers::ERROR_ID_HEADER;

/// Adds the error contract to a document: see the [module](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        document(openapi, Flavour::Json);
    }
}

/// Adds the error contract as RFC 9457 problem details, for an app whose
/// `ExceptionHandlers` answer them
/// ([`problem_details()`](crate::ExceptionHandlers::problem_details)): use it
/// in place of [`ErrorResponses`]. See the [module](self#problem-details).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        document(openapi, Flavour::Problem);
    }
}

/// Which body the errors are documented with. Every error response we build
/// has both, `application/json` and `application/problem+json`; a modifier
/// keeps its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// FastAPI's `{"detail": ...}`.
    Json,
    /// RFC 9457.
    Problem,
}

impl Flavour {
    /// The media type of the other flavour, dropped where both are.
    fn other(self) -> &'static str {
        match self {
            Self::Json => problem::MEDIA_TYPE,
            Self::Problem => JSON,
        }
    }
}

const JSON: &str = "application/json";

fn document(openapi: &mut OpenApi, flavour: Flavour) {
    let components = openapi.components.get_or_insert_with(Default::default);
    components
        .schemas
        .insert("ValidationError".into(), validation_error().into());
    if flavour == Flavour::Json {
        components
            .schemas
            .insert("HTTPValidationError".into(), http_validation_error().into());
    }
    let responses = [
        ("InternalServerError", internal_server_error()),
        (
            "NotFound",
            reason_response("Not Found: no route has this path", 404, None),
        ),
        (
            "MethodNotAllowed",
            reason_response(
                "Method Not Allowed: the path's routes serve other methods",
                405,
                Some(("allow", "The methods the path's routes serve")),
            ),
        ),
    ];
    for (name, response) in responses {
        components.responses.insert(name.into(), response.into());
    }

    let mut schemes = BTreeMap::new();
    for item in openapi.paths.paths.values_mut() {
        let common_parameters = item.parameters.as_ref().is_some_and(|p| !p.is_empty());
        for operation in operations(item) {
            add_responses(operation, common_parameters);
            take_security_schemes(operation, &mut schemes);
            for response in operation.responses.responses.values_mut() {
                keep(flavour, response);
            }
        }
    }
    let components = openapi.components.get_or_insert_with(Default::default);
    for response in components.responses.values_mut() {
        keep(flavour, response);
    }
    for (name, scheme) in schemes {
        components
            .security_schemes
            .entry(name)
            .or_insert(scheme.into());
    }
    if flavour == Flavour::Problem {
        // Route macros register FastAPI's schema for their 422s; problem
        // details do not use it.
        let referred = serde_json::to_string(&openapi.paths)
            .is_ok_and(|paths| paths.contains("#/components/schemas/HTTPValidationError"));
        if let (false, Some(components)) = (referred, &mut openapi.components) {
            components.schemas.remove("HTTPValidationError");
        }
    }
}

/// Every operation of a path.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
        &mut item.query,
    ]
    .into_iter()
    .flatten()
    .chain(item.additional_operations.values_mut())
}

/// Drops the other flavour's body from a response that has both.
fn keep(flavour: Flavour, response: &mut RefOr<Response>) {
    if let RefOr::T(response) = response {
        let content = &mut response.content;
        if content.contains_key(JSON) && content.contains_key(problem::MEDIA_TYPE) {
            content.shift_remove(flavour.other());
        }
    }
}

/// The extension in which an operation carries the security schemes it uses,
/// until [`ErrorResponses`] registers them.
const SECURITY_SCHEMES: &str = "x-security-schemes";

fn take_security_schemes(
    operation: &mut Operation,
    schemes: &mut BTreeMap<String, SecurityScheme>,
) {
    let Some(extensions) = &mut operation.extensions else {
        return;
    };
    if let Some(serde_json::Value::Object(found)) = extensions.remove(SECURITY_SCHEMES) {
        for (name, scheme) in found {
            if let Some(scheme) = security::from_json(scheme) {
                schemes.entry(name).or_insert(scheme);
            }
        }
    }
    if extensions.is_empty() {
        operation.extensions = None;
    }
}

/// The 401 of a security extractor: `{"detail":"Not authenticated"}` with its
/// challenge.
fn not_authenticated_response(challenge: &str) -> Response {
    detail_response(
        "Not authenticated: the credentials are missing or malformed",
        401,
        crate::security::NOT_AUTHENTICATED,
        Some(("www-authenticate", &format!("The challenge: `{challenge}`"))),
    )
}

fn add_responses(operation: &mut Operation, common_parameters: bool) {
    add_validation_error(operation, common_parameters, &["422", "4XX", "default"]);
    let responses = &mut operation.responses.responses;
    if !declares(responses, &["5XX", "500", "default"]) {
        responses.insert(
            "5XX".into(),
            RefOr::Ref(Ref::new("#/components/responses/InternalServerError")),
        );
    }
}

/// FastAPI's rule: an operation with parameters or a body can answer 422,
/// unless it declares one of `unless` (FastAPI: `422`, `4XX` or `default`).
fn add_validation_error(operation: &mut Operation, common_parameters: bool, unless: &[&str]) {
    let takes_input = common_parameters
        || operation.parameters.as_ref().is_some_and(|p| !p.is_empty())
        || operation.request_body.is_some();
    let responses = &mut operation.responses.responses;
    if takes_input && !declares(responses, unless) {
        responses.insert("422".into(), validation_error_response().into());
    }
}

fn declares<T>(responses: &BTreeMap<String, T>, keys: &[&str]) -> bool {
    keys.iter().any(|key| responses.contains_key(*key))
}

/// FastAPI's 422 response: "Validation Error", `HTTPValidationError` (as a
/// problem, `errors` with pointers).
pub fn validation_error_response() -> Response {
    ResponseBuilder::new()
        .description("Validation Error")
        .content(
            JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("HTTPValidationError")))
                .build(),
        )
        .content(problem::MEDIA_TYPE, problem::validation())
        .build()
}

/// The 500 every route can answer: the reason phrase, and the id its cause was
/// logged with (as a problem, also its `instance`).
pub fn internal_server_error() -> Response {
    reason_response(
        "Internal Server Error: the cause is logged with the id in `x-error-id`",
        500,
        Some((
            ERROR_ID_HEADER.as_str(),
            "The error's id (32 hex digits), as in the log",
        )),
    )
}

/// The status's reason phrase as the detail, with one header.
fn reason_response(description: &str, status: u16, header: Option<(&str, &str)>) -> Response {
    detail_response(description, status, crate::reason_phrase(status), header)
}

/// `{"detail": <detail>}` and its problem, with one header.
pub(crate) fn detail_response(
    description: &str,
    status: u16,
    detail: &'static str,
    header: Option<(&str, &str)>,
) -> Response {
    let mut response = ResponseBuilder::new().description(description);
    if let Some((name, text)) = header {
        response = response.header(
            name,
            HeaderBuilder::new()
                .schema(Some(string()))
                .description(Some(text))
                .build(),
        );
    }
    let problem_schema = problem::with_detail(problem::problem());
    let problem_schema = if status >= 500 {
        problem::with_instance(problem_schema)
    } else {
        problem_schema
    };
    response
        .content(
            JSON,
            ContentBuilder::new()
                .schema(Some(detail_body(string())))
                .example(Some(serde_json::json!({ "detail": detail })))
                .build(),
        )
        .content(
            problem::MEDIA_TYPE,
            ContentBuilder::new()
                .schema(Some(problem_schema))
                .example(Some(crate::render::problem::example(
                    status,
                    None,
                    None,
                    &crate::Detail::Text(detail.into()),
                )))
                .build(),
        )
        .build()
}

/// FastAPI's `ValidationError` schema (`fastapi/openapi/utils.py`).
pub fn validation_error() -> Schema {
    ObjectBuilder::new()
        .property(
            "loc",
            ArrayBuilder::new()
                .items(loc_item())
                .title(Some("Location")),
        )
        .property("msg", string().title(Some("Message")))
        .property("type", string().title(Some("Error Type")))
        .property(
            "input",
            ObjectBuilder::new()
                .schema_type(SchemaType::AnyValue)
                .title(Some("Input")),
        )
        .property(
            "ctx",
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Object))
                .title(Some("Context")),
        )
        .schema_type(SchemaType::Type(Type::Object))
        .required("loc")
        .required("msg")
        .required("type")
        .title(Some("ValidationError"))
        .into()
}

/// FastAPI's `HTTPValidationError` schema: `{"detail": [ValidationError]}`.
pub fn http_validation_error() -> Schema {
    ObjectBuilder::new()
        .property(
            "detail",
            ArrayBuilder::new()
                .items(Ref::from_schema_name("ValidationError"))
                .title(Some("Detail")),
        )
        .schema_type(SchemaType::Type(Type::Object))
        .title(Some("HTTPValidationError"))
        .into()
}

/// An item of a `loc` path: a key or an index.
pub(crate) fn loc_item() -> AnyOfBuilder {
    AnyOfBuilder::new()
        .item(string())
        .item(ObjectBuilder::new().schema_type(SchemaType::Type(Type::Integer)))
}

/// `{"detail": <detail>}`, the body of every error we send.
pub(crate) fn detail_body(detail: impl Into<RefOr<Schema>>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Object))
        .property("detail", detail)
        .required("detail")
}

pub(crate) fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::Type(Type::String))
}
