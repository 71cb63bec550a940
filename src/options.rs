//! The caller's option objects: their types (the TypeScript declarations come from them
//! through tsify) and how they are read.
//!
//! An options object is read once, in JS, into a plain snapshot (`readOptions`): own
//! enumerable keys only, so a polluted `Object.prototype` cannot redirect a request; each
//! getter called once, so one that throws is an `InvalidArgumentError` naming the option; and
//! every key must be one the call accepts, so a misspelt option (`timeoutMS`) is refused with
//! a hint instead of being ignored. The snapshot is then checked against these types' tables
//! (`derive(Schema)`) by the same validator as responses (`validation::check`), which never
//! prints a value.

use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js;
use crate::validation::{field_names, names_in, validate, JsAny, Provenance, Schema};

/// The connection options every client takes (LlamaCloud's and Unsiloed's alike): the key,
/// where the API is, and how requests are sent and retried.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ConnectionOptions {
    /// The API key: LlamaCloud's is sent as `Authorization: Bearer <key>`, Unsiloed's as the
    /// `api-key` header. Omit it to send no key (a proxy adds it, or, for LlamaCloud, the
    /// browser's `session` cookie with `credentials: "include"`).
    #[serde(rename = "apiKey", default)]
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// API origin, `http://` or `https://`, optionally with a path prefix; no user info,
    /// query or fragment. Default `https://api.cloud.llamaindex.ai` for LlamaCloud (EU:
    /// `https://api.cloud.eu.llamaindex.ai`), `https://prod.visionapi.unsiloed.ai` for Unsiloed.
    #[serde(rename = "baseUrl", default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Retries after the first attempt on connection errors, timeouts, 408, 409, 429 and 5xx:
    /// an integer from 0 to 10. Default 2.
    #[serde(rename = "maxRetries", default)]
    #[tsify(optional)]
    pub max_retries: Option<u32>,
    /// Per-attempt timeout in milliseconds (at least 1); the in-flight fetch is aborted.
    /// Default 60000.
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Cap on a server-requested retry delay (`Retry-After`, `retry-after-ms`), in ms.
    /// Default 60000.
    #[serde(rename = "maxRetryDelayMs", default)]
    #[tsify(optional)]
    pub max_retry_delay_ms: Option<f64>,
    /// Largest file `uploadFile`, `submitClassification` and `classify` send, in bytes (read
    /// from the file's size, before any of it is read). Default: the provider's documented
    /// maximum (LlamaCloud 512 MiB); Unsiloed documents none, so 100 MiB.
    #[serde(rename = "maxUploadBytes", default)]
    #[tsify(optional)]
    pub max_upload_bytes: Option<f64>,
    /// Extra headers sent with every request: a plain object, a `Headers` or `[name, value]`
    /// pairs. Never sent along a redirect to another origin.
    #[serde(default)]
    #[tsify(
        optional,
        type = "Record<string, string> | Headers | [string, string][]"
    )]
    pub headers: JsAny,
    /// A `fetch` implementation to use instead of the global one (called as `fetch(url, init)`).
    #[serde(default)]
    #[tsify(
        optional,
        type = "(input: string, init: RequestInit) => Promise<Response>"
    )]
    pub fetch: JsAny,
}

/// The options only a LlamaCloud client takes: the scope of every call, and cookie sessions.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct LlamaCloudOptions {
    /// Sent as the `organization_id` query parameter on every call unless a call overrides it.
    #[serde(rename = "organizationId", default)]
    #[tsify(optional)]
    pub organization_id: Option<String>,
    /// Sent as the `project_id` query parameter on every call unless a call overrides it.
    #[serde(rename = "projectId", default)]
    #[tsify(optional)]
    pub project_id: Option<String>,
    /// `RequestInit.credentials`, sent only when set (e.g. `"include"` for cookie sessions).
    #[serde(default)]
    #[tsify(optional, type = "RequestCredentials")]
    pub credentials: Option<String>,
}

