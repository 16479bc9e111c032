//! Feature `metrics`: every error response `ExceptionHandlers` answers,
//! counted through the `metrics` facade, so that any exporter sees them
//! (Prometheus, `StatsD`, OpenTelemetry).
//!
//! - `http_server_errors_total` (counter) and `http_server_error_seconds`
//!   (histogram: the time from the error reaching the middleware to its
//!   response being ready, a custom handler's included);
//! - labels `status`, `code` (the error's declared code, `request_validation_error`,
//!   `http_error` for an HTTP error without one, `server_error`: never text
//!   a client sent) and `route` (the pattern, `/items/{id}`; `unmatched`
//!   when no route matched or the request was lost).

use std::{borrow::Cow, time::Instant};

use actix_web::{HttpRequest, http::StatusCode};

/// The counter of error responses.
pub const ERRORS: &str = "http_server_errors_total";
/// The histogram of the time spent answering them, in seconds.
pub const SECONDS: &str = "http_server_error_seconds";

/// An error being answered: its code and route, and when it arrived.
pub(super) struct Counted {
    code: Cow<'static, str>,
    route: String,
    started: Instant,
}

impl Counted {
    pub(super) fn start(req: &HttpRequest, code: Cow<'static, str>, started: Instant) -> Self {
        Self {
            code,
            route: req
                .match_pattern()
                .unwrap_or_else(|| "unmatched".to_owned()),
            started,
        }
    }

    /// Counts the answer, with the status it was given.
    pub(super) fn answered(self, status: StatusCode) {
        let labels = [
            ("status", Cow::Owned(status.as_str().to_owned())),
            ("code", self.code),
            ("route", Cow::Owned(self.route)),
        ];
        let labels: Vec<metrics::Label> = labels
            .into_iter()
            .map(|(key, value)| match value {
                Cow::Borrowed(value) => metrics::Label::new(key, value),
                Cow::Owned(value) => metrics::Label::new(key, value),
            })
            .collect();
        metrics::counter!(ERRORS, labels.clone()).increment(1);
        metrics::histogram!(SECONDS, labels).record(self.started.elapsed().as_secs_f64());
    }
}
