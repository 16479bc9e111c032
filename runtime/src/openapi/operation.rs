//! The operation our route macros document: parameters and request body from
//! the extractors ([`OperationInput`]), the success response from the return
//! type ([`OperationOutput`]), the error responses from the error type
//! (`utoipa::IntoResponses`), and FastAPI's 422.

use std::collections::BTreeMap;

use utoipa::{
    IntoResponses, PartialSchema, ToSchema,
    openapi::{
        ContentBuilder, Ref, RefOr, Required, ResponseBuilder,
        path::{HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn},
        request_body::RequestBodyBuilder,
        response::Response,
        schema::{ObjectBuilder, Schema, SchemaType},
        security::{SecurityRequirement, SecurityScheme},
    },
};

use super::{
    add_validation_error, detail_body, http_validation_error, internal_server_error, problem,
    validation_error,
};
use crate::{HttpException, RequestValidationError, ServerError, extract};

/// The schemas an operation refers to, by name, as utoipa collects them.
pub type Schemas = Vec<(String, RefOr<Schema>)>;

/// An operation being documented: what each extractor and the return type add.
pub struct Context<'a> {
    operation: Operation,
    schemas: &'a mut Schemas,
    path_names: Vec<&'a str>,
    optional: bool,
    /// The security schemes read, and whether each is required.
    security: Vec<Secured>,
}

struct Secured {
    name: String,
    scheme: SecurityScheme,
    challenge: String,
    required: bool,
}

