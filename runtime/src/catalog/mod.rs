#![doc = include_str!("../../docs/catalog.md")]

mod html;

use std::borrow::Cow;

use actix_web::{
    HttpResponse,
    dev::HttpServiceFactory,
    http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue},
    web::{self, Bytes},
};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{
    __private::Describe,
    Detail, HttpException,
    error::variant::{Declared, coded_detail},
    model::reason::reason_phrase,
    render::{ProblemTypes, VALIDATION_CODE, problem},
    validation::pydantic,
};

/// Every error an API can send, by its stable code: a page for people
/// (`GET /errors`, one anchor per code) and the same as JSON
/// (`GET /errors.json`); with
/// [`ExceptionHandlers::catalog`](crate::ExceptionHandlers::catalog), each
/// problem's `type` is its entry's URI.
///
/// ```
/// use actix_api_error::{ExceptionHandlers, api_error, catalog::ErrorCatalog};
/// use actix_web::App;
///
/// #[api_error(status = 404)]
/// #[derive(Debug)]
/// enum ItemError {
///     /// No item has this id.
///     #[api_error(detail = "Item not found")]
///     NotFound,
/// }
///
/// let catalog = ErrorCatalog::new("https://api.example.com/errors").errors::<ItemError>();
/// assert_eq!(
///     catalog.type_uri("not_found").as_deref(),
///     Some("https://api.example.com/errors#not_found")
/// );
/// let app = App::new()
///     .wrap(ExceptionHandlers::new().problem_details().catalog(&catalog))
///     .service(catalog.service()); // GET /errors, GET /errors.json
/// ```
#[derive(Debug, Clone)]
pub struct ErrorCatalog {
    uri: String,
    path: String,
    entries: Vec<Entry>,
}

/// One error of the catalog.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Entry {
    /// Its stable code: what a client branches on, the anchor of its entry.
    pub code: Cow<'static, str>,
    /// Its status.
    pub status: u16,
    /// Its URI: the catalog's, then `#` and the code; or the problem type
    /// the error declares itself.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// The problem's `title`.
    pub title: Cow<'static, str>,
    /// What it means: the doc comment, else its detail as written.
    pub description: Cow<'static, str>,
    /// Where it appears: `error` (a response's own code) or `validation`
    /// (the `type` of an item of a 422's `detail`).
    pub kind: Kind,
    /// The body FastAPI's format sends (for a validation type, one item of
    /// the 422's `detail`); `None` when it is built at run time from JSON.
    pub example: Option<Value>,
    /// The same as problem details.
    pub problem: Option<Value>,
}

/// Where a code appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An error response's code: its problem type, its `x-error-code`.
    Error,
    /// The `type` of one item of a 422's `detail`.
    Validation,
}

impl ErrorCatalog {
    /// A catalog served at `uri`'s path: `"/errors"`, or an absolute URI
    /// such as `"https://api.example.com/errors"`. It lists the 422 and each
    /// validation error type the library sends (`missing`, `int_parsing`,
    /// ...); add your own types with [`errors`](Self::errors).
    ///
    /// # Panics
    ///
    /// If `uri` is neither a path nor an absolute URI, or has a query or a
    /// fragment.
    #[track_caller]
    pub fn new(uri: impl Into<String>) -> Self {
        let uri = uri.into();
        let path = match uri.split_once("://") {
            Some((scheme, rest)) if !scheme.is_empty() => {
                rest.find('/').map_or("/", |at| &rest[at..]).to_owned()
            }
            _ if uri.starts_with('/') => uri.clone(),
            _ => panic!("the catalog's URI must be a path or an absolute URI, not {uri:?}"),
        };
        assert!(
            !uri.contains(['?', '#']) && path != "/",
            "the catalog's URI must name a page, without a query or a fragment: {uri:?}",
        );
        let mut catalog = Self {
            uri,
            path,
            entries: Vec::new(),
        };
        catalog.validation_entries();
        catalog
    }

    /// Adds every variant of an `#[api_error]` type. A 5xx that sends no
    /// written detail is left out: its client learns nothing of it.
    ///
    /// # Panics
    ///
    /// If one of its codes is already listed: a code names one error in an
    /// API; give one of them its own `code = "..."`.
    #[must_use]
    #[track_caller]
    pub fn errors<T: Describe>(mut self) -> Self {
        let type_name = std::any::type_name::<T>();
        for declared in T::declared().iter().filter(|declared| !declared.conceal) {
            let entry = self.declared_entry(declared);
            self.push(entry, type_name);
        }
        self
    }

    /// Adds a code that an [`HttpException`] built at run time carries
    /// ([`HttpException::code`]), described by an example of it.
    ///
    /// # Panics
    ///
    /// If its code is already listed, or it has none.
    #[must_use]
    #[track_caller]
    pub fn exception(mut self, example: &HttpException, description: &'static str) -> Self {
        let code = example
            .error_code()
            .expect("a catalogued HttpException needs a code: HttpException::code")
            .to_owned();
        let status = example.status().as_u16();
        let entry = self.entry(
            Cow::Owned(code),
            status,
            example.problem_type_uri().map(str::to_owned),
            example.problem_title().map(str::to_owned).map(Cow::Owned),
            Cow::Borrowed(description),
            Some(example.detail()),
        );
        self.push(entry, "HttpException");
        self
    }

