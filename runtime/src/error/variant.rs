//! What one variant of an `#[api_error]` type declares, and what is made of it:
//! its response, its [`HttpException`] view and its text.
//!
//! The macro writes one `match` per type that hands each variant over as a
//! [`Variant`] (its status and detail, the fields formatted in place); the
//! response, the view and `Display` are this module's, compiled once here
//! rather than once per type in every user's crate.

use std::{borrow::Cow, error::Error, fmt};

use actix_web::{
    HttpResponse,
    http::{
        StatusCode,
        header::{HeaderName, HeaderValue},
    },
};

use super::server::conceal;
use crate::{
    __private::status,
    Detail, ErrorDetail, HttpException, LocItem,
    model::{
        header,
        reason::{reason_body, reason_phrase},
    },
    response::{coded_response, display_response, serialize_response, static_response},
};

/// Implemented by `#[api_error]`: hands the value's variant to `with`, and
/// lists what every variant declares.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an `#[api_error]` type",
    label = "only `#[api_error]` types list their errors",
    note = "add `#[api_error(status = ...)]` to `{Self}`"
)]
pub trait Describe {
    /// Calls `with` with the variant `self` is.
    fn describe(&self, with: &mut dyn FnMut(&Variant<'_>));

    /// What each variant declares, in declaration order.
    fn declared() -> &'static [Declared]
    where
        Self: Sized;
}

/// One variant, as `#[api_error]` declared it: what the macro knew
/// ([`Declared`], a `static`), and the detail and header values formatted
/// from the value's fields.
#[derive(Clone, Copy)]
pub struct Variant<'a> {
    /// What is known at compile time.
    pub declared: &'static Declared,
    /// The detail, unless it was known at compile time.
    pub detail: VariantDetail<'a>,
    /// The values of [`Declared::formatted_headers`], in order.
    pub header_values: &'a [fmt::Arguments<'a>],
}

/// What a variant's detail is, when it was not known at compile time.
#[derive(Clone, Copy)]
pub enum VariantDetail<'a> {
    /// As declared: [`Declared::text`], or else the reason phrase.
    Declared,
    /// Text formatted from fields, and each field as the text formats it
    /// (in the order of [`Declared::fields`]), for a translation.
    Format(fmt::Arguments<'a>, &'a [fmt::Arguments<'a>]),
    /// The type's own `Display` (thiserror's).
    Own(&'a dyn fmt::Display),
    /// A field, sent as JSON.
    Field(&'a dyn erased_serde::Serialize),
}

/// What the macro knew of a variant.
pub struct Declared {
    /// A status the macro checked.
    pub status: u16,
    /// A literal detail.
    pub text: Option<&'static str>,
    /// A detail formatted from fields, as written (`"Item {id} exists"`).
    pub template: Option<&'static str>,
    /// The fields the template uses, as a translation's variables (`id`;
    /// a positional field `field0`).
    pub fields: &'static [&'static str],
    /// The detail is known only at run time: a JSON field, thiserror's
    /// formatted `Display`.
    pub runtime_detail: bool,
    /// The whole body, when the macro could write it.
    pub body: Option<&'static [u8]>,
    /// The stable code: given, or the variant's name in snake case.
    pub code: &'static str,
    /// Safir's body, `{"detail":[{"loc","msg","type": <code>}]}`.
    pub structured: bool,
    /// The doc comment.
    pub doc: Option<&'static str>,
    /// Safir's `loc`.
    pub loc: Option<&'static [LocItem]>,
    /// Headers with literal values.
    pub headers: &'static [(HeaderName, HeaderValue)],
    /// The names of headers whose values are formatted from fields (checked
    /// when sent).
    pub formatted_headers: &'static [&'static str],
    /// A 5xx that sends its reason phrase and an id, and logs the error.
    pub conceal: bool,
    /// RFC 9457's `type`.
    pub problem_type: Option<&'static str>,
    /// RFC 9457's `title`.
    pub title: Option<&'static str>,
}

impl Declared {
    /// What a variant declares unless it says otherwise.
    pub const NONE: Self = Self {
        status: 500,
        text: None,
        template: None,
        fields: &[],
        runtime_detail: false,
        body: None,
        code: "",
        structured: false,
        doc: None,
        loc: None,
        headers: &[],
        formatted_headers: &[],
        conceal: false,
        problem_type: None,
        title: None,
    };
}

impl Variant<'static> {
    /// A variant with nothing formatted.
    pub const fn declared(declared: &'static Declared) -> Self {
        Self {
            declared,
            detail: VariantDetail::Declared,
            header_values: &[],
        }
    }
}

/// `status_code()`.
pub fn status_of(this: &dyn Describe) -> StatusCode {
    answer(this, |variant| status(variant.declared.status))
}

/// `error_response()`.
pub fn error_response(this: &dyn Describe) -> HttpResponse {
    #[allow(
        clippy::redundant_closure_for_method_calls,
        reason = "for every lifetime of the variant"
    )]
    answer(this, |variant| variant.response())
}

/// `error_response()` of a type with a concealed variant: `error` is logged.
pub fn error_response_concealing(this: &dyn Describe, error: &dyn Error) -> HttpResponse {
    answer(this, |variant| {
        let response = variant.response();
        if variant.declared.conceal {
            conceal(error, variant.declared.code, response)
        } else {
            response
        }
    })
}

/// The code of the variant `this` is.
pub fn code_of(this: &dyn Describe) -> Option<&'static str> {
    Some(answer(this, |variant| variant.declared.code))
}

/// `to_http_exception()`.
pub fn view(this: &dyn Describe) -> HttpException {
    answer(this, |variant| variant.view(None))
}