impl Context<'_> {
    /// The names of the path's parameters, in order (`{id}` of `/items/{id}`).
    pub fn path_names(&self) -> &[&str] {
        &self.path_names
    }

    /// Whether the extractor being documented is inside an `Option`.
    pub fn optional(&self) -> bool {
        self.optional
    }

    /// The operation so far.
    pub fn operation(&mut self) -> &mut Operation {
        &mut self.operation
    }

    /// `T`'s schema: a reference to it as a component (registered with what
    /// it refers to) when it is an object with properties or a union, inline
    /// otherwise (`Vec<Item>`, `String`, a map).
    pub fn schema<T: ToSchema>(&mut self) -> RefOr<Schema> {
        let schema = T::schema();
        T::schemas(self.schemas);
        let named = match &schema {
            RefOr::T(Schema::Object(object)) => !object.properties.is_empty(),
            RefOr::T(Schema::OneOf(_) | Schema::AllOf(_) | Schema::AnyOf(_)) => true,
            _ => false,
        };
        if named {
            let name = T::name().into_owned();
            self.schemas.push((name.clone(), schema));
            Ref::from_schema_name(name).into()
        } else {
            schema
        }
    }

    /// A parameter for each property of `T`'s schema, or for each path name
    /// when `T` is a single value.
    pub fn parameters<T: ToSchema>(&mut self, location: &ParameterIn) {
        T::schemas(self.schemas);
        let optional = self.optional;
        let parameters = match T::schema() {
            RefOr::T(Schema::Object(object)) if !object.properties.is_empty() => object
                .properties
                .into_iter()
                .map(|(name, schema)| {
                    let required = object.required.contains(&name) && !optional;
                    let name = match *location {
                        ParameterIn::Header => name.replace('_', "-"),
                        _ => name,
                    };
                    (name, required, schema)
                })
                .collect(),
            schema => self
                .path_names
                .iter()
                .map(|name| ((*name).to_owned(), true, schema.clone()))
                .take(usize::from(*location == ParameterIn::Path))
                .collect::<Vec<_>>(),
        };
        for (name, required, schema) in parameters {
            let description = match &schema {
                RefOr::T(Schema::Object(object)) => object.description.clone(),
                _ => None,
            };
            let required = if required || *location == ParameterIn::Path {
                Required::True
            } else {
                Required::False
            };
            let parameter = ParameterBuilder::new()
                .name(name)
                .parameter_in(location.clone())
                .required(required)
                .description(description)
                .schema(Some(schema))
                .build();
            self.operation
                .parameters
                .get_or_insert_with(Vec::new)
                .push(parameter.into());
        }
    }

    /// The request body: `T` as `content_type`.
    pub fn request_body<T: ToSchema>(&mut self, content_type: &str) {
        let schema = self.schema::<T>();
        self.request_body_schema(content_type, schema);
    }

    /// The request body: `schema` as `content_type`.
    pub fn request_body_schema(&mut self, content_type: &str, schema: impl Into<RefOr<Schema>>) {
        let schema = schema.into();
        let required = if self.optional {
            Required::False
        } else {
            Required::True
        };
        self.operation.request_body = Some(
            RequestBodyBuilder::new()
                .content(
                    content_type,
                    ContentBuilder::new().schema(Some(schema)).build(),
                )
                .required(Some(required))
                .build()
                .into(),
        );
    }

    /// A security scheme the operation requires (or, inside an `Option`,
    /// accepts): `name` is its key among the document's `securitySchemes`,
    /// where [`ErrorResponses`](super::ErrorResponses) registers `scheme`;
    /// `challenge` is the `WWW-Authenticate` of the 401 it answers.
    ///
    /// The schemes an operation requires all go in one requirement (all are
    /// needed); schemes that are only accepted are alternatives, beside `{}`
    /// (none). A required scheme documents the 401 unless the operation
    /// documents one.
    pub fn security(&mut self, name: &str, scheme: SecurityScheme, challenge: &str) {
        self.security.push(Secured {
            name: name.to_owned(),
            scheme,
            challenge: challenge.to_owned(),
            required: !self.optional,
        });
    }

    /// The `security` requirements, the schemes to register and the 401.
    fn secure(&mut self) {
        if self.security.is_empty() {
            return;
        }
        let required: Vec<&Secured> = self.security.iter().filter(|s| s.required).collect();
        let requirements = if let Some((first, rest)) = required.split_first() {
            let all = rest.iter().fold(
                SecurityRequirement::new(&first.name, Vec::<String>::new()),
                |all, secured| all.add(&secured.name, Vec::<String>::new()),
            );
            vec![all]
        } else {
            self.security
                .iter()
                .map(|secured| SecurityRequirement::new(&secured.name, Vec::<String>::new()))
                .chain([SecurityRequirement::default()])
                .collect()
        };
        self.operation.security = Some(requirements);
        let challenges: Vec<&str> = required.iter().map(|s| s.challenge.as_str()).collect();
        if !challenges.is_empty() && !self.operation.responses.responses.contains_key("401") {
            self.response(
                "401",
                super::not_authenticated_response(&challenges.join(", ")),
            );
        }
        let schemes: serde_json::Map<String, serde_json::Value> = self
            .security
            .iter()
            .filter_map(|s| Some((s.name.clone(), serde_json::to_value(&s.scheme).ok()?)))
            .collect();
        self.operation
            .extensions
            .get_or_insert_with(Default::default)
            .insert(super::SECURITY_SCHEMES.to_owned(), schemes.into());
    }

    /// Adds (or replaces) the response for `status`.
    pub fn response(&mut self, status: &str, response: impl Into<RefOr<Response>>) {
        self.operation
            .responses
            .responses
            .insert(status.to_owned(), response.into());
    }

    /// A path parameter no extractor documented (read with `match_info`, or
    /// one of several under a single-value `Path<T>`) is a string: OpenAPI
    /// wants each name of the path declared.
    fn name_the_rest_of_the_path(&mut self) {
        let parameters = self.operation.parameters.get_or_insert_with(Vec::new);
        for name in &self.path_names {
            let declared = parameters.iter().any(|parameter| {
                matches!(parameter, RefOr::T(p) if p.name == *name && p.parameter_in == ParameterIn::Path)
            });
            if !declared {
                let parameter = ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(String::schema()))
                    .build();
                parameters.push(parameter.into());
            }
        }
        if parameters.is_empty() {
            self.operation.parameters = None;
        }
    }

    /// Documents one extractor inside an `Option`.
    fn optionally<E: OperationInput>(&mut self) {
        let outer = std::mem::replace(&mut self.optional, true);
        E::document(self);
        self.optional = outer;
    }
}

