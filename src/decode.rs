//! Validation of values the JS engine already parsed (and of the caller's option snapshots).
//!
//! `Response.json()` builds the objects; the serde types in `llamacloud::models` walk them to
//! check their shape, and the caller gets the engine's own object back (unknown fields
//! survive, nothing is rebuilt).
//!
//! [`Walk`] is the serde `Deserializer` the types are run against. It walks objects and arrays
//! itself, looking up only the own fields a type declares: one JS call per struct reports the
//! kinds of all of them (`fieldKinds`), and a value crosses only where a leaf needs it
//! (nested objects, numbers, the strings the SDK reads). Fields are handed to serde by index,
//! so there are no key strings and no per-key allocation. Every leaf is read here, and the
//! error type, [`Invalid`], holds static text only: validation never formats or prints a
//! value (a hostile body cannot make the message huge, deep or secret-bearing, and no float
//! or Debug formatting lands in the module). When a value does not fit, the path to it is
//! recorded as the error unwinds, so a `DecodeError` names the field
//! (`items[3].result.confidence: expected a number, got a string`) at no cost on the
//! success path. Recursion follows the Rust types, never the value: a 5,000-deep array in a
//! declared field is one kind check.

use core::cell::{Cell, RefCell};
use core::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde::{Deserialize, Deserializer};
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js::{
    bounded_string, field_kinds, field_number, field_string, field_value, kind_code, struct_kinds,
    MAX_STRING_CHARS,
};

/// Kinds reported by `fieldKinds` (see `js/support.js`); `UNKNOWN` when not asked yet.
mod kind {
    pub const UNDEFINED: u8 = 0;
    pub const NULL: u8 = 1;
    pub const STRING: u8 = 2;
    pub const NUMBER: u8 = 3;
    pub const BOOLEAN: u8 = 4;
    pub const ARRAY: u8 = 5;
    pub const OBJECT: u8 = 6;
    /// Not a JSON value (a function, symbol, bigint, or a revoked Proxy).
    pub const OTHER: u8 = 7;
    pub const UNKNOWN: u8 = 8;
}

/// Fields whose kinds fit, 3 bits each, in the 53 exact bits of a JS number.
const MAX_PACKED_FIELDS: usize = 17;

/// Marks [`JsStr`] for [`Walk::deserialize_newtype_struct`].
const JS_STR: &str = "\0classify_sdk::JsStr";
/// Marks [`JsAny`] for [`Walk::deserialize_newtype_struct`].
const JS_ANY: &str = "\0classify_sdk::JsAny";

thread_local! {
    /// Each struct's field names as a JS array, built once (keyed by the `FIELDS` address).
    static FIELD_NAMES: RefCell<Vec<(usize, &'static js_sys::Array)>> =
        const { RefCell::new(Vec::new()) };
    /// The value a [`JsAny`] is being deserialized from: handed over beside serde's visitor
    /// API, which has no way to pass a JS value.
    static CARRIED: Cell<Option<JsValue>> = const { Cell::new(None) };
}

/// Why a value did not fit. Static text only: never a value.
#[derive(Debug)]
pub enum Invalid {
    /// A value of the wrong kind.
    Type {
        /// What the type needs, e.g. "a number".
        expected: &'static str,
        /// What was there, e.g. "a string".
        got: &'static str,
    },
    /// A required field is absent (its name).
    Missing(&'static str),
    /// API parameters hold a key the type does not declare (the key, capped; never a value).
    UnknownKey(String),
    /// Anything else serde reports.
    Other(&'static str),
}

impl Invalid {
    fn wrong(expected: &'static str, kind: u8) -> Self {
        Invalid::Type {
            expected,
            got: kind_name(kind),
        }
    }

    /// The problem as text: "expected a number, got a string".
    pub fn describe(&self) -> String {
        let mut out = String::new();
        match self {
            Invalid::Type { expected, got } => {
                out.push_str("expected ");
                out.push_str(expected);
                out.push_str(", got ");
                out.push_str(got);
            }
            Invalid::Missing(_) => out.push_str("required, but missing"),
            Invalid::UnknownKey(key) => {
                out.push_str("has an unknown key \"");
                out.push_str(key);
                out.push('"');
            }
            Invalid::Other(text) => out.push_str(text),
        }
        out
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.describe())
    }
}

/// [`Invalid`] behind one pointer: the error of every derived `Result` during validation, so
/// those results stay one word wide (smaller and faster code in every derived visitor).
#[derive(Debug)]
pub struct Fail(Box<Invalid>);

impl From<Invalid> for Fail {
    fn from(invalid: Invalid) -> Self {
        Fail(Box::new(invalid))
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

impl de::StdError for Fail {}

impl de::Error for Fail {
    /// serde's free-form errors would format their argument: replaced by a fixed text.
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Invalid::Other("is not valid").into()
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Invalid::Type {
            expected: "another kind of value",
            got: unexpected_name(&unexpected),
        }
        .into()
    }
    fn invalid_value(unexpected: de::Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Invalid::Type {
            expected: "another value",
            got: unexpected_name(&unexpected),
        }
        .into()
    }
    fn invalid_length(_len: usize, _expected: &dyn de::Expected) -> Self {
        Invalid::Other("has the wrong length").into()
    }
    fn unknown_variant(_variant: &str, _expected: &'static [&'static str]) -> Self {
        Invalid::Other("is not one of the accepted values").into()
    }
    fn unknown_field(_field: &str, _expected: &'static [&'static str]) -> Self {
        Invalid::Other("has an unknown field").into()
    }
    fn missing_field(field: &'static str) -> Self {
        Invalid::Missing(field).into()
    }
    fn duplicate_field(_field: &'static str) -> Self {
        Invalid::Other("has a duplicate field").into()
    }
}

/// A kind, as an error names it.
fn kind_name(kind: u8) -> &'static str {
    match kind {
        kind::UNDEFINED => "nothing",
        kind::NULL => "null",
        kind::STRING => "a string",
        kind::NUMBER => "a number",
        kind::BOOLEAN => "a boolean",
        kind::ARRAY => "an array",
        kind::OBJECT => "an object",
        _ => "a non-JSON value",
    }
}

