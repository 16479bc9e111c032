//! Turns a checked handler function into a unit value that implements
//! `ExceptionHandler`, the way actix's `#[get]` turns a function into a service.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{ItemFn, Visibility, spanned::Spanned};

use crate::item;

use super::{attr::Target, valid::Params};

/// Input: `#[exception_handler(T)] async fn name(req: &HttpRequest, exc: &T) -> R { .. }`
/// Output:
/// ```text
/// struct name;
/// impl ExceptionHandler for name {
///     type Exception = T;
///     fn handle<'a>(&'a self, req: &'a HttpRequest, exc: &'a T) -> LocalBoxFuture<'a, Option<HttpResponse>> {
///         async fn name(req: &HttpRequest, exc: &T) -> R { .. }
///         Box::pin(async move { respond(req, name(req, exc).await) })
///     }
/// }
/// ```
pub fn handler(target: &Target, func: &ItemFn, params: &Params) -> TokenStream {
    let private = quote!(::actix_api_error::__private);
    let name = &func.sig.ident;
    let unit_struct = item::unit_struct(func);
    let cfg_attrs = item::cfg_attrs(func);
    let mut inner = func.clone();
    inner.vis = Visibility::Inherited;

    let (exception, status) = match target {
        Target::Type(ty) => (quote_spanned!(ty.span()=> #ty), None),
        Target::Status(code) => (
            quote!(::actix_api_error::HttpException),
            Some(quote! {
                fn status(&self) -> ::core::option::Option<#private::StatusCode> {
                    ::core::option::Option::Some(#private::status(#code))
                }
            }),
        ),
    };
    // Names no user writes: a parameter cannot share its name with a `const`
    // in scope, nor hide a handler function named `req` or `exc`. Each argument
    // is spanned on the user's parameter type, so a mismatch points there.
    let req = Ident::new("__actix_api_error_req", Span::call_site());
    let exc = Ident::new("__actix_api_error_exc", Span::call_site());
    let req_arg = Ident::new("__actix_api_error_req", params.req.span());
    let exc_arg = Ident::new("__actix_api_error_exc", params.exc.span());
    let call = quote!(#name(#req_arg, #exc_arg));
    // `-> Option<impl Responder>` declines with `None` (actix's own
    // `Responder` for `Option` would send an empty 404).
    let respond = if returns_option(func) {
        quote!(#private::respond_or_decline)
    } else {
        quote!(#private::respond)
    };
    let body = if func.sig.asyncness.is_some() {
        quote!(::std::boxed::Box::pin(async move { #respond(#req, #call.await) }))
    } else {
        quote!(::std::boxed::Box::pin(::core::future::ready(#respond(#req, #call))))
    };

    quote! {
        #unit_struct

        #(#cfg_attrs)*
        #[automatically_derived]
        impl ::actix_api_error::ExceptionHandler for #name {
            type Exception = #exception;

            fn name(&self) -> &'static str {
                ::core::stringify!(#name)
            }

            #status

            fn handle<'a>(
                &'a self,
                #req: &'a #private::HttpRequest,
                #exc: &'a Self::Exception,
            ) -> #private::LocalBoxFuture<'a, ::core::option::Option<#private::HttpResponse>> {
                #inner
                #body
            }
        }
    }
}

/// Whether the function returns `Option<...>`: a handler that may decline.
fn returns_option(func: &ItemFn) -> bool {
    match &func.sig.output {
        syn::ReturnType::Type(_, ty) => match &**ty {
            syn::Type::Path(path) => path
                .path
                .segments
                .last()
                .is_some_and(|segment| segment.ident == "Option"),
            _ => false,
        },
        syn::ReturnType::Default => false,
    }
}

/// For a function the macro rejected: the handler value, so that uses of it add
/// no errors, and the function in an anonymous block, so that its body is still
/// checked. The value is never built into a program: compilation has failed.
pub fn fallback(target: Option<&Target>, func: &ItemFn) -> TokenStream {
    let private = quote!(::actix_api_error::__private);
    let name = &func.sig.ident;
    let unit_struct = item::unit_struct(func);
    let cfg_attrs = item::cfg_attrs(func);
    let checked = item::checked_aside(func);
    let exception = if let Some(Target::Type(ty)) = target {
        quote!(#ty)
    } else {
        quote!(::actix_api_error::HttpException)
    };
    quote! {
        #unit_struct

        #(#cfg_attrs)*
        impl ::actix_api_error::ExceptionHandler for #name {
            type Exception = #exception;

            fn name(&self) -> &'static str {
                ::core::stringify!(#name)
            }

            fn handle<'a>(
                &'a self,
                _: &'a #private::HttpRequest,
                _: &'a Self::Exception,
            ) -> #private::LocalBoxFuture<'a, ::core::option::Option<#private::HttpResponse>> {
                ::core::unreachable!()
            }
        }

        #checked
    }
}
