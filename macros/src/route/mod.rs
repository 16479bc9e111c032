//! `#[get]`, `#[post]`, ..., `#[route]`: attr (parse) -> valid (check the
//! function) -> expand (quote). Same names and syntax as actix-web-codegen's.

mod attr;
mod expand;
mod openapi;
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
    finish(route.as_slice(), &func, &args, &errors)
}

/// `#[routes]` with `#[get("/a")]`, `#[post("/b")]`, ... under it: one handler,
/// several routes, as actix-web-codegen's `#[routes]`.
pub fn expand_routes(args: &TokenStream, item: &TokenStream) -> TokenStream {
    let mut func = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(func) => func,
        Err(err) => {
            let error = syn::Error::new(err.span(), "#[routes] goes on an async function")
                .to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(
            args,
            "#[routes] takes no arguments: put #[get(\"/path\")], #[post(\"/path\")], ... under it",
        ));
    }
    let mut routes = Vec::new();
    func.attrs.retain(|attr| {
        let Some(name) = attr.path().segments.last().map(|s| s.ident.to_string()) else {
            return true;
        };
        let method = match name.as_str() {
            "route" => None,
            other => match attr::Method::of_macro(other) {
                Some(method) => Some(method),
                None => return true,
            },
        };
        match attr.meta.require_list() {
            Ok(list) => {
                routes.extend(attr::parse(
                    &name,
                    method.as_ref(),
                    list.tokens.clone(),
                    &mut errors,
                ));
            }
            Err(err) => errors.push(err),
        }
        false
    });
    if routes.is_empty() && errors.is_empty() {
        errors.push(syn::Error::new_spanned(
            &func.sig.ident,
            "#[routes] needs the routes under it: #[get(\"/path\")], #[post(\"/path\")], ...",
        ));
    }
    let args = valid::check(&func, &mut errors);
    finish(&routes, &func, &args, &errors)
}

fn finish(
    routes: &[attr::Route],
    func: &ItemFn,
    args: &valid::Args,
    errors: &Errors,
) -> TokenStream {
    if errors.is_empty() && !routes.is_empty() {
        let service = expand::service(routes, func, args);
        let documented = cfg!(feature = "openapi").then(|| openapi::path_impls(routes, func, args));
        quote!(#service #documented)
    } else {
        let fallback = expand::fallback(func);
        let errors = errors.to_compile_errors();
        quote!(#fallback #errors)
    }
}
