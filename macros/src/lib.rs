//! Procedural macros for `actix-api-error`. Use them through that crate, which
//! documents them: `actix_api_error::api_error`, `actix_api_error::exception_handler`.

mod api_error;
mod errors;
mod exception_handler;
mod fmt;
mod item;
mod route;

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

macro_rules! method_macros {
    ($($name:ident => $method:literal,)*) => {$(
        #[doc = concat!("A `", $method, "` route. See `actix_api_error::", stringify!($name), "`.")]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            let method = route::Method::standard($method);
            route::expand(stringify!($name), Some(&method), args.into(), &item.into()).into()
        }
    )*};
}

method_macros! {
    get => "GET",
    post => "POST",
    put => "PUT",
    delete => "DELETE",
    head => "HEAD",
    options => "OPTIONS",
    patch => "PATCH",
    trace => "TRACE",
}

/// A route for the methods it lists. See `actix_api_error::route`.
#[proc_macro_attribute]
pub fn route(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand("route", None, args.into(), &item.into()).into()
}

/// One handler for several routes. See `actix_api_error::routes`.
#[proc_macro_attribute]
pub fn routes(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand_routes(&args.into(), &item.into()).into()
}
