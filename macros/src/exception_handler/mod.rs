//! `#[exception_handler]`: attr (parse) -> valid (check the function) -> expand (quote).

mod attr;
mod expand;
mod valid;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::errors::Errors;

pub fn expand(args: TokenStream, item: &TokenStream) -> TokenStream {
    let func = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(func) => func,
        Err(err) => {
            let error = syn::Error::new(
                err.span(),
                "#[exception_handler] goes on a function \
                 `fn handler(req: &HttpRequest, exc: &MyError) -> HttpResponse`",
            )
            .to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut errors = Errors::default();
    let target = attr::parse(args).map_err(|err| errors.push(err)).ok();
    let params = valid::check(&func, &mut errors);
    match (target, params) {
        (Some(target), Some(params)) if errors.is_empty() => {
            expand::handler(&target, &func, &params)
        }
        // A method stays where it is (an `impl` block takes no struct).
        _ if func.sig.receiver().is_some() => {
            let errors = errors.to_compile_errors();
            quote!(#func #errors)
        }
        // The value still exists, so `.handler(name)` adds no second error; the
        // function's body is still checked, out of the way.
        (target, _) => {
            let fallback = expand::fallback(target.as_ref(), &func);
            let errors = errors.to_compile_errors();
            quote!(#fallback #errors)
        }
    }
}
