//! Validation of values the JS engine already parsed.
//!
//! `Response.json()` builds the objects; the serde types in `llamacloud::models` walk them
//! through serde-wasm-bindgen to check their shape, and the caller gets the engine's own
//! object back (unknown fields survive, nothing is rebuilt). [`JsStr`] checks that a field is
//! a string without copying it into wasm memory.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;

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
        serde_wasm_bindgen::preserve::deserialize::<D, js_sys::JsString>(deserializer).map(JsStr)
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
    let deserializer = serde_wasm_bindgen::Deserializer::from(value.clone());
    serde_path_to_error::deserialize(deserializer).map_err(|failure| {
        let mut field = failure.path().to_string();
        let problem = js_message(failure.into_inner().into());
        // serde reports a missing field at its parent; name the field itself.
        if let Some(missing) = problem
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            if field == "." {
                field = missing.into();
            } else {
                field.push('.');
                field.push_str(missing);
            }
        }
        match source {
            Source::Response => Error::Decode {
                field: if field == "." { String::new() } else { field },
                problem,
            },
            Source::Options => Error::InvalidArgument {
                argument: if field == "." {
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
