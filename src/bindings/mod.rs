//! What JavaScript sees: the exported functions and classes, and the TypeScript aliases
//! that go with them. An export is a few lines: it hands its arguments to the helper of its
//! request shape here (`by_id`, `with_params`, `plain`, `get_job`, `wait`, or a
//! list's pager), which reads the options (client, then per call), checks the id, then the
//! parameters — always in that order — builds the request with the endpoint's own function
//! (`providers::*::endpoints`, where each endpoint is described once) and hands one future
//! to `promise`. Adding a GET by id is an `IdEndpoint` in the provider's endpoints and a
//! one-line binding.

pub mod llamacloud;
pub mod paging;
pub mod unsiloed;
pub mod webhook_configs;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::checks::check_id;
use crate::config::{non_negative_ms, timeout, CallSettings, ClientConfig};
use crate::error::Error;
use crate::options::{
    client_option_names, llamacloud_client_names, names_of, request_option_names,
    request_option_parts, unsiloed_client_names, wait_option_parts, ClientOptions, ObserveOptions,
    ProviderChoice, RequestOptions, Snapshot, WaitOptions,
};
use crate::polling::{wait_for, PollSettings};
use crate::providers::{self, Provider};
use crate::request::{IdEndpoint, ParamsEndpoint, Request};
use crate::transport::send;
use crate::validation::Schema;

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &'static str = r#"
/**
 * Status of a LlamaCloud classify job. `PENDING` and `RUNNING` are in progress;
 * `COMPLETED`, `FAILED` and `CANCELLED` are terminal. Statuses the API adds later arrive
 * unchanged, so the type stays open (`string & {}` keeps editor completion for the known ones).
 */
export type ClassifyJobStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | (string & {});
/**
 * Status of an Unsiloed job. `queued` and `processing` are in progress; `completed` and
 * `failed` are terminal. Statuses the API adds later arrive unchanged.
 */
