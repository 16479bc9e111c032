//! The rules that span attributes, checked once per variant; what passes becomes
//! a [`Plan`] that expansion turns into code without further checks.

use syn::LitStr;

use super::{
    ast::{Input, Variant},
    attr::{self, Header, Loc},
};
use crate::{
    errors::Errors,
    fmt::{FieldRef, Template},
};

/// What one variant sends.
pub struct Plan<'a> {
    pub variant: &'a Variant,
    pub status: u16,
    pub detail: Detail<'a>,
    /// The stable code: `code = "..."`, or the variant's name in snake case.
    pub code: String,
    /// Safir's `{"detail":[{"loc", "msg", "type": <code>}]}` instead of
    /// `{"detail": ...}`.
    pub structured: bool,
    /// Safir's `loc` (which implies `structured`).
    pub loc: Option<&'a Loc>,
    /// The type's headers (less those the variant sets or drops), then the variant's.
    pub headers: Vec<&'a Header>,
    /// A 5xx whose detail was not written out: the client gets the reason phrase
    /// and an error id, the log gets the error (its text may hold secrets).
    pub conceal: bool,
    /// RFC 9457: the problem type's URI and title (the variant's, else the type's).
    pub problem_type: Option<&'a LitStr>,
    pub title: Option<&'a LitStr>,
}

pub enum Detail<'a> {
    /// Known text: a literal `detail`, or thiserror's literal `#[error("...")]`.
    Text(String),
    /// The status's reason phrase.
    Reason,
    /// `detail = "... {field} ..."`.
    Format(&'a Template),
    /// thiserror's `Display`.
    Display,
    /// A field sent as JSON.
    Field(FieldRef),
}

impl Detail<'_> {
    /// The fields the detail reads.
    pub fn fields(&self) -> Vec<FieldRef> {
        match self {
            Self::Format(template) => template.fields.clone(),
            Self::Field(field) => vec![field.clone()],
            Self::Text(_) | Self::Reason | Self::Display => Vec::new(),
        }
    }
}

pub fn check<'a>(input: &'a Input, errors: &mut Errors) -> Vec<Plan<'a>> {
    if let Some(lifetime) = input.generics.lifetimes().next() {
        errors.at(
            lifetime,
            "an #[api_error] type cannot borrow: actix keeps errors as `'static` values; use \
             owned fields (String instead of &str)",
        );
    }
    if let Some(template) = &input.type_attrs.detail
        && input.is_enum
        && !template.fields.is_empty()
    {
        errors.at(
            &template.lit,
            "a detail on the enum cannot use fields, which differ per variant; move it to the \
             variants",
        );
    }
    if let Some(name) = input.type_attrs.without_headers.first() {
        errors.at(
            name,
            "`without_headers` goes on a variant, to drop a header its enum sets; here, leave \
             the header out of `headers(...)`",
        );
    }
    if let Some(code) = &input.type_attrs.code
        && input.is_enum
    {
        errors.at(
            code,
            "a code names one error: put `code = \"...\"` on each variant that needs its own \
             (the others' are their names in snake_case)",
        );
    }
    let plans: Vec<Plan> = input
        .variants
        .iter()
        .filter_map(|variant| plan(input, variant, errors))
        .collect();
    for (i, plan) in plans.iter().enumerate() {
        if let Some(first) = plans[..i].iter().find(|other| other.code == plan.code) {
            let variant = plan.variant;
            let derived = if variant.attrs.code.is_none() && first.variant.attrs.code.is_none() {
                " (a variant's code is its name in snake_case unless it gives one)"
            } else {
                ""
            };
            let message = format!(
                "duplicate code `{}`: `{}` has it too{derived}; codes tell a type's errors \
                 apart, so give one of them its own `code = \"...\"`",
                plan.code,
                first.variant.name(input),
            );
            match &variant.attrs.code {
                Some(lit) => errors.at(lit, message),
                None => errors.push(syn::Error::new(variant.span, message)),
            }
        }
    }
    plans
}

