//! P4: no serde; the shape is checked by hand with js_sys::Reflect.
#![allow(dead_code)]

#[path = "../../common/shell.rs"]
mod shell;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}
fn nullish(v: &JsValue) -> bool {
    v.is_null() || v.is_undefined()
}
fn is_obj(v: &JsValue) -> bool {
    v.is_object() && !Array::is_array(v)
}
fn req_str(o: &JsValue, k: &str) -> bool {
    get(o, k).is_string()
}
fn opt_str(o: &JsValue, k: &str) -> bool {
    let v = get(o, k);
    nullish(&v) || v.is_string()
}
fn req_num(o: &JsValue, k: &str) -> bool {
    get(o, k).as_f64().is_some()
}
fn opt_num(o: &JsValue, k: &str) -> bool {
    let v = get(o, k);
    nullish(&v) || v.as_f64().is_some()
}
fn opt_obj(o: &JsValue, k: &str, f: fn(&JsValue) -> bool) -> bool {
    let v = get(o, k);
    nullish(&v) || f(&v)
}
fn arr_of(o: &JsValue, k: &str, f: fn(&JsValue) -> bool) -> bool {
    let v = get(o, k);
    Array::is_array(&v) && Array::from(&v).every(&mut |x, _, _| f(&x))
}

fn rule(v: &JsValue) -> bool {
    is_obj(v) && req_str(v, "type") && req_str(v, "description")
}
fn parsing(v: &JsValue) -> bool {
    is_obj(v) && opt_str(v, "lang") && opt_num(v, "max_pages") && opt_str(v, "target_pages")
}
fn configuration(v: &JsValue) -> bool {
    is_obj(v)
        && arr_of(v, "rules", rule)
        && opt_str(v, "mode")
        && opt_obj(v, "parsing_configuration", parsing)
}
/// ClassifyResult and FileClassificationResult have the same shape.
fn result(v: &JsValue) -> bool {
    is_obj(v) && req_num(v, "confidence") && req_str(v, "reasoning") && opt_str(v, "type")
}
fn job(v: &JsValue) -> bool {
    is_obj(v)
        && req_str(v, "id")
        && req_str(v, "status")
        && req_str(v, "project_id")
        && req_str(v, "user_id")
        && req_str(v, "document_input_type")
        && opt_str(v, "file_input")
        && opt_str(v, "document_input_value")
        && configuration(&get(v, "configuration"))
        && opt_obj(v, "result", result)
        && opt_str(v, "error_message")
        && opt_str(v, "created_at")
        && opt_str(v, "updated_at")
        && opt_str(v, "configuration_id")
        && opt_str(v, "transaction_id")
        && opt_str(v, "parse_job_id")
}
fn item(v: &JsValue) -> bool {
    is_obj(v)
        && req_str(v, "id")
        && req_str(v, "classify_job_id")
        && opt_str(v, "file_id")
        && opt_obj(v, "result", result)
        && opt_str(v, "created_at")
        && opt_str(v, "updated_at")
}
fn page(v: &JsValue) -> bool {
    is_obj(v)
        && arr_of(v, "items", item)
        && opt_str(v, "next_page_token")
        && opt_num(v, "total_size")
}

pub(crate) fn validate_job(v: &JsValue) -> Result<(), JsValue> {
    if job(v) {
        Ok(())
    } else {
        Err(shell::err("invalid ClassifyJob"))
    }
}

pub(crate) fn validate_results(v: &JsValue) -> Result<(), JsValue> {
    if page(v) {
        Ok(())
    } else {
        Err(shell::err("invalid ResultsPage"))
    }
}
