//! Parses `#[api_error(...)]` into [`Attrs`]: each key once, each literal well-formed.
//!
//! ```text
//! #[api_error(
//!     status = 404,
//!     detail = "Item {0} not found",
//!     code = "unknown_item",  // the stable code (else the variant's name in snake_case)
//!     structured,             // Safir's body, the code as its `type`
//!     loc(path, "item_id"),   // ... with a `loc` (implies `structured`)
//!     headers(("X-Error", "There goes my error"), ("Retry-After", "{seconds}")),
//!     without_headers("X-Api"),  // on a variant: drop a header the enum sets
//!     allow_non_error,
//! )]
//! ```

use proc_macro2::{Span, TokenStream};
use syn::{
    Attribute, Ident, Lit, LitInt, LitStr, Token,
    meta::{self, ParseNestedMeta},
    parse::{ParseStream, Parser},
};

use crate::{errors::Errors, fmt::Template};

/// The keys of one `#[api_error(...)]` (or of several merged).
#[derive(Default)]
pub struct Attrs {
    pub status: Option<LitInt>,
    pub detail: Option<Template>,
    pub code: Option<LitStr>,
    pub loc: Option<Loc>,
    pub headers: Vec<Header>,
    /// `without_headers("X-Api")`: names of the type's headers a variant drops.
    pub without_headers: Vec<LitStr>,
    pub allow_non_error: Option<Ident>,
    /// Safir's `{"detail":[{"loc", "msg", "type": <code>}]}` body.
    pub structured: Option<Ident>,
    /// RFC 9457: the problem type's URI and title.
    pub problem_type: Option<LitStr>,
    pub title: Option<LitStr>,
    /// A key failed to parse (and was reported): a missing key is then no news.
    pub broken: bool,
}

/// `loc(path, "user")`: a location and the field path after it.
pub struct Loc {
    pub span: Span,
    pub location: &'static str,
    pub items: Vec<LocItem>,
}

pub enum LocItem {
    Key(String),
    Index(usize),
}

/// `("X-Error", "There goes my error")`.
pub struct Header {
    /// Lowercased, as `HeaderName::from_static` requires.
    pub name: String,
    pub value: Template,
}

const LOCATIONS: [&str; 5] = ["body", "header", "path", "query", "cookie"];

/// The arguments of the macro itself: `#[api_error(status = 404, ...)]` on the item.
pub fn parse_args(tokens: TokenStream, errors: &mut Errors) -> Attrs {
    let mut attrs = Attrs::default();
    let parser = meta::parser(|meta| parse_key(&meta, &mut attrs));
    if let Err(err) = parser.parse2(tokens) {
        attrs.broken = true;
        errors.push(err);
    }
    attrs
}

/// A `#[api_error(...)]` on a variant, added to `attrs`.
pub fn parse_attr(attr: &Attribute, attrs: &mut Attrs, errors: &mut Errors) {
    if let Err(err) = attr.parse_nested_meta(|meta| parse_key(&meta, attrs)) {
        attrs.broken = true;
        errors.push(err);
    }
}

/// A `#[api_error(detail)]` on a field; anything else there is a mistake.
pub fn parse_field_attr(attr: &Attribute) -> syn::Result<()> {
    let mut seen = false;
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("detail") && meta.input.is_empty() && !seen {
            seen = true;
            Ok(())
        } else {
            Err(meta.error(
                "on a field, only #[api_error(detail)] is allowed: it sends the field as the \
                 JSON detail",
            ))
        }
    })?;
    if seen {
        Ok(())
    } else {
        Err(syn::Error::new_spanned(
            attr,
            "write #[api_error(detail)] to send this field as the JSON detail",
        ))
    }
}