fn plan<'a>(input: &'a Input, variant: &'a Variant, errors: &mut Errors) -> Option<Plan<'a>> {
    let own = &variant.attrs;
    let defaults = &input.type_attrs;
    let name = variant.name(input);

    let allow_non_error = own.allow_non_error.is_some() || defaults.allow_non_error.is_some();
    let status = match own.status.as_ref().or(defaults.status.as_ref()) {
        Some(lit) => check_status(lit, allow_non_error, errors),
        None if own.broken || defaults.broken => None,
        None => {
            let fix = if input.is_enum {
                format!(
                    "missing status for `{name}`: add #[api_error(status = ...)] to the variant, \
                     or a default status to #[api_error(status = ...)] on the enum"
                )
            } else {
                "missing status: write #[api_error(status = ...)], e.g. status = 404".to_owned()
            };
            errors.push(syn::Error::new(variant.span, fix));
            None
        }
    };

    // Whether the developer wrote the detail (`detail = ...`, a detail field), or
    // it would come from the error's own text (thiserror's, or the reason phrase).
    let mut explicit = true;
    let detail = match (&own.detail, &variant.detail_field) {
        (Some(template), Some(_)) => {
            errors.at(
                &template.lit,
                format!(
                    "`{name}` has both `detail = ...` and an #[api_error(detail)] field; keep one"
                ),
            );
            None
        }
        (Some(template), None) => Some(format_detail(template)),
        (None, Some(field)) => match &defaults.detail {
            // A struct's `detail = ...` is its own, not a default to override.
            Some(template) if !input.is_enum => {
                errors.at(
                    &template.lit,
                    format!(
                        "`{name}` has both `detail = ...` and an #[api_error(detail)] field; keep one"
                    ),
                );
                None
            }
            _ => Some(Detail::Field(field.clone())),
        },
        (None, None) => Some(if let Some(template) = &defaults.detail {
            format_detail(template)
        } else {
            explicit = false;
            if input.thiserror {
                variant
                    .thiserror_literal
                    .clone()
                    .map_or(Detail::Display, Detail::Text)
            } else {
                Detail::Reason
            }
        }),
    }?;
    if let Detail::Format(template) = &detail {
        check_fields(variant, &name, template, errors);
    }

    // An enum's own `code` is refused in `check`: each variant keeps its name's.
    let type_code = defaults.code.as_ref().filter(|_| !input.is_enum);
    let code = own
        .code
        .as_ref()
        .or(type_code)
        .map_or_else(|| attr::snake_case(&name), LitStr::value);
    let loc = own.loc.as_ref().or(defaults.loc.as_ref());
    let structured = own.structured.as_ref().or(defaults.structured.as_ref());
    let structured = structured.is_some() || loc.is_some();
    if let (true, Detail::Field(_)) = (structured, &detail) {
        let message = "Safir's structured body needs a text detail (`detail = \"...\"`) to use \
                       as its message, not a JSON field";
        match (
            own.structured.as_ref().or(defaults.structured.as_ref()),
            loc,
        ) {
            (Some(flag), _) => errors.at(flag, message),
            (None, Some(loc)) => errors.push(syn::Error::new(loc.span, message)),
            (None, None) => {}
        }
    }

    let headers = headers(input, variant, errors);
    for header in &headers {
        check_fields(variant, &name, &header.value, errors);
    }

    let status = status?;
    let conceal = status >= 500 && !explicit;
    Some(Plan {
        variant,
        status,
        detail: if conceal { Detail::Reason } else { detail },
        code,
        structured,
        loc,
        headers,
        conceal,
        problem_type: own.problem_type.as_ref().or(defaults.problem_type.as_ref()),
        title: own.title.as_ref().or(defaults.title.as_ref()),
    })
}

/// A variant's header replaces the type's header of the same name;
/// `without_headers("X-Api")` drops one.
fn headers<'a>(input: &'a Input, variant: &'a Variant, errors: &mut Errors) -> Vec<&'a Header> {
    let own = &variant.attrs;
    let defaults = &input.type_attrs;
    for name in &own.without_headers {
        let lower = name.value().to_ascii_lowercase();
        if own.headers.iter().any(|header| header.name == lower) {
            errors.at(
                name,
                format!("`{}` is both set and dropped; keep one", name.value()),
            );
        } else if !defaults.headers.iter().any(|header| header.name == lower) {
            errors.at(
                name,
                format!(
                    "the enum sets no `{}` header, so there is nothing to drop",
                    name.value()
                ),
            );
        }
    }
    let inherited = defaults.headers.iter().filter(|header| {
        !own.headers.iter().any(|mine| mine.name == header.name)
            && !own
                .without_headers
                .iter()
                .any(|name| name.value().eq_ignore_ascii_case(&header.name))
    });
    inherited.chain(&own.headers).collect()
}

fn format_detail(template: &Template) -> Detail<'_> {
    match &template.literal {
        Some(text) => Detail::Text(text.clone()),
        None => Detail::Format(template),
    }
}

fn check_status(lit: &syn::LitInt, allow_non_error: bool, errors: &mut Errors) -> Option<u16> {
    let code: u16 = lit.base10_parse().ok()?;
    let error = match code {
        400..=599 => return Some(code),
        200..=399 if allow_non_error => return Some(code),
        200..=399 => format!(
            "status {code} is not an error status (400 to 599); add `allow_non_error` to send it \
             anyway"
        ),
        100..=199 => format!(
            "status {code} is informational (1xx): it cannot be the final response to a request"
        ),
        _ => {
            errors.push(attr::invalid_status(lit));
            return None;
        }
    };
    errors.at(lit, error);
    None
}

fn check_fields(variant: &Variant, name: &str, template: &Template, errors: &mut Errors) {
    for field in &template.fields {
        if variant.has(field) {
            continue;
        }
        let message = match field {
            FieldRef::Named(field) if variant.named => {
                format!("`{name}` has no field `{field}`")
            }
            FieldRef::Named(field) => format!(
                "`{name}` has no named fields, so `{{{field}}}` cannot be shown; use a tuple \
                 index such as `{{0}}`"
            ),
            FieldRef::Index(_) if variant.named => {
                format!("`{name}` has named fields: write `{{name}}` instead of an index")
            }
            FieldRef::Index(index) => format!(
                "`{name}` has {} field{}, so there is no field {index}",
                variant.fields.len(),
                if variant.fields.len() == 1 { "" } else { "s" },
            ),
        };
        errors.at(&template.lit, message);
    }
}
