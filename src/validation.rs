//! Validation of values the JS engine already parsed (and of the caller's option snapshots).
//!
//! `Response.json()` builds the objects; each type they must fit (both providers' `models`,
//! and the option types in `options`) is checked against them, and the caller gets the
//! engine's own object back (unknown fields survive, nothing is rebuilt).
//!
//! The rules are written once, as data: `#[derive(Schema)]` (the `schema-derive` crate) reads
//! a struct's fields and their serde attributes and emits a static [`Table`] per type (wire
//! names in declaration order, and each field's [`Shape`]: a string copied into wasm, a
//! [`JsStr`] left in JS, a finite number, an integer with a maximum, a boolean, any JS value
//! ([`JsAny`]), an `Option`, a `Vec`, or another table). One interpreter, [`check`], walks a
//! value against a shape. It looks up only the own fields a table declares: one JS call per
//! struct reports the kinds of all of them (`fieldKinds`), and a value crosses only where a
//! leaf needs it (nested objects, numbers, the strings the SDK reads). The values it reads go
//! onto a [`Tape`], in walk order, and the derived `take` builds the typed Rust struct from
//! it afterwards (pure Rust: no JS call, nothing checked twice). A test compares every
//! table's names with serde's own (`fields_of`), so a table cannot drift from the serde type.
//!
//! The error, [`Invalid`], holds static text only: validation never formats or prints a value
//! (a hostile body cannot make the message huge, deep or secret-bearing, and no float or Debug
//! formatting lands in the module). The first value that does not fit ends the walk; the path
//! to it is recorded on the way out, so a `DecodeError` names the field
//! (`items[3].result.confidence: expected a number, got a string`) at no cost on the success
//! path. Recursion follows the shapes, never the value: a 5,000-deep array in a declared field
//! is one kind check.

use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js::{
    bounded_string, element_at, field_kinds, field_number, field_string, field_value, kind_code,
    length_of, struct_kinds, unknown_key, MAX_STRING_CHARS,
};

pub use schema_derive::Schema;

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

thread_local! {
    /// Each table's field names as a JS array, built once (keyed by the names' address).
    static FIELD_NAMES: core::cell::RefCell<Vec<(usize, &'static js_sys::Array)>> =
        const { core::cell::RefCell::new(Vec::new()) };
}

/// What a value must be: one entry of a [`Table`], or a whole type's shape.
pub enum Shape {
    /// A string copied into wasm (`String`): only strings the SDK reads, and at most
    /// [`MAX_STRING_CHARS`] of them.
    Text,
    /// A string checked by its kind and left in JS ([`JsStr`]).
    JsText,
    /// A finite number (`f64`).
    Number,
    /// An integer from 0 to the maximum (`u32`).
    Unsigned(f64),
    /// A boolean.
    Boolean,
    /// Any JS value, carried untouched ([`JsAny`]).
    Any,
    /// `undefined` or `null` (`None`), or the inner shape.
    Optional(&'static Shape),
    /// An array whose every element has the inner shape.
    List(&'static Shape),
    /// An object with the table's fields (other keys are allowed, except in nested API
    /// parameters).
    Struct(&'static Table),
}

/// A struct's fields as data (emitted by `#[derive(Schema)]`): wire names in declaration
/// order, and each one's shape.
pub struct Table {
    /// The wire names (serde's, `rename` applied).
    pub names: &'static [&'static str],
    /// Each field's shape, in the same order.
    pub shapes: &'static [&'static Shape],
}

/// A type validation can produce: its [`Shape`], and how it is built from the values the walk
/// read. Structs derive it (`#[derive(Schema)]`); the leaves are implemented here.
pub trait Schema: Sized {
    /// What a value must be to become this type.
    const SHAPE: &'static Shape;
    /// Builds the value from the tape of a walk that accepted it (in walk order).
    fn take(tape: &mut Tape) -> Self;
}

/// One value a walk read, for the derived `take`.
pub enum Slot {
    /// A number (`f64`, or an integer already checked).
    Number(f64),
    /// A string copied into wasm.
    Text(String),
    /// A boolean.
    Truth(bool),
    /// A JS value carried as it is.
    Value(JsValue),
    /// An `Option`'s presence (0 or 1) or a `Vec`'s length.
    Count(u32),
}

/// The values a successful walk read, taken in the same order by [`Schema::take`]. A slot of
/// another form (which an accepted walk never leaves) reads as the empty value: no panic.
pub struct Tape(std::vec::IntoIter<Slot>);

impl Tape {
    fn number(&mut self) -> f64 {
        match self.0.next() {
            Some(Slot::Number(number)) => number,
            _ => 0.0,
        }
    }

    fn text(&mut self) -> String {
        match self.0.next() {
            Some(Slot::Text(text)) => text,
            _ => String::new(),
        }
    }

    fn truth(&mut self) -> bool {
        matches!(self.0.next(), Some(Slot::Truth(true)))
    }

    fn value(&mut self) -> JsValue {
        match self.0.next() {
            Some(Slot::Value(value)) => value,
            _ => JsValue::UNDEFINED,
        }
    }

    fn count(&mut self) -> u32 {
        match self.0.next() {
            Some(Slot::Count(count)) => count,
            _ => 0,
        }
    }
}

/// A field that must be a JS string, checked by its `typeof` and left in the JS object (the
/// caller gets the engine's object, so the SDK never copies it). Fields the SDK itself reads
/// are `String`s instead.
#[derive(Debug, Clone, Copy)]
pub struct JsStr;

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

impl Schema for String {
    const SHAPE: &'static Shape = &Shape::Text;
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        tape.text()
    }
}

impl Schema for JsStr {
    const SHAPE: &'static Shape = &Shape::JsText;
    #[inline]
    fn take(_tape: &mut Tape) -> Self {
        JsStr
    }
}

impl Schema for f64 {
    const SHAPE: &'static Shape = &Shape::Number;
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        tape.number()
    }
}

