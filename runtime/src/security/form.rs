//! `OAuth2PasswordRequestForm`: the form of OAuth2's password flow.

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{ErrorLocation, LocItem, RequestValidationError, ValidationError, extract::form};

/// The form a client posts to a token URL in OAuth2's password flow (RFC 6749
/// §4.3.2): FastAPI's `OAuth2PasswordRequestForm`, with the same 422s.
///
/// `username` and `password` are required; `grant_type`, if sent, must be
/// `password`; `scope` is a space-separated string, read into
/// [`scopes`](Self::scopes). URL-encoded or multipart.
///
/// ```
/// use actix_api_error::{HttpException, security::OAuth2PasswordRequestForm};
/// use actix_web::web::Json;
/// use serde_json::{json, Value};
///
/// // POST /token with username=johndoe&password=secret
/// async fn login(form: OAuth2PasswordRequestForm) -> Result<Json<Value>, HttpException> {
///     if form.username != "johndoe" {
///         return Err(HttpException::new(400, "Incorrect username or password"));
///     }
///     Ok(Json(json!({"access_token": form.username, "token_type": "bearer"})))
/// }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct OAuth2PasswordRequestForm {
    /// `password`, or `None` when not sent.
    pub grant_type: Option<String>,
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
    /// The scopes asked for: `scope` split at spaces.
    pub scopes: Vec<String>,
    /// The client's id, if it sends one in the form.
    pub client_id: Option<String>,
    /// The client's secret, if it sends one in the form.
    pub client_secret: Option<String>,
}

#[derive(Deserialize)]
struct Fields {
    #[serde(rename = "grant_type")]
    _grant_type: Option<String>,
    username: String,
    password: String,
    #[serde(default)]
    scope: String,
    client_id: Option<String>,
    client_secret: Option<String>,
}

const GRANT_TYPE_PATTERN: &str = "^password$";

impl FromRequest for OAuth2PasswordRequestForm {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let extracted = form::params_collecting::<Fields>(&req, &mut payload).await?;
            let grant_type = match extracted.input_at(&[LocItem::from("grant_type")]) {
                Some(Value::String(text)) if !text.is_empty() => Some(text),
                _ => None,
            };
            let mismatch = grant_type
                .as_deref()
                .filter(|grant_type| *grant_type != "password")
                .map(pattern_mismatch);
            match (extracted.into_result(), mismatch) {
                (Ok(fields), None) => Ok(Self {
                    grant_type,
                    username: fields.username,
                    password: fields.password,
                    scopes: fields.scope.split_whitespace().map(str::to_owned).collect(),
                    client_id: fields.client_id,
                    client_secret: fields.client_secret,
                }),
                (Ok(_), Some(mismatch)) => Err(RequestValidationError::new(vec![mismatch]).into()),
                (Err(invalid), mismatch) => {
                    // `grant_type` is the form's first field: its error comes first.
                    let errors = mismatch
                        .into_iter()
                        .chain(invalid.errors().iter().cloned())
                        .collect();
                    Err(invalid.with_errors(errors).into())
                }
            }
        })
    }
}

/// pydantic's `string_pattern_mismatch` for `grant_type`.
fn pattern_mismatch(input: &str) -> ValidationError {
    ValidationError {
        r#type: "string_pattern_mismatch".into(),
        loc: vec![ErrorLocation::Body.into(), "grant_type".into()],
        msg: format!("String should match pattern '{GRANT_TYPE_PATTERN}'").into(),
        input: Value::String(input.to_owned()),
        ctx: Some(json!({ "pattern": GRANT_TYPE_PATTERN })),
    }
}

impl std::fmt::Debug for OAuth2PasswordRequestForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuth2PasswordRequestForm")
            .field("grant_type", &self.grant_type)
            .field("username", &self.username)
            .field("password", &super::Redacted)
            .field("scopes", &self.scopes)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| super::Redacted),
            )
            .finish()
    }
}
