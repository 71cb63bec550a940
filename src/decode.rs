//! Validation of values the JS engine already parsed.
//!
//! `Response.json()` builds the objects; the serde types in `llamacloud::models` walk them to
//! check their shape, and the caller gets the engine's own object back (unknown fields
//! survive, nothing is rebuilt).
//!
//! [`Walk`] is the serde `Deserializer` the types are run against. It walks objects and arrays
//! itself, looking up only the fields a type declares (one JS call per struct plus one per
//! field, no per-key allocation, no field-name matching: fields are handed to serde by index),
//! and hands every leaf value to serde-wasm-bindgen's `Deserializer`. When a value does not
//! fit, the path to it is recorded as the error unwinds, so a `DecodeError` names the field
//! (`items[3].result.confidence`) at no cost on the success path.

use core::cell::RefCell;

use serde::de::value::U32Deserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde::{Deserialize, Deserializer};
use serde_wasm_bindgen::{Deserializer as LeafDeserializer, Error as DeError};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    /// `names.map((name) => object[name])`: a struct's declared fields in one call.
    #[wasm_bindgen(js_name = fieldValues)]
    fn field_values(object: &JsValue, names: &js_sys::Array) -> js_sys::Array;
}

/// Marks [`JsStr`] for [`Walk::deserialize_newtype_struct`].
const JS_STR: &str = "\0classify_sdk::JsStr";

thread_local! {
    /// The string [`Walk`] just checked, handed to [`JsStr`]'s visitor.
    static CHECKED_STRING: RefCell<Option<js_sys::JsString>> = const { RefCell::new(None) };
    /// Each struct's field names as a JS array, built once (keyed by the `FIELDS` address).
    static FIELD_NAMES: RefCell<Vec<(usize, js_sys::Array)>> = const { RefCell::new(Vec::new()) };
}

/// A JS string, checked by `typeof` and kept on the JS side (no UTF-8 copy).
#[derive(Debug, Clone)]
pub struct JsStr(pub js_sys::JsString);

impl JsStr {
    /// Copies the string into Rust, for the few fields the SDK itself reads.
    pub fn to_rust(&self) -> String {
        String::from(&self.0)
    }
}

impl<'de> Deserialize<'de> for JsStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsStrVisitor;
        impl Visitor<'_> for JsStrVisitor {
            type Value = JsStr;
            fn expecting(&self, formatter: &mut core::fmt::Formatter) -> core::fmt::Result {
                formatter.write_str("a string")
            }
            fn visit_unit<E: de::Error>(self) -> Result<JsStr, E> {
                CHECKED_STRING
                    .with(|slot| slot.borrow_mut().take())
                    .map(JsStr)
                    .ok_or_else(|| E::custom("expected a string"))
            }
        }
        deserializer.deserialize_newtype_struct(JS_STR, JsStrVisitor)
    }
}

/// One step of the path to a value that did not fit.
enum Step {
    Field(&'static str),
    Index(u32),
}

/// Steps recorded while an error unwinds (innermost first).
#[derive(Default)]
struct Trail(RefCell<Vec<Step>>);

impl Trail {
    fn push(&self, step: Step) {
        self.0.borrow_mut().push(step);
    }

    /// `items[3].result.confidence`, or empty at the top level.
    fn render(&self) -> String {
        let mut out = String::new();
        for step in self.0.borrow().iter().rev() {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(index) => {
                    out.push('[');
                    crate::encode::push_u32(&mut out, *index);
                    out.push(']');
                }
            }
        }
        out
    }
}

/// The deserializer the serde types are validated with: one JS value and the error trail.
struct Walk<'t> {
    value: JsValue,
    trail: &'t Trail,
}

impl Walk<'_> {
    fn leaf(self) -> LeafDeserializer {
        LeafDeserializer::from(self.value)
    }

    fn is_nullish(&self) -> bool {
        self.value.is_undefined() || self.value.is_null()
    }
}

/// Names the JS type of a value for an "invalid type" error, without formatting numbers.
fn unexpected(value: &JsValue) -> de::Unexpected<'static> {
    if value.is_undefined() || value.is_null() {
        de::Unexpected::Unit
    } else if value.as_bool().is_some() {
        de::Unexpected::Other("a boolean")
    } else if value.as_f64().is_some() {
        de::Unexpected::Other("a number")
    } else if value.is_string() {
        de::Unexpected::Other("a string")
    } else if js_sys::Array::is_array(value) {
        de::Unexpected::Seq
    } else {
        de::Unexpected::Other("a non-string value")
    }
}

