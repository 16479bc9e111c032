//! The twin of `conformance/vocabulary.py`: FastAPI's request vocabulary beyond
//! separate parameters, each route spelled as a user writes it here.

use actix_api_error::{
    extract::{
        Body, CookieModel, FileBytes, Form, FormModel, Header, HeaderModel, Json, Path, Query,
        QueryModel, StrictContentType, UploadFile, Valid, keep_underscores,
    },
    get,
    openapi::{Context as OpenApiContext, OperationInput},
    post, put,
};
use actix_web::{
    FromRequest, HttpRequest, HttpResponse,
    dev::Payload,
    web::{self, ServiceConfig},
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::future::{Ready, ready};
use utoipa::{OpenApi, ToSchema};
use validator::Validate;

#[derive(ToSchema, Deserialize, Serialize, Clone, Copy, Default)]
#[serde(rename_all = "snake_case")]
enum Order {
    #[default]
    CreatedAt,
    UpdatedAt,
}

fn hundred() -> i64 {
    100
}

// Query parameter models.
#[derive(ToSchema, Deserialize, Validate)]
struct FilterParams {
    q: String,
    #[serde(default = "hundred")]
    #[validate(range(exclusive_min = 0, max = 100))]
    limit: i64,
    #[serde(default)]
    offset: u8,
    #[serde(default)]
    order_by: Order,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(ToSchema, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct StrictFilterParams {
    q: String,
    #[serde(default = "hundred")]
    #[validate(range(exclusive_min = 0, max = 100))]
    limit: i64,
    #[serde(default)]
    offset: u8,
    #[serde(default)]
    order_by: Order,
    #[serde(default)]
    tags: Vec<String>,
}

impl FilterParams {
    fn json(&self) -> serde_json::Value {
        json!({ "q": self.q, "limit": self.limit, "offset": self.offset, "order_by": self.order_by, "tags": self.tags })
    }
}

#[get("/v/query-model")]
async fn query_model(Valid(filter): Valid<QueryModel<FilterParams>>) -> HttpResponse {
    HttpResponse::Ok().json(filter.json())
}

#[get("/v/query-model/forbid")]
async fn query_model_forbid(
    Valid(QueryModel(f)): Valid<QueryModel<StrictFilterParams>>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": f.q, "limit": f.limit, "offset": f.offset, "order_by": f.order_by, "tags": f.tags }))
}

#[get("/v/query-model/optional")]
async fn query_model_optional(filter: Option<Valid<QueryModel<FilterParams>>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "filter": filter.map(|filter| filter.json()) }))
}

#[derive(ToSchema, Deserialize)]
struct Page {
    #[serde(default = "one")]
    page: i64,
}

fn one() -> i64 {
    1
}

#[get("/v/query-model/with-param/{item_id}")]
async fn query_model_with_param(
    Path(item_id): Path<i64>,
    Valid(filter): Valid<QueryModel<FilterParams>>,
    Query(page): Query<Page>,
) -> HttpResponse {
    let mut body = json!({ "item_id": item_id, "page": page.page });
    body.as_object_mut()
        .expect("an object")
        .extend(filter.json().as_object().expect("an object").clone());
    HttpResponse::Ok().json(body)
}

#[derive(ToSchema, Deserialize)]
struct OptionalQ {
    q: Option<i64>,
}

#[get("/v/query/optional")]
async fn query_optional(Query(query): Query<OptionalQ>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": query.q }))
}

// Header parameter models.
#[derive(ToSchema, Deserialize, Serialize)]
struct CommonHeaders {
    save_data: bool,
    if_modified_since: Option<String>,
    #[serde(default)]
    x_tag: Vec<String>,
}

#[derive(ToSchema, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StrictHeaders {
    save_data: bool,
    if_modified_since: Option<String>,
    #[serde(default)]
    x_tag: Vec<String>,
}

