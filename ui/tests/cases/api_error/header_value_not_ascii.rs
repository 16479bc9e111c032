use actix_api_error::api_error;

#[api_error(status = 404, headers(("my-header", "this is my header error info 中文信息")))]
#[derive(Debug)]
struct NotFound;

fn main() {}
