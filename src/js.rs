//! Every import from the JS side (`js/support.js`), and the limits both sides share.
//!
//! Functions that can throw are imported with `catch`: a JS exception never unwinds through a
//! wasm frame (with `panic = "abort"` there are no landing pads, and each unwind would leak
//! the shadow stack until the instance dies). The rest are written not to throw.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Headers, RequestInit, Response};

/// Bytes of an error body read; the rest is cancelled unread (`MAX_ERROR_BODY_BYTES` in JS).
pub const MAX_ERROR_BODY_BYTES: u32 = 65_536;
/// Longest delay a JS timer holds (`MAX_TIMER_MS` in JS): `setTimeout` fires at once beyond it.
pub const MAX_TIMER_MS: f64 = 2_147_483_647.0;
/// Longest string copied out of a response or an option into wasm memory (status, tokens,
/// ids, keys, URLs).
pub const MAX_STRING_CHARS: u32 = 4_096;

// Codes that cross the language line: each has the same name and value in `js/support.js`
// (its "codes shared with the Rust core" section); `scripts/check-package.mjs` compares them.

/// `finish()` in `beginAttempt`: the attempt's signal did not fire. (Named for the JS side:
/// Rust's match reads it as the default.)
#[allow(dead_code)]
pub const NOT_ABORTED: u32 = 0;
/// `finish()` in `beginAttempt`: the caller's signal fired.
pub const ABORTED_BY_CALLER: u32 = 1;
/// `finish()` in `beginAttempt`: the attempt's own timer fired.
pub const ABORTED_BY_TIMEOUT: u32 = 2;

/// `idText`: the id is not a string. (Named for the JS side: Rust's match reads it as the
/// default.)
#[allow(dead_code)]
pub const ID_NOT_STRING: u32 = 0;
/// `idText`: the id is longer than asked.
pub const ID_TOO_LONG: u32 = 1;
/// `idText`: the id holds a lone surrogate (it would silently become U+FFFD).
pub const ID_LONE_SURROGATE: u32 = 2;

/// `kindOf`: `undefined`.
pub const KIND_UNDEFINED: u8 = 0;
/// `kindOf`: `null`.
pub const KIND_NULL: u8 = 1;
/// `kindOf`: a string.
pub const KIND_STRING: u8 = 2;
/// `kindOf`: a number.
pub const KIND_NUMBER: u8 = 3;
/// `kindOf`: a boolean.
pub const KIND_BOOLEAN: u8 = 4;
/// `kindOf`: an array.
pub const KIND_ARRAY: u8 = 5;
/// `kindOf`: any other object.
pub const KIND_OBJECT: u8 = 6;
/// `kindOf`: not a JSON value (a function, symbol, bigint, or a value that throws when looked at).
pub const KIND_OTHER: u8 = 7;

