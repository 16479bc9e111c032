//! The errors pydantic v2 reports, worded exactly as FastAPI sends them: each
//! [`Problem`] knows its `type`, its `msg` and its `ctx`.

use std::{borrow::Cow, fmt::Write};

use serde_json::{Map, Value};

use crate::model::{LocItem, ValidationError};

/// A bound in `ctx` keeps its JSON type (`{"ge": 18}`, `{"gt": 0.5}`); in `msg` it
/// is written as Rust (and pydantic-core) display it: `0.0` as `0`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bound(pub(crate) Value);

impl Bound {
    fn text(&self) -> String {
        match &self.0 {
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => i.to_string(),
                (_, Some(u), _) => u.to_string(),
                (_, _, Some(f)) => f.to_string(),
                _ => n.to_string(),
            },
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// One kind of failure, with what its message needs.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "validator"), allow(dead_code))]
pub(crate) enum Problem {
    Missing,
    IntParsing,
    IntParsingSize,
    IntFromFloat,
    IntType,
    FiniteNumber,
    FloatParsing,
    FloatType,
    BoolParsing,
    BoolType,
    StringType,
    ModelAttributesType,
    DictType,
    ListType,
    TupleType,
    NoneRequired,
    ExtraForbidden,
    /// A string that is not one of the enum's values: `expected` lists them.
    Enum(Vec<String>),
    GreaterThan(Bound),
    GreaterThanEqual(Bound),
    LessThan(Bound),
    LessThanEqual(Bound),
    StringTooShort(u64),
    StringTooLong(u64),
    /// A sequence with too few items: `of` is pydantic's `field_type`
    /// (`List`, `Tuple`), `actual` the sequence's length.
    TooShort {
        of: &'static str,
        min: u64,
        actual: u64,
    },
    TooLong {
        of: &'static str,
        max: u64,
        actual: u64,
    },
    StringPatternMismatch(Option<String>),
    /// Why it does not parse, as the `url` crate says it.
    UrlParsing(String),
    UuidParsing(String),
    UuidType,
    IpAnyAddress,
    IpV4Address,
    IpV6Address,
    /// An internally tagged enum without its tag field: the field's name.
    UnionTagNotFound(String),
    /// An internally tagged enum's tag names no variant.
    UnionTagInvalid {
        discriminator: String,
        tag: String,
        expected: Vec<String>,
    },
    /// FastAPI's own: the body is not JSON. `error` is Python's `json` message.
    JsonInvalid(String),
    /// A value a type rejected for its own reasons.
    ValueError(String),
    /// An error type of the application's own (`validator` custom codes).
    Custom {
        r#type: String,
        msg: String,
    },
}

impl Problem {
    pub(crate) fn r#type(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::Missing => "missing",
            Self::IntParsing => "int_parsing",
            Self::IntParsingSize => "int_parsing_size",
            Self::IntFromFloat => "int_from_float",
            Self::IntType => "int_type",
            Self::FiniteNumber => "finite_number",
            Self::FloatParsing => "float_parsing",
            Self::FloatType => "float_type",
            Self::BoolParsing => "bool_parsing",
            Self::BoolType => "bool_type",
            Self::StringType => "string_type",
            Self::ModelAttributesType => "model_attributes_type",
            Self::DictType => "dict_type",
            Self::ListType => "list_type",
            Self::TupleType => "tuple_type",
            Self::NoneRequired => "none_required",
            Self::ExtraForbidden => "extra_forbidden",
            Self::Enum(_) => "enum",
            Self::GreaterThan(_) => "greater_than",
            Self::GreaterThanEqual(_) => "greater_than_equal",
            Self::LessThan(_) => "less_than",
            Self::LessThanEqual(_) => "less_than_equal",
            Self::StringTooShort(_) => "string_too_short",
            Self::StringTooLong(_) => "string_too_long",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::StringPatternMismatch(_) => "string_pattern_mismatch",
            Self::UrlParsing(_) => "url_parsing",
            Self::UuidParsing(_) => "uuid_parsing",
            Self::UuidType => "uuid_type",
            Self::IpAnyAddress => "ip_any_address",
            Self::IpV4Address => "ip_v4_address",
            Self::IpV6Address => "ip_v6_address",
            Self::UnionTagNotFound(_) => "union_tag_not_found",
            Self::UnionTagInvalid { .. } => "union_tag_invalid",
            Self::JsonInvalid(_) => "json_invalid",
            Self::ValueError(_) => "value_error",
            Self::Custom { r#type, .. } => return Cow::Owned(r#type.clone()),
        })
    }

