use actix_api_error::api_error;

struct Info {
    id: u32,
}

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    Missing(#[api_error(detail)] Info),
}

impl std::fmt::Debug for Info {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.id)
    }
}

fn main() {}
