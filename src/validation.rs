//! Validation of values the JS engine already parsed (and of the caller's option snapshots).
//!
//! `Response.json()` builds the objects; the serde types (both providers' `models`, and the option
//! types in `options`) walk them to check their shape, and the caller gets the engine's own object back (unknown fields
//! survive, nothing is rebuilt).
//!
//! [`Walk`] is the serde `Deserializer` the types are run against. It walks objects and arrays
//! itself, looking up only the own fields a type declares: one JS call per struct reports the
//! kinds of all of them (`fieldKinds`), and a value crosses only where a leaf needs it
//! (nested objects, numbers, the strings the SDK reads). Fields are handed to serde by index,
//! so there are no key strings and no per-key allocation. Every leaf is read here, and the
//! error type, [`Invalid`], holds static text only: validation never formats or prints a
//! value (a hostile body cannot make the message huge, deep or secret-bearing, and no float
//! or Debug formatting lands in the module). serde never sees an error at all ([`Never`]):
//! the first value that does not fit is recorded beside the walk, which then finishes with
//! stand-ins and reads nothing more, so the derived code carries no error paths. The path to
//! that value is recorded on the way out, so a `DecodeError` names the field
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
    pub use crate::js::{
        KIND_ARRAY as ARRAY, KIND_BOOLEAN as BOOLEAN, KIND_NULL as NULL, KIND_NUMBER as NUMBER,
        KIND_OBJECT as OBJECT, KIND_OTHER as OTHER, KIND_STRING as STRING,
        KIND_UNDEFINED as UNDEFINED,
    };
    /// Not asked yet (Rust only: never reported by JS).
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
    /// API parameters hold a key the type does not declare (the key, capped; never a value).
    UnknownKey(String),
    /// A form the validator does not read (see [`Walk`]'s unsupported methods).
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

/// The error type serde sees during validation. It has no values: every `Result` in the
/// derived code is its `Ok` value alone, so the compiler drops every error path (the early
/// returns and the drop glue for half-built structs, which grew with the square of a
/// struct's field count). A value that does not fit is recorded in the walk's [`Trail`]
/// instead, and the walk goes on with stand-in values, reading nothing more (see
/// [`Trail::fail`]).
///
/// serde builds this error only where the walk never leads it: a visitor offered a form it
/// does not take, or a sequence that ends early. [`Walk`] offers each type the form it asked
/// for, and hands a struct exactly its declared fields, so those paths are unreachable for
/// the plain structs, `Option`s, `Vec`s, strings, numbers and booleans the models use (a
/// test runs every model and option type through mismatching values of every kind).
#[derive(Debug)]
pub enum Never {}

