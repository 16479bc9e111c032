//! Deserializes request data the way pydantic validates it: with its lax
//! coercions, and reporting every error at once.
//!
//! serde stops at the first error. To go on, this deserializer (over a
//! [`Tree`], tracking the path like serde_path_to_error does):
//!
//! - records a wrong leaf (`"abc"` for an integer) and hands the visitor a
//!   placeholder of the requested type instead, so the rest is still visited;
//! - for what aborts a struct — a missing field, an unknown field under
//!   `deny_unknown_fields`, a type's own `Err` — records the error, learns from
//!   it and runs again. What it learns applies to every value of the same type:
//!   a field found required is given a stand-in wherever it is missing (so a
//!   thousand items missing it take one more run, not a thousand), unknown
//!   fields of a type that refuses them are dropped, a value a type refused gets
//!   a placeholder (several candidates are tried, for types that refuse `""`).
//!
//! Every run learns something or ends; a run stops as soon as the error bound
//! ([`Limits`]) is reached. An error is recorded only where the input is as the
//! client sent it: a type's own `Err` after a placeholder or a stand-in was
//! handed below it is not reported (its cause already is).
//!
//! Paths are hashed as they are walked; a `loc` is built only for an error. A
//! list or map explored by an earlier run is skipped by the next, so a failing
//! body costs a few passes, not one per error.
//!
//! Errors come out sorted as pydantic reports them: by field declaration order,
//! then list index; unknown fields after known ones.
//!
//! Coercions (pydantic's lax mode, which FastAPI uses) follow pydantic-core:
//! `"5"`, `" 1_000 "`, `5.0` and `true` are integers; `"3.5"` and `true` are
//! floats; `"yes"`, `"on"`, `1` are booleans. A string is never made from a
//! number. Rust's integer widths are bounds: `300` for a `u8` is
//! `less_than_equal` with `{"le": 255}`.

mod error;
mod lax;
mod report;
mod stand_in;

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, HashSet},
    fmt,
    hash::{BuildHasher, BuildHasherDefault, Hash, Hasher},
    marker::PhantomData,
};

use foldhash::fast::RandomState;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer as _, EnumAccess, Expected,
    IntoDeserializer, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::Value;

pub(crate) use self::error::{DeError, scrub};
use self::error::{Kind, custom_problem, expecting};
use self::lax::{IpKind, as_bool, json_integer, str_as_float, str_as_integer};
use self::report::{Entry, FieldOrder, SortKey};
pub(crate) use self::report::{Report, TOO_MANY_ERRORS, bounded};
use self::stand_in::{Absent, Placeholder, Placeholders};
use super::{
    outline::{PLACEHOLDER, UPLOAD_FILE},
    pydantic::{Bound, Problem},
    tree::{Id, Tag, Tree, View, cut},
};
use crate::model::{ErrorLocation, LocItem, ValidationError};

/// How much one failing request may report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Errors in one report; past it the report says more were found.
    pub(crate) max_errors: usize,
    /// Bytes of JSON an echoed `input` (or a `loc` key, or a type's message) may take.
    pub(crate) max_input: usize,
}

/// Deeper than this, a type's own nesting (a `serde_json::Value` field, a
/// recursive type) is not followed: serde_json's limit on the fast path.
const MAX_DEPTH: usize = 128;

/// Where the value came from, which decides some FastAPI details.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A JSON body: a missing field's `input` is the object it is missing from.
    Json,
    /// Strings from a query, form or cookie: a repeated key is a list, the last
    /// value wins for a single one, and a missing field's input is `null`.
    Params,
    /// Headers: like `Params`, but the first value wins for a single one.
    Headers,
    /// Path parameters: like `Params`, and a tuple or a single value takes them
    /// in order, each located by its name.
    Path,
}

/// A bound on runs for a hostile input (each run learns something, and lists
/// explored are skipped, so real inputs take a handful).
const MAX_RUNS: usize = 10_000;

/// What a missing field's `input` is, as FastAPI echoes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum MissingInput {
    /// `null`: a separate parameter (FastAPI's `Query()`, `Header()`, ...).
    Null,
    /// The object it is missing from: a model, as pydantic echoes its input.
    Object,
    /// `null` for the root object's fields (several body parameters, each a
    /// key of the body), the object below it.
    NullAtRoot,
}

impl Shape {
    /// How FastAPI echoes what is missing from this source: a JSON body is a
    /// model, parameters are separate.
    fn missing_input(self) -> MissingInput {
        match self {
            Self::Json => MissingInput::Object,
            Self::Params | Self::Headers | Self::Path => MissingInput::Null,
        }
    }
}

/// Deserializes `T` from `tree`; `location` starts every `loc`.
pub(crate) fn deserialize<T: DeserializeOwned>(
    tree: &Tree,
    location: ErrorLocation,
    shape: Shape,
    limits: Limits,
) -> Report<T> {
    deserialize_as(tree, location, shape, shape.missing_input(), limits)
}

