#![doc = include_str!("../../docs/security.md")]

mod api_key;
mod bearer;
mod form;
mod http;

use actix_web::{HttpRequest, http::header::AUTHORIZATION};

pub use self::{
    api_key::{ApiKeyConfig, ApiKeyCookie, ApiKeyHeader, ApiKeyQuery},
    bearer::{
        BearerError, OAuth2AuthorizationCodeBearer, OAuth2AuthorizationCodeConfig,
        OAuth2PasswordBearer, OAuth2PasswordConfig, OpenIdConnect, OpenIdConnectConfig,
    },
    form::OAuth2PasswordRequestForm,
    http::{
        Defaults, HttpBasic, HttpBasicConfig, HttpBearer, HttpBearerConfig, HttpDigest,
        HttpDigestConfig,
    },
};
use crate::HttpException;

/// The detail of every 401 the extractors send.
pub const NOT_AUTHENTICATED: &str = "Not authenticated";

/// FastAPI's `make_not_authenticated_error()`: `401 {"detail":"Not
/// authenticated"}` with the challenge `www-authenticate: <challenge>`.
///
/// ```
/// use actix_api_error::security::not_authenticated;
///
/// let exc = not_authenticated("Bearer");
/// assert_eq!(exc.status(), 401);
/// assert_eq!(exc.detail().to_string(), "Not authenticated");
/// assert_eq!(exc.headers()[0].1, "Bearer");
/// ```
pub fn not_authenticated(challenge: &str) -> HttpException {
    HttpException::new(401, NOT_AUTHENTICATED).header("www-authenticate", challenge)
}

/// Compares two secrets in time that does not depend on where they differ
/// (with `subtle`), as FastAPI's docs ask with `secrets.compare_digest`. Only
/// their lengths may show.
///
/// ```
/// use actix_api_error::security::constant_time_eq;
///
/// assert!(constant_time_eq("swordfish", "swordfish"));
/// assert!(!constant_time_eq("swordfish", "swordfisH"));
/// ```
#[must_use]
pub fn constant_time_eq(a: impl AsRef<[u8]>, b: impl AsRef<[u8]>) -> bool {
    use subtle::ConstantTimeEq as _;
    a.as_ref().ct_eq(b.as_ref()).into()
}

/// FastAPI's `get_authorization_scheme_param`: the first `Authorization`
/// header split at its first space, the parameter trimmed. `None` when there
/// is none, it is empty, or it is not visible ASCII.
fn authorization(req: &HttpRequest) -> Option<(&str, &str)> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    if value.is_empty() {
        return None;
    }
    let (scheme, param) = value.split_once(' ').unwrap_or((value, ""));
    Some((scheme, param.trim_matches([' ', '\t'])))
}

/// The `token` of `Authorization: Bearer <token>` (any case of `Bearer`), if
/// there is one.
fn bearer_token(req: &HttpRequest) -> Option<&str> {
    match authorization(req) {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() => {
            Some(token)
        }
        _ => None,
    }
}

/// `"text"` as an RFC 9110 quoted-string: `"` and `\` escaped; a character that
/// cannot be in a header value is left out.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' ' | '\t' | '!'..='~' => out.push(c),
            _ => {}
        }
    }
    out.push('"');
    out
}

/// `secret` shown in `Debug` output.
struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"***\"")
    }
}