/// A client's options, read part by part from one snapshot (`ClientOptions` in TypeScript
/// is `ConnectionOptions & LlamaCloudOptions & ObserveOptions`; `UnsiloedClientOptions`
/// is `ConnectionOptions & ObserveOptions`).
#[derive(Default)]
pub struct ClientOptions {
    /// What every client takes.
    pub connection: ConnectionOptions,
    /// What only LlamaCloud takes (all absent for Unsiloed).
    pub llamacloud: LlamaCloudOptions,
}

impl ClientOptions {
    /// A LlamaCloud client's options from a snapshot read with [`llamacloud_client_names`].
    pub fn llamacloud(snapshot: &Snapshot) -> Result<Self, Error> {
        Ok(ClientOptions {
            connection: snapshot.get()?,
            llamacloud: snapshot.get()?,
        })
    }

    /// An Unsiloed client's options from a snapshot read with [`unsiloed_client_names`].
    pub fn unsiloed(snapshot: &Snapshot) -> Result<Self, Error> {
        Ok(ClientOptions {
            connection: snapshot.get()?,
            llamacloud: LlamaCloudOptions::default(),
        })
    }
}

/// The option names a LlamaCloud client accepts besides the observability ones, part by part
/// (for [`Snapshot::read`]'s accepted lists).
pub fn llamacloud_client_names() -> [&'static js_sys::Array; 2] {
    [
        names_of::<ConnectionOptions>(),
        names_of::<LlamaCloudOptions>(),
    ]
}

/// The option names an Unsiloed client accepts besides the observability ones.
pub fn unsiloed_client_names() -> &'static js_sys::Array {
    names_of::<ConnectionOptions>()
}

thread_local! {
    /// Every LlamaCloud client option name in one array, built once (the hint beside a call's
    /// options: "is a client option").
    static ALL_CLIENT_NAMES: &'static js_sys::Array = flattened(&llamacloud_client_names());
}

/// Every client option name in one array (for the hint that a key belongs on the client).
pub fn client_option_names() -> &'static js_sys::Array {
    ALL_CLIENT_NAMES.with(|names| *names)
}

/// Which provider a one-off call speaks (`getClassifyJob(id, { provider })`).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ProviderChoice {
    /// `"llamacloud"` (default) or `"unsiloed"`.
    #[serde(default)]
    #[tsify(optional, type = "\"llamacloud\" | \"unsiloed\"")]
    pub provider: Option<String>,
}

/// What scopes one call, a request's and a wait's alike: the signal that cancels it, and the
/// LlamaCloud organization and project it runs in.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct CallScopeOptions {
    /// Cancels the call: the in-flight fetch and any retry or polling wait stop at once and
    /// the promise rejects with `AbortError`.
    #[serde(default)]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: JsAny,
    /// Overrides the client's organization for this call.
    #[serde(default)]
    #[tsify(optional)]
    pub organization_id: Option<String>,
    /// Overrides the client's project for this call.
    #[serde(default)]
    #[tsify(optional)]
    pub project_id: Option<String>,
}

/// How one call's requests are sent: each attempt's timeout, and how many retries.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct AttemptOptions {
    /// Per-attempt timeout in milliseconds for this call (at least 1).
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Retries for this call (0 to 10).
    #[serde(rename = "maxRetries", default)]
    #[tsify(optional)]
    pub max_retries: Option<u32>,
}

/// Per-call options accepted by every method, read part by part from one snapshot
/// (`RequestOptions` in TypeScript is `CallScopeOptions & AttemptOptions`).
#[derive(Default)]
pub struct RequestOptions {
    /// The call's signal, organization and project.
    pub scope: CallScopeOptions,
    /// The call's per-attempt timeout and retries.
    pub attempt: AttemptOptions,
}

impl RequestOptions {
    /// The per-call options in a snapshot read with [`request_option_parts`].
    pub fn read(snapshot: &Snapshot) -> Result<Self, Error> {
        Ok(RequestOptions {
            scope: snapshot.get()?,
            attempt: snapshot.get()?,
        })
    }
}

/// The per-call option names, part by part (for [`Snapshot::read`]'s accepted lists).
pub fn request_option_parts() -> [&'static js_sys::Array; 2] {
    [names_of::<CallScopeOptions>(), names_of::<AttemptOptions>()]
}

