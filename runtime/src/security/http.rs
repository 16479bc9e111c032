//! The HTTP authentication schemes: `Basic`, `Bearer` and `Digest`.

use std::{
    fmt,
    future::{Ready, ready},
    marker::PhantomData,
};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use base64::{
    Engine as _, alphabet,
    engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
};

use super::{Redacted, authorization, not_authenticated, quoted};
use crate::HttpException;

/// The settings of an [`HttpBasic`] scheme. Every constant has a default.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `HttpBasic` scheme",
    note = "implement `HttpBasicConfig` for it: `impl HttpBasicConfig for {Self} {{}}` takes every default"
)]
pub trait HttpBasicConfig: 'static {
    /// The realm: `www-authenticate: Basic realm="<realm>"` (quoted, `"` and `\`
    /// escaped). None by default: `Basic`.
    const REALM: Option<&'static str> = None;
    /// The scheme's name among the OpenAPI document's `securitySchemes`
    /// (FastAPI's `scheme_name`); `HTTPBasic` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

/// The settings of an [`HttpBearer`] scheme. Every constant has a default.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `HttpBearer` scheme",
    note = "implement `HttpBearerConfig` for it: `impl HttpBearerConfig for {Self} {{}}` takes every default"
)]
pub trait HttpBearerConfig: 'static {
    /// OpenAPI's `bearerFormat` (FastAPI's `bearerFormat`), such as `JWT`.
    const BEARER_FORMAT: Option<&'static str> = None;
    /// The scheme's name in OpenAPI; `HTTPBearer` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

/// The settings of an [`HttpDigest`] scheme. Every constant has a default.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `HttpDigest` scheme",
    note = "implement `HttpDigestConfig` for it: `impl HttpDigestConfig for {Self} {{}}` takes every default"
)]
pub trait HttpDigestConfig: 'static {
    /// The scheme's name in OpenAPI; `HTTPDigest` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

/// Every default: no realm, FastAPI's scheme names, no description.
#[derive(Debug, Clone, Copy, Default)]
pub struct Defaults;

impl HttpBasicConfig for Defaults {}
impl HttpBearerConfig for Defaults {}
impl HttpDigestConfig for Defaults {}

/// HTTP Basic authentication (RFC 7617): FastAPI's `HTTPBasic`.
///
/// 401 when the `Authorization` header is missing, has another scheme, or its
/// credentials are not base64 of `username:password` (UTF-8). The password is
/// yours to check, with [`constant_time_eq`](super::constant_time_eq).
///
/// ```
/// use actix_api_error::{HttpException, security::{constant_time_eq, HttpBasic}};
///
/// async fn me(credentials: HttpBasic) -> Result<String, HttpException> {
///     let user_ok = constant_time_eq(&credentials.username, "stanley");
///     let password_ok = constant_time_eq(&credentials.password, "swordfish");
///     if !(user_ok & password_ok) {
///         return Err(HttpException::new(401, "Incorrect username or password")
///             .header("www-authenticate", "Basic"));
///     }
///     Ok(credentials.username)
/// }
/// ```
pub struct HttpBasic<C: HttpBasicConfig = Defaults> {
    /// The user name: the text before the first `:`.
    pub username: String,
    /// The password: the text after it.
    pub password: String,
    config: PhantomData<fn() -> C>,
}

impl<C: HttpBasicConfig> HttpBasic<C> {
    /// `401 {"detail":"Not authenticated"}` with this scheme's challenge.
    pub fn not_authenticated() -> HttpException {
        not_authenticated(&Self::challenge())
    }

    /// `Basic`, or `Basic realm="<realm>"`.
    pub fn challenge() -> String {
        match C::REALM {
            Some(realm) => format!("Basic realm={}", quoted(realm)),
            None => "Basic".to_owned(),
        }
    }

    fn read(req: &HttpRequest) -> Option<Self> {
        let (scheme, param) = authorization(req)?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = BASE64.decode(param).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (username, password) = text.split_once(':')?;
        Some(Self {
            username: username.to_owned(),
            password: password.to_owned(),
            config: PhantomData,
        })
    }
}

/// Standard base64 with its padding; bits after the last byte are ignored, as
/// Python's `b64decode` ignores them.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

impl<C: HttpBasicConfig> FromRequest for HttpBasic<C> {
    type Error = HttpException;
    type Future = Ready<Result<Self, HttpException>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::read(req).ok_or_else(Self::not_authenticated))
    }
}

impl<C: HttpBasicConfig> fmt::Debug for HttpBasic<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpBasic")
            .field("username", &self.username)
            .field("password", &Redacted)
            .finish()
    }
}

macro_rules! authorization_scheme {
    (
        $(#[$doc:meta])*
        $name:ident: $config:ident, $scheme:literal, $challenge:literal
    ) => {
        $(#[$doc])*
        pub struct $name<C: $config = Defaults> {
            /// The scheme, as the client wrote it.
            pub scheme: String,
            /// What follows it, without surrounding spaces.
            pub credentials: String,
            config: PhantomData<fn() -> C>,
        }

        impl<C: $config> $name<C> {
            /// `401 {"detail":"Not authenticated"}` with this scheme's challenge.
            pub fn not_authenticated() -> HttpException {
                not_authenticated($challenge)
            }

            fn read(req: &HttpRequest) -> Option<Self> {
                match authorization(req) {
                    Some((scheme, credentials))
                        if scheme.eq_ignore_ascii_case($scheme) && !credentials.is_empty() =>
                    {
                        Some(Self {
                            scheme: scheme.to_owned(),
                            credentials: credentials.to_owned(),
                            config: PhantomData,
                        })
                    }
                    _ => None,
                }
            }
        }

        impl<C: $config> FromRequest for $name<C> {
            type Error = HttpException;
            type Future = Ready<Result<Self, HttpException>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(Self::read(req).ok_or_else(Self::not_authenticated))
            }
        }

        impl<C: $config> fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("scheme", &self.scheme)
                    .field("credentials", &Redacted)
                    .finish()
            }
        }
    };
}

authorization_scheme! {
    /// HTTP Bearer authentication (RFC 6750): FastAPI's `HTTPBearer`.
    ///
    /// 401 when the `Authorization` header is missing, has another scheme, or
    /// has no token. Check the token yourself; [`BearerError`](super::BearerError)
    /// answers RFC 6750's errors when it is not valid.
    ///
    /// ```
    /// use actix_api_error::security::HttpBearer;
    ///
    /// async fn me(credentials: HttpBearer) -> String {
    ///     format!("{} {}", credentials.scheme, credentials.credentials)
    /// }
    /// ```
    HttpBearer: HttpBearerConfig, "bearer", "Bearer"
}

authorization_scheme! {
    /// HTTP Digest authentication (RFC 7616), as FastAPI's `HTTPDigest`: only
    /// the header's scheme is checked; the digest's parameters are yours to
    /// verify.
    ///
    /// 401 when the `Authorization` header is missing, has another scheme, or
    /// has nothing after it.
    HttpDigest: HttpDigestConfig, "digest", "Digest"
}