fn parse_key(meta: &ParseNestedMeta, attrs: &mut Attrs) -> syn::Result<()> {
    let Some(key) = meta.path.get_ident().map(ToString::to_string) else {
        return Err(meta.error(unknown_key("this")));
    };
    let duplicate = || meta.error(format!("duplicate `{key}` in #[api_error(...)]"));
    match key.as_str() {
        "status" => {
            if attrs.status.is_some() {
                return Err(duplicate());
            }
            attrs.status = Some(parse_status(meta)?);
        }
        "detail" => {
            if attrs.detail.is_some() {
                return Err(duplicate());
            }
            let lit: LitStr = meta.value()?.parse().map_err(|err| {
                syn::Error::new(
                    err.span(),
                    "expected a string: `detail = \"Item not found\"`; to send a field as JSON, \
                     put #[api_error(detail)] on the field",
                )
            })?;
            attrs.detail = Some(Template::parse(lit)?);
        }
        "code" => {
            if attrs.code.is_some() {
                return Err(duplicate());
            }
            let lit: LitStr = meta.value()?.parse()?;
            check_code(&lit)?;
            attrs.code = Some(lit);
        }
        "loc" => {
            if attrs.loc.is_some() {
                return Err(duplicate());
            }
            attrs.loc = Some(parse_loc(meta)?);
        }
        "headers" => {
            if !attrs.headers.is_empty() {
                return Err(duplicate());
            }
            attrs.headers = parse_headers(meta)?;
        }
        "without_headers" => {
            if !attrs.without_headers.is_empty() {
                return Err(duplicate());
            }
            let content;
            syn::parenthesized!(content in meta.input);
            let names =
                content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])?;
            if names.is_empty() {
                return Err(meta.error("write the names to drop: `without_headers(\"X-Api\")`"));
            }
            attrs.without_headers = names.into_iter().collect();
        }
        "allow_non_error" | "structured" => {
            let slot = if key == "structured" {
                &mut attrs.structured
            } else {
                &mut attrs.allow_non_error
            };
            if slot.is_some() {
                return Err(duplicate());
            }
            if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                return Err(meta.error(format!("`{key}` takes no value")));
            }
            *slot = meta.path.get_ident().cloned();
        }
        "problem_type" => parse_text(meta, &mut attrs.problem_type, &key)?,
        "title" => parse_text(meta, &mut attrs.title, &key)?,
        "type" => {
            return Err(meta.error(
                "use `code = \"...\"` for the machine-readable error code (with `structured`, \
                 it is sent as \"type\"); `problem_type = \"https://...\"` for an RFC 9457 \
                 problem type",
            ));
        }
        "header" => return Err(meta.error("write `headers((\"Name\", \"value\"), ...)`")),
        "message" | "msg" => return Err(meta.error("write `detail = \"...\"` for the message")),
        other => return Err(meta.error(unknown_key(other))),
    }
    Ok(())
}

const KEYS: [&str; 10] = [
    "status",
    "detail",
    "code",
    "structured",
    "loc",
    "headers",
    "without_headers",
    "allow_non_error",
    "problem_type",
    "title",
];

fn unknown_key(key: &str) -> String {
    let close = KEYS.iter().find(|known| edit_distance(key, known) <= 2);
    match close {
        Some(known) => format!("unknown key `{key}` in #[api_error(...)]; did you mean `{known}`?"),
        None => format!(
            "unknown key `{key}` in #[api_error(...)]; expected `status`, `detail`, `code`, \
             `structured`, `loc`, `headers`, `without_headers`, `allow_non_error`, `problem_type` or `title`"
        ),
    }
}

/// `key = "text"`, once, not empty.
fn parse_text(meta: &ParseNestedMeta, slot: &mut Option<LitStr>, key: &str) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format!("duplicate `{key}` in #[api_error(...)]")));
    }
    let lit: LitStr = meta.value()?.parse()?;
    if lit.value().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            format!("`{key}` must not be empty"),
        ));
    }
    *slot = Some(lit);
    Ok(())
}

/// A code is sent in URIs, headers and logs: lowercase ASCII letters, digits,
/// `_`, `-` and `.`, starting with a letter.
fn check_code(lit: &LitStr) -> syn::Result<()> {
    let code = lit.value();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c);
    if code.starts_with(|c: char| c.is_ascii_lowercase()) && code.chars().all(allowed) {
        return Ok(());
    }
    Err(syn::Error::new(
        lit.span(),
        format!(
            "`code` is sent in URIs, headers and logs: write lowercase ASCII letters, digits, \
             `_`, `-` or `.`, starting with a letter, such as \"{}\"",
            snake_case(&code)
        ),
    ))
}

/// `NotFound` -> `not_found`, `HTTPError` -> `http_error`: a word starts at
/// an uppercase letter after a lowercase one or a digit, or before a
/// lowercase one after an uppercase one; anything but letters and digits
/// separates words.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            let previous = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    let out = out.trim_matches('_');
    if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.to_owned()
    } else {
        format!("e_{out}")
    }
}

/// Levenshtein distance, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

fn parse_status(meta: &ParseNestedMeta) -> syn::Result<LitInt> {
    let value = meta.value()?;
    let expected = |span| {
        syn::Error::new(
            span,
            "expected an integer status code, such as `status = 404`",
        )
    };
    match value.parse::<Lit>() {
        Ok(Lit::Int(lit)) => {
            lit.base10_parse::<u16>()
                .map_err(|_| invalid_status(&lit))?;
            Ok(lit)
        }
        Ok(other) => Err(expected(other.span())),
        Err(err) => Err(expected(err.span())),
    }
}

pub fn invalid_status(lit: &LitInt) -> syn::Error {
    syn::Error::new(
        lit.span(),
        format!(
            "`{lit}` is not a valid HTTP status: expected a code from 400 to 599 (or from 200 to \
             399 with `allow_non_error`)"
        ),
    )
}

fn parse_loc(meta: &ParseNestedMeta) -> syn::Result<Loc> {
    let span = meta
        .path
        .get_ident()
        .map_or_else(Span::call_site, Ident::span);
    let content;
    syn::parenthesized!(content in meta.input);
    parse_loc_items(&content, span)
}

