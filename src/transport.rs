//! The one request path: every endpoint calls [`get_json`].
//!
//! It builds the URL, takes the client's headers (built once per client, see
//! `ClientConfig::headers`), sends the request with gloo-net (or the caller's `fetch`),
//! applies the per-attempt timeout and the caller's signal, retries what is worth retrying,
//! lets the JS engine parse the body, and maps every failure to an [`Error`].

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit};

use crate::config::{CallSettings, ClientConfig};
use crate::decode::js_message;
use crate::encode::push_percent_encoded;
use crate::error::{ApiFailure, Error};

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    /// One attempt's `RequestInit` and abort wiring (see `beginAttempt` in `js/support.js`).
    type Attempt;
    #[wasm_bindgen(js_name = beginAttempt)]
    fn begin_attempt(
        headers: &Headers,
        copy_headers: bool,
        credentials: &JsValue,
        user: Option<&AbortSignal>,
        timeout_ms: f64,
    ) -> Attempt;
    /// `{ method: "GET", headers, signal, credentials? }`.
    #[wasm_bindgen(method, getter)]
    fn init(this: &Attempt) -> RequestInit;
    /// Stops the timer and the listener; says why the signal fired (0 when it did not).
    #[wasm_bindgen(method)]
    fn finish(this: &Attempt) -> u32;

    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: f64, signal: Option<&AbortSignal>) -> Promise;
    #[wasm_bindgen(js_name = headersObject)]
    fn headers_object(headers: &Headers) -> JsValue;
}

/// Why an attempt's signal fired.
const ABORTED_BY_CALLER: u32 = 1;
const ABORTED_BY_TIMEOUT: u32 = 2;

/// Longest exponential backoff step (ms).
const MAX_BACKOFF_MS: f64 = 8_000.0;
/// First backoff step (ms).
const INITIAL_BACKOFF_MS: f64 = 500.0;

/// A failed attempt, and whether another one may help.
struct AttemptFailure {
    error: Error,
    retry: bool,
    /// A delay the server asked for, in ms.
    server_delay_ms: Option<f64>,
}

impl AttemptFailure {
    fn fatal(error: Error) -> Self {
        AttemptFailure {
            error,
            retry: false,
            server_delay_ms: None,
        }
    }
    fn retryable(error: Error) -> Self {
        AttemptFailure {
            error,
            retry: true,
            server_delay_ms: None,
        }
    }
}

/// GETs `path` (already percent-encoded) with the query pairs that are set, and resolves
/// with the JSON body as the JS engine parsed it.
pub async fn get_json(
    config: &ClientConfig,
    call: &CallSettings,
    path: &str,
    query: &[(&str, Option<&str>)],
) -> Result<JsValue, Error> {
    let url = build_url(config, call, path, query);
    let headers = config.headers()?;
    let mut attempts: u32 = 0;
    loop {
        if call.aborted() {
            return Err(Error::Abort);
        }
        attempts += 1;
        let failure = match attempt(config, call, &url, headers).await {
            Ok(body) => return Ok(body),
            Err(failure) => failure,
        };
        if !failure.retry || attempts > call.max_retries {
            return Err(failure.error.with_attempts(attempts));
        }
        let delay = match failure.server_delay_ms {
            Some(ms) => ms.min(config.max_retry_delay_ms),
            None => backoff_ms(attempts - 1),
        };
        sleep(delay, call.signal.as_ref()).await?;
    }
}

/// Waits `ms`, or rejects with [`Error::Abort`] as soon as `signal` fires.
pub async fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Result<(), Error> {
    JsFuture::from(sleep_promise(ms, signal))
        .await
        .map(|_| ())
        .map_err(|_| Error::Abort)
}

/// `0.5 s · 2^n`, capped at 8 s, minus up to 25 % jitter.
fn backoff_ms(retry_index: u32) -> f64 {
    let base = (INITIAL_BACKOFF_MS * f64::from(1u32 << retry_index.min(8))).min(MAX_BACKOFF_MS);
    base * (1.0 - 0.25 * js_sys::Math::random())
}

fn build_url(
    config: &ClientConfig,
    call: &CallSettings,
    path: &str,
    query: &[(&str, Option<&str>)],
) -> String {
    let mut url = String::with_capacity(config.base_url.len() + path.len() + 64);
    url.push_str(&config.base_url);
    url.push_str(path);
    let defaults = [
        ("organization_id", call.organization_id.as_deref()),
        ("project_id", call.project_id.as_deref()),
    ];
    let mut separator = '?';
    for (name, value) in defaults.iter().chain(query.iter()) {
        if let Some(value) = value {
            url.push(separator);
            url.push_str(name);
            url.push('=');
            push_percent_encoded(&mut url, value);
            separator = '&';
        }
    }
    url
}

/// One attempt: fetch, status check, body parse. The attempt's timeout covers the body too.
async fn attempt(
    config: &ClientConfig,
    call: &CallSettings,
    url: &str,
    headers: &Headers,
) -> Result<JsValue, AttemptFailure> {
    // gloo-net's `Request` copies the headers; a caller's `fetch` gets its own copy, so what it
    // does to `init.headers` stays out of the client's next requests.
    let attempt = begin_attempt(
        headers,
        config.fetch.is_some(),
        &config.credentials,
        call.signal.as_ref(),
        call.timeout_ms,
    );
    let outcome = send_and_read(config, url, &attempt.init()).await;
    let aborted_by = attempt.finish();
    outcome.map_err(|failure| match aborted_by {
        ABORTED_BY_CALLER => AttemptFailure::fatal(Error::Abort),
        ABORTED_BY_TIMEOUT => AttemptFailure::retryable(Error::Timeout {
            what: "request",
            attempts: 1,
            job: None,
        }),
        _ => failure,
    })
}