/// How an extractor shows in an OpenAPI operation: the parameters or request
/// body it reads. Our route macros call it for each argument of a route when
/// the route is listed in a document (`#[openapi(paths(create))]`).
///
/// Implemented for our extractors and actix's (`Json<T>`, `Form<T>`, `Query<T>`,
/// `Path<T>`, `Header<T>`, `Cookie<T>` with `T: ToSchema`), `Option`, `Valid`,
/// and for what reads no documented input (`HttpRequest`, `web::Data`, ...). For
/// an extractor of your own, an empty impl adds nothing:
///
/// ```
/// # struct CurrentUser;
/// impl actix_api_error::openapi::OperationInput for CurrentUser {}
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say what it reads, for OpenAPI",
    label = "a route argument listed in the document",
    note = "implement `actix_api_error::openapi::OperationInput` for it: an empty impl documents nothing"
)]
pub trait OperationInput {
    /// Adds the parameters or the request body this extractor reads.
    fn document(context: &mut Context<'_>) {
        let _ = context;
    }
}

/// How a route's success shows in an OpenAPI operation. `Json<T>` is a 200
/// with `T`'s schema; `HttpResponse`, `impl Responder` and `()` a 200
/// "Successful Response" whose body is not described; `String` and `&str` a
/// 200 `text/plain`. An empty impl for a type of your own documents a 200
/// "Successful Response".
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say what it answers, for OpenAPI",
    note = "implement `actix_api_error::openapi::OperationOutput` for it: an empty impl documents a 200 \"Successful Response\""
)]
pub trait OperationOutput {
    /// Adds the success response.
    fn document(context: &mut Context<'_>) {
        context.response("200", successful().build());
    }
}

fn successful() -> ResponseBuilder {
    ResponseBuilder::new().description("Successful Response")
}

macro_rules! documents_nothing {
    ($($ty:ty),* $(,)?) => {
        $(impl OperationInput for $ty {})*
    };
}

documents_nothing!(
    actix_web::HttpRequest,
    actix_web::web::Payload,
    actix_web::web::Bytes,
    String,
    actix_web::http::Method,
    actix_web::http::Uri,
    actix_web::dev::ConnectionInfo,
    actix_web::dev::PeerAddr,
);

impl<T: ?Sized> OperationInput for actix_web::web::Data<T> {}
impl<T: Clone + 'static> OperationInput for actix_web::web::ReqData<T> {}

impl<E: OperationInput> OperationInput for Option<E> {
    fn document(context: &mut Context<'_>) {
        context.optionally::<E>();
    }
}

impl<T: OperationInput, E> OperationInput for Result<T, E> {
    fn document(context: &mut Context<'_>) {
        context.optionally::<T>();
    }
}

#[cfg(feature = "validator")]
impl<E: OperationInput> OperationInput for extract::Valid<E> {
    fn document(context: &mut Context<'_>) {
        E::document(context);
    }
}

macro_rules! body {
    ($content_type:literal: $($extractor:ty),*) => {
        $(impl<T: ToSchema> OperationInput for $extractor {
            fn document(context: &mut Context<'_>) {
                context.request_body::<T>($content_type);
            }
        })*
    };
}

body!("application/json": extract::Json<T>, extract::Body<T>, actix_web::web::Json<T>);
body!("application/x-www-form-urlencoded": actix_web::web::Form<T>);

/// Our forms: `multipart/form-data` when a field is a file (as FastAPI
/// documents `File()`), URL-encoded otherwise.
macro_rules! form {
    ($($extractor:ty),*) => {
        $(impl<T: ToSchema> OperationInput for $extractor {
            fn document(context: &mut Context<'_>) {
                let content_type = if holds_file(&T::schema()) {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                };
                context.request_body::<T>(content_type);
            }
        })*
    };
}

form!(extract::Form<T>, extract::FormModel<T>);

