//! What one failing request reports: the errors found, in pydantic's order,
//! bounded (`bounded`), and the value when there were none.

use std::fmt::Write as _;

use super::{
    ErrorLocation, Limits, LocItem, PathMap, ROOT_HASH, RandomState, Step, ValidationError, Value,
    step_hash,
};

/// What came out: the value (built with placeholders where something failed, so
/// that `validator` can still check the rest) and every error, sorted.
pub(crate) struct Report<T> {
    pub(crate) value: Option<T>,
    pub(super) location: ErrorLocation,
    pub(super) errors: Vec<Entry>,
    /// More errors were found than `errors` holds.
    pub(super) truncated: bool,
    pub(super) limits: Limits,
    /// What orders later errors; learned only when errors were collected.
    pub(super) order: Option<FieldOrder>,
}

/// The fields of each struct, by its path's hash.
pub(super) struct FieldOrder {
    pub(super) fields: PathMap<&'static [&'static str]>,
    pub(super) hasher: RandomState,
}

/// How pydantic orders an error: each step's field declaration index (or
/// list index), from the root; most paths are short.
pub(crate) type SortKey = smallvec::SmallVec<[usize; 4]>;

pub(super) struct Entry {
    pub(super) key: SortKey,
    pub(super) error: ValidationError,
}

impl<T> Report<T> {
    /// A value found without collecting errors.
    pub(crate) fn valid(value: T, location: ErrorLocation, limits: Limits) -> Self {
        Self {
            value: Some(value),
            location,
            errors: Vec::new(),
            truncated: false,
            limits,
            order: None,
        }
    }

    /// Errors found before any deserialization (an unparsable body).
    pub(crate) fn invalid(
        errors: Vec<ValidationError>,
        location: ErrorLocation,
        limits: Limits,
    ) -> Self {
        Self {
            value: None,
            location,
            errors: errors
                .into_iter()
                .map(|error| Entry {
                    key: SortKey::new(),
                    error,
                })
                .collect(),
            truncated: false,
            limits,
            order: None,
        }
    }

    /// The same errors, the value (if any) made by `f`.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> Option<U>) -> Report<U> {
        Report {
            value: self.value.and_then(f),
            location: self.location,
            errors: self.errors,
            truncated: self.truncated,
            limits: self.limits,
            order: self.order,
        }
    }

    pub(crate) fn location(&self) -> ErrorLocation {
        self.location
    }

    pub(crate) fn limits(&self) -> Limits {
        self.limits
    }

    /// Takes the field order `other` learned (for a value found on a fast path).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn learn_fields<U>(&mut self, other: Report<U>) {
        self.order = other.order;
    }

    pub(crate) fn map_errors(&mut self, mut f: impl FnMut(&mut ValidationError)) {
        for entry in &mut self.errors {
            f(&mut entry.error);
        }
    }

    /// The errors, within the bounds: at most `max_errors`, and at most
    /// [`MAX_REPORT`] bytes of JSON. When some are left out, a last error of type
    /// `too_many_errors` says how many are shown.
    pub(crate) fn errors(self) -> Vec<ValidationError> {
        let errors = self.errors.into_iter().map(|entry| entry.error);
        bounded(errors, self.limits, self.location, self.truncated)
    }

    pub(crate) fn is_valid(&self) -> bool {
        self.errors.is_empty() && !self.truncated
    }

    /// Adds errors found later (by `validator`), except where the value is a
    /// placeholder: an error is already reported there.
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn add(&mut self, errors: impl IntoIterator<Item = (SortKey, ValidationError)>) {
        let covered: Vec<Vec<LocItem>> = self
            .errors
            .iter()
            .map(|entry| entry.error.loc.clone())
            .collect();
        for (key, error) in errors {
            if !covered.iter().any(|loc| error.loc.starts_with(loc)) {
                self.errors.push(Entry { key, error });
            }
        }
        self.errors.sort_by(|a, b| a.key.cmp(&b.key));
    }

    /// The name a client sends for the field that Rust (and `validator`)
    /// calls `rust`, in the object at `parent` (below the location prefix):
    /// `rust` itself, its `rename_all` spelling (`userName`), or else the one
    /// field of the object whose name is no Rust identifier (`item-query`).
    /// `None` when nothing tells.
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn wire_name(&self, parent: &[LocItem], rust: &str) -> Option<&'static str> {
        let order = self.order.as_ref()?;
        let hash = parent.iter().fold(ROOT_HASH, |hash, item| {
            let step = match item {
                LocItem::Index(index) => Step::Index(*index),
                LocItem::Key(name) => Step::Key(name),
            };
            step_hash(&order.hasher, hash, &step)
        });
        let fields = *order.fields.get(&hash)?;
        if let Some(same) = fields.iter().find(|field| **field == rust) {
            return Some(same);
        }
        let spellings = renamings(rust);
        if let Some(renamed) = fields
            .iter()
            .find(|field| spellings.iter().any(|s| s == *field))
        {
            return Some(renamed);
        }
        let is_identifier = |name: &str| {
            name.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        };
        let mut odd = fields.iter().filter(|field| !is_identifier(field));
        match (odd.next(), odd.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// How pydantic would order an error at `loc` (after the location prefix):
    /// by each struct's field order, then list index.
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn sort_key(&self, loc: &[LocItem]) -> SortKey {
        let mut key = SortKey::with_capacity(loc.len());
        let mut hash = ROOT_HASH;
        for item in loc {
            let (order, step) = match item {
                LocItem::Index(index) => (Some(*index), Step::Index(*index)),
                LocItem::Key(name) => {
                    let order = self.order.as_ref().and_then(|order| {
                        let fields = order.fields.get(&hash)?;
                        fields.iter().position(|f| f == name)
                    });
                    (order, Step::Key(name))
                }
            };
            key.push(order.unwrap_or(usize::MAX));
            if let Some(order) = &self.order {
                hash = step_hash(&order.hasher, hash, &step);
            }
        }
        key
    }
}

