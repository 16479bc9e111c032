//! Files (FastAPI's "Request Files" and "Request Forms and Files"): an
//! `UploadFile` or `FileBytes` field of a form, optional, in a list, beside
//! text fields; FastAPI's errors for each; the limits a form is read within.

use actix_api_error::{
    ExceptionHandlers,
    extract::{FileBytes, Form, FormLimits, UploadFile},
    post, testing,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web::Bytes};
use serde::Deserialize;
use serde_json::json;

fn upload(file: &UploadFile) -> serde_json::Value {
    json!({ "filename": file.filename(), "content_type": file.content_type(), "size": file.size() })
}

#[derive(Deserialize)]
struct One {
    file: UploadFile,
}

#[post("/upload")]
async fn one(Form(form): Form<One>) -> std::io::Result<HttpResponse> {
    let content = form.file.read().await?;
    let mut body = upload(&form.file);
    body["in_memory"] = form.file.in_memory().into();
    body["content_ok"] = (content.len() as u64 == form.file.size()).into();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Deserialize)]
struct Maybe {
    file: Option<UploadFile>,
}

#[post("/optional")]
async fn optional(Form(form): Form<Maybe>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "file": form.file.as_ref().map(upload) }))
}

#[derive(Deserialize)]
struct Many {
    files: Vec<UploadFile>,
}

#[post("/list")]
async fn list(Form(form): Form<Many>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "files": form.files.iter().map(upload).collect::<Vec<_>>() }))
}

#[derive(Deserialize)]
struct Mixed {
    file: FileBytes,
    fileb: UploadFile,
    token: String,
}

#[post("/mixed")]
async fn mixed(Form(form): Form<Mixed>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "file": String::from_utf8_lossy(&form.file), "fileb": upload(&form.fileb), "token": form.token,
    }))
}

/// A multipart body: `(name, value)` is a text field, `(name, value, filename)` a file.
fn multipart(parts: &[(&str, &[u8], Option<&str>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value, filename) in parts {
        let filename = filename.map_or_else(String::new, |f| format!("; filename=\"{f}\""));
        let content_type = if filename.is_empty() {
            ""
        } else {
            "\r\nContent-Type: text/plain"
        };
        body.extend_from_slice(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"{filename}{content_type}\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"--XyZ--\r\n");
    body
}

fn post(path: &str, body: Vec<u8>) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "multipart/form-data; boundary=XyZ"))
        .set_payload(Bytes::from(body))
}

const MISSING_FILE: &str =
    r#"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}"#;

