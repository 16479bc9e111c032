//! What a route function must look like: `async fn name(arg: Extractor, ...) -> R`.

use syn::{FnArg, ItemFn, ReturnType, Type};

use crate::errors::Errors;

/// The extractor type of each argument, and the route's error type when it
/// returns `Result<_, E>`.
pub struct Args<'a> {
    pub types: Vec<&'a Type>,
    pub error: Option<&'a Type>,
    /// What the route answers on success: `T` of `Result<T, E>`, or the
    /// return type (`None` for `()`).
    pub success: Option<&'a Type>,
}

pub fn check<'a>(func: &'a ItemFn, errors: &mut Errors) -> Args<'a> {
    let sig = &func.sig;
    if sig.asyncness.is_none() {
        errors.at(
            sig.fn_token,
            "a route handler is an `async fn`, as with actix: add `async`",
        );
    }
    if !sig.generics.params.is_empty() {
        errors.at(&sig.generics, "a route handler cannot be generic");
    }
    let mut types = Vec::new();
    for arg in &sig.inputs {
        match arg {
            FnArg::Receiver(receiver) => errors.at(
                receiver,
                "a route handler is a free function, not a method: move it out of the `impl` \
                 block and remove `self`",
            ),
            FnArg::Typed(arg) => types.push(&*arg.ty),
        }
    }
    let returned = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) => Some(&**ty),
    };
    let (success, error) = match returned.and_then(result_types) {
        Some((ok, error)) => (Some(ok), Some(error)),
        None => (returned, None),
    };
    Args {
        types,
        error,
        success,
    }
}

/// `T` and `E` of `Result<T, E>` (any path ending in `Result` with two arguments).
fn result_types(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    Some((types.next()?, types.next()?))
}
