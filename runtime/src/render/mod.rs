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

use std::{collections::HashMap, sync::Arc};

use actix_web::{
    HttpMessage as _, HttpRequest, HttpResponse,
    http::header::{HeaderName, HeaderValue},
};

use crate::{
    HttpException, RequestId, RequestValidationError, ServerError, error::api_error::View,
};

/// The code of every 422: its catalog entry, its problem type.
pub(crate) const VALIDATION_CODE: &str = "request_validation_error";

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
#[derive(Clone, Debug, Default)]
pub(crate) struct Format {
    pub(crate) shape: Shape,
    /// A 500 also says its cause (`ExceptionHandlers::debug`).
    pub(crate) debug: bool,
    /// What else the app opted into; `None` for FastAPI's bytes alone.
    pub(crate) extras: Option<Arc<Extras>>,
    /// The language this request is answered in (an index of
    /// `Extras::languages`), chosen when the format is carried.
    #[cfg(feature = "i18n")]
    pub(crate) language: usize,
    /// The request's id, when `Extras::request_id_header` asks for it;
    /// chosen when the format is carried.
    pub(crate) request_id: Option<RequestId>,
}

/// What an app opts into beyond the body's shape, shared by its workers.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    /// Problem types that resolve to a catalog's entries.
    pub(crate) types: Option<ProblemTypes>,
    /// A header that names each error's code (`x-error-code`).
    pub(crate) code_header: Option<HeaderName>,
    /// A header that carries the request's id on each error response, and
    /// a problem's `request_id` member.
    pub(crate) request_id_header: Option<HeaderName>,
    /// The languages messages are translated into.
    #[cfg(feature = "i18n")]
    pub(crate) languages: Option<crate::i18n::Languages>,
}

impl Extras {
    /// Whether FastAPI's bodies are not sent as they are.
    fn changes_bodies(&self) -> bool {
        #[cfg(feature = "i18n")]
        if self.languages.is_some() {
            return true;
        }
        self.code_header.is_some()
    }
}

/// The problem type of each code a catalog lists: its entry's URI.
#[derive(Debug)]
pub(crate) struct ProblemTypes(pub(crate) HashMap<String, String>);

impl Format {
    /// The format `req`'s errors are answered in.
    pub(crate) fn of(req: &HttpRequest) -> Self {
        req.extensions().get::<Self>().cloned().unwrap_or_default()
    }

    /// Carries this format on `req`; the default needs no carrying (and so
    /// costs no allocation).
    pub(crate) fn carry(&self, req: &HttpRequest) {
        if self.shape != Shape::FastApi || self.debug || self.extras.is_some() {
            let mut format = self.clone();
            #[cfg(feature = "i18n")]
            if let Some(languages) = self.languages() {
                let header = req.headers().get(actix_web::http::header::ACCEPT_LANGUAGE);
                format.language = languages.choose(header);
            }
            if self.request_id_header().is_some() {
                format.request_id = Some(RequestId::of(req));
            }
            req.extensions_mut().insert(format);
        }
    }

    #[cfg(feature = "i18n")]
    fn languages(&self) -> Option<&crate::i18n::Languages> {
        self.extras()?.languages.as_ref()
    }

    /// Whether an HTTP or validation error's own response (its
    /// `ResponseError`) is already what this format sends.
    pub(crate) fn is_own_response(&self) -> bool {
        self.shape == Shape::FastApi
            && self
                .extras
                .as_ref()
                .is_none_or(|extras| !extras.changes_bodies())
    }

    pub(crate) fn http(&self, exc: &HttpException) -> HttpResponse {
        #[cfg(feature = "i18n")]
        let translated = self.translated_http(exc);
        #[cfg(feature = "i18n")]
        let exc = translated.as_ref().unwrap_or(exc);
        let response = match self.shape {
            Shape::FastApi => fastapi::http(exc),
            Shape::Problem => problem::http(
                exc,
                self.problem_type(exc.error_code()),
                self.request_id.as_ref().map(RequestId::as_str),
            ),
        };
        self.with_code(response, exc.error_code())
    }

