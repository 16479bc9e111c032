//! Several body parameters (`Body<T>`, FastAPI's `item: Item, user: User,
//! importance: int = Body()` and `Body(embed=True)`), a single value as the
//! body, optional bodies, and FastAPI's `strict_content_type` switch. Every
//! expected body is FastAPI 0.165's (`conformance/vocabulary.py`).

use actix_api_error::{
    ExceptionHandlers,
    extract::{Body, Json, Path, Query, StrictContentType},
    post, put, testing,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service, web};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Deserialize, Serialize)]
struct Item {
    name: String,
    price: f64,
}

#[derive(Deserialize, Serialize)]
struct User {
    username: String,
}

#[derive(Deserialize)]
struct Update {
    item: Item,
    user: User,
    importance: i64,
}

#[put("/items/{item_id}")]
async fn update(Path(item_id): Path<i64>, Body(body): Body<Update>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "item_id": item_id, "item": body.item, "user": body.user, "importance": body.importance,
    }))
}

#[derive(Deserialize)]
struct ItemAndUser {
    item: Item,
    user: Option<User>,
}

#[put("/optional")]
async fn optional_user(
    Body(body): Body<ItemAndUser>,
    Query(q): Query<serde_json::Value>,
) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": body.item, "user": body.user, "q": q }))
}

#[put("/single")]
async fn single(Json(importance): Json<i64>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "importance": importance }))
}

#[put("/maybe")]
async fn maybe(item: Option<Json<Item>>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "item": item.map(Json::into_inner) }))
}

fn put_json(path: &str, body: &str) -> TestRequest {
    TestRequest::put()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned())
}

fn missing(names: &[&str]) -> String {
    let errors: Vec<String> = names
        .iter()
        .map(|name| {
            format!(
                r#"{{"type":"missing","loc":["body","{name}"],"msg":"Field required","input":null}}"#
            )
        })
        .collect();
    format!(r#"{{"detail":[{}]}}"#, errors.join(","))
}

#[actix_web::test]
async fn each_body_parameter_is_a_key_of_the_body() {
    let app =
        App::new()
            .wrap(ExceptionHandlers::new())
            .service((update, optional_user, single, maybe));
    let app = init_service(app).await;
    let all = missing(&["item", "user", "importance"]);

    testing::call(
        &app,
        put_json("/items/1", r#"{"item": {"name": "towel", "price": 9.5}, "user": {"username": "ann"}, "importance": "5"}"#),
    )
    .await
    .assert_status(200)
    .assert_body(r#"{"item_id":1,"item":{"name":"towel","price":9.5},"user":{"username":"ann"},"importance":5}"#);
    // No body, `{}`, or anything that is not an object: each parameter missing, `input: null`.
    for body in ["", "{}", "[]", "null", "\"x\"", "1"] {
        testing::call(&app, put_json("/items/1", body))
            .await
            .assert_status(422)
            .assert_body(&all);
    }
    // A present key's errors are under it; a missing key echoes null.
    testing::call(
        &app,
        put_json("/items/1", r#"{"item": {"price": "x"}, "user": 1}"#),
    )
    .await
    .assert_body(r#"{"detail":[{"type":"missing","loc":["body","item","name"],"msg":"Field required","input":{"price":"x"}},{"type":"float_parsing","loc":["body","item","price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"},{"type":"model_attributes_type","loc":["body","user"],"msg":"Input should be a valid dictionary or object to extract fields from","input":1},{"type":"missing","loc":["body","importance"],"msg":"Field required","input":null}]}"#);
    // Merged with the path's errors; a body that is not JSON by its content
    // type has no parameter in it.
    testing::call(&app, put_json("/items/x", ""))
        .await
        .assert_body(&format!(
            r#"{{"detail":[{{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}},{}"#,
            &all[11..]
        ));
    let text = TestRequest::put()
        .uri("/items/1")
        .insert_header(("content-type", "text/plain"))
        .set_payload(r#"{"item": {}, "user": {}, "importance": 1}"#);
    testing::call(&app, text).await.assert_body(&all);

    // An optional parameter is `None` when its key is absent or null; in a
    // body that is no object, it is missing too (FastAPI's rule).
    testing::call(
        &app,
        put_json("/optional?q=x", r#"{"item": {"name": "a", "price": 1}}"#),
    )
    .await
    .assert_body(r#"{"item":{"name":"a","price":1.0},"user":null,"q":{"q":"x"}}"#);
    testing::call(&app, put_json("/optional", ""))
        .await
        .assert_body(&missing(&["item"]));
    testing::call(&app, put_json("/optional", "[]"))
        .await
        .assert_body(&missing(&["item", "user"]));

    // A single value that is the whole body.
    testing::call(&app, put_json("/single", r#""5""#))
        .await
        .assert_body(r#"{"importance":5}"#);
    testing::call(&app, put_json("/single", r#"{"importance": 5}"#))
        .await
        .assert_body(r#"{"detail":[{"type":"int_type","loc":["body"],"msg":"Input should be a valid integer","input":{"importance":5}}]}"#);

    // An optional body: `None` when empty or null; anything else is checked.
    testing::call(&app, put_json("/maybe", ""))
        .await
        .assert_body(r#"{"item":null}"#);
    testing::call(&app, put_json("/maybe", "null"))
        .await
        .assert_body(r#"{"item":null}"#);
    testing::call(&app, put_json("/maybe", "{}"))
        .await
        .assert_status(422)
        .assert_body(r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}},{"type":"missing","loc":["body","price"],"msg":"Field required","input":{}}]}"#);
    // serde_json would read a struct from a list; pydantic (and we) do not.
    testing::call(&app, put_json("/maybe", r#"["towel", 9.5]"#))
        .await
        .assert_body(r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":["towel",9.5]}]}"#);
}

async fn create(Json(item): Json<Item>) -> HttpResponse {
    HttpResponse::Ok().json(item)
}

#[actix_web::test]
async fn strict_content_type_off_reads_a_body_without_one_as_json() {
    let app = App::new()
        .wrap(ExceptionHandlers::new())
        .route("/strict", web::post().to(create))
        .service(
            web::scope("/lax")
                .app_data(StrictContentType(false))
                .route("", web::post().to(create)),
        );
    let app = init_service(app).await;
    let untyped = |path: &str| {
        TestRequest::post()
            .uri(path)
            .set_payload(r#"{"name": "towel", "price": 9.5}"#)
    };
    testing::call(&app, untyped("/strict"))
        .await
        .assert_status(422)
        .assert_body(r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\": \"towel\", \"price\": 9.5}"}]}"#);
    testing::call(&app, untyped("/lax"))
        .await
        .assert_status(200)
        .assert_body(r#"{"name":"towel","price":9.5}"#);
    // Another content type is still not JSON.
    let text = untyped("/lax").insert_header(("content-type", "text/plain"));
    testing::call(&app, text).await.assert_status(422);
}

#[post("/actix")]
async fn actix_json(item: web::Json<Item>) -> HttpResponse {
    HttpResponse::Ok().json(&item.0)
}

#[actix_web::test]
async fn actix_json_without_a_body_is_missing() {
    let app = init_service(
        App::new()
            .wrap(ExceptionHandlers::new())
            .service(actix_json),
    )
    .await;
    testing::call(&app, TestRequest::post().uri("/actix"))
        .await
        .assert_status(422)
        .assert_body(
            r#"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#,
        );
}
