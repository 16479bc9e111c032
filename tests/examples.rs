//! The examples' contract: each runs as `cargo run --example NAME`, listens on
//! `$PORT`, and answers exactly what its documentation says.

use crate::support;

use support::example::{Example, RawResponse};

fn assert_json(res: &RawResponse, status: u16, body: &str) {
    assert_eq!(res.status, status, "{res:?}");
    assert_eq!(
        res.header("content-type"),
        Some("application/json"),
        "{res:?}"
    );
    assert_eq!(res.body, body, "{res:?}");
    assert_eq!(
        res.header("content-length"),
        Some(body.len().to_string().as_str())
    );
}

/// Every example: an unknown route is a JSON 404, a known path with the wrong
/// method a JSON 405.
fn assert_routing_errors(example: &Example, known_path: &str, wrong_method: &str) {
    assert_json(
        &example.get("/no/such/route"),
        404,
        r#"{"detail":"Not Found"}"#,
    );
    let res = example.request(wrong_method, known_path, &[]);
    assert_json(&res, 405, r#"{"detail":"Method Not Allowed"}"#);
    assert!(res.header("allow").is_some(), "405 without Allow: {res:?}");
}

#[test]
fn http_exception() {
    let example = Example::start("http_exception");
    assert_json(
        &example.get("/items/foo"),
        200,
        r#"{"item":"The Foo Wrestlers"}"#,
    );
    assert_json(
        &example.get("/items/bar"),
        404,
        r#"{"detail":"Item not found"}"#,
    );
    assert_json(
        &example.get("/items-json/bar"),
        404,
        r#"{"detail":{"data":"empty"}}"#,
    );
    assert_routing_errors(&example, "/items/foo", "POST");
}

#[test]
fn custom_headers() {
    let example = Example::start("custom_headers");
    let res = example.get("/items-header/bar");
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);
    assert_eq!(res.header("x-error"), Some("There goes my error"));

    let res = example.get("/items-unicode/bar");
    assert_eq!(
        (res.status, res.body.as_str()),
        (404, r#"{"detail":"Item not found"}"#)
    );
    // Python: quote("this is my header error info 中文信息")
    assert_eq!(
        res.header("my-header"),
        Some("this%20is%20my%20header%20error%20info%20%E4%B8%AD%E6%96%87%E4%BF%A1%E6%81%AF")
    );
    assert_eq!(
        res.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_json(
        &example.get("/items-header/foo"),
        200,
        r#"{"item":"The Foo Wrestlers"}"#,
    );
    assert_routing_errors(&example, "/items-unicode/bar", "DELETE");
}

#[test]
fn custom_handler() {
    let example = Example::start("custom_handler");
    assert_json(
        &example.get("/unicorns/yolo"),
        418,
        r#"{"message":"Oops! yolo did something. There goes a rainbow..."}"#,
    );
    assert_json(
        &example.get("/unicorns/rainbow"),
        200,
        r#"{"unicorn_name":"rainbow"}"#,
    );
    assert_routing_errors(&example, "/unicorns/yolo", "PUT");
}

#[test]
fn request_info() {
    let example = Example::start("request_info");
    let res = example.request("POST", "/raise_my_exception/raise", &[("X-Trace", "abc")]);
    assert_eq!(res.status, 400, "{res:?}");
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let keys: Vec<_> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "exception_occurred_time",
            "exception_uuid",
            "method",
            "url",
            "headers"
        ]
    );
    let time = body["exception_occurred_time"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(time).is_ok(),
        "ISO 8601: {time}"
    );
    let uuid = body["exception_uuid"].as_str().unwrap();
    assert!(
        uuid.len() == 32 && uuid.bytes().all(|b| b.is_ascii_hexdigit()),
        "{uuid}"
    );
    assert_eq!(body["method"], "POST");
    let url = format!("http://127.0.0.1:{}/raise_my_exception/raise", example.port);
    assert_eq!(body["url"], url.as_str());
    assert_eq!(body["headers"]["x-trace"], "abc");
    assert_eq!(
        body["headers"]["host"],
        format!("127.0.0.1:{}", example.port).as_str()
    );

    let other = example.request("POST", "/raise_my_exception/raise", &[]);
    let other: serde_json::Value = serde_json::from_str(&other.body).unwrap();
    assert_ne!(
        other["exception_uuid"], body["exception_uuid"],
        "a new id per error"
    );

    let res = example.request("POST", "/raise_my_exception/calm", &[]);
    assert_eq!(res.status, 200);
    let body: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let keys: Vec<_> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["url", "method", "headers"]);
    assert_eq!(body["method"], "POST");
    assert_routing_errors(&example, "/raise_my_exception/raise", "GET");
}

