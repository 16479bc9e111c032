//! Deserializes request data the way pydantic validates it: with its lax
//! coercions, and reporting every error at once.
//!
//! serde stops at the first error. To go on, this deserializer (over a
//! `serde_json::Value`, tracking the path like serde_path_to_error does):
//!
//! - records a wrong leaf (`"abc"` for an integer) and hands the visitor a
//!   placeholder of the requested type instead, so the rest is still visited;
//! - for what aborts a struct — a missing field, an unknown field under
//!   `deny_unknown_fields`, a type's own `Err` — records the error, repairs the
//!   input (a placeholder for the field, the key dropped, a placeholder instead of
//!   the value) and runs again. Every run finds at least one new error or
//!   succeeds, so it ends.
//!
//! Errors come out sorted as pydantic reports them: by field declaration order,
//! then list index; unknown fields after known ones.
//!
//! Coercions (pydantic's lax mode, which FastAPI uses): `"5"`, `5.0` and `true`
//! are integers; `"3.5"` and `true` are floats; `"yes"`, `"on"`, `1` are booleans.
//! A string is never made from a number. Rust's integer widths are bounds:
//! `300` for a `u8` is `less_than_equal` with `{"le": 255}`.

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    fmt,
};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer as _, EnumAccess, IntoDeserializer,
    MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Map, Number, Value};

use super::problem::{Bound, Problem};
use crate::model::{ErrorLocation, LocItem, ValidationError};

/// At most this many runs: a pathological input ends with the errors found so far.
const MAX_RUNS: usize = 64;

/// Where the value came from, which decides two FastAPI details.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A JSON body: a missing field's `input` is the object it is missing from.
    Json,
    /// Strings from a query, form, header or cookie: a repeated key is a list,
    /// the last value wins for a single one, and a missing field's input is `null`.
    Params,
    /// Path parameters: like `Params`, and a tuple or a single value takes them
    /// in order, each located by its name.
    Path,
}

/// What came out: the value (built with placeholders where something failed, so
/// that `validator` can still check the rest) and every error, sorted.
pub(crate) struct Report<T> {
    pub(crate) value: Option<T>,
    location: ErrorLocation,
    errors: Vec<Entry>,
    /// The fields of each struct, by its location: they order later errors.
    fields: HashMap<Vec<LocItem>, &'static [&'static str]>,
}

impl<T> Report<T> {
    /// A value found without collecting errors.
    pub(crate) fn valid(value: T, location: ErrorLocation) -> Self {
        Self {
            value: Some(value),
            location,
            errors: Vec::new(),
            fields: HashMap::new(),
        }
    }

    /// Errors found before any deserialization (an empty or unparsable body).
    pub(crate) fn invalid(errors: Vec<ValidationError>, location: ErrorLocation) -> Self {
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
            fields: HashMap::new(),
        }
    }

    pub(crate) fn location(&self) -> ErrorLocation {
        self.location
    }

    /// Takes the field order `other` learned (for a value found on a fast path).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn learn_fields<U>(&mut self, other: Report<U>) {
        self.fields = other.fields;
    }

    pub(crate) fn map_errors(&mut self, mut f: impl FnMut(&mut ValidationError)) {
        for entry in &mut self.errors {
            f(&mut entry.error);
        }
    }

    pub(crate) fn errors(self) -> Vec<ValidationError> {
        self.errors.into_iter().map(|entry| entry.error).collect()
    }

    pub(crate) fn is_valid(&self) -> bool {
        self.errors.is_empty()
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

    /// How pydantic would order an error at `loc` (after the location prefix):
    /// by each struct's field order, then list index.
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn sort_key(&self, loc: &[LocItem]) -> Vec<usize> {
        let mut key = Vec::with_capacity(loc.len());
        for (depth, item) in loc.iter().enumerate() {
            key.push(match item {
                LocItem::Index(index) => *index,
                LocItem::Key(name) => self
                    .fields
                    .get(&loc[..depth])
                    .and_then(|fields| fields.iter().position(|f| f == name))
                    .unwrap_or(usize::MAX),
            });
        }
        key
    }
}

