//! Messages in the client's language (feature `i18n`): [`Languages`] holds
//! a Fluent bundle per language; `Accept-Language` picks one per request.
//! English is the messages as the library writes them, and the fallback.

mod accept;

use std::borrow::Cow;

use actix_web::http::header::HeaderValue;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use serde_json::Value;
use unic_langid::LanguageIdentifier;

pub(crate) use self::accept::preferences;

type Bundle = FluentBundle<FluentResource>;

/// The languages an app answers in, each a Fluent bundle: the validation
/// messages (one per pydantic `type`, its `ctx` as variables) and the
/// details of your own error codes. English, the messages as written in
/// Rust, is always there and is the fallback.
///
/// ```
/// use actix_api_error::{ExceptionHandlers, i18n::Languages};
///
/// let languages = Languages::builtin() // English, German, French
///     .add("de", "not_found = Artikel nicht gefunden") // a code of yours
///     .add("it", "missing = Campo obbligatorio");     // a language of yours
/// let handlers = ExceptionHandlers::new().languages(languages);
/// ```
pub struct Languages {
    /// English first, with no bundle: its messages are the library's own.
    languages: Vec<Language>,
}

struct Language {
    id: LanguageIdentifier,
    header: HeaderValue,
    bundle: Option<Bundle>,
}

impl std::fmt::Debug for Languages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tags: Vec<String> = self.languages.iter().map(|l| l.id.to_string()).collect();
        f.debug_struct("Languages")
            .field("languages", &tags)
            .finish()
    }
}

/// The translations shipped with the library.
pub const BUILTIN: [(&str, &str); 2] = [
    ("de", include_str!("../../locales/de.ftl")),
    ("fr", include_str!("../../locales/fr.ftl")),
];

/// The English messages, as a template for a new language: every id a
/// translation needs.
pub const ENGLISH: &str = include_str!("../../locales/en.ftl");

impl Languages {
    /// English only: add languages with [`add`](Self::add).
    pub fn english() -> Self {
        Self {
            languages: vec![Language {
                id: unic_langid::langid!("en"),
                header: HeaderValue::from_static("en"),
                bundle: None,
            }],
        }
    }

    /// English, German and French: every validation message translated.
    pub fn builtin() -> Self {
        BUILTIN
            .into_iter()
            .fold(Self::english(), |languages, (tag, ftl)| {
                languages.add(tag, ftl)
            })
    }

    /// Adds the messages of `ftl` (Fluent's format) to the language `tag`
    /// (`"de"`, `"pt-BR"`): a new language, or more messages (and
    /// replacements) for one already there. A message a language lacks is
    /// sent in English.
    ///
    /// # Panics
    ///
    /// If `tag` is not a language tag, or `ftl` is not valid Fluent (the
    /// message says where); or `tag` is English, whose messages are the
    /// library's own.
    #[must_use]
    #[track_caller]
    pub fn add(mut self, tag: &str, ftl: &str) -> Self {
        let id: LanguageIdentifier = tag
            .parse()
            .unwrap_or_else(|err| panic!("{tag:?} is not a language tag: {err}"));
        assert!(
            id.language.as_str() != "en" || id.region.is_some(),
            "English is the messages as written in Rust: translate `detail = \"...\"` there",
        );
        let resource = FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(_, errors)| {
            panic!("the Fluent messages for {tag:?} do not parse: {errors:?}")
        });
        let index = if let Some(index) = self.languages.iter().position(|known| known.id == id) {
            index
        } else {
            {
                let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
                // No Unicode isolation marks around values: JSON clients
                // compare text.
                bundle.set_use_isolating(false);
                self.languages.push(Language {
                    header: HeaderValue::from_str(&id.to_string())
                        .expect("a language tag is a header value"),
                    id,
                    bundle: Some(bundle),
                });
                self.languages.len() - 1
            }
        };
        if let Some(bundle) = &mut self.languages[index].bundle {
            bundle.add_resource_overriding(resource);
        }
        self
    }

    /// The language to answer in, by `Accept-Language`: its index, `0`
    /// (English) when nothing asked for is here.
    pub(crate) fn choose(&self, accept_language: Option<&HeaderValue>) -> usize {
        let Some(header) = accept_language.and_then(|value| value.to_str().ok()) else {
            return 0;
        };
        for wanted in preferences(header) {
            if wanted == "*" {
                return 0;
            }
            let Ok(wanted) = wanted.parse::<LanguageIdentifier>() else {
                continue;
            };
            // The tag itself, then less of it: `de-CH` is served `de`.
            let exact = self.languages.iter().position(|known| known.id == wanted);
            let language = || {
                self.languages.iter().position(|known| {
                    known.id.language == wanted.language && known.id.region.is_none()
                })
            };
            if let Some(index) = exact.or_else(language) {
                return index;
            }
        }
        0
    }

    /// `Content-Language` for the language at `index`.
    pub(crate) fn content_language(&self, index: usize) -> HeaderValue {
        self.languages
            .get(index)
            .map_or(HeaderValue::from_static("en"), |language| {
                language.header.clone()
            })
    }

    /// A validation error's message in the language at `index`, from its
    /// `type`, its English `msg` and its `ctx`; `None` to keep English.
    pub(crate) fn validation(
        &self,
        index: usize,
        r#type: &str,
        msg: &str,
        ctx: Option<&Value>,
    ) -> Option<String> {
        let bundle = self.languages.get(index)?.bundle.as_ref()?;
        let message = bundle.get_message(r#type)?;
        let mut args = FluentArgs::new();
        if let Some(Value::Object(ctx)) = ctx {
            for (key, value) in ctx {
                args.set(key.as_str(), fluent_value(value));
            }
        }
        match r#type {
            // pydantic's `ctx.error` is `{}`: the reason is in the message.
            "value_error" => {
                let reason = msg.strip_prefix("Value error, ").unwrap_or(msg);
                args.set("error", reason.to_owned());
            }
            "enum" => {
                if let Some(Value::String(expected)) = ctx.and_then(|ctx| ctx.get("expected")) {
                    args.set("expected", or_list(bundle, expected));
                }
            }
            _ => {}
        }
        let pattern = if ctx.is_none() {
            message
                .get_attribute("plain")
                .map(|attribute| attribute.value())
                .or_else(|| message.value())?
        } else {
            message.value()?
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                r#type,
                ?errors,
                "a translated validation message is missing values; sending English"
            );
            return None;
        }
        Some(text.into_owned())
    }

    /// The detail of the error `code` in the language at `index`, if it
    /// has one there: `values` are the fields of an `#[api_error]` detail's
    /// template, by the names in `names`.
    pub(crate) fn detail(
        &self,
        index: usize,
        code: &str,
        names: &[&str],
        values: &[std::fmt::Arguments<'_>],
    ) -> Option<String> {
        let bundle = self.languages.get(index)?.bundle.as_ref()?;
        let id: Cow<'_, str> = if code.contains('.') {
            Cow::Owned(code.replace('.', "-"))
        } else {
            Cow::Borrowed(code)
        };
        let pattern = bundle.get_message(&id)?.value()?;
        let mut args = FluentArgs::with_capacity(names.len());
        for (name, value) in names.iter().zip(values) {
            let text = value.to_string();
            // Integers are numbers, for plural rules; the rest as formatted.
            #[allow(clippy::cast_precision_loss, reason = "plural rules need no more")]
            let value = match text.parse::<i64>() {
                Ok(number) if number.unsigned_abs() < 1 << f64::MANTISSA_DIGITS => {
                    FluentValue::from(number as f64)
                }
                _ => FluentValue::from(text),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            // Without values (an `HttpException`'s detail), a message that
            // needs some is not this detail's: no need to say so.
            if !names.is_empty() {
                tracing::warn!(
                    code,
                    ?errors,
                    "a translated detail is missing values; sending it as written"
                );
            }
            return None;
        }
        Some(text.into_owned())
    }

    /// The message ids of the language `tag`, for tests of completeness.
    #[doc(hidden)]
    pub fn __has_message(&self, tag: &str, id: &str) -> bool {
        self.languages.iter().any(|language| {
            tag.parse::<LanguageIdentifier>()
                .is_ok_and(|tag| language.id == tag)
                && language
                    .bundle
                    .as_ref()
                    .is_some_and(|bundle| bundle.has_message(id))
        })
    }
}

