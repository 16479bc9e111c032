#![doc = include_str!("../docs/testing.md")]

use std::{
    fmt::{self, Write as _},
    io,
    sync::{Arc, Mutex},
};

use actix_web::{
    Error, HttpResponse,
    body::{self, MessageBody},
    dev::{Service, ServiceResponse},
    http::{Method, StatusCode, header::HeaderMap},
    test::TestRequest,
    web::Bytes,
};
use serde_json::Value;

use crate::{handlers::ERROR_ID_HEADER, reason_phrase};

/// A response read whole, with what its request was: what the assertions
/// look at.
pub struct Reply {
    request: Requested,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// The response as our app built it, for the error it carries.
    carrier: Option<HttpResponse<()>>,
}

struct Requested {
    method: Method,
    path: String,
    /// The route's pattern (`/items/{id}`), when the app matched one.
    #[cfg_attr(not(feature = "openapi"), allow(dead_code))]
    pattern: Option<String>,
}

impl fmt::Display for Requested {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// Sends `req` through an `actix_web::test` service as the server would (an
/// error out of the app becomes its response) and reads the response.
pub async fn call<S, B>(app: &S, req: TestRequest) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    let req = req.to_request();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    match app.call(req).await {
        Ok(res) => read(res).await,
        Err(error) => {
            let requested = Requested {
                method,
                path,
                pattern: None,
            };
            from_response(requested, HttpResponse::from_error(error)).await
        }
    }
}

/// `GET uri` through an `actix_web::test` service: [`call`] for the common case.
pub async fn get<S, B>(app: &S, uri: &str) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    call(app, TestRequest::get().uri(uri)).await
}

/// Reads a response of an `actix_web::test` service.
pub async fn read<B: MessageBody>(res: ServiceResponse<B>) -> Reply {
    let requested = Requested {
        method: res.request().method().clone(),
        path: res.request().path().to_owned(),
        pattern: res.request().match_pattern(),
    };
    from_response(requested, res.into_parts().1).await
}

async fn from_response<B: MessageBody>(request: Requested, res: HttpResponse<B>) -> Reply {
    let (carrier, body) = res.into_parts();
    let body = match body::to_bytes(body).await {
        Ok(body) => body,
        Err(error) => panic!("{request}: the response body failed: {}", error.into()),
    };
    Reply {
        request,
        status: carrier.status(),
        headers: carrier.headers().clone(),
        body,
        carrier: Some(carrier),
    }
}

/// Sends a request to a real server with `awc` and reads the response (up to
/// 16 MiB). There is no typed error to look at: the rest works the same.
///
/// # Panics
///
/// If the request cannot be sent or its response read.
pub async fn send(req: awc::ClientRequest) -> Reply {
    let request = Requested {
        method: req.get_method().clone(),
        path: req.get_uri().path().to_owned(),
        pattern: None,
    };
    let mut res = match req.send().await {
        Ok(res) => res,
        Err(error) => panic!("{request}: {error}"),
    };
    let body = match res.body().limit(16 << 20).await {
        Ok(body) => body,
        Err(error) => panic!("{request}: reading the body: {error}"),
    };
    Reply {
        request,
        status: res.status(),
        headers: res.headers().clone(),
        body,
        carrier: None,
    }
}

