use actix_api_error::api_error;
use actix_web::{get, HttpResponse};

struct Opaque;

#[api_error(status = 400, detail = "Bad {0}")]
#[derive(Debug)]
struct Invalid<T>(T);

#[get("/")]
async fn index() -> Result<HttpResponse, Invalid<Opaque>> {
    Err(Invalid(Opaque))
}

fn main() {}
