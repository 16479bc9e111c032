use actix_api_error::api_error;

#[api_error(status = 500)]
#[derive(Debug)]
enum StorageError {
    Copy(#[source] std::io::Error, #[source] std::io::Error),
}

fn main() {}
