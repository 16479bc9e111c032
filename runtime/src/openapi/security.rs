//! The security extractors in OpenAPI: each adds its scheme to
//! `components.securitySchemes` (through [`ErrorResponses`](super::ErrorResponses)),
//! the operation's `security` requirement, and the 401 it answers.

use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, AuthorizationCode, Flow, HttpAuthScheme, HttpBuilder, OAuth2,
    OpenIdConnect as OpenIdConnectScheme, Password, Scopes, SecurityScheme,
};

use serde_json::Value;

use super::{Context, OperationInput, string};
use crate::security::{
    ApiKeyConfig, ApiKeyCookie, ApiKeyHeader, ApiKeyQuery, HttpBasic, HttpBasicConfig, HttpBearer,
    HttpBearerConfig, HttpDigest, HttpDigestConfig, OAuth2AuthorizationCodeBearer,
    OAuth2AuthorizationCodeConfig, OAuth2PasswordBearer, OAuth2PasswordConfig,
    OAuth2PasswordRequestForm, OpenIdConnect, OpenIdConnectConfig,
};

/// A scheme back from the JSON an operation carried it in. utoipa reads an
/// OAuth2 flow as the first kind whose fields it has (an authorization code
/// flow as an implicit one): flows are read by their key here.
pub(super) fn from_json(value: Value) -> Option<SecurityScheme> {
    if value.get("type").and_then(Value::as_str) != Some("oauth2") {
        return serde_json::from_value(value).ok();
    }
    let text = |flow: &Value, key: &str| flow.get(key).and_then(Value::as_str).map(str::to_owned);
    let flows = value
        .get("flows")?
        .as_object()?
        .iter()
        .filter_map(|(kind, flow)| {
            let scopes: Scopes = flow
                .get("scopes")
                .and_then(Value::as_object)
                .map(|scopes| {
                    scopes
                        .iter()
                        .map(|(name, text)| {
                            (name.clone(), text.as_str().unwrap_or_default().to_owned())
                        })
                        .collect()
                })
                .unwrap_or_default();
            let refresh_url = text(flow, "refreshUrl");
            Some(match kind.as_str() {
                "password" => {
                    let mut password = Password::new(text(flow, "tokenUrl")?, scopes);
                    password.refresh_url = refresh_url;
                    Flow::Password(password)
                }
                "authorizationCode" => {
                    let mut code = AuthorizationCode::new(
                        text(flow, "authorizationUrl")?,
                        text(flow, "tokenUrl")?,
                        scopes,
                    );
                    code.refresh_url = refresh_url;
                    Flow::AuthorizationCode(code)
                }
                _ => serde_json::from_value(flow.clone()).ok()?,
            })
        });
    let mut oauth2 = OAuth2::new(flows);
    oauth2.description = text(&value, "description");
    Some(SecurityScheme::OAuth2(oauth2))
}

fn http(
    scheme: HttpAuthScheme,
    description: Option<&str>,
    bearer_format: Option<&str>,
) -> SecurityScheme {
    let mut http = HttpBuilder::new().scheme(scheme).description(description);
    if let Some(format) = bearer_format {
        http = http.bearer_format(format);
    }
    SecurityScheme::Http(http.build())
}

fn oauth2(flow: Flow, description: Option<&str>) -> SecurityScheme {
    let mut oauth2 = OAuth2::new([flow]);
    oauth2.description = description.map(str::to_owned);
    SecurityScheme::OAuth2(oauth2)
}

fn scopes(scopes: &[(&str, &str)]) -> Scopes {
    scopes.iter().copied().collect()
}

fn api_key(name: &str, description: Option<&str>) -> ApiKeyValue {
    match description {
        Some(description) => ApiKeyValue::with_description(name, description),
        None => ApiKeyValue::new(name),
    }
}

impl<C: HttpBasicConfig> OperationInput for HttpBasic<C> {
    fn document(context: &mut Context<'_>) {
        context.security(
            C::SCHEME_NAME.unwrap_or("HTTPBasic"),
            http(HttpAuthScheme::Basic, C::DESCRIPTION, None),
            &Self::challenge(),
        );
    }
}

impl<C: HttpBearerConfig> OperationInput for HttpBearer<C> {
    fn document(context: &mut Context<'_>) {
        context.security(
            C::SCHEME_NAME.unwrap_or("HTTPBearer"),
            http(HttpAuthScheme::Bearer, C::DESCRIPTION, C::BEARER_FORMAT),
            "Bearer",
        );
    }
}

