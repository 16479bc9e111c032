use actix_api_error::testing;
use actix_web::test::init_service;

use super::*;

#[actix_web::test]
async fn every_error_is_the_documented_json() {
    let app = App::new()
        .wrap(ExceptionHandlers::new().handler(unicorn_handler))
        .service((read_item, read_user, read_unicorn, teapot, bug));
    let app = init_service(app).await;

    testing::get(&app, "/items/bar")
        .await
        .assert_status(404)
        .assert_json(json!({"detail": "Item not found"}));
    let taken = testing::get(&app, "/items/taken").await;
    taken
        .assert_status(409)
        .assert_header("x-error", "duplicate");
    assert!(matches!(taken.assert_error::<ItemError>(), ItemError::Exists(id) if id == "taken"));
    testing::get(&app, "/unicorns/yolo")
        .await
        .assert_status(418);
    testing::get(&app, "/bug").await.assert_server_error(); // the cause is logged, not sent
}
