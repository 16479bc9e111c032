//! The deserializer's error, and how serde's and a type's own messages are
//! worded as pydantic words them, without Rust's type names.

use super::{Expected, IpKind, Problem, Unexpected, Visitor, cut, de, fmt};

/// The deserializer's error. Only `Recorded` crosses a frame that handles the
/// others.
#[derive(Debug)]
pub(crate) struct DeError {
    pub(super) kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    /// Recorded or learned from already: abandon this run.
    Recorded,
    /// Reported already (or never to be): the nearest value handed gets a
    /// placeholder. A placeholder every candidate of which was refused says so
    /// to the value above it.
    Replace,
    Missing(&'static str),
    UnknownField(String),
    UnknownVariant(String, &'static [&'static str]),
    Duplicate(&'static str),
    Message(String),
}

impl DeError {
    pub(super) fn recorded() -> Self {
        Self {
            kind: Kind::Recorded,
        }
    }

    pub(super) fn replace() -> Self {
        Self {
            kind: Kind::Replace,
        }
    }

    /// `what`, then what the visitor expected unless that names a Rust type.
    pub(super) fn expected(mut what: String, exp: &dyn Expected) -> Self {
        if let Some(expected) = expected_text(&format_args!("{exp}")) {
            what.push_str(", expected ");
            what.push_str(&expected);
        }
        Self {
            kind: Kind::Message(what),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Recorded | Kind::Replace => f.write_str("invalid input"),
            Kind::Missing(field) => write!(f, "missing field `{field}`"),
            Kind::UnknownField(field) => write!(f, "unknown field `{field}`"),
            Kind::UnknownVariant(variant, _) => write!(f, "unknown variant `{variant}`"),
            Kind::Duplicate(field) => write!(f, "duplicate field `{field}`"),
            Kind::Message(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DeError {}

/// serde's messages without Rust's type names (`struct Point`, `tuple struct
/// Point with 2 elements`, `enum Color`): what a visitor expected, if it is
/// worded for people.
fn expected_text(exp: &dyn fmt::Display) -> Option<String> {
    const NAMES: [&str; 9] = [
        "struct ",
        "tuple struct ",
        "unit struct ",
        "newtype struct ",
        "enum ",
        "internally tagged enum ",
        "adjacently tagged enum ",
        "variant identifier",
        "field identifier",
    ];
    let text = exp.to_string();
    let named = NAMES.iter().any(|name| text.starts_with(name))
        || text.contains("variant ")
        || text.contains("::");
    (!named).then_some(text)
}

/// A serde message from elsewhere (actix's extractors) without Rust's type
/// names, at most 256 bytes.
pub(crate) fn scrub(text: &str) -> String {
    if text.contains("did not match any variant of") {
        return "input did not match any variant".to_owned();
    }
    let text = match text.split_once(", expected ") {
        Some((head, expected)) if expected_text(&expected).is_none() => head,
        _ => text,
    };
    cut(text, 256)
}

/// What a visitor expects, as its `expecting` says it.
pub(super) fn expecting<'de, V: Visitor<'de>>(visitor: &V) -> String {
    (visitor as &dyn Expected).to_string()
}

/// The kind of an unexpected value, without the value (a client's string could
/// be long).
pub(super) fn unexpected_kind(unexp: &Unexpected) -> &'static str {
    match unexp {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
        Unexpected::Float(_) => "floating point",
        Unexpected::Char(_) => "character",
        Unexpected::Str(_) => "string",
        Unexpected::Bytes(_) => "byte array",
        Unexpected::Unit => "null",
        Unexpected::Option => "optional value",
        Unexpected::NewtypeStruct | Unexpected::NewtypeVariant => "newtype",
        Unexpected::Seq => "sequence",
        Unexpected::Map => "map",
        Unexpected::Enum => "enum",
        Unexpected::UnitVariant | Unexpected::TupleVariant | Unexpected::StructVariant => "variant",
        Unexpected::Other(_) => "value",
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let text = msg.to_string();
        // serde's own, naming the type: said without it.
        let text = if text.starts_with("data did not match any variant of") {
            "input did not match any variant".to_owned()
        } else if text.starts_with("no variant of enum") {
            "no variant matched".to_owned()
        } else {
            text
        };
        Self {
            kind: Kind::Message(text),
        }
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Self::expected(format!("invalid type: {}", unexpected_kind(&unexp)), exp)
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        let shown = match unexp {
            Unexpected::Str(_) | Unexpected::Bytes(_) | Unexpected::Other(_) => {
                unexpected_kind(&unexp).to_owned()
            }
            other => other.to_string(),
        };
        Self::expected(format!("invalid value: {shown}"), exp)
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Self::expected(format!("invalid length {len}"), exp)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self {
            kind: Kind::UnknownVariant(variant.to_owned(), expected),
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Self {
            kind: Kind::Missing(field),
        }
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Self {
            kind: Kind::UnknownField(field.to_owned()),
        }
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self {
            kind: Kind::Duplicate(field),
        }
    }
}

/// A type's own error, worded as pydantic words it where pydantic has a word.
pub(super) fn custom_problem(message: &str, limit: usize) -> Problem {
    if let Some(error) = message.strip_prefix("UUID parsing failed: ") {
        return Problem::UuidParsing(cut(error, limit));
    }
    if let Some(kind) = IpKind::of_error(message) {
        return kind.problem();
    }
    Problem::ValueError(cut(message, limit))
}

impl DeError {
    /// A type's own error (from its `Deserialize`), as pydantic words it.
    pub(super) fn problem(&self, limit: usize) -> Problem {
        match &self.kind {
            Kind::Message(message) => custom_problem(message, limit),
            Kind::UnknownVariant(variant, expected) => {
                Problem::Enum(expected.iter().map(|v| (*v).to_owned()).collect())
                    .or_value_error(variant)
            }
            _ => custom_problem(&self.to_string(), limit),
        }
    }
}

impl Problem {
    /// An enum's error, or (without variants) a type's own.
    pub(super) fn or_value_error(self, variant: &str) -> Self {
        match &self {
            Self::Enum(values) if values.is_empty() => {
                Self::ValueError(format!("unknown variant `{}`", cut(variant, 64)))
            }
            _ => self,
        }
    }
}
