use actix_api_error::{post, extract::Json};
use actix_web::{App, HttpResponse};

#[post("/items")]
fn create(_item: Json<u32>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post("/items", method = "GET")]
async fn twice() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_api_error::route("/items")]
async fn no_method() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _ = App::new().service(create).service(twice).service(no_method);
}
