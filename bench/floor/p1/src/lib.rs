//! P1: validation with serde_wasm_bindgen::from_value; its error (a JS Error with a
//! field-by-field message) is the rejection.
#![allow(dead_code)]

#[path = "../../common/models.rs"]
mod models;
#[path = "../../common/shell.rs"]
mod shell;

use wasm_bindgen::JsValue;

pub(crate) fn validate_job(v: &JsValue) -> Result<(), JsValue> {
    serde_wasm_bindgen::from_value::<models::ClassifyJob>(v.clone())
        .map(|_| ())
        .map_err(JsValue::from)
}

pub(crate) fn validate_results(v: &JsValue) -> Result<(), JsValue> {
    serde_wasm_bindgen::from_value::<models::ResultsPage>(v.clone())
        .map(|_| ())
        .map_err(JsValue::from)
}
