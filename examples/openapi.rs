//! The error contract in OpenAPI (feature `openapi`): the document comes from
//! the same route signatures and `#[api_error]` declarations that answer, so
//! it cannot drift from what the server sends.
//!
//! ```sh
//! cargo run --example openapi --features openapi
//! curl -s http://127.0.0.1:8000/openapi.json        # the document
//! open http://127.0.0.1:8000/docs/                   # Swagger UI, served from the binary
//! curl -i http://127.0.0.1:8000/items/2              # 404, x-archived-at
//! curl -i -X POST http://127.0.0.1:8000/items -H 'x-token: secret' \
//!      -H 'content-type: application/json' -d '{"name": "towel", "price": 3}'   # 409, Safir's body
//! ```

use std::sync::Mutex;

use actix_api_error::{
    ExceptionHandlers, api_error, delete,
    extract::{Header, Json, Path, Query},
    get,
    openapi::ErrorResponses,
    post,
};
use actix_web::{App, HttpServer, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use utoipa_swagger_ui::{Config, SwaggerUi};

/// An item of the store.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
struct Item {
    id: u32,
    name: String,
    price: f64,
    tags: Vec<String>,
    archived_at: Option<String>,
}

/// A new item.
#[derive(Deserialize, ToSchema)]
struct NewItem {
    name: String,
    price: f64,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
struct Paging {
    /// How many items to list, at most.
    limit: Option<usize>,
}

#[derive(Deserialize, ToSchema)]
struct Token {
    /// The store's token.
    x_token: String,
}

/// What a price above the store's limit is told.
#[derive(Debug, Serialize, ToSchema)]
struct PriceLimit {
    max: f64,
    asked: f64,
}

#[api_error]
#[derive(Debug)]
enum ItemError {
    /// No item has this id.
    #[api_error(status = 404, detail = "Item not found")]
    NotFound,
    /// The item was archived; `x-archived-at` says when.
    #[api_error(
        status = 404,
        detail = "Item {id} is archived",
        headers(("X-Archived-At", "{at}"))
    )]
    Archived { id: u32, at: String },
}

/// Each route's error type is what it documents: `create_item` cannot answer
/// 404, so its errors are a type of their own.
#[api_error]
#[derive(Debug)]
enum CreateError {
    /// Another item has this name.
    #[api_error(
        status = 409,
        code = "duplicate_name",
        loc(body, "name"),
        detail = "An item with this name exists"
    )]
    Duplicate,
    /// The price is above the store's limit.
    #[api_error(status = 400)]
    TooExpensive(#[api_error(detail)] PriceLimit),
    /// The `x-token` header is not the store's.
    #[api_error(status = 401, detail = "Invalid token", headers(("WWW-Authenticate", "Token")))]
    BadToken,
}

const MAX_PRICE: f64 = 1000.0;

struct Store(Mutex<Vec<Item>>);

/// List the items
///
/// The store's items, in the order they were added.
#[get("/items")]
async fn list_items(store: web::Data<Store>, paging: Query<Paging>) -> Json<Vec<Item>> {
    let items = store.0.lock().unwrap();
    let limit = paging.limit.unwrap_or(items.len());
    Json(items.iter().take(limit).cloned().collect())
}

/// Read one item
#[get("/items/{item_id}")]
async fn read_item(
    store: web::Data<Store>,
    Path(item_id): Path<u32>,
) -> Result<Json<Item>, ItemError> {
    let items = store.0.lock().unwrap();
    let item = items.iter().find(|item| item.id == item_id);
    match item {
        None => Err(ItemError::NotFound),
        Some(Item { archived_at: Some(at), .. }) => {
            Err(ItemError::Archived { id: item_id, at: at.clone() })
        }
        Some(item) => Ok(Json(item.clone())),
    }
}

/// Add an item
#[post("/items")]
async fn create_item(
    store: web::Data<Store>,
    token: Header<Token>,
    Json(new): Json<NewItem>,
) -> Result<Json<Item>, CreateError> {
    if token.x_token != "secret" {
        return Err(CreateError::BadToken);
    }
    if new.price > MAX_PRICE {
        return Err(CreateError::TooExpensive(PriceLimit { max: MAX_PRICE, asked: new.price }));
    }
    let mut items = store.0.lock().unwrap();
    if items.iter().any(|item| item.name == new.name) {
        return Err(CreateError::Duplicate);
    }
    let item = Item {
        id: items.iter().map(|item| item.id).max().unwrap_or(0) + 1,
        name: new.name,
        price: new.price,
        tags: new.tags,
        archived_at: None,
    };
    items.push(item.clone());
    Ok(Json(item))
}

/// Remove an item
///
/// Answers the item removed.
#[delete("/items/{item_id}")]
async fn delete_item(
    store: web::Data<Store>,
    Path(item_id): Path<u32>,
) -> Result<Json<Item>, ItemError> {
    let mut items = store.0.lock().unwrap();
    let index = items.iter().position(|item| item.id == item_id);
    index.map(|index| Json(items.remove(index))).ok_or(ItemError::NotFound)
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Items", version = "1.0.0", description = "A store of items"),
    paths(list_items, read_item, create_item, delete_item),
    modifiers(&ErrorResponses)
)]
struct ApiDoc;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT is a number"));
    let store = web::Data::new(Store(Mutex::new(vec![
        Item {
            id: 1,
            name: "towel".into(),
            price: 3.5,
            tags: vec!["bath".into()],
            archived_at: None,
        },
        Item {
            id: 2,
            name: "lamp".into(),
            price: 40.0,
            tags: vec![],
            archived_at: Some("2026-01-01T00:00:00Z".into()),
        },
    ])));
    let document = ApiDoc::openapi();
    let server = HttpServer::new(move || {
        App::new()
            .wrap(ExceptionHandlers::new())
            .app_data(store.clone())
            .service(list_items)
            .service(read_item)
            .service(create_item)
            .service(delete_item)
            .service(web::redirect("/docs", "/docs/"))
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .url("/openapi.json", document.clone())
                    .config(Config::default().deep_linking(true)),
            )
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
