//! FastAPI's `{"detail": ...}`: what each error type answers on its own, and
//! with `debug`, a 500 that also says its cause.

use actix_web::{HttpResponse, ResponseError as _, http::StatusCode};
use serde::Serialize;

use crate::{HttpException, RequestValidationError, ServerError, response};

pub(super) fn http(exc: &HttpException) -> HttpResponse {
    exc.error_response()
}

pub(super) fn validation(exc: &RequestValidationError) -> HttpResponse {
    exc.error_response()
}

pub(super) fn server(exc: &ServerError, debug: bool) -> HttpResponse {
    #[derive(Serialize)]
    struct Debug<'a> {
        detail: &'static str,
        error_id: &'a str,
        cause: &'a str,
    }
    if !debug {
        return exc.response();
    }
    let body = Debug {
        detail: "Internal Server Error",
        error_id: exc.id(),
        cause: exc.cause(),
    };
    response::body_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        &body,
        exc.id_header().as_slice(),
    )
}
