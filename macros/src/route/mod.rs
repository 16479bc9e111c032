//! `#[get]`, `#[post]`, ..., `#[route]`: attr (parse) -> valid (check the
//! function) -> expand (quote). Same names and syntax as actix-web-codegen's.

mod attr;
mod expand;
mod valid;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::errors::Errors;

pub use attr::Method;

pub fn expand(
    macro_name: &str,
    method: Option<&Method>,
    args: TokenStream,
    item: &TokenStream,
) -> TokenStream {
    let func = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(func) => func,
        Err(err) => {
            let error = syn::Error::new(
                err.span(),
                "a route macro goes on an async function: \
                 `async fn handler(item: Json<Item>) -> impl Responder`",
            )
            .to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut errors = Errors::default();
    let route = attr::parse(macro_name, method, args, &mut errors);
    let args = valid::check(&func, &mut errors);
    match route {
        Some(route) if errors.is_empty() => expand::service(&route, &func, &args),
        route => {
            let fallback = expand::fallback(route.as_ref(), &func);
            let errors = errors.to_compile_errors();
            quote!(#fallback #errors)
        }
    }
}
