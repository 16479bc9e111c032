//! Error -> response, ours beside hand-written actix code that produces the same
//! bytes. Run with `cargo bench -p actix-api-error-bench --bench error_response`; see BENCHMARKS.md.

use std::hint::black_box;

use actix_api_error::{HttpException, RequestValidationError, ValidationError, api_error};
use actix_web::{HttpResponse, ResponseError, body::MessageBody, http::StatusCode, web::Bytes};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

#[api_error]
#[derive(Debug)]
enum ItemError {
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item {0} exists")]
    Exists(String),
}

/// What an actix user writes by hand for `ItemError::NotFound`.
#[derive(Debug)]
struct HandNotFound;

impl std::fmt::Display for HandNotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Item not found")
    }
}

impl ResponseError for HandNotFound {
    fn status_code(&self) -> StatusCode {
        StatusCode::NOT_FOUND
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type("application/json")
            .body(r#"{"detail":"Item not found"}"#)
    }
}

/// ... for `ItemError::Exists(name)`.
#[derive(Debug)]
struct HandExists(String);

impl std::fmt::Display for HandExists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Item {} exists", self.0)
    }
}

impl ResponseError for HandExists {
    fn status_code(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).json(json!({ "detail": self.to_string() }))
    }
}

/// ... for `HttpException::new(404, "Item not found").header("X-Error", ...)`.
#[derive(Debug)]
struct HandWithHeader;

impl std::fmt::Display for HandWithHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Item not found")
    }
}

impl ResponseError for HandWithHeader {
    fn status_code(&self) -> StatusCode {
        StatusCode::NOT_FOUND
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .insert_header(("x-error", "There goes my error"))
            .content_type("application/json")
            .body(r#"{"detail":"Item not found"}"#)
    }
}

/// ... for a one-field `RequestValidationError`.
#[derive(Debug)]
struct HandInvalid {
    input: String,
}

impl std::fmt::Display for HandInvalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid")
    }
}

impl ResponseError for HandInvalid {
    fn status_code(&self) -> StatusCode {
        StatusCode::UNPROCESSABLE_ENTITY
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).json(json!({"detail": [{
            "type": "int_parsing",
            "loc": ["path", "item_id"],
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": self.input,
        }]}))
    }
}

fn one_error(input: &str) -> RequestValidationError {
    RequestValidationError::new(vec![ValidationError {
        r#type: "int_parsing".into(),
        loc: vec!["path".into(), "item_id".into()],
        msg: "Input should be a valid integer, unable to parse string as an integer".into(),
        input: json!(input),
        ctx: None,
    }])
}

/// Status, headers and body bytes: what a client receives.
fn wire(res: HttpResponse) -> (StatusCode, Vec<(String, String)>, Bytes) {
    let status = res.status();
    let mut headers: Vec<_> = res
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    (status, headers, res.into_body().try_into_bytes().unwrap())
}

fn bench(c: &mut Criterion) {
    let exists = || ItemError::Exists("hammer".to_owned());
    let hand_exists = || HandExists("hammer".to_owned());
    let with_header =
        || HttpException::new(404, "Item not found").header("X-Error", "There goes my error");

    // Same bytes first, or the comparison means nothing.
    assert_eq!(
        wire(ItemError::NotFound.error_response()),
        wire(HandNotFound.error_response())
    );
    assert_eq!(
        wire(exists().error_response()),
        wire(hand_exists().error_response())
    );
    assert_eq!(
        wire(with_header().error_response()),
        wire(HandWithHeader.error_response())
    );
    assert_eq!(
        wire(one_error("foo").error_response()),
        wire(
            HandInvalid {
                input: "foo".to_owned()
            }
            .error_response()
        )
    );

    let mut group = c.benchmark_group("literal detail");
    group.bench_function("api_error", |b| {
        b.iter(|| black_box(black_box(&ItemError::NotFound).error_response()))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(black_box(&HandNotFound).error_response()))
    });
    group.finish();

    let mut group = c.benchmark_group("formatted detail");
    group.bench_function("api_error", |b| {
        b.iter(|| black_box(exists().error_response()))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(hand_exists().error_response()))
    });
    group.finish();

    let mut group = c.benchmark_group("HttpException with a header");
    group.bench_function("HttpException", |b| {
        b.iter(|| black_box(with_header().error_response()))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(HandWithHeader.error_response()))
    });
    group.finish();

    let mut group = c.benchmark_group("one-field validation error");
    group.bench_function("RequestValidationError", |b| {
        b.iter(|| black_box(one_error("foo").error_response()))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| {
            black_box(
                HandInvalid {
                    input: "foo".to_owned(),
                }
                .error_response(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