fn parse_loc_items(content: ParseStream, span: Span) -> syn::Result<Loc> {
    let location: Ident = content.parse().map_err(|err| {
        syn::Error::new(
            err.span(),
            "expected a location first: `loc(path, \"user\")`; one of body, header, path, \
             query, cookie",
        )
    })?;
    let name = location.to_string();
    let Some(location_str) = LOCATIONS.iter().copied().find(|l| *l == name) else {
        return Err(syn::Error::new(
            location.span(),
            format!("unknown location `{name}`; expected one of body, header, path, query, cookie"),
        ));
    };
    let mut items = Vec::new();
    while !content.is_empty() {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        match content.parse::<Lit>()? {
            Lit::Str(key) => items.push(LocItem::Key(key.value())),
            Lit::Int(index) => items.push(LocItem::Index(index.base10_parse()?)),
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "a `loc` item is a field name (\"user\") or a list index (0)",
                ));
            }
        }
    }
    Ok(Loc {
        span,
        location: location_str,
        items,
    })
}

fn parse_headers(meta: &ParseNestedMeta) -> syn::Result<Vec<Header>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let headers = {
        let mut headers = Vec::new();
        while !content.is_empty() {
            let pair;
            syn::parenthesized!(pair in content);
            let name: LitStr = pair.parse()?;
            pair.parse::<Token![,]>()?;
            let value: LitStr = pair.parse()?;
            if pair.peek(Token![,]) {
                pair.parse::<Token![,]>()?;
            }
            if !pair.is_empty() {
                return Err(pair.error("a header is a pair: (\"Name\", \"value\")"));
            }
            headers.push(parse_header(&name, value)?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        headers
    };
    if headers.is_empty() {
        return Err(meta.error("`headers(...)` is empty; write `headers((\"Name\", \"value\"))`"));
    }
    Ok(headers)
}

fn parse_header(name: &LitStr, value: LitStr) -> syn::Result<Header> {
    let text = name.value();
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if text.is_empty() || !text.chars().all(is_token_char) {
        return Err(syn::Error::new(
            name.span(),
            format!(
                "invalid header name {text:?}: a header name is letters, digits and \
                 !#$%&'*+-.^_`|~"
            ),
        ));
    }
    let value = Template::parse(value)?;
    if let Some(literal) = &value.literal {
        check_header_value(literal, &value.lit)?;
    }
    Ok(Header {
        name: text.to_ascii_lowercase(),
        value,
    })
}

/// `actix_api_error::MAX_HEADER_VALUE`: longer values are never sent.
const MAX_HEADER_VALUE: usize = 8 * 1024;

/// The rule `HeaderValue::from_static` enforces (visible ASCII, space and tab),
/// and the runtime's length limit.
fn check_header_value(text: &str, lit: &LitStr) -> syn::Result<()> {
    if text.contains(['\r', '\n', '\0']) {
        return Err(syn::Error::new(
            lit.span(),
            "a header value must not contain CR, LF or NUL: they would split the response",
        ));
    }
    if text.chars().any(|c| c.is_ascii_control() && c != '\t') {
        return Err(syn::Error::new(
            lit.span(),
            "a header value must not contain control characters",
        ));
    }
    if text.len() > MAX_HEADER_VALUE {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "a header value must be at most {MAX_HEADER_VALUE} bytes (8 KiB); this one is {}",
                text.len()
            ),
        ));
    }
    if !text.is_ascii() {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "a header value must be visible ASCII; percent-encode the text: \"{}\"",
                quote_like_python(text)
            ),
        ));
    }
    Ok(())
}

/// Python's `urllib.parse.quote(text)`, for the suggestion above.
fn quote_like_python(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"_.-~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{
        MAX_HEADER_VALUE, check_header_value, edit_distance, quote_like_python, snake_case,
    };

    #[test]
    fn codes_are_names_in_snake_case() {
        for (name, code) in [
            ("NotFound", "not_found"),
            ("HTTPError", "http_error"),
            ("UnicornException", "unicorn_exception"),
            ("Gone", "gone"),
            ("GONE", "gone"),
            ("Error404Page", "error404_page"),
            ("IPv6Refused", "i_pv6_refused"),
            ("already_snake", "already_snake"),
        ] {
            assert_eq!(snake_case(name), code, "{name}");
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("detial", "detail"), 2);
        assert_eq!(edit_distance("status", "status"), 0);
        assert_eq!(edit_distance("", "loc"), 3);
        assert_eq!(edit_distance("header", "headers"), 1);
    }

    #[test]
    fn header_literals_longer_than_8_kib_are_refused() {
        let lit = |len| syn::LitStr::new(&"a".repeat(len), proc_macro2::Span::call_site());
        assert!(check_header_value(&"a".repeat(MAX_HEADER_VALUE), &lit(1)).is_ok());
        let err = check_header_value(&"a".repeat(MAX_HEADER_VALUE + 1), &lit(1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a header value must be at most 8192 bytes (8 KiB); this one is 8193"
        );
    }

    #[test]
    fn quotes_like_python() {
        assert_eq!(
            quote_like_python("this is my header error info 中文信息"),
            "this%20is%20my%20header%20error%20info%20%E4%B8%AD%E6%96%87%E4%BF%A1%E6%81%AF",
        );
    }
}
