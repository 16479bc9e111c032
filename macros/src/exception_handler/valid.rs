//! What a handler function must look like: `fn name(req: &HttpRequest, exc: &T) -> R`.

use quote::ToTokens;
use syn::{FnArg, ItemFn, ReturnType, Type, spanned::Spanned};

use crate::errors::Errors;

/// The types of the two parameters, if the signature is right.
pub struct Params<'a> {
    pub req: &'a Type,
    pub exc: &'a Type,
}

const SHAPE: &str = "`fn handler(req: &HttpRequest, exc: &MyError) -> HttpResponse`";

pub fn check<'a>(func: &'a ItemFn, errors: &mut Errors) -> Option<Params<'a>> {
    let sig = &func.sig;
    if let Some(token) = &sig.constness {
        errors.at(token, "an exception handler cannot be `const`");
    }
    if let syn::Safety::Unsafe(token) = &sig.safety {
        errors.at(token, "an exception handler cannot be `unsafe`");
    }
    if let Some(abi) = &sig.abi {
        errors.at(abi, "an exception handler cannot be `extern`");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.at(
            &sig.generics,
            "an exception handler cannot be generic: it handles one concrete error type",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.at(variadic, format!("an exception handler looks like {SHAPE}"));
    }
    if let ReturnType::Default = sig.output {
        errors.at(
            &sig.ident,
            "an exception handler must return the response: add `-> HttpResponse` (or any \
             `impl Responder`)",
        );
    }

    let mut params = Vec::new();
    for arg in &sig.inputs {
        match arg {
            FnArg::Receiver(receiver) => errors.at(
                receiver,
                "an exception handler is a free function, not a method: move it out of the \
                 `impl` block and remove `self`",
            ),
            FnArg::Typed(typed) => params.push(&*typed.ty),
        }
    }
    let [req, exc] = params[..] else {
        let span = if sig.inputs.is_empty() {
            sig.paren_token.span.join()
        } else {
            sig.inputs.span()
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "an exception handler takes two parameters, the request and the error: {SHAPE}"
            ),
        ));
        return None;
    };
    if names_request(exc) && !names_request(req) {
        errors.push(syn::Error::new(
            sig.inputs.span(),
            format!(
                "the request comes first, then the error: `fn {}(req: {}, exc: {})`",
                sig.ident,
                exc.to_token_stream().to_string().replace("& ", "&"),
                req.to_token_stream().to_string().replace("& ", "&")
            ),
        ));
        return None;
    }
    let req_ok = is_shared_ref(req);
    if !req_ok {
        errors.at(
            req,
            format!(
                "the first parameter must be `&HttpRequest`, found `{}`",
                req.to_token_stream()
            ),
        );
    }
    let exc_ok = is_shared_ref(exc);
    if !exc_ok {
        errors.at(
            exc,
            format!(
                "the second parameter must be a reference to the error, such as `&MyError`, \
                 found `{}`",
                exc.to_token_stream()
            ),
        );
    }
    (req_ok && exc_ok).then_some(Params { req, exc })
}

/// `HttpRequest`, `&HttpRequest`, `actix_web::HttpRequest`, ...
fn names_request(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => names_request(&reference.elem),
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "HttpRequest"),
        _ => false,
    }
}

fn is_shared_ref(ty: &Type) -> bool {
    matches!(ty, Type::Reference(reference) if reference.mutability.is_none())
}
