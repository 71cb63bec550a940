//! Validation of values the JS engine already parsed.
//!
//! `Response.json()` builds the objects; the serde types in `llamacloud::models` walk them to
//! check their shape, and the caller gets the engine's own object back (unknown fields
//! survive, nothing is rebuilt).
//!
//! [`Walk`] is the serde `Deserializer` the types are run against. It walks objects and arrays
//! itself, looking up only the fields a type declares: one JS call per struct reports the
//! kinds of all of them (`fieldKinds`), and a value crosses only where a leaf needs it
//! (nested objects, numbers, the strings the SDK reads). Fields are handed to serde by index,
//! so there are no key strings and no per-key allocation. Other leaves go to
//! serde-wasm-bindgen's `Deserializer`. When a value does not fit, the path to it is recorded
//! as the error unwinds, so a `DecodeError` names the field (`items[3].result.confidence`) at
//! no cost on the success path.

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
    /// The JS kinds of a struct's declared fields, 3 bits each, first field lowest.
    #[wasm_bindgen(js_name = fieldKinds)]
    fn field_kinds(object: &JsValue, names: &js_sys::Array) -> f64;
    /// The kind of one value (see `kind`).
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_code(value: &JsValue) -> u32;
    /// `fieldKinds` for a value that may not be an object: `-1 - kind` when it is not.
    #[wasm_bindgen(js_name = structKinds)]
    fn struct_kinds(value: &JsValue, names: &js_sys::Array) -> f64;
    /// `object[names[index]]`.
    #[wasm_bindgen(js_name = fieldValue)]
    fn field_value(object: &JsValue, names: &js_sys::Array, index: u32) -> JsValue;
    /// `object[names[index]]`, known to be a number.
    #[wasm_bindgen(js_name = fieldValue)]
    fn field_number(object: &JsValue, names: &js_sys::Array, index: u32) -> f64;
}

/// Kinds reported by `fieldKinds` (see `js/support.js`); `UNKNOWN` when not asked yet.
mod kind {
    pub const UNDEFINED: u8 = 0;
    pub const NULL: u8 = 1;
    pub const STRING: u8 = 2;
    pub const NUMBER: u8 = 3;
    pub const BOOLEAN: u8 = 4;
    pub const ARRAY: u8 = 5;
    pub const OBJECT: u8 = 6;
    /// Not a JSON value (a function, symbol or bigint).
    pub const OTHER: u8 = 7;
    pub const UNKNOWN: u8 = 8;
}

/// Fields whose kinds fit, 3 bits each, in the 53 exact bits of a JS number.
const MAX_PACKED_FIELDS: usize = 17;

/// Marks [`JsStr`] for [`Walk::deserialize_newtype_struct`].
const JS_STR: &str = "\0classify_sdk::JsStr";