impl fmt::Display for Never {
    fn fmt(&self, _formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl de::StdError for Never {}

impl de::Error for Never {
    /// Unreachable for the types the walk reads (see [`Never`]); the other constructors
    /// default to this one.
    #[cold]
    fn custom<T: fmt::Display>(_message: T) -> Self {
        std::process::abort()
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

/// A walk's shared state: whether nested objects must hold only declared keys (API
/// parameters), the first value that did not fit, and the path to it.
///
/// Nothing unwinds (see [`Never`]), so the path is recorded on the way out: `depth` counts
/// the field and element steps open now, a failure remembers the depth it happened at, and
/// as each step closes at that depth it records itself and moves the mark one level up.
/// Steps opened after the failure close at other depths and record nothing. Once a value has
/// failed, the walk reads nothing more: every later field is `undefined` and every array
/// empty, so the derived code finishes with stand-ins at almost no cost.
#[derive(Default)]
struct Trail {
    strict: bool,
    failed: Cell<bool>,
    failure: Cell<Option<Invalid>>,
    depth: Cell<u32>,
    failed_at: Cell<u32>,
    steps: RefCell<Vec<Step>>,
}

impl Trail {
    /// Records `invalid` if it is the first value that did not fit.
    #[inline(never)]
    fn fail(&self, invalid: Invalid) {
        if !self.failed.get() {
            self.failed.set(true);
            self.failure.set(Some(invalid));
            self.failed_at.set(self.depth.get());
        }
    }

    fn failed(&self) -> bool {
        self.failed.get()
    }

    /// Opens a field or element step; returns its depth for [`Trail::leave`].
    #[inline(always)]
    fn enter(&self) -> u32 {
        let depth = self.depth.get() + 1;
        self.depth.set(depth);
        depth
    }

    /// Closes the step opened at `depth`: true when the failure lies inside it, so the step
    /// belongs to the path (recorded by the caller, which knows its name).
    #[inline(always)]
    fn leave(&self, depth: u32) -> bool {
        self.depth.set(depth - 1);
        if self.failed_at.get() == depth {
            self.failed_at.set(depth - 1);
            return true;
        }
        false
    }

    #[inline(never)]
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
                    crate::text::push_u32(&mut out, *index);
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
/// its kind when known, the walk's [`Trail`], and whether its keys are checked (a nested
/// struct of API parameters; the top level's keys are checked when the parameters are read).
///
/// A value that does not fit is recorded with [`Trail::fail`], and the type gets a stand-in
/// of the form it asked for (`false`, `0`, `""`, `None`, no elements, a struct of stand-ins),
/// so serde never sees an error (see [`Never`]).
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

    /// The value as a number when it is one; otherwise the failure is recorded and the
    /// stand-in is 0.
    fn number(self, expected: &'static str) -> f64 {
        let kind = self.kind();
        if kind != kind::NUMBER {
            self.trail.fail(Invalid::wrong(expected, kind));
            return 0.0;
        }
        match self.place {
            Place::Field {
                object,
                names,
                index,
            } => field_number(object, names, index),
            Place::Value(value) => value.as_f64().unwrap_or(f64::NAN),
        }
    }

    /// The value as an integer in `0..=max` (stand-in 0).
    fn unsigned(self, max: f64) -> f64 {
        const EXPECTED: &str = "a non-negative integer";
        let trail = self.trail;
        let number = self.number(EXPECTED);
        if number.fract() != 0.0 || !(0.0..=max).contains(&number) {
            trail.fail(Invalid::Type {
                expected: EXPECTED,
                got: "another number",
            });
            return 0.0;
        }
        number
    }

    /// A struct's object, its field names and its fields' kinds (3 bits each, or all ones
    /// when there are too many to pack), with the checks every struct shares: out of line,
    /// one copy for every struct type. After a failure, or for a field known not to be an
    /// object, nothing is read and every field comes out `undefined`.
    #[inline(never)]
    fn open_struct(
        self,
        fields: &'static [&'static str],
    ) -> (JsValue, &'static js_sys::Array, u64) {
        let trail = self.trail;
        let known = self.kind;
        let strict = self.strict;
        let names = field_names(fields);
        if trail.failed() {
            return (JsValue::UNDEFINED, names, 0);
        }
        if known != kind::UNKNOWN && known != kind::OBJECT {
            trail.fail(Invalid::wrong("an object", known));
            return (JsValue::UNDEFINED, names, 0);
        }
        let object = self.value();
        let kinds = if fields.len() > MAX_PACKED_FIELDS {
            let kind = if known == kind::UNKNOWN {
                kind_of(&object)
            } else {
                known
            };
            if kind != kind::OBJECT {
                trail.fail(Invalid::wrong("an object", kind));
            }
            u64::MAX
        } else if known == kind::OBJECT {
            field_kinds(&object, names) as u64
        } else {
            // Not known to be an object yet: its kind and its fields' kinds in one call.
            let code = struct_kinds(&object, names);
            if code < 0.0 {
                let kind = (-1.0 - code).min(f64::from(kind::OTHER)) as u8;
                trail.fail(Invalid::wrong("an object", kind));
            }
            code.max(0.0) as u64
        };
        if strict && !trail.failed() {
            if let Some(key) = crate::js::unknown_key(&object, names) {
                trail.fail(Invalid::UnknownKey(key));
            }
        }
        (object, names, kinds)
    }

    /// A form no model uses: recorded, and the visitor offered a unit (see [`Never`]).
    fn unsupported<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.trail
            .fail(Invalid::Other("has a type this validator does not read"));
        visitor.visit_unit()
    }
}

/// The kind of a value in hand, in one JS call (the same classes `fieldKinds` reports).
fn kind_of(value: &JsValue) -> u8 {
    kind_code(value).min(u32::from(kind::OTHER)) as u8
}

macro_rules! unsupported {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
            self.unsupported(visitor)
        }
    )*};
}

