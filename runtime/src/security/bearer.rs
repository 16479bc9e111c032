//! Bearer tokens of OAuth2 and OpenID Connect, and RFC 6750's errors.

use std::{
    fmt,
    future::{Ready, ready},
    marker::PhantomData,
    ops::Deref,
};

use actix_web::{FromRequest, HttpRequest, dev::Payload};

use super::{Redacted, bearer_token, not_authenticated, quoted};
use crate::HttpException;

/// The settings of an [`OAuth2PasswordBearer`] scheme: the token URL, and what
/// OpenAPI shows of it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `OAuth2PasswordBearer` scheme",
    note = "implement `OAuth2PasswordConfig` for it, with at least `const TOKEN_URL: &'static str = \"token\";`"
)]
pub trait OAuth2PasswordConfig: 'static {
    /// Where clients send the user name and password for a token (FastAPI's
    /// `tokenUrl`), relative to the document: `token`.
    const TOKEN_URL: &'static str;
    /// Where clients refresh one, if they can.
    const REFRESH_URL: Option<&'static str> = None;
    /// The scopes it grants: `(name, description)`.
    const SCOPES: &'static [(&'static str, &'static str)] = &[];
    /// The scheme's name in OpenAPI; `OAuth2PasswordBearer` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

/// The settings of an [`OAuth2AuthorizationCodeBearer`] scheme.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `OAuth2AuthorizationCodeBearer` scheme",
    note = "implement `OAuth2AuthorizationCodeConfig` for it, with at least `AUTHORIZATION_URL` and `TOKEN_URL`"
)]
pub trait OAuth2AuthorizationCodeConfig: 'static {
    /// Where users authorize the client (FastAPI's `authorizationUrl`).
    const AUTHORIZATION_URL: &'static str;
    /// Where the client exchanges the code for a token (`tokenUrl`).
    const TOKEN_URL: &'static str;
    /// Where clients refresh a token, if they can.
    const REFRESH_URL: Option<&'static str> = None;
    /// The scopes it grants: `(name, description)`.
    const SCOPES: &'static [(&'static str, &'static str)] = &[];
    /// The scheme's name in OpenAPI; `OAuth2AuthorizationCodeBearer` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

/// The settings of an [`OpenIdConnect`] scheme.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the settings of an `OpenIdConnect` scheme",
    note = "implement `OpenIdConnectConfig` for it, with at least `const URL: &'static str = \"https://.../.well-known/openid-configuration\";`"
)]
pub trait OpenIdConnectConfig: 'static {
    /// The discovery document (FastAPI's `openIdConnectUrl`).
    const URL: &'static str;
    /// The scheme's name in OpenAPI; `OpenIdConnect` by default.
    const SCHEME_NAME: Option<&'static str> = None;
    /// Its description there.
    const DESCRIPTION: Option<&'static str> = None;
}

macro_rules! bearer {
    ($(#[$doc:meta])* $name:ident: $config:ident) => {
        $(#[$doc])*
        pub struct $name<C: $config> {
            /// The token: what follows `Bearer `, without surrounding spaces.
            pub token: String,
            config: PhantomData<fn() -> C>,
        }

        impl<C: $config> $name<C> {
            /// `401 {"detail":"Not authenticated"}` with `www-authenticate: Bearer`.
            pub fn not_authenticated() -> HttpException {
                not_authenticated("Bearer")
            }

            /// The token.
            pub fn into_inner(self) -> String {
                self.token
            }
        }

        impl<C: $config> FromRequest for $name<C> {
            type Error = HttpException;
            type Future = Ready<Result<Self, HttpException>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(match bearer_token(req) {
                    Some(token) => Ok(Self {
                        token: token.to_owned(),
                        config: PhantomData,
                    }),
                    None => Err(Self::not_authenticated()),
                })
            }
        }

        impl<C: $config> Deref for $name<C> {
            type Target = str;

            fn deref(&self) -> &str {
                &self.token
            }
        }

        impl<C: $config> fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("token", &Redacted)
                    .finish()
            }
        }
    };
}

bearer! {
    /// The bearer token of OAuth2's password flow: FastAPI's
    /// `OAuth2PasswordBearer(tokenUrl=...)`.
    ///
    /// 401 with `www-authenticate: Bearer` when the `Authorization` header is
    /// missing, has another scheme, or has no token (FastAPI hands the route an
    /// empty token).
    ///
    /// ```
    /// use actix_api_error::security::{OAuth2PasswordBearer, OAuth2PasswordConfig};
    ///
    /// struct Login;
    ///
    /// impl OAuth2PasswordConfig for Login {
    ///     const TOKEN_URL: &'static str = "token";
    /// }
    ///
    /// async fn me(token: OAuth2PasswordBearer<Login>) -> String {
    ///     format!("token {}", &*token)
    /// }
    /// ```
    OAuth2PasswordBearer: OAuth2PasswordConfig
}

