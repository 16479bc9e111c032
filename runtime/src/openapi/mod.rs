//! The error contract in OpenAPI, on utoipa 6 (feature `openapi`).
//!
//! Our route macros implement `utoipa::Path` from the route's signature (see
//! [`OperationInput`] and [`OperationOutput`]), and `#[api_error]` types
//! implement `utoipa::IntoResponses`: list the routes in
//! `#[openapi(paths(...), modifiers(&ErrorResponses))]`.
//!
//! [`ErrorResponses`] is a utoipa [`Modify`]: add it to a document (built with
//! `#[derive(OpenApi)]`, `#[utoipa::path]` routes or utoipa-actix-web) and it
//!
//! - registers FastAPI's `ValidationError` and `HTTPValidationError` schemas,
//!   the same as FastAPI 0.165's `/openapi.json` (checked by the conformance
//!   suite);
//! - gives every operation with parameters or a request body FastAPI's 422
//!   "Validation Error" response, unless it declares `422`, `4XX` or `default`
//!   (FastAPI's rule);
//! - documents once, as `components.responses.InternalServerError`, the 500
//!   every route can answer — `{"detail":"Internal Server Error"}` with its
//!   `x-error-id` header — and refers to it as each operation's `5XX` unless the
//!   operation declares `5XX`, `500` or `default`;
//! - documents what the app answers outside any operation, as
//!   `components.responses.NotFound` (an unknown path) and
//!   `MethodNotAllowed` (a known path, another method; with `Allow`).
//!
//! ```
//! use actix_api_error::openapi::ErrorResponses;
//! use utoipa::{Modify, openapi::OpenApi};
//!
//! let mut doc: OpenApi = serde_json::from_value(serde_json::json!({
//!     "openapi": "3.1.0",
//!     "info": {"title": "items", "version": "1"},
//!     "paths": {"/items/{id}": {"get": {
//!         "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
//!         "responses": {"200": {"description": "Successful Response"}}
//!     }}}
//! })).unwrap();
//! ErrorResponses.modify(&mut doc);
//! let get = &doc.paths.paths["/items/{id}"].get.as_ref().unwrap();
//! assert!(get.responses.responses.contains_key("422"));
//! assert!(get.responses.responses.contains_key("5XX"));
//! ```

use utoipa::{
    Modify,
    openapi::{
        ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder,
        header::HeaderBuilder,
        path::Operation,
        response::Response,
        schema::{AnyOfBuilder, ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type},
        security::SecurityScheme,
    },
};

mod api_error;
mod operation;
mod security;

use std::collections::BTreeMap;

#[doc(hidden)]
pub use self::api_error::{Sample, Shape, Variant, responses};
#[doc(hidden)]
pub use self::operation::{AnyResponder, Route};
pub use self::operation::{Context, OperationInput, OperationOutput, Schemas};
use crate::handlers::ERROR_ID_HEADER;

/// Adds the error contract to a document: see the [module](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .schemas
            .insert("ValidationError".into(), validation_error().into());
        components
            .schemas
            .insert("HTTPValidationError".into(), http_validation_error().into());
        components
            .responses
            .insert("InternalServerError".into(), internal_server_error().into());
        components.responses.insert(
            "NotFound".into(),
            reason_response("Not Found: no route has this path", "Not Found", None).into(),
        );
        components.responses.insert(
            "MethodNotAllowed".into(),
            reason_response(
                "Method Not Allowed: the path's routes serve other methods",
                "Method Not Allowed",
                Some(("allow", "The methods the path's routes serve")),
            )
            .into(),
        );

        let mut schemes = BTreeMap::new();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
                &mut item.query,
            ];
            let common_parameters = item.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let additional = item.additional_operations.values_mut();
            for operation in operations.into_iter().flatten().chain(additional) {
                add_responses(operation, common_parameters);
                take_security_schemes(operation, &mut schemes);
            }
        }
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, scheme) in schemes {
            components
                .security_schemes
                .entry(name)
                .or_insert(scheme.into());
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
    reason_response(
        "Not authenticated: the credentials are missing or malformed",
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

/// FastAPI's 422 response: "Validation Error", `HTTPValidationError`.
pub fn validation_error_response() -> Response {
    ResponseBuilder::new()
        .description("Validation Error")
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("HTTPValidationError")))
                .build(),
        )
        .build()
}

/// The 500 every route can answer: the reason phrase, and the id its cause was
/// logged with.
pub fn internal_server_error() -> Response {
    reason_response(
        "Internal Server Error: the cause is logged with the id in `x-error-id`",
        "Internal Server Error",
        Some((
            ERROR_ID_HEADER.as_str(),
            "The error's id (32 hex digits), as in the log",
        )),
    )
}

/// `{"detail": <reason>}`, with one header.
fn reason_response(description: &str, reason: &str, header: Option<(&str, &str)>) -> Response {
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
    response
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(detail_body(string())))
                .example(Some(serde_json::json!({ "detail": reason })))
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