fn unexpected_name(unexpected: &de::Unexpected<'_>) -> &'static str {
    match unexpected {
        de::Unexpected::Bool(_) => "a boolean",
        de::Unexpected::Unsigned(_) | de::Unexpected::Signed(_) | de::Unexpected::Float(_) => {
            "a number"
        }
        de::Unexpected::Char(_) | de::Unexpected::Str(_) => "a string",
        de::Unexpected::Unit | de::Unexpected::Option => "null",
        de::Unexpected::Seq => "an array",
        de::Unexpected::Map => "an object",
        _ => "another kind of value",
    }
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
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string")
            }
            /// [`Walk`] has checked the kind.
            fn visit_unit<E: de::Error>(self) -> Result<JsStr, E> {
                Ok(JsStr)
            }
        }
        deserializer.deserialize_newtype_struct(JS_STR, JsStrVisitor)
    }
}

/// A JS value of any kind carried through validation untouched: functions, signals and
/// header objects among the caller's options. `undefined` when absent.
#[derive(Debug, Clone, Default)]
pub struct JsAny(pub JsValue);

impl JsAny {
    /// True when the option was left out (or `null`).
    pub fn is_absent(&self) -> bool {
        self.0.is_undefined() || self.0.is_null()
    }
}

impl<'de> Deserialize<'de> for JsAny {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsAnyVisitor;
        impl<'de> Visitor<'de> for JsAnyVisitor {
            type Value = JsAny;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a value")
            }
            /// [`Walk`] has put the value in `CARRIED`.
            fn visit_unit<E: de::Error>(self) -> Result<JsAny, E> {
                Ok(JsAny(
                    CARRIED.with(Cell::take).unwrap_or(JsValue::UNDEFINED),
                ))
            }
        }
        deserializer.deserialize_newtype_struct(JS_ANY, JsAnyVisitor)
    }
}

/// One step of the path to a value that did not fit.
enum Step {
    Field(&'static str),
    Index(u32),
}

/// Steps recorded while an error unwinds (innermost first), and whether nested objects must
/// hold only declared keys (API parameters).
#[derive(Default)]
struct Trail {
    steps: RefCell<Vec<Step>>,
    strict: bool,
}

impl Trail {
    fn push(&self, step: Step) {
        self.steps.borrow_mut().push(step);
    }