/// A `snake_case` name as serde's `rename_all` rules spell it.
pub(super) fn renamings(snake: &str) -> [String; 5] {
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let capitalized = |word: &str| {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    };
    let pascal: String = words.iter().map(|w| capitalized(w)).collect();
    let camel = words.first().map_or_else(String::new, |first| {
        (*first).to_owned()
            + &words[1..]
                .iter()
                .map(|w| capitalized(w))
                .collect::<String>()
    });
    [
        snake.to_ascii_uppercase(),
        pascal,
        camel,
        snake.replace('_', "-"),
        snake.replace('_', "-").to_ascii_uppercase(),
    ]
}

/// The most JSON one 422's errors take: 64 KiB.
const MAX_REPORT: usize = 64 * 1024;

/// At most `limits.max_errors` of `errors`, and at most [`MAX_REPORT`] bytes of
/// JSON; when some are left out (or `truncated` says some were already), a last
/// error of type `too_many_errors`, at `location`, says how many are shown.
pub(crate) fn bounded(
    errors: impl ExactSizeIterator<Item = ValidationError>,
    limits: Limits,
    location: ErrorLocation,
    truncated: bool,
) -> Vec<ValidationError> {
    let mut truncated = truncated || errors.len() > limits.max_errors;
    let mut kept = Vec::with_capacity(errors.len().min(limits.max_errors) + 1);
    kept.extend(errors.take(limits.max_errors));
    // Most reports are far below the bound: a cheap over-estimate says so
    // without writing any JSON.
    let mut estimate = 0;
    if !kept
        .iter()
        .all(|error| json_bound(error, &mut estimate) && estimate <= MAX_REPORT)
    {
        let mut size = 0;
        let fit = kept
            .iter()
            .take_while(|error| {
                size += serde_json::to_vec(error).map_or(0, |json| json.len() + 1);
                size <= MAX_REPORT
            })
            .count();
        if fit < kept.len() {
            kept.truncate(fit);
            truncated = true;
        }
    }
    if truncated {
        kept.push(too_many(location, kept.len()));
    }
    kept
}