    #[allow(clippy::too_many_lines, reason = "one arm per error type")]
    pub(crate) fn msg(&self) -> Cow<'static, str> {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        Cow::Borrowed(match self {
            Self::Missing => "Field required",
            Self::IntParsing => {
                "Input should be a valid integer, unable to parse string as an integer"
            }
            Self::IntParsingSize => {
                "Unable to parse input string as an integer, exceeded maximum size"
            }
            Self::IntFromFloat => {
                "Input should be a valid integer, got a number with a fractional part"
            }
            Self::IntType => "Input should be a valid integer",
            Self::FiniteNumber => "Input should be a finite number",
            Self::UuidType => "UUID input should be a string, bytes or UUID object",
            Self::IpAnyAddress => "value is not a valid IPv4 or IPv6 address",
            Self::IpV4Address => "Input is not a valid IPv4 address",
            Self::IpV6Address => "Input is not a valid IPv6 address",
            Self::FloatParsing => {
                "Input should be a valid number, unable to parse string as a number"
            }
            Self::FloatType => "Input should be a valid number",
            Self::BoolParsing => "Input should be a valid boolean, unable to interpret input",
            Self::BoolType => "Input should be a valid boolean",
            Self::StringType => "Input should be a valid string",
            Self::ModelAttributesType => {
                "Input should be a valid dictionary or object to extract fields from"
            }
            Self::DictType => "Input should be a valid dictionary",
            Self::ListType => "Input should be a valid list",
            Self::TupleType => "Input should be a valid tuple",
            Self::NoneRequired => "Input should be None",
            Self::ExtraForbidden => "Extra inputs are not permitted",
            Self::UrlParsing(error) if error.is_empty() => "Input should be a valid URL",
            Self::UrlParsing(error) => {
                return owned(format!("Input should be a valid URL, {error}"));
            }
            Self::JsonInvalid(_) => "JSON decode error",
            Self::Enum(values) => {
                return Cow::Owned(format!("Input should be {}", expected(values)));
            }
            Self::GreaterThan(b) => {
                return owned(format!("Input should be greater than {}", b.text()));
            }
            Self::GreaterThanEqual(b) => {
                return owned(format!(
                    "Input should be greater than or equal to {}",
                    b.text()
                ));
            }
            Self::LessThan(b) => return owned(format!("Input should be less than {}", b.text())),
            Self::LessThanEqual(b) => {
                return owned(format!(
                    "Input should be less than or equal to {}",
                    b.text()
                ));
            }
            Self::StringTooShort(n) => {
                return owned(format!(
                    "String should have at least {n} character{}",
                    plural(*n)
                ));
            }
            Self::StringTooLong(n) => {
                return owned(format!(
                    "String should have at most {n} character{}",
                    plural(*n)
                ));
            }
            Self::TooShort { of, min, actual } => {
                return owned(format!(
                    "{of} should have at least {min} item{} after validation, not {actual}",
                    plural(*min)
                ));
            }
            Self::TooLong { of, max, actual } => {
                return owned(format!(
                    "{of} should have at most {max} item{} after validation, not {actual}",
                    plural(*max)
                ));
            }
            Self::UnionTagNotFound(field) => {
                return owned(format!(
                    "Unable to extract tag using discriminator '{field}'"
                ));
            }
            Self::UnionTagInvalid {
                discriminator,
                tag,
                expected,
            } => {
                return owned(format!(
                    "Input tag '{tag}' found using '{discriminator}' does not match any of the expected tags: {}",
                    tags(expected)
                ));
            }
            Self::StringPatternMismatch(Some(pattern)) => {
                return owned(format!("String should match pattern '{pattern}'"));
            }
            Self::StringPatternMismatch(None) => "String should match the required pattern",
            Self::UuidParsing(error) => {
                return owned(format!("Input should be a valid UUID, {error}"));
            }
            Self::ValueError(error) => return owned(format!("Value error, {error}")),
            Self::Custom { msg, .. } => return owned(msg.clone()),
        })
    }

    pub(crate) fn ctx(&self) -> Option<Value> {
        let one = |key: &str, value: Value| {
            let mut map = Map::new();
            map.insert(key.to_owned(), value);
            Some(Value::Object(map))
        };
        match self {
            Self::Enum(values) => one("expected", Value::String(expected(values))),
            Self::GreaterThan(b) => one("gt", b.0.clone()),
            Self::GreaterThanEqual(b) => one("ge", b.0.clone()),
            Self::LessThan(b) => one("lt", b.0.clone()),
            Self::LessThanEqual(b) => one("le", b.0.clone()),
            Self::StringTooShort(n) => one("min_length", (*n).into()),
            Self::StringTooLong(n) => one("max_length", (*n).into()),
            Self::TooShort { of, min, actual } => Some(lengths(of, ("min_length", *min), *actual)),
            Self::TooLong { of, max, actual } => Some(lengths(of, ("max_length", *max), *actual)),
            Self::UnionTagNotFound(field) => one("discriminator", format!("'{field}'").into()),
            Self::UnionTagInvalid {
                discriminator,
                tag,
                expected,
            } => {
                let mut map = Map::new();
                map.insert("discriminator".into(), format!("'{discriminator}'").into());
                map.insert("tag".into(), tag.clone().into());
                map.insert("expected_tags".into(), tags(expected).into());
                Some(Value::Object(map))
            }
            Self::StringPatternMismatch(Some(pattern)) => one("pattern", pattern.clone().into()),
            Self::UuidParsing(error) | Self::JsonInvalid(error) => {
                one("error", error.clone().into())
            }
            Self::UrlParsing(error) if !error.is_empty() => one("error", error.clone().into()),
            // pydantic's `ctx.error` is the exception, which FastAPI's JSON
            // makes `{}`; its text is in `msg`.
            Self::ValueError(_) => one("error", Value::Object(Map::new())),
            _ => None,
        }
    }

    /// The error at `loc`, about `input`.
    pub(crate) fn at(&self, loc: Vec<LocItem>, input: Value) -> ValidationError {
        ValidationError {
            r#type: self.r#type(),
            loc,
            msg: self.msg(),
            input,
            ctx: self.ctx(),
        }
    }
}

