//! How much one 422 may say.

use actix_web::HttpRequest;

use super::de::Limits;

/// How much one 422 from these extractors may say: a client cannot make it
/// grow without bound (FastAPI reports every error and echoes every input
/// whole).
///
/// - `max_errors` (default 100): errors reported; when more are found, the
///   first ones are followed by one of type `too_many_errors`. The whole list is
///   also kept under 64 KiB of JSON.
/// - `max_input` (default 256): bytes an echoed `input` may take as JSON. A
///   longer string is cut at a character and ends with `...`; a larger array or
///   object becomes the start of its JSON text, as a string ending with `...`.
///   Object keys in `loc` and a type's own messages are cut the same way.
///
/// Set it for an app, a scope or a resource as app data:
///
/// ```
/// use actix_api_error::extract::ErrorLimits;
/// use actix_web::App;
///
/// let app = App::new().app_data(ErrorLimits { max_errors: 20, ..ErrorLimits::DEFAULT });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorLimits {
    /// Errors in one 422.
    pub max_errors: usize,
    /// Bytes of JSON one echoed `input` may take.
    pub max_input: usize,
}

impl ErrorLimits {
    /// 100 errors, 256-byte inputs.
    pub const DEFAULT: Self = Self {
        max_errors: 100,
        max_input: 256,
    };

    pub(crate) fn of(req: &HttpRequest) -> Limits {
        let limits = req.app_data::<Self>().copied().unwrap_or_default();
        Limits {
            max_errors: limits.max_errors.max(1),
            max_input: limits.max_input.max(16),
        }
    }
}

impl Default for ErrorLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