macro_rules! to_leaf {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.leaf().$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Walk<'_> {
    type Error = DeError;

    to_leaf! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.leaf().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == JS_STR {
            return match self.value.dyn_into::<js_sys::JsString>() {
                Ok(text) => {
                    CHECKED_STRING.with(|slot| *slot.borrow_mut() = Some(text));
                    visitor.visit_unit()
                }
                Err(other) => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value.dyn_into::<js_sys::Array>() {
            Ok(array) => visitor.visit_seq(Elements {
                len: array.length(),
                array,
                index: 0,
                trail: self.trail,
            }),
            Err(other) => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.leaf().deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // serde_wasm_bindgen::preserve (JsValue-typed option fields) comes through here.
        self.leaf().deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if !self.value.is_object() || js_sys::Array::is_array(&self.value) {
            return Err(de::Error::invalid_type(unexpected(&self.value), &visitor));
        }
        let values = field_values(&self.value, &field_names(fields));
        visitor.visit_map(Fields {
            values,
            fields,
            next: 0,
            current: None,
            trail: self.trail,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.leaf().deserialize_enum(name, variants, visitor)
    }
}

/// `fields` as a JS array of strings, cached per struct type.
fn field_names(fields: &'static [&'static str]) -> js_sys::Array {
    let key = fields.as_ptr() as usize;
    FIELD_NAMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, names)) = cache.iter().find(|(at, _)| *at == key) {
            return names.clone();
        }
        let names: js_sys::Array = fields.iter().map(|name| JsValue::from_str(name)).collect();
        cache.push((key, names.clone()));
        names
    })
}

/// A struct's declared fields, present ones only, handed to serde by index.
struct Fields<'t> {
    values: js_sys::Array,
    fields: &'static [&'static str],
    next: u32,
    current: Option<(&'static str, JsValue)>,
    trail: &'t Trail,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while let Some(name) = self.fields.get(self.next as usize) {
            let index = self.next;
            self.next += 1;
            let value = self.values.get(index);
            if !value.is_undefined() {
                self.current = Some((name, value));
                return seed.deserialize(U32Deserializer::new(index)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((name, value)) = self.current.take() else {
            return Err(de::Error::custom("value requested before its key"));
        };
        let trail = self.trail;
        seed.deserialize(Walk { value, trail })
            .inspect_err(|_| trail.push(Step::Field(name)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len() - self.next as usize)
    }
}

/// The elements of a JS array.
struct Elements<'t> {
    array: js_sys::Array,
    len: u32,
    index: u32,
    trail: &'t Trail,
}

impl<'de> de::SeqAccess<'de> for Elements<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        let trail = self.trail;
        let value = self.array.get(index);
        seed.deserialize(Walk { value, trail })
            .map(Some)
            .inspect_err(|_| trail.push(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.index) as usize)
    }
}

/// Where a value came from, which decides the error it becomes when it does not fit.
#[derive(Clone, Copy)]
pub enum Source {
    /// An API response: a mismatch is a `DecodeError`.
    Response,
    /// The caller's options: a mismatch is an `InvalidArgumentError`.
    Options,
}

/// Checks `value` against `T`, naming the field that does not match.
pub fn validate<T: DeserializeOwned>(value: &JsValue, source: Source) -> Result<T, Error> {
    let trail = Trail::default();
    let walk = Walk {
        value: value.clone(),
        trail: &trail,
    };
    T::deserialize(walk).map_err(|failure| {
        let mut field = trail.render();
        let problem = js_message(failure.into());
        // serde reports a missing field at its parent; name the field itself.
        if let Some(missing) = problem
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(missing);
        }
        match source {
            Source::Response => Error::Decode { field, problem },
            Source::Options => Error::InvalidArgument {
                argument: if field.is_empty() {
                    "options".into()
                } else {
                    field
                },
                problem,
            },
        }
    })
}

/// The `message` of a JS error value, or its string form.
pub fn js_message(value: JsValue) -> String {
    match value.dyn_into::<js_sys::Error>() {
        Ok(error) => String::from(error.message()),
        Err(other) => other.as_string().unwrap_or_default(),
    }
}
