//! `Valid<E>`: an extractor whose value is then checked with `validator`.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use validator::Validate;

use super::{
    Body, Cookie, CookieModel, Extracted, Form, FormModel, Header, HeaderModel, Json, Path, Query,
    QueryModel, cookie, form, header, json, model, path, query,
};
use super::{Optional, Parameter};
use crate::{LocItem, RequestValidationError, validation::constraints};

/// Runs `validator`'s rules on what the inner extractor read, and reports every
/// violation in the same 422, with pydantic's types and `ctx`
/// (`string_too_short` with `{"min_length": 3}`, `greater_than_equal`, ...).
///
/// When some fields could not even be parsed, the rules still run on the others:
/// one 422 lists both kinds, as pydantic's does. Requires the `validator` feature.
///
/// ```
/// use actix_api_error::extract::{Json, Valid};
/// use serde::Deserialize;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct SignUp {
///     #[validate(length(min = 3))]
///     username: String,
///     #[validate(range(min = 18))]
///     age: u32,
/// }
///
/// // {"username": "ab", "age": 12} -> 422 with string_too_short and greater_than_equal
/// async fn sign_up(Valid(Json(form)): Valid<Json<SignUp>>) -> String {
///     form.username
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid<E>(pub E);

impl<E: Parameter> Parameter for Valid<E> {}

impl<E> Valid<E> {
    /// The inner extractor.
    pub fn into_inner(self) -> E {
        self.0
    }
}

impl<E> std::ops::Deref for Valid<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E> std::ops::DerefMut for Valid<E> {
    fn deref_mut(&mut self) -> &mut E {
        &mut self.0
    }
}

/// Adds the rules' violations to what parsing found.
fn validated<T: Validate + DeserializeOwned>(
    mut extracted: Extracted<T>,
) -> Result<T, RequestValidationError> {
    if let Some(value) = &extracted.report.value
        && let Err(violations) = value.validate()
    {
        extracted.learn_field_order();
        let prefix = [LocItem::from(extracted.report.location())];
        let errors: Vec<_> = constraints::errors(&violations, &prefix)
            .into_iter()
            .map(|mut error| {
                // validator names fields as Rust does; the client, as serde does.
                for at in 1..error.loc.len() {
                    if let LocItem::Key(name) = &error.loc[at]
                        && let Some(wire) = extracted.report.wire_name(&error.loc[1..at], name)
                    {
                        error.loc[at] = LocItem::from(wire);
                    }
                }
                // The input as it was sent ("500" in a query), as pydantic reports it.
                if let Some(input) = extracted.input_at(&error.loc[1..]) {
                    error.input = input;
                }
                (extracted.report.sort_key(&error.loc[1..]), error)
            })
            .collect();
        extracted.report.add(errors);
    }
    extracted.into_result()
}

macro_rules! sync_valid {
    ($($extractor:ident $extract:path,)*) => {$(
        impl<T: DeserializeOwned + Validate> FromRequest for Valid<$extractor<T>> {
            type Error = actix_web::Error;
            type Future = Ready<Result<Self, Self::Error>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(validated($extract(req)).map(|v| Valid($extractor(v))).map_err(Into::into))
            }
        }

        impl<T: DeserializeOwned + Validate + 'static> Optional for Valid<$extractor<T>> {
            fn optional(
                req: &HttpRequest,
                _: &mut Payload,
            ) -> LocalBoxFuture<'static, Result<Option<Self>, actix_web::Error>> {
                let value = $extract(req).present().map(validated).transpose();
                Box::pin(ready(
                    value.map(|v| v.map(|v| Valid($extractor(v)))).map_err(Into::into),
                ))
            }
        }
    )*};
}

sync_valid! {
    Path path::extract,
    Query query::extract,
    QueryModel model::query,
    Header header::extract,
    HeaderModel model::header,
    Cookie cookie::extract,
    CookieModel model::cookie,
}

macro_rules! body_valid {
    ($($extractor:ident $extract:path,)*) => {$(
        impl<T: DeserializeOwned + Validate + 'static> FromRequest for Valid<$extractor<T>> {
            type Error = actix_web::Error;
            type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let req = req.clone();
                let mut payload = payload.take();
                Box::pin(async move {
                    let extracted = $extract(&req, &mut payload).await?;
                    Ok(Valid($extractor(validated(extracted)?)))
                })
            }
        }

        impl<T: DeserializeOwned + Validate + 'static> Optional for Valid<$extractor<T>> {
            fn optional(
                req: &HttpRequest,
                payload: &mut Payload,
            ) -> LocalBoxFuture<'static, Result<Option<Self>, actix_web::Error>> {
                let req = req.clone();
                let mut payload = payload.take();
                Box::pin(async move {
                    let extracted = $extract(&req, &mut payload).await?;
                    let value = extracted.present().map(validated).transpose()?;
                    Ok(value.map(|v| Valid($extractor(v))))
                })
            }
        }
    )*};
}

body_valid! {
    // Its fast path keeps the body, so rules that fail still get field order and input.
    Json json::extract,
    Body json::extract_fields,
    // Its fast path keeps nothing: always collect.
    Form form::params_collecting,
    FormModel form::model_collecting,
}