/// Deserializes `T` from `value`; `location` starts every `loc`.
pub(crate) fn deserialize<T: DeserializeOwned>(
    value: &Value,
    location: ErrorLocation,
    shape: Shape,
) -> Report<T> {
    let state = RefCell::new(State::new(shape));
    let mut result = None;
    for _ in 0..MAX_RUNS {
        state.borrow_mut().start_run();
        let root = Chain::Root;
        match hand(std::marker::PhantomData::<T>, value, &root, &state) {
            Ok(value) => {
                result = Some(value);
                break;
            }
            Err(error) => {
                if !state.borrow_mut().repair(error, value) {
                    break;
                }
            }
        }
    }
    let mut state = state.into_inner();
    let prefix = LocItem::from(location);
    let mut errors: Vec<Entry> = state
        .structural
        .drain(..)
        .chain(state.leaves.drain(..))
        .collect();
    for entry in &mut errors {
        entry.error.loc.insert(0, prefix.clone());
    }
    errors.sort_by(|a, b| a.key.cmp(&b.key));
    Report {
        value: result,
        location,
        errors,
        fields: state.fields,
    }
}

struct Entry {
    key: Vec<usize>,
    error: ValidationError,
}

/// What the runs learn about the input.
struct State {
    shape: Shape,
    /// Errors of wrong leaves, found again by every run.
    leaves: Vec<Entry>,
    /// Errors that made a repair, kept across runs.
    structural: Vec<Entry>,
    /// Values replaced by a placeholder.
    placeholders: HashSet<Vec<LocItem>>,
    /// Missing fields, given a placeholder, by the object they belong to.
    injected: HashMap<Vec<LocItem>, Vec<&'static str>>,
    /// Unknown fields, dropped, by the object they were in.
    dropped: HashMap<Vec<LocItem>, Vec<String>>,
    /// The fields of each struct met, by its location.
    fields: HashMap<Vec<LocItem>, &'static [&'static str]>,
    changed: bool,
}

impl State {
    fn new(shape: Shape) -> Self {
        Self {
            shape,
            leaves: Vec::new(),
            structural: Vec::new(),
            placeholders: HashSet::new(),
            injected: HashMap::new(),
            dropped: HashMap::new(),
            fields: HashMap::new(),
            changed: false,
        }
    }

    fn start_run(&mut self) {
        self.leaves.clear();
        self.changed = false;
    }

    fn leaf(&mut self, chain: &Chain, problem: &Problem, input: Value) {
        self.leaves.push(Entry {
            key: chain.key(),
            error: problem.at(chain.loc(), input),
        });
    }

    fn structural(&mut self, key: Vec<usize>, loc: Vec<LocItem>, problem: &Problem, input: Value) {
        self.structural.push(Entry {
            key,
            error: problem.at(loc, input),
        });
        self.changed = true;
    }

    /// After a run failed: repair the input so the next run gets further. `false`
    /// when nothing more can be learned.
    fn repair(&mut self, error: DeError, root: &Value) -> bool {
        match error.kind {
            Kind::Recorded => self.changed,
            Kind::Missing(_) | Kind::UnknownField(_) | Kind::Message(_) => {
                let (loc, key) = error.at.unwrap_or_default();
                if !self.placeholders.insert(loc.clone()) {
                    return false;
                }
                // A leaf already reported here stays reported: the placeholder
                // hides it from the next runs.
                if let Some(i) = self.leaves.iter().position(|e| e.error.loc == loc) {
                    let entry = self.leaves.swap_remove(i);
                    self.structural.push(entry);
                } else {
                    let message = match error.kind {
                        Kind::Message(message) => message,
                        Kind::Missing(field) => format!("missing field `{field}`"),
                        Kind::UnknownField(field) => format!("unknown field `{field}`"),
                        Kind::Recorded => unreachable!(),
                    };
                    let input = value_at(root, &loc).cloned().unwrap_or(Value::Null);
                    self.structural(key, loc, &custom_problem(message), input);
                }
                true
            }
        }
    }
}

/// A type's own error: a UUID's is worded as pydantic words it.
fn custom_problem(message: String) -> Problem {
    match message.strip_prefix("UUID parsing failed: ") {
        Some(error) => Problem::UuidParsing(error.to_owned()),
        None => Problem::ValueError(message),
    }
}

pub(crate) fn value_at<'a>(root: &'a Value, loc: &[LocItem]) -> Option<&'a Value> {
    loc.iter()
        .try_fold(root, |value, item| match (value, item) {
            (Value::Object(map), LocItem::Key(key)) => map.get(key.as_ref()),
            (Value::Array(items), LocItem::Index(index)) => items.get(*index),
            _ => None,
        })
}

/// The path to a value, as a linked list on the stack.
enum Chain<'a> {
    Root,
    Key {
        parent: &'a Chain<'a>,
        key: &'a str,
        /// The field's declaration index (or the entry's position in a map).
        order: usize,
    },
    Index {
        parent: &'a Chain<'a>,
        index: usize,
    },
}

