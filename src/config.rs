//! Client options, per-call options, their defaults and their validation.
//!
//! The option objects are decoded by serde (the same types produce the TypeScript
//! declarations through tsify); everything is checked here, before any request is sent.

use core::cell::OnceCell;

use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::decode::{validate, Source};
use crate::error::Error;

/// The production LlamaCloud API.
pub const DEFAULT_BASE_URL: &str = "https://api.cloud.llamaindex.ai";
/// Retries after the first attempt, by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Per-attempt timeout, by default (ms).
pub const DEFAULT_TIMEOUT_MS: f64 = 60_000.0;
/// Longest server-requested retry delay honoured, by default (ms).
pub const DEFAULT_MAX_RETRY_DELAY_MS: f64 = 60_000.0;

/// Options for a `ClassifyClient` (and for the one-off functions).
#[derive(Deserialize, Tsify, Default)]
pub struct ClientOptions {
    /// LlamaCloud API key, sent as `Authorization: Bearer <key>`. Omit it to rely on the
    /// browser's `session` cookie (with `credentials: "include"`).
    #[serde(rename = "apiKey", default)]
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// API origin. Default `https://api.cloud.llamaindex.ai` (EU: `https://api.cloud.eu.llamaindex.ai`).
    #[serde(rename = "baseUrl", default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Sent as the `organization_id` query parameter on every call unless a call overrides it.
    #[serde(rename = "organizationId", default)]
    #[tsify(optional)]
    pub organization_id: Option<String>,
    /// Sent as the `project_id` query parameter on every call unless a call overrides it.
    #[serde(rename = "projectId", default)]
    #[tsify(optional)]
    pub project_id: Option<String>,
    /// Retries after the first attempt on connection errors, 408, 409, 429 and 5xx. Default 2.
    #[serde(rename = "maxRetries", default)]
    #[tsify(optional)]
    pub max_retries: Option<u32>,
    /// Per-attempt timeout in milliseconds; the in-flight fetch is aborted. Default 60000.
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Cap on a server-requested retry delay (`Retry-After`, `retry-after-ms`), in ms. Default 60000.
    #[serde(rename = "maxRetryDelayMs", default)]
    #[tsify(optional)]
    pub max_retry_delay_ms: Option<f64>,
    /// Extra headers sent with every request.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: JsValue,
    /// A `fetch` implementation to use instead of the global one (called as `fetch(url, init)`).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(
        optional,
        type = "(input: string, init: RequestInit) => Promise<Response>"
    )]
    pub fetch: JsValue,
    /// `RequestInit.credentials`, sent only when set (e.g. `"include"` for cookie sessions).
    #[serde(default)]
    #[tsify(optional, type = "RequestCredentials")]
    pub credentials: Option<String>,
}

/// Per-call options accepted by every method.
#[derive(Deserialize, Tsify, Default)]
pub struct RequestOptions {
    /// Cancels the call: the in-flight fetch and any retry or polling wait stop at once and
    /// the promise rejects with `AbortError`.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: JsValue,
    /// Per-attempt timeout in milliseconds for this call.
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Retries for this call.
    #[serde(rename = "maxRetries", default)]
    #[tsify(optional)]
    pub max_retries: Option<u32>,
    /// Overrides the client's organization for this call.
    #[serde(default)]
    #[tsify(optional)]
    pub organization_id: Option<String>,
    /// Overrides the client's project for this call.
    #[serde(default)]
    #[tsify(optional)]
    pub project_id: Option<String>,
}

/// Paging parameters of `listResults`.
#[derive(Deserialize, Tsify, Default)]
pub struct PageParams {
    /// Items per page (at least 1); the server's default when omitted.
    #[serde(default)]
    #[tsify(optional)]
    pub page_size: Option<u32>,
    /// The `next_page_token` of the previous page.
    #[serde(default)]
    #[tsify(optional)]
    pub page_token: Option<String>,
}