/// [`deserialize`], echoing a missing field's input as `missing` says.
pub(crate) fn deserialize_as<T: DeserializeOwned>(
    tree: &Tree,
    location: ErrorLocation,
    shape: Shape,
    missing: MissingInput,
    limits: Limits,
) -> Report<T> {
    let state = RefCell::new(State::new(location, shape, missing, limits));
    let cx = Cx {
        tree,
        state: &state,
    };
    let root = Chain::root();
    let mut value = None;
    for run in 1.. {
        if run > MAX_RUNS {
            state.borrow_mut().full = true;
            break;
        }
        state.borrow_mut().start_run();
        let result = hand(PhantomData::<T>, cx, Some(Tree::ROOT), &root);
        let mut state = state.borrow_mut();
        if let Ok(found) = result {
            if !state.run.skipped {
                value = Some(found);
                break;
            }
            // Explored lists were skipped: one more run builds the whole value.
            state.skip = false;
        } else if state.full || !state.run.progress {
            break;
        }
    }
    let state = state.into_inner();
    let mut errors = state.errors;
    errors.sort_by(|a, b| a.key.cmp(&b.key));
    Report {
        value,
        location,
        errors,
        truncated: state.full,
        limits,
        order: Some(FieldOrder {
            fields: state.fields,
            hasher: state.hasher,
        }),
    }
}

/// A struct type, as serde names it: by its name and field list (both static).
type TypeKey = (usize, usize, usize);

fn type_key(name: &'static str, fields: &'static [&'static str]) -> TypeKey {
    (
        name.as_ptr() as usize,
        fields.as_ptr() as usize,
        fields.len(),
    )
}

/// A map keyed by a path's hash: the hash is already keyed (`RandomState`),
/// so it is used as it is.
type PathMap<V> = HashMap<u64, V, Hashed>;

/// Hashes a `u64` that is already a keyed hash: it is its own hash.
type Hashed = BuildHasherDefault<AlreadyHashed>;

#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64`s are hashed with it; anything else is still spread.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// What the runs learn about the input and its types.
struct State {
    /// What starts every `loc`.
    location: ErrorLocation,
    shape: Shape,
    missing: MissingInput,
    limits: Limits,
    hasher: RandomState,
    errors: Vec<Entry>,
    /// The paths with an error.
    recorded: HashSet<u64, Hashed>,
    /// The error bound was reached.
    full: bool,
    /// Values replaced by a placeholder: which candidate.
    placeholders: PathMap<u8>,
    /// Fields found required, by type.
    required: HashSet<(TypeKey, &'static str)>,
    /// Required fields that have an alias: never given a stand-in.
    aliased: HashSet<(TypeKey, &'static str)>,
    /// Types that refuse unknown fields.
    deny: HashSet<TypeKey>,
    /// The fields of each struct met, by its path.
    fields: PathMap<&'static [&'static str]>,
    /// How many leading items of each list or map an earlier run explored.
    explored: PathMap<usize>,
    /// Skip explored items (not when the value must be whole).
    skip: bool,
    /// Counts what was recorded or substituted: a type's error that follows one
    /// below it is not the client's.
    changes: u64,
    run: Run,
    /// The internally tagged object whose members are being buffered.
    tagging: Option<Id>,
    /// The variant each internally tagged object names (its tag's value).
    tags: HashMap<Id, String>,
}

/// What one run did.
#[derive(Default)]
struct Run {
    /// It learned something.
    progress: bool,
    /// It skipped explored items.
    skipped: bool,
}

impl State {
    fn new(location: ErrorLocation, shape: Shape, missing: MissingInput, limits: Limits) -> Self {
        Self {
            location,
            shape,
            missing,
            limits,
            hasher: RandomState::default(),
            // Only a failing request is collected: it has an error or two. (At
            // four, a vector of entries is a large allocation: glibc then
            // consolidates its free lists first.)
            errors: Vec::with_capacity(2),
            recorded: HashSet::default(),
            full: false,
            placeholders: PathMap::default(),
            required: HashSet::new(),
            aliased: HashSet::new(),
            deny: HashSet::new(),
            fields: PathMap::default(),
            explored: PathMap::default(),
            skip: true,
            changes: 0,
            run: Run::default(),
            tagging: None,
            tags: HashMap::new(),
        }
    }

    fn start_run(&mut self) {
        self.run = Run::default();
    }

    /// What a field missing from `object` (at `depth`) echoes as its input.
    fn missing_input(&self, object: Option<Id>, depth: usize) -> Option<Id> {
        match self.missing {
            MissingInput::Null => None,
            MissingInput::Object => object,
            MissingInput::NullAtRoot => object.filter(|_| depth > 0),
        }
    }

    /// Records `problem` at `chain` (once per path). `Err` once the bound is
    /// reached: the run stops.
    fn record(
        &mut self,
        tree: &Tree,
        chain: &Chain,
        problem: &Problem,
        input: Option<Id>,
    ) -> Result<(), DeError> {
        let hash = chain.hash(&self.hasher);
        if self.recorded.contains(&hash) {
            self.changes += 1;
            return Ok(());
        }
        let input = input.map_or(Value::Null, |id| tree.summary(id, self.limits.max_input));
        let (loc, order) = chain.path(self.location, self.limits.max_input);
        self.push(hash, order, problem.at(loc, input))
    }

    /// Adds an error for the path `hash` (once), within the bound.
    fn push(&mut self, hash: u64, key: SortKey, error: ValidationError) -> Result<(), DeError> {
        self.changes += 1;
        if self.recorded.contains(&hash) {
            return Ok(());
        }
        if self.errors.len() >= self.limits.max_errors {
            self.full = true;
            return Err(DeError::recorded());
        }
        self.errors.push(Entry { key, error });
        self.recorded.insert(hash);
        self.run.progress = true;
        Ok(())
    }

    /// Forgets the error at `chain` (a stand-in that was not needed).
    fn unrecord(&mut self, hash: u64, loc: &[LocItem]) {
        if self.recorded.remove(&hash) {
            self.errors.retain(|entry| entry.error.loc != loc);
        }
    }
}

/// What every frame shares.
#[derive(Clone, Copy)]
struct Cx<'a> {
    tree: &'a Tree,
    state: &'a RefCell<State>,
}

/// One step of a path.
#[derive(Hash)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

const ROOT_HASH: u64 = 0;

fn step_hash(hasher: &RandomState, parent: u64, step: &Step) -> u64 {
    hasher.hash_one((parent, step))
}

/// The path to a value, as a linked list on the stack; hashed on demand.
struct Chain<'a> {
    parent: Option<&'a Chain<'a>>,
    step: Step<'a>,
    /// The field's declaration index (or the entry's position), or the index.
    order: usize,
    depth: usize,
    hash: Cell<Option<u64>>,
}

