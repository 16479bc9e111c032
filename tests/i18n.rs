//! Feature `i18n`: `Accept-Language` picks the language of validation
//! messages and of translated details; every shipped language translates
//! every message.

use crate::support;

use actix_api_error::{
    ExceptionHandlers, api_error,
    extract::{Json, Query},
    get,
    i18n::{BUILTIN, ENGLISH, Languages},
    post,
};
use actix_web::{App, HttpResponse, test::TestRequest, test::init_service};
use serde::Deserialize;
use support::send;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    price: f64,
}

#[post("/items")]
async fn create(_item: Json<Item>) -> HttpResponse {
    HttpResponse::Created().finish()
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Page {
    limit: u8,
}

#[get("/page")]
async fn page(_page: Query<Page>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[api_error(status = 404)]
#[derive(Debug)]
enum ItemError {
    #[api_error(detail = "Item not found")]
    NotFound,
    #[api_error(status = 410, detail = "Item gone")]
    Gone,
    #[api_error(status = 409, detail = "Item {0} exists")]
    Exists(String),
    #[api_error(
        status = 429,
        detail = "Wait {seconds} seconds for item {id:?}",
        structured
    )]
    Busy { id: u32, seconds: u64 },
}

#[get("/items/{id}")]
async fn item(id: actix_api_error::extract::Path<u32>) -> Result<HttpResponse, ItemError> {
    Err(match *id {
        1 => ItemError::Gone,
        2 => ItemError::Exists("Föö".into()),
        3 => ItemError::Busy { id: 3, seconds: 1 },
        4 => ItemError::Busy { id: 4, seconds: 30 },
        _ => ItemError::NotFound,
    })
}

fn handlers() -> ExceptionHandlers {
    ExceptionHandlers::new().languages(Languages::builtin().add("de", GERMAN))
}

/// The details of `ItemError`, in German: a field is a variable (a
/// positional one `field0`); integers choose plural forms.
const GERMAN: &str = "
not_found = Artikel nicht gefunden
exists = Artikel { $field0 } existiert schon
busy = Artikel { $id } ist belegt; warten Sie { $seconds ->
    [one] eine Sekunde
   *[other] { $seconds } Sekunden
  }
";

async fn post_item(language: Option<&str>, body: &str) -> (u16, Option<String>, String) {
    let app = init_service(App::new().wrap(handlers()).service(create)).await;
    let mut req = TestRequest::post()
        .uri("/items")
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned());
    if let Some(language) = language {
        req = req.insert_header(("accept-language", language));
    }
    let res = send(&app, req).await;
    let content_language = res.header("content-language").map(str::to_owned);
    (res.status, content_language, res.body)
}

#[actix_web::test]
async fn accept_language_picks_the_language() {
    let body = r#"{"price":"x"}"#;
    let german = r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Feld erforderlich","input":{"price":"x"}},{"type":"float_parsing","loc":["body","price"],"msg":"Die Eingabe muss eine gültige Zahl sein; die Zeichenkette lässt sich nicht als Zahl lesen","input":"x"}]}"#;
    let french = r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Champ obligatoire","input":{"price":"x"}},{"type":"float_parsing","loc":["body","price"],"msg":"L'entrée doit être un nombre valide ; la chaîne ne peut pas être lue comme un nombre","input":"x"}]}"#;
    let english = r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":"x"}},{"type":"float_parsing","loc":["body","price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}]}"#;
    for (header, language, expected) in [
        (Some("de"), "de", german),
        (Some("de-CH"), "de", german), // region falls back to the language
        (Some("fr-CA, de;q=0.9"), "fr", french),
        (Some("it, de;q=0.5, fr;q=0.8"), "fr", french), // by quality
        (Some("de;q=0, fr;q=0.1"), "fr", french),       // q=0: not acceptable
        (Some("*"), "en", english),
        (Some("it, *;q=0.5, de;q=0.4"), "en", english), // the wildcard first
        (Some("en-GB, de"), "en", english),
        (Some("ja"), "en", english),
        (None, "en", english),
        (Some("x y;q=x, ;;, de;q=2"), "en", english),
    ] {
        assert_eq!(
            post_item(header, body).await,
            (422, Some(language.to_owned()), expected.to_owned()),
            "{header:?}"
        );
    }
}

