//! Request data as a flat tree of spans into the text it was read from: what the
//! collecting deserializer walks when a request fails.
//!
//! A JSON body becomes one 16-byte node per value, pointing into the body
//! (strings are unescaped only when read, numbers keep their text so that every
//! integer is exact). Parameters (query, form, headers, cookies, path) become an
//! object of strings, a repeated key a list. Nothing here recurses, so any depth
//! the parser accepts can be walked, converted and dropped.

use std::{borrow::Cow, collections::HashMap, fmt::Write as _, ops::Range};

use actix_web::web::Bytes;
use bytestring::ByteString;
use serde_json::{Map, Value};

use crate::model::LocItem;

/// A value's index in its tree.
pub(crate) type Id = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Null,
    True,
    False,
    Number,
    /// A string without escapes: its span is its text.
    Str,
    /// A string with `\` escapes, decoded when read.
    Escaped,
    Array,
    Object,
    /// A file of a multipart form: its `start` is its index among the form's
    /// files.
    File,
}

/// One value. Scalars span their text (a string without its quotes);
/// containers count their children (an object's alternate key and value).
#[derive(Debug, Clone, Copy)]
struct Node {
    tag: Tag,
    /// A scalar's first byte, or a container's number of items or members.
    start: u32,
    /// A scalar's end byte; where a container opens.
    end: u32,
    /// The node after this value and everything in it.
    next: u32,
}

/// What a value is, as the deserializer reads it.
pub(crate) enum View<'t> {
    Null,
    Bool(bool),
    /// The number's JSON text.
    Number(&'t str),
    String(Cow<'t, str>),
    Array,
    Object,
    /// A file of a multipart form, by its index among the form's files.
    File(usize),
}

pub(crate) struct Tree {
    text: Text,
    nodes: Vec<Node>,
    /// The files of a form, by index.
    files: Vec<FilePart>,
}

/// What a tree's spans point into: text checked as UTF-8 once, so that reading
/// a span is a slice, not another check.
enum Text {
    /// A body, as it was received.
    Received(ByteString),
    /// Parameters, gathered into one string.
    Gathered(String),
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Self::Received(text) => text,
            Self::Gathered(text) => text,
        }
    }
}

/// A value of a form or of parameters: text, or a file.
#[derive(Clone)]
pub(crate) enum Part<S> {
    Text(S),
    File(FilePart),
}

/// A file of a form, as the tree knows it.
#[derive(Clone, Default)]
pub(crate) struct FilePart {
    /// Its index among the form's files.
    pub(crate) index: usize,
    /// What an error echoes for it.
    pub(crate) summary: Value,
    /// Its content, when it is held in memory.
    pub(crate) bytes: Option<Bytes>,
}

impl<S: AsRef<str>> From<S> for Part<S> {
    fn from(text: S) -> Self {
        Self::Text(text)
    }
}

/// Appends `s` to `text`; its span there.
fn push(s: &str, text: &mut String) -> Range<usize> {
    let start = text.len();
    text.push_str(s);
    start..text.len()
}

/// A member of an object of parameters: its key's span, its values (a span of
/// text, or a file's index), and whether it is a list even with one value.
type SpanEntry = (Range<usize>, Vec<Result<Range<usize>, usize>>, bool);

/// The largest text a tree indexes (spans are 32-bit).
pub(crate) const MAX_TEXT: usize = u32::MAX as usize;

impl Tree {
    pub(crate) const ROOT: Id = 0;

    /// A tree being built over `text` (at most [`MAX_TEXT`]).
    pub(crate) fn builder(text: ByteString) -> Builder {
        Self::build_over(Text::Received(text))
    }

    fn build_over(text: Text) -> Builder {
        Builder {
            tree: Self {
                text,
                nodes: Vec::new(),
                files: Vec::new(),
            },
            open: Vec::new(),
        }
    }

