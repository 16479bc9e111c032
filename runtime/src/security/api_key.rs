//! API keys in a header, the query string or a cookie.

use std::{
    fmt,
    future::{Ready, ready},
    marker::PhantomData,
    ops::Deref,
};

use actix_web::{FromRequest, HttpRequest, dev::Payload};

use super::{Redacted, not_authenticated};
use crate::{HttpException, extract::cookie};

/// The settings of an API key: where it is named, and what OpenAPI shows of it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an API key",
    note = "implement `ApiKeyConfig` for it, with at least `const NAME: &'static str = \"x-api-key\";`"
)]
pub trait ApiKeyConfig: 'static {
    /// The header, query parameter or cookie that carries the key: `x-api-key`.
    const NAME: &'static str;
    /// The scheme's name in OpenAPI; `APIKeyHeader`, `APIKeyQuery` or
    /// `APIKeyCookie` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

macro_rules! api_key {
    ($(#[$doc:meta])* $name:ident, |$req:ident| $read:expr) => {
        $(#[$doc])*
        pub struct $name<C: ApiKeyConfig> {
            /// The key.
            pub key: String,
            config: PhantomData<fn() -> C>,
        }

        impl<C: ApiKeyConfig> $name<C> {
            /// `401 {"detail":"Not authenticated"}` with `www-authenticate: APIKey`.
            pub fn not_authenticated() -> HttpException {
                not_authenticated("APIKey")
            }

            /// The key.
            pub fn into_inner(self) -> String {
                self.key
            }

            fn read($req: &HttpRequest) -> Option<String> {
                $read
            }
        }

        impl<C: ApiKeyConfig> FromRequest for $name<C> {
            type Error = HttpException;
            type Future = Ready<Result<Self, HttpException>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(match Self::read(req) {
                    Some(key) if !key.is_empty() => Ok(Self {
                        key,
                        config: PhantomData,
                    }),
                    _ => Err(Self::not_authenticated()),
                })
            }
        }

        impl<C: ApiKeyConfig> Deref for $name<C> {
            type Target = str;

            fn deref(&self) -> &str {
                &self.key
            }
        }

        impl<C: ApiKeyConfig> fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("key", &Redacted)
                    .finish()
            }
        }
    };
}

api_key! {
    /// An API key in the header [`ApiKeyConfig::NAME`]: FastAPI's
    /// `APIKeyHeader(name=...)`. 401 with `www-authenticate: APIKey` when the
    /// header is missing or empty (or not visible ASCII). The first such header
    /// counts.
    ///
    /// ```
    /// use actix_api_error::security::{ApiKeyConfig, ApiKeyHeader};
    ///
    /// struct XApiKey;
    ///
    /// impl ApiKeyConfig for XApiKey {
    ///     const NAME: &'static str = "x-api-key";
    /// }
    ///
    /// async fn items(key: ApiKeyHeader<XApiKey>) -> String {
    ///     format!("key {}", &*key)
    /// }
    /// ```
    ApiKeyHeader,
    |req| req.headers().get(C::NAME)?.to_str().ok().map(str::to_owned)
}

api_key! {
    /// An API key in the query parameter [`ApiKeyConfig::NAME`]: FastAPI's
    /// `APIKeyQuery(name=...)`. 401 with `www-authenticate: APIKey` when it is
    /// missing or empty; given more than once, the last one counts.
    ApiKeyQuery,
    |req| form_urlencoded::parse(req.query_string().as_bytes())
        .filter(|(name, _)| name == C::NAME)
        .last()
        .map(|(_, key)| key.into_owned())
}

api_key! {
    /// An API key in the cookie [`ApiKeyConfig::NAME`]: FastAPI's
    /// `APIKeyCookie(name=...)`. 401 with `www-authenticate: APIKey` when it is
    /// missing or empty; given more than once, the last one counts.
    ApiKeyCookie,
    |req| cookie::pairs(req)
        .filter(|(name, _)| name == C::NAME)
        .last()
        .map(|(_, key)| key)
}
