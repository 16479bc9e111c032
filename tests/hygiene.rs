//! The macros expand inside a module without the prelude, where `core`, `std`,
//! `actix_web` and common names are shadowed: generated code uses absolute paths
//! only.

#![allow(dead_code, non_camel_case_types)]

#[no_implicit_prelude]
mod shadowed {
    mod core {}
    mod std {}
    mod actix_web {}
    mod serde_json {}
    mod actix_api_error {}
    struct Result;
    struct Option;
    struct Some;
    struct None;
    struct Ok;
    struct Vec;
    struct String;
    struct Box;
    struct HttpResponse;
    struct StatusCode;
    struct fmt;
    struct f;

    use ::actix_api_error::{HttpException, api_error, exception_handler};

    #[api_error(status = 400, headers(("X-Api", "v1")))]
    #[derive(::core::fmt::Debug)]
    pub enum Everything {
        #[api_error(status = 404, detail = "Item not found")]
        Literal,
        #[api_error(detail = "Item {0} exists", headers(("Retry-After", "{1}")))]
        Formatted(::std::string::String, u32),
        #[api_error(status = 422)]
        Json(#[api_error(detail)] ::serde_json::Value),
        #[api_error(
            status = 404,
            code = "unknown_user",
            loc(path, "user"),
            detail = "Unknown {name}"
        )]
        Coded {
            name: ::std::string::String,
        },
        Reason,
    }

    #[api_error(status = 500)]
    #[derive(::core::fmt::Debug)]
    pub struct Unit;

    #[exception_handler(Everything)]
    pub async fn everything(
        _req: &::actix_web::HttpRequest,
        exc: &Everything,
    ) -> ::actix_web::HttpResponse {
        ::actix_web::HttpResponse::ImATeapot().body(::std::string::ToString::to_string(exc))
    }

    #[exception_handler(status = 404)]
    pub fn not_found(_req: &::actix_web::HttpRequest, exc: &HttpException) -> &'static str {
        let _ = exc;
        "not found"
    }
}

use actix_api_error::{ApiError, ExceptionHandlers};
use actix_web::{ResponseError, body::MessageBody};
use shadowed::Everything;

#[test]
fn generated_code_works_with_everything_shadowed() {
    let body = |e: &dyn ResponseError| e.error_response().into_body().try_into_bytes().unwrap();
    assert_eq!(
        body(&Everything::Literal),
        r#"{"detail":"Item not found"}"#.as_bytes()
    );
    let formatted = Everything::Formatted("x".into(), 5).error_response();
    assert_eq!(formatted.headers().get("retry-after").unwrap(), "5");
    assert_eq!(
        body(&Everything::Coded { name: "rra".into() }),
        r#"{"detail":[{"loc":["path","user"],"msg":"Unknown rra","type":"unknown_user"}]}"#
            .as_bytes()
    );
    assert_eq!(
        Everything::Reason.to_http_exception().detail().as_str(),
        Some("Bad Request")
    );
    assert_eq!(shadowed::Unit.to_string(), "Internal Server Error");
    let _ = ExceptionHandlers::new()
        .handler(shadowed::everything)
        .handler(shadowed::not_found);
}

/// Names a user's module may define that generated code must not capture:
/// handlers named like our parameters, a const pattern-shadowing a parameter.
#[allow(non_upper_case_globals, clippy::unused_async)]
mod user_names {
    use actix_api_error::{HttpException, RequestValidationError, exception_handler};
    use actix_web::{HttpRequest, HttpResponse};

    const req: u8 = 0;
    const exc: u8 = 1;
    const response: u8 = 2;
    const __req: u8 = 3;

    pub fn uses() -> u8 {
        req + exc + response + __req
    }

    #[exception_handler(HttpException)]
    pub fn respond(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[exception_handler(RequestValidationError)]
    pub async fn handle(_r: &HttpRequest, _e: &RequestValidationError) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    pub mod named_like_parameters {
        use actix_api_error::{HttpException, ServerError, exception_handler};
        use actix_web::{HttpRequest, HttpResponse};

        #[exception_handler(HttpException)]
        pub fn exc(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
            HttpResponse::Ok().finish()
        }

        #[exception_handler(ServerError)]
        pub fn response(_req: &HttpRequest, _exc: &ServerError) -> HttpResponse {
            HttpResponse::Ok().finish()
        }

        #[exception_handler(status = 404)]
        pub async fn req(_req: &HttpRequest, _exc: &HttpException) -> HttpResponse {
            HttpResponse::Ok().finish()
        }
    }
}

#[test]
fn handlers_compile_whatever_names_the_module_defines() {
    use user_names::named_like_parameters as n;
    assert_eq!(user_names::uses(), 6);
    let _ = ExceptionHandlers::new()
        .handler(user_names::respond)
        .handler(user_names::handle);
    let _ = ExceptionHandlers::new()
        .handler(n::exc)
        .handler(n::response)
        .handler(n::req);
}

/// A route in a module without the prelude, beside names the generated
/// handler must not capture.
#[allow(non_upper_case_globals)]
#[no_implicit_prelude]
mod shadowed_routes {
    mod core {}
    mod std {}
    mod actix_web {}
    struct Result;
    struct Option;
    struct Some;
    struct Ok;
    struct Err;
    struct HttpResponse;
    const __req: u8 = 0;
    const value: u8 = 1;
    const error: u8 = 2;

    use ::actix_api_error::{HttpException, extract::Path, get};

    #[get("/items/{id}")]
    pub async fn item(
        Path(id): Path<u32>,
    ) -> ::core::result::Result<::std::string::String, HttpException> {
        if id == 0 {
            return ::core::result::Result::Err(HttpException::new(404, "Item not found"));
        }
        ::core::result::Result::Ok(::std::string::ToString::to_string(&id))
    }

    pub fn uses() -> u8 {
        __req + value + error
    }
}

#[actix_web::test]
async fn routes_compile_whatever_names_the_module_defines() {
    use actix_web::{App, test};
    assert_eq!(shadowed_routes::uses(), 3);
    let app = test::init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(shadowed_routes::item),
    )
    .await;
    let res = test::call_service(&app, test::TestRequest::get().uri("/items/7").to_request()).await;
    assert_eq!(test::read_body(res).await, "7");
    let res = test::call_service(&app, test::TestRequest::get().uri("/items/0").to_request()).await;
    assert_eq!(res.status(), 404);
}