impl<'a> Chain<'a> {
    fn root() -> Self {
        Self {
            parent: None,
            step: Step::Index(0),
            order: 0,
            depth: 0,
            hash: Cell::new(Some(ROOT_HASH)),
        }
    }

    fn child(&'a self, step: Step<'a>, order: usize) -> Self {
        Self {
            parent: Some(self),
            step,
            order,
            depth: self.depth + 1,
            hash: Cell::new(None),
        }
    }

    fn key(&'a self, key: &'a str, order: usize) -> Self {
        self.child(Step::Key(key), order)
    }

    fn index(&'a self, index: usize) -> Self {
        self.child(Step::Index(index), index)
    }

    fn hash(&self, hasher: &RandomState) -> u64 {
        if let Some(hash) = self.hash.get() {
            return hash;
        }
        let parent = self.parent.map_or(ROOT_HASH, |parent| parent.hash(hasher));
        let hash = step_hash(hasher, parent, &self.step);
        self.hash.set(Some(hash));
        hash
    }

    /// The `loc` (after `location`, keys cut to `limit` bytes) and the order
    /// of each step, from the root down.
    fn path(&self, location: ErrorLocation, limit: usize) -> (Vec<LocItem>, SortKey) {
        let mut loc = Vec::with_capacity(self.depth + 1);
        let mut order = SortKey::with_capacity(self.depth);
        let mut at = self;
        while let Some(parent) = at.parent {
            loc.push(match at.step {
                Step::Key(key) => LocItem::from(cut(key, limit)),
                Step::Index(index) => LocItem::Index(index),
            });
            order.push(at.order);
            at = parent;
        }
        loc.push(location.into());
        loc.reverse();
        order.reverse();
        (loc, order)
    }
}

/// Placeholder strings, tried in turn for a type that refuses the one before:
/// most `FromStr` types accept one of them.
const CANDIDATES: [&str; 9] = [
    "",
    "00000000-0000-0000-0000-000000000000",
    "0.0.0.0",
    "1970-01-01T00:00:00Z",
    "1970-01-01",
    "00:00:00",
    "http://localhost/",
    "0",
    "a",
];

/// Hands the value at `chain` to `seed`: as it is, as a stand-in for a missing
/// field (`node` is `None`; `parent` is its object), or as a placeholder where an
/// earlier run found an error the visitor could not get past. A type's own error
/// is recorded here, where it happened.
fn hand<'de, T: DeserializeSeed<'de>>(
    seed: T,
    cx: Cx,
    node: Option<Id>,
    chain: &Chain,
) -> Result<T::Value, DeError> {
    hand_in(seed, cx, node, None, chain)
}

fn hand_in<'de, T: DeserializeSeed<'de>>(
    seed: T,
    cx: Cx,
    node: Option<Id>,
    parent: Option<Id>,
    chain: &Chain,
) -> Result<T::Value, DeError> {
    let (attempt, before) = {
        let mut state = cx.state.borrow_mut();
        let attempt = if state.placeholders.is_empty() {
            None
        } else {
            let hash = chain.hash(&state.hasher);
            state.placeholders.get(&hash).copied()
        };
        if attempt.is_some() {
            state.changes += 1;
        }
        (attempt, state.changes)
    };
    if chain.depth >= MAX_DEPTH {
        // Reported as serde_json reports it on the fast path: where the body
        // nests too deeply.
        let mut state = cx.state.borrow_mut();
        let position = node.map_or(0, |node| cx.tree.char_position(node));
        let problem = Problem::JsonInvalid("recursion limit exceeded".into());
        let error = problem.at(
            vec![state.location.into(), LocItem::Index(position)],
            Value::Object(serde_json::Map::new()),
        );
        let hash = chain.hash(&state.hasher);
        state.push(hash, SortKey::new(), error)?;
        drop(state);
        return seed.deserialize(Placeholder(0));
    }
    let result = match (attempt, node) {
        (Some(n), _) => seed.deserialize(Placeholder(n)),
        (None, Some(node)) => seed.deserialize(Deserializer { cx, node, chain }),
        (None, None) => seed.deserialize(Absent { cx, parent, chain }),
    };
    let error = match result {
        Ok(value) => return Ok(value),
        Err(DeError {
            kind: Kind::Recorded,
        }) => return Err(DeError::recorded()),
        Err(error) => error,
    };
    let mut state = cx.state.borrow_mut();
    let tainted = state.changes != before || attempt.is_some() || node.is_none();
    let variant = node.and_then(|node| state.tags.get(&node).cloned());
    match (&error.kind, variant) {
        // A field missing from an internally tagged variant (serde buffers the
        // variant, so its error comes here): pydantic's `[..., tag, field]`.
        (Kind::Missing(field), Some(variant)) if !tainted => {
            let at = chain.key(&variant, 0);
            let input = state.missing_input(node, chain.depth);
            state.record(cx.tree, &at.key(field, 0), &Problem::Missing, input)?;
        }
        _ if !tainted => {
            let problem = error.problem(state.limits.max_input);
            state.record(cx.tree, chain, &problem, node)?;
        }
        _ => {}
    }
    let next = attempt.map_or(0, |n| n + 1);
    if usize::from(next) >= CANDIDATES.len() {
        return Err(DeError::replace());
    }
    let hash = chain.hash(&state.hasher);
    state.placeholders.insert(hash, next);
    state.run.progress = true;
    Err(DeError::recorded())
}

