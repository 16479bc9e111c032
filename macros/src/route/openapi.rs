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
/// impl utoipa::Path for create where for<'a> A: OperationInput, .., T: OperationOutput, E: IntoResponses {
///     fn path() -> String { ROUTE.path() }  // and methods(), operation()
/// }
/// impl utoipa::__dev::Tags for create { .. }
/// impl utoipa::__dev::SchemaReferences for create { .. }
/// type __path_create = create;   // what `paths(create)` names
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

    quote! {
        #(#cfg_attrs)*
        const _: () = {
            const __ROUTE: #private::OpenApiRoute = #private::OpenApiRoute {
                operation_id: #operation_id,
                pattern: #pattern,
                methods: &[#(#methods),*],
                doc: #doc,
                deprecated: #deprecated,
            };

            fn __document(__context: &mut #private::OpenApiContext<'_>)
            where
                #(for<'__a> #inputs: #private::OperationInput,)*
                for<'__a> #success: #private::OperationOutput,
                #error_bound
            {
                #(<#inputs as #private::OperationInput>::document(__context);)*
                <#success as #private::OperationOutput>::document(__context);
                #error_responses
            }

            #[automatically_derived]
            impl #utoipa::Path for #name
            where
                #(for<'__a> #inputs: #private::OperationInput,)*
                for<'__a> #success: #private::OperationOutput,
                #error_bound
            {
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

            #[automatically_derived]
            impl<'__t> #utoipa::__dev::Tags<'__t> for #name {
                fn tags() -> ::std::vec::Vec<&'__t str> {
                    ::std::vec::Vec::new()
                }
            }

            #[automatically_derived]
            impl #utoipa::__dev::SchemaReferences for #name
            where
                #(for<'__a> #inputs: #private::OperationInput,)*
                for<'__a> #success: #private::OperationOutput,
                #error_bound
            {
                fn schemas(__schemas: &mut ::actix_api_error::openapi::Schemas) {
                    __ROUTE.schemas(__document, __schemas);
                }
            }
        };

        #(#cfg_attrs)*
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis type #alias = #name;
    }
}

/// The function's doc comment as one text (utoipa reads a first paragraph as
/// the summary, the rest as the description).
fn doc_text(func: &ItemFn) -> String {
    let lines: Vec<String> = func
        .attrs
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
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect();
    lines.join("\n")
}
