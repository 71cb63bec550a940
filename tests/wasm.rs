//! wasm-bindgen-test suite: the Rust exports called from inside wasm, in Node and in
//! headless Chromium, against the local emulator (its URL is baked in at compile time
//! from `EMULATOR_URL`; scripts/test-wasm.sh starts it).

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const API_KEY: &str = "llx-test-key-0123456789";

fn base_url() -> &'static str {
    option_env!("EMULATOR_URL").unwrap_or("http://127.0.0.1:18080")
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    Reflect::set(&object, &"apiKey".into(), &API_KEY.into()).unwrap();
    Reflect::set(&object, &"baseUrl".into(), &base_url().into()).unwrap();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn error_name(error: &JsValue) -> String {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "rejections are real Error objects"
    );
    field(error, "name").as_string().unwrap()
}

async fn job(id: &str, extra: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    classify_sdk::bindings::get_classify_job(id.into(), Some(options(extra))).await
}

#[wasm_bindgen_test]
async fn completed_job_keeps_wire_names() {
    let job = job("clj-completed", &[]).await.unwrap();
    assert_eq!(field(&job, "status").as_string().unwrap(), "COMPLETED");
    let result = field(&job, "result");
    assert_eq!(field(&result, "type").as_string().unwrap(), "invoice");
    assert_eq!(field(&result, "confidence").as_f64().unwrap(), 0.92);
    assert!(field(&job, "configuration_id").is_null(), "null stays null");
}

#[wasm_bindgen_test]
async fn unknown_status_and_fields_survive() {
    let job = job("clj-unknown-status", &[]).await.unwrap();
    assert_eq!(field(&job, "status").as_string().unwrap(), "ARCHIVED");
    assert_eq!(field(&job, "priority").as_string().unwrap(), "high");
}

#[wasm_bindgen_test]
async fn null_type_and_legacy_input_are_accepted() {
    let job_value = job("clj-no-match", &[]).await.unwrap();
    assert!(field(&field(&job_value, "result"), "type").is_null());
    let legacy = job("clj-legacy-input", &[]).await.unwrap();
    assert!(field(&legacy, "document_input_value").is_string());
}

#[wasm_bindgen_test]
async fn results_pages_follow_tokens() {
    let id = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
    let first = classify_sdk::bindings::llamacloud::list_results(
        id.into(),
        Some(options(&[("page_size", 1000.into())])),
    )
    .await
    .unwrap();
    let items: js_sys::Array = field(&first, "items").dyn_into().unwrap();
    assert_eq!(items.length(), 1000);
    assert_eq!(field(&first, "total_size").as_f64().unwrap(), 2500.0);
    let token = field(&first, "next_page_token");
    let second = classify_sdk::bindings::llamacloud::list_results(
        id.into(),
        Some(options(&[
            ("page_size", 1000.into()),
            ("page_token", token),
        ])),
    )
    .await
    .unwrap();
    assert_eq!(
        field(&second, "next_page_token").as_string().unwrap(),
        "off-2000"
    );
}

#[wasm_bindgen_test]
async fn unknown_job_is_not_found_error() {
    let error = job("clj-does-not-exist", &[]).await.unwrap_err();
    assert_eq!(error_name(&error), "NotFoundError");
    assert_eq!(field(&error, "status").as_f64().unwrap(), 404.0);
    assert!(field(&error, "requestId").is_string());
}

#[wasm_bindgen_test]
async fn wrong_key_is_authentication_error_without_the_key() {
    let error = job("clj-completed", &[("apiKey", "llx-secret-wrong".into())])
        .await
        .unwrap_err();
    assert_eq!(error_name(&error), "AuthenticationError");
    let message = field(&error, "message").as_string().unwrap();
    assert!(!message.contains("llx-secret-wrong"));
}

#[wasm_bindgen_test]
async fn bad_input_is_invalid_argument_error() {
    for bad in ["", "   ", "a\u{7}b", ".."] {
        let error = job(bad, &[]).await.unwrap_err();
        assert_eq!(error_name(&error), "InvalidArgumentError");
    }
    let error = classify_sdk::bindings::llamacloud::list_results(
        "x".into(),
        Some(options(&[("page_size", 0.into())])),
    )
    .await
    .unwrap_err();
    assert_eq!(field(&error, "argument").as_string().unwrap(), "page_size");
    let error = job("clj-completed", &[("apiKey", "k\r\nx: y".into())])
        .await
        .unwrap_err();
    assert_eq!(field(&error, "argument").as_string().unwrap(), "apiKey");
}

#[wasm_bindgen_test]
async fn path_segments_are_encoded() {
    let error = job("../clj-completed", &[]).await.unwrap_err();
    assert_eq!(
        error_name(&error),
        "NotFoundError",
        "the id stayed one path segment"
    );
}

#[wasm_bindgen_test]
async fn decode_errors_name_the_field() {
    let error = job("fault-wrongtype-wasm", &[]).await.unwrap_err();
    assert_eq!(error_name(&error), "DecodeError");
    assert_eq!(
        field(&error, "field").as_string().unwrap(),
        "result.confidence"
    );
    let error = job("fault-missing-wasm", &[]).await.unwrap_err();
    assert_eq!(field(&error, "field").as_string().unwrap(), "status");
    let error = job("fault-malformed-wasm", &[]).await.unwrap_err();
    assert_eq!(error_name(&error), "DecodeError");
}

#[wasm_bindgen_test]
async fn server_errors_are_retried() {
    let unique = js_sys::Math::random().to_string();
    let value = job(&["fault-503x2-", &unique].concat(), &[]).await.unwrap();
    assert_eq!(field(&value, "status").as_string().unwrap(), "COMPLETED");
    let error = job(
        &["fault-500-", &unique].concat(),
        &[("maxRetries", 1.into())],
    )
    .await
    .unwrap_err();
    assert_eq!(error_name(&error), "InternalServerError");
    assert_eq!(field(&error, "attempts").as_f64().unwrap(), 2.0);
}

#[wasm_bindgen_test]
async fn slow_response_times_out() {
    let error = job(
        "fault-slow-wasm",
        &[("timeoutMs", 150.into()), ("maxRetries", 0.into())],
    )
    .await
    .unwrap_err();
    assert_eq!(error_name(&error), "TimeoutError");
}

#[wasm_bindgen_test]
async fn client_reuses_options() {
    let client =
        classify_sdk::bindings::llamacloud::ClassifyClient::new(Some(options(&[]))).unwrap();
    let value =
        wasm_bindgen_futures::JsFuture::from(client.get_classify_job("clj-running".into(), None))
            .await
            .unwrap();
    assert_eq!(field(&value, "status").as_string().unwrap(), "RUNNING");
}
