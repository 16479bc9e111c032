//! FastAPI's request vocabulary on the success path, each extractor alone
//! behind our `#[get]`/`#[post]` and `ExceptionHandlers`, for
//! `bench/instructions.sh`: a new extractor beside the one it is measured
//! against, answering the same bytes. `ROUTE=query-model` registers that
//! route alone beside `/ok`, so that every route costs the same to find.
//!
//! | Route | Extractor | Against |
//! |---|---|---|
//! | `GET /vocabulary/query?limit=5` | `Query<Limit>` | |
//! | `GET /vocabulary/query-model?limit=5` | `QueryModel<Limit>` | `Query<Limit>` |
//! | `GET /vocabulary/header` (`x-token`) | `Header<Token>` | |
//! | `GET /vocabulary/header-model` | `HeaderModel<Token>` | `Header<Token>` |
//! | `POST /vocabulary/json` | `Json<Product>` | |
//! | `POST /vocabulary/body` | `Body<Product>` | `Json<Product>` |
//! | `POST /vocabulary/optional` | `Option<Json<Product>>` | `Json<Product>` |
//! | `POST /vocabulary/form` | `Form<Login>`, URL-encoded | |
//! | `POST /vocabulary/form-model` | `FormModel<Login>` | `Form<Login>` |
//! | `POST /vocabulary/multipart` | `Form<Login>`, multipart | `Form<Login>`, URL-encoded |
//! | `POST /vocabulary/upload` | `Form<Upload>`: an `UploadFile` of 1 KiB | `Form<Login>`, multipart |

use actix_api_error::ExceptionHandlers;
use actix_api_error::{
    extract::{Body, Form, FormModel, Header, HeaderModel, Json, Query, QueryModel, UploadFile},
    get, post,
};
use actix_web::{App, HttpResponse, HttpServer};
use serde::Deserialize;

#[derive(Deserialize)]
struct Limit {
    limit: u32,
}

fn limit(limit: &Limit) -> HttpResponse {
    HttpResponse::Ok().body(limit.limit.to_string())
}

#[get("/vocabulary/query")]
async fn query(Query(q): Query<Limit>) -> HttpResponse {
    limit(&q)
}

#[get("/vocabulary/query-model")]
async fn query_model(QueryModel(q): QueryModel<Limit>) -> HttpResponse {
    limit(&q)
}

#[derive(Deserialize)]
struct Token {
    x_token: String,
}

#[get("/vocabulary/header")]
async fn header(Header(h): Header<Token>) -> HttpResponse {
    HttpResponse::Ok().body(h.x_token)
}

#[get("/vocabulary/header-model")]
async fn header_model(HeaderModel(h): HeaderModel<Token>) -> HttpResponse {
    HttpResponse::Ok().body(h.x_token)
}

#[derive(Deserialize)]
struct Product {
    name: String,
    price: f64,
}

fn product(product: &Product) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", product.name, product.price))
}

#[post("/vocabulary/json")]
async fn json(Json(p): Json<Product>) -> HttpResponse {
    product(&p)
}

#[post("/vocabulary/body")]
async fn body(Body(p): Body<Product>) -> HttpResponse {
    product(&p)
}

#[post("/vocabulary/optional")]
async fn optional(p: Option<Json<Product>>) -> HttpResponse {
    p.map_or_else(|| HttpResponse::Ok().finish(), |p| product(&p))
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

fn login(login: &Login) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", login.username, login.password.len()))
}

#[post("/vocabulary/form")]
async fn form(Form(l): Form<Login>) -> HttpResponse {
    login(&l)
}

#[post("/vocabulary/form-model")]
async fn form_model(FormModel(l): FormModel<Login>) -> HttpResponse {
    login(&l)
}

#[post("/vocabulary/multipart")]
async fn multipart(Form(l): Form<Login>) -> HttpResponse {
    login(&l)
}

#[derive(Deserialize)]
struct Upload {
    file: UploadFile,
}

#[post("/vocabulary/upload")]
async fn upload(Form(u): Form<Upload>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", u.file.filename(), u.file.size()))
}

#[actix_web::get("/ok")]
async fn ok() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port = actix_api_error_bench::port();
    let route = std::env::var("ROUTE").unwrap_or_default();
    let server = HttpServer::new(move || {
        let app = App::new().wrap(ExceptionHandlers::new()).service(ok);
        match route.as_str() {
            "query" => app.service(query),
            "query-model" => app.service(query_model),
            "header" => app.service(header),
            "header-model" => app.service(header_model),
            "json" => app.service(json),
            "body" => app.service(body),
            "optional" => app.service(optional),
            "form" => app.service(form),
            "form-model" => app.service(form_model),
            "multipart" => app.service(multipart),
            "upload" => app.service(upload),
            other => panic!("ROUTE={other:?}: not a route of this server"),
        }
    })
    .workers(1)
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
