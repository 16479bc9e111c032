#![doc = include_str!("../../docs/validation.md")]

mod body;
pub(crate) mod cookie;
pub(crate) mod form;
mod header;
mod json;
mod model;
mod multipart;
mod path;
mod query;
mod upload;
#[cfg(feature = "validator")]
mod valid;

pub use crate::validation::ErrorLimits;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

#[cfg(feature = "validator")]
#[cfg_attr(docsrs, doc(cfg(feature = "validator")))]
pub use self::valid::Valid;
pub use self::{
    body::{BodyLimit, StrictContentType},
    cookie::Cookie,
    form::Form,
    header::{Header, keep_underscores},
    json::{Body, Json},
    model::{CookieModel, FormModel, HeaderModel, QueryModel},
    path::Path,
    query::Query,
    upload::{FileBytes, FormLimits, UploadFile},
};
use crate::{
    ErrorLocation, RequestValidationError,
    validation::{
        RawBody,
        de::{self, Report, Shape},
        json_syntax,
        outline::Outline,
        tree::Tree,
    },
};

// What a route (our route macros) asks of an argument's extractor.

/// A parameter extractor: FastAPI's `Path()`, `Query()`, `Header()`,
/// `Cookie()`, `Body()`, `Form()`, `File()` (ours and actix's). A route
/// argument that is none is a dependency, whose errors come first.
#[doc(hidden)]
pub trait Parameter {}

impl<E: Parameter> Parameter for Option<E> {}
impl<T> Parameter for actix_web::web::Path<T> {}
impl<T> Parameter for actix_web::web::Query<T> {}
impl<T> Parameter for actix_web::web::Json<T> {}
impl<T> Parameter for actix_web::web::Form<T> {}

/// An extractor whose `Option` a route reads as FastAPI reads an optional
/// parameter or model: `None` only when nothing of it was sent; anything sent
/// is read, and its errors answer. Our route macros use it for an argument
/// `Option<E>`; actix's blanket `Option<E>` makes every error a `None`.
#[doc(hidden)]
pub trait Optional: Sized {
    fn optional(
        req: &HttpRequest,
        payload: &mut Payload,
    ) -> LocalBoxFuture<'static, Result<Option<Self>, actix_web::Error>>;
}

/// What an extractor learned: the value or the errors, and what was read.
pub(crate) struct Extracted<T> {
    report: Report<T>,
    /// What was read: errors found later take their `input` from it.
    source: Option<Tree>,
    /// The body, which the error keeps for handlers.
    body: Option<RawBody>,
}

impl<T> Extracted<T> {
    /// Parameters (path, query, headers, cookies) read as `source`.
    fn params(report: Report<T>, source: Tree) -> Self {
        Self {
            report,
            source: Some(source),
            body: None,
        }
    }

    /// A body, read as `source` if it was read.
    fn body(report: Report<T>, source: Option<Tree>, body: Option<RawBody>) -> Self {
        Self {
            report,
            source,
            body,
        }
    }

    /// The same, keeping the body it was read from.
    fn with_body(self, body: RawBody) -> Self {
        Self {
            body: Some(body),
            ..self
        }
    }

    /// The value read at `loc` (below the location prefix), as an error echoes it.
    pub(crate) fn input_at(&self, loc: &[crate::LocItem]) -> Option<serde_json::Value> {
        let tree = self.source.as_ref()?;
        let id = tree.find(Tree::ROOT, loc)?;
        Some(tree.summary(id, self.report.limits().max_input))
    }

    /// For errors found after parsing: the body as a tree, and the field order
    /// that sorts errors as pydantic does (the fast path learned neither).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    fn learn_field_order(&mut self)
    where
        T: DeserializeOwned,
    {
        if self.source.is_none()
            && let Some(RawBody::Json(raw)) = &self.body
            && let Ok(tree) = json_syntax::parse(raw)
        {
            let (location, limits) = (self.report.location(), self.report.limits());
            self.report
                .learn_fields(de::deserialize::<T>(&tree, location, Shape::Json, limits));
            self.source = Some(tree);
        }
    }

