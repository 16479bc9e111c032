//! Where a body stops being JSON, and what Python's `json` module says about it.
//!
//! FastAPI reports a body that is not JSON as `json_invalid` at
//! `["body", <char offset>]` with `ctx.error` set to Python's message
//! (`"Expecting value"`, `"Expecting ',' delimiter"`, ...). serde_json words and
//! places its errors differently, so this scanner follows the structure of
//! CPython's `_json.c` decoder to find the same message at the same position.
//! It is iterative: a deeply nested body cannot overflow the stack.
//!
//! One deliberate difference: Python accepts `NaN` and `Infinity`, which are not
//! JSON (and FastAPI then fails with a 500); here they are "Expecting value".

use serde_json::error::Category;

/// Python's message and character position for the first syntax error in `text`,
/// or `None` if Python would parse it.
pub(crate) fn python_error(text: &str) -> Option<(&'static str, usize)> {
    let s: Vec<char> = text.chars().collect();
    let start = skip_whitespace(&s, 0);
    match scan(&s, start) {
        Err(error) => Some(error),
        Ok(end) => {
            let end = skip_whitespace(&s, end);
            (end != s.len()).then_some(("Extra data", end))
        }
    }
}

/// The `ctx.error` and position for a body serde_json refused: Python's when the
/// scanner agrees it is not JSON, serde_json's own otherwise (numbers out of
/// range, lone surrogates, nesting deeper than 128 levels).
pub(crate) fn describe(text: &str, error: &serde_json::Error) -> (String, usize) {
    if let Some((message, position)) = python_error(text) {
        return (message.to_owned(), position);
    }
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(message, _)| message);
    let position = match error.classify() {
        Category::Eof => text.chars().count(),
        _ => char_position(text, error.line(), error.column()),
    };
    (message.to_owned(), position)
}

/// serde_json's 1-based line and byte column as a character offset.
fn char_position(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut byte = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].chars().count()
}

type Scan = Result<usize, (&'static str, usize)>;

fn skip_whitespace(s: &[char], mut i: usize) -> usize {
    while matches!(s.get(i), Some(' ' | '\t' | '\n' | '\r')) {
        i += 1;
    }
    i
}

enum Container {
    Object,
    Array,
}

/// One value starting at `i`; returns the index after it.
fn scan(s: &[char], mut i: usize) -> Scan {
    let mut open = Vec::new();
    'value: loop {
        match s.get(i) {
            None => return Err(("Expecting value", i)),
            Some('"') => i = scan_string(s, i + 1)?,
            Some('{') => {
                i = skip_whitespace(s, i + 1);
                if s.get(i) == Some(&'}') {
                    i += 1;
                } else {
                    open.push(Container::Object);
                    i = scan_key(s, i)?;
                    continue 'value;
                }
            }
            Some('[') => {
                i = skip_whitespace(s, i + 1);
                if s.get(i) == Some(&']') {
                    i += 1;
                } else {
                    open.push(Container::Array);
                    continue 'value;
                }
            }
            Some('n') if starts_with(s, i, "null") => i += 4,
            Some('t') if starts_with(s, i, "true") => i += 4,
            Some('f') if starts_with(s, i, "false") => i += 5,
            Some(_) => match scan_number(s, i) {
                Some(end) => i = end,
                None => return Err(("Expecting value", i)),
            },
        }
        // A value ended at `i`: close what it ends, or go on to the next item.
        loop {
            let (close, next_is_key) = match open.last() {
                None => return Ok(i),
                Some(Container::Object) => ('}', true),
                Some(Container::Array) => (']', false),
            };
            i = skip_whitespace(s, i);
            match s.get(i) {
                Some(&c) if c == close => {
                    i += 1;
                    open.pop();
                }
                Some(',') => {
                    i = skip_whitespace(s, i + 1);
                    if next_is_key {
                        i = scan_key(s, i)?;
                    }
                    continue 'value;
                }
                _ => return Err(("Expecting ',' delimiter", i)),
            }
        }
    }
}

/// `"key" :` at `i`; returns where the value starts.
fn scan_key(s: &[char], i: usize) -> Scan {
    if s.get(i) != Some(&'"') {
        return Err(("Expecting property name enclosed in double quotes", i));
    }
    let i = skip_whitespace(s, scan_string(s, i + 1)?);
    if s.get(i) != Some(&':') {
        return Err(("Expecting ':' delimiter", i));
    }
    Ok(skip_whitespace(s, i + 1))
}

/// A string whose opening quote is at `start - 1`; returns the index after it.
fn scan_string(s: &[char], start: usize) -> Scan {
    let unterminated = ("Unterminated string starting at", start - 1);
    let mut i = start;
    loop {
        match *s.get(i).ok_or(unterminated)? {
            '"' => return Ok(i + 1),
            '\\' => {
                i += 1;
                match *s.get(i).ok_or(unterminated)? {
                    '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => i += 1,
                    'u' => {
                        let hex = s.get(i + 1..i + 5);
                        if !hex.is_some_and(|hex| hex.iter().all(char::is_ascii_hexdigit)) {
                            return Err(("Invalid \\uXXXX escape", i));
                        }
                        i += 5;
                    }
                    _ => return Err(("Invalid \\escape", i - 1)),
                }
            }
            c if c <= '\u{1f}' => return Err(("Invalid control character at", i)),
            _ => i += 1,
        }
    }
}

/// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?` at `i`.
fn scan_number(s: &[char], i: usize) -> Option<usize> {
    let digit = |j: usize| s.get(j).is_some_and(char::is_ascii_digit);
    let mut j = i;
    if s.get(j) == Some(&'-') {
        j += 1;
    }
    match s.get(j) {
        Some('0') => j += 1,
        Some('1'..='9') => {
            while digit(j) {
                j += 1;
            }
        }
        _ => return None,
    }
    if s.get(j) == Some(&'.') && digit(j + 1) {
        j += 1;
        while digit(j) {
            j += 1;
        }
    }
    if matches!(s.get(j), Some('e' | 'E')) {
        let mut k = j + 1;
        if matches!(s.get(k), Some('+' | '-')) {
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

fn starts_with(s: &[char], i: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| s.get(i + k) == Some(&c))
}

#[cfg(test)]
mod tests {
    use super::{describe, python_error};

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
    fn deep_nesting_does_not_overflow_the_stack() {
        let text = "[".repeat(1_000_000);
        assert_eq!(python_error(&text), Some(("Expecting value", 1_000_000)));
    }

    #[test]
    fn falls_back_to_serde_json_where_python_would_parse() {
        let text = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let error = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(
            describe(&text, &error),
            ("recursion limit exceeded".to_owned(), 127)
        );
    }
}
