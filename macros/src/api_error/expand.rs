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
/// Output:
/// ```text
/// impl ResponseError for T {
///     fn status_code(&self) -> StatusCode { announce::<Self>(); match self { Self::A { .. } => status(404), .. } }
///     fn error_response(&self) -> HttpResponse { match self { Self::A { .. } => static_response(.., b"{\"detail\":..}", ..), .. } }
/// }
/// impl View for T { fn view(&self) -> HttpException { .. } }
/// impl ApiError for T { fn to_http_exception(&self) -> HttpException { View::view(self) } }
/// impl Display for T { .. }   // unless thiserror writes it
/// impl Error for T {}         // unless thiserror writes it
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

    let status_arms = plans.iter().map(|plan| {
        let path = plan.variant.path();
        let code = plan.status;
        quote!(#path { .. } => #private::status(#code),)
    });
    let response_arms = plans.iter().map(response_arm);
    let view_arms = plans.iter().map(view_arm);
    let status_match = arms_match(plans, status_arms);
    let response_match = arms_match(plans, response_arms);
    let view_match = arms_match(plans, view_arms);

    let display_and_error = (!input.thiserror).then(|| {
        let display_match = arms_match(plans, plans.iter().map(display_arm));
        let source = source_fn(plans);
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #own_where {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #display_match
                }
            }

            #[automatically_derived]
            impl #impl_generics ::std::error::Error for #ident #ty_generics #assumed_where {
                #source
            }
        }
    });

    let into_responses = cfg!(feature = "openapi").then(|| {
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
        let documented_where = where_clause(input, &bounds, None);
        let documented_where = quote!(#documented_where #(#schema_bounds,)*);
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
    });

    quote! {
        #into_responses

        #[automatically_derived]
        impl #impl_generics #private::ResponseError for #ident #ty_generics #response_where {
            fn status_code(&self) -> #private::StatusCode {
                #private::announce::<Self>();
                #status_match
            }

            fn error_response(&self) -> #private::HttpResponse {
                #response_match
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::View for #ident #ty_generics #response_where {
            fn view(&self) -> ::actix_api_error::HttpException {
                #view_match
            }
        }

        #[automatically_derived]
        impl #impl_generics ::actix_api_error::ApiError for #ident #ty_generics #assumed_where {
            fn to_http_exception(&self) -> ::actix_api_error::HttpException {
                #private::View::view(self)
            }
        }

        #display_and_error
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
    let shape = match (plan.code, &plan.detail) {
        (_, Detail::Field(_)) => quote!(#private::Shape::Json),
        (Some(_), _) => quote!(#private::Shape::Coded),
        (None, _) => quote!(#private::Shape::Text),
    };
    let known = |json: Vec<u8>| {
        let json = String::from_utf8(json).unwrap_or_default();
        quote!(#private::Sample::Json(#json))
    };
    let example = match (plan.code, &plan.detail) {
        _ if plan.conceal => quote!(#private::Sample::Reason),
        (None, Detail::Text(text)) => known(detail_body(text)),
        (None, Detail::Format(template)) => known(detail_body(&template.lit.value())),
        (None, Detail::Reason) => quote!(#private::Sample::Reason),
        (Some((code, loc)), Detail::Text(text)) => known(coded_body(text, &code.value(), loc)),
        (Some((code, loc)), Detail::Format(template)) => {
            known(coded_body(&template.lit.value(), &code.value(), loc))
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
        impl #impl_generics ::actix_api_error::ApiError for #ident #ty_generics #assumed_where {
            fn to_http_exception(&self) -> ::actix_api_error::HttpException {
                #private::View::view(self)
            }
        }
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

fn private() -> TokenStream {
    quote!(::actix_api_error::__private)
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

/// Defines `__headers: &[(HeaderName, HeaderValue)]`: literal headers in a
/// `static` built at compile time, formatted ones checked at run time.
fn headers(plan: &Plan) -> TokenStream {
    let private = private();
    let (literal, formatted): (Vec<&Header>, Vec<&Header>) = plan
        .headers
        .iter()
        .partition(|header| header.value.literal.is_some());
    if literal.is_empty() && formatted.is_empty() {
        return quote! {
            let __headers: &[(#private::HeaderName, #private::HeaderValue)] = &[];
        };
    }
    let count = literal.len();
    let pairs = literal.iter().map(|header| {
        let name = &header.name;
        let value = header.value.literal.as_deref().unwrap_or_default();
        quote! {
            (#private::HeaderName::from_static(#name), #private::HeaderValue::from_static(#value))
        }
    });
    let statics = quote! {
        static __HEADERS: [(#private::HeaderName, #private::HeaderValue); #count] = [#(#pairs),*];
    };
    if formatted.is_empty() {
        return quote! {
            #statics
            let __headers: &[(#private::HeaderName, #private::HeaderValue)] = &__HEADERS;
        };
    }
    let total = count + formatted.len();
    let pushes = formatted.iter().map(|header| {
        let name = &header.name;
        let args = format_args(&header.value);
        quote!(#private::formatted_header(&mut __all, #name, #args);)
    });
    quote! {
        #statics
        let mut __all = ::std::vec::Vec::with_capacity(#total);
        __all.extend_from_slice(&__HEADERS);
        #(#pushes)*
        let __headers = __all.as_slice();
    }
}

/// One arm of `error_response`.
fn response_arm(plan: &Plan) -> TokenStream {
    let private = private();
    let pattern = pattern(plan.variant, &response_fields(plan));
    let headers = headers(plan);
    let code = plan.status;
    let status = quote!(#private::status(#code));
    let response = match (plan.code, &plan.detail) {
        (None, Detail::Text(text)) => {
            let body = Literal::byte_string(&detail_body(text));
            quote!(#private::static_response(#status, #body, __headers))
        }
        (None, Detail::Reason) => {
            quote!(#private::static_response(#status, #private::reason_body(#code), __headers))
        }
        (None, Detail::Format(template)) => {
            let args = format_args(template);
            quote!(#private::display_response(#status, &#args, __headers))
        }
        (None, Detail::Display) => quote!(#private::display_response(#status, self, __headers)),
        (_, Detail::Field(field)) => {
            let detail = detail_field(plan, field);
            quote!(#private::serialize_response(#status, #detail, __headers))
        }
        (Some((code, loc)), Detail::Text(text)) => {
            let body = Literal::byte_string(&coded_body(text, &code.value(), loc));
            quote!(#private::static_response(#status, #body, __headers))
        }
        (Some((code_lit, loc)), msg) => {
            let loc = loc_tokens(loc);
            let msg = match msg {
                Detail::Format(template) => {
                    let args = format_args(template);
                    quote!(&#args)
                }
                Detail::Display => quote!(self),
                _ => quote!(&#private::reason(#code)),
            };
            quote! {{
                #loc
                #private::coded_response(#status, #msg, #code_lit, __loc, __headers)
            }}
        }
    };
    // A concealed 5xx logs the error with an id, and sends the id.
    let response = if plan.conceal {
        quote!(#private::conceal(self, #response))
    } else {
        response
    };
    quote! {
        #pattern => {
            #headers
            #response
        }
    }
}

/// One arm of `to_http_exception`.
fn view_arm(plan: &Plan) -> TokenStream {
    let private = private();
    let pattern = pattern(plan.variant, &response_fields(plan));
    let headers = headers(plan);
    let code = plan.status;
    let text = match &plan.detail {
        Detail::Text(text) => quote!(#text),
        Detail::Reason => quote!(#private::reason(#code)),
        Detail::Format(template) => {
            let args = format_args(template);
            quote!(::std::fmt::format(#args))
        }
        Detail::Display => quote!(::std::string::ToString::to_string(self)),
        Detail::Field(field) => {
            let detail = detail_field(plan, field);
            quote!(#private::json_value(#detail))
        }
    };
    let detail = match (plan.code, &plan.detail) {
        (Some((code_lit, loc)), detail) if !matches!(detail, Detail::Field(_)) => {
            let loc = loc_tokens(loc);
            quote! {{
                #loc
                #private::coded_detail(#text, #code_lit, __loc)
            }}
        }
        _ => text,
    };
    let problem_type = plan.problem_type.map(|uri| quote!(.problem_type(#uri)));
    let title = plan.title.map(|title| quote!(.title(#title)));
    quote! {
        #pattern => {
            #headers
            #private::exception(#code, #detail, __headers) #problem_type #title
        }
    }
}

/// One arm of `Display::fmt`: the detail as text.
fn display_arm(plan: &Plan) -> TokenStream {
    let private = private();
    let pattern = pattern(plan.variant, &plan.detail.fields());
    let code = plan.status;
    let body = match &plan.detail {
        Detail::Text(text) => quote!(__formatter.write_str(#text)),
        Detail::Reason | Detail::Display => {
            quote!(__formatter.write_str(#private::reason(#code)))
        }
        Detail::Format(template) => {
            let args = format_args(template);
            quote!(__formatter.write_fmt(#args))
        }
        Detail::Field(field) => {
            let detail = detail_field(plan, field);
            quote!(#private::write_json(__formatter, #detail))
        }
    };
    quote!(#pattern => #body,)
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

/// Defines `__loc: Option<&'static [LocItem]>`.
fn loc_tokens(loc: Option<&Loc>) -> TokenStream {
    let Some(loc) = loc else {
        return quote!(let __loc = ::core::option::Option::None;);
    };
    let location = loc.location;
    let items = loc.items.iter().map(|item| match item {
        LocItem::Key(key) => {
            quote!(::actix_api_error::LocItem::Key(::std::borrow::Cow::Borrowed(#key)))
        }
        LocItem::Index(index) => quote!(::actix_api_error::LocItem::Index(#index)),
    });
    let count = loc.items.len() + 1;
    quote! {
        static __LOC: [::actix_api_error::LocItem; #count] = [
            ::actix_api_error::LocItem::Key(::std::borrow::Cow::Borrowed(#location)),
            #(#items),*
        ];
        let __loc = ::core::option::Option::Some(&__LOC[..]);
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
