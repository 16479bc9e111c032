//! What the `openapi` example's document promises is what it sends: every
//! documented status of every operation is triggered over HTTP, each body
//! validates against its documented schema (JSON Schema 2020-12, as OpenAPI
//! 3.1 says), each header sent is documented, and every answer's status is
//! documented for its operation.

use crate::support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::example::{Example, RawResponse};

/// One request, and the operation of the document it exercises.
struct Case {
    operation: (&'static str, &'static str),
    method: &'static str,
    uri: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    status: u16,
}

const TOKEN: &[(&str, &str)] = &[("x-token", "secret"), ("content-type", "application/json")];

/// In order: the POST adds item 3, which the DELETEs remove.
const CASES: &[Case] = &[
    Case {
        operation: ("get", "/items"),
        method: "GET",
        uri: "/items?limit=1",
        headers: &[],
        body: "",
        status: 200,
    },
    Case {
        operation: ("get", "/items"),
        method: "GET",
        uri: "/items?limit=x",
        headers: &[],
        body: "",
        status: 422,
    },
    Case {
        operation: ("get", "/items/{item_id}"),
        method: "GET",
        uri: "/items/1",
        headers: &[],
        body: "",
        status: 200,
    },
    Case {
        operation: ("get", "/items/{item_id}"),
        method: "GET",
        uri: "/items/99",
        headers: &[],
        body: "",
        status: 404,
    },
    Case {
        operation: ("get", "/items/{item_id}"),
        method: "GET",
        uri: "/items/2",
        headers: &[],
        body: "",
        status: 404,
    },
    Case {
        operation: ("get", "/items/{item_id}"),
        method: "GET",
        uri: "/items/x",
        headers: &[],
        body: "",
        status: 422,
    },
    Case {
        operation: ("post", "/items"),
        method: "POST",
        uri: "/items",
        headers: TOKEN,
        body: r#"{"name":"clock","price":12}"#,
        status: 200,
    },
    Case {
        operation: ("post", "/items"),
        method: "POST",
        uri: "/items",
        headers: TOKEN,
        body: r#"{"name":"towel","price":1}"#,
        status: 409,
    },
    Case {
        operation: ("post", "/items"),
        method: "POST",
        uri: "/items",
        headers: TOKEN,
        body: r#"{"name":"car","price":5000}"#,
        status: 400,
    },
    Case {
        operation: ("post", "/items"),
        method: "POST",
        uri: "/items",
        headers: &[("x-token", "guess"), ("content-type", "application/json")],
        body: r#"{"name":"car","price":1}"#,
        status: 401,
    },
    Case {
        operation: ("post", "/items"),
        method: "POST",
        uri: "/items",
        headers: &[("content-type", "application/json")],
        body: r#"{"price":"free"}"#,
        status: 422,
    },
    Case {
        operation: ("delete", "/items/{item_id}"),
        method: "DELETE",
        uri: "/items/3",
        headers: &[],
        body: "",
        status: 200,
    },
    Case {
        operation: ("delete", "/items/{item_id}"),
        method: "DELETE",
        uri: "/items/3",
        headers: &[],
        body: "",
        status: 404,
    },
    Case {
        operation: ("delete", "/items/{item_id}"),
        method: "DELETE",
        uri: "/items/x",
        headers: &[],
        body: "",
        status: 422,
    },
];

/// Headers any response may carry without being documented.
const STANDARD_HEADERS: &[&str] = &["content-length", "content-type", "date", "connection"];

/// The `problem_details` example documents its errors as problems
/// (`ProblemResponses`).
/// (Its routes answer `HttpResponse`: their success has no schema to check.)
const PROBLEM_CASES: &[Case] = &[
    Case {
        operation: ("get", "/items/{id}"),
        method: "GET",
        uri: "/items/bar",
        headers: &[],
        body: "",
        status: 404,
    },
    Case {
        operation: ("get", "/items/{id}"),
        method: "GET",
        uri: "/items/taken",
        headers: &[],
        body: "",
        status: 409,
    },
    Case {
        operation: ("get", "/users/{user}"),
        method: "GET",
        uri: "/users/ann",
        headers: &[],
        body: "",
        status: 404,
    },
    Case {
        operation: ("get", "/teapot"),
        method: "GET",
        uri: "/teapot",
        headers: &[],
        body: "",
        status: 418,
    },
    Case {
        operation: ("get", "/bug"),
        method: "GET",
        uri: "/bug",
        headers: &[],
        body: "",
        status: 500,
    },
];

