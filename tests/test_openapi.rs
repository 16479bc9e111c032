//! The error contract in OpenAPI: FastAPI's schemas and 422 rule, and the 500
//! every route can answer (feature `openapi`).

use actix_api_error::openapi::ErrorResponses;
use serde_json::{Value, json};
use utoipa::{Modify, openapi::OpenApi};

fn document(paths: Value) -> OpenApi {
    serde_json::from_value(json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
    }))
    .unwrap()
}

fn modified(paths: Value) -> Value {
    let mut doc = document(paths);
    ErrorResponses.modify(&mut doc);
    serde_json::to_value(&doc).unwrap()
}

/// FastAPI 0.165's `/openapi.json` for `conformance/app.py`: these two schemas,
/// as JSON values (utoipa writes an object's keys in its own order).
#[test]
fn the_validation_schemas_are_fastapi_s() {
    let doc = modified(json!({}));
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["ValidationError"],
        json!({"properties": {"loc": {"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}, "type": "array", "title": "Location"}, "msg": {"type": "string", "title": "Message"}, "type": {"type": "string", "title": "Error Type"}, "input": {"title": "Input"}, "ctx": {"type": "object", "title": "Context"}}, "type": "object", "required": ["loc", "msg", "type"], "title": "ValidationError"})
    );
    assert_eq!(
        schemas["HTTPValidationError"],
        json!({"properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"}, "type": "array", "title": "Detail"}}, "type": "object", "title": "HTTPValidationError"})
    );
}

#[test]
fn operations_with_input_get_fastapi_s_422_unless_they_declare_one() {
    let ok = json!({"200": {"description": "Successful Response"}});
    let param =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
    let doc = modified(json!({
        "/items/{id}": {
            "get": {"parameters": param, "responses": ok},
            "put": {"parameters": param, "responses": {"4XX": {"description": "Mine"}}},
            "delete": {"parameters": param, "responses": {"default": {"description": "Mine"}}},
        },
        "/items": {
            "post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}, "responses": ok},
            "get": {"responses": ok},
        },
        "/shared/{id}": {"parameters": param, "get": {"responses": ok}},
    }));
    let responses = |path: &str, method: &str| doc["paths"][path][method]["responses"].clone();
    let fastapi_422 = json!({"description": "Validation Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}});
    assert_eq!(responses("/items/{id}", "get")["422"], fastapi_422);
    assert_eq!(responses("/items", "post")["422"], fastapi_422);
    assert_eq!(responses("/shared/{id}", "get")["422"], fastapi_422);
    assert_eq!(responses("/items/{id}", "put").get("422"), None);
    assert_eq!(responses("/items/{id}", "delete").get("422"), None);
    assert_eq!(
        responses("/items", "get").get("422"),
        None,
        "no input, no 422"
    );

    // The 500 is documented once and referred to by every operation without its own.
    let server_error = json!({"$ref": "#/components/responses/InternalServerError"});
    assert_eq!(responses("/items", "get")["5XX"], server_error);
    assert_eq!(responses("/items/{id}", "delete").get("5XX"), None);
    let component = &doc["components"]["responses"]["InternalServerError"];
    assert!(
        component["headers"]["x-error-id"].is_object(),
        "{component}"
    );
    assert_eq!(
        component["content"]["application/json"]["example"],
        json!({"detail": "Internal Server Error"})
    );
}

#[actix_api_error::api_error(status = 400, headers(("X-Api", "v1")))]
#[derive(Debug)]
#[allow(dead_code)] // documented, not sent
enum ItemError {
    /// The item does not exist.
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    /// The owner does not exist.
    #[api_error(
        status = 404,
        code = "unknown_user",
        loc(path, "user"),
        detail = "Unknown user"
    )]
    UnknownOwner,
    #[api_error(status = 409, detail = "Item {0} exists", headers(("Retry-After", "{1}")))]
    Exists(String, u32),
    #[api_error(status = 422)]
    Rejected(#[api_error(detail)] serde_json::Value),
    #[api_error(status = 503)]
    Down,
}

#[test]
fn an_api_error_documents_every_status_it_sends() {
    use utoipa::IntoResponses;
    let responses = serde_json::to_value(ItemError::responses()).unwrap();
    assert_eq!(
        responses.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["404", "409", "422", "503"]
    );

    // Two variants share 404: one response, both shapes, each body an example.
    let not_found = &responses["404"];
    assert_eq!(not_found["description"], "Not Found");
    let content = &not_found["content"]["application/json"];
    assert_eq!(content["schema"]["oneOf"].as_array().unwrap().len(), 2);
    assert_eq!(
        content["examples"]["NotFound"],
        json!({"summary": "The item does not exist.", "value": {"detail": "Item not found"}})
    );
    assert_eq!(
        content["examples"]["UnknownOwner"]["value"],
        json!({"detail": [{"loc": ["path", "user"], "msg": "Unknown user", "type": "unknown_user"}]})
    );
    assert!(not_found["headers"]["x-api"].is_object());

    // A formatted detail shows its template; a variant's header is documented.
    let exists = &responses["409"];
    assert_eq!(
        exists["content"]["application/json"]["examples"]["Exists"]["value"],
        json!({"detail": "Item {0} exists"})
    );
    assert!(exists["headers"]["retry-after"].is_object());

    // A JSON field: any detail; a concealed 5xx: the reason and its id.
    assert_eq!(
        responses["422"]["content"]["application/json"]["schema"]["properties"]["detail"],
        json!({})
    );
    let down = &responses["503"];
    assert!(down["headers"]["x-error-id"].is_object());
    assert_eq!(
        down["content"]["application/json"]["examples"]["Down"]["value"],
        json!({"detail": "Service Unavailable"})
    );
}
