//! What the macros expand to: paths into actix-web and this crate that
//! generated code names absolutely (`::actix_api_error::__private::...`). Not
//! public API.

use std::fmt;

use actix_web::Responder;
pub use actix_web::{
    HttpRequest, HttpResponse, ResponseError,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};
pub use futures_util::future::LocalBoxFuture;

#[cfg(feature = "openapi")]
pub use crate::openapi::{
    AnyResponder, Context as OpenApiContext, OperationInput, OperationOutput,
    Route as OpenApiRoute, Sample, Shape, Variant as OpenApiVariant,
    responses as openapi_responses,
};
use crate::{Detail, HttpException, model::reason::reason_phrase};
pub use crate::{
    error::api_error::{View, announce},
    error::server::conceal,
    model::reason::reason_body,
    response::{coded_response, display_response, serialize_response, static_response},
    route::{
        Answered, Kind, Merge, MethodGuard, Pick, ViaActix, ViaDependency, ViaOptional,
        ViaParameter, ViaRefused, answer,
    },
};
pub use actix_web;
#[cfg(feature = "openapi")]
pub use utoipa;

/// A status the macro has already checked.
#[inline]
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The reason phrase of a status the macro has already checked.
pub fn reason(code: u16) -> &'static str {
    reason_phrase(code)
}

/// An `#[api_error]` value seen as an `HttpException`.
pub fn exception(
    code: u16,
    detail: impl Into<Detail>,
    headers: &[(HeaderName, HeaderValue)],
) -> HttpException {
    HttpException::new(status(code), detail).with_checked_headers(headers)
}

/// A type an `#[api_error(detail)]` field may have.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as the JSON detail: it does not implement `serde::Serialize`",
    label = "this field is the detail",
    note = "add `#[derive(serde::Serialize)]` to `{Self}`, or mark a field that serializes \
            with #[api_error(detail)]"
)]
pub trait DetailField: erased_serde::Serialize {}

impl<T: serde::Serialize> DetailField for T {}

/// The detail field, seen once (its type checked once, spanned on the field)
/// by the three places that serialize it.
#[inline]
pub fn detail<T: DetailField>(field: &T) -> &dyn erased_serde::Serialize {
    field
}

/// `detail` as `Display` shows it: JSON.
pub fn write_json<T: serde::Serialize + ?Sized>(
    f: &mut fmt::Formatter<'_>,
    detail: &T,
) -> fmt::Result {
    let json = serde_json::to_string(detail).map_err(|_| fmt::Error)?;
    f.write_str(&json)
}

/// `detail` as a JSON value for an `HttpException` view.
pub fn json_value<T: serde::Serialize + ?Sized>(detail: &T) -> Detail {
    match serde_json::to_value(detail) {
        Ok(value) => Detail::from(value),
        Err(err) => {
            tracing::error!(error = %err, "the error detail could not be serialized as JSON");
            Detail::Json(serde_json::Value::Null)
        }
    }
}

/// A header whose value was formatted at run time, checked like
/// [`HttpException::header`](crate::HttpException::header).
pub fn formatted_header(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    name: &'static str,
    value: fmt::Arguments<'_>,
) {
    if let Some(pair) = crate::model::header::checked(name, value.to_string()) {
        headers.push(pair);
    }
}

/// `Safir`'s detail for a coded error, for an `HttpException` view.
pub fn coded_detail(
    msg: impl Into<String>,
    code: &'static str,
    loc: Option<&'static [crate::LocItem]>,
) -> Detail {
    Detail::from(vec![crate::ErrorDetail {
        loc: loc.map(<[crate::LocItem]>::to_vec),
        msg: msg.into(),
        r#type: code.to_owned(),
    }])
}

/// Turns what a handler returned into the response.
pub fn respond<R: Responder>(req: &HttpRequest, responder: R) -> HttpResponse {
    responder.respond_to(req).map_into_boxed_body()
}
