use actix_api_error::{ExceptionHandlers, api_error, extract::Path, get};

#[api_error(status = 404)] // the status of variants that give none
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item {0} exists", headers(("X-Error", "duplicate")))]
    Exists(u32),
    #[api_error(status = 500)] // no detail written: the log gets it all, the client none
    Storage(#[source] std::io::Error),
}

#[get("/items/{id}")]
async fn read_item(Path(id): Path<u32>) -> Result<&'static str, ItemError> {
    match id {
        1 => Ok("The Foo Wrestlers"),
        2 => Err(ItemError::Exists(id)),
        3 => Err(ItemError::Storage(std::io::Error::other("disk /dev/sdb1 is full"))),
        _ => Err(ItemError::NotFound),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init(); // logs the address, and each 500's cause
    let port = std::env::var("PORT").unwrap_or("8000".into());
    let app = || actix_web::App::new().wrap(ExceptionHandlers::new()).service(read_item);
    actix_web::HttpServer::new(app).bind(format!("127.0.0.1:{port}"))?.run().await
}
