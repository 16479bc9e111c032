//! Feature `metrics`: error responses counted by status, code and route,
//! through the `metrics` facade (checked with metrics-util's recorder).

use actix_api_error::{
    ExceptionHandlers, HttpException, api_error, exception_handler,
    extract::Path,
    metrics::{ERRORS, SECONDS},
};
use actix_web::{App, HttpRequest, HttpResponse, test as actix_test, web};
use metrics_util::{
    CompositeKey, MetricKind,
    debugging::{DebugValue, DebuggingRecorder},
};

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found", code = "item_not_found")]
    NotFound,
    #[api_error(status = 503)]
    Storage(#[source] std::io::Error),
}

async fn item(id: Path<u32>) -> Result<HttpResponse, ItemError> {
    match *id {
        0 => Ok(HttpResponse::Ok().finish()),
        503 => Err(ItemError::Storage(std::io::Error::other("disk full"))),
        _ => Err(ItemError::NotFound),
    }
}

#[exception_handler(status = 409)]
async fn conflict(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
    HttpResponse::Conflict().finish()
}

/// `(status, code, route)` of each counted series, its count, and how many
/// times were recorded for it.
fn counted(recorder: &DebuggingRecorder) -> Vec<((String, String, String), u64, usize)> {
    let snapshot = recorder.snapshotter().snapshot().into_vec();
    let mut counts: Vec<_> = snapshot
        .iter()
        .filter(|(key, ..)| key.key().name() == ERRORS)
        .map(|(key, _, _, value)| {
            let label = |name: &str| {
                key.key()
                    .labels()
                    .find(|label| label.key() == name)
                    .map(|label| label.value().to_owned())
                    .unwrap_or_default()
            };
            let DebugValue::Counter(count) = value else {
                panic!("{ERRORS} is a counter")
            };
            let labels: Vec<metrics::Label> = key.key().labels().cloned().collect();
            let seconds = CompositeKey::new(
                MetricKind::Histogram,
                metrics::Key::from_parts(SECONDS, labels),
            );
            let times = snapshot
                .iter()
                .find(|(found, ..)| *found == seconds)
                .map_or(0, |(.., value)| match value {
                    DebugValue::Histogram(values) => values.len(),
                    _ => 0,
                });
            (
                (label("status"), label("code"), label("route")),
                *count,
                times,
            )
        })
        .collect();
    counts.sort();
    counts
}

#[test]
fn error_responses_are_counted_by_status_code_and_route() {
    let recorder = DebuggingRecorder::new();
    metrics::with_local_recorder(&recorder, || {
        actix_web::rt::System::new().block_on(async {
            let app = actix_test::init_service(
                App::new()
                    .wrap(ExceptionHandlers::new().handler(conflict))
                    .route("/items/{id}", web::get().to(item))
                    .route(
                        "/conflict",
                        web::get().to(|| async {
                            Err::<HttpResponse, _>(HttpException::new(409, "taken"))
                        }),
                    )
                    .route(
                        "/boom",
                        web::get().to(|| async { panic!("boom") as HttpResponse }),
                    ),
            )
            .await;
            for uri in [
                "/items/0",
                "/items/1",
                "/items/2",
                "/items/x",
                "/items/503",
                "/nowhere",
                "/conflict",
                "/boom",
            ] {
                actix_test::call_service(
                    &app,
                    actix_test::TestRequest::get().uri(uri).to_request(),
                )
                .await;
            }
            actix_test::call_service(
                &app,
                actix_test::TestRequest::post().uri("/items/1").to_request(),
            )
            .await;
        });
    });
    let owned = |status: &str, code: &str, route: &str| {
        (status.to_owned(), code.to_owned(), route.to_owned())
    };
    assert_eq!(
        counted(&recorder),
        [
            (owned("404", "http_error", "unmatched"), 1, 1),
            (owned("404", "item_not_found", "/items/{id}"), 2, 2),
            (owned("405", "http_error", "/items/{id}"), 1, 1),
            (owned("409", "http_error", "/conflict"), 1, 1),
            (
                owned("422", "request_validation_error", "/items/{id}"),
                1,
                1
            ),
            (owned("500", "server_error", "unmatched"), 1, 1),
            (owned("503", "storage", "/items/{id}"), 1, 1),
        ]
    );
}