thread_local! {
    /// Every per-call option name in one array, built once.
    static ALL_REQUEST_NAMES: &'static js_sys::Array = flattened(&request_option_parts());
}

/// Every per-call option name in one array (the hint beside a client's options, and the keys
/// kept as given beside API parameters).
pub fn request_option_names() -> &'static js_sys::Array {
    ALL_REQUEST_NAMES.with(|names| *names)
}

/// The names of `parts` in one array, kept for the instance's lifetime (built once per use).
fn flattened(parts: &[&js_sys::Array]) -> &'static js_sys::Array {
    let all = js_sys::Array::new();
    for names in parts {
        for name in names.iter() {
            all.push(&name);
        }
    }
    Box::leak(Box::new(all))
}

/// Paging parameters of `listResults`.
#[derive(Deserialize, Tsify, Schema, Default)]
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

/// Per-call options of `UnsiloedClient.submitClassification`, beside `RequestOptions`.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct SubmitOptions {
    /// The `Idempotency-Key` to send (1–255 visible ASCII characters), e.g. one a proxy received from its
    /// own caller; one is generated per call when it is left out. Retries reuse it.
    #[serde(rename = "idempotencyKey", default)]
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// Where an iteration stops (beside `PageParams` or the job filters, whose `page_token` is
/// where it starts).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct MaxPages {
    /// Stop after this many pages.
    #[serde(rename = "maxPages", default)]
    #[tsify(optional)]
    pub max_pages: Option<u32>,
}

/// What a client reports as it works (both providers' clients take these beside their own
/// options): hooks called at each attempt, and a logger. Every URL, request id and log line is
/// redacted (the API key never appears, even when a server echoes it); a hook that throws or
/// rejects never breaks a call (it is reported once, through the logger). With none of them
/// set, the request path does no work for them.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ObserveOptions {
    /// Called before each attempt is sent: `{ method, url, attempt }` (attempt 1 is the first).
    #[serde(rename = "onRequest", default)]
    #[tsify(optional, type = "(info: RequestHookInfo) => void | Promise<void>")]
    pub on_request: JsAny,
    /// Called when an attempt ends, answered or not: `{ method, url, attempt, status, ok,
    /// durationMs, requestId, error? }` (`status` 0 when nothing answered; `error` the class
    /// name of the failure).
    #[serde(rename = "onResponse", default)]
    #[tsify(optional, type = "(info: ResponseHookInfo) => void | Promise<void>")]
    pub on_response: JsAny,
    /// Called before a retry's delay: `{ method, url, attempt, nextAttempt, status, delayMs,
    /// reason }`.
    #[serde(rename = "onRetry", default)]
    #[tsify(optional, type = "(info: RetryHookInfo) => void | Promise<void>")]
    pub on_retry: JsAny,
    /// Where log lines go (`debug`, `info`, `warn`, `error`; a missing method is silent).
    /// Default none; with `logLevel` alone, `console`.
    #[serde(default)]
    #[tsify(optional, type = "Logger")]
    pub logger: JsAny,
    /// The quietest level logged: `debug` (each request), `info` (each answer), `warn`
    /// (retries, hook failures), `error` (calls that failed for good) or `off`. Default
    /// `warn` when a `logger` is given, else `off`.
    #[serde(rename = "logLevel", default)]
    #[tsify(optional, type = "LogLevel")]
    pub log_level: Option<String>,
}