impl Schema for u32 {
    const SHAPE: &'static Shape = &Shape::Unsigned(4_294_967_295.0);
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        tape.number() as u32
    }
}

impl Schema for bool {
    const SHAPE: &'static Shape = &Shape::Boolean;
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        tape.truth()
    }
}

impl Schema for JsAny {
    const SHAPE: &'static Shape = &Shape::Any;
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        JsAny(tape.value())
    }
}

impl<T: Schema> Schema for Option<T> {
    const SHAPE: &'static Shape = &Shape::Optional(T::SHAPE);
    #[inline]
    fn take(tape: &mut Tape) -> Self {
        (tape.count() != 0).then(|| T::take(tape))
    }
}

impl<T: Schema> Schema for Vec<T> {
    const SHAPE: &'static Shape = &Shape::List(T::SHAPE);
    fn take(tape: &mut Tape) -> Self {
        let len = tape.count();
        // The walk read `len` elements, so they exist; the cap only bounds a stray count.
        let mut items = Vec::with_capacity(len.min(65_536) as usize);
        for _ in 0..len {
            items.push(T::take(tape));
        }
        items
    }
}

/// A struct type's wire names, from its table (empty for a type that is not a struct).
pub fn names_in<T: Schema>() -> &'static [&'static str] {
    match T::SHAPE {
        Shape::Struct(table) => table.names,
        _ => &[],
    }
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
        }
        out
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

/// The kind of a value in hand, in one JS call (the same classes `fieldKinds` reports).
fn kind_of(value: &JsValue) -> u8 {
    kind_code(value).min(u32::from(kind::OTHER)) as u8
}

/// One step of the path to a value that did not fit.
enum Step {
    Field(&'static str),
    Index(u32),
}

/// Where a value is: already in hand, or still a field of its parent object (fetched only
/// when a leaf needs more than its kind, which a field's walk always knows).
enum Place<'t> {
    Value(JsValue),
    Field {
        object: &'t JsValue,
        names: &'static js_sys::Array,
        index: u32,
    },
}

impl Place<'_> {
    fn value(self) -> JsValue {
        match self {
            Place::Value(value) => value,
            Place::Field {
                object,
                names,
                index,
            } => field_value(object, names, index),
        }
    }

    /// The kind: `known` (a field's always is, from `fieldKinds`), or asked of JS for a value
    /// in hand.
    fn kind(&self, known: u8) -> u8 {
        match (self, known) {
            (Place::Value(value), kind::UNKNOWN) => kind_of(value),
            (_, known) => known,
        }
    }

    /// The value as a number when it is one.
    fn number(self, known: u8, expected: &'static str) -> Result<f64, Invalid> {
        let kind = self.kind(known);
        if kind != kind::NUMBER {
            return Err(Invalid::wrong(expected, kind));
        }
        Ok(match self {
            Place::Field {
                object,
                names,
                index,
            } => field_number(object, names, index),
            Place::Value(value) => value.as_f64().unwrap_or(f64::NAN),
        })
    }
}