    /// `items[3].result.confidence`, or empty at the top level.
    fn render(&self) -> String {
        let mut out = String::new();
        for step in self.steps.borrow().iter().rev() {
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
/// its kind when known, the error trail, and whether its keys are checked (a nested struct of
/// API parameters; the top level's keys are checked when the parameters are read).
struct Walk<'t> {
    place: Place<'t>,
    kind: u8,
    trail: &'t Trail,
    strict: bool,
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

    /// The kind, asking JS only for a value in hand whose kind is not known yet (a field's
    /// kind always comes with it from `fieldKinds`).
    #[inline(always)]
    fn kind(&self) -> u8 {
        match (&self.place, self.kind) {
            (Place::Value(value), kind::UNKNOWN) => kind_of(value),
            (_, known) => known,
        }
    }

    /// The value as a number, when it is one.
    fn number(self, expected: &'static str) -> Result<f64, Fail> {
        let kind = self.kind();
        if kind != kind::NUMBER {
            return Err(Invalid::wrong(expected, kind).into());
        }
        Ok(match self.place {
            Place::Field {
                object,
                names,
                index,
            } => field_number(object, names, index),
            Place::Value(value) => value.as_f64().unwrap_or(f64::NAN),
        })
    }

    /// The value as an integer in `0..=max`.
    fn unsigned(self, max: f64) -> Result<f64, Fail> {
        const EXPECTED: &str = "a non-negative integer";
        let number = self.number(EXPECTED)?;
        if number.fract() != 0.0 || !(0.0..=max).contains(&number) {
            return Err(Invalid::Type {
                expected: EXPECTED,
                got: "another number",
            }
            .into());
        }
        Ok(number)
    }

    fn unsupported<T>(self) -> Result<T, Fail> {
        Err(Invalid::Other("has a type this validator does not read").into())
    }
}

/// The kind of a value in hand, in one JS call (the same classes `fieldKinds` reports).
fn kind_of(value: &JsValue) -> u8 {
    kind_code(value).min(u32::from(kind::OTHER)) as u8
}

macro_rules! unsupported {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Fail> {
            self.unsupported()
        }
    )*};
}

macro_rules! unsigned {
    ($($method:ident $visit:ident $ty:ty, $max:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
            visitor.$visit(self.unsigned($max)? as $ty)
        }
    )*};
}

