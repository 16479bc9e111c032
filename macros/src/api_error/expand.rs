//! Turns checked [`Plan`]s into the impls. Nothing here can fail.

use std::fmt::Write;

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::{
    ast::{self, Input, Variant},
    attr::{Header, Loc, LocItem},
    valid::{Detail, Plan},
};
use crate::fmt::{FieldRef, Template};

/// Input: an enum or struct with checked plans.
/// Output: one `match` that describes each variant, and impls that hand it to
/// the runtime (which builds the response, the view and the text, compiled
/// once there rather than once per type here):
/// ```text
/// impl Describe for T {
///     fn describe(&self, __with: &mut dyn FnMut(&Variant<'_>)) {
///         match self { Self::A { .. } => __with(&Variant { status: 404, detail: .., ..Variant::NONE }), .. }
///     }
/// }
/// impl ResponseError for T {
///     fn status_code(&self) -> StatusCode { announce::<Self>(); status_of(self) }
///     fn error_response(&self) -> HttpResponse { error_response(self) }
/// }
/// impl View for T { fn view(&self) -> HttpException { view(self) } }
/// impl ApiError for T {}                           // `to_http_exception` is `view`
/// impl Display for T { .. display(self, f) .. }   // unless thiserror writes it
/// impl Error for T {}                               // unless thiserror writes it
/// ```
pub fn impls(input: &Input, plans: &[Plan]) -> TokenStream {
    let private = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let bounds = inferred_bounds(input, plans);
    let generic = input.generics.type_params().next().is_some();
    // `Debug` is the user's to derive: a type without it gets one error, from
    // `ResponseError`; `Error` and `ApiError` assume it (a `for<'_>` bound is
    // checked where the impl is used, not where it is written).
    let own_where = where_clause(input, &bounds, None);
    let response_where = where_clause(
        input,
        &bounds,
        generic.then(|| quote!(Self: ::core::fmt::Debug + ::core::fmt::Display)),
    );
    let assumed_where = where_clause(
        input,
        &bounds,
        Some(quote!(for<'__a> Self: ::core::fmt::Debug + ::core::fmt::Display)),
    );

    let statics = declared_statics(plans);
    let arms = plans.iter().enumerate();
    let describe_match = arms_match(plans, arms.map(|(index, plan)| describe_arm(index, plan)));
    // thiserror's `Display` as the detail of a generic type needs it said.
    let own_display = (generic
        && plans
            .iter()
            .any(|plan| matches!(plan.detail, Detail::Display)))
    .then(|| quote!(Self: ::core::fmt::Display));
    let describe_where = where_clause(input, &bounds, own_display);
    let conceals = plans.iter().any(|plan| plan.conceal);
    let error_response = if conceals {
        quote!(#private::error_response_concealing(self, self))
    } else {
        quote!(#private::error_response(self))
    };

    let display_and_error = (!input.thiserror).then(|| {
        let source = source_fn(plans);
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #own_where {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::display(self, __formatter)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::std::error::Error for #ident #ty_generics #assumed_where {
                #source
            }
        }
    });

    let into_responses =
        cfg!(feature = "openapi").then(|| into_responses(input, plans, &own_where));

    quote! {
        #into_responses

        #statics

        #[automatically_derived]
        impl #impl_generics #private::Describe for #ident #ty_generics #describe_where {
            fn describe(&self, __with: &mut dyn ::core::ops::FnMut(&#private::Variant<'_>)) {
                #describe_match
            }

            fn declared() -> &'static [#private::Declared] {
                &__VARIANTS
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::ResponseError for #ident #ty_generics #response_where {
            fn status_code(&self) -> #private::StatusCode {
                #private::announce::<Self>();
                #private::status_of(self)
            }

            fn error_response(&self) -> #private::HttpResponse {
                #error_response
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::View for #ident #ty_generics #response_where {
            fn view(&self) -> ::actix_api_error::HttpException {
                #private::view(self)
            }

            fn view_translated(&self, translate: #private::Translate<'_>) -> ::actix_api_error::HttpException {
                #private::view_translated(self, translate)
            }

            fn code(&self) -> ::core::option::Option<&str> {
                #private::code_of(self)
            }

        }

        #[automatically_derived]
        impl #impl_generics ::actix_api_error::ApiError for #ident #ty_generics #assumed_where {}

        #display_and_error
    }
}

/// `utoipa::IntoResponses` (feature `openapi`): one response per status.
fn into_responses(input: &Input, plans: &[Plan], own_where: &TokenStream) -> TokenStream {
    let private = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let variants = plans.iter().map(|plan| openapi_variant(input, plan));
    // A field sent as the detail is documented by its `ToSchema`; a type
    // whose field has none is not `IntoResponses` (said where a document
    // uses it, never where the type is declared).
    let schema_bounds = plans.iter().filter_map(|plan| match &plan.detail {
        Detail::Field(field) => {
            let ty = plan.variant.field_type(field)?;
            Some(quote!(for<'__a> #ty: #private::utoipa::PartialSchema))
        }
        _ => None,
    });
    let documented_where = quote!(#own_where #(#schema_bounds,)*);
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::utoipa::IntoResponses for #ident #ty_generics #documented_where {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                #private::utoipa::openapi::RefOr<#private::utoipa::openapi::response::Response>,
            > {
                #private::openapi_responses(&[#(#variants),*])
            }
        }
    }
}

/// What `IntoResponses` says of one variant: its status, doc comment, body
/// shape, the body itself when it is known at compile time, its headers, and
/// its problem type and title.
fn openapi_variant(input: &Input, plan: &Plan) -> TokenStream {
    let private = private();
    let name = plan.variant.name(input);
    let status = plan.status;
    let doc = plan.variant.doc.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |doc| quote!(::core::option::Option::Some(#doc)),
    );
    let shape = match (plan.structured, &plan.detail) {
        (_, Detail::Field(_)) => quote!(#private::Shape::Json),
        (true, _) => quote!(#private::Shape::Coded),
        (false, _) => quote!(#private::Shape::Text),
    };
    let known = |json: Vec<u8>| {
        let json = String::from_utf8(json).unwrap_or_default();
        quote!(#private::Sample::Json(#json))
    };
    let code = &plan.code;
    let example = match (plan.structured, &plan.detail) {
        _ if plan.conceal => quote!(#private::Sample::Reason),
        (false, Detail::Text(text)) => known(detail_body(text)),
        (false, Detail::Format(template)) => known(detail_body(&template.lit.value())),
        (false, Detail::Reason) => quote!(#private::Sample::Reason),
        (true, Detail::Text(text)) => known(coded_body(text, code, plan.loc)),
        (true, Detail::Format(template)) => {
            known(coded_body(&template.lit.value(), code, plan.loc))
        }
        _ => quote!(#private::Sample::Unknown),
    };
    let headers = plan.headers.iter().map(|header| &header.name);
    let conceal = plan.conceal;
    let optional = |text: Option<&syn::LitStr>| {
        text.map_or_else(
            || quote!(::core::option::Option::None),
            |text| quote!(::core::option::Option::Some(#text)),
        )
    };
    let problem_type = optional(plan.problem_type);
    let title = optional(plan.title);
    let detail = match &plan.detail {
        Detail::Field(field) if !plan.conceal => plan.variant.field_type(field).map(|ty| {
            quote!(::core::option::Option::Some(<#ty as #private::utoipa::PartialSchema>::schema))
        }),
        _ => None,
    }
    .unwrap_or_else(|| quote!(::core::option::Option::None));
    quote! {
        #private::OpenApiVariant {
            name: #name,
            code: #code,
            status: #status,
            doc: #doc,
            shape: #shape,
            example: #example,
            detail: #detail,
            headers: &[#(#headers),*],
            conceal: #conceal,
            problem_type: #problem_type,
            title: #title,
        }
    }
}

/// Impls that compile whatever the mistakes, so that one error in the attribute
/// does not become ten at every use of the type.
pub fn fallback(input: &Input) -> TokenStream {
    if input.generics.lifetimes().next().is_some() {
        return TokenStream::new();
    }
    let private = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let statics = static_params(input);
    let own_where = where_clause(input, &statics, None);
    let assumed_where = where_clause(
        input,
        &statics,
        Some(quote!(for<'__a> Self: ::core::fmt::Debug + ::core::fmt::Display)),
    );
    let display_and_error = (!input.thiserror).then(|| {
        quote! {
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #own_where {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::result::Result::Ok(())
                }
            }
            impl #impl_generics ::std::error::Error for #ident #ty_generics #assumed_where {}
        }
    });
    quote! {
        impl #impl_generics #private::ResponseError for #ident #ty_generics #assumed_where {}
        impl #impl_generics #private::View for #ident #ty_generics #assumed_where {
            fn view(&self) -> ::actix_api_error::HttpException {
                ::actix_api_error::HttpException::from_status(500)
            }
        }
        impl #impl_generics ::actix_api_error::ApiError for #ident #ty_generics #assumed_where {}
        #display_and_error
    }
}

/// `Error::source`, when a variant has a source field.
fn source_fn(plans: &[Plan]) -> Option<TokenStream> {
    let arms: Vec<TokenStream> = plans
        .iter()
        .filter_map(|plan| {
            let field = plan.variant.source_field.as_ref()?;
            let pattern = pattern(plan.variant, std::slice::from_ref(field));
            let binding = binding(field);
            Some(quote!(#pattern => ::core::option::Option::Some(#binding),))
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    let rest = (arms.len() < plans.len()).then(|| quote!(_ => ::core::option::Option::None,));
    Some(quote! {
        fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            match self {
                #(#arms)*
                #rest
            }
        }
    })
}

/// `T: 'static` for each type parameter: actix keeps errors as `'static` values.
fn static_params(input: &Input) -> Vec<TokenStream> {
    input
        .generics
        .type_params()
        .map(|param| {
            let ident = &param.ident;
            quote!(#ident: 'static)
        })
        .collect()
}

/// A generic type's bounds, inferred as thiserror infers them: each type
/// parameter `'static`, and each field type that mentions a parameter the trait
/// its use needs (`Display` for `{0}`, `Debug` for `{0:?}`, `Serialize` for a
/// detail field). `Invalid<T>` then needs no bounds written, and
/// `Invalid<NotDisplay>` fails where it is used, naming the missing trait.
fn inferred_bounds(input: &Input, plans: &[Plan]) -> Vec<TokenStream> {
    let params: Vec<&syn::Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    let mut bounds = static_params(input);
    let mut push = |bound: TokenStream| {
        let text = bound.to_string();
        if !bounds.iter().any(|known| known.to_string() == text) {
            bounds.push(bound);
        }
    };
    for plan in plans {
        let variant = plan.variant;
        let generic_type = |field: &FieldRef| {
            variant
                .field_type(field)
                .filter(|ty| mentions(ty.to_token_stream(), &params))
        };
        let detail_template = match &plan.detail {
            Detail::Format(template) => Some(*template),
            _ => None,
        };
        let templates = detail_template
            .into_iter()
            .chain(plan.headers.iter().map(|header| &header.value));
        for template in templates {
            for (field, name) in &template.uses {
                if let Some(ty) = generic_type(field) {
                    let name = format_ident!("{}", name);
                    push(quote!(#ty: ::core::fmt::#name));
                }
            }
        }
        if let Detail::Field(field) = &plan.detail
            && let Some(ty) = generic_type(field)
        {
            push(quote!(#ty: ::actix_api_error::__private::DetailField));
        }
        if !input.thiserror
            && let Some(ty) = variant.source_field.as_ref().and_then(generic_type)
        {
            push(quote!(#ty: ::std::error::Error));
        }
    }
    bounds
}

/// Whether `tokens` name one of `params`.
fn mentions(tokens: TokenStream, params: &[&syn::Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.iter().any(|param| **param == ident),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

/// The type's own `where` predicates, then `bounds`, then `extra`.
fn where_clause(input: &Input, bounds: &[TokenStream], extra: Option<TokenStream>) -> TokenStream {
    let own = input
        .generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter());
    let extra = extra.into_iter();
    quote!(where #(#own,)* #(#bounds,)* #(#extra,)*)
}

/// The runtime's macro support, as the generated block names it (see
/// [`super::expand`]).
fn private() -> TokenStream {
    quote!(__ae)
}

/// `match self { arms }`, or `match *self {}` for an enum without variants.
fn arms_match(plans: &[Plan], arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    if plans.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    }
}

/// `Self::Variant { 0: __0, name: __name, .. }`, binding what is used.
fn pattern(variant: &Variant, fields: &[FieldRef]) -> TokenStream {
    let path = variant.path();
    let bindings = fields.iter().map(|field| {
        let member = ast::member(field);
        let binding = binding(field);
        quote!(#member: #binding)
    });
    quote!(#path { #(#bindings,)* .. })
}

fn binding(field: &FieldRef) -> syn::Ident {
    format_ident!("{}", field.arg_name())
}

/// The fields the response (detail and headers) reads, each once.
fn response_fields(plan: &Plan) -> Vec<FieldRef> {
    let mut fields = plan.detail.fields();
    for header in &plan.headers {
        for field in &header.value.fields {
            if !fields.contains(field) {
                fields.push(field.clone());
            }
        }
    }
    fields
}

/// `format_args!("Item {__0} exists", __0 = __0)`.
fn format_args(template: &Template) -> TokenStream {
    let lit = template.rewritten_lit();
    let args = template.fields.iter().map(|field| {
        let binding = binding(field);
        quote!(#binding = #binding)
    });
    quote!(::core::format_args!(#lit #(, #args)*))
}

/// One arm of `describe`: the variant's [`Declared`] (`__VARIANTS[index]`),
/// and what is formatted in place from the fields.
fn describe_arm(index: usize, plan: &Plan) -> TokenStream {
    let private = private();
    let pattern = pattern(plan.variant, &response_fields(plan));
    let detail = match &plan.detail {
        Detail::Text(_) | Detail::Reason => None,
        Detail::Format(template) => {
            let args = format_args(template);
            let values = template
                .fields
                .iter()
                .zip(&template.specs)
                .map(|(field, spec)| {
                    let binding = binding(field);
                    let lit = if spec.is_empty() {
                        format!("{{{binding}}}")
                    } else {
                        format!("{{{binding}:{spec}}}")
                    };
                    quote!(::core::format_args!(#lit, #binding = #binding))
                });
            Some(quote!(Format(#args, &[#(#values),*])))
        }
        Detail::Display => Some(quote!(Own(self))),
        Detail::Field(field) => {
            let detail = detail_field(plan, field);
            Some(quote!(Field(#detail)))
        }
    };
    let formatted: Vec<&Header> = plan
        .headers
        .iter()
        .filter(|header| header.value.literal.is_none())
        .copied()
        .collect();
    let variant = if detail.is_none() && formatted.is_empty() {
        quote!(#private::Variant::declared(&__VARIANTS[#index]))
    } else {
        let detail = detail.unwrap_or_else(|| quote!(Declared));
        let values = formatted.iter().map(|header| format_args(&header.value));
        quote! {
            #private::Variant {
                declared: &__VARIANTS[#index],
                detail: #private::VariantDetail::#detail,
                header_values: &[#(#values),*],
            }
        }
    };
    quote!(#pattern => __with(&#variant),)
}

/// What is known of each variant at compile time, in one `static` per type:
/// `static __VARIANTS: [Declared; N]`, and the headers and `loc`s they point to.
fn declared_statics(plans: &[Plan]) -> TokenStream {
    let private = private();
    let some = |value: TokenStream| quote!(::core::option::Option::Some(#value));
    let mut statics = TokenStream::new();
    let mut all = Vec::with_capacity(plans.len());
    for (index, plan) in plans.iter().enumerate() {
        let status = plan.status;
        let code = &plan.code;
        let mut declared = vec![quote!(status: #status), quote!(code: #code)];
        match &plan.detail {
            Detail::Text(text) => declared.push(quote!(text: ::core::option::Option::Some(#text))),
            Detail::Format(template) => {
                let written = template.lit.value();
                declared.push(quote!(template: ::core::option::Option::Some(#written)));
                let names = template.fields.iter().map(FieldRef::variable_name);
                declared.push(quote!(fields: &[#(#names),*]));
            }
            Detail::Display | Detail::Field(_) => declared.push(quote!(runtime_detail: true)),
            Detail::Reason => {}
        }
        // The whole body, when nothing in it is formatted.
        let body = match (plan.structured, &plan.detail) {
            (false, Detail::Text(text)) => Some(detail_body(text)),
            (true, Detail::Text(text)) => Some(coded_body(text, code, plan.loc)),
            _ => None,
        };
        if let Some(body) = body {
            let body = some(Literal::byte_string(&body).into_token_stream());
            declared.push(quote!(body: #body));
        }
        if plan.structured {
            declared.push(quote!(structured: true));
            if let Some(loc) = plan.loc {
                let name = format_ident!("__LOC_{}", index);
                statics.extend(loc_static(&name, loc));
                declared.push(quote!(loc: ::core::option::Option::Some(&#name)));
            }
        }
        let (literal, formatted): (Vec<&Header>, Vec<&Header>) = plan
            .headers
            .iter()
            .partition(|header| header.value.literal.is_some());
        if !literal.is_empty() {
            let name = format_ident!("__HEADERS_{}", index);
            let count = literal.len();
            let pairs = literal.iter().map(|header| {
                let name = &header.name;
                let value = header.value.literal.as_deref().unwrap_or_default();
                quote! {
                    (#private::HeaderName::from_static(#name), #private::HeaderValue::from_static(#value))
                }
            });
            statics.extend(quote! {
                static #name: [(#private::HeaderName, #private::HeaderValue); #count] = [#(#pairs),*];
            });
            declared.push(quote!(headers: &#name));
        }
        if !formatted.is_empty() {
            let names = formatted.iter().map(|header| &header.name);
            declared.push(quote!(formatted_headers: &[#(#names),*]));
        }
        if plan.conceal {
            declared.push(quote!(conceal: true));
        }
        if let Some(uri) = plan.problem_type {
            declared.push(quote!(problem_type: ::core::option::Option::Some(#uri)));
        }
        if let Some(title) = plan.title {
            declared.push(quote!(title: ::core::option::Option::Some(#title)));
        }
        if let Some(doc) = &plan.variant.doc {
            declared.push(quote!(doc: ::core::option::Option::Some(#doc)));
        }
        all.push(quote!(#private::Declared { #(#declared,)* ..#private::Declared::NONE }));
    }
    let count = plans.len();
    quote! {
        #statics
        static __VARIANTS: [#private::Declared; #count] = [#(#all),*];
    }
}

/// The detail field as `&dyn erased_serde::Serialize`, spanned on its type: a
/// type that does not serialize is one error there, not one per use.
fn detail_field(plan: &Plan, field: &FieldRef) -> TokenStream {
    let binding = binding(field);
    let span = plan
        .variant
        .field_type(field)
        .map_or_else(proc_macro2::Span::call_site, Spanned::span);
    quote_spanned!(span=> ::actix_api_error::__private::detail(#binding))
}

/// `static __LOC_i: [LocItem; N]`: a Safir `loc`, its location first.
fn loc_static(name: &syn::Ident, loc: &Loc) -> TokenStream {
    let location = loc.location;
    let items = loc.items.iter().map(|item| match item {
        LocItem::Key(key) => {
            quote!(::actix_api_error::LocItem::Key(::std::borrow::Cow::Borrowed(#key)))
        }
        LocItem::Index(index) => quote!(::actix_api_error::LocItem::Index(#index)),
    });
    let count = loc.items.len() + 1;
    quote! {
        static #name: [::actix_api_error::LocItem; #count] = [
            ::actix_api_error::LocItem::Key(::std::borrow::Cow::Borrowed(#location)),
            #(#items),*
        ];
    }
}

/// `{"detail":"<text>"}`.
fn detail_body(text: &str) -> Vec<u8> {
    format!("{{\"detail\":{}}}", json_string(text)).into_bytes()
}

/// `{"detail":[{"loc":[...],"msg":"<text>","type":"<code>"}]}`, keys in Safir's order.
fn coded_body(text: &str, code: &str, loc: Option<&Loc>) -> Vec<u8> {
    let mut item = String::from("{");
    if let Some(loc) = loc {
        let mut parts = vec![json_string(loc.location)];
        parts.extend(loc.items.iter().map(|item| match item {
            LocItem::Key(key) => json_string(key),
            LocItem::Index(index) => index.to_string(),
        }));
        let _ = write!(item, "\"loc\":[{}],", parts.join(","));
    }
    let _ = write!(
        item,
        "\"msg\":{},\"type\":{}}}",
        json_string(text),
        json_string(code)
    );
    format!("{{\"detail\":[{item}]}}").into_bytes()
}

fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}
