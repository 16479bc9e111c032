//! The item under `#[api_error]`, read into [`Input`]: its variants, their
//! attributes and fields. Our helper attributes are stripped from the item on the
//! way, since an attribute macro must re-emit the item without them.

use proc_macro2::{Span, TokenStream};
use syn::{
    Attribute, Data, DeriveInput, Fields, Ident, LitStr, Member, Path, Token,
    punctuated::Punctuated, spanned::Spanned,
};

use super::attr::{self, Attrs};
use crate::{errors::Errors, fmt::FieldRef};

pub struct Input {
    pub ident: Ident,
    pub generics: syn::Generics,
    pub is_enum: bool,
    /// The macro's own arguments: the whole struct's, or the enum's defaults.
    pub type_attrs: Attrs,
    pub variants: Vec<Variant>,
    /// `#[derive(thiserror::Error)]` (or `#[error]` attributes) are there:
    /// thiserror writes `Display` and `Error`, and its text is the default detail.
    pub thiserror: bool,
}

pub struct Variant {
    /// `None` for a struct.
    pub ident: Option<Ident>,
    pub attrs: Attrs,
    pub fields: Vec<FieldRef>,
    /// The type of each field, in the order of `fields`.
    pub types: Vec<syn::Type>,
    pub named: bool,
    /// The field marked `#[api_error(detail)]`.
    pub detail_field: Option<FieldRef>,
    /// The error's `source()`: the field marked `#[source]`, as in thiserror
    /// (a field merely named `source` is not one: it may be any data).
    pub source_field: Option<FieldRef>,
    /// thiserror's `#[error("...")]` text when it is a plain literal.
    pub thiserror_literal: Option<String>,
    /// The doc comment (the variant's, or the struct's), for OpenAPI.
    pub doc: Option<String>,
    pub span: Span,
}

