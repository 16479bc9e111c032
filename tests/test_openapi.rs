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
