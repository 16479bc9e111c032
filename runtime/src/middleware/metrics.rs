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

use std::{borrow::Cow, cell::RefCell, collections::HashMap, time::Instant};

use actix_web::{HttpRequest, http::StatusCode};
use metrics::{Counter, Histogram, Label};

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

/// A series' labels: status, code, route.
type Series = (StatusCode, Cow<'static, str>, String);

/// The most series a worker keeps handles for; past it, each answer looks
/// its series up in the recorder. (Codes and routes are the app's own, so
/// the series are few; the bound is against a code built from input.)
const KEPT: usize = 4096;

thread_local! {
    /// Each worker's handles to its series: registering a series with the
    /// recorder (hashing and comparing its labels) costs ten times what
    /// recording does. The recorder is the one installed when a series is
    /// first answered: install it before the server starts.
    static HANDLES: RefCell<HashMap<Series, (Counter, Histogram)>> = RefCell::new(HashMap::new());
}

impl Counted {
    /// `matched`: whether a route may have matched (not an unknown path's
    /// 404, which would walk the routes again for nothing).
    pub(super) fn start(
        req: &HttpRequest,
        matched: bool,
        code: Cow<'static, str>,
        started: Instant,
    ) -> Self {
        let route = matched.then(|| req.match_pattern()).flatten();
        Self {
            code,
            route: route.unwrap_or_else(|| "unmatched".to_owned()),
            started,
        }
    }

    /// Counts the answer, with the status it was given.
    pub(super) fn answered(self, status: StatusCode) {
        let seconds = self.started.elapsed().as_secs_f64();
        let series = (status, self.code, self.route);
        HANDLES.with(|handles| {
            let mut handles = handles.borrow_mut();
            if let Some((counter, histogram)) = handles.get(&series) {
                counter.increment(1);
                histogram.record(seconds);
                return;
            }
            let (counter, histogram) = register(&series);
            counter.increment(1);
            histogram.record(seconds);
            if handles.len() < KEPT {
                handles.insert(series, (counter, histogram));
            }
        });
    }
}

fn register((status, code, route): &Series) -> (Counter, Histogram) {
    let labels = vec![
        Label::new("status", status.as_str().to_owned()),
        Label::new("code", code.clone().into_owned()),
        Label::new("route", route.clone()),
    ];
    (
        metrics::counter!(ERRORS, labels.clone()),
        metrics::histogram!(SECONDS, labels),
    )
}