impl Variant {
    /// `Self::Name` or `Self`.
    pub fn path(&self) -> TokenStream {
        if let Some(ident) = &self.ident {
            quote::quote!(Self::#ident)
        } else {
            quote::quote!(Self)
        }
    }

    /// `NotFound` or the type's name, for messages.
    pub fn name(&self, input: &Input) -> String {
        self.ident.as_ref().unwrap_or(&input.ident).to_string()
    }

    pub fn has(&self, field: &FieldRef) -> bool {
        self.fields.contains(field)
    }

    pub fn field_type(&self, field: &FieldRef) -> Option<&syn::Type> {
        let index = self.fields.iter().position(|known| known == field)?;
        self.types.get(index)
    }
}

pub fn member(field: &FieldRef) -> Member {
    match field {
        FieldRef::Index(index) => Member::Unnamed(syn::Index::from(*index)),
        FieldRef::Named(name) => Member::Named(Ident::new(name, Span::call_site())),
    }
}

/// Reads `item`, stripping our attributes from it.
pub fn read(item: &mut DeriveInput, type_attrs: Attrs, errors: &mut Errors) -> Option<Input> {
    let thiserror = derives_thiserror(&item.attrs) || has_error_attr(item);
    let (is_enum, variants) = match &mut item.data {
        Data::Enum(data) => {
            let variants = data
                .variants
                .iter_mut()
                .map(|variant| {
                    let mut attrs = Attrs::default();
                    take_attrs(&mut variant.attrs, errors, |attr, errors| {
                        attr::parse_attr(attr, &mut attrs, errors);
                    });
                    let span = variant.span();
                    read_variant(
                        Some(variant.ident.clone()),
                        attrs,
                        &mut variant.fields,
                        &variant.attrs,
                        span,
                        thiserror,
                        errors,
                    )
                })
                .collect();
            (true, variants)
        }
        Data::Struct(data) => {
            take_attrs(&mut item.attrs, errors, |attr, errors| {
                errors.at(
                    attr,
                    "put the keys in the macro's own arguments: #[api_error(status = ...)]",
                );
            });
            let variant = read_variant(
                None,
                Attrs::default(),
                &mut data.fields,
                &item.attrs,
                item.ident.span(),
                thiserror,
                errors,
            );
            (false, vec![variant])
        }
        Data::Union(data) => {
            errors.at(
                data.union_token,
                "#[api_error] goes on an enum or a struct, not a union",
            );
            return None;
        }
    };
    Some(Input {
        ident: item.ident.clone(),
        generics: item.generics.clone(),
        is_enum,
        type_attrs,
        variants,
        thiserror,
    })
}

fn read_variant(
    ident: Option<Ident>,
    attrs: Attrs,
    fields: &mut Fields,
    item_attrs: &[Attribute],
    span: Span,
    thiserror: bool,
    errors: &mut Errors,
) -> Variant {
    let named = matches!(fields, Fields::Named(_));
    let mut detail_field = None;
    let mut source_field = None;
    let mut read_fields = Vec::new();
    let mut types = Vec::new();
    for (index, field) in fields.iter_mut().enumerate() {
        let member = match &field.ident {
            Some(ident) => FieldRef::Named(ident.to_string()),
            None => FieldRef::Index(index),
        };
        take_attrs(
            &mut field.attrs,
            errors,
            |attr, errors| match attr::parse_field_attr(attr) {
                Ok(()) if detail_field.is_some() => errors.at(
                    attr,
                    "only one field can be the detail: remove one #[api_error(detail)]",
                ),
                Ok(()) => detail_field = Some(member.clone()),
                Err(err) => errors.push(err),
            },
        );
        let marked = field
            .attrs
            .iter()
            .find(|attr| attr.path().is_ident("source"))
            .cloned();
        if !thiserror {
            // Ours to read; thiserror's helper attribute when it derives `Error`.
            field.attrs.retain(|attr| !attr.path().is_ident("source"));
        }
        if let Some(attr) = &marked {
            if source_field.is_some() {
                errors.at(
                    attr,
                    "only one field can be the source: remove one #[source]",
                );
            }
            source_field = Some(member.clone());
        }
        read_fields.push(member);
        types.push(field.ty.clone());
    }
    Variant {
        ident,
        attrs,
        fields: read_fields,
        types,
        named,
        detail_field,
        source_field,
        thiserror_literal: thiserror_literal(item_attrs),
        doc: doc_comment(item_attrs),
        span,
    }
}

/// Removes our `#[api_error]` attributes from `attrs`, handing each to `f`.
fn take_attrs(
    attrs: &mut Vec<Attribute>,
    errors: &mut Errors,
    mut f: impl FnMut(&Attribute, &mut Errors),
) {
    attrs.retain(|attr| {
        if attr.path().is_ident("api_error") {
            f(attr, errors);
            false
        } else {
            true
        }
    });
}

/// Is `thiserror::Error` (or any derive named `Error`) among the derives?
fn derives_thiserror(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|attr| {
            attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                .is_ok_and(|paths| {
                    paths
                        .iter()
                        .any(|p| p.segments.last().is_some_and(|s| s.ident == "Error"))
                })
        })
}

fn has_error_attr(item: &DeriveInput) -> bool {
    let has = |attrs: &[Attribute]| attrs.iter().any(|a| a.path().is_ident("error"));
    has(&item.attrs)
        || matches!(&item.data, Data::Enum(data) if data.variants.iter().any(|v| has(&v.attrs)))
}

/// `/// Lines` joined, trimmed; `None` when there are none.
fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = crate::item::doc_lines(attrs)
        .map(|line| line.trim().to_owned())
        .collect();
    let text = lines.join(" ").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The text of `#[error("...")]` when it needs no formatting.
fn thiserror_literal(attrs: &[Attribute]) -> Option<String> {
    let attr = attrs.iter().find(|a| a.path().is_ident("error"))?;
    let lit: LitStr = attr.parse_args().ok()?;
    crate::fmt::Template::parse(lit).ok()?.literal
}
