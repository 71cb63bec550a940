//! P3: serde validation through a hand-written Deserializer over JsValue, no
//! serde-wasm-bindgen. Its error type never formats a `serde::de::Unexpected` (so no
//! `<f64 as Display>`); with feature `bare` it does not format the `Expected` text either.
#![allow(dead_code)]

#[path = "../../common/models.rs"]
mod models;
#[path = "../../common/shell.rs"]
mod shell;

use core::fmt;

use js_sys::{Array, Reflect};
use serde::de::{
    self, value::BorrowedStrDeserializer, DeserializeSeed, Expected, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

pub struct DeError(String);

impl fmt::Debug for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for DeError {}

fn with_expected(prefix: &str, _exp: &dyn Expected) -> DeError {
    #[allow(unused_mut)]
    let mut s = String::from(prefix);
    #[cfg(not(feature = "bare"))]
    {
        use fmt::Write;
        s.push_str(", expected ");
        let _ = write!(s, "{}", _exp);
    }
    DeError(s)
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
    fn invalid_type(_unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        with_expected("invalid type", exp)
    }
    fn invalid_value(_unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        with_expected("invalid value", exp)
    }
    fn invalid_length(_len: usize, exp: &dyn Expected) -> Self {
        with_expected("invalid length", exp)
    }
    fn unknown_variant(variant: &str, _expected: &'static [&'static str]) -> Self {
        DeError(String::from("unknown variant ") + variant)
    }
    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        DeError(String::from("unknown field ") + field)
    }
    fn missing_field(field: &'static str) -> Self {
        DeError(String::from("missing field ") + field)
    }
    fn duplicate_field(field: &'static str) -> Self {
        DeError(String::from("duplicate field ") + field)
    }
}

fn nullish(v: &JsValue) -> bool {
    v.is_null() || v.is_undefined()
}

/// Deserializer over one JsValue.
pub struct De(JsValue);

struct Seq {
    arr: Array,
    i: u32,
    len: u32,
}

impl<'de> SeqAccess<'de> for Seq {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.i >= self.len {
            return Ok(None);
        }
        let v = self.arr.get(self.i);
        self.i += 1;
        seed.deserialize(De(v)).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.i) as usize)
    }
}

/// A struct: one `Reflect::get` per declared field; undefined fields are skipped (serde
/// then applies `default` or reports `missing_field`).
struct Fields {
    obj: JsValue,
    fields: &'static [&'static str],
    i: usize,
    value: JsValue,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while self.i < self.fields.len() {
            let name = self.fields[self.i];
            self.i += 1;
            let v = Reflect::get(&self.obj, &JsValue::from_str(name))
                .map_err(|_| DeError(String::from("cannot read ") + name))?;
            if v.is_undefined() {
                continue;
            }
            self.value = v;
            return seed
                .deserialize(BorrowedStrDeserializer::<DeError>::new(name))
                .map(Some);
        }
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(De(core::mem::replace(&mut self.value, JsValue::UNDEFINED)))
    }
}

fn wrong<'de, V: Visitor<'de>, T>(what: &'static str, v: &V) -> Result<T, DeError> {
    Err(de::Error::invalid_type(Unexpected::Other(what), v))
}

impl<'de> de::Deserializer<'de> for De {
    type Error = DeError;

    /// Only reached for types the models do not use; objects are not self-describing here.
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let x = self.0;
        if nullish(&x) {
            v.visit_unit()
        } else if let Some(b) = x.as_bool() {
            v.visit_bool(b)
        } else if let Some(n) = x.as_f64() {
            v.visit_f64(n)
        } else if let Some(s) = x.as_string() {
            v.visit_string(s)
        } else if Array::is_array(&x) {
            let arr: Array = x.unchecked_into();
            let len = arr.length();
            v.visit_seq(Seq { arr, i: 0, len })
        } else {
            wrong("object", &v)
        }
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.as_bool() {
            Some(b) => v.visit_bool(b),
            None => wrong("non-boolean", &v),
        }
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.as_f64() {
            Some(n) => v.visit_f64(n),
            None => wrong("non-number", &v),
        }
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(v)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.as_string() {
            Some(s) => v.visit_string(s),
            None => wrong("non-string", &v),
        }
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_string(v)
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if nullish(&self.0) {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if nullish(&self.0) {
            v.visit_unit()
        } else {
            wrong("non-null", &v)
        }
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if Array::is_array(&self.0) {
            let arr: Array = self.0.unchecked_into();
            let len = arr.length();
            v.visit_seq(Seq { arr, i: 0, len })
        } else {
            wrong("non-array", &v)
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        if self.0.is_object() && !Array::is_array(&self.0) {
            v.visit_map(Fields {
                obj: self.0,
                fields,
                i: 0,
                value: JsValue::UNDEFINED,
            })
        } else {
            wrong("non-object", &v)
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char bytes byte_buf unit_struct map enum
        identifier tuple_struct
    }
}

fn check<T: de::DeserializeOwned>(v: &JsValue) -> Result<(), JsValue> {
    T::deserialize(De(v.clone()))
        .map(|_| ())
        .map_err(|e| shell::err(&e.0))
}

pub(crate) fn validate_job(v: &JsValue) -> Result<(), JsValue> {
    check::<models::ClassifyJob>(v)
}

pub(crate) fn validate_results(v: &JsValue) -> Result<(), JsValue> {
    check::<models::ResultsPage>(v)
}