/// A validated client configuration.
pub struct ClientConfig {
    /// Origin and optional path prefix, without a trailing slash.
    pub base_url: String,
    /// Default `organization_id`.
    pub organization_id: Option<String>,
    /// Default `project_id`.
    pub project_id: Option<String>,
    /// Default retries.
    pub max_retries: u32,
    /// Default per-attempt timeout (ms).
    pub timeout_ms: f64,
    /// Cap on server-requested delays (ms).
    pub max_retry_delay_ms: f64,
    /// The `Authorization` header value, when a key was given.
    authorization: Option<String>,
    /// The caller's extra headers, checked for line breaks.
    extra_headers: Vec<(String, String)>,
    /// Every request's headers, built at the first request (not here: in Node the first
    /// `new Headers()` loads the fetch implementation, which would slow down start-up) and
    /// reused, since `fetch` copies them.
    headers: OnceCell<web_sys::Headers>,
    /// Custom fetch function.
    pub fetch: Option<js_sys::Function>,
    /// `RequestInit.credentials` as the string to send, or `undefined`.
    pub credentials: JsValue,
}

/// A call's effective settings: the client's, overridden by the call's options.
#[derive(Clone)]
pub struct CallSettings {
    /// The caller's abort signal.
    pub signal: Option<web_sys::AbortSignal>,
    /// Per-attempt timeout (ms).
    pub timeout_ms: f64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// `organization_id` query parameter.
    pub organization_id: Option<String>,
    /// `project_id` query parameter.
    pub project_id: Option<String>,
}

/// Decodes an optional options object; `undefined` and `null` mean "all defaults".
pub fn decode_options<T: serde::de::DeserializeOwned + Default>(
    options: &JsValue,
) -> Result<T, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    if !options.is_object() {
        return Err(Error::invalid("options", "must be an object"));
    }
    validate(options, Source::Options)
}

impl ClientConfig {
    /// Validates client options.
    pub fn new(options: ClientOptions) -> Result<Self, Error> {
        let base_url = match options.base_url {
            Some(url) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(Error::invalid(
                        "baseUrl",
                        "must start with https:// or http://",
                    ));
                }
                check_header_safe("baseUrl", &url)?;
                url.trim_end_matches('/').into()
            }
            None => DEFAULT_BASE_URL.into(),
        };
        let authorization = match options.api_key {
            Some(key) if !key.is_empty() => {
                if key.contains(['\r', '\n', '\0']) {
                    return Err(Error::invalid(
                        "apiKey",
                        "must not contain line breaks or NUL",
                    ));
                }
                Some(["Bearer ", key.trim()].concat())
            }
            _ => None,
        };
        let timeout_ms = non_negative_ms("timeoutMs", options.timeout_ms, DEFAULT_TIMEOUT_MS)?;
        let max_retry_delay_ms = non_negative_ms(
            "maxRetryDelayMs",
            options.max_retry_delay_ms,
            DEFAULT_MAX_RETRY_DELAY_MS,
        )?;
        let extra_headers = read_headers(&options.headers)?;
        let fetch = if options.fetch.is_undefined() || options.fetch.is_null() {
            None
        } else {
            match options.fetch.dyn_into::<js_sys::Function>() {
                Ok(function) => Some(function),
                Err(_) => return Err(Error::invalid("fetch", "must be a function")),
            }
        };
        let credentials = match options.credentials.as_deref() {
            None => JsValue::UNDEFINED,
            Some(mode @ ("include" | "same-origin" | "omit")) => JsValue::from_str(mode),
            Some(_) => {
                return Err(Error::invalid(
                    "credentials",
                    "must be \"include\", \"same-origin\" or \"omit\"",
                ))
            }
        };
        Ok(ClientConfig {
            base_url,
            authorization,
            extra_headers,
            headers: OnceCell::new(),
            organization_id: non_empty(options.organization_id),
            project_id: non_empty(options.project_id),
            max_retries: options.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            timeout_ms,
            max_retry_delay_ms,
            fetch,
            credentials,
        })
    }

    /// The headers every request sends, built once (kept out of line: it runs once per client).
    #[inline(never)]
    pub fn headers(&self) -> Result<&web_sys::Headers, Error> {
        if let Some(headers) = self.headers.get() {
            return Ok(headers);
        }
        let headers = build_headers(&self.extra_headers, self.authorization.as_deref())?;
        Ok(self.headers.get_or_init(|| headers))
    }

    /// Merges per-call options over the client's settings.
    pub fn call(&self, options: RequestOptions) -> Result<CallSettings, Error> {
        let signal = if options.signal.is_undefined() || options.signal.is_null() {
            None
        } else if options.signal.is_object() {
            Some(options.signal.unchecked_into::<web_sys::AbortSignal>())
        } else {
            return Err(Error::invalid("signal", "must be an AbortSignal"));
        };
        Ok(CallSettings {
            signal,
            timeout_ms: non_negative_ms("timeoutMs", options.timeout_ms, self.timeout_ms)?,
            max_retries: options.max_retries.unwrap_or(self.max_retries),
            organization_id: non_empty(options.organization_id)
                .or_else(|| self.organization_id.clone()),
            project_id: non_empty(options.project_id).or_else(|| self.project_id.clone()),
        })
    }
}