impl Chain<'_> {
    fn loc(&self) -> Vec<LocItem> {
        let mut loc = Vec::new();
        self.walk(&mut |chain| match chain {
            Chain::Root => {}
            Chain::Key { key, .. } => loc.push(LocItem::from((*key).to_owned())),
            Chain::Index { index, .. } => loc.push(LocItem::Index(*index)),
        });
        loc
    }

    fn key(&self) -> Vec<usize> {
        let mut key = Vec::new();
        self.walk(&mut |chain| match chain {
            Chain::Root => {}
            Chain::Key { order, .. } => key.push(*order),
            Chain::Index { index, .. } => key.push(*index),
        });
        key
    }

    /// Visits the chain from the root down.
    fn walk(&self, f: &mut impl FnMut(&Chain)) {
        match self {
            Chain::Root => {}
            Chain::Key { parent, .. } | Chain::Index { parent, .. } => parent.walk(f),
        }
        f(self);
    }
}

/// The deserializer's error: what went wrong, and where (set by the innermost
/// frame that sees it).
#[derive(Debug)]
pub(crate) struct DeError {
    kind: Kind,
    at: Option<(Vec<LocItem>, Vec<usize>)>,
}

#[derive(Debug)]
enum Kind {
    /// Recorded already, with a repair: abandon this run.
    Recorded,
    Missing(&'static str),
    UnknownField(String),
    Message(String),
}

impl DeError {
    fn recorded() -> Self {
        Self {
            kind: Kind::Recorded,
            at: None,
        }
    }

