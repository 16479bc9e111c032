//! The quickstart as a user's `src/main.rs` holds it, with the tests
//! `runtime/docs/testing.md` shows (everything from `#[cfg(test)]` on).

#![allow(dead_code)] // `main` runs the server

include!("../examples/quickstart.rs");

#[cfg(test)]
mod tests {
    use actix_api_error::testing;
    use actix_web::{App, test::init_service};

    use super::*;

    #[actix_web::test]
    async fn every_error_is_the_documented_json() {
        let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(read_item)).await;

        testing::get(&app, "/items/1")
            .await
            .assert_status(200)
            .assert_body("The Foo Wrestlers");
        testing::get(&app, "/items/4")
            .await
            .assert_status(404)
            .assert_json(serde_json::json!({"detail": "Item not found"}));
        let taken = testing::get(&app, "/items/2").await;
        taken
            .assert_status(409)
            .assert_header("x-error", "duplicate");
        assert!(matches!(
            taken.assert_error::<ItemError>(),
            ItemError::Exists(2)
        ));
        testing::get(&app, "/items/x")
            .await
            .assert_validation_error(["path", "id"], "int_parsing");

        let logs = testing::Logs::capture();
        let storage = testing::get(&app, "/items/3").await;
        let id = storage.assert_server_error(); // the client gets nothing of the cause...
        assert!(logs.line_with(id).contains("disk /dev/sdb1 is full")); // ...the log all of it
    }
}
