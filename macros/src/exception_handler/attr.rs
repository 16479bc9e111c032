//! Parses `#[exception_handler(T)]`, `#[exception_handler(status = 404)]` and
//! `#[exception_handler(status = 302, allow_non_error)]`.

use proc_macro2::{Span, TokenStream};
use syn::{
    Ident, Lit, Token, Type,
    parse::{ParseStream, Parser},
};

/// What a handler is registered for.
pub enum Target {
    Type(Box<Type>),
    Status(u16),
}

pub fn parse(args: TokenStream) -> syn::Result<Target> {
    if args.is_empty() {
        return Err(syn::Error::new(
            Span::call_site(),
            "say what the handler handles: #[exception_handler(MyError)] or \
             #[exception_handler(status = 404)]",
        ));
    }
    let parser = |input: ParseStream| {
        let target = if input.peek(Ident) && input.peek2(Token![=]) {
            let key: Ident = input.parse()?;
            if key != "status" {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown key `{key}`; write #[exception_handler(status = 404)]"),
                ));
            }
            input.parse::<Token![=]>()?;
            let lit = match input.parse::<Lit>() {
                Ok(Lit::Int(lit)) => lit,
                Ok(other) => return Err(status_error(other.span())),
                Err(err) => return Err(status_error(err.span())),
            };
            let allow_non_error = if input.peek(Token![,]) && input.peek2(Ident) {
                input.parse::<Token![,]>()?;
                let flag: Ident = input.parse()?;
                if flag != "allow_non_error" {
                    return Err(syn::Error::new(
                        flag.span(),
                        format!(
                            "unknown key `{flag}`; after the status only `allow_non_error` may follow"
                        ),
                    ));
                }
                true
            } else {
                false
            };
            match lit.base10_parse::<u16>() {
                Ok(code @ 400..=599) => Target::Status(code),
                Ok(code @ 200..=399) if allow_non_error => Target::Status(code),
                Ok(code @ 200..=399) => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!(
                            "status {code} is not an error status (400 to 599); add \
                             `allow_non_error` to handle it anyway: \
                             #[exception_handler(status = {code}, allow_non_error)]"
                        ),
                    ));
                }
                Ok(code @ 100..=199) => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!("status {code} is informational (1xx): no error answers with it"),
                    ));
                }
                _ => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!("`{lit}` is not an HTTP status: expected a code from 100 to 599"),
                    ));
                }
            }
        } else {
            Target::Type(Box::new(input.parse().map_err(|err| {
                syn::Error::new(
                    err.span(),
                    "expected the error type to handle: #[exception_handler(MyError)]",
                )
            })?))
        };
        if !input.is_empty() {
            return Err(input.error(
                "one handler handles one thing: #[exception_handler(MyError)] or \
                 #[exception_handler(status = 404)]",
            ));
        }
        Ok(target)
    };
    parser.parse2(args)
}

fn status_error(span: Span) -> syn::Error {
    syn::Error::new(
        span,
        "expected an integer status code, such as `status = 404`",
    )
}
