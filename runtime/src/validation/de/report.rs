//! What one failing request reports: the errors found, in pydantic's order,
//! bounded (`bounded`), and the value when there were none.

use super::{
    ErrorLocation, HashMap, Limits, LocItem, ROOT_HASH, RandomState, Step, ValidationError, Value,
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
    pub(super) fields: HashMap<u64, &'static [&'static str]>,
    pub(super) hasher: RandomState,
}

pub(super) struct Entry {
    pub(super) key: Vec<usize>,
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
                    key: Vec::new(),
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
    pub(crate) fn add(&mut self, errors: impl IntoIterator<Item = (Vec<usize>, ValidationError)>) {
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
    pub(crate) fn sort_key(&self, loc: &[LocItem]) -> Vec<usize> {
        let mut key = Vec::with_capacity(loc.len());
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
    let mut size = 0;
    let mut kept = Vec::with_capacity(errors.len().min(limits.max_errors) + 1);
    for error in errors {
        let bytes = serde_json::to_vec(&error).map_or(0, |json| json.len() + 1);
        if kept.len() == limits.max_errors || size + bytes > MAX_REPORT {
            truncated = true;
            break;
        }
        size += bytes;
        kept.push(error);
    }
    if truncated {
        kept.push(too_many(location, kept.len()));
    }
    kept
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
