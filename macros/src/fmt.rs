//! Format strings in attributes: `detail = "Item {0} exists"`, `"{name} is gone"`.
//!
//! A template names fields by index (`{0}`) or by name (`{name}`), with an
//! optional spec (`{0:?}`, `{price:.2}`). It is rewritten so that every field is a
//! named argument (`{__0}`, `{__name}`), which the expansion binds.

use syn::LitStr;

/// A field a template refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldRef {
    Index(usize),
    Named(String),
}

impl FieldRef {
    /// Its name as a variable of a translation: a named field's own, a
    /// positional one's `field0`, `field1`, ... (Fluent's names start with
    /// a letter).
    pub fn variable_name(&self) -> String {
        match self {
            Self::Index(index) => format!("field{index}"),
            Self::Named(name) => name.strip_prefix("r#").unwrap_or(name).to_owned(),
        }
    }

    /// The named argument the rewritten template uses for this field.
    pub fn arg_name(&self) -> String {
        match self {
            Self::Index(index) => format!("__{index}"),
            Self::Named(name) => format!("__{name}"),
        }
    }
}

/// A parsed `detail = "..."` (or header value) string.
pub struct Template {
    pub lit: LitStr,
    /// The fields used, each once, in order of first use.
    pub fields: Vec<FieldRef>,
    /// The format spec of each field's first use (`".2"`, `"?"`, or empty),
    /// in the order of `fields`.
    pub specs: Vec<String>,
    /// Each use of a field and the `core::fmt` trait its spec needs
    /// (`Display`, `Debug`, `LowerHex`, ...), for a generic type's bounds.
    pub uses: Vec<(FieldRef, &'static str)>,
    /// The template with every field renamed to a named argument.
    pub rewritten: String,
    /// The text with `{{`/`}}` unescaped, when it uses no field.
    pub literal: Option<String>,
}

impl Template {
    pub fn parse(lit: LitStr) -> syn::Result<Self> {
        let source = lit.value();
        let mut rewritten = String::with_capacity(source.len());
        let mut unescaped = String::with_capacity(source.len());
        let mut fields = Vec::new();
        let mut specs = Vec::new();
        let mut uses = Vec::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    rewritten.push_str("{{");
                    unescaped.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    rewritten.push_str("}}");
                    unescaped.push('}');
                }
                '}' => {
                    return Err(syn::Error::new(
                        lit.span(),
                        "unmatched `}` in format string; write `}}` for a literal brace",
                    ));
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(syn::Error::new(
                                    lit.span(),
                                    "unmatched `{` in format string; write `{{` for a literal brace",
                                ));
                            }
                        }
                    }
                    let (arg, spec) = match inner.split_once(':') {
                        Some((arg, spec)) => (arg.trim(), Some(spec)),
                        None => (inner.trim(), None),
                    };
                    let field = parse_arg(arg, &lit)?;
                    if spec.is_some_and(|spec| spec.contains('$')) {
                        return Err(syn::Error::new(
                            lit.span(),
                            "width and precision arguments (`$`) are not supported in #[api_error] \
                             format strings",
                        ));
                    }
                    rewritten.push('{');
                    rewritten.push_str(&field.arg_name());
                    if let Some(spec) = spec {
                        rewritten.push(':');
                        rewritten.push_str(spec);
                    }
                    rewritten.push('}');
                    let field_use = (field.clone(), format_trait(spec.unwrap_or_default()));
                    if !uses.contains(&field_use) {
                        uses.push(field_use);
                    }
                    if !fields.contains(&field) {
                        fields.push(field);
                        specs.push(spec.unwrap_or_default().to_owned());
                    }
                }
                c => {
                    rewritten.push(c);
                    unescaped.push(c);
                }
            }
        }
        let literal = fields.is_empty().then_some(unescaped);
        Ok(Self {
            lit,
            fields,
            specs,
            uses,
            rewritten,
            literal,
        })
    }

    /// The rewritten template as a string literal spanned on the original.
    pub fn rewritten_lit(&self) -> LitStr {
        LitStr::new(&self.rewritten, self.lit.span())
    }
}

/// The trait a format spec's type letter asks for: `{:?}` `Debug`, `{:x}` `LowerHex`, ...
fn format_trait(spec: &str) -> &'static str {
    match spec.trim_end().chars().last() {
        Some('?') => "Debug",
        Some('x') => "LowerHex",
        Some('X') => "UpperHex",
        Some('o') => "Octal",
        Some('b') => "Binary",
        Some('e') => "LowerExp",
        Some('E') => "UpperExp",
        _ => "Display",
    }
}

fn parse_arg(arg: &str, lit: &LitStr) -> syn::Result<FieldRef> {
    if arg.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "`{}` does not say which field to show; write `{0}` for a tuple field or `{name}` \
             for a named one",
        ));
    }
    if let Ok(index) = arg.parse::<usize>() {
        return Ok(FieldRef::Index(index));
    }
    let is_ident = arg
        .chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_alphabetic())
        && arg.chars().all(|c| c == '_' || c.is_alphanumeric());
    if is_ident {
        Ok(FieldRef::Named(arg.to_owned()))
    } else {
        Err(syn::Error::new(
            lit.span(),
            format!(
                "`{{{arg}}}` is not a field; write `{{0}}` for a tuple field or `{{name}}` for a named one"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldRef, Template};

    fn parse(s: &str) -> syn::Result<Template> {
        Template::parse(syn::LitStr::new(s, proc_macro2::Span::call_site()))
    }

    #[test]
    fn literal_text_is_unescaped() {
        let t = parse("a {{b}} c").unwrap();
        assert_eq!(t.literal.as_deref(), Some("a {b} c"));
        assert_eq!(t.rewritten, "a {{b}} c");
    }

    #[test]
    fn fields_are_renamed() {
        let t = parse("Item {0} of {owner:?} ({0:>5})").unwrap();
        assert_eq!(t.literal, None);
        assert_eq!(t.rewritten, "Item {__0} of {__owner:?} ({__0:>5})");
        assert_eq!(
            t.fields,
            [FieldRef::Index(0), FieldRef::Named("owner".into())]
        );
        assert_eq!(
            t.uses,
            [
                (FieldRef::Index(0), "Display"),
                (FieldRef::Named("owner".into()), "Debug"),
            ]
        );
        assert_eq!(parse("{0:#x} {0:08.3e} {0:x?}").unwrap().uses.len(), 3);
    }

    #[test]
    fn mistakes_are_errors() {
        for bad in ["{}", "a } b", "{oops", "{a-b}", "{0:>w$}"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