    pub(crate) fn validation(&self, exc: &RequestValidationError) -> HttpResponse {
        #[cfg(feature = "i18n")]
        let translated = self
            .languages()
            .filter(|_| self.language != 0)
            .map(|languages| {
                exc.with_messages(|error| {
                    let ctx = error.ctx.as_ref();
                    languages.validation(self.language, &error.r#type, &error.msg, ctx)
                })
            });
        #[cfg(feature = "i18n")]
        let exc = translated.as_ref().unwrap_or(exc);
        let response = match self.shape {
            Shape::FastApi => fastapi::validation(exc),
            Shape::Problem => problem::validation(
                exc,
                self.problem_type(Some(VALIDATION_CODE)),
                self.request_id.as_ref().map(RequestId::as_str),
            ),
        };
        self.with_code(response, Some(VALIDATION_CODE))
    }

    /// The header that carries the request's id on error responses, if
    /// the app asked for one.
    pub(crate) fn request_id_header(&self) -> Option<&HeaderName> {
        self.extras()?.request_id_header.as_ref()
    }

    /// The app's opt-ins, if it has any.
    fn extras(&self) -> Option<&Extras> {
        self.extras.as_deref()
    }

    /// The catalog's problem type for `code`, if it lists it.
    fn problem_type(&self, code: Option<&str>) -> Option<&str> {
        let types = &self.extras()?.types.as_ref()?.0;
        types.get(code?).map(String::as_str)
    }

    /// `exc` with its detail in the request's language, if it has a code
    /// with a translation there.
    #[cfg(feature = "i18n")]
    fn translated_http(&self, exc: &HttpException) -> Option<HttpException> {
        if self.language == 0 || !matches!(exc.detail(), crate::Detail::Text(_)) {
            return None;
        }
        let detail = self
            .languages()?
            .detail(self.language, exc.error_code()?, &[], &[])?;
        Some(exc.clone().with_detail(crate::Detail::from(detail)))
    }

    /// An `#[api_error]` value as an `HttpException`, its detail in the
    /// language of `req` (whose format was carried) if its code has a
    /// translation there.
    #[cfg_attr(not(feature = "i18n"), allow(clippy::unused_self))]
    pub(crate) fn view(&self, req: &HttpRequest, error: &dyn View) -> HttpException {
        #[cfg(feature = "i18n")]
        if self.languages().is_some() {
            let carried = Self::of(req);
            if let Some(languages) = carried.languages().filter(|_| carried.language != 0) {
                return error.view_translated(&|code, names, values| {
                    languages.detail(carried.language, code, names, values)
                });
            }
        }
        #[cfg(not(feature = "i18n"))]
        let _ = req;
        error.view()
    }

    /// The response, with the code header and `Content-Language` if the app
    /// asked for them.
    fn with_code(&self, mut response: HttpResponse, code: Option<&str>) -> HttpResponse {
        #[cfg(feature = "i18n")]
        if let Some(languages) = self.languages() {
            response.headers_mut().insert(
                actix_web::http::header::CONTENT_LANGUAGE,
                languages.content_language(self.language),
            );
        }
        let name = self.extras().and_then(|extras| extras.code_header.as_ref());
        if let (Some(name), Some(code)) = (name, code)
            && let Ok(value) = HeaderValue::from_str(code)
        {
            response.headers_mut().insert(name.clone(), value);
        }
        response
    }

    pub(crate) fn server(&self, exc: &ServerError) -> HttpResponse {
        match self.shape {
            Shape::FastApi => fastapi::server(exc, self.debug),
            Shape::Problem => problem::server(
                exc,
                self.debug,
                self.request_id.as_ref().map(RequestId::as_str),
            ),
        }
    }
}