impl<C: HttpDigestConfig> OperationInput for HttpDigest<C> {
    fn document(context: &mut Context<'_>) {
        context.security(
            C::SCHEME_NAME.unwrap_or("HTTPDigest"),
            http(HttpAuthScheme::Digest, C::DESCRIPTION, None),
            "Digest",
        );
    }
}

impl<C: OAuth2PasswordConfig> OperationInput for OAuth2PasswordBearer<C> {
    fn document(context: &mut Context<'_>) {
        let mut flow = Password::new(C::TOKEN_URL, scopes(C::SCOPES));
        flow.refresh_url = C::REFRESH_URL.map(str::to_owned);
        context.security(
            C::SCHEME_NAME.unwrap_or("OAuth2PasswordBearer"),
            oauth2(Flow::Password(flow), C::DESCRIPTION),
            "Bearer",
        );
    }
}

impl<C: OAuth2AuthorizationCodeConfig> OperationInput for OAuth2AuthorizationCodeBearer<C> {
    fn document(context: &mut Context<'_>) {
        let mut flow =
            AuthorizationCode::new(C::AUTHORIZATION_URL, C::TOKEN_URL, scopes(C::SCOPES));
        flow.refresh_url = C::REFRESH_URL.map(str::to_owned);
        context.security(
            C::SCHEME_NAME.unwrap_or("OAuth2AuthorizationCodeBearer"),
            oauth2(Flow::AuthorizationCode(flow), C::DESCRIPTION),
            "Bearer",
        );
    }
}

impl<C: OpenIdConnectConfig> OperationInput for OpenIdConnect<C> {
    fn document(context: &mut Context<'_>) {
        let scheme = match C::DESCRIPTION {
            Some(description) => OpenIdConnectScheme::with_description(C::URL, description),
            None => OpenIdConnectScheme::new(C::URL),
        };
        context.security(
            C::SCHEME_NAME.unwrap_or("OpenIdConnect"),
            SecurityScheme::OpenIdConnect(scheme),
            "Bearer",
        );
    }
}

macro_rules! api_key_input {
    ($($extractor:ident: $variant:ident, $default:literal;)*) => {
        $(impl<C: ApiKeyConfig> OperationInput for $extractor<C> {
            fn document(context: &mut Context<'_>) {
                context.security(
                    C::SCHEME_NAME.unwrap_or($default),
                    SecurityScheme::ApiKey(ApiKey::$variant(api_key(C::NAME, C::DESCRIPTION))),
                    "APIKey",
                );
            }
        })*
    };
}

api_key_input! {
    ApiKeyHeader: Header, "APIKeyHeader";
    ApiKeyQuery: Query, "APIKeyQuery";
    ApiKeyCookie: Cookie, "APIKeyCookie";
}

/// FastAPI's `Body_<operation>` schema for the form, inline.
impl OperationInput for OAuth2PasswordRequestForm {
    fn document(context: &mut Context<'_>) {
        context.request_body_schema("application/x-www-form-urlencoded", password_form());
    }
}

/// FastAPI's schema of `OAuth2PasswordRequestForm` (which it names
/// `Body_<operation>`).
fn password_form() -> Schema {
    // utoipa's `anyOf` has no `title` or `format`: they go in as extensions.
    let or_null = |schema: ObjectBuilder, title: &str, password: bool| {
        let mut extensions = vec![("title", title)];
        if password {
            extensions.push(("format", "password"));
        }
        let mut any_of = AnyOfBuilder::new()
            .item(schema)
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build();
        any_of.extensions = Some(extensions.into_iter().collect());
        Schema::AnyOf(any_of)
    };
    ObjectBuilder::new()
        .property(
            "grant_type",
            or_null(string().pattern(Some("^password$")), "Grant Type", false),
        )
        .property("username", string().title(Some("Username")))
        .property(
            "password",
            string()
                .format(Some(SchemaFormat::Custom("password".into())))
                .title(Some("Password")),
        )
        .property(
            "scope",
            string().title(Some("Scope")).default(Some("".into())),
        )
        .property("client_id", or_null(string(), "Client Id", false))
        .property("client_secret", or_null(string(), "Client Secret", true))
        .required("username")
        .required("password")
        .into()
}