#[actix_web::test]
async fn messages_keep_their_ctx_values() {
    let app = init_service(App::new().wrap(handlers()).service(page)).await;
    let req = TestRequest::get()
        .uri("/page?limit=300")
        .insert_header(("accept-language", "fr"));
    let res = send(&app, req).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"L'entrée doit être inférieure ou égale à 255","input":"300","ctx":{"le":255}}]}"#
    );
}

#[actix_web::test]
async fn codes_with_a_translation_are_translated() {
    let app = init_service(App::new().wrap(handlers()).service(item)).await;
    let get = |path: &'static str| {
        TestRequest::get()
            .uri(path)
            .insert_header(("accept-language", "de-DE"))
    };
    let res = send(&app, get("/items/9")).await;
    assert_eq!(
        (
            res.status,
            res.header("content-language"),
            res.body.as_str()
        ),
        (404, Some("de"), r#"{"detail":"Artikel nicht gefunden"}"#)
    );
    // No translation: English.
    let res = send(&app, get("/items/1")).await;
    assert_eq!(res.body, r#"{"detail":"Item gone"}"#);
    // Fields are the translation's variables.
    let res = send(&app, get("/items/2")).await;
    assert_eq!(res.body, r#"{"detail":"Artikel Föö existiert schon"}"#);
    let res = send(&app, get("/items/3")).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"msg":"Artikel 3 ist belegt; warten Sie eine Sekunde","type":"busy"}]}"#
    );
    let res = send(&app, get("/items/4")).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"msg":"Artikel 4 ist belegt; warten Sie 30 Sekunden","type":"busy"}]}"#
    );
    // In English, as written.
    let res = send(&app, TestRequest::get().uri("/items/4")).await;
    assert_eq!(
        res.body,
        r#"{"detail":[{"msg":"Wait 30 seconds for item 4","type":"busy"}]}"#
    );
}

#[actix_web::test]
async fn without_languages_the_bytes_are_fastapis() {
    let app = init_service(App::new().wrap(ExceptionHandlers::new()).service(create)).await;
    let req = TestRequest::post()
        .uri("/items")
        .insert_header(("content-type", "application/json"))
        .insert_header(("accept-language", "de"))
        .set_payload(r#"{"name":"x"}"#);
    let res = send(&app, req).await;
    assert_eq!(res.header("content-language"), None);
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"x"}}]}"#
    );
}

/// The ids of an `.ftl` file's messages and attributes (`id`, `id.plain`).
fn ids(ftl: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut current = String::new();
    for line in ftl.lines() {
        if let Some((id, _)) = line.split_once(" =")
            && !line.starts_with([' ', '#'])
        {
            current = id.to_owned();
            ids.push(current.clone());
        } else if let Some(rest) = line.trim_start().strip_prefix('.')
            && let Some((attribute, _)) = rest.split_once(" =")
        {
            ids.push(format!("{current}.{attribute}"));
        }
    }
    ids
}

#[test]
fn every_language_translates_every_message() {
    let english = ids(ENGLISH);
    assert!(english.len() >= 40, "{english:?}");
    for (tag, ftl) in BUILTIN {
        assert_eq!(
            ids(ftl),
            english,
            "{tag}: the same messages as en.ftl, in its order"
        );
    }
    let languages = Languages::builtin();
    for id in english.iter().filter(|id| !id.contains('.')) {
        for (tag, _) in BUILTIN {
            assert!(languages.__has_message(tag, id), "{tag} lacks {id}");
        }
    }
}