thread_local! {
    /// Each struct's field names as a JS array, built once (keyed by the `FIELDS` address).
    static FIELD_NAMES: RefCell<Vec<(usize, &'static js_sys::Array)>> =
        const { RefCell::new(Vec::new()) };
}

/// A field that must be a JS string, checked by its `typeof` and left in the JS object (the
/// caller gets the engine's object, so the SDK never copies it). Fields the SDK itself reads
/// are `String`s instead.
#[derive(Debug, Clone, Copy)]
pub struct JsStr;

impl<'de> Deserialize<'de> for JsStr {
    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsStrVisitor;
        impl<'de> Visitor<'de> for JsStrVisitor {
            type Value = JsStr;
            fn expecting(&self, formatter: &mut core::fmt::Formatter) -> core::fmt::Result {
                formatter.write_str("a string")
            }
            /// [`Walk`] has checked the kind.
            fn visit_unit<E: de::Error>(self) -> Result<JsStr, E> {
                Ok(JsStr)
            }
            /// Any other deserializer: read it as a string.
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<JsStr, D::Error> {
                String::deserialize(deserializer).map(|_| JsStr)
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

/// Where a [`Walk`]'s value is: already in hand, or still a field of its parent object
/// (fetched only when a leaf needs more than its kind, which a field's walk always knows).
enum Place<'t> {
    Value(JsValue),
    Field {
        object: &'t JsValue,
        names: &'static js_sys::Array,
        index: u32,
    },
}

/// The deserializer the serde types are validated with: one JS value (or where to get it),
/// its kind when known, and the error trail.
struct Walk<'t> {
    place: Place<'t>,
    kind: u8,
    trail: &'t Trail,
}

impl<'t> Walk<'t> {
    #[inline(always)]
    fn value(self) -> JsValue {
        match self.place {
            Place::Value(value) => value,
            Place::Field {
                object,
                names,
                index,
            } => field_value(object, names, index),
        }
    }

    fn leaf(self) -> LeafDeserializer {
        LeafDeserializer::from(self.value())
    }

    /// The kind, asking JS only for a value in hand whose kind is not known yet (a field's
    /// kind always comes with it from `fieldKinds`).
    #[inline(always)]
    fn kind(&self) -> u8 {
        match (&self.place, self.kind) {
            (Place::Value(value), kind::UNKNOWN) => kind_of(value),
            (_, known) => known,
        }
    }
}

/// The kind of a value in hand, in one JS call (the same classes `fieldKinds` reports).
fn kind_of(value: &JsValue) -> u8 {
    kind_code(value).min(u32::from(kind::OTHER)) as u8
}

/// Names a kind for an "invalid type" error, without formatting the value.
fn unexpected(kind: u8) -> de::Unexpected<'static> {
    match kind {
        kind::UNDEFINED | kind::NULL => de::Unexpected::Unit,
        kind::STRING => de::Unexpected::Other("a string"),
        kind::NUMBER => de::Unexpected::Other("a number"),
        kind::BOOLEAN => de::Unexpected::Other("a boolean"),
        kind::ARRAY => de::Unexpected::Seq,
        kind::OBJECT => de::Unexpected::Map,
        _ => de::Unexpected::Other("a non-JSON value"),
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
        deserialize_f32 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    #[inline(always)]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // The common case, a number field, in one call; everything else through the leaf.
        if let (
            kind::NUMBER,
            Place::Field {
                object,
                names,
                index,
            },
        ) = (self.kind, &self.place)
        {
            return visitor.visit_f64(field_number(object, names, *index));
        }
        self.leaf().deserialize_f64(visitor)
    }

    #[inline(always)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let kind = self.kind();
        if kind == kind::UNDEFINED || kind == kind::NULL {
            return visitor.visit_none();
        }
        // The kind goes along, so the inner value is not asked again.
        visitor.visit_some(Walk { kind, ..self })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.leaf().deserialize_unit_struct(name, visitor)
    }

    #[inline(always)]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name.as_ptr() == JS_STR.as_ptr() || name == JS_STR {
            let kind = self.kind();
            return if kind == kind::STRING {
                visitor.visit_unit()
            } else {
                Err(de::Error::invalid_type(unexpected(kind), &visitor))
            };
        }
        visitor.visit_newtype_struct(self)
    }

    #[inline(always)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let trail = self.trail;
        let value = self.value();
        match value.dyn_into::<js_sys::Array>() {
            Ok(array) => visitor.visit_seq(Elements {
                len: array.length(),
                array,
                index: 0,
                trail,
            }),
            Err(other) => Err(de::Error::invalid_type(
                unexpected(kind_of(&other)),
                &visitor,
            )),
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

    #[inline(always)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let trail = self.trail;
        let known = self.kind;
        let object = self.value();
        let names = field_names(fields);
        let kinds = if fields.len() > MAX_PACKED_FIELDS {
            let kind = if known == kind::UNKNOWN {
                kind_of(&object)
            } else {
                known
            };
            if kind != kind::OBJECT {
                return Err(de::Error::invalid_type(unexpected(kind), &visitor));
            }
            u64::MAX
        } else if known == kind::OBJECT {
            field_kinds(&object, names) as u64
        } else {
            // Not known to be an object yet: its kind and its fields' kinds in one call.
            let code = struct_kinds(&object, names);
            if code < 0.0 {
                let kind = (-1.0 - code).min(f64::from(kind::OTHER)) as u8;
                return Err(de::Error::invalid_type(unexpected(kind), &visitor));
            }
            code as u64
        };
        visitor.visit_map(Fields {
            object: &object,
            names,
            kinds,
            count: fields.len() as u32,
            next: 0,
            current: None,
            fields,
            trail,
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

/// `fields` as a JS array of strings, built once per struct type and kept for the
/// instance's lifetime (a handful of small arrays).
fn field_names(fields: &'static [&'static str]) -> &'static js_sys::Array {
    let key = fields.as_ptr() as usize;
    let cached = FIELD_NAMES.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(at, _)| *at == key)
            .map(|(_, names)| *names)
    });
    if let Some(names) = cached {
        return names;
    }
    let names: &'static js_sys::Array = Box::leak(Box::new(
        fields.iter().map(|name| JsValue::from_str(name)).collect(),
    ));
    FIELD_NAMES.with(|cache| cache.borrow_mut().push((key, names)));
    names
}