/// A `ctx` value as Fluent's: integers are numbers (plural rules choose by
/// them), the rest text as pydantic writes it.
fn fluent_value(value: &Value) -> FluentValue<'static> {
    match value {
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            FluentValue::from(number.as_f64().unwrap_or_default())
        }
        Value::Number(number) => {
            // `0.5`, and `0.0` as `0`, as the English message writes bounds.
            let float = number.as_f64().unwrap_or_default();
            FluentValue::from(float.to_string())
        }
        Value::String(text) => FluentValue::from(text.clone()),
        other => FluentValue::from(other.to_string()),
    }
}

/// pydantic's `'a', 'b' or 'c'`, with the language's word for "or".
fn or_list(bundle: &Bundle, expected: &str) -> String {
    let Some(or) = bundle
        .get_message("list-or")
        .and_then(|message| message.value())
        .map(|pattern| {
            bundle
                .format_pattern(pattern, None, &mut Vec::new())
                .into_owned()
        })
    else {
        return expected.to_owned();
    };
    match expected.rsplit_once("' or '") {
        Some((head, last)) => format!("{head}' {or} '{last}"),
        None => expected.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{BUILTIN, ENGLISH, Languages};
    use crate::validation::pydantic::samples;

    /// en.ftl, read as a translation, says exactly what the library says:
    /// it is a faithful template. Every shipped language formats every
    /// message the library can send, with its `ctx`, without a missing value.
    #[test]
    fn every_message_the_library_sends_is_translated() {
        let languages = Languages::english().add("en-US", ENGLISH);
        let languages = BUILTIN
            .into_iter()
            .fold(languages, |languages, (tag, ftl)| languages.add(tag, ftl));
        for problem in samples() {
            let (r#type, msg, ctx) = (problem.r#type(), problem.msg(), problem.ctx());
            let english = languages.validation(1, &r#type, &msg, ctx.as_ref());
            assert_eq!(english.as_deref(), Some(&*msg), "en.ftl's {type}");
            for (index, (tag, _)) in BUILTIN.iter().enumerate() {
                let translated = languages.validation(index + 2, &r#type, &msg, ctx.as_ref());
                let translated = translated.unwrap_or_else(|| panic!("{tag} lacks {type}"));
                assert_ne!(translated, *msg, "{tag}'s {type} is English");
                assert!(!translated.contains('{'), "{tag}'s {type}: {translated}");
            }
        }
    }

    #[test]
    fn lists_use_the_languages_or() {
        let languages = Languages::builtin();
        let problem =
            crate::validation::pydantic::Problem::Enum(vec!["a".into(), "b".into(), "c".into()]);
        let message =
            |index| languages.validation(index, "enum", &problem.msg(), problem.ctx().as_ref());
        assert_eq!(
            message(1).as_deref(),
            Some("Die Eingabe muss 'a', 'b' oder 'c' sein")
        );
        assert_eq!(
            message(2).as_deref(),
            Some("L'entrée doit être 'a', 'b' ou 'c'")
        );
    }
}