#[actix_web::test]
async fn files_and_fields_as_fastapi_reads_them() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .service((one, optional, list, mixed));
    let app = init_service(app).await;

    testing::call(&app, post("/upload", multipart(&[("file", b"hello", Some("caf\u{e9}.txt"))])))
        .await
        .assert_status(200)
        .assert_body(r#"{"filename":"café.txt","content_type":"text/plain","size":5,"in_memory":true,"content_ok":true}"#);
    // Missing, a browser's empty file input, or no parts: FastAPI's `missing`.
    for body in [
        multipart(&[("other", b"x", None)]),
        multipart(&[("file", b"", Some(""))]),
        b"--XyZ--\r\n".to_vec(),
    ] {
        testing::call(&app, post("/upload", body))
            .await
            .assert_status(422)
            .assert_body(MISSING_FILE);
    }
    // A text field where a file is expected.
    let text_for_file = r#"{"detail":[{"type":"value_error","loc":["body","file"],"msg":"Value error, Expected UploadFile, received: <class 'str'>","input":"hello","ctx":{"error":{}}}]}"#;
    testing::call(
        &app,
        post("/upload", multipart(&[("file", b"hello", None)])),
    )
    .await
    .assert_body(text_for_file);
    let urlencoded = TestRequest::post()
        .uri("/optional")
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload("file=hello");
    testing::call(&app, urlencoded)
        .await
        .assert_body(text_for_file);

    // Optional: `None` when not sent; a list in order.
    testing::call(
        &app,
        post("/optional", multipart(&[("file", b"", Some(""))])),
    )
    .await
    .assert_body(r#"{"file":null}"#);
    testing::call(
        &app,
        post("/list", multipart(&[("files", b"a", Some("a.txt")), ("files", b"bb", Some("b.txt"))])),
    )
    .await
    .assert_body(r#"{"files":[{"filename":"a.txt","content_type":"text/plain","size":1},{"filename":"b.txt","content_type":"text/plain","size":2}]}"#);
    testing::call(&app, post("/list", multipart(&[("files", b"text", None)])))
        .await
        .assert_body(r#"{"detail":[{"type":"value_error","loc":["body","files",0],"msg":"Value error, Expected UploadFile, received: <class 'str'>","input":"text","ctx":{"error":{}}}]}"#);

    // Files beside fields: `FileBytes` takes a file or a text field; a file
    // where text is expected is string_type, echoing the file.
    testing::call(
        &app,
        post(
            "/mixed",
            multipart(&[("file", b"raw", None), ("fileb", b"xyz", Some("b.txt")), ("token", b"t", None)]),
        ),
    )
    .await
    .assert_body(r#"{"file":"raw","fileb":{"filename":"b.txt","content_type":"text/plain","size":3},"token":"t"}"#);
    testing::call(
        &app,
        post(
            "/mixed",
            multipart(&[("file", b"a", Some("a")), ("fileb", b"b", Some("b")), ("token", b"t", Some("t.txt"))]),
        ),
    )
    .await
    .assert_body(r#"{"detail":[{"type":"string_type","loc":["body","token"],"msg":"Input should be a valid string","input":{"filename":"t.txt","size":1,"headers":{"content-disposition":"form-data; name=\"token\"; filename=\"t.txt\"","content-type":"text/plain"}}}]}"#);
    testing::call(&app, post("/mixed", multipart(&[("other", b"x", None)])))
        .await
        .assert_body(r#"{"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null},{"type":"missing","loc":["body","fileb"],"msg":"Field required","input":null},{"type":"missing","loc":["body","token"],"msg":"Field required","input":null}]}"#);
}

#[actix_web::test]
async fn files_past_the_memory_budget_go_to_disk() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(one)).await;
    let big = vec![b'x'; 3 * 1024 * 1024 / 2];
    testing::call(&app, post("/upload", multipart(&[("file", &big, Some("big.bin"))])))
        .await
        .assert_status(200)
        .assert_body(r#"{"filename":"big.bin","content_type":"text/plain","size":1572864,"in_memory":false,"content_ok":true}"#);
}

#[actix_web::test]
async fn every_limit_is_a_clear_answer() {
    let limits = FormLimits {
        max_fields: 2,
        max_files: 1,
        max_part_size: 1024,
        max_file_size: 4096,
        max_body_size: 16 * 1024,
        spool_size: 1024,
    };
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .app_data(limits)
        .service((one, list, mixed));
    let app = init_service(app).await;
    let kb = |n: usize| vec![b'x'; n * 1024];

    testing::call(
        &app,
        post("/upload", multipart(&[("file", &kb(5), Some("a"))])),
    )
    .await
    .assert_status(413)
    .assert_body(r#"{"detail":"File too large"}"#);
    testing::call(
        &app,
        post(
            "/upload",
            multipart(&[("file", &kb(3), Some("a")), ("x", &kb(15), Some("b"))]),
        ),
    )
    .await
    .assert_status(413)
    .assert_body(r#"{"detail":"Content Too Large"}"#);
    testing::call(&app, post("/mixed", multipart(&[("token", &kb(2), None)])))
        .await
        .assert_status(400)
        .assert_body(r#"{"detail":"Part exceeded maximum size of 1KB."}"#);
    testing::call(
        &app,
        post(
            "/list",
            multipart(&[("files", b"a", Some("a")), ("files", b"b", Some("b"))]),
        ),
    )
    .await
    .assert_status(400)
    .assert_body(r#"{"detail":"Too many files. Maximum number of files is 1."}"#);
    testing::call(
        &app,
        post(
            "/mixed",
            multipart(&[("a", b"1", None), ("b", b"2", None), ("c", b"3", None)]),
        ),
    )
    .await
    .assert_status(400)
    .assert_body(r#"{"detail":"Too many fields. Maximum number of fields is 2."}"#);
    let no_boundary = TestRequest::post()
        .uri("/upload")
        .insert_header(("content-type", "multipart/form-data"))
        .set_payload(multipart(&[("file", b"x", Some("a"))]));
    testing::call(&app, no_boundary)
        .await
        .assert_status(400)
        .assert_body(r#"{"detail":"Missing boundary in multipart."}"#);
}
