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

mod routes {
    //! What the route macros document: nothing written twice.

    use actix_api_error::{
        ExceptionHandlers, ServerError, api_error,
        extract::{Cookie, Form, Header, Json, Path, Query},
        get,
        openapi::ErrorResponses,
        post, route,
    };
    use actix_web::{App, HttpRequest, HttpResponse, Responder};
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};
    use utoipa::{OpenApi, ToSchema};

    #[derive(Deserialize, Serialize, ToSchema)]
    struct Item {
        name: String,
        price: f64,
    }

    #[derive(Deserialize, ToSchema)]
    #[allow(dead_code)] // documented, not read
    struct Filter {
        /// Words to look for.
        q: String,
        limit: Option<u32>,
    }

    #[derive(Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Auth {
        x_token: String,
    }

    #[derive(Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Session {
        session: String,
    }

    #[derive(Debug, Serialize, ToSchema)]
    struct Conflict {
        existing: u32,
    }

    /// Generic: the detail's schema is its type argument's.
    #[api_error(status = 409)]
    #[derive(Debug)]
    struct Taken<T>(#[api_error(detail)] T);

    #[api_error]
    #[derive(Debug)]
    #[allow(dead_code)] // the route is documented, never served
    enum ItemError {
        #[api_error(status = 404, detail = "Item not found")]
        NotFound,
    }

    /// Find items
    ///
    /// Every item whose name has the words.
    #[get("/items/{item_id:\\d{1,9}}")]
    async fn find(
        _req: HttpRequest,
        _path: Path<u32>,
        _filter: Query<Filter>,
        _auth: Header<Auth>,
        _session: Option<Cookie<Session>>,
    ) -> Result<Json<Vec<Item>>, ItemError> {
        Err(ItemError::NotFound)
    }

    #[post("/items")]
    async fn create(item: Json<Item>) -> Result<Json<Item>, Taken<Conflict>> {
        Ok(item)
    }

    #[deprecated]
    #[route("/forms", method = "POST", method = "PUT")]
    async fn form(_item: Option<Form<Item>>) -> impl Responder {
        HttpResponse::NoContent()
    }

    #[get("/plain")]
    async fn plain() -> String {
        String::new()
    }

    #[get("/raw/{name}")]
    async fn raw(req: HttpRequest) -> HttpResponse {
        HttpResponse::Ok().body(req.match_info()["name"].to_owned())
    }

    #[get("/boom")]
    async fn boom() -> Result<HttpResponse, ServerError> {
        Err(std::io::Error::other("disk on fire").into())
    }

    #[derive(OpenApi)]
    #[openapi(paths(find, create, form, plain, raw, boom), modifiers(&ErrorResponses))]
    struct Doc;

    fn doc() -> Value {
        serde_json::to_value(Doc::openapi()).unwrap()
    }

    #[test]
    fn parameters_come_from_the_extractors() {
        let doc = doc();
        let read = &doc["paths"]["/items/{item_id}"]["get"];
        assert_eq!(read["operationId"], "find");
        assert_eq!(read["summary"], "Find items");
        assert_eq!(read["description"], "Every item whose name has the words.");
        let parameters: Vec<(&str, &str, bool)> = read["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap(),
                    p["in"].as_str().unwrap(),
                    p["required"].as_bool().unwrap(),
                )
            })
            .collect();
        // `Path<u32>` is named by the path (its regex, braces and all, left
        // out); the
        // header's field `x_token` is read as `x-token`; a cookie under
        // `Option` is not required.
        assert_eq!(
            parameters,
            [
                ("item_id", "path", true),
                ("q", "query", true),
                ("limit", "query", false),
                ("x-token", "header", true),
                ("session", "cookie", false),
            ]
        );
        assert_eq!(read["parameters"][1]["description"], "Words to look for.");
    }

    #[test]
    fn the_body_success_and_errors_come_from_the_signature() {
        let doc = doc();
        let post = &doc["paths"]["/items"]["post"];
        assert_eq!(
            post["requestBody"],
            json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}, "required": true})
        );
        assert_eq!(
            post["responses"]["200"],
            json!({"description": "Successful Response", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}})
        );
        assert_eq!(
            post["responses"]["409"]["content"]["application/json"]["schema"],
            json!({"type": "object", "required": ["detail"], "properties": {"detail": {"type": "object", "required": ["existing"], "properties": {"existing": {"type": "integer", "format": "int32", "minimum": 0}}}}})
        );
        assert_eq!(
            post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/HTTPValidationError"
        );
        assert!(doc["components"]["schemas"]["Item"].is_object());

        let read = &doc["paths"]["/items/{item_id}"]["get"];
        assert_eq!(
            read["responses"]["200"]["content"]["application/json"]["schema"]["type"],
            "array"
        );
        assert_eq!(
            read["responses"]["404"]["content"]["application/json"]["examples"]["NotFound"]["value"],
            json!({"detail": "Item not found"})
        );
    }

    #[test]
    fn methods_options_and_plain_returns() {
        let doc = doc();
        let forms = &doc["paths"]["/forms"];
        for method in ["post", "put"] {
            let operation = &forms[method];
            assert_eq!(operation["deprecated"], true);
            assert_eq!(
                operation["requestBody"]["required"], false,
                "Option<Form<_>>"
            );
            assert!(
                operation["requestBody"]["content"]["application/x-www-form-urlencoded"]
                    .is_object()
            );
            assert_eq!(
                operation["responses"]["200"],
                json!({"description": "Successful Response"})
            );
        }
        let text = &doc["paths"]["/plain"]["get"];
        assert_eq!(
            text["responses"]["200"]["content"]["text/plain; charset=utf-8"]["schema"],
            json!({"type": "string"})
        );
        assert_eq!(text["responses"].get("422"), None, "no input, no 422");
        assert_eq!(text["summary"], Value::Null);

        // A path parameter no extractor reads is still declared, as a string.
        assert_eq!(
            doc["paths"]["/raw/{name}"]["get"]["parameters"],
            json!([{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}])
        );
    }

    /// A route answering `ServerError` documents the 500 it sends: the reason
    /// phrase and the id the cause was logged with, never the cause.
    #[actix_web::test]
    async fn a_server_error_is_documented_as_sent() {
        let doc = doc();
        let documented = &doc["paths"]["/boom"]["get"]["responses"]["500"];
        assert!(documented["headers"]["x-error-id"].is_object());
        let app =
            actix_web::test::init_service(App::new().wrap(ExceptionHandlers::new()).service(boom))
                .await;
        let res = crate::support::get(&app, "/boom").await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (500, r#"{"detail":"Internal Server Error"}"#)
        );
        assert_eq!(res.header("x-error-id").map(str::len), Some(32));
        let schema = &documented["content"]["application/json"]["schema"];
        let body: Value = serde_json::from_str(&res.body).unwrap();
        assert!(jsonschema::draft202012::is_valid(schema, &body), "{schema}");
    }
}

