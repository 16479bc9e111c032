#![doc = include_str!("../docs/crate.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api_error;
mod exception;
pub mod extract;
mod handler;
pub mod handlers;
mod header;
mod middleware;
mod model;
#[cfg(feature = "openapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "openapi")))]
pub mod openapi;
mod reason;
mod render;
mod response;
mod route;
pub mod security;
mod server_error;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod validation;
#[cfg(feature = "websocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "websocket")))]
pub mod websocket;

pub use crate::{
    api_error::{ApiError, Exception},
    exception::{Detail, HttpException, IntoStatus},
    handler::ExceptionHandler,
    header::{MAX_HEADER_VALUE, quote},
    middleware::{ExceptionHandlers, RebuiltRequest},
    model::{ErrorDetail, ErrorLocation, ErrorModel, LocItem, ValidationError},
    reason::reason_phrase,
    server_error::ServerError,
    validation::RequestValidationError,
};

#[doc = include_str!("../docs/api_error.md")]
pub use actix_api_error_macros::api_error;

#[doc = include_str!("../docs/exception_handler.md")]
pub use actix_api_error_macros::exception_handler;

#[doc = include_str!("../docs/routes.md")]
pub use actix_api_error_macros::route;

/// One handler for several routes, as actix's `#[routes]`: put
/// `#[get("/a")]`, `#[post("/b")]`, ... under it. See [`route`](macro@route).
///
/// ```
/// use actix_api_error::routes;
///
/// #[routes]
/// #[get("/")]
/// #[get("/index")]
/// #[post("/")]
/// async fn index() -> &'static str {
///     "hello"
/// }
/// ```
pub use actix_api_error_macros::routes;

/// A `GET` route: actix's `#[get]`, with every argument's errors merged into one
/// 422, `405` with `Allow` for other methods, and the error type checked. See
/// [`route`](macro@route).
pub use actix_api_error_macros::get;

/// A `POST` route. See [`route`](macro@route).
pub use actix_api_error_macros::post;

/// A `PUT` route. See [`route`](macro@route).
pub use actix_api_error_macros::put;

/// A `DELETE` route. See [`route`](macro@route).
pub use actix_api_error_macros::delete;

/// A `HEAD` route. See [`route`](macro@route).
pub use actix_api_error_macros::head;

/// An `OPTIONS` route. See [`route`](macro@route).
pub use actix_api_error_macros::options;

/// A `PATCH` route. See [`route`](macro@route).
pub use actix_api_error_macros::patch;

/// A `TRACE` route. See [`route`](macro@route).
pub use actix_api_error_macros::trace;

/// What the macros expand to. Not public API.
#[doc(hidden)]
pub mod __private {
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
    use crate::{Detail, HttpException, reason::reason_phrase};
    pub use crate::{
        api_error::{View, announce},
        reason::reason_body,
        response::{coded_response, display_response, serialize_response, static_response},
        route::{
            Answered, Kind, Merge, MethodGuard, Pick, ViaActix, ViaDependency, ViaOptional,
            ViaParameter, ViaRefused, answer,
        },
        server_error::conceal,
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
        if let Some(pair) = crate::header::checked(name, value.to_string()) {
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
}
