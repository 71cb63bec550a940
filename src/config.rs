//! The validated client configuration and a call's effective settings, with every check on
//! the caller's input made before any request is sent. Messages name the option and what is
//! expected; they never contain its value.

use core::cell::OnceCell;

use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::js::{self, MAX_STRING_CHARS, MAX_TIMER_MS};
use crate::options::{refusal, ClientOptions, ObserveOptions, RequestOptions};
use crate::providers::Provider;
/// Retries after the first attempt, by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The most retries a caller may ask for: a server answering `retry-after-ms: 0` must not
/// turn one call into a flood.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// Per-attempt timeout, by default (ms).
pub const DEFAULT_TIMEOUT_MS: f64 = 60_000.0;
/// Longest server-requested retry delay honoured, by default (ms).
pub const DEFAULT_MAX_RETRY_DELAY_MS: f64 = 60_000.0;

/// A validated client configuration.
pub struct ClientConfig {
    /// The API this client speaks.
    pub provider: Provider,
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
    /// Largest file sent, in bytes.
    pub max_upload_bytes: f64,
    /// The API key, kept to scrub it from anything a server echoes back.
    pub api_key: Option<String>,
    /// The auth header (name and value), when a key was given.
    auth: Option<(&'static str, String)>,
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
    /// Where the hooks and the logger are reported to (`makeObserver`); `None` when none is set.
    pub observer: Option<JsValue>,
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
    /// When the whole call must be over (`Date.now()` ms), e.g. a wait's deadline: every
    /// attempt's timeout and every retry delay is cut to the time left.
    pub deadline: Option<f64>,
    /// What `withResponse()` asked this call to record its last answer into.
    pub extras: Option<JsValue>,
}

impl ClientConfig {
    /// Validates client options for `provider`. Every check reads the options in place and
    /// the configuration is built only when all pass, so a refusal drops them whole (one
    /// drop for every early return instead of one per moved field).
    pub fn new(
        options: ClientOptions,
        observing: ObserveOptions,
        provider: Provider,
    ) -> Result<Self, Error> {
        let ClientOptions {
            connection: options,
            llamacloud,
        } = options;
        let base_url = match &options.base_url {
            Some(url) => check_base_url(url)?,
            None => provider.default_base_url().into(),
        };
        let key = match options.api_key.as_deref().map(str::trim) {
            Some("") => {
                return Err(Error::invalid(
                    "apiKey",
                    "must not be empty or blank (leave it out to send no key)",
                ))
            }
            key => key,
        };
        if let Some(key) = key {
            check_header_safe("apiKey", key)?;
        }
        let timeout_ms = timeout("timeoutMs", options.timeout_ms, DEFAULT_TIMEOUT_MS)?;
        let max_retry_delay_ms = non_negative_ms(
            "maxRetryDelayMs",
            options.max_retry_delay_ms,
            DEFAULT_MAX_RETRY_DELAY_MS,
        )?;
        let max_retries = retries(options.max_retries, DEFAULT_MAX_RETRIES)?;
        let max_upload_bytes = match options.max_upload_bytes {
            None => provider.max_upload_bytes(),
            Some(bytes) if bytes.is_finite() && bytes >= 1.0 && bytes.fract() == 0.0 => bytes,
            Some(_) => {
                return Err(Error::invalid(
                    "maxUploadBytes",
                    "must be a whole number of bytes, at least 1",
                ))
            }
        };
        let extra_headers = read_headers(&options.headers.0)?;
        let fetch = if options.fetch.is_absent() {
            None
        } else if options.fetch.0.is_function() {
            Some(options.fetch.0.clone().unchecked_into::<js_sys::Function>())
        } else {
            return Err(Error::invalid("fetch", "must be a function"));
        };
        let credentials = match llamacloud.credentials.as_deref() {
            None => JsValue::UNDEFINED,
            Some(mode @ ("include" | "same-origin" | "omit")) => JsValue::from_str(mode),
            Some(_) => {
                return Err(Error::invalid(
                    "credentials",
                    "must be \"include\", \"same-origin\" or \"omit\"",
                ))
            }
        };
        let observer = js::make_observer(
            &observing.on_request.0,
            &observing.on_response.0,
            &observing.on_retry.0,
            &observing.logger.0,
            observing.log_level.as_deref(),
            key,
        )
        .map_err(refusal)?;
        Ok(ClientConfig {
            observer: (!observer.is_undefined()).then_some(observer),
            provider,
            base_url,
            api_key: key.map(String::from),
            auth: key.map(|key| provider.auth_header(key)),
            extra_headers,
            headers: OnceCell::new(),
            organization_id: non_empty(llamacloud.organization_id),
            project_id: non_empty(llamacloud.project_id),
            max_retries,
            timeout_ms,
            max_retry_delay_ms,
            max_upload_bytes,
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
        let auth = self
            .auth
            .as_ref()
            .map(|(name, value)| (*name, value.as_str()));
        let headers = build_headers(&self.extra_headers, auth)?;
        Ok(self.headers.get_or_init(|| headers))
    }

    /// Merges per-call options over the client's settings.
    pub fn call(&self, options: RequestOptions) -> Result<CallSettings, Error> {
        let RequestOptions { scope, attempt } = options;
        Ok(CallSettings {
            signal: js::as_signal(&scope.signal.0).map_err(refusal)?,
            timeout_ms: timeout("timeoutMs", attempt.timeout_ms, self.timeout_ms)?,
            max_retries: retries(attempt.max_retries, self.max_retries)?,
            organization_id: non_empty(scope.organization_id)
                .or_else(|| self.organization_id.clone()),
            project_id: non_empty(scope.project_id).or_else(|| self.project_id.clone()),
            deadline: None,
            extras: Some(js::take_call_extras()).filter(|extras| !extras.is_undefined()),
        })
    }
}

impl CallSettings {
    /// True once the caller's signal has fired.
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(js::signal_aborted)
    }
}

/// `baseUrl` as sent: `http(s)://host[:port][/prefix]` without a trailing slash. User info
/// (a password in the URL), a query, a fragment, whitespace or an empty host are refused,
/// and the message never repeats the URL.
fn check_base_url(url: &str) -> Result<String, Error> {
    const ARGUMENT: &str = "baseUrl";
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    };
    let Some(rest) = rest else {
        return Err(Error::invalid(
            ARGUMENT,
            "must start with https:// or http://",
        ));
    };
    if url.len() > MAX_STRING_CHARS as usize
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(
            ARGUMENT,
            "must not contain spaces or control characters",
        ));
    }
    if url.contains(['?', '#']) {
        return Err(Error::invalid(
            ARGUMENT,
            "must not have a query or a fragment",
        ));
    }
    let host = rest.split('/').next().unwrap_or_default();
    if host.contains('@') {
        return Err(Error::invalid(
            ARGUMENT,
            "must not contain user info (credentials go in apiKey or headers)",
        ));
    }
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') {
            name
        } else {
            host
        }
    });
    if name.is_empty() || name.starts_with(':') {
        return Err(Error::invalid(ARGUMENT, "must name a host"));
    }
    Ok(url.trim_end_matches('/').into())
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

