//! Safir's structured model: serde both ways, as an `HttpException` detail.

use crate::support;

use actix_api_error::{
    ErrorDetail, ErrorLocation, ErrorModel, HttpException, LocItem, ValidationError,
};
use actix_web::{App, HttpResponse, test::init_service, web};
use serde_json::json;
use support::get;

#[test]
fn error_detail_serializes_in_safir_order_and_omits_a_missing_loc() {
    let detail =
        ErrorDetail::new("Unknown user", "unknown_user").loc(ErrorLocation::Path, ["user"]);
    assert_eq!(
        serde_json::to_string(&detail).unwrap(),
        r#"{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user"}"#
    );
    let no_loc = ErrorDetail::new("Permission denied", "permission_denied");
    assert_eq!(
        serde_json::to_string(&no_loc).unwrap(),
        r#"{"msg":"Permission denied","type":"permission_denied"}"#
    );
}

#[test]
fn loc_items_are_strings_or_integers_and_round_trip() {
    let detail = ErrorDetail::new("Invalid address", "invalid_address").loc(
        ErrorLocation::Body,
        [
            LocItem::from("users"),
            LocItem::from(0),
            LocItem::from("address"),
        ],
    );
    let text = serde_json::to_string(&ErrorModel {
        detail: vec![detail.clone()],
    })
    .unwrap();
    assert_eq!(
        text,
        r#"{"detail":[{"loc":["body","users",0,"address"],"msg":"Invalid address","type":"invalid_address"}]}"#
    );
    let back: ErrorModel = serde_json::from_str(&text).unwrap();
    assert_eq!(back.detail, [detail]);

    // What FastAPI itself sends parses too, loc or not.
    let parsed: ErrorModel = serde_json::from_str(
        r#"{"detail":[{"msg":"Permission denied","type":"permission_denied"},{"loc":["query","cursor"],"msg":"Bad","type":"invalid_cursor"}]}"#,
    )
    .unwrap();
    assert_eq!(parsed.detail[0].loc, None);
    assert_eq!(
        parsed.detail[1].loc.as_deref(),
        Some(&["query".into(), "cursor".into()][..])
    );
}

#[test]
fn every_location_has_its_fastapi_name() {
    let names: Vec<_> = [
        ErrorLocation::Body,
        ErrorLocation::Header,
        ErrorLocation::Path,
        ErrorLocation::Query,
        ErrorLocation::Cookie,
    ]
    .iter()
    .map(|l| serde_json::to_string(l).unwrap())
    .collect();
    assert_eq!(
        names,
        [
            r#""body""#,
            r#""header""#,
            r#""path""#,
            r#""query""#,
            r#""cookie""#
        ]
    );
    assert_eq!(
        serde_json::from_str::<ErrorLocation>(r#""cookie""#).unwrap(),
        ErrorLocation::Cookie
    );
    assert!(serde_json::from_str::<ErrorLocation>(r#""post""#).is_err());
}

#[test]
fn validation_errors_use_fastapi_key_order() {
    let error = ValidationError {
        r#type: "string_too_short".into(),
        loc: vec![ErrorLocation::Body.into(), "tags".into(), 1.into()],
        msg: "String should have at least 3 characters".into(),
        input: json!("ab"),
        ctx: Some(json!({"min_length": 3})),
    };
    let text = serde_json::to_string(&error).unwrap();
    assert_eq!(
        text,
        r#"{"type":"string_too_short","loc":["body","tags",1],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}"#
    );
    assert_eq!(
        serde_json::from_str::<ValidationError>(&text).unwrap(),
        error
    );
}

#[actix_web::test]
async fn a_list_of_error_details_is_an_http_exception_detail() {
    let app = init_service(App::new().route(
        "/users/{user}",
        web::get().to(|| async {
            Err::<HttpResponse, _>(HttpException::new(
                404,
                vec![
                    ErrorDetail::new("Unknown user", "unknown_user")
                        .loc(ErrorLocation::Path, ["user"]),
                ],
            ))
        }),
    ))
    .await;
    let res = get(&app, "/users/nobody").await;
    assert_eq!(res.status, 404);
    assert_eq!(
        res.body,
        r#"{"detail":[{"loc":["path","user"],"msg":"Unknown user","type":"unknown_user"}]}"#
    );
    let model: ErrorModel = serde_json::from_str(&res.body).unwrap();
    assert_eq!(model.detail[0].r#type, "unknown_user");
}