/// `observe`: an attempt starts.
pub const OBSERVED_REQUEST: u32 = 0;
/// `observe`: an attempt was answered with success.
pub const OBSERVED_ANSWER: u32 = 1;
/// `observe`: an attempt failed.
pub const OBSERVED_FAILURE: u32 = 2;
/// `observe`: a retry is coming.
pub const OBSERVED_RETRY: u32 = 3;
/// `observe`: the call failed for good.
pub const OBSERVED_GAVE_UP: u32 = 4;

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    // ---- validation (src/validation.rs) ----
    /// The JS kinds of a struct's declared own fields, 3 bits each, first field lowest.
    #[wasm_bindgen(js_name = fieldKinds)]
    pub fn field_kinds(object: &JsValue, names: &Array) -> f64;
    /// The kind of one value (see `validation::kind`).
    #[wasm_bindgen(js_name = kindOf)]
    pub fn kind_code(value: &JsValue) -> u32;
    /// `fieldKinds` for a value that may not be an object: `-1 - kind` when it is not.
    #[wasm_bindgen(js_name = structKinds)]
    pub fn struct_kinds(value: &JsValue, names: &Array) -> f64;
    /// `object[names[index]]` when it is an own property.
    #[wasm_bindgen(js_name = fieldValue)]
    pub fn field_value(object: &JsValue, names: &Array, index: u32) -> JsValue;
    /// `object[names[index]]`, known to be a number (`NaN` otherwise).
    #[wasm_bindgen(js_name = fieldNumber)]
    pub fn field_number(object: &JsValue, names: &Array, index: u32) -> f64;
    /// `object[names[index]]`, known to be a string, unless longer than `max`.
    #[wasm_bindgen(js_name = fieldString)]
    pub fn field_string(object: &JsValue, names: &Array, index: u32, max: u32) -> Option<String>;
    /// `array[index]`, or a symbol (kind "other") when reading it throws.
    #[wasm_bindgen(js_name = elementAt)]
    pub fn element_at(array: &JsValue, index: u32) -> JsValue;
    /// `array.length`, 0 when it cannot be read.
    #[wasm_bindgen(js_name = lengthOf)]
    pub fn length_of(array: &JsValue) -> u32;
    /// A string in hand, unless longer than `max`.
    #[wasm_bindgen(js_name = boundedString)]
    pub fn bounded_string(text: &JsValue, max: u32) -> Option<String>;

    /// An id as a string, or a number saying why it is not one (see `idText`).
    #[wasm_bindgen(js_name = idText)]
    pub fn id_text(value: &JsValue, max: u32) -> JsValue;

    // ---- options (src/options.rs) ----
    /// A plain snapshot of the caller's own option keys; throws a refusal.
    #[wasm_bindgen(catch, js_name = readOptions)]
    pub fn read_options(
        options: &JsValue,
        lists: &Array,
        elsewhere: Option<&Array>,
    ) -> Result<JsValue, JsValue>;
    /// API parameters as validated plain data (deep copy, Blobs kept); throws a refusal.
    #[wasm_bindgen(catch, js_name = readParams)]
    pub fn read_params(
        params: &JsValue,
        lists: &Array,
        argument: &str,
        shallow: Option<&Array>,
    ) -> Result<JsValue, JsValue>;
    /// The own property at a dotted path (`undefined` when absent or unreadable).
    #[wasm_bindgen(js_name = pluck)]
    pub fn pluck(object: &JsValue, path: &str) -> JsValue;
    /// The first own key of a plain-data object not in `names`.
    #[wasm_bindgen(js_name = unknownKey)]
    pub fn unknown_key(object: &JsValue, names: &Array) -> Option<String>;
    /// A random UUID for idempotency keys.
    #[wasm_bindgen(js_name = randomId)]
    pub fn random_id() -> String;
    /// `JSON.stringify` of validated plain data.
    #[wasm_bindgen(js_name = jsonText)]
    pub fn json_text(value: &JsValue) -> JsValue;
    /// Whether a checked signal has fired (the native getter; never throws).
    #[wasm_bindgen(js_name = signalAborted)]
    pub fn signal_aborted(signal: &AbortSignal) -> bool;
    /// A file's name through the native getter, or `fallback`.
    #[wasm_bindgen(js_name = blobName)]
    pub fn blob_name(blob: &JsValue, fallback: &str) -> String;
    /// Whether a value is a real Blob or File (the native brand check).
    #[wasm_bindgen(js_name = isRealBlob)]
    pub fn is_real_blob(value: &JsValue) -> bool;
    /// A real Blob's size (native getter), -1 for anything else.
    #[wasm_bindgen(js_name = blobSize)]
    pub fn blob_size(value: &JsValue) -> f64;
    /// Resolves `true` when a body that failed to send holds a file that cannot be read.
    #[wasm_bindgen(js_name = unreadableBody)]
    pub fn unreadable_body(body: &JsValue) -> js_sys::Promise;
    /// Calls a wait's `onProgress(job)`; its throws and rejections stay its own.
    #[wasm_bindgen(js_name = reportProgress)]
    pub fn report_progress(callback: &Function, job: &JsValue);
    /// Whether building a plain object or array would call a polluted prototype's accessor.
    #[wasm_bindgen(js_name = prototypeSetters)]
    pub fn prototype_setters() -> bool;
    /// The value when it is an `AbortSignal`; throws a refusal otherwise.
    #[wasm_bindgen(catch, js_name = asSignal)]
    pub fn as_signal(value: &JsValue) -> Result<Option<AbortSignal>, JsValue>;
    /// The `headers` option as `[name, value, …]`; throws a refusal.
    #[wasm_bindgen(catch, js_name = headerList)]
    pub fn header_list(headers: &JsValue) -> Result<Array, JsValue>;
    /// A plain object of string values as `[name, value, …]` (at most `max` entries); throws a refusal.
    #[wasm_bindgen(catch, js_name = stringRecord)]
    pub fn string_record(value: &JsValue, max: u32) -> Result<Array, JsValue>;
    /// The argument a refusal names.
    #[wasm_bindgen(js_name = refusalArgument)]
    pub fn refusal_argument(refusal: &JsValue) -> String;
    /// What a refusal says is wrong.
    #[wasm_bindgen(js_name = refusalProblem)]
    pub fn refusal_problem(refusal: &JsValue) -> String;

    // ---- errors (src/error.rs) ----
    /// The one constructor of every error that reaches a caller.
    #[wasm_bindgen(js_name = createError)]
    pub fn create_error(name: &str, message: &str, props: &JsValue) -> JsValue;
    /// An `ApiError`'s properties from a response and its capped body, key scrubbed.
    #[wasm_bindgen(js_name = apiErrorParts)]
    pub fn api_error_parts(response: &Response, text: &JsValue, secret: Option<&str>) -> JsValue;
    /// The `ApiError` (or its per-status class) from `apiErrorParts`, with its message.
    #[wasm_bindgen(js_name = createApiError)]
    pub fn create_api_error(status: u16, attempts: u32, parts: &JsValue) -> JsValue;
    /// Rewrites a v1 results error's message when the route itself is gone (see `markRetiredRoute`).
    #[wasm_bindgen(js_name = markRetiredRoute)]
    pub fn mark_retired_route(parts: &JsValue, status: u16);
    /// The message of anything thrown from outside, capped, key scrubbed.
    #[wasm_bindgen(js_name = messageOf)]
    pub fn message_of(value: &JsValue, secret: Option<&str>) -> String;

    // ---- one attempt (src/transport.rs) ----
    /// One attempt's `RequestInit` and abort wiring (see `beginAttempt`).
    pub type Attempt;
    #[wasm_bindgen(js_name = beginAttempt)]
    pub fn begin_attempt(
        headers: &Headers,
        copy_headers: bool,
        method: &str,
        body: &JsValue,
        extra_headers: Option<&Array>,
        credentials: &JsValue,
        user: Option<&AbortSignal>,
        timeout_ms: f64,
    ) -> Attempt;
    /// `{ method, headers, signal, redirect: "manual", credentials? }`.
    #[wasm_bindgen(method, getter)]
    pub fn init(this: &Attempt) -> RequestInit;
    /// Whether the request goes to `fetch(url, init)` through `callFetch` rather than gloo-net:
    /// a polluted `Object.prototype`, or a global `fetch` replaced since load (see
    /// `beginAttempt`).
    #[wasm_bindgen(method, getter)]
    pub fn direct(this: &Attempt) -> bool;
    /// Settles when the attempt's signal fires (caller or timeout).
    #[wasm_bindgen(method, getter)]
    pub fn signalled(this: &Attempt) -> Promise;
    /// Stops the timer and the listener; says why the signal fired (0 when it did not).
    #[wasm_bindgen(method)]
    pub fn finish(this: &Attempt) -> u32;
    /// `fetch(url, init)` (the caller's, or the global one), its answer made a plain native
    /// `Response`; rejects with a message string.
    #[wasm_bindgen(js_name = callFetch)]
    pub fn call_fetch(
        fetch: Option<&Function>,
        url: &str,
        init: &RequestInit,
        secret: Option<&str>,
    ) -> Promise;
    /// The same-origin target of a redirect, or `""`.
    #[wasm_bindgen(js_name = redirectTarget)]
    pub fn redirect_target(response: &Response, url: &str) -> String;
    /// A header the retry decision reads, at most 256 characters; never throws.
    #[wasm_bindgen(js_name = retryHeader)]
    pub fn retry_header(response: &Response, name: &str) -> Option<String>;
    /// About `max` bytes of a body as text; never rejects.
    #[wasm_bindgen(js_name = readCapped)]
    pub fn read_capped(response: &Response, max: u32) -> Promise;
    /// Resolves after `ms`, rejects when `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    pub fn sleep_promise(ms: f64, signal: Option<&AbortSignal>) -> Promise;

    // ---- hooks, logging and response metadata (src/transport.rs) ----
    /// The observer of a client's hooks and logger, or `undefined` when it has none; throws a
    /// refusal naming the option.
    #[wasm_bindgen(catch, js_name = makeObserver)]
    pub fn make_observer(
        on_request: &JsValue,
        on_response: &JsValue,
        on_retry: &JsValue,
        logger: &JsValue,
        log_level: Option<&str>,
        secret: Option<&str>,
    ) -> Result<JsValue, JsValue>;
    /// Reports one step of an attempt to the observer (see `observe`); never throws.
    #[wasm_bindgen(js_name = observe)]
    #[allow(clippy::too_many_arguments)]
    pub fn observe(
        observer: &JsValue,
        event: u32,
        method: &str,
        url: &str,
        attempt: u32,
        status: u16,
        timing: f64,
        detail: &JsValue,
        parts: &JsValue,
    );
    /// What `withResponse()` asked the call being prepared to record into, taken once.
    #[wasm_bindgen(js_name = takeCallExtras)]
    pub fn take_call_extras() -> JsValue;
    /// Resolves when `classifyMany`'s pace lets a job creation go (`true`), `false` when that
    /// would be past `left_ms` (negative: no deadline); rejects when `signal` aborts. Resolves
    /// `true` at once for a call without a pace.
    #[wasm_bindgen(js_name = paceCreation)]
    pub fn pace_creation(extras: &JsValue, signal: Option<&AbortSignal>, left_ms: f64) -> Promise;
    /// Tells `classifyMany`'s pace that the server refused a creation (429), asking `delay_ms`.
    #[wasm_bindgen(js_name = slowDown)]
    pub fn slow_down(extras: &JsValue, delay_ms: f64);
    /// Records a successful answer's status, request id and headers; never throws.
    #[wasm_bindgen(js_name = recordResponse)]
    pub fn record_response(extras: &JsValue, response: &Response, secret: Option<&str>);

    // ---- iterators (src/bindings) ----
    /// Wraps a page iterator as an async iterable of pages.
    #[wasm_bindgen(js_name = pageIterable)]
    pub fn page_iterable(pages: JsValue) -> JsValue;
    /// Wraps a page iterator as an async iterable of items.
    #[wasm_bindgen(js_name = itemIterable)]
    pub fn item_iterable(pages: JsValue) -> JsValue;
}

/// Sets a property on an object the SDK built (a plain object with no setters: cannot fail).
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}