#[test]
fn structured_errors() {
    let example = Example::start("structured_errors");
    assert_json(
        &example.get("/users/nobody"),
        404,
        r#"{"detail":[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user"}]}"#,
    );
    assert_json(&example.get("/users/rra"), 200, r#"{"user":"rra"}"#);
    assert_json(
        &example.get("/permission"),
        403,
        r#"{"detail":[{"msg":"Permission denied","type":"permission_denied"}]}"#,
    );
    assert_json(
        &example.get("/foo/bar"),
        404,
        r#"{"detail":[{"loc":["path","foo"],"msg":"There is no foo bar","type":"unknown_foo"}]}"#,
    );
    assert_routing_errors(&example, "/permission", "POST");
}

const INT_PARSING: &str = "Input should be a valid integer, unable to parse string as an integer";

#[test]
fn override_defaults() {
    let example = Example::start("override_defaults");
    let text = |res: &RawResponse| {
        (
            res.status,
            res.header("content-type").map(str::to_owned),
            res.body.clone(),
        )
    };
    let plain = Some("text/plain; charset=utf-8".to_owned());
    assert_eq!(
        text(&example.get("/items/3")),
        (418, plain.clone(), "Nope! I don't like 3.".to_owned())
    );
    assert_eq!(
        text(&example.get("/items/foo")),
        (
            400,
            plain.clone(),
            format!("Validation errors:\nField: ('path', 'item_id'), Error: {INT_PARSING}")
        )
    );
    assert_json(&example.get("/items/2"), 200, r#"{"item_id":2}"#);
    // The HttpException override covers actix's own errors too.
    assert_eq!(
        text(&example.get("/nowhere")),
        (404, plain.clone(), "Not Found".to_owned())
    );
    assert_eq!(
        text(&example.request("POST", "/items/2", &[])),
        (405, plain, "Method Not Allowed".to_owned())
    );
}

#[test]
fn validation_body() {
    let example = Example::start("validation_body");
    let post = |body: &str| example.request_with_body("POST", "/items/", "application/json", body);
    assert_json(
        &post(r#"{"title": "towel", "size": "XL"}"#),
        422,
        &format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["body","size"],"msg":"{INT_PARSING}","input":"XL"}}],"body":{{"title":"towel","size":"XL"}}}}"#
        ),
    );
    assert_json(
        &post(r#"{"title": "towel", "size": 5}"#),
        200,
        r#"{"title":"towel","size":5}"#,
    );
    assert_routing_errors(&example, "/items/", "GET");
}

#[test]
fn reuse_defaults() {
    let example = Example::start("reuse_defaults");
    assert_json(
        &example.get("/items/foo"),
        422,
        &format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["path","item_id"],"msg":"{INT_PARSING}","input":"foo"}}]}}"#
        ),
    );
    assert_json(
        &example.get("/items/3"),
        418,
        r#"{"detail":"Nope! I don't like 3."}"#,
    );
    assert!(example.printed("OMG! The client sent invalid data!: 1 validation error:"));
    assert!(example.printed("OMG! An HTTP error!: 418: Nope! I don't like 3."));
    assert_json(&example.get("/items/2"), 200, r#"{"item_id":2}"#);
    assert_routing_errors(&example, "/items/2", "POST");
}