    fn located(mut self, chain: &Chain) -> Self {
        if self.at.is_none() && !matches!(self.kind, Kind::Recorded) {
            self.at = Some((chain.loc(), chain.key()));
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Recorded => f.write_str("invalid input"),
            Kind::Missing(field) => write!(f, "missing field `{field}`"),
            Kind::UnknownField(field) => write!(f, "unknown field `{field}`"),
            Kind::Message(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self {
            kind: Kind::Message(msg.to_string()),
            at: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Self {
            kind: Kind::Missing(field),
            at: None,
        }
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Self {
            kind: Kind::UnknownField(field.to_owned()),
            at: None,
        }
    }
}

struct Deserializer<'a> {
    value: &'a Value,
    chain: &'a Chain<'a>,
    state: &'a RefCell<State>,
}

/// Hands the value at `chain` to `seed`: as it is, or as a placeholder where an
/// earlier run found an error the visitor could not get past.
fn hand<'de, T: DeserializeSeed<'de>>(
    seed: T,
    value: &Value,
    chain: &Chain,
    state: &RefCell<State>,
) -> Result<T::Value, DeError> {
    let placeholder = {
        let state = state.borrow();
        !state.placeholders.is_empty() && state.placeholders.contains(&chain.loc())
    };
    if placeholder {
        seed.deserialize(Placeholder)
    } else {
        seed.deserialize(Deserializer::new(value, chain, state))
    }
}

impl<'a> Deserializer<'a> {
    fn new(value: &'a Value, chain: &'a Chain<'a>, state: &'a RefCell<State>) -> Self {
        Self {
            value,
            chain,
            state,
        }
    }

    fn shape(&self) -> Shape {
        self.state.borrow().shape
    }

    /// Records a wrong leaf and lets `visit` build a placeholder instead.
    fn wrong<'de, V: Visitor<'de>>(
        &self,
        problem: &Problem,
        visit: impl FnOnce(Placeholder) -> Result<V::Value, DeError>,
    ) -> Result<V::Value, DeError> {
        self.state
            .borrow_mut()
            .leaf(self.chain, problem, self.value.clone());
        visit(Placeholder).map_err(|e: DeError| e.located(self.chain))
    }

    /// Runs `f` on the single value asked for: the last of repeated parameters,
    /// or for `Path<T>` with a scalar `T`, the one path parameter (located by
    /// its name).
    fn scalar<R>(self, f: impl FnOnce(Deserializer<'_>) -> R) -> R {
        match self.value {
            Value::Array(items) if self.shape() != Shape::Json && !items.is_empty() => f(Self {
                value: &items[items.len() - 1],
                ..self
            }),
            Value::Object(map)
                if self.shape() == Shape::Path
                    && matches!(self.chain, Chain::Root)
                    && map.len() == 1 =>
            {
                let (key, value) = map.iter().next().unwrap_or_else(|| unreachable!());
                let chain = Chain::Key {
                    parent: self.chain,
                    key,
                    order: 0,
                };
                f(Deserializer::new(value, &chain, self.state))
            }
            _ => f(self),
        }
    }

    fn integer<'de, V: Visitor<'de>>(
        self,
        min: i128,
        max: u128,
        visit: impl FnOnce(V, i128) -> Result<V::Value, DeError>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.scalar(|this| {
            let parsed = match this.value {
                Value::Number(n) => number_as_integer(n),
                Value::Bool(b) => Ok(i128::from(*b)),
                Value::String(s) => str_as_integer(s),
                _ => Err(Problem::IntType),
            };
            let problem = match parsed {
                Ok(n) if n < min => Problem::GreaterThanEqual(Bound(bound(min))),
                Ok(n) if n >= 0 && n.cast_unsigned() > max => Problem::LessThanEqual(Bound(
                    u64::try_from(max).map_or(Value::from(u64::MAX), Value::from),
                )),
                Ok(n) => return visit(visitor, n).map_err(|e: DeError| e.located(this.chain)),
                Err(problem) => problem,
            };
            this.wrong::<V>(&problem, |_| visit(visitor, 1))
        })
    }

    fn float<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| {
            let parsed = match this.value {
                Value::Number(n) => n.as_f64().ok_or(Problem::FloatType),
                Value::Bool(b) => Ok(f64::from(u8::from(*b))),
                Value::String(s) => s.trim().parse::<f64>().map_err(|_| Problem::FloatParsing),
                _ => Err(Problem::FloatType),
            };
            match parsed {
                Ok(f) => visitor
                    .visit_f64(f)
                    .map_err(|e: DeError| e.located(this.chain)),
                Err(problem) => this.wrong::<V>(&problem, |p| p.deserialize_f64(visitor)),
            }
        })
    }

    fn object<'de, V: Visitor<'de>>(
        &self,
        map: &'a Map<String, Value>,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let path = self.chain.loc();
        if let Some(fields) = fields {
            self.state.borrow_mut().fields.insert(path.clone(), fields);
        }
        let state = self.state.borrow();
        let dropped = state.dropped.get(&path);
        let mut entries: Vec<(&'a str, Option<&'a Value>, usize)> = Vec::with_capacity(map.len());
        for (position, (key, value)) in map.iter().enumerate() {
            if dropped.is_some_and(|dropped| dropped.contains(key)) {
                continue;
            }
            let order = match fields {
                Some(fields) => fields
                    .iter()
                    .position(|field| field == key)
                    .unwrap_or(fields.len() + position),
                None => position,
            };
            entries.push((key.as_str(), Some(value), order));
        }
        if let (Some(fields), Some(injected)) = (fields, state.injected.get(&path)) {
            for field in injected {
                let order = fields.iter().position(|f| f == field).unwrap_or(usize::MAX);
                entries.push((field, None, order));
            }
        }
        drop(state);
        let access = ObjectAccess {
            entries: entries.into_iter(),
            current: None,
            parent: self,
        };
        match visitor.visit_map(access) {
            Ok(value) => Ok(value),
            Err(DeError {
                kind: Kind::Missing(field),
                at: None,
            }) if fields.is_some() => {
                let fields = fields.unwrap_or_default();
                let order = fields
                    .iter()
                    .position(|f| *f == field)
                    .unwrap_or(usize::MAX);
                let mut key = self.chain.key();
                key.push(order);
                let mut loc = path.clone();
                loc.push(LocItem::from(field));
                let mut state = self.state.borrow_mut();
                let input = match state.shape {
                    Shape::Json => self.value.clone(),
                    Shape::Params | Shape::Path => Value::Null,
                };
                state.structural(key, loc, &Problem::Missing, input);
                state.injected.entry(path).or_default().push(field);
                Err(DeError::recorded())
            }
            Err(error) => Err(error.located(self.chain)),
        }
    }

    fn array<'de, V: Visitor<'de>>(
        &self,
        items: &'a [Value],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let access = Elements {
            items: items
                .iter()
                .enumerate()
                .map(|(i, value)| (Step::Index(i), value)),
            parent: self,
        };
        visitor
            .visit_seq(access)
            .map_err(|e: DeError| e.located(self.chain))
    }

    /// `Path<(A, B)>` and `Path<A>`: the parameters in order, each by its name.
    fn positional<'de, V: Visitor<'de>>(
        &self,
        map: &'a Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let access = Elements {
            items: map
                .iter()
                .enumerate()
                .map(|(order, (key, value))| (Step::Key(key, order), value)),
            parent: self,
        };
        visitor
            .visit_seq(access)
            .map_err(|e: DeError| e.located(self.chain))
    }
}

fn bound(n: i128) -> Value {
    i64::try_from(n).map_or_else(|_| Value::from(n.to_string()), Value::from)
}

