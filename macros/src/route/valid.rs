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
    match type_arguments(ty, "Result")?.as_slice() {
        [ok, error, ..] => Some((ok, error)),
        _ => None,
    }
}

/// `E` of an argument typed `Option<E>` (or `std::option::Option<E>`).
pub fn option_of(ty: &Type) -> Option<&Type> {
    match type_arguments(ty, "Option")?.as_slice() {
        [inner] => Some(inner),
        _ => None,
    }
}

/// The type arguments of `ty` when it is a path whose last segment is `name`.
fn type_arguments<'a>(ty: &'a Type, name: &str) -> Option<Vec<&'a Type>> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    Some(
        args.args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
    )
}
