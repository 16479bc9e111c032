//! A JSON body read as Python's `json` module reads it: into a [`Tree`], or
//! with Python's message for where it stops being JSON.
//!
//! FastAPI reports a body that is not JSON as `json_invalid` at
//! `["body", <char offset>]` with `ctx.error` set to Python's message
//! (`"Expecting value"`, `"Expecting ',' delimiter"`, ...). serde_json words and
//! places its errors differently, so this scanner follows the structure of
//! CPython's `_json.c` decoder to find the same message at the same position.
//! It is iterative and scans bytes in place: a large body costs one pass and one
//! 16-byte node per value. Like Python, it accepts any number (kept as text) and
//! lone surrogates (read as U+FFFD), and nesting up to Python's recursion limit:
//! deeper, it stops there ([`TOO_DEEP`]), as `json.loads` does with a
//! `RecursionError` — so a megabyte of `[` costs a thousand steps, not a million.
//!
//! One deliberate difference: Python accepts `NaN` and `Infinity`, which are not
//! JSON (and FastAPI then fails with a 500); here they are "Expecting value".

use bytestring::ByteString;

use super::tree::{MAX_TEXT, Tag, Tree};

/// A syntax error: Python's message and the byte where it is.
type Error = (&'static str, usize);

/// Python's recursion limit: `json.loads` fails with a `RecursionError` on
/// nesting this deep, which FastAPI answers with 400 "There was an error parsing
/// the body". (FastAPI's own threshold is a little lower, about 960 under
/// uvicorn: the stack it runs on counts too.)
pub(crate) const MAX_NESTING: usize = 1000;

/// The "message" of a body nested deeper than [`MAX_NESTING`]: no syntax error,
/// but a body Python cannot read.
pub(crate) const TOO_DEEP: &str = "maximum recursion depth exceeded";

/// The UTF-8 JSON `text` as a tree, or Python's message and character position
/// for its first syntax error.
pub(crate) fn parse(text: &ByteString) -> Result<Tree, (&'static str, usize)> {
    let s: &[u8] = text.as_bytes();
    let at_char = |(message, byte): Error| {
        let chars =
            std::str::from_utf8(&s[..byte.min(s.len())]).map_or(byte, |t| t.chars().count());
        (message, chars)
    };
    if s.len() > MAX_TEXT {
        return Err(("Expecting value", 0));
    }
    let mut builder = Tree::builder(text.clone());
    let start = skip_whitespace(s, 0);
    let end = scan(s, start, &mut builder).map_err(at_char)?;
    let end = skip_whitespace(s, end);
    if end != s.len() {
        return Err(at_char(("Extra data", end)));
    }
    Ok(builder.finish())
}

type Scan = Result<usize, Error>;

fn skip_whitespace(s: &[u8], mut i: usize) -> usize {
    while matches!(s.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// One value starting at `i`, added to `tree`; returns the index after it.
fn scan(s: &[u8], mut i: usize, tree: &mut super::tree::Builder) -> Scan {
    // For each open container: whether it is an object.
    let mut open: Vec<bool> = Vec::new();
    'value: loop {
        match s.get(i) {
            None => return Err(("Expecting value", i)),
            Some(b'{' | b'[') if open.len() == MAX_NESTING => return Err((TOO_DEEP, i)),
            Some(b'"') => {
                let (end, escaped) = scan_string(s, i + 1)?;
                let tag = if escaped { Tag::Escaped } else { Tag::Str };
                tree.scalar(tag, i + 1, end - 1);
                i = end;
            }
            Some(b'{') => {
                tree.open(Tag::Object, i);
                i = skip_whitespace(s, i + 1);
                if s.get(i) == Some(&b'}') {
                    tree.close();
                    i += 1;
                } else {
                    open.push(true);
                    i = scan_key(s, i, tree)?;
                    continue 'value;
                }
            }
            Some(b'[') => {
                tree.open(Tag::Array, i);
                i = skip_whitespace(s, i + 1);
                if s.get(i) == Some(&b']') {
                    tree.close();
                    i += 1;
                } else {
                    open.push(false);
                    continue 'value;
                }
            }
            Some(b'n') if s[i..].starts_with(b"null") => {
                tree.scalar(Tag::Null, i, i + 4);
                i += 4;
            }
            Some(b't') if s[i..].starts_with(b"true") => {
                tree.scalar(Tag::True, i, i + 4);
                i += 4;
            }
            Some(b'f') if s[i..].starts_with(b"false") => {
                tree.scalar(Tag::False, i, i + 5);
                i += 5;
            }
            Some(_) => match scan_number(s, i) {
                Some(end) => {
                    tree.scalar(Tag::Number, i, end);
                    i = end;
                }
                None => return Err(("Expecting value", i)),
            },
        }
        // A value ended at `i`: close what it ends, or go on to the next item.
        loop {
            let (close, next_is_key) = match open.last() {
                None => return Ok(i),
                Some(true) => (b'}', true),
                Some(false) => (b']', false),
            };
            i = skip_whitespace(s, i);
            match s.get(i) {
                Some(&c) if c == close => {
                    i += 1;
                    open.pop();
                    tree.close();
                }
                Some(b',') => {
                    i = skip_whitespace(s, i + 1);
                    if next_is_key {
                        i = scan_key(s, i, tree)?;
                    }
                    continue 'value;
                }
                _ => return Err(("Expecting ',' delimiter", i)),
            }
        }
    }
}

/// `"key" :` at `i`, added to `tree`; returns where the value starts.
fn scan_key(s: &[u8], i: usize, tree: &mut super::tree::Builder) -> Scan {
    if s.get(i) != Some(&b'"') {
        return Err(("Expecting property name enclosed in double quotes", i));
    }
    let (end, escaped) = scan_string(s, i + 1)?;
    tree.key(
        if escaped { Tag::Escaped } else { Tag::Str },
        i + 1,
        end - 1,
    );
    let i = skip_whitespace(s, end);
    if s.get(i) != Some(&b':') {
        return Err(("Expecting ':' delimiter", i));
    }
    Ok(skip_whitespace(s, i + 1))
}

/// A string whose opening quote is at `start - 1`; returns the index after it,
/// and whether it has escapes.
fn scan_string(s: &[u8], start: usize) -> Result<(usize, bool), Error> {
    let unterminated = ("Unterminated string starting at", start - 1);
    let mut i = start;
    let mut escaped = false;
    loop {
        match *s.get(i).ok_or(unterminated)? {
            b'"' => return Ok((i + 1, escaped)),
            b'\\' => {
                escaped = true;
                i += 1;
                match *s.get(i).ok_or(unterminated)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 1,
                    b'u' => {
                        let hex = s.get(i + 1..i + 5);
                        if !hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                            return Err(("Invalid \\uXXXX escape", i));
                        }
                        i += 5;
                    }
                    _ => return Err(("Invalid \\escape", i - 1)),
                }
            }
            c if c <= 0x1f => return Err(("Invalid control character at", i)),
            _ => i += 1,
        }
    }
}

/// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?` at `i`.
fn scan_number(s: &[u8], i: usize) -> Option<usize> {
    let digit = |j: usize| s.get(j).is_some_and(u8::is_ascii_digit);
    let mut j = i;
    if s.get(j) == Some(&b'-') {
        j += 1;
    }
    match s.get(j) {
        Some(b'0') => j += 1,
        Some(b'1'..=b'9') => {
            while digit(j) {
                j += 1;
            }
        }
        _ => return None,
    }
    if s.get(j) == Some(&b'.') && digit(j + 1) {
        j += 1;
        while digit(j) {
            j += 1;
        }
    }
    if matches!(s.get(j), Some(b'e' | b'E')) {
        let mut k = j + 1;
        if matches!(s.get(k), Some(b'+' | b'-')) {
            k += 1;
        }
        if digit(k) {
            while digit(k) {
                k += 1;
            }
            j = k;
        }
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::{MAX_NESTING, TOO_DEEP, parse};

    fn python_error(text: &str) -> Option<(&'static str, usize)> {
        parse(&text.to_owned().into()).err()
    }

    /// Each case as CPython 3.11's `json.loads` reports it.
    #[test]
    fn same_message_and_position_as_python() {
        let cases: &[(&str, &str, usize)] = &[
            ("", "Expecting value", 0),
            ("   ", "Expecting value", 3),
            ("{\"title\": ", "Expecting value", 10),
            (
                "{some broken json}",
                "Expecting property name enclosed in double quotes",
                1,
            ),
            (
                "{\"a\":1,}",
                "Expecting property name enclosed in double quotes",
                7,
            ),
            ("{\"title\": \"t\", \"size\": 1} x", "Extra data", 26),
            (
                "{\"title\": \"hello\", \"size\": \"XL}",
                "Unterminated string starting at",
                27,
            ),
            ("[1,]", "Expecting value", 3),
            ("{\"a\" 1}", "Expecting ':' delimiter", 5),
            ("{\"a\":1 \"b\":2}", "Expecting ',' delimiter", 7),
            ("{\"a\": tru}", "Expecting value", 6),
            ("{\"a\": \"x\\qy\"}", "Invalid \\escape", 8),
            ("{\"a\": \"\\u12\"}", "Invalid \\uXXXX escape", 8),
            ("{\"a\": \"\\u12G4\"}", "Invalid \\uXXXX escape", 8),
            ("{\"a\": \"\\u00", "Invalid \\uXXXX escape", 8),
            ("[1, 2", "Expecting ',' delimiter", 5),
            ("{\"a\":", "Expecting value", 5),
            ("\"abc", "Unterminated string starting at", 0),
            ("{\"a\": 01}", "Expecting ',' delimiter", 7),
            ("{\"a\": -}", "Expecting value", 6),
            ("{\"a\": 1.}", "Expecting ',' delimiter", 7),
            ("nul", "Expecting value", 0),
            ("{", "Expecting property name enclosed in double quotes", 1),
            ("[\"a\",", "Expecting value", 5),
            ("{\"a\":\"b\\", "Unterminated string starting at", 5),
            ("{\"a\": \"x\\", "Unterminated string starting at", 6),
            ("{\"a\":\"\u{1}\"}", "Invalid control character at", 6),
            ("{\"\u{e9}\": x}", "Expecting value", 6),
        ];
        for &(text, message, position) in cases {
            assert_eq!(python_error(text), Some((message, position)), "{text:?}");
        }
        for valid in [
            "{\"a\": [1, -2.5e3, true, null, {}], \"b\": \"\\u00e9\\n\"}",
            " 0 ",
            "[[[]]]",
        ] {
            assert_eq!(python_error(valid), None, "{valid:?}");
        }
    }

    #[test]
    fn nesting_stops_at_python_s_recursion_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(python_error(&deep(MAX_NESTING)), None);
        assert_eq!(
            python_error(&deep(MAX_NESTING + 1)),
            Some((TOO_DEEP, MAX_NESTING))
        );
        // A megabyte of `[` stops after the thousandth, never reading on.
        let text = "[".repeat(1_000_000);
        assert_eq!(python_error(&text), Some((TOO_DEEP, MAX_NESTING)));
        let objects = "{\"a\":".repeat(MAX_NESTING + 1);
        assert_eq!(python_error(&objects), Some((TOO_DEEP, 5 * MAX_NESTING)));
    }
}