export type UnsiloedJobStatus = "queued" | "processing" | "completed" | "failed" | (string & {});
/** Status in the common view (`toClassification`); an unknown provider status passes through. */
export type ClassificationStatus = "queued" | "running" | "completed" | "failed" | "cancelled" | (string & {});
/** One page of a classify job's per-file results. */
export type ResultsPage = ListPage<ResultItem>;
/** One page of classify jobs. */
export type ClassifyJobsPage = ListPage<ClassifyJob>;
/** Kind of input a classify job read. */
export type DocumentInputType = "url" | "file_id" | "parse_job_id" | (string & {});
/** Options of the one-off `getClassifyJob` for LlamaCloud: client options plus per-call options. */
export type GetClassifyJobOptions = ClientOptions & RequestOptions & { provider?: "llamacloud" };
/** Options of the one-off `getClassifyJob` for Unsiloed. */
export type GetUnsiloedClassifyJobOptions = UnsiloedClientOptions & RequestOptions & { provider: "unsiloed" };
/** Options of `ClassifyClient.listResults`: per-call options plus paging. */
export type ListOptions = RequestOptions & PageParams;
/** Options of the one-off `listResults`: client options, per-call options and paging. */
export type ListResultsOptions = ClientOptions & ListOptions;
/** Options of `iterResults` / `iterResultPages`: per-call options plus where to start and stop. */
export type IterResultsOptions = RequestOptions & PageParams & MaxPages;
/** Options of `listClassifyJobs`: filters, paging and per-call options. */
export type ListClassifyJobsOptions = ListClassifyJobsParams & RequestOptions;
/** Options of `iterClassifyJobs`: as `listClassifyJobs`, plus where to stop. */
export type IterClassifyJobsOptions = ListClassifyJobsOptions & MaxPages;
/** Options of `uploadFile`: upload parameters and per-call options. */
export type UploadFileOptions = UploadParams & RequestOptions;
/** Per-call options accepted by every method: the call's scope (signal, organization, project) and how its requests are sent (per-attempt timeout, retries). */
export type RequestOptions = CallScopeOptions & AttemptOptions;
/** Options of `waitForClassifyJob` and `classify`: how the wait polls, and its scope (signal, organization, project). */
export type WaitOptions = PollOptions & CallScopeOptions;
/** Options for a `ClassifyClient` / `LlamaCloudClient` (and the one-off functions): the connection, LlamaCloud's scope, hooks and a logger. */
export type ClientOptions = ConnectionOptions & LlamaCloudOptions & ObserveOptions;
/** Options for an `UnsiloedClient` (and `getClassifyJob(id, { provider: "unsiloed" })`): the connection, hooks and a logger. */
export type UnsiloedClientOptions = ConnectionOptions & ObserveOptions;
/** What `onRequest` is told before each attempt. The URL never carries the key. */
export interface RequestHookInfo {
  /** `GET`, `POST`, `PUT` or `DELETE`. */
  readonly method: string;
  /** The request URL (the key `[redacted]` should a caller have put it there). */
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
}
/** What `onResponse` is told when an attempt ends. */
export interface ResponseHookInfo extends RequestHookInfo {
  /** The HTTP status; 0 when nothing answered (a timeout, a connection failure, an abort). */
  readonly status: number;
  /** Whether the attempt succeeded (a 2xx answer whose body was read). */
  readonly ok: boolean;
  /** Time from sending to the end of the attempt, in ms. */
  readonly durationMs: number;
  /** The answer's `x-request-id`, when it has one. */
  readonly requestId: string | undefined;
  /** The failure's error class name (`RateLimitError`, `TimeoutError`, …) when `ok` is false. */
  readonly error?: string;
}
/** What `onRetry` is told before the delay of a retry. */
export interface RetryHookInfo extends RequestHookInfo {
  /** The attempt that will be sent after the delay. */
  readonly nextAttempt: number;
  /** The failed attempt's HTTP status; 0 when nothing answered. */
  readonly status: number;
  /** The delay before the next attempt, in ms (the server's `Retry-After`, else backoff). */
  readonly delayMs: number;
  /** Why: the failure's error class name. */
  readonly reason: string;
}
/** Log levels, quietest first. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";
/** A logger: `console`, pino, winston, … Each line is one redacted string. */
export interface Logger {
  /** Each request sent. */
  debug?(message: string): void;
  /** Each answer (status, time, request id). */
  info?(message: string): void;
  /** Retries, and a hook that failed. */
  warn?(message: string): void;
  /** Calls that failed for good. */
  error?(message: string): void;
}
/** Classify events LlamaCloud delivers to a webhook. */
export type ClassifyWebhookEventName =
  | "classify.pending" | "classify.running" | "classify.success"
  | "classify.partial_success" | "classify.error" | "classify.cancelled";
/** Any LlamaCloud webhook event (a saved configuration may serve every product). */
export type WebhookEventName =
  | ClassifyWebhookEventName
  | "parse.pending" | "parse.running" | "parse.success" | "parse.error" | "parse.partial_success" | "parse.cancelled"
  | "extract.pending" | "extract.success" | "extract.error" | "extract.partial_success" | "extract.cancelled"
  | "sheets.pending" | "sheets.success" | "sheets.error" | "sheets.partial_success" | "sheets.cancelled"
  | "split.pending" | "split.processing" | "split.success" | "split.error" | "split.cancelled"
  | "batch.pending" | "batch.running" | "batch.success" | "batch.error" | "batch.cancelled"
  | "unmapped_event";

/**
 * Fetches a classify job by id: LlamaCloud's v2 job by default, an Unsiloed job with
 * `provider: "unsiloed"`. Resolves with the job exactly as the API sent it (after checking its
 * shape); rejects with a typed error (`NotFoundError`, `AuthenticationError`, `DecodeError`, …).
 */
export function getClassifyJob(jobId: string, options: GetUnsiloedClassifyJobOptions): Promise<UnsiloedClassifyJob>;
export function getClassifyJob(jobId: string, options?: GetClassifyJobOptions): Promise<ClassifyJob>;
"#;

/// A call in flight, as every export hands it to [`promise`].
type Call = Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>;

/// The one place a Rust future becomes a JS promise (a single `future_to_promise`
/// instantiation for every method); errors become the SDK's JS error classes here.
fn promise(call: Call) -> Promise {
    future_to_promise(async move { call.await.map_err(Error::into_js) })
}

/// A call prepared synchronously, as a promise: a preparation error rejects it (a
/// promise-returning method never throws).
fn settle(prepared: Result<Call, Error>) -> Promise {
    promise(prepared.unwrap_or_else(|error| Box::pin(async move { Err(error) })))
}