/// pydantic accepts `5.0` as 5 but not `5.5`.
fn number_as_integer(n: &Number) -> Result<i128, Problem> {
    if let Some(i) = n.as_i64() {
        return Ok(i.into());
    }
    if let Some(u) = n.as_u64() {
        return Ok(u.into());
    }
    match n.as_f64() {
        Some(f) if f.fract() != 0.0 => Err(Problem::IntFromFloat),
        // Saturating: a whole number past i128 is out of any integer type's range.
        #[allow(clippy::cast_possible_truncation)]
        Some(f) => Ok(f as i128),
        None => Err(Problem::IntType),
    }
}

/// pydantic's `str_as_int`: surrounding whitespace and a `.0` tail are fine.
fn str_as_integer(s: &str) -> Result<i128, Problem> {
    let s = s.trim();
    if s.len() > 4300 {
        return Err(Problem::IntParsingSize);
    }
    let digits = match s.split_once('.') {
        Some((int, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') => int,
        _ => s,
    };
    let unsigned = digits.strip_prefix(['+', '-']).unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::IntParsing);
    }
    // Digits past i128 are out of any integer type's range: saturate.
    let negative = digits.starts_with('-');
    Ok(digits
        .strip_prefix('+')
        .unwrap_or(digits)
        .parse::<i128>()
        .unwrap_or(if negative { i128::MIN } else { i128::MAX }))
}

/// pydantic's booleans: `true`/`false`, 0/1, and the words it knows.
fn as_bool(value: &Value) -> Result<bool, Problem> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match n.as_f64() {
            Some(0.0) => Ok(false),
            Some(1.0) => Ok(true),
            _ => Err(Problem::BoolParsing),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "0" | "off" | "f" | "false" | "n" | "no" => Ok(false),
            "1" | "on" | "t" | "true" | "y" | "yes" => Ok(true),
            _ => Err(Problem::BoolParsing),
        },
        _ => Err(Problem::BoolType),
    }
}