impl Reply {
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value, if it is there and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text.
    ///
    /// # Panics
    ///
    /// If it is not UTF-8.
    #[track_caller]
    pub fn text(&self) -> &str {
        match std::str::from_utf8(&self.body) {
            Ok(text) => text,
            Err(error) => self.fail(format_args!("the body is not UTF-8 ({error})")),
        }
    }

    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// If it is not JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        match serde_json::from_slice(&self.body) {
            Ok(json) => json,
            Err(error) => self.fail(format_args!("the body is not JSON ({error})")),
        }
    }

    /// The error the response carries: what the route returned (or what
    /// failed), when the app ran in this process.
    pub fn error(&self) -> Option<&Error> {
        self.carrier.as_ref()?.error()
    }

    /// Asserts the status code.
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        if self.status.as_u16() != status {
            self.fail(format_args!(
                "expected status {}, got {}",
                Status(status),
                Status(self.status.as_u16())
            ));
        }
        self
    }

    /// Asserts a header's value.
    #[track_caller]
    pub fn assert_header(&self, name: &str, value: &str) -> &Self {
        let found: Vec<_> = self.headers.get_all(name).collect();
        if !found
            .iter()
            .any(|found| found.as_bytes() == value.as_bytes())
        {
            self.fail(format_args!(
                "expected header `{name}: {value}`, got {}",
                match found.as_slice() {
                    [] => "none".to_owned(),
                    found => format!("{found:?}"),
                }
            ));
        }
        self
    }

    /// Asserts that a header is absent.
    #[track_caller]
    pub fn assert_no_header(&self, name: &str) -> &Self {
        if let Some(value) = self.headers.get(name) {
            self.fail(format_args!("expected no `{name}` header, got {value:?}"));
        }
        self
    }

    /// Asserts the body's exact bytes.
    #[track_caller]
    pub fn assert_body(&self, body: &str) -> &Self {
        if self.body != body.as_bytes() {
            self.fail(format_args!(
                "expected the body\n    {body}\n  got\n    {}",
                String::from_utf8_lossy(&self.body)
            ));
        }
        self
    }

    /// Asserts that the body is this JSON (keys in any order) and says so in
    /// its `content-type`.
    #[track_caller]
    pub fn assert_json(&self, expected: impl Into<Value>) -> &Self {
        let expected = expected.into();
        let actual = self.json();
        if let Some(difference) = difference(&expected, &actual, &mut String::new()) {
            self.fail(format_args!(
                "the JSON body differs {difference}\n  expected: {expected}"
            ));
        }
        let content_type = self.header("content-type").unwrap_or_default();
        if !(content_type == "application/json" || content_type.ends_with("+json")) {
            self.fail(format_args!(
                "the body is JSON, but its content-type is {content_type:?}"
            ));
        }
        self
    }

    /// Asserts that the response carries an error of type `T` and gives it
    /// back. The response must come from an app in this process ([`call`],
    /// [`read`]); a custom handler's or a default handler's answer still
    /// carries what the route returned.
    #[track_caller]
    pub fn assert_error<T: actix_web::ResponseError + 'static>(&self) -> &T {
        let expected = short_type_name(std::any::type_name::<T>());
        match (&self.carrier, self.error()) {
            (None, _) => self.fail(format_args!(
                "expected a `{expected}`, but a response read from a real server carries no \
                 error: use `testing::call` on an `actix_web::test` service"
            )),
            (Some(_), None) => self.fail(format_args!(
                "expected a `{expected}`, but the response carries no error"
            )),
            (Some(_), Some(error)) => match error.as_error::<T>() {
                Some(error) => error,
                None => self.fail(format_args!(
                    "expected a `{expected}`, but the response carries another error: {error:?}"
                )),
            },
        }
    }

    /// Asserts a 422 with a validation error at `loc` (`["query", "limit"]`,
    /// or `json!(["body", "tags", 1, "name"])`) of `type` (`"missing"`), as
    /// FastAPI's body or as problem details.
    #[track_caller]
    pub fn assert_validation_error(&self, loc: impl Into<Value>, kind: &str) -> &Self {
        let loc = loc.into();
        self.assert_status(422);
        let body = self.json();
        let errors = body
            .get("detail")
            .filter(|detail| detail.is_array())
            .or_else(|| body.get("errors"))
            .and_then(Value::as_array);
        let Some(errors) = errors else {
            self.fail(format_args!("a 422 without a list of errors"));
        };
        let found = errors
            .iter()
            .any(|error| error.get("loc") == Some(&loc) && error.get("type") == Some(&kind.into()));
        if !found {
            let mut listed = String::new();
            for error in errors {
                let _ = write!(listed, "\n    {} at {}", error["type"], error["loc"]);
            }
            self.fail(format_args!(
                "expected a validation error \"{kind}\" at {loc}; the errors are:{listed}"
            ));
        }
        self
    }

    /// Asserts our 500: `{"detail":"Internal Server Error"}` (or its problem
    /// details) and nothing more, with an `x-error-id`; gives back the id, the
    /// one the cause was logged with (see [`Logs`]).
    #[track_caller]
    pub fn assert_server_error(&self) -> &str {
        self.assert_status(500);
        let Some(id) = self.header(ERROR_ID_HEADER.as_str()) else {
            self.fail(format_args!("a 500 without an `x-error-id` header"));
        };
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            self.fail(format_args!("`x-error-id: {id}` is not 32 hex digits"));
        }
        let expected = if self.header("content-type") == Some(crate::render::problem::MEDIA_TYPE) {
            let instance = crate::render::problem::instance(id);
            serde_json::json!({
                "type": "about:blank",
                "title": "Internal Server Error",
                "status": 500,
                "detail": "Internal Server Error",
                "instance": instance.unwrap_or_default(),
            })
        } else {
            serde_json::json!({ "detail": "Internal Server Error" })
        };
        self.assert_json(expected);
        id
    }

    /// Asserts that the route's operation in `openapi` documents this
    /// response: its status (or its class, `4XX`, or `default`) and its
    /// content type.
    #[cfg(feature = "openapi")]
    #[track_caller]
    pub fn assert_documented(&self, openapi: &utoipa::openapi::OpenApi) -> &Self {
        let document = match serde_json::to_value(openapi) {
            Ok(document) => document,
            Err(error) => self.fail(format_args!("the document does not serialize: {error}")),
        };
        let method = self.request.method.as_str().to_ascii_lowercase();
        let path = match &self.request.pattern {
            Some(pattern) => crate::openapi::openapi_path(pattern),
            None => documented_path(&document, &self.request.path)
                .unwrap_or_else(|| self.request.path.clone()),
        };
        let Some(operation) = document["paths"][&path].get(&method) else {
            self.fail(format_args!(
                "the document has no operation `{method} {path}`"
            ));
        };
        let responses = &operation["responses"];
        let status = self.status.as_u16();
        let key = [
            status.to_string(),
            format!("{}XX", status / 100),
            "default".into(),
        ]
        .into_iter()
        .find(|key| responses.get(key).is_some());
        let Some(key) = key else {
            let keys: Vec<&str> = responses
                .as_object()
                .map(|r| r.keys().map(String::as_str).collect())
                .unwrap_or_default();
            self.fail(format_args!(
                "{method} {path} answered {}, which its operation does not document \
                 (it documents {})",
                Status(status),
                keys.join(", ")
            ));
        };
        let mut response = &responses[&key];
        if let Some(reference) = response["$ref"].as_str() {
            response = document
                .pointer(reference.trim_start_matches('#'))
                .unwrap_or(&Value::Null);
        }
        let content_type = self.header("content-type").unwrap_or_default();
        if !self.body.is_empty() && response["content"].get(content_type).is_none() {
            self.fail(format_args!(
                "{method} {path} documents {key} without a `{content_type}` body: {}",
                response["content"]
            ));
        }
        self
    }

    #[track_caller]
    fn fail(&self, what: fmt::Arguments<'_>) -> ! {
        let body = String::from_utf8_lossy(&self.body);
        let body = match body.char_indices().nth(2000) {
            Some((end, _)) => format!("{}… ({} bytes)", &body[..end], self.body.len()),
            None => body.into_owned(),
        };
        panic!(
            "{}: {what}\n  response: {}\n  body: {body}",
            self.request,
            Status(self.status.as_u16())
        )
    }
}