/// `undefined`, for an options argument that was left out.
static UNDEFINED: JsValue = JsValue::UNDEFINED;

/// The options argument, `undefined` when left out.
fn given(options: &Option<JsValue>) -> &JsValue {
    options.as_ref().unwrap_or(&UNDEFINED)
}

/// A call that is one request and a check of its answer: one future type serves every such
/// export (an `async` block per export would be a state machine of its own each).
fn exchange(
    config: Rc<ClientConfig>,
    call: CallSettings,
    request: Request,
    check: fn(JsValue) -> Result<JsValue, Error>,
) -> Call {
    Box::pin(async move { check(send(&config, &call, &request).await?) })
}

/// The option names a client of `provider` takes (its own, then the observability ones).
fn client_names(provider: Provider) -> Array {
    let observe = names_of::<ObserveOptions>();
    match provider {
        Provider::LlamaCloud => {
            let [connection, llamacloud] = llamacloud_client_names();
            Array::of3(connection, llamacloud, observe)
        }
        Provider::Unsiloed => Array::of2(unsiloed_client_names(), observe),
    }
}

/// A client's options of `provider`, from a snapshot read with [`client_names`].
fn client_options(provider: Provider, snapshot: &Snapshot) -> Result<ClientOptions, Error> {
    match provider {
        Provider::LlamaCloud => ClientOptions::llamacloud(snapshot),
        Provider::Unsiloed => ClientOptions::unsiloed(snapshot),
    }
}

/// A client's settings from its constructor's options (per-call options are refused with a
/// hint).
fn client_config(options: &Option<JsValue>, provider: Provider) -> Result<Rc<ClientConfig>, Error> {
    let accepted = client_names(provider);
    let snapshot = Snapshot::read(given(options), &accepted, Some(request_option_names()))?;
    ClientConfig::new(
        client_options(provider, &snapshot)?,
        snapshot.get()?,
        provider,
    )
    .map(Rc::new)
}

/// A one-off function's options (`getClassifyJob(id, options)`, `listResults`): a client's,
/// a call's and `more`, read from one snapshot (returned, for `more`).
fn one_off(
    options: &JsValue,
    provider: Provider,
    more: &[&Array],
) -> Result<(Rc<ClientConfig>, CallSettings, Snapshot), Error> {
    let accepted = client_names(provider);
    for names in request_option_parts().iter().chain(more) {
        accepted.push(names);
    }
    let snapshot = Snapshot::read(options, &accepted, None)?;
    let config = ClientConfig::new(
        client_options(provider, &snapshot)?,
        snapshot.get()?,
        provider,
    )?;
    let call = config.call(RequestOptions::read(&snapshot)?)?;
    Ok((Rc::new(config), call, snapshot))
}

// ---- one helper per request shape: every binding checks its options first, then its id,
// then its parameters, and hands one future to `settle` ----

/// A client method's call settings: its per-call options (and `more`, read by the caller
/// from the returned snapshot) merged over the client's. Client options are refused with a
/// hint.
fn call_of(
    config: &ClientConfig,
    options: &Option<JsValue>,
    more: &[&Array],
) -> Result<(CallSettings, Snapshot), Error> {
    let snapshot = match options {
        None => Snapshot::absent(),
        Some(options) => {
            let [scope, attempt] = request_option_parts();
            let accepted = Array::of2(scope, attempt);
            for names in more {
                accepted.push(names);
            }
            Snapshot::read(options, &accepted, Some(client_option_names()))?
        }
    };
    Ok((config.call(RequestOptions::read(&snapshot)?)?, snapshot))
}

/// A request with no id and no parameters (`webhookConfigs.list`).
fn plain(
    config: &Rc<ClientConfig>,
    options: &Option<JsValue>,
    request: fn() -> Request,
    check: fn(JsValue) -> Result<JsValue, Error>,
) -> Promise {
    settle(
        call_of(config, options, &[])
            .map(|(call, _)| exchange(config.clone(), call, request(), check)),
    )
}

