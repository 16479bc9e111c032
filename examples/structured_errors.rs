//! Safir-style structured errors: `{"detail":[{"loc", "msg", "type"}]}`.
//!
//! `structured` (or a `loc`) gives an error Safir's body: its `code` is the `type`, and `loc` says where in the
//! request it is, so an app's own errors look like the 422s FastAPI generates.
//! The same body can be built at run time from `ErrorDetail`s.
//!
//! ```sh
//! cargo run --example structured_errors
//! curl -i http://127.0.0.1:8000/users/nobody     # 404 {"detail":[{"loc":["path","user"],...}]}
//! curl -i http://127.0.0.1:8000/users/rra        # 200 {"user":"rra"}
//! curl -i http://127.0.0.1:8000/permission       # 403 {"detail":[{"msg":"Permission denied",...}]}
//! curl -i http://127.0.0.1:8000/foo/bar          # 404, built from ErrorDetail at run time
//! ```

use actix_api_error::{
    ErrorDetail, ErrorLocation, ExceptionHandlers, HttpException, api_error, get,
};
use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::json;

#[api_error]
#[derive(Debug)]
enum UserError {
    #[api_error(status = 404, code = "unknown_user", loc(path, "user"), detail = "Unknown user")]
    UnknownUser,
    #[api_error(status = 403, code = "permission_denied", structured, detail = "Permission denied")]
    PermissionDenied,
}

#[get("/users/{user}")]
async fn read_user(user: web::Path<String>) -> Result<HttpResponse, UserError> {
    match user.as_str() {
        "rra" => Ok(HttpResponse::Ok().json(json!({ "user": "rra" }))),
        _ => Err(UserError::UnknownUser),
    }
}

#[get("/permission")]
async fn permission() -> Result<HttpResponse, UserError> {
    Err(UserError::PermissionDenied)
}

/// Safir's documented way: an `HttpException` whose detail is a list.
#[get("/foo/{foo}")]
async fn read_foo(id: web::Path<String>) -> Result<HttpResponse, HttpException> {
    Err(HttpException::new(
        404,
        vec![
            ErrorDetail::new(format!("There is no foo {id}"), "unknown_foo")
                .loc(ErrorLocation::Path, ["foo"]),
        ],
    ))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = port();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(read_user)
            .service(permission)
            .service(read_foo)
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}; try:");
    for path in ["/users/nobody", "/users/rra", "/permission", "/foo/bar"] {
        println!("  curl -i http://127.0.0.1:{port}{path}");
    }
    server.run().await
}

/// `$PORT`, or 8000.
fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT must be a port number"))
}
