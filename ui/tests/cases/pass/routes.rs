//! Route macros with actix's syntax: name, guard, wrap, method; every return
//! type actix accepts; the error types we answer.
use actix_api_error::{
    api_error, delete, get, head, options, patch, post, put, route, trace, HttpException,
    RequestValidationError, ServerError, extract::{Json, Path},
};
use actix_web::{guard::GuardContext, middleware::Logger, App, HttpResponse, Responder};

#[api_error(status = 404)]
#[derive(Debug)]
struct NotFound;

fn is_json(ctx: &GuardContext) -> bool {
    ctx.head().headers().contains_key("content-type")
}

#[get("/a/{id}", name = "item", guard = "is_json", wrap = "Logger::default()")]
async fn a(Path(id): Path<u32>) -> Result<String, NotFound> {
    Ok(id.to_string())
}

#[post("/b")]
async fn b(item: Json<Vec<u32>>) -> Result<Json<Vec<u32>>, HttpException> {
    Ok(item)
}

#[put("/c")]
async fn c() -> impl Responder {
    "c"
}

#[delete("/c")]
async fn d() -> Result<HttpResponse, ServerError> {
    Ok(HttpResponse::Ok().finish())
}

#[patch("/c")]
async fn e() -> Result<HttpResponse, RequestValidationError> {
    Ok(HttpResponse::Ok().finish())
}

#[head("/c")]
async fn f() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[options("/c")]
async fn g() -> actix_web::Result<HttpResponse> {
    Ok(HttpResponse::Ok().finish())
}

#[trace("/c")]
async fn h() -> &'static str {
    "h"
}

#[route("/r", method = "GET", method = "POST", method = "PURGE")]
pub(crate) async fn r() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _ = App::new()
        .service(a)
        .service(b)
        .service(c)
        .service(d)
        .service(e)
        .service(f)
        .service(g)
        .service(h)
        .service(r);
}
