//! `Json<T>`: a JSON body, parsed and checked as FastAPI does.

use actix_web::{HttpRequest, HttpResponse, Responder, body::BoxBody, dev::Payload};
use bytestring::ByteString;
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use super::{ErrorLimits, Extracted, body, wrapper};
use crate::{
    ErrorLocation, HttpException, LocItem,
    validation::{
        RawBody,
        de::{self, MissingInput, Report, Shape},
        json_syntax,
        outline::Outline,
        pydantic::Problem,
        tree::{Tag, Tree},
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

/// A JSON body whose keys are the route's body parameters: FastAPI's several
/// body parameters (`item: Item, user: User, importance: int = Body()`) and
/// `Body(embed=True)` — each field of `T` is one parameter, read from the key
/// of its name.
///
/// Where [`Json<T>`] is one parameter (the body is `T`), `Body<T>` answers as
/// FastAPI answers for parameters: a missing one is `missing` at
/// `["body", <name>]` with `"input": null`; no body, a body that is not an
/// object (`[]`, `null`, `5`) or not JSON by its content type makes each
/// parameter missing; a present one's errors are located under its key. Keys
/// that are no parameter are ignored.
///
/// ```
/// use actix_api_error::extract::{Body, Path};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Item {
///     name: String,
///     price: f64,
/// }
///
/// #[derive(Deserialize)]
/// struct User {
///     username: String,
/// }
///
/// /// FastAPI's `update_item(item_id: int, item: Item, user: User, importance: int = Body())`.
/// #[derive(Deserialize)]
/// struct Update {
///     item: Item,
///     user: User,
///     importance: i32,
/// }
///
/// // PUT /items/1 with {} -> 422: missing at ["body","item"], ["body","user"], ["body","importance"], each "input": null
/// async fn update_item(Path(item_id): Path<u32>, body: Body<Update>) -> String {
///     format!("{item_id}: {} for {}", body.item.name, body.user.username)
/// }
/// ```
///
/// FastAPI's `Body(embed=True)` on one parameter is a `Body<T>` of one field
/// (`struct Embedded { item: Item }`); a single value that is the whole body
/// (`importance: int = Body()` alone) is `Json<i32>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Body<T>(pub T);

wrapper!(Body);

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse {
        HttpResponse::Ok().json(&self.0)
    }
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// What a JSON body is to the route: one parameter (`Json<T>`, FastAPI's
/// `item: Item`), or an object of parameters (`Body<T>`, FastAPI's several
/// body parameters, `Body(embed=True)`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parameters {
    One,
    Fields,
}

pub(crate) async fn extract<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Parameters::One).await
}

pub(crate) async fn extract_fields<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<Extracted<T>, HttpException> {
    read(req, payload, Parameters::Fields).await
}

async fn read<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: &mut Payload,
    parameters: Parameters,
) -> Result<Extracted<T>, HttpException> {
    let is_json = body::is_json(req);
    let limits = ErrorLimits::of(req);
    let bytes = body::read(req, payload, body::BodyLimit::of(req)).await?;
    let deserialize = |tree: &Tree| match parameters {
        Parameters::One => de::deserialize::<T>(tree, ErrorLocation::Body, Shape::Json, limits),
        // Each field a parameter: one missing echoes `null`, as FastAPI's do.
        Parameters::Fields => de::deserialize_as::<T>(
            tree,
            ErrorLocation::Body,
            Shape::Json,
            MissingInput::NullAtRoot,
            limits,
        ),
    };
    if bytes.is_empty() {
        let report = deserialize(&Tree::null());
        if report.is_valid() {
            return Ok(Extracted::body(report, None, None)); // `None`
        }
        let report = match parameters {
            Parameters::One => {
                let missing = Problem::Missing.at(vec![ErrorLocation::Body.into()], Value::Null);
                Report::invalid(vec![missing], ErrorLocation::Body, limits)
            }
            // Each parameter is missing (or `None`).
            Parameters::Fields => deserialize(&Tree::empty_object()),
        };
        return Ok(Extracted::body(report, None, None));
    }
    let bytes = if bytes.starts_with(UTF8_BOM) {
        bytes.slice(UTF8_BOM.len()..)
    } else {
        bytes
    };
    let text = ByteString::try_from(bytes.clone()).map_err(|_| HttpException::unreadable_body())?;
    if !is_json {
        // Checked as text: a model is no string; parameters are each missing.
        let tree = match parameters {
            Parameters::One => Tree::text(text),
            Parameters::Fields => Tree::empty_object(),
        };
        let report = deserialize(&tree);
        return Ok(Extracted::body(report, None, Some(RawBody::Text(bytes))));
    }
    // The fast path: valid bodies cost what they cost with actix's extractor.
    let fast = match text.trim_start().as_bytes().first() {
        Some(b'{') => true,
        // A struct is read from an object only (serde_json would take a list).
        Some(b'[') => parameters == Parameters::One && Outline::of::<T>().fields.is_none(),
        _ => parameters == Parameters::One,
    };
    if fast && let Ok(value) = serde_json::from_str::<T>(&text) {
        let report = Report::valid(value, ErrorLocation::Body, limits);
        return Ok(Extracted::body(report, None, Some(RawBody::Json(text))));
    }
    match json_syntax::parse(&text) {
        Ok(tree) if parameters == Parameters::Fields && tree.tag(Tree::ROOT) != Tag::Object => {
            // Not an object: no parameter can be found in it, not even an
            // optional one (FastAPI's `AttributeError` branch).
            let fields = Outline::of::<T>().fields.unwrap_or_default();
            let missing = fields
                .iter()
                .map(|field| {
                    let loc = vec![ErrorLocation::Body.into(), field.name.into()];
                    Problem::Missing.at(loc, Value::Null)
                })
                .collect();
            let report = Report::invalid(missing, ErrorLocation::Body, limits);
            Ok(Extracted::body(
                report,
                Some(tree),
                Some(RawBody::Json(text)),
            ))
        }
        Ok(tree) => {
            let report = deserialize(&tree);
            Ok(Extracted::body(
                report,
                Some(tree),
                Some(RawBody::Json(text)),
            ))
        }
        // FastAPI's answer to a body Python cannot read (a `RecursionError`).
        Err((json_syntax::TOO_DEEP, _)) => Err(HttpException::unreadable_body()),
        Err((message, position)) => {
            let loc = vec![ErrorLocation::Body.into(), LocItem::Index(position)];
            let invalid = Problem::JsonInvalid(message.to_owned())
                .at(loc, Value::Object(serde_json::Map::new()));
            let report = Report::invalid(vec![invalid], ErrorLocation::Body, limits);
            Ok(Extracted::body(report, None, Some(RawBody::Text(bytes))))
        }
    }
}
