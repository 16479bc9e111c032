//! Parameter models: a struct read as one pydantic model from the query, the
//! headers, the cookies or a form — FastAPI's `Annotated[Model, Query()]`,
//! `Header()`, `Cookie()` and `Form()`.
//!
//! A model sees what FastAPI's `_request_param_model_to_args` gives pydantic:
//! its fields first, in declaration order (a list field every value, another
//! field one), then every other parameter received. So a missing field echoes
//! that dict as its `input`, and `#[serde(deny_unknown_fields)]` (pydantic's
//! `extra = "forbid"`) reports each other parameter.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::de::DeserializeOwned;

use super::{ErrorLimits, Extracted, cookie, wrapper};
use crate::{
    ErrorLocation, LocItem,
    validation::{
        de::{self, MissingInput, Shape},
        outline::Outline,
        tree::{Part, Tree},
    },
};

/// The query string as one model: FastAPI's `Annotated[Model, Query()]`.
///
/// Unlike [`Query<T>`](super::Query), whose fields are separate parameters
/// (a missing one echoes `"input": null`), a model echoes the parameters it
/// received as a missing field's `input`, and with
/// `#[serde(deny_unknown_fields)]` (pydantic's `extra = "forbid"`) refuses every
/// other parameter with `extra_forbidden`. `QueryModel<Option<T>>` is `None`
/// when none of `T`'s fields was sent (and, under `deny_unknown_fields`,
/// nothing at all).
///
/// ```
/// use actix_api_error::extract::QueryModel;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct FilterParams {
///     q: String,
///     #[serde(default)]
///     tags: Vec<String>,
/// }
///
/// // GET /items?limit=5 -> 422 [{"type":"missing","loc":["query","q"],"msg":"Field required","input":{"limit":"5"}},
/// //                            {"type":"extra_forbidden","loc":["query","limit"],"msg":"Extra inputs are not permitted","input":"5"}]
/// async fn read_items(filter: QueryModel<FilterParams>) -> String {
///     filter.q.clone()
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueryModel<T>(pub T);

/// The headers as one model: FastAPI's `Annotated[Model, Header()]`.
///
/// A field `save_data` reads the header `save-data` and its errors are located
/// there (`["header", "save-data"]`); a header literally named `save_data` is
/// no field's and no extra either, as in FastAPI. A missing field echoes the
/// headers received (the fields under their names, then every other header,
/// in name order), and `#[serde(deny_unknown_fields)]` refuses every other
/// header — `host` included, as FastAPI does. A field with
/// [`keep_underscores`](super::keep_underscores) reads the header under its
/// own name.
///
/// ```
/// use actix_api_error::extract::HeaderModel;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct CommonHeaders {
///     save_data: bool,
///     if_modified_since: Option<String>,
///     #[serde(default)]
///     x_tag: Vec<String>,
/// }
///
/// async fn read_items(headers: HeaderModel<CommonHeaders>) -> String {
///     format!("{} tags", headers.x_tag.len())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderModel<T>(pub T);

/// The cookies as one model: FastAPI's `Annotated[Model, Cookie()]`.
///
/// A missing field echoes the cookies received; `#[serde(deny_unknown_fields)]`
/// refuses every other cookie.
///
/// ```
/// use actix_api_error::extract::CookieModel;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Cookies {
///     session_id: String,
///     fatebook_tracker: Option<String>,
/// }
///
/// async fn read_items(cookies: CookieModel<Cookies>) -> String {
///     cookies.session_id.clone()
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieModel<T>(pub T);

/// A form as one model: FastAPI's `Annotated[Model, Form()]`.
///
/// Reads what [`Form<T>`](super::Form) reads (URL-encoded or multipart, files
/// included); a missing field echoes the fields received (an empty one is not
/// received), and `#[serde(deny_unknown_fields)]` refuses every other field.
///
/// ```
/// use actix_api_error::extract::FormModel;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Login {
///     username: String,
///     password: String,
/// }
///
/// async fn login(data: FormModel<Login>) -> String {
///     data.username.clone()
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormModel<T>(pub T);

wrapper!(QueryModel);
wrapper!(HeaderModel);
wrapper!(CookieModel);
wrapper!(FormModel);