macro_rules! unsigned {
    ($($method:ident $visit:ident $ty:ty, $max:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
            visitor.$visit(self.unsigned($max) as $ty)
        }
    )*};
}

impl<'de> Deserializer<'de> for Walk<'_> {
    type Error = Never;

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

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let kind = self.kind();
        if kind != kind::BOOLEAN {
            self.trail.fail(Invalid::wrong("a boolean", kind));
            return visitor.visit_bool(false);
        }
        visitor.visit_bool(self.value().is_truthy())
    }

    #[inline(always)]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let trail = self.trail;
        let number = self.number("a number");
        if !number.is_finite() {
            trail.fail(Invalid::Type {
                expected: "a finite number",
                got: "a number out of range",
            });
            return visitor.visit_f64(0.0);
        }
        visitor.visit_f64(number)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        self.deserialize_string(visitor)
    }

    /// A string copied into wasm: only strings the SDK reads, and at most
    /// [`MAX_STRING_CHARS`] of them.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let kind = self.kind();
        let trail = self.trail;
        if kind != kind::STRING {
            trail.fail(Invalid::wrong("a string", kind));
            return visitor.visit_string(String::new());
        }
        let text = match self.place {
            Place::Field {
                object,
                names,
                index,
            } => field_string(object, names, index, MAX_STRING_CHARS),
            Place::Value(value) => bounded_string(&value, MAX_STRING_CHARS),
        };
        if text.is_none() {
            trail.fail(Invalid::Type {
                expected: "a string of at most 4096 characters",
                got: "a longer one",
            });
        }
        visitor.visit_string(text.unwrap_or_default())
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        match self.kind() {
            kind::UNDEFINED | kind::NULL => {}
            other => self.trail.fail(Invalid::wrong("null", other)),
        }
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Never> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_unit()
    }

    #[inline(always)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
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
    ) -> Result<V::Value, Never> {
        if name.as_ptr() == JS_STR.as_ptr() || name == JS_STR {
            let kind = self.kind();
            if kind != kind::STRING {
                self.trail.fail(Invalid::wrong("a string", kind));
            }
            return visitor.visit_unit();
        }
        if name.as_ptr() == JS_ANY.as_ptr() || name == JS_ANY {
            if !self.trail.failed() {
                CARRIED.with(|carried| carried.set(Some(self.value())));
            }
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    #[inline(always)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        let kind = self.kind();
        let trail = self.trail;
        if kind != kind::ARRAY {
            trail.fail(Invalid::wrong("an array", kind));
            return visitor.visit_seq(Sequence(Elements {
                array: JsValue::UNDEFINED,
                len: 0,
                index: 0,
                trail,
            }));
        }
        let array = self.value();
        visitor.visit_seq(Sequence(Elements {
            len: crate::js::length_of(&array),
            array,
            index: 0,
            trail,
        }))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Never> {
        self.unsupported(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Never> {
        self.unsupported(visitor)
    }

    #[inline(always)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Never> {
        let trail = self.trail;
        let (object, names, kinds) = self.open_struct(fields);
        // The fields go to serde as a sequence in declaration order: the derived code for
        // that form has no key matching, no duplicate checks and no field-name visitor, and an
        // absent field arrives as `undefined` (an `Option` becomes `None`, anything else says
        // what it expected and "got nothing").
        visitor.visit_seq(Sequence(FieldsInOrder {
            object: &object,
            names,
            kinds,
            count: fields.len() as u32,
            next: 0,
            fields,
            trail,
        }))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Never> {
        self.unsupported(visitor)
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
    /// Stops the probe (the one error it has).
    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("probe")
        }
    }
    impl de::StdError for Stop {}
    impl de::Error for Stop {
        fn custom<T: fmt::Display>(_message: T) -> Self {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Stop> {
            self.0.set(fields);
            Err(Stop)
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
/// sequence (see `deserialize_struct`). After a failure every field is `undefined`.
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

impl<'t> Steps<'t> for FieldsInOrder<'t> {
    /// The next field's walk and the depth of its step, or `None` after the last field.
    #[inline(never)]
    fn open(&mut self) -> Option<(Walk<'t>, u32)> {
        if self.next >= self.count {
            return None;
        }
        let index = self.next;
        self.next += 1;
        let trail = self.trail;
        let kind = if trail.failed() {
            kind::UNDEFINED
        } else if self.kinds == u64::MAX {
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
            trail,
            strict: trail.strict,
        };
        Some((walk, trail.enter()))
    }

    /// Names the field opened last in the path (the failure lies inside it).
    #[inline(never)]
    fn name_last(&self) {
        let index = (self.next - 1) as usize;
        let name = self.fields.get(index).copied().unwrap_or_default();
        self.trail.push(Step::Field(name));
    }

    fn trail(&self) -> &'t Trail {
        self.trail
    }

    fn remaining(&self) -> usize {
        (self.count - self.next) as usize
    }
}

/// The elements of a JS array (read through `elementAt`, which never throws). After a
/// failure there are no more.
struct Elements<'t> {
    array: JsValue,
    len: u32,
    index: u32,
    trail: &'t Trail,
}

impl<'t> Steps<'t> for Elements<'t> {
    /// The next element's walk and the depth of its step, or `None` at the end (or after a
    /// failure).
    #[inline(never)]
    fn open(&mut self) -> Option<(Walk<'t>, u32)> {
        let trail = self.trail;
        if self.index >= self.len || trail.failed() {
            return None;
        }
        let index = self.index;
        self.index += 1;
        let walk = Walk {
            place: Place::Value(crate::js::element_at(&self.array, index)),
            kind: kind::UNKNOWN,
            trail,
            strict: trail.strict,
        };
        Some((walk, trail.enter()))
    }

    /// Names the element opened last in the path (the failure lies inside it).
    fn name_last(&self) {
        self.trail.push(Step::Index(self.index - 1));
    }

    fn trail(&self) -> &'t Trail {
        self.trail
    }

    fn remaining(&self) -> usize {
        (self.len - self.index) as usize
    }
}

/// The steps of a sequence the walk hands to serde: a struct's fields or an array's elements.
trait Steps<'t> {
    /// The next step's walk and its depth (see [`Trail::leave`]), or `None` at the end.
    fn open(&mut self) -> Option<(Walk<'t>, u32)>;
    /// Records the step opened last in the path.
    fn name_last(&self);
    /// The walk's trail.
    fn trail(&self) -> &'t Trail;
    /// Steps not taken yet.
    fn remaining(&self) -> usize;
}

/// Fields or elements as serde's `SeqAccess`: only the type's own step is generic; opening
/// a step, and naming it when a failure lies inside it, are shared by every type.
struct Sequence<S>(S);

impl<'de, 't, S: Steps<'t>> de::SeqAccess<'de> for Sequence<S> {
    type Error = Never;

    #[inline(always)]
    fn next_element<T: Deserialize<'de>>(&mut self) -> Result<Option<T>, Never> {
        self.next_element_seed(core::marker::PhantomData)
    }

    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Never> {
        let Some((walk, depth)) = self.0.open() else {
            return Ok(None);
        };
        let Ok(value) = seed.deserialize(walk);
        if self.0.trail().leave(depth) {
            self.0.name_last();
        }
        Ok(Some(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.remaining())
    }
}

/// Where a value came from, which decides the error it becomes when it does not fit.
#[derive(Clone, Copy)]
pub enum Provenance {
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
pub fn validate<T: DeserializeOwned>(value: &JsValue, provenance: Provenance) -> Result<T, Error> {
    let trail = Trail {
        strict: matches!(provenance, Provenance::Params),
        ..Trail::default()
    };
    let Ok(checked) = T::deserialize(Walk {
        place: Place::Value(value.clone()),
        kind: kind::UNKNOWN,
        trail: &trail,
        strict: false,
    });
    outcome(trail, provenance).map(|()| checked)
}

/// A finished walk's verdict: out of line, one copy for every type (the trail is dropped
/// here too).
#[inline(never)]
fn outcome(trail: Trail, provenance: Provenance) -> Result<(), Error> {
    let Some(invalid) = trail.failure.take() else {
        return Ok(());
    };
    let field = trail.render();
    let problem = invalid.describe();
    Err(match provenance {
        Provenance::Response => Error::Decode { field, problem },
        Provenance::Options | Provenance::Params => Error::InvalidArgument {
            argument: if field.is_empty() {
                "options".into()
            } else {
                field
            },
            problem,
        },
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
        match validate::<T>(&parse(json), Provenance::Response) {
            Err(Error::Decode { field, problem }) => (field, problem),
            Err(_) => panic!("not a DecodeError"),
            Ok(_) => panic!("accepted {json}"),
        }
    }

    const ITEM: &str = r#"{"id":"r","classify_job_id":"j","result":{"confidence":0.5,"reasoning":"x","type":null}}"#;

    #[wasm_bindgen_test]
    fn a_page_that_fits_is_accepted_and_its_token_read() {
        let json = format!(r#"{{"items":[{ITEM},{ITEM}],"next_page_token":"t2","extra":1}}"#);
        let page: ResultsPage = validate(&parse(&json), Provenance::Response).ok().unwrap();
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
            Provenance::Response,
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

    #[wasm_bindgen_test]
    fn the_first_value_that_does_not_fit_is_named_and_later_ones_are_not() {
        let bad_id = ITEM.replace(r#""id":"r""#, r#""id":1"#);
        let bad_both = bad_id.replace(r#""classify_job_id":"j""#, r#""classify_job_id":2"#);
        let bad_deep = ITEM.replace("0.5", "null");
        let json = format!(r#"{{"items":[{ITEM},{bad_both},{bad_deep}],"next_page_token":3}}"#);
        let (field, problem) = decode_field::<ResultsPage>(&json);
        assert_eq!(field, "items[1].id");
        assert_eq!(problem, "expected a string, got a number");
        let (field, _) =
            decode_field::<ResultsPage>(&format!(r#"{{"items":[{ITEM},{bad_deep},{bad_id}]}}"#));
        assert_eq!(field, "items[1].result.confidence");
        // A failure in a field after a nested struct is named at the top level.
        let (field, _) =
            decode_field::<ResultsPage>(&format!(r#"{{"items":[{ITEM}],"total_size":"x"}}"#));
        assert_eq!(field, "total_size");
    }

    /// Every value kind, and a function (which JSON cannot hold, but options can).
    fn samples() -> Vec<JsValue> {
        let mut values: Vec<JsValue> = [
            "null",
            r#""s""#,
            "1.5",
            "-1",
            "4294967296",
            "true",
            "[]",
            "[1,\"x\",null]",
            "[{}]",
            "{}",
            r#"{"a":[[]]}"#,
        ]
        .iter()
        .map(|json| parse(json))
        .collect();
        values.push(JsValue::UNDEFINED);
        values.push(js_sys::Function::new_no_args("").into());
        values.push(JsValue::from_f64(f64::INFINITY));
        values
    }

    /// Runs `T` against every sample as a whole, and with every declared field (alone, and
    /// all at once) set to every sample, from every source: the stand-ins after a failure
    /// must satisfy every derived visitor (see [`Never`]), so none of this may trap.
    fn every_mismatch<T: DeserializeOwned>() -> usize {
        let mut refused = 0;
        let provenances = [
            Provenance::Response,
            Provenance::Options,
            Provenance::Params,
        ];
        for sample in samples() {
            let mut objects = vec![sample.clone()];
            let all = js_sys::Object::new();
            for name in fields_of::<T>() {
                let one = js_sys::Object::new();
                js_sys::Reflect::set(&one, &JsValue::from_str(name), &sample).unwrap();
                js_sys::Reflect::set(&all, &JsValue::from_str(name), &sample).unwrap();
                objects.push(one.into());
            }
            objects.push(all.into());
            for object in &objects {
                for provenance in provenances {
                    refused += usize::from(validate::<T>(object, provenance).is_err());
                }
            }
        }
        refused
    }

    #[wasm_bindgen_test]
    fn every_model_and_option_type_survives_every_kind_of_mismatch() {
        use crate::options::*;
        use crate::providers::llamacloud::models::*;
        use crate::providers::unsiloed::models::*;
        let refused = every_mismatch::<ClassifyJob>()
            + every_mismatch::<ClassifyConfiguration>()
            + every_mismatch::<ClassifyRule>()
            + every_mismatch::<ClassifyParsingConfiguration>()
            + every_mismatch::<ClassifyResult>()
            + every_mismatch::<ResultsPage>()
            + every_mismatch::<ClassifyJobsPage>()
            + every_mismatch::<ResultItem>()
            + every_mismatch::<FileClassificationResult>()
            + every_mismatch::<LlamaCloudFile>()
            + every_mismatch::<ClassifyRuleInput>()
            + every_mismatch::<ClassifyParsingConfigurationInput>()
            + every_mismatch::<ClassifyConfigurationInput>()
            + every_mismatch::<ClassifyJobCreate>()
            + every_mismatch::<ListClassifyJobsParams>()
            + every_mismatch::<UploadParams>()
            + every_mismatch::<ClassifyInput>()
            + every_mismatch::<UnsiloedClassifyJob>()
            + every_mismatch::<UnsiloedClassifyResult>()
            + every_mismatch::<UnsiloedPageResult>()
            + every_mismatch::<UnsiloedCategorySummary>()
            + every_mismatch::<UnsiloedSubmitResponse>()
            + every_mismatch::<UnsiloedCategory>()
            + every_mismatch::<UnsiloedSubmission>()
            + every_mismatch::<ConnectionOptions>()
            + every_mismatch::<LlamaCloudOptions>()
            + every_mismatch::<ProviderChoice>()
            + every_mismatch::<CallScopeOptions>()
            + every_mismatch::<AttemptOptions>()
            + every_mismatch::<PageParams>()
            + every_mismatch::<SubmitOptions>()
            + every_mismatch::<MaxPages>()
            + every_mismatch::<PollOptions>();
        // Most of these are refused; the count shows the walk really ran.
        assert!(refused > 3_000, "{refused}");
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
        let carried: Carrier = validate(&object, Provenance::Options).ok().unwrap();
        let inner = js_sys::Reflect::get(&object, &"value".into()).unwrap();
        assert!(carried.value.0 == inner, "the same JS object");
        assert_eq!(carried.count, Some(3));
        for bad in [
            r#"{"count":-1}"#,
            r#"{"count":2.5}"#,
            r#"{"count":4294967296}"#,
        ] {
            match validate::<Carrier>(&parse(bad), Provenance::Options) {
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
        assert!(validate::<Wide>(
            &parse(r#"{"f01":1,"f17":2,"f18":"ok"}"#),
            Provenance::Response
        )
        .is_ok());
        let (field, _) = decode_field::<Wide>(r#"{"f01":1,"f18":false}"#);
        assert_eq!(field, "f18");
        let (field, _) = decode_field::<Wide>(r#"{"f02":"x","f18":"ok"}"#);
        assert_eq!(field, "f02");
        let (field, _) = decode_field::<Wide>(r#"{"f01":1}"#);
        assert_eq!(field, "f18");
    }
}