impl<'de> Deserializer<'de> for Walk<'_> {
    type Error = Fail;

    unsupported! {
        deserialize_any deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_char deserialize_bytes deserialize_byte_buf deserialize_map
        deserialize_identifier
    }

    unsigned! {
        deserialize_u8 visit_u8 u8, 255.0;
        deserialize_u16 visit_u16 u16, 65_535.0;
        deserialize_u32 visit_u32 u32, 4_294_967_295.0;
        deserialize_u64 visit_u64 u64, 9_007_199_254_740_991.0;
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let kind = self.kind();
        if kind != kind::BOOLEAN {
            return Err(Invalid::wrong("a boolean", kind).into());
        }
        visitor.visit_bool(self.value().is_truthy())
    }

    #[inline(always)]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let number = self.number("a number")?;
        if !number.is_finite() {
            return Err(Invalid::Type {
                expected: "a finite number",
                got: "a number out of range",
            }
            .into());
        }
        visitor.visit_f64(number)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        self.deserialize_string(visitor)
    }

    /// A string copied into wasm: only strings the SDK reads, and at most
    /// [`MAX_STRING_CHARS`] of them.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let kind = self.kind();
        if kind != kind::STRING {
            return Err(Invalid::wrong("a string", kind).into());
        }
        let text = match self.place {
            Place::Field {
                object,
                names,
                index,
            } => field_string(object, names, index, MAX_STRING_CHARS),
            Place::Value(value) => bounded_string(&value, MAX_STRING_CHARS),
        };
        match text {
            Some(text) => visitor.visit_string(text),
            None => Err(Invalid::Type {
                expected: "a string of at most 4096 characters",
                got: "a longer one",
            }
            .into()),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        match self.kind() {
            kind::UNDEFINED | kind::NULL => visitor.visit_unit(),
            other => Err(Invalid::wrong("null", other).into()),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Fail> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        visitor.visit_unit()
    }

    #[inline(always)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let kind = self.kind();
        if kind == kind::UNDEFINED || kind == kind::NULL {
            return visitor.visit_none();
        }
        // The kind goes along, so the inner value is not asked again.
        visitor.visit_some(Walk { kind, ..self })
    }

    #[inline(always)]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Fail> {
        if name.as_ptr() == JS_STR.as_ptr() || name == JS_STR {
            let kind = self.kind();
            return if kind == kind::STRING {
                visitor.visit_unit()
            } else {
                Err(Invalid::wrong("a string", kind).into())
            };
        }
        if name.as_ptr() == JS_ANY.as_ptr() || name == JS_ANY {
            CARRIED.with(|carried| carried.set(Some(self.value())));
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    #[inline(always)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let kind = self.kind();
        if kind != kind::ARRAY {
            return Err(Invalid::wrong("an array", kind).into());
        }
        let trail = self.trail;
        let array = self.value();
        visitor.visit_seq(Elements {
            len: crate::js::length_of(&array),
            array,
            index: 0,
            trail,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Fail> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Fail> {
        self.deserialize_seq(visitor)
    }

    #[inline(always)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fail> {
        let trail = self.trail;
        let known = self.kind;
        let strict = self.strict;
        let object = self.value();
        let names = field_names(fields);
        let kinds = if fields.len() > MAX_PACKED_FIELDS {
            let kind = if known == kind::UNKNOWN {
                kind_of(&object)
            } else {
                known
            };
            if kind != kind::OBJECT {
                return Err(Invalid::wrong("an object", kind).into());
            }
            u64::MAX
        } else if known == kind::OBJECT {
            field_kinds(&object, names) as u64
        } else {
            // Not known to be an object yet: its kind and its fields' kinds in one call.
            let code = struct_kinds(&object, names);
            if code < 0.0 {
                let kind = (-1.0 - code).min(f64::from(kind::OTHER)) as u8;
                return Err(Invalid::wrong("an object", kind).into());
            }
            code as u64
        };
        if strict {
            if let Some(key) = crate::js::unknown_key(&object, names) {
                return Err(Invalid::UnknownKey(key).into());
            }
        }
        // The fields go to serde as a sequence in declaration order: the derived code for
        // that form has no key matching, no duplicate checks and no field-name visitor, and an
        // absent field arrives as `undefined` (an `Option` becomes `None`, anything else says
        // what it expected and "got nothing").
        visitor.visit_seq(FieldsInOrder {
            object: &object,
            names,
            kinds,
            count: fields.len() as u32,
            next: 0,
            fields,
            trail,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Fail> {
        self.unsupported()
    }
}

/// `fields` as a JS array of strings, built once per struct type and kept for the
/// instance's lifetime (a handful of small arrays).
pub fn field_names(fields: &'static [&'static str]) -> &'static js_sys::Array {
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

/// The wire names of a derived struct's fields (serde's `FIELDS`), learned by running its
/// `Deserialize` against a probe that stops at the struct. Empty for a non-struct type.
pub fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'c>(&'c Cell<&'static [&'static str]>);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Fail;
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Fail> {
            Err(Invalid::Other("probe").into())
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Fail> {
            self.0.set(fields);
            Err(Invalid::Other("probe").into())
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let found = Cell::new(&[][..]);
    let _ = T::deserialize(Probe(&found));
    found.get()
}

/// A struct's declared fields, all of them in declaration order, handed to serde as a
/// sequence (see `deserialize_struct`).
struct FieldsInOrder<'t> {
    object: &'t JsValue,
    names: &'static js_sys::Array,
    /// 3 bits per field from `fieldKinds`, or all ones when there are too many fields.
    kinds: u64,
    count: u32,
    next: u32,
    fields: &'static [&'static str],
    trail: &'t Trail,
}

impl<'de> de::SeqAccess<'de> for FieldsInOrder<'_> {
    type Error = Fail;

    #[inline(always)]
    fn next_element<T: Deserialize<'de>>(&mut self) -> Result<Option<T>, Fail> {
        self.next_element_seed(core::marker::PhantomData)
    }

    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Fail> {
        if self.next >= self.count {
            return Ok(None);
        }
        // Out of line: one copy per field type, shared by every struct (inlined, each struct
        // carried its own per field: +1.9 KB gz).
        let index = self.next;
        self.next += 1;
        let kind = if self.kinds == u64::MAX {
            kind_of(&field_value(self.object, self.names, index))
        } else {
            ((self.kinds >> (3 * index)) & 7) as u8
        };
        let walk = Walk {
            place: Place::Field {
                object: self.object,
                names: self.names,
                index,
            },
            kind,
            trail: self.trail,
            strict: self.trail.strict,
        };
        let value = seed.deserialize(walk);
        if value.is_err() {
            let name = self.fields.get(index as usize).copied().unwrap_or_default();
            self.trail.push(Step::Field(name));
        }
        value.map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.count - self.next) as usize)
    }
}

/// The elements of a JS array (read through `elementAt`, which never throws).
struct Elements<'t> {
    array: JsValue,
    len: u32,
    index: u32,
    trail: &'t Trail,
}