/// Whether an object schema has a file among its properties (a file, a list
/// of files, an optional file).
fn holds_file(schema: &RefOr<Schema>) -> bool {
    fn is_file(schema: &RefOr<Schema>) -> bool {
        match schema {
            RefOr::Ref(reference) => ["/UploadFile", "/FileBytes"]
                .iter()
                .any(|name| reference.ref_location.ends_with(name)),
            RefOr::T(Schema::Object(object)) => {
                object.content_media_type == "application/octet-stream"
            }
            RefOr::T(Schema::Array(array)) => match &array.items {
                utoipa::openapi::schema::ArrayItems::RefOrSchema(item) => is_file(item),
                utoipa::openapi::schema::ArrayItems::False => false,
            },
            RefOr::T(Schema::OneOf(one)) => one.items.iter().any(is_file),
            RefOr::T(Schema::AnyOf(any)) => any.items.iter().any(is_file),
            RefOr::T(_) => false,
        }
    }
    match schema {
        RefOr::T(Schema::Object(object)) => object.properties.values().any(is_file),
        _ => false,
    }
}

macro_rules! parameters {
    ($location:ident: $($extractor:ty),*) => {
        $(impl<T: ToSchema> OperationInput for $extractor {
            fn document(context: &mut Context<'_>) {
                context.parameters::<T>(&ParameterIn::$location);
            }
        })*
    };
}

parameters!(Path: extract::Path<T>, actix_web::web::Path<T>);
parameters!(Query: extract::Query<T>, extract::QueryModel<T>, actix_web::web::Query<T>);
parameters!(Header: extract::Header<T>, extract::HeaderModel<T>);
parameters!(Cookie: extract::Cookie<T>, extract::CookieModel<T>);

/// `impl Responder`: what it answers is not known.
#[doc(hidden)]
pub struct AnyResponder;

impl OperationOutput for AnyResponder {}
impl OperationOutput for actix_web::HttpResponse {}
impl OperationOutput for () {}

impl<T: ToSchema> OperationOutput for extract::Json<T> {
    fn document(context: &mut Context<'_>) {
        json_output::<T>(context);
    }
}

impl<T: ToSchema> OperationOutput for actix_web::web::Json<T> {
    fn document(context: &mut Context<'_>) {
        json_output::<T>(context);
    }
}

fn json_output<T: ToSchema>(context: &mut Context<'_>) {
    let schema = context.schema::<T>();
    let json = ContentBuilder::new().schema(Some(schema)).build();
    context.response(
        "200",
        successful().content("application/json", json).build(),
    );
}

impl OperationOutput for String {
    fn document(context: &mut Context<'_>) {
        text_output(context);
    }
}

impl OperationOutput for &'static str {
    fn document(context: &mut Context<'_>) {
        text_output(context);
    }
}

fn text_output(context: &mut Context<'_>) {
    let text = ContentBuilder::new().schema(Some(String::schema())).build();
    context.response(
        "200",
        successful()
            .content("text/plain; charset=utf-8", text)
            .build(),
    );
}

/// A route returning `Err(RequestValidationError)`: FastAPI's 422.
impl IntoResponses for RequestValidationError {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([("422".to_owned(), super::validation_error_response().into())])
    }
}

/// A route returning `Err(ServerError)`: the 500 with its `x-error-id`.
impl IntoResponses for ServerError {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        BTreeMap::from([("500".to_owned(), internal_server_error().into())])
    }
}

/// A route returning `Err(HttpException)`: any status, `{"detail": ...}`, as
/// the `default` response.
impl IntoResponses for HttpException {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let body = detail_body(ObjectBuilder::new().schema_type(SchemaType::AnyValue));
        let response = ResponseBuilder::new()
            .description("An HTTPException: its status, headers and detail")
            .content(
                "application/json",
                ContentBuilder::new().schema(Some(body)).build(),
            )
            .content(
                problem::MEDIA_TYPE,
                ContentBuilder::new()
                    .schema(Some(problem::with_instance(problem::any_detail(
                        problem::problem(),
                    ))))
                    .build(),
            )
            .build();
        BTreeMap::from([("default".to_owned(), response.into())])
    }
}