async fn send_and_read(
    config: &ClientConfig,
    url: &str,
    init: &RequestInit,
) -> Result<JsValue, AttemptFailure> {
    let response = match &config.fetch {
        Some(fetch) => custom_fetch(fetch, url, init).await?,
        None => {
            let request = web_sys::Request::new_with_str_and_init(url, init).map_err(|error| {
                AttemptFailure::fatal(Error::invalid("baseUrl", &js_message(error)))
            })?;
            let response = gloo_net::http::Request::from(request)
                .send()
                .await
                .map_err(|error| {
                    AttemptFailure::retryable(connection_error(gloo_message(error)))
                })?;
            web_sys::Response::from(response)
        }
    };
    let status = response.status();
    if (200..300).contains(&status) {
        let body = match response.json() {
            Ok(promise) => JsFuture::from(promise).await,
            Err(error) => Err(error),
        };
        return body.map_err(|error| {
            if error.is_instance_of::<js_sys::SyntaxError>() {
                AttemptFailure::fatal(Error::Decode {
                    field: String::new(),
                    problem: ["the body is not valid JSON (", &js_message(error), ")"].concat(),
                })
            } else {
                AttemptFailure::retryable(connection_error(js_message(error)))
            }
        });
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|text| text.as_string()),
        Err(_) => None,
    }
    .unwrap_or_default();
    Err(api_failure(&response, status, text))
}

async fn custom_fetch(
    fetch: &Function,
    url: &str,
    init: &RequestInit,
) -> Result<web_sys::Response, AttemptFailure> {
    let returned = fetch
        .call2(&JsValue::UNDEFINED, &JsValue::from_str(url), init)
        .map_err(|error| AttemptFailure::retryable(connection_error(js_message(error))))?;
    let settled = JsFuture::from(Promise::resolve(&returned))
        .await
        .map_err(|error| AttemptFailure::retryable(connection_error(js_message(error))))?;
    if !settled.is_object() {
        return Err(AttemptFailure::fatal(Error::invalid(
            "fetch",
            "did not resolve to a Response",
        )));
    }
    // Duck-typed: polyfilled Response classes are accepted too.
    Ok(settled.unchecked_into())
}

fn connection_error(cause: String) -> Error {
    Error::Connection { cause, attempts: 1 }
}

fn gloo_message(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.message,
        _ => String::new(),
    }
}

/// Turns a non-success response and its body text into an [`Error::Api`], with the retry
/// decision (out of line: it would otherwise widen the request future's state machine).
#[inline(never)]
fn api_failure(response: &web_sys::Response, status: u16, text: String) -> AttemptFailure {
    let headers = response.headers();
    let parsed = js_sys::JSON::parse(&text).ok().filter(JsValue::is_object);
    let (body, detail, code) = match &parsed {
        Some(json) => {
            let detail = get(json, "detail");
            let code = get(json, "code")
                .as_string()
                .or_else(|| get(&get(json, "error"), "code").as_string());
            let message = detail
                .as_string()
                .or_else(|| get(json, "message").as_string())
                .or_else(|| get(json, "error").as_string())
                .or_else(|| first_validation_message(&detail));
            let body = if detail.is_undefined() {
                json.clone()
            } else {
                detail
            };
            (body, message, code)
        }
        None => {
            let excerpt =
                (!text.is_empty() && !text.trim_start().starts_with('<')).then(|| text.clone());
            (JsValue::from(text), excerpt, None)
        }
    };
    let header = |name: &str| headers.get(name).ok().flatten();
    let request_id = header("x-request-id").or_else(|| header("request-id"));
    let should_retry = match header("x-should-retry").as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(status, 408 | 409 | 429 | 500..=599),
    };
    let server_delay_ms = server_delay(&header("retry-after-ms"), &header("retry-after"));
    AttemptFailure {
        error: Error::Api(Box::new(ApiFailure {
            status,
            body,
            code,
            detail: detail.map(|text| truncate(text, 500)),
            request_id,
            headers: headers_object(&headers),
            attempts: 1,
        })),
        retry: should_retry,
        server_delay_ms,
    }
}

/// `retry-after-ms` (ms), else `Retry-After` (seconds or an HTTP date).
fn server_delay(retry_after_ms: &Option<String>, retry_after: &Option<String>) -> Option<f64> {
    if let Some(ms) = retry_after_ms.as_deref().map(js_sys::Number::parse_float) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(ms);
        }
    }
    let value = retry_after.as_deref()?;
    let seconds = js_sys::Number::parse_float(value);
    if seconds.is_finite() && seconds >= 0.0 {
        return Some(seconds * 1000.0);
    }
    let date = js_sys::Date::parse(value);
    date.is_finite()
        .then(|| (date - js_sys::Date::now()).max(0.0))
}

/// The `msg` of the first entry of a 422 `detail` array.
fn first_validation_message(detail: &JsValue) -> Option<String> {
    if !js_sys::Array::is_array(detail) {
        return None;
    }
    get(&js_sys::Array::from(detail).get(0), "msg").as_string()
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn truncate(mut text: String, max_chars: usize) -> String {
    if let Some((index, _)) = text.char_indices().nth(max_chars) {
        text.truncate(index);
        text.push('…');
    }
    text
}
