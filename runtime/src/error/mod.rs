//! The error types: [`HttpException`](crate::HttpException) (`http.rs`), the
//! traits `#[api_error]` implements and the middleware recognizes
//! (`api_error.rs`) and what `#[api_error]` declares of each variant
//! (`variant.rs`), and [`ServerError`](crate::ServerError) with the error id
//! (`server.rs`). `RequestValidationError` has a layer of its own beside them
//! (`validation/`).

pub(crate) mod api_error;
pub(crate) mod http;
pub(crate) mod server;
pub(crate) mod variant;