/// `Taken<Conflict>` for `app::Taken<app::models::Conflict>`.
fn short_type_name(name: &str) -> String {
    let mut short = String::with_capacity(name.len());
    let mut segment_start = 0;
    for (index, c) in name.char_indices() {
        if !(c.is_alphanumeric() || c == '_' || c == ':') {
            short.push_str(last_segment(&name[segment_start..index]));
            short.push(c);
            segment_start = index + c.len_utf8();
        }
    }
    short.push_str(last_segment(&name[segment_start..]));
    short
}

fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// `404 Not Found`.
struct Status(u16);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0, reason_phrase(self.0))
    }
}

/// Where two JSON values first differ: `at /detail/0/loc: expected …, got …`.
fn difference(expected: &Value, actual: &Value, at: &mut String) -> Option<String> {
    let here = |at: &String| {
        if at.is_empty() {
            "/".to_owned()
        } else {
            at.clone()
        }
    };
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let len = at.len();
                at.push('/');
                at.push_str(key);
                let found = match actual.get(key) {
                    Some(actual) => difference(value, actual, at),
                    None => Some(format!("at {at}: expected {value}, the key is missing")),
                };
                at.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            actual
                .iter()
                .find(|(key, _)| !expected.contains_key(*key))
                .map(|(key, value)| format!("at {}: unexpected key {key:?}: {value}", here(at)))
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            expected
                .iter()
                .zip(actual)
                .enumerate()
                .find_map(|(index, (e, a))| {
                    let len = at.len();
                    let _ = write!(at, "/{index}");
                    let found = difference(e, a, at);
                    at.truncate(len);
                    found
                })
        }
        _ if expected == actual => None,
        _ => Some(format!(
            "at {}: expected {expected}, got {actual}",
            here(at)
        )),
    }
}

