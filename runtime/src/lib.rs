#![doc = include_str!("../docs/crate.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The layers, each importing only from those above it (ARCHITECTURE.md).
// Model and text; the bytes of a response.
mod model;
mod response;
// Error types; request validation.
mod error;
mod validation;
// Extractors and security; what the route macros expand to.
pub mod extract;
mod route;
pub mod security;
// Formats, renderers and the default handlers.
#[cfg(feature = "i18n")]
#[cfg_attr(docsrs, doc(cfg(feature = "i18n")))]
pub mod i18n;
mod render;
// The catalog of every error an API sends, and its page.
pub mod catalog;
// The middleware.
mod middleware;
// Integrations.
#[cfg(feature = "openapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "openapi")))]
pub mod openapi;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
#[cfg(feature = "websocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "websocket")))]
pub mod websocket;

#[cfg(feature = "metrics")]
#[cfg_attr(docsrs, doc(cfg(feature = "metrics")))]
pub use crate::middleware::metrics;
pub use crate::render::handlers;

pub use crate::{
    error::{
        api_error::{ApiError, Exception},
        http::{Detail, HttpException, IntoStatus},
        server::ServerError,
    },
    middleware::{ExceptionHandlers, RebuiltRequest},
    model::{
        ErrorDetail, ErrorLocation, ErrorModel, LocItem, ValidationError,
        header::{MAX_HEADER_VALUE, quote},
        reason::reason_phrase,
        request_id::RequestId,
    },
    render::exception_handler::ExceptionHandler,
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
#[path = "private.rs"]
pub mod __private;