impl<'de> de::SeqAccess<'de> for Elements<'_> {
    type Error = Fail;

    #[inline(always)]
    fn next_element<T: Deserialize<'de>>(&mut self) -> Result<Option<T>, Fail> {
        self.next_element_seed(core::marker::PhantomData)
    }

    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Fail> {
        if self.index >= self.len {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        let walk = Walk {
            place: Place::Value(crate::js::element_at(&self.array, index)),
            kind: kind::UNKNOWN,
            trail: self.trail,
            strict: self.trail.strict,
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
    /// The caller's options (a snapshot from `readOptions`): a mismatch is an
    /// `InvalidArgumentError`.
    Options,
    /// API parameters (plain data from `readParams`): as `Options`, and nested objects may
    /// hold only the keys their type declares.
    Params,
}

/// Checks `value` against `T`, naming the field that does not match.
pub fn validate<T: DeserializeOwned>(value: &JsValue, source: Source) -> Result<T, Error> {
    let trail = Trail {
        steps: RefCell::default(),
        strict: matches!(source, Source::Params),
    };
    let walk = Walk {
        place: Place::Value(value.clone()),
        kind: kind::UNKNOWN,
        trail: &trail,
        strict: false,
    };
    T::deserialize(walk).map_err(|Fail(invalid)| {
        let mut field = trail.render();
        // serde reports a missing field at its parent; name the field itself.
        if let Invalid::Missing(missing) = *invalid {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(missing);
        }
        let problem = invalid.describe();
        match source {
            Source::Response => Error::Decode { field, problem },
            Source::Options | Source::Params => Error::InvalidArgument {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::llamacloud::models::ResultsPage;
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
        assert_eq!(problem, "expected a number, got a string");
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
        assert_eq!(problem, "expected a string, got a number");
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

    #[wasm_bindgen_test]
    fn nesting_thousands_deep_in_a_declared_field_is_one_short_error() {
        let deep = format!("{}{}", "[".repeat(6000), "]".repeat(6000));
        let bad = ITEM.replace(r#""id":"r""#, &format!(r#""id":{deep}"#));
        let (field, problem) = decode_field::<ResultsPage>(&format!(r#"{{"items":[{bad}]}}"#));
        assert_eq!(field, "items[0].id");
        assert_eq!(problem, "expected a string, got an array");
    }

    #[wasm_bindgen_test]
    fn non_finite_numbers_and_overlong_strings_are_refused() {
        let bad = ITEM.replace("0.5", "1e400");
        let (field, problem) = decode_field::<ResultsPage>(&format!(r#"{{"items":[{bad}]}}"#));
        assert_eq!(field, "items[0].result.confidence");
        assert_eq!(
            problem,
            "expected a finite number, got a number out of range"
        );
        let long = "t".repeat(5000);
        let (field, _) =
            decode_field::<ResultsPage>(&format!(r#"{{"items":[],"next_page_token":"{long}"}}"#));
        assert_eq!(field, "next_page_token");
    }

    /// A struct with a carried JS value, as the option types have.
    #[derive(serde::Deserialize, Default)]
    struct Carrier {
        #[serde(default)]
        value: JsAny,
        #[serde(default)]
        count: Option<u32>,
    }

    #[wasm_bindgen_test]
    fn js_values_are_carried_untouched_and_integers_checked() {
        let object = parse(r#"{"value":{"a":[1,2]},"count":3}"#);
        let carried: Carrier = validate(&object, Source::Options).ok().unwrap();
        let inner = js_sys::Reflect::get(&object, &"value".into()).unwrap();
        assert!(carried.value.0 == inner, "the same JS object");
        assert_eq!(carried.count, Some(3));
        for bad in [
            r#"{"count":-1}"#,
            r#"{"count":2.5}"#,
            r#"{"count":4294967296}"#,
        ] {
            match validate::<Carrier>(&parse(bad), Source::Options) {
                Err(Error::InvalidArgument { argument, problem }) => {
                    assert_eq!(argument, "count");
                    assert!(
                        problem.starts_with("expected a non-negative integer"),
                        "{problem}"
                    );
                }
                _ => panic!("accepted {bad}"),
            }
        }
    }

    #[wasm_bindgen_test]
    fn fields_of_reports_the_wire_names() {
        assert_eq!(fields_of::<Carrier>(), &["value", "count"]);
        assert_eq!(
            fields_of::<ResultsPage>(),
            &["items", "next_page_token", "total_size"]
        );
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