    /// The page's URI, as given to [`new`](Self::new).
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The URI of `code`'s entry, if the catalog lists it.
    pub fn type_uri(&self, code: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|entry| entry.code == code)
            .map(|entry| entry.type_uri.clone())
    }

    /// The entries, in the order they were added (the 422 and the
    /// validation types first).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// `GET <path>`, the page (HTML, no script), and `GET <path>.json`, the
    /// entries as a JSON list.
    pub fn service(&self) -> impl HttpServiceFactory + use<> {
        let html = Bytes::from(html::page(self));
        let json = Bytes::from(serde_json::to_vec(&self.entries).unwrap_or_default());
        let serve = |body: Bytes, media: &'static str| {
            move || {
                let mut response = HttpResponse::Ok().body(body.clone());
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(media));
                headers.insert(
                    CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                );
                std::future::ready(response)
            }
        };
        (
            web::resource(self.path.clone())
                .route(web::get().to(serve(html, "text/html; charset=utf-8"))),
            web::resource(format!("{}.json", self.path))
                .route(web::get().to(serve(json, "application/json"))),
        )
    }

    /// What `ExceptionHandlers` needs to point problem types here: each
    /// error code's entry URI.
    pub(crate) fn problem_types(&self) -> ProblemTypes {
        let errors = self
            .entries
            .iter()
            .filter(|entry| entry.kind == Kind::Error);
        ProblemTypes(
            errors
                .map(|entry| (entry.code.to_string(), entry.type_uri.clone()))
                .collect(),
        )
    }

    fn push(&mut self, entry: Entry, owner: &str) {
        if let Some(known) = self.entries.iter().find(|known| known.code == entry.code) {
            let what = match known.kind {
                Kind::Validation => "a validation error type".to_owned(),
                Kind::Error => format!("another error (status {})", known.status),
            };
            panic!(
                "the error code `{}` of {owner} is already in the catalog, for {what}: a code \
                 names one error in an API; give one of them its own `code = \"...\"`",
                entry.code
            );
        }
        self.entries.push(entry);
    }

    fn declared_entry(&self, declared: &'static Declared) -> Entry {
        let written = declared.text.or(declared.template);
        let text = written.unwrap_or(reason_phrase(declared.status));
        let detail = match declared.structured {
            _ if declared.runtime_detail => None,
            false => Some(Detail::from(text)),
            true => Some(coded_detail(text, declared.code, declared.loc)),
        };
        let description = declared
            .doc
            .or(written)
            .unwrap_or(reason_phrase(declared.status));
        self.entry(
            Cow::Borrowed(declared.code),
            declared.status,
            declared.problem_type.map(str::to_owned),
            declared.title.map(Cow::Borrowed),
            Cow::Borrowed(description),
            detail.as_ref(),
        )
    }

    fn entry(
        &self,
        code: Cow<'static, str>,
        status: u16,
        problem_type: Option<String>,
        title: Option<Cow<'static, str>>,
        description: Cow<'static, str>,
        detail: Option<&Detail>,
    ) -> Entry {
        let type_uri = problem_type.unwrap_or_else(|| format!("{}#{code}", self.uri));
        let title = title.unwrap_or(Cow::Borrowed(reason_phrase(status)));
        Entry {
            example: detail.map(|detail| json!({ "detail": detail })),
            problem: detail
                .map(|detail| problem::example(status, Some(&type_uri), Some(&title), detail)),
            code,
            status,
            type_uri,
            title,
            description,
            kind: Kind::Error,
        }
    }

    /// The 422, and each type of its items.
    fn validation_entries(&mut self) {
        let sample = pydantic::Problem::Missing.at(
            vec![crate::LocItem::from("body"), crate::LocItem::from("name")],
            json!({}),
        );
        let mut entry = self.entry(
            Cow::Borrowed(VALIDATION_CODE),
            422,
            None,
            None,
            Cow::Borrowed(
                "The request does not match what the route takes. Each item of detail (of errors, \
                 as problem details) is one field that failed: its type (listed below), its loc, \
                 its msg and the input received.",
            ),
            Some(&Detail::from(json!([sample]))),
        );
        entry.problem = Some(problem::validation_example(&entry.type_uri, &sample));
        self.entries.push(entry);
        for problem in pydantic::samples() {
            let code = problem.r#type();
            if self.entries.iter().any(|known| known.code == code) {
                continue; // two samples of one type: the first says it
            }
            let mut item = json!({ "type": code, "msg": problem.msg() });
            if let Some(ctx) = problem.ctx() {
                item["ctx"] = ctx;
            }
            self.entries.push(Entry {
                type_uri: format!("{}#{code}", self.uri),
                code,
                status: 422,
                title: Cow::Borrowed(reason_phrase(422)),
                description: problem.msg(),
                kind: Kind::Validation,
                example: Some(item),
                problem: None,
            });
        }
    }
}