#[test]
fn the_openapi_example_sends_what_its_document_promises() {
    let exercised = walk("openapi", CASES);
    // Every documented status is exercised, but the 5XX every route shares
    // (checked on its own in test_openapi).
    let doc: Value =
        serde_json::from_str(&Example::start("openapi").get("/openapi.json").body).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in operation["responses"].as_object().unwrap().keys() {
                let key = (method.clone(), path.clone(), status.clone());
                assert!(
                    status == "5XX" || exercised.contains(&key),
                    "{method} {path} documents {status}, never sent"
                );
            }
        }
    }
}

#[test]
fn the_problem_details_example_sends_what_its_document_promises() {
    walk("problem_details", PROBLEM_CASES);
}

/// Sends each case to the example, checks the answer against its document,
/// and gives back the (method, path, response key) exercised.
fn walk(name: &str, cases: &[Case]) -> BTreeSet<(String, String, String)> {
    let example = Example::start(name);
    let doc: Value = serde_json::from_str(&example.get("/openapi.json").body).unwrap();

    let mut exercised = BTreeSet::new();
    for case in cases {
        let (method, path) = case.operation;
        let res = example.send(case.method, case.uri, case.headers, case.body);
        assert_eq!(
            res.status, case.status,
            "{} {}: {res:?}",
            case.method, case.uri
        );
        let (key, response) = documented(&doc, method, path, res.status)
            .unwrap_or_else(|| panic!("{method} {path} does not document {}: {res:?}", res.status));
        check(
            &doc,
            &response,
            &res,
            &format!("{} {}", case.method, case.uri),
        );
        // `default` is an `HttpException`'s: any status, any headers.
        if key != "default" {
            check_headers(&response, &res, &format!("{} {}", case.method, case.uri));
        }
        exercised.insert((method.to_owned(), path.to_owned(), key));
    }

    // What the app answers outside any operation, documented once.
    for (method, uri, status, component) in [
        ("GET", "/no/such/route", 404, "NotFound"),
        ("PUT", cases[0].uri, 405, "MethodNotAllowed"),
    ] {
        let res = example.send(method, uri, &[], "");
        assert_eq!(res.status, status, "{res:?}");
        let response = resolve(&doc, &format!("#/components/responses/{component}")).clone();
        check(&doc, &response, &res, &format!("{method} {uri}"));
        check_headers(&response, &res, &format!("{method} {uri}"));
    }
    exercised
}

/// The documented response for `status` and its key: its own, its class
/// (`4XX`), or `default`; a `$ref` to `components.responses` followed.
fn documented(doc: &Value, method: &str, path: &str, status: u16) -> Option<(String, Value)> {
    let responses = &doc["paths"][path][method]["responses"];
    let key = [
        status.to_string(),
        format!("{}XX", status / 100),
        "default".into(),
    ]
    .into_iter()
    .find(|key| responses.get(key).is_some())?;
    let response = &responses[&key];
    let response = match response["$ref"].as_str() {
        Some(reference) => resolve(doc, reference).clone(),
        None => response.clone(),
    };
    Some((key, response))
}

fn resolve<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    doc.pointer(reference.trim_start_matches('#')).unwrap()
}

/// The body validates against the documented schema, the examples too.
fn check(doc: &Value, response: &Value, res: &RawResponse, what: &str) {
    let media_type = res.header("content-type").unwrap_or_default();
    let content = &response["content"][media_type];
    let mut schema = content["schema"].clone();
    assert!(
        schema.is_object(),
        "{what}: no schema documented for {media_type}: {response}"
    );
    schema["components"] = doc["components"].clone();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let body: Value = serde_json::from_str(&res.body).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: {body} does not match {schema}: {errors:?}"
    );
    for (name, example) in content["examples"].as_object().into_iter().flatten() {
        let value = &example["value"];
        assert!(
            validator.is_valid(value),
            "{what}: example {name} {value} does not match"
        );
    }
    let documented: Vec<&String> = response["content"].as_object().unwrap().keys().collect();
    assert_eq!(documented, [media_type], "{what}: one body, the one sent");
}

/// Every header sent is documented.
fn check_headers(response: &Value, res: &RawResponse, what: &str) {
    for (name, _) in &res.headers {
        let name = name.to_ascii_lowercase();
        assert!(
            STANDARD_HEADERS.contains(&name.as_str()) || response["headers"].get(&name).is_some(),
            "{what}: sends {name}, not documented in {response}"
        );
    }
}
