//! Turns a checked route function into a unit value that implements actix's
//! `HttpServiceFactory`, as actix-web-codegen does, with a handler that
//! extracts every argument before answering.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{ItemFn, spanned::Spanned};

use super::{
    attr::{Method, Route},
    valid::{Args, option_of},
};
use crate::item;

/// Input: `#[post("/items/{id}")] async fn create(a: A, b: B) -> R { .. }`
/// Output:
/// ```text
/// struct create;
/// impl HttpServiceFactory for create {
///     fn register(self, config: &mut AppService) {
///         async fn create(a: A, b: B) -> R { .. }
///         async fn handler(req: HttpRequest, payload: web::Payload) -> Result<impl Responder, Error> {
///             let mut merge = Merge::default();
///             let a = merge.take(&req, A::from_request(&req, &mut payload).await)?; // Option<A>
///             let b = merge.take(&req, B::from_request(&req, &mut payload).await)?;
///             let (Some(a), Some(b)) = (a, b) else { return Err(merge.into_error()) };
///             Ok(create(a, b).await)
///         }
///         Resource::new("/items/{id}").name("create").guard(MethodGuard::new(vec![POST]))
///             .to(handler).register(config)
///     }
/// }
/// ```
pub fn service(routes: &[Route], func: &ItemFn, args: &Args) -> TokenStream {
    let private = quote!(::actix_api_error::__private);
    let web = quote!(#private::actix_web);
    let name = &func.sig.ident;
    let unit_struct = item::unit_struct(func);
    let cfg_attrs = item::cfg_attrs(func);
    let resources = routes.iter().map(|route| resource(route, name));

    // Names no user writes (see exception_handler's expansion).
    let req = Ident::new("__actix_api_error_req", Span::call_site());
    let payload = Ident::new("__actix_api_error_payload", Span::call_site());
    let merge = Ident::new("__actix_api_error_merge", Span::call_site());
    let handler = Ident::new("__actix_api_error_handler", Span::call_site());
    let values: Vec<Ident> = (0..args.types.len())
        .map(|index| format_ident!("__actix_api_error_arg{index}"))
        .collect();
    let extract = args.types.iter().zip(&values).map(|(ty, value)| {
        // `Option<E>` of ours is `None` only when nothing of it was sent
        // (`Pick` falls back to actix's `Option` for other extractors). Paths
        // are written out, so that every token has the type's span and an error
        // in the type is reported once, at the type.
        let extracted = if let Some(inner) = option_of(ty) {
            quote_spanned! {ty.span()=>
                {
                    #[allow(unused_imports)]
                    use ::actix_api_error::__private::{
                        ViaActix as _, ViaOptional as _, ViaRefused as _,
                    };
                    (&&&::actix_api_error::__private::Pick::<#inner>::new())
                        .optional(&#req, &mut #payload)
                        .await
                }
            }
        } else {
            quote_spanned! {ty.span()=>
                <#ty as #web::FromRequest>::from_request(&#req, &mut #payload).await
            }
        };
        quote_spanned! {ty.span()=>
            let #value = #merge.take(
                &#req,
                {
                    #[allow(unused_imports)]
                    use ::actix_api_error::__private::{ViaDependency as _, ViaParameter as _};
                    (&&::actix_api_error::__private::Kind::<#ty>::new()).dependency()
                },
                #extracted,
            )?;
        }
    });
    let all_extracted = (!values.is_empty()).then(|| {
        quote! {
            let (#(::core::option::Option::Some(#values),)*) = (#(#values,)*) else {
                return ::core::result::Result::Err(#merge.into_error(&#req));
            };
        }
    });
    let call = quote!(#name(#(#values),*).await);
    // `Result<T, E>`: `E` must be an error we answer, said once, on `E`.
    let answer = if let Some(error) = args.error {
        let into = quote_spanned! {error.span()=> #private::answer::<#error> };
        quote! {
            match #call {
                ::core::result::Result::Ok(__actix_api_error_value) => {
                    ::core::result::Result::Ok(__actix_api_error_value)
                }
                ::core::result::Result::Err(__actix_api_error_error) => {
                    ::core::result::Result::Err(#into(__actix_api_error_error))
                }
            }
        }
    } else {
        quote!(::core::result::Result::Ok(#call))
    };

    quote! {
        #unit_struct

        #(#cfg_attrs)*
        #[automatically_derived]
        #[allow(deprecated)] // the route may be; registering it is no use of it
        impl #web::dev::HttpServiceFactory for #name {
            fn register(self, __actix_api_error_config: &mut #web::dev::AppService) {
                #func

                async fn #handler(
                    #req: #web::HttpRequest,
                    #payload: #web::web::Payload,
                ) -> ::core::result::Result<impl #web::Responder, #web::Error> {
                    #[allow(unused_mut, unused_variables)]
                    let mut #payload = #payload.into_inner();
                    #[allow(unused_mut, unused_variables)]
                    let mut #merge = <#private::Merge as ::core::default::Default>::default();
                    #(#extract)*
                    #all_extracted
                    #answer
                }

                #(#resources)*
            }
        }
    }
}

/// Registers `handler` at one route's path, for its methods.
fn resource(route: &Route, name: &Ident) -> TokenStream {
    let private = quote!(::actix_api_error::__private);
    let web = quote!(#private::actix_web);
    let path = &route.path;
    let resource_name = route
        .name
        .as_ref()
        .map_or_else(|| quote!(::core::stringify!(#name)), |name| quote!(#name));
    let guards = route
        .guards
        .iter()
        .map(|guard| quote!(.guard(#web::guard::fn_guard(#guard))));
    let wraps = route.wraps.iter().map(|wrap| quote!(.wrap(#wrap)));
    let methods = route.methods.iter().map(|method| match method {
        Method::Standard(standard) => {
            let ident = Ident::new(standard, Span::call_site());
            quote!(#web::http::Method::#ident)
        }
        Method::Custom(custom) => quote! {
            #web::http::Method::from_bytes(#custom.as_bytes())
                .expect("the macro checked the method's characters")
        },
    });
    quote! {
        #web::dev::HttpServiceFactory::register(
            #web::Resource::new(#path)
                .name(#resource_name)
                #(#guards)*
                .guard(#private::MethodGuard::new(::std::vec![#(#methods),*]))
                #(#wraps)*
                .to(__actix_api_error_handler),
            __actix_api_error_config,
        );
    }
}

/// For a function the macro rejected: the service value, so that
/// `.service(name)` adds no error, and the function in an anonymous block, so
/// that its body is still checked.
pub fn fallback(func: &ItemFn) -> TokenStream {
    let web = quote!(::actix_api_error::__private::actix_web);
    let name = &func.sig.ident;
    let unit_struct = item::unit_struct(func);
    let cfg_attrs = item::cfg_attrs(func);
    let checked = item::checked_aside(func);
    quote! {
        #unit_struct

        #(#cfg_attrs)*
        impl #web::dev::HttpServiceFactory for #name {
            fn register(self, _: &mut #web::dev::AppService) {
                ::core::unreachable!()
            }
        }

        #checked
    }
}
