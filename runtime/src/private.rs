//! What the macros expand to: paths into actix-web and this crate that
//! generated code names absolutely (`::actix_api_error::__private::...`). Not
//! public API.

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
pub use crate::{
    error::api_error::{View, announce},
    error::variant::{
        Declared, Describe, Translate, Variant, VariantDetail, code_of, display, error_response,
        error_response_concealing, status_of, view, view_translated,
    },
    route::{
        Answered, Kind, Merge, MethodGuard, Pick, ViaActix, ViaDependency, ViaOptional,
        ViaParameter, ViaRefused, answer,
    },
};
pub use actix_web;
#[cfg(feature = "openapi")]
pub use utoipa;

/// A status the macro has already checked (not inlined: one copy, here,
/// rather than one per type in the user's crate).
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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

/// The detail field, its type checked (and an error spanned on the field)
/// where the variant is described.
#[inline]
pub fn detail<T: DetailField>(field: &T) -> &dyn erased_serde::Serialize {
    field
}

/// Turns what a handler returned into the response.
pub fn respond<R: Responder>(req: &HttpRequest, responder: R) -> Option<HttpResponse> {
    Some(responder.respond_to(req).map_into_boxed_body())
}

/// What a handler written `-> Option<impl Responder>` answers: `None` declines.
pub fn respond_or_decline<R: Responder>(
    req: &HttpRequest,
    responder: Option<R>,
) -> Option<HttpResponse> {
    responder.and_then(|responder| respond(req, responder))
}