    pub(crate) fn into_result(self) -> Result<T, RequestValidationError> {
        match self.report.value {
            Some(value) if self.report.is_valid() => Ok(value),
            _ => Err(self.failure()),
        }
    }

    fn failure(self) -> RequestValidationError {
        let error = RequestValidationError::new(self.report.errors()).watched();
        match self.body {
            Some(body) => error.with_raw_body(body),
            None => error,
        }
    }
}

impl<T> Extracted<Option<T>> {
    /// `None` when nothing of it was sent; otherwise what was read, as a `T`.
    pub(crate) fn present(self) -> Option<Extracted<T>> {
        if self.report.is_valid() && matches!(self.report.value, Some(None)) {
            return None;
        }
        Some(Extracted {
            report: self.report.map(|value| value),
            source: self.source,
            body: self.body,
        })
    }
}

macro_rules! parameter {
    ($($extractor:ident),*) => {$(
        impl<T> Parameter for $extractor<T> {}
    )*};
}

parameter!(
    Path,
    Query,
    QueryModel,
    Header,
    HeaderModel,
    Cookie,
    CookieModel,
    Json,
    Body,
    Form,
    FormModel
);

/// `Option<E>` of our extractors under our route macros: `None` only when
/// nothing of it was sent, read through `E<Option<T>>`.
macro_rules! optional {
    ($($extractor:ident $extract:path,)*) => {$(
        impl<T: DeserializeOwned + 'static> Optional for $extractor<T> {
            fn optional(
                req: &HttpRequest,
                _: &mut Payload,
            ) -> LocalBoxFuture<'static, Result<Option<Self>, actix_web::Error>> {
                let extracted = $extract(req).present().map(Extracted::into_result).transpose();
                Box::pin(std::future::ready(extracted.map(|v| v.map($extractor)).map_err(Into::into)))
            }
        }
    )*};
}

optional! {
    Path path::extract,
    Query query::extract,
    QueryModel model::query,
    Header header::extract,
    HeaderModel model::header,
    Cookie cookie::extract,
    CookieModel model::cookie,
}

/// The body extractors, each read by its function: the value, or its 422;
/// under our route macros, `Option<E>` is `None` only when nothing was sent.
macro_rules! from_body {
    ($($extractor:ident $read:path,)*) => {$(
        impl<T: DeserializeOwned + 'static> FromRequest for $extractor<T> {
            type Error = actix_web::Error;
            type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let req = req.clone();
                let mut payload = payload.take();
                Box::pin(async move {
                    let extracted = $read(&req, &mut payload).await?;
                    Ok($extractor(extracted.into_result()?))
                })
            }
        }

        impl<T: DeserializeOwned + 'static> Optional for $extractor<T> {
            fn optional(
                req: &HttpRequest,
                payload: &mut Payload,
            ) -> LocalBoxFuture<'static, Result<Option<Self>, actix_web::Error>> {
                let req = req.clone();
                let mut payload = payload.take();
                Box::pin(async move {
                    let extracted = $read(&req, &mut payload).await?;
                    let value = extracted.present().map(Extracted::into_result).transpose()?;
                    Ok(value.map($extractor))
                })
            }
        }
    )*};
}

from_body! {
    Json json::extract,
    Body json::extract_fields,
    Form form::params,
    FormModel form::model,
}

/// Deserializes a source of string parameters. An `Option<T>` is `None`
/// when none of `T`'s fields was sent (FastAPI's optional model), and read
/// as `T` otherwise, its errors kept.
fn params<T: DeserializeOwned>(
    tree: &Tree,
    location: ErrorLocation,
    req: &HttpRequest,
) -> Report<T> {
    let limits = ErrorLimits::of(req);
    if Outline::is_optional::<T>() {
        let keys = tree.members(Tree::ROOT).map(|(key, _)| tree.str(key));
        if !Outline::of::<T>().any_field(keys) {
            return de::deserialize(&Tree::null(), location, Shape::Json, limits);
        }
    }
    de::deserialize(tree, location, Shape::Params, limits)
}

/// Implements the wrapper basics every extractor shares.
macro_rules! wrapper {
    ($name:ident) => {
        impl<T> $name<T> {
            /// The extracted value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}
pub(crate) use wrapper;