/// A non-negative, finite millisecond option, or `default` when absent; clamped to what a
/// JS timer holds.
pub fn non_negative_ms(argument: &str, value: Option<f64>, default: f64) -> Result<f64, Error> {
    match value {
        None => Ok(default),
        Some(ms) if ms.is_finite() && ms >= 0.0 => Ok(ms.min(MAX_TIMER_MS)),
        Some(_) => Err(Error::invalid(
            argument,
            "must be a non-negative, finite number of milliseconds",
        )),
    }
}

/// A timeout option: finite and at least 1 ms (0 would mean "fire at once", and "no timeout"
/// is a large value, not 0); clamped to what a JS timer holds.
pub fn timeout(argument: &str, value: Option<f64>, default: f64) -> Result<f64, Error> {
    match value {
        None => Ok(default),
        Some(ms) if ms.is_finite() && ms >= 1.0 => Ok(ms.min(MAX_TIMER_MS)),
        Some(_) => Err(Error::invalid(
            argument,
            "must be a finite number of milliseconds, at least 1",
        )),
    }
}

fn retries(value: Option<u32>, default: u32) -> Result<u32, Error> {
    match value {
        None => Ok(default),
        Some(count) if count <= MAX_RETRIES_LIMIT => Ok(count),
        Some(_) => Err(Error::invalid(
            "maxRetries",
            "must be an integer from 0 to 10",
        )),
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

/// The headers every request sends. The messages never echo a header value (the API key is one).
fn build_headers(
    extra: &[(String, String)],
    auth: Option<(&str, &str)>,
) -> Result<web_sys::Headers, Error> {
    let headers = web_sys::Headers::new()
        .map_err(|_| Error::invalid("headers", "cannot be built in this runtime"))?;
    headers
        .set("accept", "application/json")
        .map_err(|_| Error::invalid("headers", "cannot be built in this runtime"))?;
    for (name, value) in extra {
        // Names the header (capped), never its value.
        headers.set(name, value).map_err(|_| {
            let shown: String = name.chars().take(64).collect();
            Error::invalid(
                "headers",
                &crate::text::joined(&[
                    "\"",
                    shown.as_str(),
                    "\" is not a valid header name, or its value is not",
                ]),
            )
        })?;
    }
    if let Some((name, value)) = auth {
        headers
            .set(name, value)
            .map_err(|_| Error::invalid("apiKey", "is not a valid header value"))?;
    }
    Ok(headers)
}

/// The `headers` option as checked pairs (see `headerList` in `js/support.js`).
fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, Error> {
    let list = js::header_list(headers).map_err(refusal)?;
    let mut out = Vec::new();
    let mut index = 0;
    while index + 1 < list.length() {
        let name = list.get(index).as_string().unwrap_or_default();
        let value = list.get(index + 1).as_string().unwrap_or_default();
        check_header_safe("headers", &name)?;
        check_header_safe("headers", &value)?;
        out.push((name, value));
        index += 2;
    }
    Ok(out)
}