impl CallSettings {
    /// True once the caller's signal has fired.
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(|signal| signal.aborted())
    }
}

/// Checks an id before it goes into a URL path.
pub fn check_id(argument: &str, value: &JsValue) -> Result<String, Error> {
    let Some(id) = value.as_string() else {
        return Err(Error::invalid(argument, "must be a string"));
    };
    if id.trim().is_empty() {
        return Err(Error::invalid(argument, "must not be empty"));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid(
            argument,
            "must not contain control characters",
        ));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(argument, "must not be a dot segment"));
    }
    Ok(id)
}

fn check_header_safe(argument: &str, value: &str) -> Result<(), Error> {
    if value.contains(['\r', '\n', '\0']) {
        return Err(Error::invalid(
            argument,
            "must not contain line breaks or NUL",
        ));
    }
    Ok(())
}

/// A non-negative, finite millisecond option, or `default` when absent.
pub fn non_negative_ms(argument: &str, value: Option<f64>, default: f64) -> Result<f64, Error> {
    match value {
        None => Ok(default),
        Some(ms) if ms.is_finite() && ms >= 0.0 => Ok(ms),
        Some(_) => Err(Error::invalid(
            argument,
            "must be a non-negative number of milliseconds",
        )),
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

/// The headers every request sends. The messages never echo a header value (the API key is one).
fn build_headers(
    extra: &[(String, String)],
    authorization: Option<&str>,
) -> Result<web_sys::Headers, Error> {
    let headers = web_sys::Headers::new()
        .map_err(|_| Error::invalid("headers", "cannot be built in this runtime"))?;
    headers
        .set("accept", "application/json")
        .map_err(|_| Error::invalid("headers", "cannot be built in this runtime"))?;
    for (name, value) in extra {
        // Names the header, never its value.
        headers.set(name, value).map_err(|_| {
            Error::invalid(
                "headers",
                &[
                    "\"",
                    name,
                    "\" is not a valid header name, or its value is not",
                ]
                .concat(),
            )
        })?;
    }
    if let Some(authorization) = authorization {
        headers
            .set("authorization", authorization)
            .map_err(|_| Error::invalid("apiKey", "is not a valid header value"))?;
    }
    Ok(headers)
}

fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, Error> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    if !headers.is_object() {
        return Err(Error::invalid("headers", "must be an object of strings"));
    }
    let mut out = Vec::new();
    for entry in js_sys::Object::entries(headers.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if value.is_undefined() || value.is_null() {
            continue;
        }
        let Some(value) = value.as_string() else {
            return Err(Error::invalid("headers", "values must be strings"));
        };
        check_header_safe("headers", &name)?;
        check_header_safe("headers", &value)?;
        out.push((name, value));
    }
    Ok(out)
}