impl<T: DeserializeOwned> FromRequest for QueryModel<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // `Query`'s success path: valid parameters read as a model are the
        // same value (an unknown, repeated or missing one falls through).
        if let Some(value) = super::query::quick(req) {
            return ready(Ok(Self(value)));
        }
        ready(query(req).into_result().map(Self).map_err(Into::into))
    }
}

impl<T: DeserializeOwned> FromRequest for HeaderModel<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(header(req).into_result().map(Self).map_err(Into::into))
    }
}

impl<T: DeserializeOwned> FromRequest for CookieModel<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(cookie(req).into_result().map(Self).map_err(Into::into))
    }
}

pub(crate) fn query<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    let received = form_urlencoded::parse(req.query_string().as_bytes()).into_owned();
    extract(req, Source::Query, Mode::Model, texts(received))
}

pub(crate) fn header<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    extract(
        req,
        Source::Header,
        Mode::Model,
        texts(super::header::received(req)),
    )
}

pub(crate) fn cookie<T: DeserializeOwned>(req: &HttpRequest) -> Extracted<T> {
    extract(req, Source::Cookie, Mode::Model, texts(cookie::pairs(req)))
}

/// Parameters that are all text.
pub(crate) fn texts(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> impl Iterator<Item = (String, Part<String>)> {
    pairs
        .into_iter()
        .map(|(key, value)| (key, Part::Text(value)))
}

/// Where a model's parameters come from, and how FastAPI reads each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Query,
    Header,
    Cookie,
    Form,
}

impl Source {
    fn location(self) -> ErrorLocation {
        match self {
            Self::Query => ErrorLocation::Query,
            Self::Header => ErrorLocation::Header,
            Self::Cookie => ErrorLocation::Cookie,
            Self::Form => ErrorLocation::Body,
        }
    }
}

/// How the fields of a struct are read: as one model, or as separate
/// parameters (FastAPI's `Query()` on each).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A missing field echoes what was received; the rest is extra.
    Model,
    /// A missing field echoes `null`; the rest is not looked at.
    Params,
}

/// Reads `T` from what was received, as FastAPI reads a parameter model or
/// separate parameters. An `Option<T>` is `None` when nothing of `T` was sent.
pub(crate) fn extract<T: DeserializeOwned>(
    req: &HttpRequest,
    source: Source,
    mode: Mode,
    received: impl IntoIterator<Item = (String, Part<String>)>,
) -> Extracted<T> {
    extract_with(req, &Outline::of::<T>(), source, mode, received)
}

/// [`extract`], `T`'s outline known.
pub(crate) fn extract_with<T: DeserializeOwned>(
    req: &HttpRequest,
    outline: &Outline,
    source: Source,
    mode: Mode,
    received: impl IntoIterator<Item = (String, Part<String>)>,
) -> Extracted<T> {
    let input = Input::new(outline, source, received);
    let limits = ErrorLimits::of(req);
    let location = source.location();
    if outline.optional && !input.sent(outline) {
        let report = de::deserialize(&Tree::null(), location, Shape::Json, limits);
        return Extracted::params(report, input.tree(Mode::Params));
    }
    let shape = if source == Source::Header {
        Shape::Headers
    } else {
        Shape::Params
    };
    let missing = match mode {
        Mode::Model => MissingInput::Object,
        Mode::Params => MissingInput::Null,
    };
    // The rest of what was received matters only to a model that refuses it,
    // and to the input a missing field echoes: a valid model is read without.
    let whole = mode == Mode::Model && outline.deny_unknown;
    let mut tree = input.tree(if whole { mode } else { Mode::Params });
    let mut report = de::deserialize_as(&tree, location, shape, missing, limits);
    if mode == Mode::Model && !whole && !report.is_valid() {
        tree = input.tree(mode);
        report = de::deserialize_as(&tree, location, shape, missing, limits);
    }
    if source == Source::Header {
        // A field's errors are located at the header it reads.
        report.map_errors(|error| {
            if let Some(LocItem::Key(name)) = error.loc.get_mut(1)
                && let Some(field) = outline.field(name)
            {
                *name = header_name(field.name, field.keep_underscores).into();
            }
        });
    }
    Extracted::params(report, tree)
}