/// Adds to `total` at least the bytes of `error`'s JSON and its separator,
/// counting every string as if each of its bytes were escaped (`\u0000`); `false`
/// once `total` passes [`MAX_REPORT`] (the rest is not counted).
fn json_bound(error: &ValidationError, total: &mut usize) -> bool {
    // `{"type":,"loc":[],"msg":,"input":,"ctx":}` and a separator.
    const FRAME: usize = 48;
    *total += FRAME + escaped(&error.r#type) + escaped(&error.msg);
    for item in &error.loc {
        *total += match item {
            LocItem::Key(key) => escaped(key),
            LocItem::Index(_) => 21,
        };
    }
    value_bound(&error.input, total) && error.ctx.as_ref().is_none_or(|ctx| value_bound(ctx, total))
}

/// Adds to `total` at least the bytes of `value`'s JSON and a separator;
/// `false` once it passes [`MAX_REPORT`].
fn value_bound<'v>(value: &'v Value, total: &mut usize) -> bool {
    let scalar = |value: &Value| match value {
        Value::Null | Value::Bool(_) => 6,
        // A number's text may be long (serde_json's `arbitrary_precision`).
        Value::Number(n) => {
            let mut length = Length(1);
            let _ = write!(length, "{n}");
            length.0
        }
        Value::String(s) => escaped(s),
        Value::Array(_) | Value::Object(_) => 3,
    };
    *total += scalar(value);
    if !matches!(value, Value::Array(_) | Value::Object(_)) {
        return *total <= MAX_REPORT;
    }
    let mut open = vec![value];
    while let Some(container) = open.pop() {
        let mut visit = |item: &'v Value| {
            *total += scalar(item);
            if matches!(item, Value::Array(_) | Value::Object(_)) {
                open.push(item);
            }
        };
        match container {
            Value::Array(items) => items.iter().for_each(&mut visit),
            Value::Object(members) => {
                members.values().for_each(&mut visit);
                *total += members.keys().map(|key| escaped(key) + 1).sum::<usize>();
            }
            _ => {}
        }
        if *total > MAX_REPORT {
            return false;
        }
    }
    true
}

/// At least the bytes of `s` as a JSON string, and a separator: as if each
/// byte were escaped (`\u0000`).
fn escaped(s: &str) -> usize {
    6 * s.len() + 3
}

/// Counts the bytes written to it.
struct Length(usize);

impl std::fmt::Write for Length {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// The type of the last error of a report that left some out.
pub(crate) const TOO_MANY_ERRORS: &str = "too_many_errors";

/// The last error of a report that left some out.
pub(super) fn too_many(location: ErrorLocation, shown: usize) -> ValidationError {
    ValidationError {
        r#type: TOO_MANY_ERRORS.into(),
        loc: vec![location.into()],
        msg: format!("Too many errors: only the first {shown} are reported").into(),
        input: Value::Null,
        ctx: None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Limits, MAX_REPORT, bounded};
    use crate::model::{ErrorLocation, ValidationError};

    /// What `bounded` keeps, by measuring every error's JSON.
    fn measured(errors: &[ValidationError], max_errors: usize) -> usize {
        let mut size = 0;
        errors
            .iter()
            .take(max_errors)
            .take_while(|error| {
                size += serde_json::to_vec(error).unwrap().len() + 1;
                size <= MAX_REPORT
            })
            .count()
    }

    #[test]
    fn the_estimate_keeps_what_measuring_keeps() {
        let error = |input: serde_json::Value| ValidationError {
            r#type: "string_type".into(),
            loc: vec![ErrorLocation::Body.into(), "tags".into(), 3.into()],
            msg: "Input should be a valid string".into(),
            input,
            ctx: Some(json!({"max_length": 3})),
        };
        let limits = Limits {
            max_errors: 100,
            max_input: 1000,
        };
        // Inputs whose escaped JSON is far longer than their text, and long
        // numbers and deep containers, around the bound.
        let inputs = [
            json!("\u{1}".repeat(900)),
            json!("é".repeat(500)),
            json!([[[[1.5e300, -12_345_678_901_234_567_i64, {"k\n": null}]]]]),
            json!("x".repeat(700)),
        ];
        for input in inputs {
            for count in [1, 50, 90, 100, 101, 400] {
                let errors = vec![error(input.clone()); count];
                let kept = bounded(
                    errors.clone().into_iter(),
                    limits,
                    ErrorLocation::Body,
                    false,
                );
                let expected = measured(&errors, limits.max_errors);
                let truncated = expected < count;
                assert_eq!(
                    kept.len(),
                    expected + usize::from(truncated),
                    "{count} of {input:.20}"
                );
                assert_eq!(kept[..expected], errors[..expected]);
                if truncated {
                    assert_eq!(kept[expected].r#type, super::TOO_MANY_ERRORS);
                }
            }
        }
    }
}