/// How a wait polls (`waitForClassifyJob`, `classify`): its intervals, its deadline and a
/// progress callback.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct PollOptions {
    /// First wait between polls, in ms. Default 1000; at least 50 (smaller values poll every
    /// 50 ms: never more than 20 polls a second).
    #[serde(rename = "intervalMs", default)]
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls, in ms (the interval doubles up to it). Default 5000.
    #[serde(rename = "maxIntervalMs", default)]
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// The whole wait's deadline in ms (at least 1), which holds within a few ms even when a
    /// request never answers; then the promise rejects with `TimeoutError` carrying the last
    /// job seen (`error.job`). Default 600000 (10 minutes).
    #[serde(rename = "maxWaitMs", default)]
    #[tsify(optional)]
    pub max_wait_ms: Option<f64>,
    /// The whole wait's deadline in ms, as `maxWaitMs` (giving both is refused).
    ///
    /// @deprecated Use `maxWaitMs`: on a client and a call, `timeoutMs` is per attempt.
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Called with the job on the first poll and whenever its status or its progress text
    /// (Unsiloed) changes. A throw, or a promise it returns that rejects, does not stop the wait.
    #[serde(rename = "onProgress", default)]
    #[tsify(optional, type = "(job: ClassifyJob) => void")]
    pub on_progress: JsAny,
}

/// Options of `waitForClassifyJob` and `classify`, read part by part from one snapshot
/// (`WaitOptions` in TypeScript is `PollOptions & CallScopeOptions`).
#[derive(Default)]
pub struct WaitOptions {
    /// How the wait polls.
    pub poll: PollOptions,
    /// The wait's signal, organization and project.
    pub scope: CallScopeOptions,
}

impl WaitOptions {
    /// The wait's options in a snapshot read with [`wait_option_parts`].
    pub fn read(snapshot: &Snapshot) -> Result<Self, Error> {
        Ok(WaitOptions {
            poll: snapshot.get()?,
            scope: snapshot.get()?,
        })
    }
}

/// The wait option names, part by part.
pub fn wait_option_parts() -> [&'static js_sys::Array; 2] {
    [names_of::<PollOptions>(), names_of::<CallScopeOptions>()]
}

/// The JS array of a struct's option names (its table's wire names), built once.
pub fn names_of<T: Schema>() -> &'static js_sys::Array {
    field_names(names_in::<T>())
}

/// A caller's options object, read once into a plain snapshot (see the module doc).
pub struct Snapshot(JsValue);

impl Snapshot {
    /// No options given: all defaults.
    pub fn absent() -> Self {
        Snapshot(JsValue::UNDEFINED)
    }

    /// Reads `options` (`undefined`/`null`: all defaults), accepting the keys of the structs
    /// in `accepted`; `elsewhere` names the keys accepted elsewhere (for the hint).
    pub fn read(
        options: &JsValue,
        accepted: &js_sys::Array,
        elsewhere: Option<&js_sys::Array>,
    ) -> Result<Self, Error> {
        if options.is_undefined() {
            return Ok(Snapshot(JsValue::UNDEFINED));
        }
        js::read_options(options, accepted, elsewhere)
            .map(Snapshot)
            .map_err(refusal)
    }

    /// Reads API parameters (`argument` names them): as [`Snapshot::read`], and the values
    /// are a deep plain copy, so nested keys are checked too and what is validated is what is
    /// sent. Values of the keys in `shallow` (SDK options beside the parameters) are kept.
    pub fn read_params(
        params: &JsValue,
        accepted: &js_sys::Array,
        argument: &str,
        shallow: Option<&js_sys::Array>,
    ) -> Result<Self, Error> {
        js::read_params(params, accepted, argument, shallow)
            .map(Snapshot)
            .map_err(refusal)
    }

    /// The snapshot checked against one of the accepted structs.
    pub fn get<T: Schema + Default>(&self) -> Result<T, Error> {
        if self.0.is_undefined() {
            return Ok(T::default());
        }
        validate(&self.0, Provenance::Options)
    }

    /// The snapshot of API parameters checked against their type (nested keys included).
    pub fn params<T: Schema + Default>(&self) -> Result<T, Error> {
        if self.0.is_undefined() {
            return Ok(T::default());
        }
        validate(&self.0, Provenance::Params)
    }

    /// The snapshot itself (a plain object, or `undefined`).
    pub fn value(&self) -> &JsValue {
        &self.0
    }
}

/// A refusal thrown by a `catch` import of `js/support.js` as an `InvalidArgumentError`.
pub fn refusal(thrown: JsValue) -> Error {
    Error::InvalidArgument {
        argument: js::refusal_argument(&thrown),
        problem: js::refusal_problem(&thrown),
    }
}
