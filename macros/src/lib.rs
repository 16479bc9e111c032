//! Procedural macros for `actix-api-error`. Use them through that crate, which
//! documents them: `actix_api_error::api_error`, `actix_api_error::exception_handler`.

mod api_error;
mod errors;
mod exception_handler;
mod fmt;

use proc_macro::TokenStream;

/// Turns an enum or struct into an API error. See `actix_api_error::api_error`.
#[proc_macro_attribute]
pub fn api_error(args: TokenStream, item: TokenStream) -> TokenStream {
    api_error::expand(args.into(), &item.into()).into()
}

/// Turns a function into an exception handler. See
/// `actix_api_error::exception_handler`.
#[proc_macro_attribute]
pub fn exception_handler(args: TokenStream, item: TokenStream) -> TokenStream {
    exception_handler::expand(args.into(), &item.into()).into()
}