/// A walk: whether nested objects must hold only declared keys (API parameters), the values
/// read so far, and, once a value did not fit, the path to it (innermost step first: each
/// step adds itself as the failure passes on its way out).
struct Interpreter {
    strict: bool,
    slots: Vec<Slot>,
    steps: Vec<Step>,
}

impl Interpreter {
    /// Checks the value at `place` (of kind `known`, or `UNKNOWN`) against `shape`; `nested`
    /// is false for the top-level value only (whose keys were checked when it was read).
    fn check(
        &mut self,
        shape: &'static Shape,
        place: Place<'_>,
        known: u8,
        nested: bool,
    ) -> Result<(), Invalid> {
        match *shape {
            Shape::Text => {
                let kind = place.kind(known);
                if kind != kind::STRING {
                    return Err(Invalid::wrong("a string", kind));
                }
                let text = match place {
                    Place::Field {
                        object,
                        names,
                        index,
                    } => field_string(object, names, index, MAX_STRING_CHARS),
                    Place::Value(value) => bounded_string(&value, MAX_STRING_CHARS),
                };
                let Some(text) = text else {
                    return Err(Invalid::Type {
                        expected: "a string of at most 4096 characters",
                        got: "a longer one",
                    });
                };
                self.slots.push(Slot::Text(text));
            }
            Shape::JsText => {
                let kind = place.kind(known);
                if kind != kind::STRING {
                    return Err(Invalid::wrong("a string", kind));
                }
            }
            Shape::Number => {
                let number = place.number(known, "a number")?;
                if !number.is_finite() {
                    return Err(Invalid::Type {
                        expected: "a finite number",
                        got: "a number out of range",
                    });
                }
                self.slots.push(Slot::Number(number));
            }
            Shape::Unsigned(max) => {
                const EXPECTED: &str = "a non-negative integer";
                let number = place.number(known, EXPECTED)?;
                if number.fract() != 0.0 || !(0.0..=max).contains(&number) {
                    return Err(Invalid::Type {
                        expected: EXPECTED,
                        got: "another number",
                    });
                }
                self.slots.push(Slot::Number(number));
            }
            Shape::Boolean => {
                let kind = place.kind(known);
                if kind != kind::BOOLEAN {
                    return Err(Invalid::wrong("a boolean", kind));
                }
                self.slots.push(Slot::Truth(place.value().is_truthy()));
            }
            Shape::Any => self.slots.push(Slot::Value(place.value())),
            Shape::Optional(inner) => {
                let kind = place.kind(known);
                if kind == kind::UNDEFINED || kind == kind::NULL {
                    self.slots.push(Slot::Count(0));
                } else {
                    self.slots.push(Slot::Count(1));
                    // The kind goes along, so the inner value is not asked again.
                    return self.check(inner, place, kind, nested);
                }
            }
            Shape::List(element) => {
                let kind = place.kind(known);
                if kind != kind::ARRAY {
                    return Err(Invalid::wrong("an array", kind));
                }
                let array = place.value();
                let len = length_of(&array);
                self.slots.push(Slot::Count(len));
                for index in 0..len {
                    let item = Place::Value(element_at(&array, index));
                    if let Err(invalid) = self.check(element, item, kind::UNKNOWN, true) {
                        self.steps.push(Step::Index(index));
                        return Err(invalid);
                    }
                }
            }
            Shape::Struct(table) => return self.check_struct(table, place, known, nested),
        }
        Ok(())
    }