/// What the route macros know of a route, for [`operation`].
#[doc(hidden)]
pub struct Route {
    pub operation_id: &'static str,
    /// actix's pattern: `/items/{id}`, `/files/{tail:.*}`.
    pub pattern: &'static str,
    pub methods: &'static [&'static str],
    /// The function's doc comment: its first paragraph is the summary.
    pub doc: &'static str,
    pub deprecated: bool,
}

impl Route {
    /// The OpenAPI path: actix's pattern without its regexes.
    pub fn path(&self) -> String {
        openapi_path(self.pattern)
    }

    /// The methods OpenAPI names (a custom method has no place there).
    pub fn methods(&self) -> Vec<HttpMethod> {
        self.methods
            .iter()
            .filter_map(|method| match *method {
                "GET" => Some(HttpMethod::Get),
                "POST" => Some(HttpMethod::Post),
                "PUT" => Some(HttpMethod::Put),
                "DELETE" => Some(HttpMethod::Delete),
                "HEAD" => Some(HttpMethod::Head),
                "OPTIONS" => Some(HttpMethod::Options),
                "PATCH" => Some(HttpMethod::Patch),
                "TRACE" => Some(HttpMethod::Trace),
                _ => None,
            })
            .collect()
    }

    /// The operation `document` describes, with FastAPI's 422 when it reads
    /// parameters or a body.
    pub fn operation(&self, document: fn(&mut Context<'_>)) -> Operation {
        let mut schemas = Vec::new();
        let mut context = self.context(&mut schemas);
        document(&mut context);
        context.name_the_rest_of_the_path();
        context.secure();
        let mut operation = context.operation;
        // The route's extractors answer 422 whatever its error type documents
        // as `4XX` or `default` (an `HttpException`).
        add_validation_error(&mut operation, false, &["422"]);
        operation
    }

    /// The schemas the operation refers to.
    pub fn schemas(&self, document: fn(&mut Context<'_>), schemas: &mut Schemas) {
        document(&mut self.context(schemas));
        schemas.push(("ValidationError".to_owned(), validation_error().into()));
        schemas.push((
            "HTTPValidationError".to_owned(),
            http_validation_error().into(),
        ));
    }

    fn context<'a>(&'a self, schemas: &'a mut Schemas) -> Context<'a> {
        let (summary, description) = match self.doc.trim().split_once("\n\n") {
            Some((summary, description)) => (summary.trim(), Some(description.trim())),
            None => (self.doc.trim(), None),
        };
        let summary = (!summary.is_empty()).then(|| summary.replace('\n', " "));
        let operation = OperationBuilder::new()
            .operation_id(Some(self.operation_id))
            .summary(summary)
            .description(description)
            .deprecated(self.deprecated.then_some(utoipa::openapi::Deprecated::True))
            .build();
        Context {
            operation,
            schemas,
            path_names: segments(self.pattern)
                .into_iter()
                .skip(1)
                .step_by(2)
                .collect(),
            optional: false,
            security: Vec::new(),
        }
    }
}

/// actix's pattern as an OpenAPI path: `/items/{id:\d+}` is `/items/{id}`.
pub(crate) fn openapi_path(pattern: &str) -> String {
    let mut path = String::with_capacity(pattern.len());
    for (index, segment) in segments(pattern).into_iter().enumerate() {
        if index % 2 == 0 {
            path.push_str(segment);
        } else {
            path.push('{');
            path.push_str(segment);
            path.push('}');
        }
    }
    path
}

/// `/a/{id:\d+}/b` -> `["/a/", "id", "/b"]`: text and parameter names by turns
/// (a regex's own braces are counted).
fn segments(pattern: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        let mut depth = 0;
        let mut close = rest.len();
        for (index, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + index;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = &rest[open + 1..close.min(rest.len())];
        parts.push(inner.split(':').next().unwrap_or(inner));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    parts.push(rest);
    parts
}
