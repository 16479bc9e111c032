//! pydantic-core's lax coercions (FastAPI's mode): which strings, numbers and
//! booleans stand for an integer, a float or a boolean.

use super::{Problem, View};

/// A JSON number for an integer: pydantic takes `5.0` as 5, but not `5.5`, and
/// no float past `i64`.
pub(super) fn json_integer(text: &str) -> Result<i128, Problem> {
    if !text.contains(['.', 'e', 'E']) {
        // Digits past i128 are out of any integer type's range: saturate.
        let negative = text.starts_with('-');
        return Ok(text
            .parse::<i128>()
            .unwrap_or(if negative { i128::MIN } else { i128::MAX }));
    }
    let float: f64 = text.parse().map_err(|_| Problem::IntType)?;
    float_as_int(float)
}

/// pydantic-core's `float_as_int`.
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
pub(super) fn float_as_int(float: f64) -> Result<i128, Problem> {
    if !float.is_finite() {
        Err(Problem::FiniteNumber)
    } else if float % 1.0 != 0.0 {
        Err(Problem::IntFromFloat)
    } else if (i64::MIN as f64) < float && float < (i64::MAX as f64) {
        Ok(i128::from(float as i64))
    } else {
        Err(Problem::IntParsingSize)
    }
}

/// pydantic-core's `str_as_int`: a JSON integer, or one after surrounding
/// whitespace, a `+`, leading zeros, a `.0` tail and `_` between digits are
/// taken away.
pub(super) fn str_as_integer(s: &str) -> Result<i128, Problem> {
    if s.len() > 4300 {
        return Err(Problem::IntParsingSize);
    }
    if let Some(n) = strict_integer(s) {
        return Ok(n);
    }
    clean_int_str(s)
        .and_then(|clean| strict_integer(&clean))
        .ok_or(Problem::IntParsing)
}

/// `-?(0|[1-9][0-9]*)`, saturating past i128 (out of every type's range).
pub(super) fn strict_integer(s: &str) -> Option<i128> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    valid.then(|| {
        s.parse::<i128>().unwrap_or(if s.starts_with('-') {
            i128::MIN
        } else {
            i128::MAX
        })
    })
}

pub(super) fn clean_int_str(s: &str) -> Option<String> {
    let mut s = s.trim();
    if let Some(rest) = s.strip_prefix('+') {
        if rest.starts_with('-') {
            return None;
        }
        s = rest;
    }
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        if rest.starts_with(['-', '+']) {
            return None;
        }
        negative = true;
        s = rest;
    }
    s = strip_leading_zeros(s)?;
    if let Some(i) = s.find('.') {
        let fraction = &s[i + 1..];
        if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') {
            s = &s[..i];
        }
    }
    let s = strip_underscores(s).unwrap_or_else(|| s.to_owned());
    Some(if negative { format!("-{s}") } else { s })
}

pub(super) fn strip_leading_zeros(s: &str) -> Option<&str> {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, '0')) => {}
        Some((_, c)) if c.is_ascii_digit() || c == '-' => return Some(s),
        _ => return None,
    }
    for (i, c) in chars {
        match c {
            '0' | '_' => {}
            '1'..='9' | '-' => return Some(&s[i..]),
            '.' => return Some(&s[i - 1..]),
            _ => return None,
        }
    }
    Some(&s[s.len() - 1..])
}

/// Python's rule: `_` only between digits.
pub(super) fn strip_underscores(s: &str) -> Option<String> {
    if s.starts_with('_') || s.ends_with('_') || !s.contains('_') || s.contains("__") {
        None
    } else {
        Some(s.replace('_', ""))
    }
}

/// pydantic-core's `str_as_float`.
pub(super) fn str_as_float(s: &str) -> Result<f64, Problem> {
    s.trim()
        .parse()
        .ok()
        .or_else(|| strip_underscores(s).and_then(|s| s.parse().ok()))
        .ok_or(Problem::FloatParsing)
}

/// The IP address types, as serde's visitors name them: pydantic's
/// `IPvAnyAddress`, `IPv4Address` and `IPv6Address`.
#[derive(Clone, Copy)]
pub(super) enum IpKind {
    Any,
    V4,
    V6,
}

impl IpKind {
    pub(super) fn of(expecting: &str) -> Option<Self> {
        match expecting {
            "IP address" => Some(Self::Any),
            "IPv4 address" => Some(Self::V4),
            "IPv6 address" => Some(Self::V6),
            _ => None,
        }
    }

    pub(super) fn problem(self) -> Problem {
        match self {
            Self::Any => Problem::IpAnyAddress,
            Self::V4 => Problem::IpV4Address,
            Self::V6 => Problem::IpV6Address,
        }
    }

    /// The address an integer stands for, as text.
    pub(super) fn address_of(self, number: &str) -> Option<String> {
        use std::net::{Ipv4Addr, Ipv6Addr};
        let n = number.parse::<u128>().ok()?;
        match (self, u32::try_from(n)) {
            (Self::Any | Self::V4, Ok(v4)) => Some(Ipv4Addr::from(v4).to_string()),
            (Self::V4, Err(_)) => None,
            (Self::Any | Self::V6, _) => Some(Ipv6Addr::from(n).to_string()),
        }
    }

    /// The kind whose parse error std words as `message`.
    pub(super) fn of_error(message: &str) -> Option<Self> {
        match message {
            "invalid IP address syntax" => Some(Self::Any),
            "invalid IPv4 address syntax" => Some(Self::V4),
            "invalid IPv6 address syntax" => Some(Self::V6),
            _ => None,
        }
    }
}

/// pydantic's booleans: `true`/`false`, 0/1, and the words it knows (exactly:
/// `" true"` is not one).
pub(super) fn as_bool(view: &View) -> Result<bool, Problem> {
    match view {
        View::Bool(b) => Ok(*b),
        View::Number(text) => match text.parse::<f64>() {
            Ok(0.0) => Ok(false),
            Ok(1.0) => Ok(true),
            _ => Err(Problem::BoolParsing),
        },
        View::String(s) => {
            let s: &str = s;
            let any = |words: &[&str]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
            if s == "0" || any(&["f", "n", "no", "off", "false"]) {
                Ok(false)
            } else if s == "1" || any(&["t", "y", "on", "yes", "true"]) {
                Ok(true)
            } else {
                Err(Problem::BoolParsing)
            }
        }
        _ => Err(Problem::BoolType),
    }
}
