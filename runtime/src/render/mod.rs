//! How an error becomes the response sent: the format of an app's error
//! responses, decided once ([`Format`]); one renderer per format (`fastapi.rs`,
//! `problem.rs`); the default handlers that call them (`handlers.rs`, public as
//! [`handlers`](crate::handlers)), so every path — the default, a custom
//! handler that delegates, a panic, an inner middleware's `Err` — answers in
//! the same format; and the trait a custom handler implements
//! (`exception_handler.rs`). A new format is a file here and a variant of
//! [`Shape`].

pub(crate) mod exception_handler;
mod fastapi;
pub mod handlers;
pub(crate) mod problem;

use actix_web::{HttpMessage as _, HttpRequest, HttpResponse};

use crate::{HttpException, RequestValidationError, ServerError};

/// The body every error response has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Shape {
    /// FastAPI's `{"detail": ...}`, as `application/json`.
    #[default]
    FastApi,
    /// RFC 9457's `application/problem+json`.
    Problem,
}

/// The format of an app's error responses: chosen by `ExceptionHandlers`'
/// settings, and carried on each request whose error it answers, so that a
/// default handler a custom handler delegates to answers alike.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Format {
    pub(crate) shape: Shape,
    /// A 500 also says its cause (`ExceptionHandlers::debug`).
    pub(crate) debug: bool,
}

impl Format {
    /// The format `req`'s errors are answered in.
    pub(crate) fn of(req: &HttpRequest) -> Self {
        req.extensions().get::<Self>().copied().unwrap_or_default()
    }

    /// Carries this format on `req`; the default needs no carrying (and so
    /// costs no allocation).
    pub(crate) fn carry(self, req: &HttpRequest) {
        if self != Self::default() {
            req.extensions_mut().insert(self);
        }
    }

    /// Whether an HTTP or validation error's own response (its
    /// `ResponseError`) is already what this format sends.
    pub(crate) fn is_own_response(self) -> bool {
        self.shape == Shape::FastApi
    }

    pub(crate) fn http(self, exc: &HttpException) -> HttpResponse {
        match self.shape {
            Shape::FastApi => fastapi::http(exc),
            Shape::Problem => problem::http(exc),
        }
    }

    pub(crate) fn validation(self, exc: &RequestValidationError) -> HttpResponse {
        match self.shape {
            Shape::FastApi => fastapi::validation(exc),
            Shape::Problem => problem::validation(exc),
        }
    }

    pub(crate) fn server(self, exc: &ServerError) -> HttpResponse {
        match self.shape {
            Shape::FastApi => fastapi::server(exc, self.debug),
            Shape::Problem => problem::server(exc, self.debug),
        }
    }
}