#[get("/v/header-model")]
async fn header_model(HeaderModel(h): HeaderModel<CommonHeaders>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

#[get("/v/header-model/forbid")]
async fn header_model_forbid(HeaderModel(h): HeaderModel<StrictHeaders>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

#[get("/v/header-model/optional")]
async fn header_model_optional(h: Option<HeaderModel<CommonHeaders>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "headers": h.map(HeaderModel::into_inner) }))
}

#[derive(ToSchema, Deserialize, Serialize)]
struct LiteralHeaders {
    #[serde(deserialize_with = "keep_underscores")]
    strange_header: String,
    #[serde(default, deserialize_with = "keep_underscores")]
    x_token: Option<String>,
}

#[get("/v/header-model/literal")]
async fn header_model_literal(HeaderModel(h): HeaderModel<LiteralHeaders>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

#[derive(ToSchema, Deserialize, Serialize)]
struct LiteralHeader {
    #[serde(default, deserialize_with = "keep_underscores")]
    strange_header: Option<String>,
    x_token: Option<String>,
}

#[get("/v/header/literal")]
async fn header_literal(Header(h): Header<LiteralHeader>) -> HttpResponse {
    HttpResponse::Ok().json(h)
}

// Cookie parameter models.
#[derive(ToSchema, Deserialize, Serialize)]
struct Cookies {
    session_id: String,
    fatebook_tracker: Option<String>,
    googall_tracker: Option<String>,
}

#[derive(ToSchema, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StrictCookies {
    session_id: String,
    fatebook_tracker: Option<String>,
    googall_tracker: Option<String>,
}

#[get("/v/cookie-model")]
async fn cookie_model(CookieModel(c): CookieModel<Cookies>) -> HttpResponse {
    HttpResponse::Ok().json(c)
}

#[get("/v/cookie-model/forbid")]
async fn cookie_model_forbid(CookieModel(c): CookieModel<StrictCookies>) -> HttpResponse {
    HttpResponse::Ok().json(c)
}

#[get("/v/cookie-model/optional")]
async fn cookie_model_optional(c: Option<CookieModel<Cookies>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "cookies": c.map(CookieModel::into_inner) }))
}

// Form models.
#[derive(ToSchema, Deserialize, Serialize)]
struct Login {
    username: String,
    password: String,
    #[serde(default)]
    remember: bool,
}

#[derive(ToSchema, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StrictLogin {
    username: String,
    password: String,
    #[serde(default)]
    remember: bool,
}

#[post("/v/form-model")]
async fn form_model(FormModel(data): FormModel<Login>) -> HttpResponse {
    HttpResponse::Ok().json(data)
}

#[post("/v/form-model/forbid")]
async fn form_model_forbid(FormModel(data): FormModel<StrictLogin>) -> HttpResponse {
    HttpResponse::Ok().json(data)
}

#[post("/v/form-model/optional")]
async fn form_model_optional(data: Option<FormModel<Login>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "login": data.map(FormModel::into_inner) }))
}

#[derive(ToSchema, Deserialize)]
struct OptionalN {
    n: Option<i64>,
}

#[post("/v/form/optional-int")]
async fn form_optional_int(Form(form): Form<OptionalN>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "n": form.n }))
}

// Several body parameters, embed, singular values.
#[derive(ToSchema, Deserialize, Serialize)]
struct Item {
    name: String,
    price: f64,
    tax: Option<f64>,
}

#[derive(ToSchema, Deserialize, Serialize)]
struct User {
    username: String,
    full_name: Option<String>,
}

#[derive(ToSchema, Deserialize)]
struct Update {
    item: Item,
    user: User,
    importance: i64,
}

#[put("/v/body/multiple/{item_id}")]
async fn body_multiple(Path(item_id): Path<i64>, Body(body): Body<Update>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "item_id": item_id, "item": body.item, "user": body.user, "importance": body.importance,
    }))
}

#[derive(ToSchema, Deserialize)]
struct Embedded {
    item: Item,
}

#[put("/v/body/embed")]
async fn body_embed(Body(body): Body<Embedded>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": body.item }))
}