/// The document's path template that `path` fills (`/items/7` fills
/// `/items/{id}`).
#[cfg(feature = "openapi")]
fn documented_path(document: &Value, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"]
        .as_object()?
        .keys()
        .find(|template| {
            let template: Vec<&str> = template.split('/').collect();
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| {
                    t == s || (t.starts_with('{') && t.ends_with('}') && !s.is_empty())
                })
        })
        .cloned()
}

/// What `tracing` logs while it lives, on this thread: for the error id of a
/// 500 and its cause. (A real server logs on its own threads: capture its
/// output there.)
///
/// The first capture installs one global subscriber for the test binary
/// (each thread's events go to that thread's capture), so that tests running
/// in parallel do not lose each other's events; if a global subscriber is
/// already set, the capture uses a subscriber of its own thread instead. A
/// test that sets its own global subscriber should use `try_init`, which
/// does not panic when one is set.
///
/// ```
/// # use actix_api_error::{ExceptionHandlers, ServerError, get, testing::{self, Logs}};
/// # use actix_web::{App, HttpResponse, test::{TestRequest, init_service}};
/// #[get("/config")]
/// async fn config() -> Result<HttpResponse, ServerError> {
///     Err(std::io::Error::other("/etc/app.toml is unreadable").into())
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let logs = Logs::capture();
/// let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(config)).await;
/// let res = testing::call(&app, TestRequest::get().uri("/config")).await;
/// let id = res.assert_server_error(); // the body says nothing of the cause
/// assert!(logs.line_with(id).contains("/etc/app.toml is unreadable"));
/// # });
/// ```
pub struct Logs {
    written: Arc<Mutex<Vec<u8>>>,
    /// When another global subscriber was there first: this thread's own.
    _guard: Option<tracing::subscriber::DefaultGuard>,
}

thread_local! {
    /// Where this thread's events go while a [`Logs`] lives on it.
    static CAPTURED: std::cell::RefCell<Option<Arc<Mutex<Vec<u8>>>>> =
        const { std::cell::RefCell::new(None) };
}

/// One global subscriber writes each thread's events to that thread's
/// [`Logs`]. (Per-thread default subscribers race in tracing's global
/// caches when tests run in parallel: one thread's events can be dropped
/// while another thread has none.)
static GLOBAL: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

fn subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish()
}

impl Logs {
    /// Starts capturing, until dropped.
    pub fn capture() -> Self {
        let written = Arc::new(Mutex::new(Vec::new()));
        let global = *GLOBAL.get_or_init(|| {
            tracing::subscriber::set_global_default(subscriber(|| ThreadWriter)).is_ok()
        });
        CAPTURED.with(|captured| *captured.borrow_mut() = Some(Arc::clone(&written)));
        let guard =
            (!global).then(|| tracing::subscriber::set_default(subscriber(|| ThreadWriter)));
        Self {
            written,
            _guard: guard,
        }
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        let written = self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(&written).into_owned()
    }

    /// The line that holds `text` (an error id, say).
    ///
    /// # Panics
    ///
    /// If none does, with what was logged.
    #[track_caller]
    pub fn line_with(&self, text: &str) -> String {
        let logged = self.text();
        match logged.lines().find(|line| line.contains(text)) {
            Some(line) => line.to_owned(),
            None => panic!("nothing logged holds {text:?}; the log:\n{logged}"),
        }
    }
}

impl Drop for Logs {
    fn drop(&mut self) {
        CAPTURED.with(|captured| captured.borrow_mut().take());
    }
}

/// Writes to the current thread's [`Logs`], if one lives; else nowhere.
struct ThreadWriter;

impl io::Write for ThreadWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        CAPTURED.with(|captured| {
            if let Some(written) = &*captured.borrow() {
                written
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
