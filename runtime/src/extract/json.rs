//! `Json<T>`: a JSON body, parsed and checked as FastAPI does.

use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder, body::BoxBody, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use super::{ErrorLimits, Extracted, body, wrapper};
use crate::{
    ErrorLocation, HttpException, LocItem,
    validation::{
        RawBody,
        de::{self, Report, Shape},
        json_syntax,
        problem::Problem,
        tree::Tree,
    },
};

/// A JSON body: actix's `web::Json`, rejecting as FastAPI does.
///
/// - every wrong or missing field at once, located (`["body", "tags", 1]`), with
///   pydantic's lax coercions (`"5"` is an integer);
/// - a body that is not JSON: `json_invalid` at `["body", <char offset>]` with
///   Python's message in `ctx.error`;
/// - no body: `missing` at `["body"]` (unless `T` is an `Option`);
/// - a body that is not `application/json` or `application/*+json`: checked as
///   text, as FastAPI's `strict_content_type` does (so a struct fails with
///   `model_attributes_type`);
/// - not UTF-8: 400 `{"detail":"There was an error parsing the body"}`;
/// - larger than [`BodyLimit`](super::BodyLimit): 413 `{"detail":"Content Too Large"}`.
///
/// The received body is kept in the error ([`RequestValidationError::body`](crate::RequestValidationError::body))
/// for handlers that echo it. Like actix's, `Json` is also a `Responder`.
///
/// ```
/// use actix_api_error::extract::Json;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize, Serialize)]
/// struct Item {
///     title: String,
///     size: i64,
/// }
///
/// // {"title": "towel", "size": "XL"} -> 422 ... "loc":["body","size"] ... "input":"XL"
/// async fn create_item(item: Json<Item>) -> Json<Item> {
///     item
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Json<T>(pub T);

wrapper!(Json);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let extracted = extract(&req, &mut payload).await?;
            Ok(Json(extracted.into_result()?))
        })
    }
}

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse {
        HttpResponse::Ok().json(&self.0)
    }
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

pub(crate) async fn extract<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    let is_json = body::is_json(req);
    let limits = ErrorLimits::of(req);
    let bytes = body::read(req, payload, body::BodyLimit::of(req)).await?;
    if bytes.is_empty() {
        let report = de::deserialize::<T>(&Tree::null(), ErrorLocation::Body, Shape::Json, limits);
        if report.is_valid() {
            return Ok(Extracted::body(report, None, None));
        }
        let missing = Problem::Missing.at(vec![ErrorLocation::Body.into()], Value::Null);
        let report = Report::invalid(vec![missing], ErrorLocation::Body, limits);
        return Ok(Extracted::body(report, None, None));
    }
    let bytes = if bytes.starts_with(UTF8_BOM) {
        bytes.slice(UTF8_BOM.len()..)
    } else {
        bytes
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| body::unreadable())?;
    if !is_json {
        let report = de::deserialize(
            &Tree::text(bytes.clone()),
            ErrorLocation::Body,
            Shape::Json,
            limits,
        );
        return Ok(Extracted::body(report, None, Some(RawBody::Text(bytes))));
    }
    // The fast path: valid bodies cost what they cost with actix's extractor.
    if let Ok(value) = serde_json::from_str::<T>(text) {
        let report = Report::valid(value, ErrorLocation::Body, limits);
        return Ok(Extracted::body(report, None, Some(RawBody::Json(bytes))));
    }
    match json_syntax::parse(&bytes) {
        Ok(tree) => {
            let report = de::deserialize(&tree, ErrorLocation::Body, Shape::Json, limits);
            Ok(Extracted::body(
                report,
                Some(tree),
                Some(RawBody::Json(bytes)),
            ))
        }
        Err((message, position)) => {
            let loc = vec![ErrorLocation::Body.into(), LocItem::Index(position)];
            let invalid = Problem::JsonInvalid(message.to_owned())
                .at(loc, Value::Object(serde_json::Map::new()));
            let report = Report::invalid(vec![invalid], ErrorLocation::Body, limits);
            Ok(Extracted::body(report, None, Some(RawBody::Text(bytes))))
        }
    }
}
