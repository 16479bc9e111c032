//! What `#[exception_handler]` and the route macros both make of a function:
//! a unit struct of the same name (as actix-web-codegen does), and, when the
//! function is rejected, the function kept aside so that its body is still
//! checked; and the doc comment of any item (`#[api_error]` reads it too).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, ItemFn};

/// `#vis struct name;`, carrying the function's doc and `cfg` attributes.
pub fn unit_struct(func: &ItemFn) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let outer_attrs = func
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc") || attr.path().is_ident("cfg"));
    quote! {
        #(#outer_attrs)*
        #[allow(non_camel_case_types, missing_docs)]
        #[derive(Debug, Clone, Copy)]
        #vis struct #name;
    }
}

/// The lines of a `///` doc comment, as written (each with its leading space).
pub fn doc_lines(attrs: &[Attribute]) -> impl Iterator<Item = String> + '_ {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value()),
            _ => None,
        })
}

/// The function's `cfg` attributes, for the impls of its struct.
pub fn cfg_attrs(func: &ItemFn) -> impl Iterator<Item = &Attribute> {
    func.attrs.iter().filter(|attr| attr.path().is_ident("cfg"))
}

/// A rejected function in an anonymous block: its body is still type-checked,
/// and its name stays free for the struct. A method (`self`) cannot stand
/// there, and is left out.
pub fn checked_aside(func: &ItemFn) -> Option<TokenStream> {
    func.sig.receiver().is_none().then(|| {
        quote! {
            const _: () = {
                #[allow(dead_code)]
                #func
            };
        }
    })
}