    /// A struct: its own kind (asked together with its fields' kinds when not known yet), its
    /// keys when strict, then each declared field in order.
    fn check_struct(
        &mut self,
        table: &'static Table,
        place: Place<'_>,
        known: u8,
        nested: bool,
    ) -> Result<(), Invalid> {
        let names = field_names(table.names);
        if known != kind::UNKNOWN && known != kind::OBJECT {
            return Err(Invalid::wrong("an object", known));
        }
        let object = place.value();
        // 3 bits per field from `fieldKinds`, or all ones when there are too many to pack.
        let kinds = if table.names.len() > MAX_PACKED_FIELDS {
            let kind = if known == kind::UNKNOWN {
                kind_of(&object)
            } else {
                known
            };
            if kind != kind::OBJECT {
                return Err(Invalid::wrong("an object", kind));
            }
            u64::MAX
        } else if known == kind::OBJECT {
            field_kinds(&object, names) as u64
        } else {
            // Not known to be an object yet: its kind and its fields' kinds in one call.
            let code = struct_kinds(&object, names);
            if code < 0.0 {
                let kind = (-1.0 - code).min(f64::from(kind::OTHER)) as u8;
                return Err(Invalid::wrong("an object", kind));
            }
            code as u64
        };
        if self.strict && nested {
            if let Some(key) = unknown_key(&object, names) {
                return Err(Invalid::UnknownKey(key));
            }
        }
        for (index, shape) in (0u32..).zip(table.shapes) {
            let kind = if kinds == u64::MAX {
                kind_of(&field_value(&object, names, index))
            } else {
                ((kinds >> (3 * index)) & 7) as u8
            };
            let field = Place::Field {
                object: &object,
                names,
                index,
            };
            if let Err(invalid) = self.check(shape, field, kind, true) {
                let name = table.names.get(index as usize).copied().unwrap_or_default();
                self.steps.push(Step::Field(name));
                return Err(invalid);
            }
        }
        Ok(())
    }

