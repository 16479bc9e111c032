//! What a type declares, learned before a request is read: whether it is an
//! `Option`, its fields (aliases included, in declaration order), whether it
//! refuses unknown fields, and what each field holds (a list, a file, a header
//! read under its own name).
//!
//! serde exposes none of this but through deserialization, so a probe asks the
//! type to deserialize itself, once for the struct and once per field, each
//! time stopping at the first thing it learns. A struct of `n` fields costs
//! `n + 1` calls that each return at once, and the list of its fields.

use std::{cell::RefCell, fmt};

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The name of the newtype an [`UploadFile`](crate::extract::UploadFile) asks for.
pub(crate) const UPLOAD_FILE: &str = "$actix_api_error::UploadFile";
/// The index of the file a placeholder `UploadFile` stands for.
pub(crate) const PLACEHOLDER: usize = usize::MAX;
/// The name of the newtype a [`FileBytes`](crate::extract::FileBytes) asks for.
pub(crate) const FILE_BYTES: &str = "$actix_api_error::FileBytes";
/// The name of the newtype [`keep_underscores`](crate::extract::keep_underscores) asks for.
pub(crate) const KEEP_UNDERSCORES: &str = "$actix_api_error::KeepUnderscores";

/// A type, as far as reading a request needs to know it.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// `Option<T>`: absent when nothing of it was sent.
    pub(crate) optional: bool,
    /// A struct's fields and aliases, in declaration order; `None` for a map,
    /// a struct with a flattened field, or anything else.
    pub(crate) fields: Option<Vec<Field>>,
    /// `#[serde(deny_unknown_fields)]`: pydantic's `extra = "forbid"`.
    pub(crate) deny_unknown: bool,
}

/// One field name (or alias) of a struct.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    /// `Vec<T>`, a set, a tuple: every value of a repeated parameter.
    pub(crate) sequence: bool,
    /// What it holds, if it is read from a file part.
    pub(crate) file: Option<FileKind>,
    /// A header read under the field's own name (`strange_header`), not with
    /// its underscores made hyphens.
    pub(crate) keep_underscores: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// An `UploadFile`: spooled, with its name and type.
    Upload,
    /// `FileBytes`: its bytes, from a file or a text part.
    Bytes,
}

impl Outline {
    /// The outline of `T`.
    pub(crate) fn of<T: DeserializeOwned>() -> Self {
        let outline = RefCell::new(Self::default());
        let _ = T::deserialize(Probe { outline: &outline });
        let mut outline = outline.into_inner();
        if let Some(fields) = &mut outline.fields {
            for field in fields.iter_mut() {
                let learned = RefCell::new(*field);
                let _ = T::deserialize(FieldProbe {
                    name: field.name,
                    field: &learned,
                    depth: 0,
                });
                *field = learned.into_inner();
            }
        }
        outline
    }

    /// Whether `T` is an `Option`: one call, for extractors whose success
    /// path needs no more.
    pub(crate) fn is_optional<T: DeserializeOwned>() -> bool {
        /// Says, as its error, whether an `Option` was asked for.
        struct Optional;

        #[derive(Debug)]
        struct Asked(bool);

        impl fmt::Display for Asked {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("probed")
            }
        }

        impl std::error::Error for Asked {}

        impl de::Error for Asked {
            fn custom<T: fmt::Display>(_: T) -> Self {
                Self(false)
            }
        }

        impl<'de> de::Deserializer<'de> for Optional {
            type Error = Asked;

            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Asked> {
                Err(Asked(false))
            }

            fn deserialize_option<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Asked> {
                Err(Asked(true))
            }

            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct map
                struct enum identifier ignored_any
            }
        }

        matches!(T::deserialize(Optional), Err(Asked(true)))
    }

    /// Whether any of the names received is one of the fields' (or, for a
    /// type that is no struct, whether anything was received).
    pub(crate) fn any_field(&self, mut received: impl Iterator<Item = impl AsRef<str>>) -> bool {
        match &self.fields {
            Some(fields) => {
                received.any(|key| fields.iter().any(|field| field.name == key.as_ref()))
            }
            None => received.next().is_some(),
        }
    }

    /// The field named `name`.
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .as_ref()?
            .iter()
            .find(|field| field.name == name)
    }
}

/// Stops a probe: it learned what it could.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("probed")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

/// Learns the type itself: `Option`, fields, `deny_unknown_fields`.
struct Probe<'a> {
    outline: &'a RefCell<Outline>,
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let mut outline = self.outline.borrow_mut();
        if outline.optional {
            return Err(Stop); // `Option<Option<T>>`: one level is enough
        }
        outline.optional = true;
        drop(outline);
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        self.outline.borrow_mut().fields = Some(
            fields
                .iter()
                .map(|&name| Field {
                    name,
                    sequence: false,
                    file: None,
                    keep_underscores: false,
                })
                .collect(),
        );
        visitor.visit_map(UnknownKey {
            outline: self.outline,
            sent: false,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

/// A map with one key no field has: a struct that refuses it refuses unknown
/// fields; one that takes it asks for its value, and ignores it.
struct UnknownKey<'a> {
    outline: &'a RefCell<Outline>,
    sent: bool,
}

impl<'de> MapAccess<'de> for UnknownKey<'_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        if std::mem::replace(&mut self.sent, true) {
            return Ok(None);
        }
        match seed.deserialize(de::value::BorrowedStrDeserializer::new("\0")) {
            Ok(key) => Ok(Some(key)),
            Err(stop) => {
                self.outline.borrow_mut().deny_unknown = true;
                Err(stop)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        seed.deserialize(de::value::UnitDeserializer::new())
    }
}

/// Learns what one field holds: the struct is handed that field alone.
struct FieldProbe<'a> {
    name: &'static str,
    field: &'a RefCell<Field>,
    /// 0: the struct (or the `Option` around it); 1: the field's value.
    depth: u8,
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        if self.depth > 0 {
            let mut field = self.field.borrow_mut();
            match name {
                UPLOAD_FILE => field.file = Some(FileKind::Upload),
                FILE_BYTES => field.file = Some(FileKind::Bytes),
                KEEP_UNDERSCORES => field.keep_underscores = true,
                _ => {}
            }
            if field.file.is_some() {
                return Err(Stop);
            }
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self.depth {
            0 => return Err(Stop),
            1 => self.field.borrow_mut().sequence = true,
            _ => {}
        }
        // One element, to learn whether the list holds files.
        visitor.visit_seq(OneElement(Some(self)))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        if self.depth > 0 {
            return Err(Stop);
        }
        visitor.visit_map(OneField(Some(self)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple_struct map enum identifier ignored_any
    }
}

/// The struct's one field, its value probed.
struct OneField<'a>(Option<FieldProbe<'a>>);

impl<'de> MapAccess<'de> for OneField<'_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let Some(probe) = &self.0 else {
            return Ok(None);
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(probe.name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let probe = self.0.take().ok_or(Stop)?;
        seed.deserialize(FieldProbe { depth: 1, ..probe })
    }
}

/// A list's one element, probed as the field.
struct OneElement<'a>(Option<FieldProbe<'a>>);

impl<'de> SeqAccess<'de> for OneElement<'_> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stop> {
        let probe = self.0.take().ok_or(Stop)?;
        seed.deserialize(FieldProbe { depth: 2, ..probe }).map(Some)
    }
}