#[test]
fn constraints() {
    let example = Example::start("constraints");
    let res = example.request_with_body(
        "POST",
        "/users",
        "application/json",
        r#"{"username": "ab", "email": "nope", "age": 12, "tags": []}"#,
    );
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"string_too_short","loc":["body","username"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"value_error","loc":["body","email"],"msg":"value is not a valid email address","input":"nope"},{"type":"greater_than_equal","loc":["body","age"],"msg":"Input should be greater than or equal to 18","input":12,"ctx":{"ge":18}},{"type":"too_short","loc":["body","tags"],"msg":"List should have at least 1 item after validation, not 0","input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}}]}"#,
    );
    assert_json(
        &example.get("/users?limit=500&sort=x"),
        422,
        r#"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},{"type":"string_too_short","loc":["query","sort"],"msg":"String should have at least 2 characters","input":"x","ctx":{"min_length":2}}]}"#,
    );
    assert_json(
        &example.get("/users?limit=5&sort=name"),
        200,
        r#"{"limit":5,"sort":"name","users":[]}"#,
    );
    assert_routing_errors(&example, "/users", "DELETE");
}

#[test]
fn routes() {
    let example = Example::start("routes");
    let res = example.request_with_body(
        "POST",
        "/items/x?limit=y",
        "application/json",
        r#"{"name": 1}"#,
    );
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":1},{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":1}},{"type":"missing","loc":["body","tags"],"msg":"Field required","input":{"name":1}}]}"#,
    );
    let res = example.send(
        "POST",
        "/items/1?limit=500",
        &[("content-type", "application/json"), ("x-token", "t")],
        r#"{"name": "towel", "price": 1.5, "tags": []}"#,
    );
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}}]}"#,
    );
    let res = example.send(
        "POST",
        "/items/1?limit=5",
        &[("content-type", "application/json"), ("x-token", "t")],
        r#"{"name": "towel", "price": 1.5, "tags": ["a"]}"#,
    );
    assert_json(
        &res,
        200,
        r#"{"item_id":1,"limit":5,"token":"t","item":{"name":"towel","price":1.5,"tags":["a"]}}"#,
    );
    assert_json(
        &example.get("/items/7"),
        404,
        r#"{"detail":"Item not found"}"#,
    );
    assert_json(
        &example.request("DELETE", "/items/7", &[]),
        200,
        r#"{"deleted":7}"#,
    );
    let res = example.request("PUT", "/items/1", &[]);
    assert_json(&res, 405, r#"{"detail":"Method Not Allowed"}"#);
    assert_eq!(res.header("allow"), Some("GET, POST, DELETE"));
}