#[put("/v/body/single")]
async fn body_single(Json(importance): Json<i64>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "importance": importance }))
}

#[put("/v/body/optional")]
async fn body_optional(item: Option<Json<Item>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": item.map(Json::into_inner) }))
}

#[derive(ToSchema, Deserialize)]
struct ItemAndUser {
    item: Item,
    user: Option<User>,
}

#[derive(ToSchema, Deserialize)]
struct Q {
    q: Option<String>,
}

#[put("/v/body/multiple-optional")]
async fn body_multiple_optional(
    Body(body): Body<ItemAndUser>,
    Query(query): Query<Q>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": body.item, "user": body.user, "q": query.q }))
}

/// Under `web::scope("/v/body")`, with `StrictContentType(false)`.
#[post("/lax")]
async fn body_lax(Json(item): Json<Item>) -> HttpResponse {
    HttpResponse::Ok().json(item)
}

// Files.
fn upload(file: &UploadFile) -> serde_json::Value {
    json!({ "filename": file.filename(), "content_type": file.content_type(), "size": file.size() })
}

#[derive(ToSchema, Deserialize)]
struct BytesUpload {
    file: FileBytes,
}

#[post("/v/files/bytes")]
async fn files_bytes(Form(form): Form<BytesUpload>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "file_size": form.file.len() }))
}

#[derive(ToSchema, Deserialize)]
struct OneUpload {
    file: UploadFile,
}

#[post("/v/files/upload")]
async fn files_upload(Form(form): Form<OneUpload>) -> HttpResponse {
    HttpResponse::Ok().json(upload(&form.file))
}

#[derive(ToSchema, Deserialize)]
struct MaybeUpload {
    file: Option<UploadFile>,
}

#[post("/v/files/optional")]
async fn files_optional(Form(form): Form<MaybeUpload>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "file": form.file.as_ref().map(upload) }))
}

#[derive(ToSchema, Deserialize)]
struct ManyUploads {
    files: Vec<UploadFile>,
}

#[post("/v/files/list")]
async fn files_list(Form(form): Form<ManyUploads>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "files": form.files.iter().map(upload).collect::<Vec<_>>() }))
}

#[derive(ToSchema, Deserialize)]
struct Mixed {
    file: FileBytes,
    fileb: UploadFile,
    token: String,
}

#[post("/v/files/mixed")]
async fn files_mixed(Form(form): Form<Mixed>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "file_size": form.file.len(), "token": form.token, "fileb_content_type": form.fileb.content_type(),
    }))
}

// Types and rules that pydantic names.
#[derive(ToSchema, Deserialize, Validate)]
struct Renamed {
    #[serde(rename = "item-query")]
    #[validate(length(min = 3))]
    q: String,
}

#[get("/v/renamed")]
async fn renamed(Valid(Query(query)): Valid<Query<Renamed>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "q": query.q }))
}

#[derive(ToSchema, Deserialize, Validate)]
struct Tagged {
    #[validate(length(min = 3))]
    name: String,
    #[validate(range(min = 1))]
    qty: i64,
}

#[post("/v/list-rules")]
async fn list_rules(Valid(Json(items)): Valid<Json<Vec<Tagged>>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "count": items.len() }))
}

#[derive(ToSchema, Deserialize, Validate)]
struct Site {
    #[validate(url)]
    url: String,
}

#[post("/v/url")]
async fn url(Valid(Json(site)): Valid<Json<Site>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "url": site.url }))
}

#[derive(ToSchema, Deserialize)]
struct Scores {
    scores: std::collections::BTreeMap<i64, String>,
}

#[post("/v/map-key")]
async fn map_key(Json(body): Json<Scores>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "count": body.scores.len() }))
}

fn even(n: i64) -> Result<(), validator::ValidationError> {
    if n % 2 == 0 {
        Ok(())
    } else {
        Err(validator::ValidationError::new("value_error").with_message("must be even".into()))
    }
}

#[derive(ToSchema, Deserialize, Validate)]
struct Even {
    #[validate(custom(function = "even"))]
    n: i64,
}

