//! Stand-ins: what a later run hands a visitor in place of a value that is
//! missing (`Absent`) or failed (`Placeholder`), so the rest is still visited.

use super::{
    CANDIDATES, Chain, Cx, DeError, DeserializeSeed, Id, IntoDeserializer, MapAccess, PLACEHOLDER,
    Problem, SeqAccess, Tagged, UPLOAD_FILE, Visitor, de,
};

/// A required field that is missing, found so by an earlier run: `None` for an
/// `Option`, otherwise `missing` and a placeholder.
pub(super) struct Absent<'a> {
    pub(super) cx: Cx<'a>,
    /// The object it is missing from.
    pub(super) parent: Option<Id>,
    pub(super) chain: &'a Chain<'a>,
}

impl Absent<'_> {
    pub(super) fn missing(&self) -> Result<(), DeError> {
        let mut state = self.cx.state.borrow_mut();
        let input = state.missing_input(self.parent, self.chain.depth - 1);
        state.record(self.cx.tree, self.chain, &Problem::Missing, input)
    }
}

/// Every method but `deserialize_option` reports `missing`, then forwards to a
/// placeholder.
macro_rules! absent {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, DeError> {
            self.missing()?;
            Placeholder(0).$method($($arg,)* visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Absent<'_> {
    type Error = DeError;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_none()
    }

    absent! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

/// A value of whatever type is asked for, standing in for one that failed; the
/// number picks the candidate string.
pub(super) struct Placeholder(pub(super) u8);

/// `Placeholder`'s scalars: one (not zero, which `NonZero*` refuse), `false`, `'?'`.
macro_rules! placeholders {
    ($($method:ident $visit:ident $value:expr,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit($value)
        }
    )*};
}

impl Placeholder {
    pub(super) fn text(&self) -> &'static str {
        CANDIDATES[usize::from(self.0) % CANDIDATES.len()]
    }
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
        visitor.visit_str(self.text())
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.text())
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(self.text().as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(self.text().as_bytes())
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
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == UPLOAD_FILE {
            return visitor.visit_newtype_struct(PLACEHOLDER.into_deserializer());
        }
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
            content: Placeholder(0),
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
pub(super) struct Placeholders(pub(super) usize);

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
        seed.deserialize(Placeholder(0)).map(Some)
    }
}

/// Every field of a struct, each a placeholder.
pub(super) struct PlaceholderFields(pub(super) &'static [&'static str]);

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
        seed.deserialize(Placeholder(0))
    }
}
