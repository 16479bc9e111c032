//! `#[api_error]`: attr (parse) -> ast (read the item) -> valid (check) -> expand (quote).

mod ast;
mod attr;
mod expand;
mod valid;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Item, spanned::Spanned};

use crate::errors::Errors;

pub fn expand(args: TokenStream, item: &TokenStream) -> TokenStream {
    let Ok(mut derive_input) = syn::parse2::<DeriveInput>(item.clone()) else {
        return unsupported(item);
    };
    let mut errors = Errors::default();
    let type_attrs = attr::parse_args(args, &mut errors);
    let input = ast::read(&mut derive_input, type_attrs, &mut errors);
    let impls = input.as_ref().map(|input| {
        let plans = valid::check(input, &mut errors);
        if errors.is_empty() {
            expand::impls(input, &plans)
        } else {
            expand::fallback(input)
        }
    });
    let errors = errors.to_compile_errors();
    // The impls in a block of their own, where the runtime's support is
    // `__ae`: every path into it is three tokens, not six.
    let impls = impls.map(|impls| {
        quote! {
            const _: () = {
                use ::actix_api_error::__private as __ae;
                #impls
            };
        }
    });
    quote! {
        #derive_input
        #impls
        #errors
    }
}

/// `#[api_error]` on a function, a trait, ...: say so on its name, keep the item.
fn unsupported(item: &TokenStream) -> TokenStream {
    let span = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Fn(f)) => f.sig.ident.span(),
        Ok(Item::Trait(t)) => t.ident.span(),
        Ok(Item::Type(t)) => t.ident.span(),
        Ok(Item::Mod(m)) => m.ident.span(),
        Ok(Item::Const(c)) => c.ident.span(),
        Ok(Item::Static(s)) => s.ident.span(),
        Ok(Item::Impl(i)) => i.impl_token.span(),
        _ => Span::call_site(),
    };
    let error = syn::Error::new(
        span,
        "#[api_error] goes on an enum or a struct that describes an error",
    )
    .to_compile_error();
    quote!(#item #error)
}