/// One of each error type the library can send, with `ctx` values as a
/// client may see them: what the catalog lists, and what every language
/// must translate.
pub(crate) fn samples() -> Vec<Problem> {
    use serde_json::json;
    let names = || vec!["red".to_owned(), "green".to_owned(), "blue".to_owned()];
    vec![
        Problem::Missing,
        Problem::IntParsing,
        Problem::IntParsingSize,
        Problem::IntFromFloat,
        Problem::IntType,
        Problem::FiniteNumber,
        Problem::FloatParsing,
        Problem::FloatType,
        Problem::BoolParsing,
        Problem::BoolType,
        Problem::StringType,
        Problem::ModelAttributesType,
        Problem::DictType,
        Problem::ListType,
        Problem::TupleType,
        Problem::NoneRequired,
        Problem::ExtraForbidden,
        Problem::Enum(names()),
        Problem::GreaterThan(Bound(json!(0))),
        Problem::GreaterThanEqual(Bound(json!(18))),
        Problem::LessThan(Bound(json!(0.5))),
        Problem::LessThanEqual(Bound(json!(100))),
        Problem::StringTooShort(3),
        Problem::StringTooLong(50),
        Problem::TooShort {
            of: "List",
            min: 1,
            actual: 0,
        },
        Problem::TooLong {
            of: "List",
            max: 3,
            actual: 5,
        },
        Problem::StringPatternMismatch(Some("^[a-z]+$".to_owned())),
        Problem::StringPatternMismatch(None),
        Problem::UrlParsing("relative URL without a base".to_owned()),
        Problem::UrlParsing(String::new()),
        Problem::UuidParsing(
            "invalid character: expected an optional prefix of `urn:uuid:` followed by \
             [0-9a-fA-F-], found `x` at 1"
                .to_owned(),
        ),
        Problem::UuidType,
        Problem::IpAnyAddress,
        Problem::IpV4Address,
        Problem::IpV6Address,
        Problem::UnionTagNotFound("kind".to_owned()),
        Problem::UnionTagInvalid {
            discriminator: "kind".to_owned(),
            tag: "bird".to_owned(),
            expected: vec!["cat".to_owned(), "dog".to_owned()],
        },
        Problem::JsonInvalid("Expecting value".to_owned()),
        Problem::ValueError("the end date is before the start date".to_owned()),
    ]
}

fn owned(text: String) -> Cow<'static, str> {
    Cow::Owned(text)
}

/// A sequence length error's `ctx`: `field_type`, the bound, `actual_length`.
fn lengths(of: &str, (bound, limit): (&str, u64), actual: u64) -> Value {
    let mut map = Map::new();
    map.insert("field_type".into(), of.into());
    map.insert(bound.into(), limit.into());
    map.insert("actual_length".into(), actual.into());
    Value::Object(map)
}

/// pydantic's list of tags: `'a', 'b'`.
fn tags(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    quoted.join(", ")
}

/// pydantic's list of allowed values: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
fn expected(values: &[String]) -> String {
    let mut text = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == values.len() { " or " } else { ", " });
        }
        let _ = write!(text, "'{value}'");
    }
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Bound, Problem};

    #[test]
    fn messages_follow_pydantic() {
        let e = Problem::Enum(vec!["red".into(), "green".into(), "blue".into()]);
        assert_eq!(e.msg(), "Input should be 'red', 'green' or 'blue'");
        assert_eq!(
            e.ctx(),
            Some(json!({"expected": "'red', 'green' or 'blue'"}))
        );
        assert_eq!(
            Problem::Enum(vec!["a".into(), "b".into()]).msg(),
            "Input should be 'a' or 'b'"
        );
        assert_eq!(
            Problem::StringTooShort(1).msg(),
            "String should have at least 1 character"
        );
        assert_eq!(
            Problem::StringTooShort(3).msg(),
            "String should have at least 3 characters"
        );
        let gt = Problem::GreaterThan(Bound(json!(0.0)));
        assert_eq!(
            (gt.msg().as_ref(), gt.ctx()),
            ("Input should be greater than 0", Some(json!({"gt": 0.0})))
        );
        let le = Problem::LessThanEqual(Bound(json!(10)));
        assert_eq!(
            (le.msg().as_ref(), le.ctx()),
            (
                "Input should be less than or equal to 10",
                Some(json!({"le": 10}))
            )
        );
    }
}