struct Deserializer<'a> {
    cx: Cx<'a>,
    node: Id,
    chain: &'a Chain<'a>,
}

impl<'a> Deserializer<'a> {
    fn shape(&self) -> Shape {
        self.cx.state.borrow().shape
    }

    fn tree(&self) -> &'a Tree {
        self.cx.tree
    }

    fn record(&self, problem: &Problem) -> Result<(), DeError> {
        self.cx
            .state
            .borrow_mut()
            .record(self.cx.tree, self.chain, problem, Some(self.node))
    }

    /// Records a wrong leaf and lets `visit` build a placeholder instead.
    fn wrong<'de, V: Visitor<'de>>(
        &self,
        problem: &Problem,
        visit: impl FnOnce(Placeholder) -> Result<V::Value, DeError>,
    ) -> Result<V::Value, DeError> {
        self.record(problem)?;
        visit(Placeholder(0))
    }

    /// Runs `f` on the single value asked for: one of repeated parameters, or
    /// for `Path<T>` with a scalar `T`, the one path parameter (located by its
    /// name).
    fn scalar<T>(
        self,
        f: impl FnOnce(Deserializer<'_>) -> Result<T, DeError>,
    ) -> Result<T, DeError> {
        let tree = self.tree();
        let shape = self.shape();
        match tree.tag(self.node) {
            Tag::Array if shape != Shape::Json && tree.len(self.node) > 0 => {
                let mut items = tree.items(self.node);
                let node = if shape == Shape::Headers {
                    items.next()
                } else {
                    items.last()
                };
                f(Deserializer {
                    node: node.unwrap_or(self.node),
                    ..self
                })
            }
            Tag::Object
                if shape == Shape::Path && self.chain.depth == 0 && tree.len(self.node) == 1 =>
            {
                let (key, value) = tree.members(self.node).next().unwrap_or_default();
                let key = tree.str(key);
                let chain = self.chain.key(&key, 0);
                let result = f(Deserializer {
                    cx: self.cx,
                    node: value,
                    chain: &chain,
                });
                // The value's own error (a `Uuid`'s, a `FromStr` type's) is
                // the parameter's, not the whole path's.
                match result {
                    Err(
                        error @ DeError {
                            kind: Kind::Message(_) | Kind::UnknownVariant(..),
                        },
                    ) => {
                        let mut state = self.cx.state.borrow_mut();
                        let problem = error.problem(state.limits.max_input);
                        state.record(tree, &chain, &problem, Some(value))?;
                        Err(DeError::recorded())
                    }
                    other => other,
                }
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
            let parsed = match this.tree().view(this.node) {
                View::Number(text) => json_integer(text),
                View::Bool(b) => Ok(i128::from(b)),
                View::String(s) => str_as_integer(&s),
                _ => Err(Problem::IntType),
            };
            let problem = match parsed {
                Ok(n) if n < min => Problem::GreaterThanEqual(Bound(bound(min))),
                Ok(n) if n >= 0 && n.cast_unsigned() > max => Problem::LessThanEqual(Bound(
                    u64::try_from(max).map_or(Value::from(u64::MAX), Value::from),
                )),
                Ok(n) => return visit(visitor, n),
                Err(problem) => problem,
            };
            this.wrong::<V>(&problem, |_| visit(visitor, 1))
        })
    }

    fn float<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| {
            let parsed = match this.tree().view(this.node) {
                View::Number(text) => text.parse::<f64>().map_err(|_| Problem::FloatType),
                View::Bool(b) => Ok(f64::from(u8::from(b))),
                View::String(s) => str_as_float(&s),
                _ => Err(Problem::FloatType),
            };
            match parsed {
                Ok(f) => visitor.visit_f64(f),
                Err(problem) => this.wrong::<V>(&problem, |p| p.deserialize_f64(visitor)),
            }
        })
    }

    /// An object, as a struct (with `fields`) or a map (`resumable` for a map
    /// of any size, whose explored entries later runs skip).
    fn object<'de, V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: Option<&'static [&'static str]>,
        resumable: bool,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let tree = self.tree();
        let tagged = fields.is_none() && expecting(&visitor).starts_with("internally tagged enum");
        let ty = fields.map(|fields| type_key(name, fields));
        let mut entries: Vec<Member> = Vec::with_capacity(tree.len(self.node));
        let mut state = self.cx.state.borrow_mut();
        let mut skip = 0;
        if let Some(fields) = fields {
            let hash = self.chain.hash(&state.hasher);
            state.fields.entry(hash).or_insert(fields);
        } else if resumable && state.skip {
            skip = explored(&mut state, self.chain);
        }
        // A field given twice: pydantic (a Python dict) keeps the last value.
        let mut last: Vec<Option<usize>> = vec![None; fields.map_or(0, <[_]>::len)];
        let members: Vec<(Id, Id)> = tree.members(self.node).skip(skip).collect();
        if let Some(fields) = fields {
            for (i, &(key, _)) in members.iter().enumerate() {
                let key = tree.str(key);
                if let Some(p) = fields.iter().position(|f| *f == key) {
                    last[p] = Some(i);
                }
            }
        }
        for (i, &(key, value)) in members.iter().enumerate() {
            let order = match fields {
                Some(fields) => {
                    let text = tree.str(key);
                    match fields.iter().position(|f| *f == text) {
                        Some(p) if last[p] != Some(i) => continue,
                        Some(p) => p,
                        None if ty.is_some_and(|ty| state.deny.contains(&ty)) => {
                            let chain = self.chain.key(&text, fields.len() + skip + i);
                            state.record(tree, &chain, &Problem::ExtraForbidden, Some(value))?;
                            continue;
                        }
                        None => fields.len() + skip + i,
                    }
                }
                // A map entry: its key's errors (at `"[key]"`) sort before its value's.
                None => 2 * (skip + i) + 1,
            };
            entries.push(Member {
                key: Key::Node(key),
                value: Some(value),
                order,
            });
        }
        if let (Some(fields), Some(ty)) = (fields, ty) {
            for (p, field) in fields.iter().enumerate() {
                if last[p].is_none()
                    && state.required.contains(&(ty, field))
                    && !state.aliased.contains(&(ty, field))
                {
                    entries.push(Member {
                        key: Key::Static(field),
                        value: None,
                        order: p,
                    });
                }
            }
        }
        drop(state);
        let access = ObjectAccess {
            entries: entries.into_iter(),
            current: None,
            parent: &self,
            explored: resumable,
            map: fields.is_none() && !tagged,
            done: skip,
            tagged,
        };
        match visitor.visit_map(access) {
            Ok(value) => Ok(value),
            Err(error) => Err(self.object_failed(error, fields, ty, tagged)),
        }
    }

    /// What a struct's or map's visitor refused: what it teaches the next run.
    /// (Recorded within the bound or not, the run ends.)
    fn object_failed(
        &self,
        error: DeError,
        fields: Option<&'static [&'static str]>,
        ty: Option<TypeKey>,
        tagged: bool,
    ) -> DeError {
        let tree = self.tree();
        let mut state = self.cx.state.borrow_mut();
        match (error.kind, fields, ty) {
            (Kind::Missing(field), Some(fields), Some(ty)) => {
                let order = fields
                    .iter()
                    .position(|f| *f == field)
                    .unwrap_or(usize::MAX);
                let chain = self.chain.key(field, order);
                let input = state.missing_input(Some(self.node), self.chain.depth);
                state.run.progress |= state.required.insert((ty, field));
                state.record(tree, &chain, &Problem::Missing, input).ok();
                DeError::recorded()
            }
            (Kind::UnknownField(key), Some(fields), Some(ty))
                if !fields.contains(&key.as_str()) =>
            {
                let found = tree
                    .members(self.node)
                    .enumerate()
                    .find(|&(_, (k, _))| tree.str(k) == key.as_str());
                // Among the other unknown fields, in input order.
                let order = fields.len() + found.map_or(tree.len(self.node), |(i, _)| i);
                let found = found.map(|(_, member)| member);
                let chain = self.chain.key(&key, order);
                state.run.progress |= state.deny.insert(ty);
                state
                    .record(
                        tree,
                        &chain,
                        &Problem::ExtraForbidden,
                        found.map(|(_, v)| v),
                    )
                    .ok();
                DeError::recorded()
            }
            (Kind::Duplicate(field), Some(_), Some(ty))
                if state.required.contains(&(ty, field))
                    && !state.aliased.contains(&(ty, field)) =>
            {
                // A stand-in for a field also given under an alias.
                let chain = self.chain.key(field, 0);
                let hash = chain.hash(&state.hasher);
                let (loc, _) = chain.path(state.location, state.limits.max_input);
                state.unrecord(hash, &loc);
                state.run.progress |= state.aliased.insert((ty, field));
                DeError::recorded()
            }
            (Kind::Missing(tag), None, _) if tagged => {
                state
                    .record(
                        tree,
                        self.chain,
                        &Problem::UnionTagNotFound(tag.to_owned()),
                        Some(self.node),
                    )
                    .ok();
                DeError::replace()
            }
            (Kind::UnknownVariant(variant, expected), None, _) if tagged => {
                let discriminator = tree
                    .members(self.node)
                    .find(
                        |&(_, v)| matches!(tree.view(v), View::String(s) if s == variant.as_str()),
                    )
                    .map(|(k, _)| tree.str(k).into_owned())
                    .unwrap_or_default();
                let problem = Problem::UnionTagInvalid {
                    discriminator,
                    tag: cut(&variant, state.limits.max_input),
                    expected: expected.iter().map(|v| (*v).to_owned()).collect(),
                };
                state
                    .record(tree, self.chain, &problem, Some(self.node))
                    .ok();
                DeError::replace()
            }
            (kind, _, _) => DeError { kind },
        }
    }

    /// A list's items (skipping those explored already, for a list of any
    /// length), then `pad` placeholders.
    fn array<'de, V: Visitor<'de>>(
        &self,
        visitor: V,
        resumable: bool,
        pad: usize,
    ) -> Result<V::Value, DeError> {
        let skip = if resumable {
            let mut state = self.cx.state.borrow_mut();
            if state.skip {
                explored(&mut state, self.chain)
            } else {
                0
            }
        } else {
            0
        };
        let items: Vec<Id> = self.tree().items(self.node).collect();
        visitor.visit_seq(Elements {
            items: items
                .into_iter()
                .enumerate()
                .skip(skip)
                .map(|(i, id)| (Slot::Index(i), id)),
            parent: self,
            resumable,
            pad,
            explored: 0,
        })
    }

    /// `Path<(A, B)>` and `Path<A>`: the parameters in order, each by its name.
    fn positional<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, DeError> {
        let tree = self.tree();
        let members: Vec<(Id, Id)> = tree.members(self.node).collect();
        visitor.visit_seq(Elements {
            items: members
                .into_iter()
                .enumerate()
                .map(|(order, (key, value))| (Slot::Key(key, order), value)),
            parent: self,
            resumable: false,
            pad: 0,
            explored: 0,
        })
    }

    /// A tuple (or an array `[T; N]`) of `len` from a list of another length:
    /// pydantic's errors for a tuple (`missing` items, `too_long`) or for a list
    /// of fixed length (`too_short`, `too_long`).
    fn tuple<'de, V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, DeError> {
        let actual = self.tree().len(self.node);
        if actual == len {
            return self.array(visitor, false, 0);
        }
        let is_list = expecting(&visitor).starts_with("an array");
        let (bound, count) = (len as u64, actual as u64);
        if is_list {
            let problem = if actual < len {
                Problem::TooShort {
                    of: "List",
                    min: bound,
                    actual: count,
                }
            } else {
                Problem::TooLong {
                    of: "List",
                    max: bound,
                    actual: count,
                }
            };
            return self.wrong::<V>(&problem, |p| p.deserialize_tuple(len, visitor));
        }
        if actual > len {
            self.record(&Problem::TooLong {
                of: "Tuple",
                max: bound,
                actual: count,
            })?;
            return visitor.visit_seq(Placeholders(len));
        }
        let mut state = self.cx.state.borrow_mut();
        let input = state.missing_input(Some(self.node), self.chain.depth);
        for index in actual..len {
            state.record(
                self.tree(),
                &self.chain.index(index),
                &Problem::Missing,
                input,
            )?;
        }
        drop(state);
        self.array(visitor, false, len - actual)
    }
}

