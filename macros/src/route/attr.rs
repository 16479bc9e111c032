//! Parses `("/items/{id}", name = "item", guard = "is_admin", wrap = "Logger::default()")`
//! and, for `#[route]`, `method = "GET"` (repeatable).

use proc_macro2::{Span, TokenStream};
use syn::{
    Expr, LitStr, Path, Token,
    parse::{ParseStream, Parser},
};

use crate::errors::Errors;

/// An HTTP method, as `actix_web::http::Method` names it.
#[derive(Clone, PartialEq, Eq)]
pub enum Method {
    Standard(&'static str),
    /// `method = "PURGE"` in `#[route]`.
    Custom(String),
}

const STANDARD: [&str; 9] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "CONNECT", "PATCH", "TRACE",
];

impl Method {
    fn parse(text: &str) -> Option<Self> {
        let upper = text.to_ascii_uppercase();
        if let Some(standard) = STANDARD.iter().find(|known| **known == upper) {
            return Some(Self::Standard(standard));
        }
        let is_token = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
        is_token.then(|| Self::Custom(text.to_owned()))
    }

    pub fn standard(name: &'static str) -> Self {
        Self::Standard(name)
    }

    /// The method of `#[get]`, `#[post]`, ... by the macro's name.
    pub fn of_macro(name: &str) -> Option<Self> {
        let upper = name.to_ascii_uppercase();
        STANDARD
            .iter()
            .find(|known| **known == upper && !matches!(**known, "CONNECT"))
            .map(|known| Self::Standard(known))
    }
}

pub struct Route {
    pub path: LitStr,
    pub name: Option<LitStr>,
    pub guards: Vec<Path>,
    pub wraps: Vec<Expr>,
    pub methods: Vec<Method>,
}

/// `macro_name` is how the user spelled the macro (`get`, `route`), for messages.
pub fn parse(
    macro_name: &str,
    method: Option<&Method>,
    args: TokenStream,
    errors: &mut Errors,
) -> Option<Route> {
    let parser = |input: ParseStream| {
        let path: LitStr = input.parse().map_err(|err| {
            syn::Error::new(
                err.span(),
                format!("expected the path first: #[{macro_name}(\"/items/{{id}}\")]"),
            )
        })?;
        let mut route = Route {
            path,
            name: None,
            guards: Vec::new(),
            wraps: Vec::new(),
            methods: method.cloned().into_iter().collect(),
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            match key.to_string().as_str() {
                "name" => route.name = Some(value),
                "guard" => route.guards.push(value.parse()?),
                "wrap" => route.wraps.push(value.parse()?),
                "method" if method.is_none() => match Method::parse(&value.value()) {
                    Some(parsed) if !route.methods.contains(&parsed) => route.methods.push(parsed),
                    Some(_) => {
                        return Err(syn::Error::new(value.span(), "this method is listed twice"));
                    }
                    None => {
                        return Err(syn::Error::new(
                            value.span(),
                            format!("{:?} is not an HTTP method", value.value()),
                        ));
                    }
                },
                "method" => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "#[{macro_name}] has its method; use #[route(\"...\", method = \"GET\", \
                             method = \"POST\")] for several"
                        ),
                    ));
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown key `{other}`; expected `name`, `guard`, `wrap`{}",
                            if method.is_none() { " or `method`" } else { "" }
                        ),
                    ));
                }
            }
        }
        if route.methods.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "#[route] needs at least one method: #[route(\"/path\", method = \"GET\")]",
            ));
        }
        Ok(route)
    };
    match parser.parse2(args) {
        Ok(route) => Some(route),
        Err(err) => {
            errors.push(err);
            None
        }
    }
}