/// A detail in another language, from a variant's code, the names of the
/// fields its template uses and their values; `None` to keep it as written.
pub type Translate<'t> = &'t dyn Fn(&str, &[&str], &[fmt::Arguments<'_>]) -> Option<String>;

/// `to_http_exception()`, the detail translated by `translate`.
pub fn view_translated(this: &dyn Describe, translate: Translate<'_>) -> HttpException {
    answer(this, |variant| variant.view(Some(translate)))
}

/// `Display::fmt`: the detail as text.
///
/// # Errors
///
/// What `f` returns.
pub fn display(this: &dyn Describe, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    answer(this, |variant| variant.display(f))
}

fn answer<T>(this: &dyn Describe, f: impl FnOnce(&Variant<'_>) -> T) -> T {
    let mut f = Some(f);
    let mut answer = None;
    this.describe(&mut |variant| answer = f.take().map(|f| f(variant)));
    answer.expect("an #[api_error] value is always one of its variants")
}

impl Variant<'_> {
    fn headers(&self) -> Cow<'static, [(HeaderName, HeaderValue)]> {
        let declared = self.declared;
        if declared.formatted_headers.is_empty() {
            return Cow::Borrowed(declared.headers);
        }
        let mut all = declared.headers.to_vec();
        let formatted = declared.formatted_headers.iter().zip(self.header_values);
        all.extend(formatted.filter_map(|(name, value)| header::checked(name, value.to_string())));
        Cow::Owned(all)
    }

    fn response(&self) -> HttpResponse {
        let declared = self.declared;
        let status = status(declared.status);
        let headers = self.headers();
        if let Some(body) = declared.body {
            return static_response(status, body, &headers);
        }
        let text: &dyn fmt::Display = match &self.detail {
            VariantDetail::Field(detail) => return serialize_response(status, detail, &headers),
            VariantDetail::Declared => match &declared.text {
                Some(text) => text,
                None if !declared.structured => {
                    return static_response(status, reason_body(declared.status), &headers);
                }
                None => &reason_phrase(declared.status),
            },
            VariantDetail::Format(args, _) => args,
            VariantDetail::Own(own) => own,
        };
        if declared.structured {
            coded_response(status, text, declared.code, declared.loc, &headers)
        } else {
            display_response(status, text, &headers)
        }
    }

    /// The values of [`Declared::fields`].
    fn values(&self) -> &[fmt::Arguments<'_>] {
        match self.detail {
            VariantDetail::Format(_, values) => values,
            _ => &[],
        }
    }

    /// The detail as text (not for a field).
    fn text(&self) -> Cow<'static, str> {
        match self.detail {
            VariantDetail::Format(args, _) => args
                .as_str()
                .map_or_else(|| Cow::Owned(args.to_string()), Cow::Borrowed),
            VariantDetail::Own(own) => Cow::Owned(own.to_string()),
            VariantDetail::Declared | VariantDetail::Field(_) => Cow::Borrowed(
                self.declared
                    .text
                    .unwrap_or_else(|| reason_phrase(self.declared.status)),
            ),
        }
    }

    fn view(&self, translate: Option<Translate<'_>>) -> HttpException {
        let declared = self.declared;
        let text = || {
            let translated = translate
                .filter(|_| !declared.conceal)
                .and_then(|translate| translate(declared.code, declared.fields, self.values()));
            translated.map_or_else(|| self.text(), Cow::Owned)
        };
        let detail = match (declared.structured, self.detail) {
            (_, VariantDetail::Field(detail)) => json_value(detail),
            (true, _) => coded_detail(text(), declared.code, declared.loc),
            (false, _) => Detail::from(text()),
        };
        let mut exc = HttpException::new(status(declared.status), detail)
            .with_checked_headers(&self.headers());
        // A concealed error's code is for the log: the client learns nothing of it.
        if !declared.conceal {
            exc = exc.checked_code(declared.code);
        }
        if let Some(uri) = declared.problem_type {
            exc = exc.problem_type(uri);
        }
        if let Some(title) = declared.title {
            exc = exc.title(title);
        }
        exc
    }

    fn display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail {
            VariantDetail::Format(args, _) => f.write_fmt(args),
            VariantDetail::Field(detail) => write_json(f, detail),
            VariantDetail::Declared => f.write_str(&self.text()),
            // thiserror's: it writes `Display` itself, and this is not called.
            VariantDetail::Own(_) => f.write_str(reason_phrase(self.declared.status)),
        }
    }
}

/// `detail` as `Display` shows it: JSON.
fn write_json(f: &mut fmt::Formatter<'_>, detail: &dyn erased_serde::Serialize) -> fmt::Result {
    let json = serde_json::to_string(detail).map_err(|_| fmt::Error)?;
    f.write_str(&json)
}

/// `detail` as a JSON value for an `HttpException` view.
fn json_value(detail: &dyn erased_serde::Serialize) -> Detail {
    match serde_json::to_value(detail) {
        Ok(value) => Detail::from(value),
        Err(err) => {
            tracing::error!(error = %err, "the error detail could not be serialized as JSON");
            Detail::Json(serde_json::Value::Null)
        }
    }
}

/// Safir's detail for a coded error: for an `HttpException` view, and the
/// catalog's example.
pub(crate) fn coded_detail(
    msg: impl Into<String>,
    code: &'static str,
    loc: Option<&'static [LocItem]>,
) -> Detail {
    Detail::from(vec![ErrorDetail {
        loc: loc.map(<[LocItem]>::to_vec),
        msg: msg.into(),
        r#type: code.to_owned(),
    }])
}