    /// A single JSON `null` (an empty body).
    pub(crate) fn null() -> Self {
        let mut builder = Self::builder(ByteString::new());
        builder.scalar(Tag::Null, 0, 0);
        builder.finish()
    }

    /// `{}`.
    pub(crate) fn empty_object() -> Self {
        let mut builder = Self::builder(ByteString::new());
        builder.open(Tag::Object, 0);
        builder.finish()
    }

    /// A single string: the UTF-8 `text`, as it is.
    pub(crate) fn text(text: ByteString) -> Self {
        let len = text.len().min(MAX_TEXT);
        let mut builder = Self::builder(text);
        builder.scalar(Tag::Str, 0, len);
        builder.finish()
    }

    /// An object of string parameters: a key given more than once holds a list,
    /// in order.
    pub(crate) fn params<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        // Most parameters are a few short ones: grown once at most.
        let mut text = String::with_capacity(64);
        // The object, then each pair's key and value, as if no key repeated.
        let mut nodes = Vec::with_capacity(9);
        nodes.push(Node {
            tag: Tag::Object,
            start: 0,
            end: 0,
            next: 0,
        });
        for (key, value) in pairs {
            for s in [key.as_ref(), value.as_ref()] {
                let span = push(s, &mut text);
                #[allow(clippy::cast_possible_truncation)]
                nodes.push(Node {
                    tag: Tag::Str,
                    start: span.start as u32,
                    end: span.end as u32,
                    next: nodes.len() as u32 + 1,
                });
            }
        }
        #[allow(clippy::cast_possible_truncation)]
        {
            nodes[0].start = (nodes.len() / 2) as u32;
            nodes[0].next = nodes.len() as u32;
        }
        let tree = Self {
            text: Text::Gathered(text),
            nodes,
            files: Vec::new(),
        };
        match tree.repeated_keys() {
            None => tree,
            Some(groups) => tree.grouped(&groups),
        }
    }

    /// For each member of a flat object of strings, the first member with its
    /// key; `None` when no key repeats.
    fn repeated_keys(&self) -> Option<Vec<usize>> {
        let pairs = self.len(Self::ROOT);
        let key = |pair: usize| self.span(1 + 2 * pair);
        let mut groups = Vec::new();
        let mut first = HashMap::new();
        for pair in 0..pairs {
            // A few keys are compared; many are looked up.
            let group = if pairs <= 16 {
                (0..pair).find(|&earlier| key(earlier) == key(pair))
            } else {
                first.get(key(pair)).copied()
            };
            if let Some(group) = group {
                if groups.is_empty() {
                    groups.extend(0..pair);
                }
                groups.push(group);
            } else {
                if pairs > 16 {
                    first.insert(key(pair), pair);
                }
                if !groups.is_empty() {
                    groups.push(pair);
                }
            }
        }
        (!groups.is_empty()).then_some(groups)
    }

    /// The flat object of strings with the members of each key together
    /// (`groups` from [`repeated_keys`](Self::repeated_keys)): a list of their
    /// values, keys in order of first appearance.
    fn grouped(self, groups: &[usize]) -> Self {
        let span = |id: Id| self.nodes[id].start as usize..self.nodes[id].end as usize;
        // Each key's entry, by the pair that first gave it.
        let mut entries: Vec<SpanEntry> = Vec::new();
        let mut entry_of = vec![0; groups.len()];
        for (pair, &first) in groups.iter().enumerate() {
            if first == pair {
                entry_of[pair] = entries.len();
                entries.push((span(1 + 2 * pair), Vec::new(), false));
            }
            entries[entry_of[first]].1.push(Ok(span(2 + 2 * pair)));
        }
        Self::spans(self.text, entries)
    }

    /// An object of parameters already grouped: each key with its values, a
    /// list if there are several or if `list` says so.
    pub(crate) fn object<'e, K, V>(
        entries: impl IntoIterator<Item = &'e (K, Vec<Part<V>>, bool)>,
    ) -> Self
    where
        K: AsRef<str> + 'e,
        V: AsRef<str> + 'e,
    {
        let entries: Vec<&(K, Vec<Part<V>>, bool)> = entries.into_iter().collect();
        let size = entries
            .iter()
            .map(|(key, values, _)| {
                let values = values.iter().map(|value| match value {
                    Part::Text(text) => text.as_ref().len(),
                    Part::File(_) => 0,
                });
                key.as_ref().len() + values.sum::<usize>()
            })
            .sum();
        let mut text = String::with_capacity(size);
        let mut files = Vec::new();
        let entries: Vec<_> = entries
            .into_iter()
            .map(|(key, values, list)| {
                let key = push(key.as_ref(), &mut text);
                let values = values
                    .iter()
                    .map(|value| match value {
                        Part::Text(value) => Ok(push(value.as_ref(), &mut text)),
                        Part::File(file) => {
                            let index = file.index;
                            if files.len() <= index {
                                files.resize(index + 1, FilePart::default());
                            }
                            files[index] = file.clone();
                            Err(index)
                        }
                    })
                    .collect();
                (key, values, *list)
            })
            .collect();
        let mut tree = Self::spans(Text::Gathered(text), entries);
        tree.files = files;
        tree
    }

    /// An object over `text`: each key's span and its values (a span of
    /// text, or a file's index).
    fn spans(text: Text, entries: impl IntoIterator<Item = SpanEntry>) -> Self {
        let mut builder = Self::build_over(text);
        let scalar = |builder: &mut Builder, value: &Result<Range<usize>, usize>| match value {
            Ok(span) => builder.scalar(Tag::Str, span.start, span.end),
            Err(index) => builder.scalar(Tag::File, *index, *index),
        };
        builder.open(Tag::Object, 0);
        for (key, values, list) in entries {
            builder.key(Tag::Str, key.start, key.end);
            if let ([value], false) = (values.as_slice(), list) {
                scalar(&mut builder, value);
            } else {
                builder.open(Tag::Array, 0);
                for value in &values {
                    scalar(&mut builder, value);
                }
                builder.close();
            }
        }
        builder.close();
        builder.finish()
    }

    /// Where a value starts in the text, in characters (as Python counts).
    pub(crate) fn char_position(&self, id: Id) -> usize {
        let node = self.nodes[id];
        let byte = match node.tag {
            Tag::Array | Tag::Object => node.end,
            Tag::Str | Tag::Escaped => node.start.saturating_sub(1),
            _ => node.start,
        } as usize;
        self.text
            .get(..byte.min(self.text.len()))
            .map_or(byte, |text| text.chars().count())
    }

    pub(crate) fn tag(&self, id: Id) -> Tag {
        self.nodes[id].tag
    }

    fn span(&self, id: Id) -> &str {
        let node = self.nodes[id];
        self.text
            .get(node.start as usize..node.end as usize)
            .unwrap_or_default()
    }

    pub(crate) fn view(&self, id: Id) -> View<'_> {
        match self.nodes[id].tag {
            Tag::Null => View::Null,
            Tag::True => View::Bool(true),
            Tag::False => View::Bool(false),
            Tag::Number => View::Number(self.span(id)),
            Tag::Str | Tag::Escaped => View::String(self.str(id)),
            Tag::Array => View::Array,
            Tag::Object => View::Object,
            Tag::File => View::File(self.nodes[id].start as usize),
        }
    }

    /// A string's text, unescaped.
    pub(crate) fn str(&self, id: Id) -> Cow<'_, str> {
        match self.nodes[id].tag {
            Tag::Escaped => Cow::Owned(unescape(self.span(id))),
            _ => Cow::Borrowed(self.span(id)),
        }
    }

    /// The file `index` of a form.
    pub(crate) fn file(&self, index: usize) -> &FilePart {
        static NONE: FilePart = FilePart {
            index: 0,
            summary: Value::Null,
            bytes: None,
        };
        self.files.get(index).unwrap_or(&NONE)
    }

    /// How many items or members a container has.
    pub(crate) fn len(&self, id: Id) -> usize {
        match self.nodes[id].tag {
            Tag::Array | Tag::Object => self.nodes[id].start as usize,
            _ => 0,
        }
    }

    /// An array's items.
    pub(crate) fn items(&self, id: Id) -> impl ExactSizeIterator<Item = Id> + '_ {
        let mut at = id + 1;
        (0..self.len(id)).map(move |_| {
            let item = at;
            at = self.nodes[item].next as usize;
            item
        })
    }

    /// An object's members: each key's node and its value's.
    pub(crate) fn members(&self, id: Id) -> impl ExactSizeIterator<Item = (Id, Id)> + '_ {
        let mut at = id + 1;
        (0..self.len(id)).map(move |_| {
            let (key, value) = (at, at + 1);
            at = self.nodes[value].next as usize;
            (key, value)
        })
    }

    /// The value at `loc` below `id`.
    pub(crate) fn find(&self, id: Id, loc: &[LocItem]) -> Option<Id> {
        loc.iter()
            .try_fold(id, |id, item| match (self.tag(id), item) {
                (Tag::Object, LocItem::Key(name)) => self
                    .members(id)
                    .filter(|&(key, _)| self.str(key) == name.as_ref())
                    .last()
                    .map(|(_, value)| value),
                (Tag::Array, LocItem::Index(index)) => self.items(id).nth(*index),
                _ => None,
            })
    }

    /// The value as JSON, whole (for a handler that reads the body), or `None`
    /// when it is nested deeper than `serde_json::Value` can hold.
    pub(crate) fn to_value(&self, id: Id) -> Option<Value> {
        if self.depth(id) > MAX_VALUE_DEPTH {
            return None;
        }
        Some(self.build(id))
    }

    fn build(&self, id: Id) -> Value {
        match self.view(id) {
            View::Null => Value::Null,
            View::Bool(b) => Value::Bool(b),
            View::Number(text) => number(text),
            View::String(s) => Value::String(s.into_owned()),
            View::File(index) => self.file(index).summary.clone(),
            View::Array => Value::Array(self.items(id).map(|item| self.build(item)).collect()),
            View::Object => {
                let mut map = Map::new();
                for (key, value) in self.members(id) {
                    map.insert(self.str(key).into_owned(), self.build(value));
                }
                Value::Object(map)
            }
        }
    }

    /// How deeply containers nest in the value.
    fn depth(&self, id: Id) -> usize {
        let end = self.nodes[id].next as usize;
        let mut closes: Vec<usize> = Vec::new();
        let mut deepest = 0;
        for at in id..end {
            while closes.last().is_some_and(|&close| close <= at) {
                closes.pop();
            }
            if matches!(self.nodes[at].tag, Tag::Array | Tag::Object) {
                closes.push(self.nodes[at].next as usize);
                deepest = deepest.max(closes.len());
            }
        }
        deepest
    }

    /// The value as an error echoes it: whole when its JSON is at most `limit`
    /// bytes; otherwise a longer string is cut (at a character) and ends with
    /// `...`, and an array or object becomes the start of its JSON text, as a
    /// string ending with `...`. Never costs more than `limit` bytes of work.
    pub(crate) fn summary(&self, id: Id, limit: usize) -> Value {
        if let View::String(s) = self.view(id) {
            return Value::String(cut(&s, limit));
        }
        let mut out = String::new();
        if self.write_json(id, &mut out, limit) {
            return self.build(id);
        }
        // Longer than `limit`: cut, so that with its `...` it takes `limit`.
        Value::String(cut(&out, limit.saturating_sub(3)))
    }

    /// Writes the value's compact JSON into `out`, stopping once it passes
    /// `limit` bytes; `true` if it fits.
    fn write_json(&self, id: Id, out: &mut String, limit: usize) -> bool {
        let end = self.nodes[id].next as usize;
        // For each open container: where it ends, and whether it is an object.
        let mut open: Vec<(usize, bool, bool)> = Vec::new();
        let mut at = id;
        while at < end {
            if out.len() > limit {
                return false;
            }
            // Separators and keys for a value inside a container.
            if let Some(&mut (_, is_object, ref mut first)) = open.last_mut() {
                if !*first {
                    out.push(',');
                }
                *first = false;
                if is_object {
                    write_str(out, &self.str(at), limit);
                    out.push(':');
                    at += 1;
                }
            }
            match self.view(at) {
                View::Null => out.push_str("null"),
                View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                View::Number(text) => out.push_str(text),
                View::String(s) => write_str(out, &s, limit),
                View::File(index) => out.push_str(&self.file(index).summary.to_string()),
                View::Array | View::Object => {
                    let is_object = self.tag(at) == Tag::Object;
                    out.push(if is_object { '{' } else { '[' });
                    open.push((self.nodes[at].next as usize, is_object, true));
                }
            }
            at += 1;
            while let Some(&(close, is_object, _)) = open.last() {
                if at < close {
                    break;
                }
                out.push(if is_object { '}' } else { ']' });
                open.pop();
            }
        }
        out.len() <= limit
    }
}