macro_rules! integers {
    ($($method:ident $visit:ident $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            // The bounds of each integer type, and a value already checked against them.
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_possible_wrap,
                clippy::cast_sign_loss,
                clippy::cast_lossless
            )]
            self.integer(<$ty>::MIN as i128, <$ty>::MAX as u128, |v, n| v.$visit(n as $ty), visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Deserializer<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result: Result<V::Value, DeError> = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (_, Some(i), _) => visitor.visit_i64(i),
                (_, _, f) => visitor.visit_f64(f.unwrap_or_default()),
            },
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => return self.array(items, visitor),
            Value::Object(map) => return self.object(map, None, visitor),
        };
        result.map_err(|e: DeError| e.located(self.chain))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| match as_bool(this.value) {
            Ok(b) => visitor
                .visit_bool(b)
                .map_err(|e: DeError| e.located(this.chain)),
            Err(problem) => this.wrong::<V>(&problem, |p| p.deserialize_bool(visitor)),
        })
    }

    integers! {
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| {
            let Value::String(s) = this.value else {
                return this.wrong::<V>(&Problem::StringType, |p| p.deserialize_char(visitor));
            };
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => visitor
                    .visit_char(c)
                    .map_err(|e: DeError| e.located(this.chain)),
                (None, _) => {
                    this.wrong::<V>(&Problem::StringTooShort(1), |p| p.deserialize_char(visitor))
                }
                (Some(_), Some(_)) => {
                    this.wrong::<V>(&Problem::StringTooLong(1), |p| p.deserialize_char(visitor))
                }
            }
        })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| match this.value {
            Value::String(s) => visitor
                .visit_str(s)
                .map_err(|e: DeError| e.located(this.chain)),
            _ => this.wrong::<V>(&Problem::StringType, |p| p.deserialize_str(visitor)),
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| match this.value {
            Value::String(s) => visitor
                .visit_bytes(s.as_bytes())
                .map_err(|e: DeError| e.located(this.chain)),
            Value::Array(items) => this.array(items, visitor),
            _ => this.wrong::<V>(&Problem::StringType, |p| p.deserialize_bytes(visitor)),
        })
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor
                .visit_none()
                .map_err(|e: DeError| e.located(self.chain)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor
                .visit_unit()
                .map_err(|e: DeError| e.located(self.chain)),
            _ => self.wrong::<V>(&Problem::NoneRequired, |p| p.deserialize_unit(visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match (self.value, self.shape()) {
            (Value::Array(items), _) => self.array(items, visitor),
            (Value::Object(map), Shape::Path) if matches!(self.chain, Chain::Root) => {
                self.positional(map, visitor)
            }
            (Value::String(_), Shape::Params | Shape::Path) => {
                self.array(std::slice::from_ref(self.value), visitor)
            }
            _ => self.wrong::<V>(&Problem::ListType, |p| p.deserialize_seq(visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match (self.value, self.shape()) {
            (Value::Array(items), _) => self.array(items, visitor),
            (Value::Object(map), Shape::Path) if matches!(self.chain, Chain::Root) => {
                self.positional(map, visitor)
            }
            _ => self.wrong::<V>(&Problem::TupleType, |p| p.deserialize_tuple(len, visitor)),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Object(map) => self.object(map, None, visitor),
            _ => self.wrong::<V>(&Problem::DictType, |p| p.deserialize_map(visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Value::Object(map) => self.object(map, Some(fields), visitor),
            _ => self.wrong::<V>(&Problem::ModelAttributesType, |p| {
                p.deserialize_struct(name, fields, visitor)
            }),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.scalar(|this| match this.value {
            Value::String(s) if variants.contains(&s.as_str()) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e: DeError| e.located(this.chain)),
            Value::Object(map) if map.len() == 1 => {
                let (variant, content) = map.iter().next().unwrap_or_else(|| unreachable!());
                if variants.contains(&variant.as_str()) {
                    let chain = Chain::Key {
                        parent: this.chain,
                        key: variant,
                        order: 0,
                    };
                    let access = Tagged {
                        variant,
                        content: Deserializer::new(content, &chain, this.state),
                    };
                    visitor
                        .visit_enum(access)
                        .map_err(|e: DeError| e.located(this.chain))
                } else {
                    this.wrong_variant(variants, visitor)
                }
            }
            _ => this.wrong_variant(variants, visitor),
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

impl Deserializer<'_> {
    fn wrong_variant<'de, V: Visitor<'de>>(
        self,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let problem = Problem::Enum(variants.iter().map(|v| (*v).to_owned()).collect());
        self.wrong::<V>(&problem, |p| p.deserialize_enum("", variants, visitor))
    }
}

struct ObjectAccess<'a, 'p> {
    entries: std::vec::IntoIter<(&'a str, Option<&'a Value>, usize)>,
    current: Option<(&'a str, Option<&'a Value>, usize)>,
    parent: &'p Deserializer<'a>,
}

impl<'de> MapAccess<'de> for ObjectAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value, order)) = self.entries.next() else {
            return Ok(None);
        };
        self.current = Some((key, value, order));
        let chain = Chain::Key {
            parent: self.parent.chain,
            key,
            order,
        };
        let key_value = Value::String(key.to_owned());
        match seed.deserialize(Deserializer::new(&key_value, &chain, self.parent.state)) {
            Ok(key) => Ok(Some(key)),
            Err(DeError {
                kind: Kind::UnknownField(_),
                ..
            }) => {
                let mut state = self.parent.state.borrow_mut();
                let input = value.cloned().unwrap_or(Value::Null);
                state.structural(chain.key(), chain.loc(), &Problem::ExtraForbidden, input);
                state
                    .dropped
                    .entry(self.parent.chain.loc())
                    .or_default()
                    .push(key.to_owned());
                Err(DeError::recorded())
            }
            Err(error) => Err(error),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value, order)) = self.current.take() else {
            return Err(de::Error::custom("value requested before key"));
        };
        let chain = Chain::Key {
            parent: self.parent.chain,
            key,
            order,
        };
        match value {
            Some(value) => hand(seed, value, &chain, self.parent.state),
            None => seed.deserialize(Placeholder),
        }
    }
}

/// A sequence: list items located by index, or path parameters by name.
struct Elements<'p, 'a, I> {
    items: I,
    parent: &'p Deserializer<'a>,
}

/// Where an element is, below its sequence.
enum Step<'a> {
    Index(usize),
    Key(&'a str, usize),
}

impl<'de, 'a, I> SeqAccess<'de> for Elements<'_, 'a, I>
where
    I: ExactSizeIterator<Item = (Step<'a>, &'a Value)>,
{
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((step, value)) = self.items.next() else {
            return Ok(None);
        };
        let parent = self.parent.chain;
        let chain = match step {
            Step::Index(index) => Chain::Index { parent, index },
            Step::Key(key, order) => Chain::Key { parent, key, order },
        };
        hand(seed, value, &chain, self.parent.state).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A variant and its content: `{"Variant": content}` (serde's externally
/// tagged enums), or a placeholder variant.
struct Tagged<'a, D> {
    variant: &'a str,
    content: D,
}

impl<'de, D: VariantAccess<'de, Error = DeError>> EnumAccess<'de> for Tagged<'_, D> {
    type Error = DeError;
    type Variant = D;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, D), DeError> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, self.content))
    }
}

/// A variant's content is read by the content's own deserializer.
macro_rules! variant_access {
    ($($ty:ty),*) => {$(
        impl<'de> VariantAccess<'de> for $ty {
            type Error = DeError;

            fn unit_variant(self) -> Result<(), DeError> {
                Ok(())
            }

            fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
                seed.deserialize(self)
            }

            fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, DeError> {
                de::Deserializer::deserialize_tuple(self, len, visitor)
            }

            fn struct_variant<V: Visitor<'de>>(
                self,
                fields: &'static [&'static str],
                visitor: V,
            ) -> Result<V::Value, DeError> {
                de::Deserializer::deserialize_struct(self, "", fields, visitor)
            }
        }
    )*};
}