/// The header a field reads: `x_token` reads `x-token`, unless it keeps its
/// underscores.
pub(crate) fn header_name(field: &str, keep_underscores: bool) -> String {
    let name = field.to_ascii_lowercase();
    if keep_underscores {
        name
    } else {
        name.replace('_', "-")
    }
}

/// One name of what was received, with its values; a list if there are
/// several or if the field is one.
type Entry = (String, Vec<Part<String>>, bool);

/// What a model or a struct of parameters is given: FastAPI's
/// `params_to_process`, its fields first, then the rest.
struct Input {
    fields: Vec<Entry>,
    rest: Vec<Entry>,
    /// A field's name was received.
    own: bool,
}

impl Input {
    fn new(
        outline: &Outline,
        source: Source,
        received: impl IntoIterator<Item = (String, Part<String>)>,
    ) -> Self {
        let mut grouped = group(received);
        let Some(outline_fields) = &outline.fields else {
            // A map or a flattened struct: everything, as received.
            let fields: Vec<Entry> = grouped.into_iter().map(|(k, v)| (k, v, false)).collect();
            let own = !fields.is_empty();
            return Self {
                fields,
                rest: Vec::new(),
                own,
            };
        };
        let mut fields: Vec<Entry> = Vec::with_capacity(outline_fields.len());
        // The names read (few: a `Vec` beats hashing).
        let mut processed: Vec<String> = Vec::with_capacity(outline_fields.len());
        let mut own = false;
        for field in outline_fields {
            let request = match source {
                Source::Header => header_name(field.name, field.keep_underscores),
                _ => field.name.to_owned(),
            };
            if let Some(at) = grouped.iter().position(|(k, _)| *k == request) {
                own = true;
                // A name read is no extra: its values move to the field.
                let values = std::mem::take(&mut grouped[at].1);
                if field.sequence {
                    fields.push((field.name.to_owned(), values, true));
                } else {
                    let value = match source {
                        Source::Header => values.into_iter().next(),
                        _ => values.into_iter().next_back(),
                    };
                    // A form field sent empty is not sent.
                    let empty = matches!(&value, Some(Part::Text(text)) if text.is_empty());
                    if let Some(value) = value.filter(|_| source != Source::Form || !empty) {
                        fields.push((field.name.to_owned(), vec![value], false));
                    }
                }
            }
            if source == Source::Header && !field.keep_underscores {
                // Neither a field nor an extra: a spoofed `x_token`.
                processed.push(field.name.to_ascii_lowercase());
            }
            processed.push(request);
        }
        let rest = grouped
            .into_iter()
            .filter(|(key, _)| !processed.contains(key))
            .map(|(key, values)| (key, values, false))
            .collect();
        Self { fields, rest, own }
    }

    /// Whether something of it was sent (FastAPI's test for an `Optional`
    /// model): a field, or anything at all for a model that refuses the rest.
    fn sent(&self, outline: &Outline) -> bool {
        self.own || (outline.deny_unknown && !(self.fields.is_empty() && self.rest.is_empty()))
    }

    /// The object read: the fields, and for a model the rest too.
    fn tree(&self, mode: Mode) -> Tree {
        let rest = match mode {
            Mode::Model => self.rest.as_slice(),
            Mode::Params => &[],
        };
        Tree::object(self.fields.iter().chain(rest))
    }
}

/// Each name received with its values, in the order names first came.
fn group(
    received: impl IntoIterator<Item = (String, Part<String>)>,
) -> Vec<(String, Vec<Part<String>>)> {
    let mut grouped: Vec<(String, Vec<Part<String>>)> = Vec::new();
    // Past a few names, an index: ten thousand query parameters stay linear.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (key, value) in received {
        let at = if grouped.len() < 16 {
            grouped.iter().position(|(k, _)| *k == key)
        } else {
            if index.is_empty() {
                index.extend(grouped.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)));
            }
            index.get(&key).copied()
        };
        if let Some(at) = at {
            grouped[at].1.push(value);
        } else {
            if !index.is_empty() {
                index.insert(key.clone(), grouped.len());
            }
            grouped.push((key, vec![value]));
        }
    }
    grouped
}