    /// `items[3].result.confidence`, or empty at the top level.
    fn render(&self) -> String {
        let mut out = String::new();
        for step in self.steps.iter().rev() {
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

/// Checks `value` against `T`, naming the field that does not match, and builds the `T`.
pub fn validate<T: Schema>(value: &JsValue, provenance: Provenance) -> Result<T, Error> {
    let mut tape = Tape(check(T::SHAPE, value, provenance)?.into_iter());
    Ok(T::take(&mut tape))
}

/// The one interpreter: walks `value` against `shape` and returns the values read (for
/// [`Schema::take`]) or the error naming the first value that does not fit. Not generic: one
/// copy for every type.
#[inline(never)]
pub fn check(
    shape: &'static Shape,
    value: &JsValue,
    provenance: Provenance,
) -> Result<Vec<Slot>, Error> {
    let mut interpreter = Interpreter {
        strict: matches!(provenance, Provenance::Params),
        slots: Vec::new(),
        steps: Vec::new(),
    };
    match interpreter.check(shape, Place::Value(value.clone()), kind::UNKNOWN, false) {
        Ok(()) => Ok(interpreter.slots),
        Err(invalid) => Err(outcome(&interpreter, &invalid, provenance)),
    }
}

/// A failed walk's error.
fn outcome(interpreter: &Interpreter, invalid: &Invalid, provenance: Provenance) -> Error {
    let field = interpreter.render();
    let problem = invalid.describe();
    match provenance {
        Provenance::Response => Error::Decode { field, problem },
        Provenance::Options | Provenance::Params => Error::InvalidArgument {
            argument: if field.is_empty() {
                "options".into()
            } else {
                field
            },
            problem,
        },
    }
}

/// `fields` as a JS array of strings, built once per table and kept for the instance's
/// lifetime (a handful of small arrays).
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

// serde's `Deserialize` stays derived on the types (the tables are compared with it, below),
// so the two leaf types keep an impl; nothing validates through serde.

impl<'de> serde::Deserialize<'de> for JsStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsStrVisitor;
        impl serde::de::Visitor<'_> for JsStrVisitor {
            type Value = JsStr;
            fn expecting(&self, formatter: &mut core::fmt::Formatter) -> core::fmt::Result {
                formatter.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _text: &str) -> Result<JsStr, E> {
                Ok(JsStr)
            }
        }
        deserializer.deserialize_str(JsStrVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for JsAny {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(deserializer).map(JsAny)
    }
}

/// The wire names of a derived struct's fields (serde's `FIELDS`), learned by running its
/// `Deserialize` against a probe that stops at the struct. Empty for a non-struct type. The
/// tests compare every table with it.
#[cfg(test)]
pub fn fields_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use core::cell::Cell;
    use core::fmt;
    use serde::de::{self, Visitor};
    use serde::Deserializer;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::llamacloud::models::ResultsPage;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn parse(json: &str) -> JsValue {
        js_sys::JSON::parse(json).expect("test JSON")
    }

    fn decode_field<T: Schema>(json: &str) -> (String, String) {
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

    #[wasm_bindgen_test]
    fn params_refuse_unknown_keys_in_nested_objects_only() {
        use crate::providers::llamacloud::models::ClassifyJobCreate;
        let json = r#"{"configuration":{"rules":[{"type":"a","description":"0123456789","extra":1}]},"top":1}"#;
        match validate::<ClassifyJobCreate>(&parse(json), Provenance::Params) {
            Err(Error::InvalidArgument { argument, problem }) => {
                assert_eq!(argument, "configuration.rules[0]");
                assert_eq!(problem, r#"has an unknown key "extra""#);
            }
            _ => panic!("accepted {json}"),
        }
        // Options are not strict, and the top level's keys are checked when they are read.
        assert!(validate::<ClassifyJobCreate>(&parse(json), Provenance::Options).is_ok());
        let top_only = r#"{"configuration":{"rules":[]},"top":1}"#;
        assert!(validate::<ClassifyJobCreate>(&parse(top_only), Provenance::Params).is_ok());
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
    /// all at once) set to every sample, from every source: none of this may trap, and what
    /// is accepted must build (`take` reads the tape the walk left).
    fn every_mismatch<T: Schema + serde::de::DeserializeOwned>() -> usize {
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
            + every_mismatch::<PollOptions>()
            + every_mismatch::<ObserveOptions>()
            + every_mismatch::<WebhookConfigurationInput>()
            + every_mismatch::<WebhookConfigInput>()
            + every_mismatch::<WebhookConfig>()
            + every_mismatch::<DeletedClassifyJob>()
            + every_mismatch::<Vec<WebhookConfig>>();
        // Most of these are refused; the count shows the walk really ran.
        assert!(refused > 3_000, "{refused}");
    }

    /// A struct with a carried JS value, as the option types have.
    #[derive(serde::Deserialize, Schema, Default)]
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

    /// A table's names, in order, are serde's (its `FIELDS`, renames applied).
    fn same_names<T: Schema + serde::de::DeserializeOwned>() -> usize {
        let table = names_in::<T>();
        assert!(!table.is_empty(), "{}", core::any::type_name::<T>());
        assert_eq!(table, fields_of::<T>(), "{}", core::any::type_name::<T>());
        1
    }

    #[wasm_bindgen_test]
    fn every_table_has_serde_s_field_names_in_order() {
        use crate::options::*;
        use crate::providers::llamacloud::models::*;
        use crate::providers::unsiloed::models::*;
        let compared = same_names::<ClassifyJob>()
            + same_names::<ClassifyConfiguration>()
            + same_names::<ClassifyRule>()
            + same_names::<ClassifyParsingConfiguration>()
            + same_names::<ClassifyResult>()
            + same_names::<ResultsPage>()
            + same_names::<ClassifyJobsPage>()
            + same_names::<ResultItem>()
            + same_names::<FileClassificationResult>()
            + same_names::<LlamaCloudFile>()
            + same_names::<ClassifyRuleInput>()
            + same_names::<ClassifyParsingConfigurationInput>()
            + same_names::<ClassifyConfigurationInput>()
            + same_names::<ClassifyJobCreate>()
            + same_names::<WebhookConfigurationInput>()
            + same_names::<WebhookConfigInput>()
            + same_names::<WebhookConfig>()
            + same_names::<DeletedClassifyJob>()
            + same_names::<ListClassifyJobsParams>()
            + same_names::<UploadParams>()
            + same_names::<ClassifyInput>()
            + same_names::<UnsiloedClassifyJob>()
            + same_names::<UnsiloedClassifyResult>()
            + same_names::<UnsiloedPageResult>()
            + same_names::<UnsiloedCategorySummary>()
            + same_names::<UnsiloedSubmitResponse>()
            + same_names::<UnsiloedCategory>()
            + same_names::<UnsiloedSubmission>()
            + same_names::<ConnectionOptions>()
            + same_names::<LlamaCloudOptions>()
            + same_names::<ProviderChoice>()
            + same_names::<CallScopeOptions>()
            + same_names::<AttemptOptions>()
            + same_names::<PageParams>()
            + same_names::<SubmitOptions>()
            + same_names::<MaxPages>()
            + same_names::<ObserveOptions>()
            + same_names::<PollOptions>()
            + same_names::<Carrier>()
            + same_names::<Wide>();
        assert_eq!(compared, 40);
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
    #[derive(serde::Deserialize, Schema)]
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