/// A struct's declared fields, present ones only, handed to serde by index.
struct Fields<'t> {
    object: &'t JsValue,
    names: &'static js_sys::Array,
    /// 3 bits per field from `fieldKinds`, or all ones when there are too many fields.
    kinds: u64,
    count: u32,
    next: u32,
    current: Option<(u32, u8)>,
    fields: &'static [&'static str],
    trail: &'t Trail,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = DeError;

    #[inline(always)]
    fn next_key<K: Deserialize<'de>>(&mut self) -> Result<Option<K>, DeError> {
        self.next_key_seed(core::marker::PhantomData)
    }

    #[inline(always)]
    fn next_value<V: Deserialize<'de>>(&mut self) -> Result<V, DeError> {
        self.next_value_seed(core::marker::PhantomData)
    }

    #[inline(always)]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while self.next < self.count {
            let index = self.next;
            self.next += 1;
            let kind = if self.kinds == u64::MAX {
                kind_of(&field_value(self.object, self.names, index))
            } else {
                ((self.kinds >> (3 * index)) & 7) as u8
            };
            if kind != kind::UNDEFINED {
                self.current = Some((index, kind));
                return seed.deserialize(U32Deserializer::new(index)).map(Some);
            }
        }
        Ok(None)
    }

    #[inline(always)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((index, kind)) = self.current.take() else {
            return Err(de::Error::custom("value requested before its key"));
        };
        let walk = Walk {
            place: Place::Field {
                object: self.object,
                names: self.names,
                index,
            },
            kind,
            trail: self.trail,
        };
        let value = seed.deserialize(walk);
        if value.is_err() {
            let name = self.fields.get(index as usize).copied().unwrap_or_default();
            self.trail.push(Step::Field(name));
        }
        value
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.count - self.next) as usize)
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

    #[inline(always)]
    fn next_element<T: Deserialize<'de>>(&mut self) -> Result<Option<T>, DeError> {
        self.next_element_seed(core::marker::PhantomData)
    }

    #[inline(always)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        let walk = Walk {
            place: Place::Value(self.array.get(index)),
            kind: kind::UNKNOWN,
            trail: self.trail,
        };
        let element = seed.deserialize(walk);
        if element.is_err() {
            self.trail.push(Step::Index(index));
        }
        element.map(Some)
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
        place: Place::Value(value.clone()),
        kind: kind::UNKNOWN,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llamacloud::models::ResultsPage;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn parse(json: &str) -> JsValue {
        js_sys::JSON::parse(json).expect("test JSON")
    }

    fn decode_field<T: DeserializeOwned>(json: &str) -> (String, String) {
        match validate::<T>(&parse(json), Source::Response) {
            Err(Error::Decode { field, problem }) => (field, problem),
            Err(_) => panic!("not a DecodeError"),
            Ok(_) => panic!("accepted {json}"),
        }
    }

    const ITEM: &str = r#"{"id":"r","classify_job_id":"j","result":{"confidence":0.5,"reasoning":"x","type":null}}"#;

    #[wasm_bindgen_test]
    fn a_page_that_fits_is_accepted_and_its_token_read() {
        let json = format!(r#"{{"items":[{ITEM},{ITEM}],"next_page_token":"t2","extra":1}}"#);
        let page: ResultsPage = validate(&parse(&json), Source::Response).ok().unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.next_page_token.as_deref(), Some("t2"));
    }

    #[wasm_bindgen_test]
    fn a_wrong_type_inside_an_array_is_named_with_its_index() {
        let bad = ITEM.replace("0.5", r#""high""#);
        let (field, problem) =
            decode_field::<ResultsPage>(&format!(r#"{{"items":[{ITEM},{ITEM},{bad}]}}"#));
        assert_eq!(field, "items[2].result.confidence");
        assert!(problem.contains("invalid type"), "{problem}");
    }

    #[wasm_bindgen_test]
    fn a_missing_nested_field_is_named() {
        let bad = ITEM.replace(r#""classify_job_id":"j","#, "");
        let (field, _) = decode_field::<ResultsPage>(&format!(r#"{{"items":[{bad}]}}"#));
        assert_eq!(field, "items[0].classify_job_id");
    }

    #[wasm_bindgen_test]
    fn a_number_where_a_string_belongs_is_refused_and_null_is_none() {
        let bad = ITEM.replace(r#""id":"r""#, r#""id":7"#);
        let (field, problem) = decode_field::<ResultsPage>(&format!(r#"{{"items":[{bad}]}}"#));
        assert_eq!(field, "items[0].id");
        assert!(problem.contains("a number"), "{problem}");
        let nullable = ITEM.replace(r#""id":"r","#, r#""id":"r","file_id":null,"#);
        let page: ResultsPage = validate(
            &parse(&format!(r#"{{"items":[{nullable}]}}"#)),
            Source::Response,
        )
        .ok()
        .unwrap();
        assert!(page.items[0].file_id.is_none());
    }

    #[wasm_bindgen_test]
    fn a_top_level_value_of_the_wrong_kind_is_a_decode_error() {
        for json in ["[]", "3", r#""text""#, "null"] {
            let (field, problem) = decode_field::<ResultsPage>(json);
            assert_eq!(field, "", "{json}");
            assert!(problem.contains("expected"), "{json}: {problem}");
        }
    }

    /// More fields than one packed kind code holds: the per-field fallback.
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Wide {
        f01: Option<f64>,
        f02: Option<f64>,
        f03: Option<f64>,
        f04: Option<f64>,
        f05: Option<f64>,
        f06: Option<f64>,
        f07: Option<f64>,
        f08: Option<f64>,
        f09: Option<f64>,
        f10: Option<f64>,
        f11: Option<f64>,
        f12: Option<f64>,
        f13: Option<f64>,
        f14: Option<f64>,
        f15: Option<f64>,
        f16: Option<f64>,
        f17: Option<f64>,
        f18: JsStr,
    }

    #[wasm_bindgen_test]
    fn structs_wider_than_the_packed_kinds_are_checked_field_by_field() {
        assert!(
            validate::<Wide>(&parse(r#"{"f01":1,"f17":2,"f18":"ok"}"#), Source::Response).is_ok()
        );
        let (field, _) = decode_field::<Wide>(r#"{"f01":1,"f18":false}"#);
        assert_eq!(field, "f18");
        let (field, _) = decode_field::<Wide>(r#"{"f02":"x","f18":"ok"}"#);
        assert_eq!(field, "f02");
        let (field, _) = decode_field::<Wide>(r#"{"f01":1}"#);
        assert_eq!(field, "f18");
    }
}