#[test]
fn security() {
    let example = Example::start("security");
    let auth = |path: &str, value: &str| example.request("GET", path, &[("Authorization", value)]);
    let not_authenticated = |res: &RawResponse, challenge: &str| {
        assert_json(res, 401, r#"{"detail":"Not authenticated"}"#);
        assert_eq!(res.header("www-authenticate"), Some(challenge), "{res:?}");
    };

    // stanley:swordfish, then a wrong password, then no credentials at all.
    let res = auth("/basic", "Basic c3RhbmxleTpzd29yZGZpc2g=");
    assert_json(&res, 200, r#"{"username":"stanley"}"#);
    let res = auth("/basic", "Basic c3RhbmxleTpzd29yZGZpc2g");
    not_authenticated(&res, "Basic realm=\"simple\"");
    let res = auth("/basic", "Basic c3RhbmxleTpzd29yZA==");
    assert_json(&res, 401, r#"{"detail":"Incorrect username or password"}"#);
    not_authenticated(&example.get("/basic"), "Basic realm=\"simple\"");

    assert_json(
        &auth("/bearer", "Bearer abc"),
        200,
        r#"{"scheme":"Bearer","credentials":"abc"}"#,
    );
    not_authenticated(&auth("/bearer", "Bearer"), "Bearer");

    let key = example.request("GET", "/apikey", &[("x-api-key", "s3cr3t")]);
    assert_json(&key, 200, r#"{"authenticated":true}"#);
    not_authenticated(&example.get("/apikey"), "APIKey");

    let form = "application/x-www-form-urlencoded";
    let res = example.request_with_body("POST", "/token", form, "username=johndoe&password=secret");
    assert_json(
        &res,
        200,
        r#"{"access_token":"johndoe","token_type":"bearer"}"#,
    );
    let res = example.request_with_body("POST", "/token", form, "username=johndoe&password=nope");
    assert_json(&res, 400, r#"{"detail":"Incorrect username or password"}"#);
    let res = example.request_with_body("POST", "/token", form, "grant_type=code&username=johndoe");
    assert_json(
        &res,
        422,
        concat!(
            r#"{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],"msg":"String should match pattern '^password$'","input":"code","ctx":{"pattern":"^password$"}},"#,
            r#"{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}"#
        ),
    );

    let res = auth("/users/me", "Bearer johndoe");
    assert_json(
        &res,
        200,
        r#"{"username":"johndoe","full_name":"John Doe"}"#,
    );
    not_authenticated(&example.get("/users/me"), "Bearer");
    let res = auth("/users/me", "Bearer mallory");
    assert_json(&res, 401, r#"{"detail":"Could not validate credentials"}"#);
    assert_eq!(
        res.header("www-authenticate"),
        Some(r#"Bearer error="invalid_token""#)
    );
    assert_json(
        &auth("/users/me", "Bearer alice"),
        400,
        r#"{"detail":"Inactive user"}"#,
    );

    let res = auth("/items", "Bearer johndoe");
    assert_json(&res, 200, r#"[{"item_id":"Foo","owner":"johndoe"}]"#);
    let res = auth("/items", "Bearer bob");
    assert_json(&res, 403, r#"{"detail":"Not enough permissions"}"#);
    assert_eq!(
        res.header("www-authenticate"),
        Some(r#"Bearer error="insufficient_scope", scope="items:read""#)
    );

    assert_json(&example.get("/optional"), 200, r#"{"user":null}"#);
    assert_json(&auth("/optional", "Basic abc"), 200, r#"{"user":null}"#);
    assert_json(
        &auth("/optional", "Bearer johndoe"),
        200,
        r#"{"user":"johndoe"}"#,
    );
    assert_routing_errors(&example, "/basic", "POST");
}

#[test]
fn problem_details() {
    let example = Example::start("problem_details");
    let problem = |res: &RawResponse, status: u16, body: &str| {
        assert_eq!(res.status, status, "{res:?}");
        assert_eq!(
            res.header("content-type"),
            Some("application/problem+json"),
            "{res:?}"
        );
        assert_eq!(res.body, body, "{res:?}");
    };
    problem(
        &example.get("/items/bar"),
        404,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found"}"#,
    );
    let res = example.get("/items/taken");
    problem(
        &res,
        409,
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Item taken exists"}"#,
    );
    assert_eq!(res.header("x-error"), Some("duplicate"));
    problem(
        &example.get("/users/ann"),
        404,
        r##"{"type":"about:blank","title":"Not Found","status":404,"errors":[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user","pointer":"#/path/user"}]}"##,
    );
    problem(
        &example.get("/teapot"),
        418,
        r#"{"type":"about:blank","title":"I'm a Teapot","status":418,"data":{"data":"empty"}}"#,
    );
    let res = example.get("/bug");
    let id = res.header("x-error-id").expect("an error id").to_owned();
    let urn = format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &id[..8],
        &id[8..12],
        &id[12..16],
        &id[16..20],
        &id[20..]
    );
    problem(
        &res,
        500,
        &format!(
            r#"{{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"{urn}"}}"#
        ),
    );
    problem(
        &example.get("/no/such/route"),
        404,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found"}"#,
    );
    let res = example.request("POST", "/items/foo", &[]);
    problem(
        &res,
        405,
        r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed"}"#,
    );
    assert_eq!(res.header("allow"), Some("GET"));
    // A custom handler answers what it answers.
    assert_json(
        &example.get("/unicorns/yolo"),
        418,
        r#"{"message":"Oops! yolo did something. There goes a rainbow..."}"#,
    );
}

#[test]
fn catalog() {
    let example = Example::start("catalog");
    let base = format!("http://127.0.0.1:{}/errors", example.port);
    let res = example.get("/items/7");
    assert_eq!(res.status, 404, "{res:?}");
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    assert_eq!(res.header("x-error-code"), Some("item_not_found"));
    assert_eq!(res.header("content-language"), Some("en"));
    assert_eq!(
        res.body,
        format!(
            r#"{{"type":"{base}#item_not_found","title":"Not Found","status":404,"detail":"Item not found"}}"#
        )
    );
    let res = example.request("GET", "/items/7", &[("accept-language", "fr-FR")]);
    assert!(
        res.body.ends_with(r#""detail":"Article introuvable"}"#),
        "{res:?}"
    );
    let res = example.send(
        "POST",
        "/items",
        &[
            ("content-type", "application/json"),
            ("accept-language", "de-CH, fr;q=0.5"),
        ],
        r#"{"name":"Foo","price":"free"}"#,
    );
    assert_eq!(res.status, 422, "{res:?}");
    assert_eq!(res.header("content-language"), Some("de"));
    assert_eq!(
        res.body,
        format!(
            r##"{{"type":"{base}#request_validation_error","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","errors":[{{"type":"float_parsing","loc":["body","price"],"msg":"Die Eingabe muss eine gültige Zahl sein; die Zeichenkette lässt sich nicht als Zahl lesen","input":"free","pointer":"#/body/price"}}]}}"##
        )
    );
    let res = example.send(
        "POST",
        "/items",
        &[
            ("content-type", "application/json"),
            ("accept-language", "fr"),
        ],
        r#"{"price":1}"#,
    );
    assert!(res.body.contains(r#""msg":"Champ obligatoire""#), "{res:?}");
    let page = example.get("/errors");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let listed: serde_json::Value =
        serde_json::from_str(&example.get("/errors.json").body).unwrap();
    for code in [
        "item_not_found",
        "item_exists",
        "locked",
        "payment_required",
        "request_validation_error",
        "float_parsing",
    ] {
        let entry = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["code"] == code);
        let entry = entry.unwrap_or_else(|| panic!("{code} is listed"));
        assert_eq!(entry["type"], format!("{base}#{code}"));
        assert!(entry["status"].is_u64());
        assert!(
            page.body.contains(&format!("<section id=\"{code}\">")),
            "{code}"
        );
    }
    for (path, status, code) in [
        ("/account", 403, "locked"),
        ("/reports", 402, "payment_required"),
    ] {
        let res = example.get(path);
        assert_eq!(
            (res.status, res.header("x-error-code")),
            (status, Some(code)),
            "{res:?}"
        );
    }
}

#[test]
fn production() {
    let example = Example::start("production");
    let browser = [("origin", "http://localhost:3000")];
    let res = example.request("GET", "/items/7", &browser);
    assert_eq!(res.status, 404, "{res:?}");
    assert_eq!(
        res.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let id = res.header("x-request-id").expect("a request id").to_owned();
    assert_eq!(
        res.body,
        format!(
            r#"{{"type":"about:blank","title":"Not Found","status":404,"detail":"Item not found","request_id":"{id}"}}"#
        )
    );
    let traceparent = [(
        "traceparent",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    )];
    let res = example.request("GET", "/boom", &traceparent);
    assert_eq!(res.status, 500, "{res:?}");
    assert_eq!(
        res.header("x-error-id"),
        Some("4bf92f3577b34da6a3ce929d0e0e4736")
    );
    let statuses: Vec<u16> = (0..3).map(|_| example.get("/limited").status).collect();
    assert_eq!(statuses, [200, 200, 429]);
    let res = example.get("/limited");
    assert!(res.header("retry-after").is_some(), "{res:?}");
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    let res = example.get("/admin/stats");
    assert_eq!(
        (res.status, res.body.as_str()),
        (403, "<h1>Admins only</h1>")
    );
    let res = example.get("/metrics");
    assert_eq!(res.status, 200);
    for series in [
        r#"http_server_errors_total{status="404",code="item_not_found",route="/items/{id}"} 1"#,
        r#"http_server_errors_total{status="500",code="server_error",route="unmatched"} 1"#,
        r#"http_server_errors_total{status="429",code="http_error",route="/limited"} 2"#,
        r#"http_server_errors_total{status="403",code="admins_only",route="/admin/stats"} 1"#,
    ] {
        assert!(res.body.contains(series), "{series}\n{}", res.body);
    }
}