/// An endpoint addressed by one id (`cancelClassifyJob`, `webhookConfigs.get`, …).
fn by_id(
    config: &Rc<ClientConfig>,
    endpoint: &'static IdEndpoint,
    id: &JsValue,
    options: &Option<JsValue>,
) -> Promise {
    let prepared = call_of(config, options, &[]).and_then(|(call, _)| {
        let id = check_id(endpoint.id_name, id)?;
        let request = (endpoint.request)(&id);
        let config = config.clone();
        Ok(
            Box::pin(async move { (endpoint.check)(send(&config, &call, &request).await?, &id) })
                as Call,
        )
    });
    settle(prepared)
}

/// An endpoint that sends the caller's parameters (`createClassifyJob`,
/// `webhookConfigs.create`), or replaces what `id` names with them (`webhookConfigs.update`).
fn with_params<T: Schema + Default>(
    config: &Rc<ClientConfig>,
    endpoint: &'static ParamsEndpoint<T>,
    id: Option<&JsValue>,
    params: &JsValue,
    options: &Option<JsValue>,
) -> Promise {
    let prepared = call_of(config, options, &[]).and_then(|(call, _)| {
        let id = id.map(|id| check_id(endpoint.id_name, id)).transpose()?;
        let snapshot = required_params::<T>(params, endpoint.argument)?;
        let checked: T = snapshot.params()?;
        let request = (endpoint.request)(id.as_deref(), &checked, snapshot.value())?;
        Ok(exchange(config.clone(), call, request, endpoint.check))
    });
    settle(prepared)
}

/// API parameters of type `T` (`argument` names them), read as a deep plain copy: required.
fn required_params<T: Schema>(params: &JsValue, argument: &str) -> Result<Snapshot, Error> {
    let snapshot = Snapshot::read_params(params, &Array::of1(names_of::<T>()), argument, None)?;
    if snapshot.value().is_undefined() {
        return Err(Error::invalid(argument, "required"));
    }
    Ok(snapshot)
}

/// `getClassifyJob` of a client of either provider.
fn get_job(config: &Rc<ClientConfig>, job_id: &JsValue, options: &Option<JsValue>) -> Promise {
    settle(call_of(config, options, &[]).and_then(|(call, _)| lookup(config.clone(), call, job_id)))
}

/// A job lookup, checked and ready to run: the fetch polling makes too, which checks the
/// answer is the job asked for.
fn lookup(config: Rc<ClientConfig>, call: CallSettings, job_id: &JsValue) -> Result<Call, Error> {
    let id = check_id("jobId", job_id)?;
    Ok(Box::pin(async move {
        job_status(&config, &call, &id).await.map(|(job, _)| job)
    }))
}

/// Reads a wait's options (`waitForClassifyJob`, `classify`): refused client options get a
/// hint.
fn wait_options(config: &ClientConfig, options: &Option<JsValue>) -> Result<Wait, Error> {
    let [poll, scope] = wait_option_parts();
    let snapshot = Snapshot::read(
        given(options),
        &Array::of2(poll, scope),
        Some(client_option_names()),
    )?;
    Wait::new(config, WaitOptions::read(&snapshot)?)
}

/// `waitForClassifyJob` of any provider: reads the wait's options, then polls.
fn wait(config: &Rc<ClientConfig>, job_id: &JsValue, options: &Option<JsValue>) -> Promise {
    let prepared = wait_options(config, options).and_then(|wait| {
        let id = check_id("jobId", job_id)?;
        Ok(Box::pin(wait.run(config.clone(), id)) as Call)
    });
    settle(prepared)
}

/// A checked wait, ready to poll a job once its id is known (`classify` learns it later).
struct Wait {
    call: CallSettings,
    settings: PollSettings,
}