bearer! {
    /// The bearer token of OAuth2's authorization code flow: FastAPI's
    /// `OAuth2AuthorizationCodeBearer`. Refuses what
    /// [`OAuth2PasswordBearer`] refuses.
    OAuth2AuthorizationCodeBearer: OAuth2AuthorizationCodeConfig
}

bearer! {
    /// The bearer token of an OpenID Connect provider: FastAPI's
    /// `OpenIdConnect(openIdConnectUrl=...)`.
    ///
    /// 401 with `www-authenticate: Bearer` when the `Authorization` header is
    /// missing, has another scheme, or has no token. (FastAPI hands the route
    /// whatever header was sent, `Basic abc` included.)
    OpenIdConnect: OpenIdConnectConfig
}

/// RFC 6750 §3.1: a bearer token the application checked and refused. Its
/// response is an [`HttpException`] with the challenge's parameters
/// comma-separated, as RFC 9110 §11.2 writes them.
///
/// ```
/// use actix_api_error::{HttpException, security::BearerError};
///
/// let exc: HttpException = BearerError::invalid_token()
///     .description("The access token expired")
///     .into();
/// assert_eq!(exc.status(), 401);
/// assert_eq!(exc.detail().to_string(), "Could not validate credentials");
/// assert_eq!(
///     exc.headers()[0].1,
///     r#"Bearer error="invalid_token", error_description="The access token expired""#,
/// );
///
/// let exc: HttpException = BearerError::insufficient_scope("items:write").realm("api").into();
/// assert_eq!(exc.status(), 403);
/// assert_eq!(exc.detail().to_string(), "Not enough permissions");
/// assert_eq!(
///     exc.headers()[0].1,
///     r#"Bearer realm="api", error="insufficient_scope", scope="items:write""#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BearerError {
    code: &'static str,
    detail: String,
    realm: Option<String>,
    description: Option<String>,
    scope: Option<String>,
}

impl BearerError {
    /// `invalid_token`: the token is expired, revoked, malformed or otherwise
    /// invalid. 401 `{"detail":"Could not validate credentials"}` (the detail
    /// of FastAPI's OAuth2 tutorial).
    pub fn invalid_token() -> Self {
        Self::new("invalid_token", "Could not validate credentials")
    }

    /// `insufficient_scope`: the token is valid but lacks `scope` (the scopes
    /// the request needs, space-separated). 403 `{"detail":"Not enough
    /// permissions"}`, with `scope="<scope>"` in the challenge.
    pub fn insufficient_scope(scope: impl Into<String>) -> Self {
        Self {
            scope: Some(scope.into()),
            ..Self::new("insufficient_scope", "Not enough permissions")
        }
    }

    fn new(code: &'static str, detail: &str) -> Self {
        Self {
            code,
            detail: detail.to_owned(),
            realm: None,
            description: None,
            scope: None,
        }
    }

    /// The response's `detail`.
    #[must_use]
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// `realm="<realm>"` in the challenge.
    #[must_use]
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// `error_description="<text>"` in the challenge: for developers, not end
    /// users. RFC 6750 allows visible ASCII but `"` and `\`; other characters
    /// are left out.
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        let text: String = text.into();
        self.description = Some(
            text.chars()
                .filter(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~'))
                .collect(),
        );
        self
    }

    /// The status: 401 for `invalid_token`, 403 for `insufficient_scope`.
    pub fn status(&self) -> u16 {
        if self.code == "insufficient_scope" {
            403
        } else {
            401
        }
    }

    /// `Bearer realm="api", error="invalid_token", error_description="..."`.
    pub fn challenge(&self) -> String {
        let mut params = Vec::with_capacity(4);
        if let Some(realm) = &self.realm {
            params.push(format!("realm={}", quoted(realm)));
        }
        params.push(format!("error=\"{}\"", self.code));
        if let Some(description) = &self.description {
            params.push(format!("error_description=\"{description}\""));
        }
        if let Some(scope) = &self.scope {
            params.push(format!("scope={}", quoted(scope)));
        }
        format!("Bearer {}", params.join(", "))
    }
}

impl From<BearerError> for HttpException {
    fn from(error: BearerError) -> Self {
        HttpException::new(error.status(), error.detail.clone())
            .header("www-authenticate", error.challenge())
    }
}