variant_access!(Deserializer<'_>, Placeholder);

/// A value of whatever type is asked for, standing in for one that failed.
struct Placeholder;

/// `Placeholder`'s scalars: one (not zero, which `NonZero*` refuse), `false`, `'?'`.
macro_rules! placeholders {
    ($($method:ident $visit:ident $value:expr,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit($value)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Placeholder {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    placeholders! {
        deserialize_bool visit_bool false,
        deserialize_i8 visit_i8 1,
        deserialize_i16 visit_i16 1,
        deserialize_i32 visit_i32 1,
        deserialize_i64 visit_i64 1,
        deserialize_i128 visit_i128 1,
        deserialize_u8 visit_u8 1,
        deserialize_u16 visit_u16 1,
        deserialize_u32 visit_u32 1,
        deserialize_u64 visit_u64 1,
        deserialize_u128 visit_u128 1,
        deserialize_f32 visit_f32 1.0,
        deserialize_f64 visit_f64 1.0,
        deserialize_char visit_char '?',
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str("")
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(b"")
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(b"")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_none()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_seq(Placeholders(0))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_seq(Placeholders(len))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_seq(Placeholders(len))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(PlaceholderFields(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_map(PlaceholderFields(fields))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let variant = variants.first().copied().unwrap_or_default();
        visitor.visit_enum(Tagged {
            variant,
            content: Placeholder,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str("")
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// `n` placeholders, for a tuple.
struct Placeholders(usize);

impl<'de> SeqAccess<'de> for Placeholders {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.0 == 0 {
            return Ok(None);
        }
        self.0 -= 1;
        seed.deserialize(Placeholder).map(Some)
    }
}

/// Every field of a struct, each a placeholder.
struct PlaceholderFields(&'static [&'static str]);

impl<'de> MapAccess<'de> for PlaceholderFields {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((field, rest)) = self.0.split_first() else {
            return Ok(None);
        };
        self.0 = rest;
        seed.deserialize((*field).into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(Placeholder)
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU32;

    use serde::Deserialize;
    use serde_json::{Value, json};

    use super::{Shape, deserialize};
    use crate::model::ErrorLocation;

    fn errors<T: serde::de::DeserializeOwned>(value: &Value, shape: Shape) -> Value {
        let location = match shape {
            Shape::Json => ErrorLocation::Body,
            Shape::Params => ErrorLocation::Query,
            Shape::Path => ErrorLocation::Path,
        };
        let report = deserialize::<T>(value, location, shape);
        serde_json::to_value(report.errors()).unwrap()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        title: String,
        size: i64,
    }

    #[test]
    fn one_wrong_field() {
        assert_eq!(
            errors::<Item>(&json!({"title": "towel", "size": "XL"}), Shape::Json),
            json!([{"type": "int_parsing", "loc": ["body", "size"],
                    "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "XL"}])
        );
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Many {
        a: u32,
        b: String,
        c: bool,
        d: Vec<u8>,
        e: Option<u8>,
    }

    #[test]
    fn every_error_at_once_in_declaration_order() {
        let got = errors::<Many>(
            &json!({"d": [1, "x", 300], "c": "maybe", "b": 5}),
            Shape::Json,
        );
        let types: Vec<_> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["type"].clone(), e["loc"].clone()))
            .collect();
        assert_eq!(
            types,
            [
                (json!("missing"), json!(["body", "a"])),
                (json!("string_type"), json!(["body", "b"])),
                (json!("bool_parsing"), json!(["body", "c"])),
                (json!("int_parsing"), json!(["body", "d", 1])),
                (json!("less_than_equal"), json!(["body", "d", 2])),
            ]
        );
        assert_eq!(
            got[0]["input"],
            json!({"d": [1, "x", 300], "c": "maybe", "b": 5}),
            "missing: the parent object"
        );
        assert_eq!(got[4]["ctx"], json!({"le": 255}));
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Config {
        account: String,
        tags: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        config: Config,
        other: Config,
    }

    #[test]
    fn nested_missing_fields_are_all_reported() {
        let got = errors::<Outer>(
            &json!({"config": {"tags": ["a", 2]}, "other": {}}),
            Shape::Json,
        );
        assert_eq!(
            got,
            json!([
                {"type": "missing", "loc": ["body", "config", "account"], "msg": "Field required", "input": {"tags": ["a", 2]}},
                {"type": "string_type", "loc": ["body", "config", "tags", 1], "msg": "Input should be a valid string", "input": 2},
                {"type": "missing", "loc": ["body", "other", "account"], "msg": "Field required", "input": {}},
                {"type": "missing", "loc": ["body", "other", "tags"], "msg": "Field required", "input": {}},
            ])
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Numbers {
        a: i64,
        b: i64,
        c: i64,
        d: u8,
        f: f64,
        g: bool,
    }

    #[test]
    fn pydantic_lax_coercions() {
        let report = deserialize::<Numbers>(
            &json!({"a": "5", "b": 5.0, "c": true, "d": " 7.00 ", "f": "3.5", "g": "yes"}),
            ErrorLocation::Body,
            Shape::Json,
        );
        assert!(report.is_valid());
        assert_eq!(
            report.value,
            Some(Numbers {
                a: 5,
                b: 5,
                c: 1,
                d: 7,
                f: 3.5,
                g: true
            })
        );

        let got = errors::<Numbers>(
            &json!({"a": 5.5, "b": "4.5", "c": null, "d": -1, "f": [], "g": 3}),
            Shape::Json,
        );
        let types: Vec<_> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            types,
            [
                "int_from_float",
                "int_parsing",
                "int_type",
                "greater_than_equal",
                "float_type",
                "bool_parsing"
            ]
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Color {
        Red,
        Green,
        Blue,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        color: Color,
        n: NonZeroU32,
    }

    #[test]
    fn enums_unknown_fields_and_a_type_s_own_error() {
        let got = errors::<Strict>(&json!({"extra": 1, "color": "purple", "n": 0}), Shape::Json);
        assert_eq!(
            got,
            json!([
                {"type": "enum", "loc": ["body", "color"], "msg": "Input should be 'red', 'green' or 'blue'",
                 "input": "purple", "ctx": {"expected": "'red', 'green' or 'blue'"}},
                {"type": "value_error", "loc": ["body", "n"], "msg": "Value error, invalid value: integer `0`, expected a nonzero u32",
                 "input": 0, "ctx": {"error": "invalid value: integer `0`, expected a nonzero u32"}},
                {"type": "extra_forbidden", "loc": ["body", "extra"], "msg": "Extra inputs are not permitted", "input": 1},
            ])
        );
    }

    #[test]
    fn a_body_that_is_not_an_object() {
        assert_eq!(
            errors::<Item>(&json!(["not", "an", "object"]), Shape::Json),
            json!([{"type": "model_attributes_type", "loc": ["body"],
                    "msg": "Input should be a valid dictionary or object to extract fields from", "input": ["not", "an", "object"]}])
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Params {
        limit: u32,
        tags: Vec<String>,
        q: Option<String>,
        flag: bool,
    }

    #[test]
    fn parameters_last_value_wins_lists_take_all_missing_is_null() {
        let report = deserialize::<Params>(
            &json!({"limit": ["1", "2"], "tags": ["a", "b"], "flag": "on"}),
            ErrorLocation::Query,
            Shape::Params,
        );
        assert_eq!(
            report.value,
            Some(Params {
                limit: 2,
                tags: vec!["a".into(), "b".into()],
                q: None,
                flag: true
            })
        );
        let got = errors::<Params>(&json!({"limit": "x", "flag": "maybe"}), Shape::Params);
        assert_eq!(
            got,
            json!([
                {"type": "int_parsing", "loc": ["query", "limit"], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
                {"type": "missing", "loc": ["query", "tags"], "msg": "Field required", "input": null},
                {"type": "bool_parsing", "loc": ["query", "flag"], "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"},
            ])
        );
        // A single value is a list of one.
        let report = deserialize::<Params>(
            &json!({"limit": "1", "tags": "a", "flag": "0"}),
            ErrorLocation::Query,
            Shape::Params,
        );
        assert_eq!(report.value.unwrap().tags, ["a"]);
    }

    #[test]
    fn path_parameters_in_order_by_name() {
        let path = json!({"item_id": "foo", "name": "n"});
        let got = errors::<(u32, String)>(&path, Shape::Path);
        assert_eq!(
            got,
            json!([{"type": "int_parsing", "loc": ["path", "item_id"],
                    "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "foo"}])
        );
        let report = deserialize::<(String, String)>(&path, ErrorLocation::Path, Shape::Path);
        assert_eq!(report.value, Some(("foo".into(), "n".into())));
    }
}