impl Wait {
    fn new(config: &ClientConfig, options: WaitOptions) -> Result<Self, Error> {
        let WaitOptions {
            poll: options,
            scope,
        } = options;
        let call = config.call(RequestOptions {
            scope,
            ..RequestOptions::default()
        })?;
        let on_progress = if options.on_progress.is_absent() {
            None
        } else if options.on_progress.0.is_function() {
            Some(options.on_progress.0.unchecked_into())
        } else {
            return Err(Error::invalid("onProgress", "must be a function"));
        };
        // `timeoutMs` is the deprecated name of `maxWaitMs` (on a client or a call it is per
        // attempt): either is read, both are refused.
        let (deadline_name, deadline) = match (options.max_wait_ms, options.timeout_ms) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "timeoutMs",
                    "is the deprecated name of maxWaitMs: give one of them",
                ))
            }
            (None, Some(old)) => ("timeoutMs", Some(old)),
            (given, None) => ("maxWaitMs", given),
        };
        let settings = PollSettings {
            interval_ms: non_negative_ms("intervalMs", options.interval_ms, 1_000.0)?,
            max_interval_ms: non_negative_ms("maxIntervalMs", options.max_interval_ms, 5_000.0)?,
            timeout_ms: timeout(deadline_name, deadline, 600_000.0)?,
            signal: call.signal.clone(),
            on_progress,
        };
        Ok(Wait { call, settings })
    }

    /// The wait's deadline if it starts now (`Date.now()` ms).
    fn deadline_from_now(&self) -> f64 {
        js_sys::Date::now() + self.settings.timeout_ms
    }

    /// Starts the wait's clock: its deadline, and the call's settings with it (a `classify`
    /// sends its writes with them, so the wait's `maxWaitMs` covers the upload and the
    /// submission too).
    fn start(&self) -> (CallSettings, f64) {
        let deadline = self.deadline_from_now();
        let mut call = self.call.clone();
        call.deadline = Some(deadline);
        (call, deadline)
    }

    /// Polls the job until it ends or the wait's `maxWaitMs` passes.
    async fn run(self, config: Rc<ClientConfig>, id: String) -> Result<JsValue, Error> {
        let deadline = self.deadline_from_now();
        self.run_until(config, id, deadline).await
    }

    /// Polls the job until it ends or `deadline` passes.
    async fn run_until(
        self,
        config: Rc<ClientConfig>,
        id: String,
        deadline: f64,
    ) -> Result<JsValue, Error> {
        let provider = config.provider;
        let fetch = |deadline: f64| {
            let mut attempt_call = self.call.clone();
            attempt_call.deadline = Some(deadline);
            let config = config.clone();
            let id = id.clone();
            async move { job_status(&config, &attempt_call, &id).await }
        };
        wait_for(&self.settings, deadline, fetch, |status| {
            provider.phase(status)
        })
        .await
    }
}

/// Fetches a classify job by id (LlamaCloud by default; `provider: "unsiloed"` for Unsiloed).
/// The declarations are the overloads above, so the result type follows `provider`.
#[wasm_bindgen(js_name = getClassifyJob, skip_typescript)]
pub fn get_classify_job(job_id: JsValue, options: Option<JsValue>) -> Promise {
    settle(one_off_job(&job_id, &options))
}

fn one_off_job(job_id: &JsValue, options: &Option<JsValue>) -> Result<Call, Error> {
    let choice = [names_of::<ProviderChoice>()];
    let (config, call, snapshot) = one_off(given(options), Provider::LlamaCloud, &choice)?;
    let (config, call) = match snapshot.get::<ProviderChoice>()?.provider.as_deref() {
        None | Some("llamacloud") => (config, call),
        // Checked again against Unsiloed's own options (no organizationId, …).
        Some("unsiloed") => {
            let (config, call, _) = one_off(snapshot.value(), Provider::Unsiloed, &choice)?;
            (config, call)
        }
        Some(_) => {
            return Err(Error::invalid(
                "provider",
                "must be \"llamacloud\" or \"unsiloed\"",
            ))
        }
    };
    lookup(config, call, job_id)
}

/// The common view of a LlamaCloud or Unsiloed job: `{ provider, id, status, label,
/// confidence, reasoning, progress, error, pages, raw }`. Throws `InvalidArgumentError` for a
/// value that is neither provider's job.
#[wasm_bindgen(js_name = toClassification, unchecked_return_type = "Classification")]
pub fn to_classification(
    #[wasm_bindgen(unchecked_param_type = "ClassifyJob | UnsiloedClassifyJob")] job: JsValue,
) -> Result<JsValue, JsValue> {
    crate::normalized::to_classification(&job).map_err(Error::into_js)
}

/// Fetches a job of `config`'s provider: the job as sent (checked to be the job asked for),
/// and its status (for polling).
async fn job_status(
    config: &ClientConfig,
    call: &CallSettings,
    job_id: &str,
) -> Result<(JsValue, String), Error> {
    let request = providers::job_request(config.provider, job_id);
    let body = send(config, call, &request).await?;
    providers::checked_job_for(config.provider, body, job_id)
}