mod problems {
    //! `ProblemResponses`: the same contract as RFC 9457 problem details, for
    //! an app with `ExceptionHandlers::new().problem_details()`.

    use actix_api_error::{
        api_error,
        extract::Json,
        openapi::{ErrorResponses, ProblemResponses},
        post,
        security::HttpBearer,
    };
    use serde_json::{Value, json};
    use utoipa::{IntoResponses, OpenApi};

    /// The base every problem shares: `type`, `title`, `status`.
    fn problem(required: &[&str], extra: Value) -> Value {
        let mut properties = json!({
            "type": {"type": "string", "format": "uri-reference", "description": "The problem type: its URI, or `about:blank`", "default": "about:blank"},
            "title": {"type": "string", "description": "The problem type's title; for `about:blank`, the status's reason phrase"},
            "status": {"type": "integer", "description": "The HTTP status code"},
        });
        properties
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let mut all = vec!["type", "title", "status"];
        all.extend(required);
        json!({"type": "object", "required": all, "properties": properties})
    }

    fn detail() -> Value {
        json!({"type": "string", "description": "What went wrong, for a person"})
    }

    /// Not sent: documented only.
    #[api_error(
        status = 403,
        problem_type = "https://example.com/probs/account",
        title = "Account problem"
    )]
    #[derive(Debug)]
    #[allow(dead_code)]
    enum AccountError {
        #[api_error(detail = "Account locked")]
        Locked,
        #[api_error(
            status = 404,
            code = "unknown_user",
            loc(path, "user"),
            detail = "Unknown user"
        )]
        UnknownUser,
    }

    #[derive(serde::Deserialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    struct Item {
        name: String,
    }

    #[post("/items")]
    async fn create(_auth: HttpBearer, _item: Json<Item>) -> Result<String, AccountError> {
        Ok(String::new())
    }

    #[derive(OpenApi)]
    #[openapi(paths(create), modifiers(&ProblemResponses))]
    struct Problems;

    #[derive(OpenApi)]
    #[openapi(paths(create), modifiers(&ErrorResponses))]
    struct Plain;

    #[test]
    fn every_error_is_documented_as_a_problem() {
        let doc = serde_json::to_value(Problems::openapi()).unwrap();
        let responses = &doc["paths"]["/items"]["post"]["responses"];
        assert_eq!(
            responses["422"],
            json!({"description": "Validation Error", "content": {"application/problem+json": {"schema": {
                "type": "object",
                "title": "HTTPValidationProblem",
                "required": ["type", "title", "status", "detail", "errors"],
                "properties": problem(&["detail", "errors"], json!({
                    "detail": detail(),
                    "errors": {"type": "array", "items": {"allOf": [
                        {"$ref": "#/components/schemas/ValidationError"},
                        {"type": "object", "required": ["pointer"], "properties": {"pointer": {"type": "string", "description": "`loc` as a JSON Pointer in a URI fragment: `#/body/tags/1/name`"}}},
                    ]}},
                }))["properties"],
            }}}})
        );
        // The error type's own problem type and title, in its examples.
        let forbidden = &responses["403"]["content"];
        assert_eq!(forbidden.as_object().unwrap().len(), 1, "{forbidden}");
        assert_eq!(
            forbidden["application/problem+json"],
            json!({
                "schema": problem(&["detail"], json!({"detail": detail()})),
                "examples": {"Locked": {"summary": "Locked", "value": {"type": "https://example.com/probs/account", "title": "Account problem", "status": 403, "detail": "Account locked"}}},
            })
        );
        // Safir's coded list is `errors`, each item with its pointer.
        assert_eq!(
            responses["404"]["content"]["application/problem+json"]["examples"]["UnknownUser"]["value"],
            json!({"type": "https://example.com/probs/account", "title": "Account problem", "status": 404, "errors": [{"loc": ["path", "user"], "msg": "Unknown user", "type": "unknown_user", "pointer": "#/path/user"}]})
        );
        // A security scheme's 401, with its challenge.
        let unauthorized = &responses["401"];
        assert!(unauthorized["headers"]["www-authenticate"].is_object());
        assert_eq!(
            unauthorized["content"]["application/problem+json"]["example"],
            json!({"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "Not authenticated"})
        );
        // The 500 names its error id as `instance`; the app's own 404 and 405.
        let components = &doc["components"];
        assert_eq!(
            components["responses"]["InternalServerError"]["content"],
            json!({"application/problem+json": {
                "schema": problem(&["detail"], json!({
                    "detail": detail(),
                    "instance": {"type": "string", "format": "uri-reference", "description": "`urn:uuid:` and the error id of `x-error-id`, as in the log"},
                })),
                "example": {"type": "about:blank", "title": "Internal Server Error", "status": 500, "detail": "Internal Server Error"},
            }})
        );
        assert_eq!(
            components["responses"]["MethodNotAllowed"]["content"]["application/problem+json"]["example"],
            json!({"type": "about:blank", "title": "Method Not Allowed", "status": 405, "detail": "Method Not Allowed"})
        );
        // FastAPI's item schema stays (the problem's errors refer to it); its
        // body schema goes.
        assert!(components["schemas"]["ValidationError"].is_object());
        assert_eq!(components["schemas"].get("HTTPValidationError"), None);
        let errors = responses
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "200");
        let bodies = errors.chain(components["responses"].as_object().unwrap());
        for (key, response) in bodies {
            let content = &response["content"];
            assert!(
                content.get("application/json").is_none(),
                "{key}: {content}"
            );
        }
    }

    #[test]
    fn each_modifier_keeps_its_own_body() {
        // Without a modifier, an error type documents both bodies.
        let responses = serde_json::to_value(AccountError::responses()).unwrap();
        let types: Vec<&String> = responses["403"]["content"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(types, ["application/json", "application/problem+json"]);

        let plain = serde_json::to_value(Plain::openapi()).unwrap();
        assert!(!plain.to_string().contains("problem+json"), "{plain}");
        assert_eq!(
            plain["paths"]["/items"]["post"]["responses"]["403"]["content"]["application/json"]["examples"]
                ["Locked"]["value"],
            json!({"detail": "Account locked"})
        );
        assert!(plain["components"]["schemas"]["HTTPValidationError"].is_object());
    }

    /// A JSON field goes where the switch sends it: a `serde_json::Value` may
    /// be text (`detail`), a list (`errors`) or other JSON (`data`).
    #[test]
    fn a_json_field_is_documented_where_it_is_sent() {
        let responses = serde_json::to_value(super::ItemError::responses()).unwrap();
        let any = &responses["422"]["content"]["application/problem+json"]["schema"];
        assert_eq!(any["required"], json!(["type", "title", "status"]));
        let members: Vec<&String> = any["properties"].as_object().unwrap().keys().collect();
        assert_eq!(
            members,
            ["type", "title", "status", "detail", "errors", "data"]
        );
    }
}