#[post("/v/custom-rule")]
async fn custom_rule(Valid(Json(body)): Valid<Json<Even>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "n": body.n }))
}

#[derive(ToSchema, Deserialize)]
#[serde(tag = "pet_type", rename_all = "lowercase")]
enum Pet {
    Cat {
        #[allow(dead_code)]
        meows: i64,
    },
    Dog {
        #[allow(dead_code)]
        barks: f64,
    },
}

#[post("/v/tagged")]
async fn tagged(Json(pet): Json<Pet>) -> HttpResponse {
    let pet_type = match pet {
        Pet::Cat { .. } => "cat",
        Pet::Dog { .. } => "dog",
    };
    HttpResponse::Ok().json(json!({ "pet_type": pet_type }))
}

#[derive(ToSchema, Deserialize)]
struct Hosts {
    #[schema(value_type = String)]
    any: std::net::IpAddr,
    #[schema(value_type = String)]
    v4: std::net::Ipv4Addr,
    #[schema(value_type = String)]
    v6: std::net::Ipv6Addr,
}

#[post("/v/ip")]
async fn ip(Json(hosts): Json<Hosts>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "any": hosts.any, "v4": hosts.v4, "v6": hosts.v6 }))
}

// A dependency: an extractor of one's own, built on ours.
#[derive(ToSchema, Deserialize)]
struct CommonParameters {
    q: Option<String>,
    #[serde(default)]
    skip: i64,
    #[serde(default = "hundred_u8")]
    limit: u8,
}

fn hundred_u8() -> u8 {
    100
}

/// FastAPI's `Depends(common_parameters)`: its 422s join the route's, first.
impl FromRequest for CommonParameters {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        ready(
            Query::<Self>::from_request(req, payload)
                .into_inner()
                .map(Query::into_inner),
        )
    }
}

impl OperationInput for CommonParameters {
    fn document(context: &mut OpenApiContext<'_>) {
        Query::<Self>::document(context);
    }
}

#[derive(ToSchema, Deserialize)]
struct Token {
    #[allow(dead_code)]
    x_token: String,
}

#[get("/v/depends/{item_id}")]
async fn depends(
    Path(item_id): Path<i64>,
    commons: CommonParameters,
    _token: Header<Token>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "item_id": item_id, "q": commons.q, "skip": commons.skip, "limit": commons.limit,
    }))
}

/// Every route of this module.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service((query_model, query_model_forbid, query_model_optional))
        .service((query_model_with_param, query_optional))
        .service((header_model, header_model_forbid, header_model_optional))
        .service((header_model_literal, header_literal))
        .service((cookie_model, cookie_model_forbid, cookie_model_optional))
        .service((
            form_model,
            form_model_forbid,
            form_model_optional,
            form_optional_int,
        ))
        .service((body_multiple, body_embed, body_single, body_optional))
        .service(body_multiple_optional)
        .service((
            files_bytes,
            files_upload,
            files_optional,
            files_list,
            files_mixed,
        ))
        .service((
            renamed,
            list_rules,
            url,
            map_key,
            custom_rule,
            tagged,
            ip,
            depends,
        ))
        .service(
            web::scope("/v/body")
                .app_data(StrictContentType(false))
                .service(body_lax),
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        query_model, query_model_forbid, query_model_optional, query_model_with_param, query_optional,
    header_model, header_model_forbid, header_model_optional, header_model_literal, header_literal,
    cookie_model, cookie_model_forbid, cookie_model_optional, form_model, form_model_forbid,
    form_model_optional, form_optional_int, body_multiple, body_embed, body_single, body_optional,
    body_multiple_optional, files_bytes, files_upload, files_optional, files_list,
        files_mixed, renamed, list_rules, url, map_key, custom_rule, tagged, ip, depends
    ),
    nest((path = "/v/body", api = Lax))
)]
pub struct Document;

#[derive(OpenApi)]
#[openapi(paths(body_lax))]
struct Lax;
