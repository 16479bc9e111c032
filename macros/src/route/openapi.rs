//! With the `openapi` feature: the route's `utoipa::Path`, so that
//! `#[openapi(paths(create))]` documents it from its own signature.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{ItemFn, Type};

use super::{
    attr::{Method, Route},
    valid::Args,
};
use crate::item;

/// Input: `#[post("/items/{id}")] async fn create(a: A, b: B) -> Result<T, E>`
/// Output:
/// ```text
/// struct __path_create;   // what `#[openapi(paths(create))]` names
/// impl __path_create {
///     fn path() -> String { ROUTE.path() }
///     fn methods() -> Vec<HttpMethod> { .. }
///     fn operation() -> Operation where for<'a> A: OperationInput, .., T: OperationOutput, E: IntoResponses { .. }
/// }
/// impl utoipa::__dev::Tags for __path_create { .. }
/// impl utoipa::__dev::SchemaReferences for __path_create where .. { .. }
/// impl utoipa::Path for create where .. { .. }
/// ```
/// The bounds are `for<'_>`, checked only where a document lists the route:
/// a route whose types have no `ToSchema` compiles as long as it is not listed.
pub fn path_impls(routes: &[Route], func: &ItemFn, args: &Args) -> TokenStream {
    let private = quote!(::actix_api_error::__private);
    let utoipa = quote!(#private::utoipa);
    let name = &func.sig.ident;
    let vis = &func.vis;
    let cfg_attrs: Vec<_> = item::cfg_attrs(func).collect();
    let alias = format_ident!("__path_{}", name);

    // OpenAPI has one path per operation: the first route's, with the methods
    // of every route at that path.
    let first = &routes[0];
    let pattern = &first.path;
    let methods = routes
        .iter()
        .filter(|route| route.path.value() == first.path.value())
        .flat_map(|route| &route.methods)
        .map(|method| match method {
            Method::Standard(standard) => (*standard).to_owned(),
            Method::Custom(custom) => custom.clone(),
        });
    let doc = doc_text(func);
    let deprecated = func
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("deprecated"));
    let operation_id = name.to_string();

    let inputs = &args.types;
    let success = match args.success {
        None => quote!(()),
        Some(Type::ImplTrait(_)) => quote!(#private::AnyResponder),
        Some(ty) => quote!(#ty),
    };
    let error_bound = args
        .error
        .map(|error| quote!(for<'__a> #error: #utoipa::IntoResponses,));
    let error_responses = args.error.map(|error| {
        quote! {
            for (__status, __response) in <#error as #utoipa::IntoResponses>::responses() {
                __context.response(&__status, __response);
            }
        }
    });

    let bounds = quote! {
        #(for<'__a> #inputs: #private::OperationInput,)*
        for<'__a> #success: #private::OperationOutput,
        #error_bound
    };

    quote! {
        #(#cfg_attrs)*
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #alias;

        #(#cfg_attrs)*
        const _: () = {
            const __ROUTE: #private::OpenApiRoute = #private::OpenApiRoute {
                operation_id: #operation_id,
                pattern: #pattern,
                methods: &[#(#methods),*],
                doc: #doc,
                deprecated: #deprecated,
            };

            fn __document(__context: &mut #private::OpenApiContext<'_>) where #bounds {
                #(<#inputs as #private::OperationInput>::document(__context);)*
                <#success as #private::OperationOutput>::document(__context);
                #error_responses
            }

            // What `paths(create)` calls: only `operation` needs the types
            // documented, so a type without `ToSchema` is one error there.
            impl #alias {
                pub fn path() -> ::std::string::String {
                    __ROUTE.path()
                }

                pub fn methods() -> ::std::vec::Vec<#utoipa::openapi::path::HttpMethod> {
                    __ROUTE.methods()
                }

                pub fn operation() -> #utoipa::openapi::path::Operation where #bounds {
                    __ROUTE.operation(__document)
                }
            }

            #[automatically_derived]
            impl<'__t> #utoipa::__dev::Tags<'__t> for #alias {
                fn tags() -> ::std::vec::Vec<&'__t str> {
                    ::std::vec::Vec::new()
                }
            }

            #[automatically_derived]
            impl #utoipa::__dev::SchemaReferences for #alias where #bounds {
                fn schemas(__schemas: &mut ::actix_api_error::openapi::Schemas) {
                    __ROUTE.schemas(__document, __schemas);
                }
            }

            // The route's own value is a `utoipa::Path` too (`path_from::<create>()`).
            #[automatically_derived]
            impl #utoipa::Path for #name where #bounds {
                fn path() -> ::std::string::String {
                    __ROUTE.path()
                }

                fn methods() -> ::std::vec::Vec<#utoipa::openapi::path::HttpMethod> {
                    __ROUTE.methods()
                }

                fn operation() -> #utoipa::openapi::path::Operation {
                    __ROUTE.operation(__document)
                }
            }
        };
    }
}
/// The function's doc comment as one text (utoipa reads a first paragraph as
/// the summary, the rest as the description).
fn doc_text(func: &ItemFn) -> String {
    let lines: Vec<String> = item::doc_lines(&func.attrs)
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect();
    lines.join("\n")
}