/// Deeper than this, a body is not made into a `serde_json::Value` (whose
/// parser, printer and drop recurse).
const MAX_VALUE_DEPTH: usize = 128;

/// A JSON number's text as a value: an integer if it is one serde_json holds
/// exactly, otherwise a float (`inf` becomes `null`, as serde_json writes it).
fn number(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::from(u);
    }
    text.parse::<f64>().map_or(Value::Null, Value::from)
}

/// At most `limit` bytes of `s`, cut at a character, then `...` if it was cut.
pub(crate) fn cut(s: &str, limit: usize) -> String {
    if s.len() <= limit {
        return s.to_owned();
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// `s` as a JSON string, stopping a little after `limit` bytes of output.
fn write_str(out: &mut String, s: &str, limit: usize) {
    out.push('"');
    for c in s.chars() {
        if out.len() > limit {
            return;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON string's text (between its quotes) without its escapes. A lone
/// surrogate, which Python keeps and Rust cannot, becomes U+FFFD.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let hex = |chars: &mut std::str::Chars| {
        let digits: String = chars.by_ref().take(4).collect();
        u32::from_str_radix(&digits, 16).unwrap_or(0xFFFD)
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let high = hex(&mut chars);
                let code = if (0xD800..0xDC00).contains(&high) && chars.as_str().starts_with("\\u")
                {
                    let mut ahead = chars.clone();
                    ahead.nth(1);
                    let low = hex(&mut ahead);
                    if (0xDC00..0xE000).contains(&low) {
                        chars = ahead;
                        0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        high
                    }
                } else {
                    high
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(c) => out.push(c),
            None => {}
        }
    }
    out
}

/// Builds a tree in document order.
pub(crate) struct Builder {
    tree: Tree,
    /// The containers open, innermost last.
    open: Vec<usize>,
}

impl Builder {
    fn push(&mut self, tag: Tag, start: usize, end: usize) -> usize {
        let id = self.tree.nodes.len();
        #[allow(clippy::cast_possible_truncation)]
        self.tree.nodes.push(Node {
            tag,
            start: start as u32,
            end: end as u32,
            next: (id + 1) as u32,
        });
        id
    }

    /// A value inside the innermost container counts as one of its items.
    fn counted(&mut self) {
        if let Some(&container) = self.open.last() {
            self.tree.nodes[container].start += 1;
        }
    }

    /// A scalar value.
    pub(crate) fn scalar(&mut self, tag: Tag, start: usize, end: usize) {
        self.counted();
        self.push(tag, start, end);
    }

    /// An object member's key (`Str` or `Escaped`), before its value.
    pub(crate) fn key(&mut self, tag: Tag, start: usize, end: usize) {
        self.push(tag, start, end);
    }

    /// A container opening at byte `at`.
    pub(crate) fn open(&mut self, tag: Tag, at: usize) {
        self.counted();
        let id = self.push(tag, 0, at);
        self.open.push(id);
    }

    pub(crate) fn close(&mut self) {
        if let Some(id) = self.open.pop() {
            #[allow(clippy::cast_possible_truncation)]
            let next = self.tree.nodes.len() as u32;
            self.tree.nodes[id].next = next;
        }
    }

    pub(crate) fn finish(mut self) -> Tree {
        while !self.open.is_empty() {
            self.close();
        }
        self.tree
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Tree;
    use crate::validation::json_syntax::parse;

    #[test]
    fn converts_and_summarizes() {
        let text = r#"{"a": [1, -2.5e3, true, null, {}], "b": "\u00e9\n\ud83d\ude00", "c": 18446744073709551616}"#;
        let tree = parse(&text.into()).unwrap();
        assert_eq!(
            tree.to_value(Tree::ROOT).unwrap(),
            json!({"a": [1, -2500.0, true, null, {}], "b": "é\n😀", "c": 18_446_744_073_709_551_616.0})
        );
        assert_eq!(tree.summary(Tree::ROOT, 1000), tree.build(Tree::ROOT));
        assert_eq!(tree.summary(Tree::ROOT, 12), json!("{\"a\":[1,-..."));
        let long = parse(&format!("\"{}\"", "é".repeat(100)).into()).unwrap();
        assert_eq!(
            long.summary(Tree::ROOT, 5),
            json!(format!("{}...", "é".repeat(2)))
        );
    }

    #[test]
    fn params_group_repeated_keys() {
        let tree = Tree::params([("a", "1"), ("b", "x"), ("a", "2")]);
        assert_eq!(
            tree.to_value(Tree::ROOT).unwrap(),
            json!({"a": ["1", "2"], "b": "x"})
        );
    }

    #[test]
    fn many_params_group_repeated_keys_in_order_of_first_appearance() {
        // Past 16 pairs, keys are looked up rather than compared.
        for count in [16, 17, 400] {
            let pairs: Vec<(String, String)> = (0..count)
                .map(|i| (format!("k{}", i % 7), i.to_string()))
                .collect();
            let mut expected = serde_json::Map::new();
            for key in 0..7.min(count) {
                let values: Vec<_> = (key..count)
                    .step_by(7)
                    .map(|i| json!(i.to_string()))
                    .collect();
                expected.insert(format!("k{key}"), json!(values));
            }
            let tree = Tree::params(pairs);
            assert_eq!(
                tree.to_value(Tree::ROOT).unwrap(),
                json!(expected),
                "{count} pairs"
            );
        }
        let distinct = Tree::params((0..20).map(|i| (format!("k{i}"), "v")));
        assert_eq!(distinct.len(Tree::ROOT), 20);
        assert_eq!(
            Tree::params([("a", "")]).to_value(Tree::ROOT).unwrap(),
            json!({"a": ""})
        );
        assert_eq!(
            Tree::params(std::iter::empty::<(&str, &str)>())
                .to_value(Tree::ROOT)
                .unwrap(),
            json!({})
        );
    }

    #[test]
    fn deep_values_are_walked_without_recursion() {
        // As deep as a body can be (Python's recursion limit).
        let depth = crate::validation::json_syntax::MAX_NESTING;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let tree = parse(&text.into()).unwrap();
        assert!(tree.to_value(Tree::ROOT).is_none());
        assert_eq!(tree.summary(Tree::ROOT, 6), json!("[[[..."));
    }
}