/// How many leading items of the list or map at `chain` an earlier run
/// explored; they are skipped.
fn explored(state: &mut State, chain: &Chain) -> usize {
    let hash = chain.hash(&state.hasher);
    let skip = state.explored.get(&hash).copied().unwrap_or(0);
    if skip > 0 {
        state.run.skipped = true;
        state.changes += 1;
    }
    skip
}

/// The first `count` items of the list or map at `chain` were explored.
fn remember_explored(state: &RefCell<State>, chain: &Chain, count: usize) {
    let Ok(mut state) = state.try_borrow_mut() else {
        return;
    };
    if state.skip {
        let hash = chain.hash(&state.hasher);
        state.explored.insert(hash, count);
    }
}

fn bound(n: i128) -> Value {
    i64::try_from(n).map_or_else(|_| Value::from(n.to_string()), Value::from)
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
        match self.tree().view(self.node) {
            View::Null | View::File(_) => visitor.visit_unit(),
            View::Bool(b) => visitor.visit_bool(b),
            View::Number(text) => {
                if let Ok(u) = text.parse::<u64>() {
                    visitor.visit_u64(u)
                } else if let Ok(i) = text.parse::<i64>() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(text.parse().unwrap_or(f64::NAN))
                }
            }
            View::String(s) => visitor.visit_str(&s),
            View::Array => self.array(visitor, false, 0),
            View::Object => self.object("", None, false, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| match as_bool(&this.tree().view(this.node)) {
            Ok(b) => visitor.visit_bool(b),
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
            let View::String(s) = this.tree().view(this.node) else {
                return this.wrong::<V>(&Problem::StringType, |p| p.deserialize_char(visitor));
            };
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => visitor.visit_char(c),
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
        self.scalar(|this| {
            let view = this.tree().view(this.node);
            if let View::String(s) = view {
                return visitor.visit_str(&s);
            }
            let expected = expecting(&visitor);
            // pydantic takes an integer for an IP address (`2130706433`).
            if let (Some(kind), View::Number(number)) = (IpKind::of(&expected), &view)
                && let Some(address) = kind.address_of(number)
            {
                return visitor.visit_str(&address);
            }
            // A UUID or an IP address is not a string to pydantic: its own error.
            let problem = if expected.contains("UUID string") {
                Problem::UuidType
            } else if let Some(kind) = IpKind::of(&expected) {
                kind.problem()
            } else {
                Problem::StringType
            };
            this.wrong::<V>(&problem, |p| p.deserialize_str(visitor))
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(|this| match this.tree().view(this.node) {
            View::String(s) => visitor.visit_bytes(s.as_bytes()),
            View::File(index) => match &this.tree().file(index).bytes {
                Some(bytes) => visitor.visit_bytes(bytes),
                None => this.wrong::<V>(&Problem::StringType, |p| p.deserialize_bytes(visitor)),
            },
            View::Array => this.array(visitor, false, 0),
            _ => this.wrong::<V>(&Problem::StringType, |p| p.deserialize_bytes(visitor)),
        })
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.tree().tag(self.node) {
            Tag::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.tree().tag(self.node) {
            Tag::Null => visitor.visit_unit(),
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
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name != UPLOAD_FILE {
            return visitor.visit_newtype_struct(self);
        }
        self.scalar(|this| {
            if let View::File(index) = this.tree().view(this.node) {
                return visitor.visit_newtype_struct(index.into_deserializer());
            }
            // FastAPI's words for a text field where a file is expected.
            let problem =
                Problem::ValueError("Expected UploadFile, received: <class 'str'>".into());
            this.wrong::<V>(&problem, |p| p.deserialize_newtype_struct(name, visitor))
        })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match (self.tree().tag(self.node), self.shape()) {
            (Tag::Array, _) => self.array(visitor, true, 0),
            (Tag::Object, Shape::Path) if self.chain.depth == 0 => self.positional(visitor),
            (Tag::Str, Shape::Params | Shape::Headers | Shape::Path) => {
                visitor.visit_seq(Elements {
                    items: std::iter::once((Slot::Index(0), self.node)),
                    parent: &self,
                    resumable: false,
                    pad: 0,
                    explored: 0,
                })
            }
            _ => self.wrong::<V>(&Problem::ListType, |p| p.deserialize_seq(visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match (self.tree().tag(self.node), self.shape()) {
            (Tag::Array, _) => self.tuple(len, visitor),
            (Tag::Object, Shape::Path) if self.chain.depth == 0 => self.positional(visitor),
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
        match self.tree().tag(self.node) {
            Tag::Object => self.object("", None, true, visitor),
            _ => self.wrong::<V>(&Problem::DictType, |p| p.deserialize_map(visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.tree().tag(self.node) {
            Tag::Object => self.object(name, Some(fields), false, visitor),
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
        self.scalar(|this| {
            let tree = this.tree();
            match tree.view(this.node) {
                View::String(s) if variants.contains(&&*s) => {
                    visitor.visit_enum(s.as_ref().into_deserializer())
                }
                View::Object if tree.len(this.node) == 1 => {
                    let (key, content) = tree.members(this.node).next().unwrap_or_default();
                    let variant = tree.str(key);
                    if variants.contains(&&*variant) {
                        let chain = this.chain.key(&variant, 0);
                        let access = Tagged {
                            variant: &variant,
                            content: Deserializer {
                                cx: this.cx,
                                node: content,
                                chain: &chain,
                            },
                        };
                        visitor.visit_enum(access)
                    } else {
                        this.wrong_variant(variants, visitor)
                    }
                }
                _ => this.wrong_variant(variants, visitor),
            }
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let tagging = self.cx.state.borrow().tagging;
        if let Some(object) = tagging
            && let View::String(variant) = self.tree().view(self.node)
        {
            // An internally tagged object's tag: the variant its fields are of.
            self.cx
                .state
                .borrow_mut()
                .tags
                .insert(object, variant.into_owned());
        }
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

/// An object member's key: a node of the tree, or a field given a stand-in.
#[derive(Clone, Copy)]
enum Key {
    Node(Id),
    Static(&'static str),
}

struct Member {
    key: Key,
    /// `None`: a required field that is missing.
    value: Option<Id>,
    order: usize,
}

/// pydantic's step in `loc` for a map's key.
const KEY: &str = "[key]";

struct ObjectAccess<'p, 'a> {
    entries: std::vec::IntoIter<Member>,
    current: Option<Member>,
    parent: &'p Deserializer<'a>,
    /// A map of any size (not a struct): explored entries are remembered.
    explored: bool,
    /// A map (not a struct, nor an enum's content): its keys are values.
    map: bool,
    /// How many leading entries were explored: remembered when the map is
    /// done with (once, not for each entry).
    done: usize,
    /// An internally tagged enum's content.
    tagged: bool,
}

impl Drop for ObjectAccess<'_, '_> {
    fn drop(&mut self) {
        if self.explored && self.done > 0 {
            remember_explored(self.parent.cx.state, self.parent.chain, self.done);
        }
    }
}

impl ObjectAccess<'_, '_> {
    fn key_text(&self, key: Key) -> std::borrow::Cow<'_, str> {
        match key {
            Key::Node(id) => self.parent.tree().str(id),
            Key::Static(field) => field.into(),
        }
    }
}

impl<'de> MapAccess<'de> for ObjectAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        if self.current.take().is_some() {
            self.done += 1;
        }
        let Some(member) = self.entries.next() else {
            return Ok(None);
        };
        let key = match member.key {
            Key::Node(id) => {
                let text = self.key_text(member.key);
                // A map's key is validated as pydantic does, at `[..., key,
                // "[key]"]`, ordered just before its value (`member.order`).
                let order = if self.map {
                    member.order - 1
                } else {
                    member.order
                };
                let entry = self.parent.chain.key(&text, order);
                let key_chain;
                let chain = if self.map {
                    key_chain = entry.key(KEY, 0);
                    &key_chain
                } else {
                    &entry
                };
                let deserializer = Deserializer {
                    cx: self.parent.cx,
                    node: id,
                    chain,
                };
                match seed.deserialize(deserializer) {
                    Ok(key) => key,
                    // The struct decides what an unknown field means.
                    Err(
                        error @ DeError {
                            kind: Kind::UnknownField(_),
                        },
                    ) => return Err(error),
                    Err(error) => {
                        let mut state = self.parent.cx.state.borrow_mut();
                        if !matches!(error.kind, Kind::Recorded) {
                            let problem =
                                custom_problem(&error.to_string(), state.limits.max_input);
                            state.record(self.parent.tree(), chain, &problem, Some(id))?;
                        }
                        return Err(DeError::recorded());
                    }
                }
            }
            Key::Static(field) => seed.deserialize(field.into_deserializer())?,
        };
        self.current = Some(member);
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(member) = &self.current else {
            return Err(de::Error::custom("value requested before key"));
        };
        let (key, value, order) = (member.key, member.value, member.order);
        let text = self.key_text(key);
        let chain = self.parent.chain.key(&text, order);
        if self.tagged
            && let Some(node) = value
        {
            // The tag (the rest is buffered): its error is the enum's.
            let cx = self.parent.cx;
            cx.state.borrow_mut().tagging = Some(self.parent.node);
            let value = seed.deserialize(Deserializer {
                cx,
                node,
                chain: &chain,
            });
            cx.state.borrow_mut().tagging = None;
            return value;
        }
        hand_in(seed, self.parent.cx, value, Some(self.parent.node), &chain)
    }
}

/// A sequence: list items located by index, or path parameters by name.
struct Elements<'p, 'a, I> {
    items: I,
    parent: &'p Deserializer<'a>,
    /// A list of any length: explored items are remembered.
    resumable: bool,
    /// Placeholders after the items (a tuple's missing ones, reported already).
    pad: usize,
    /// How many leading items were explored: remembered when the sequence is
    /// done with (once, not for each item).
    explored: usize,
}

impl<I> Drop for Elements<'_, '_, I> {
    fn drop(&mut self) {
        if self.resumable && self.explored > 0 {
            remember_explored(self.parent.cx.state, self.parent.chain, self.explored);
        }
    }
}

/// Where an element is, below its sequence.
enum Slot {
    Index(usize),
    /// A path parameter: its name's node, and its position.
    Key(Id, usize),
}

impl<'de, I> SeqAccess<'de> for Elements<'_, '_, I>
where
    I: Iterator<Item = (Slot, Id)>,
{
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((slot, node)) = self.items.next() else {
            if self.pad == 0 {
                return Ok(None);
            }
            self.pad -= 1;
            return seed.deserialize(Placeholder(0)).map(Some);
        };
        let parent = self.parent.chain;
        let tree = self.parent.tree();
        let value = match slot {
            Slot::Index(index) => {
                let value = hand(seed, self.parent.cx, Some(node), &parent.index(index))?;
                self.explored = index + 1;
                value
            }
            Slot::Key(key, order) => {
                let key = tree.str(key);
                hand(seed, self.parent.cx, Some(node), &parent.key(&key, order))?
            }
        };
        Ok(Some(value))
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

#[cfg(test)]
mod tests {
    use std::num::NonZeroU32;

    use serde::Deserialize;
    use serde_json::{Value, json};

    use super::{Limits, Report, Shape};
    use crate::{
        model::ErrorLocation,
        validation::{json_syntax, tree::Tree},
    };

    const LIMITS: Limits = Limits {
        max_errors: 100,
        max_input: 256,
    };

    /// `value` as the tree its shape reads: JSON text, or an object of strings
    /// (a list for a repeated key).
    fn tree(value: &Value, shape: Shape) -> Tree {
        if shape == Shape::Json {
            return json_syntax::parse(&value.to_string().into()).unwrap();
        }
        let mut pairs = Vec::new();
        for (key, value) in value.as_object().unwrap() {
            match value {
                Value::Array(items) => {
                    pairs.extend(
                        items
                            .iter()
                            .map(|v| (key.clone(), v.as_str().unwrap().to_owned())),
                    );
                }
                value => pairs.push((key.clone(), value.as_str().unwrap().to_owned())),
            }
        }
        Tree::params(pairs)
    }

    fn deserialize<T: serde::de::DeserializeOwned>(
        value: &Value,
        location: ErrorLocation,
        shape: Shape,
    ) -> Report<T> {
        super::deserialize(&tree(value, shape), location, shape, LIMITS)
    }

    fn errors<T: serde::de::DeserializeOwned>(value: &Value, shape: Shape) -> Value {
        let location = match shape {
            Shape::Json => ErrorLocation::Body,
            Shape::Params | Shape::Headers => ErrorLocation::Query,
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
                 "input": 0, "ctx": {"error": {}}},
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
