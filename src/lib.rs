//! classify-sdk: a typed, small WebAssembly client for LlamaCloud classify jobs.
//!
//! This file holds only the JavaScript bindings and the hand-written TypeScript aliases;
//! each concern lives in its own module.

mod config;
mod decode;
mod encode;
mod error;
pub mod llamacloud;
mod pagination;
mod polling;
mod transport;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::Promise;
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::config::{
    check_id, decode_options, non_negative_ms, CallSettings, ClientConfig, PageParams,
    RequestOptions,
};
use crate::error::Error;
use crate::llamacloud::endpoints;
use crate::pagination::{Page, PageFuture, PageSource, Pager};
use crate::polling::{wait_for, Phase, PollSettings};

/// A small free-list allocator (coalescing, single-threaded like every wasm instance here)
/// in place of std's dlmalloc: the SDK's allocations are few and short-lived.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread per instance.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &'static str = r#"
/**
 * Status of a LlamaCloud classify job. `PENDING` and `RUNNING` are in progress;
 * `COMPLETED`, `FAILED` and `CANCELLED` are terminal. Statuses the API adds later arrive
 * unchanged, so the type stays open (`string & {}` keeps editor completion for the known ones).
 */
export type ClassifyJobStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | (string & {});
/** Kind of input a classify job read. */
export type DocumentInputType = "url" | "file_id" | "parse_job_id" | (string & {});
/** Options of the one-off `getClassifyJob`: client options plus per-call options. */
export type GetClassifyJobOptions = ClientOptions & RequestOptions;
/** Options of `ClassifyClient.listResults`: per-call options plus paging. */
export type ListOptions = RequestOptions & PageParams;
/** Options of the one-off `listResults`: client options, per-call options and paging. */
export type ListResultsOptions = ClientOptions & ListOptions;
/** Options of `iterResults` / `iterResultPages`: per-call options plus where to start and stop. */
export type IterResultsOptions = RequestOptions & IterParams;
"#;

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageIterable)]
    fn page_iterable(pages: ResultPageIterator) -> JsValue;
    #[wasm_bindgen(js_name = itemIterable)]
    fn item_iterable(pages: ResultPageIterator) -> JsValue;
}

/// Where `iterResults` starts and when it stops.
#[derive(Deserialize, Tsify, Default)]
pub struct IterParams {
    /// Items per page requested from the API.
    #[serde(default)]
    #[tsify(optional)]
    pub page_size: Option<u32>,
    /// Start from this page token instead of the first page.
    #[serde(default)]
    #[tsify(optional)]
    pub page_token: Option<String>,
    /// Stop after this many pages.
    #[serde(rename = "maxPages", default)]
    #[tsify(optional)]
    pub max_pages: Option<u32>,
}

/// Options of `waitForClassifyJob`.
#[derive(Deserialize, Tsify, Default)]
pub struct WaitOptions {
    /// First wait between polls, in ms. Default 1000.
    #[serde(rename = "intervalMs", default)]
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls, in ms (the interval doubles up to it). Default 5000.
    #[serde(rename = "maxIntervalMs", default)]
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// Overall deadline in ms; then the promise rejects with `TimeoutError` carrying the last
    /// job seen (`error.job`). Default 600000 (10 minutes).
    #[serde(rename = "timeoutMs", default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Cancels the wait and any request in flight (`AbortError`).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: JsValue,
    /// Called with the job whenever its status changes (and on the first poll).
    #[serde(rename = "onProgress", default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "(job: ClassifyJob) => void")]
    pub on_progress: JsValue,
    /// Overrides the client's organization for this wait.
    #[serde(default)]
    #[tsify(optional)]
    pub organization_id: Option<String>,
    /// Overrides the client's project for this wait.
    #[serde(default)]
    #[tsify(optional)]
    pub project_id: Option<String>,
}

/// A call in flight, as every export hands it to [`promise`].
type Call = Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>;

/// The one place a Rust future becomes a JS promise (a single `future_to_promise`
/// instantiation for every method); errors become the SDK's JS error classes here.
fn promise(call: Call) -> Promise {
    future_to_promise(async move { call.await.map_err(Error::into_js) })
}

/// Fetches a LlamaCloud v2 classify job by id.
///
/// Resolves with the job exactly as the API sent it (after checking its shape); rejects with
/// a typed error (`NotFoundError`, `AuthenticationError`, `DecodeError`, …).
#[wasm_bindgen(js_name = getClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
pub fn get_classify_job(
    #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GetClassifyJobOptions")] options: Option<
        JsValue,
    >,
) -> Promise {
    promise(Box::pin(async move {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let config = ClientConfig::new(decode_options(&options)?)?;
        get_classify_job_with(&config, &job_id, &options).await
    }))
}

/// Fetches one page of a classify job's per-file results (LlamaCloud v1).
///
/// Pass the previous page's `next_page_token` as `page_token` for the next page, or use
/// `ClassifyClient.iterResults` to walk them all.
#[wasm_bindgen(js_name = listResults, unchecked_return_type = "Promise<ResultsPage>")]
pub fn list_results(
    #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
    classify_job_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ListResultsOptions")] options: Option<JsValue>,
) -> Promise {
    promise(Box::pin(async move {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let config = ClientConfig::new(decode_options(&options)?)?;
        list_results_with(&config, &classify_job_id, &options).await
    }))
}

async fn get_classify_job_with(
    config: &ClientConfig,
    job_id: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Error> {
    let call = config.call(decode_options(options)?)?;
    let id = check_id("jobId", job_id)?;
    endpoints::get_classify_job(config, &call, &id)
        .await
        .map(|(job, _)| job)
}

async fn list_results_with(
    config: &ClientConfig,
    classify_job_id: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Error> {
    let call = config.call(decode_options(options)?)?;
    let paging: PageParams = decode_options(options)?;
    let id = check_id("classifyJobId", classify_job_id)?;
    if paging.page_size == Some(0) {
        return Err(Error::invalid("page_size", "must be at least 1"));
    }
    endpoints::list_results(
        config,
        &call,
        &id,
        paging.page_size,
        paging.page_token.as_deref(),
    )
    .await
    .map(|(page, _)| page)
}

/// A reusable LlamaCloud classify client: validated options, shared by every call.
#[wasm_bindgen]
pub struct ClassifyClient {
    config: Rc<ClientConfig>,
}

#[wasm_bindgen]
impl ClassifyClient {
    /// Creates a client. Throws `InvalidArgumentError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: Option<JsValue>,
    ) -> Result<ClassifyClient, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let config = decode_options(&options)
            .and_then(ClientConfig::new)
            .map_err(Error::into_js)?;
        Ok(ClassifyClient {
            config: Rc::new(config),
        })
    }

    /// Fetches a v2 classify job by id.
    #[wasm_bindgen(js_name = getClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn get_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let config = self.config.clone();
        promise(Box::pin(async move {
            let options = options.unwrap_or(JsValue::UNDEFINED);
            get_classify_job_with(&config, &job_id, &options).await
        }))
    }

    /// Fetches one page of a classify job's per-file results.
    #[wasm_bindgen(js_name = listResults, unchecked_return_type = "Promise<ResultsPage>")]
    pub fn list_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: Option<JsValue>,
    ) -> Promise {
        let config = self.config.clone();
        promise(Box::pin(async move {
            let options = options.unwrap_or(JsValue::UNDEFINED);
            list_results_with(&config, &classify_job_id, &options).await
        }))
    }

    /// Every result of a classify job, page by page, holding one page in memory:
    /// `for await (const item of client.iterResults(id)) { … }`.
    ///
    /// Stops on an absent or empty `next_page_token`; a token that comes back a second time
    /// rejects with `PaginationError` instead of looping.
    #[wasm_bindgen(js_name = iterResults, unchecked_return_type = "AsyncIterableIterator<ResultItem>")]
    pub fn iter_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "IterResultsOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.pages(classify_job_id, options)
            .map(item_iterable)
            .map_err(Error::into_js)
    }

    /// Every page of a classify job's results: `for await (const page of client.iterResultPages(id))`.
    #[wasm_bindgen(js_name = iterResultPages, unchecked_return_type = "AsyncIterableIterator<ResultsPage>")]
    pub fn iter_result_pages(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "IterResultsOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.pages(classify_job_id, options)
            .map(page_iterable)
            .map_err(Error::into_js)
    }

    /// Polls a classify job until it is `COMPLETED` (resolves with it), `FAILED` or
    /// `CANCELLED` (rejects with `JobFailedError`, `error.job` holds the job), or the wait's
    /// `timeoutMs` passes (`TimeoutError`, `error.job` holds the last job seen).
    #[wasm_bindgen(js_name = waitForClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn wait_for_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: Option<JsValue>,
    ) -> Promise {
        let config = self.config.clone();
        promise(Box::pin(async move {
            {
                let options: WaitOptions = decode_options(&options.unwrap_or(JsValue::UNDEFINED))?;
                let id = check_id("jobId", &job_id)?;
                let call = config.call(RequestOptions {
                    signal: options.signal.clone(),
                    organization_id: options.organization_id,
                    project_id: options.project_id,
                    ..RequestOptions::default()
                })?;
                let settings = PollSettings {
                    interval_ms: non_negative_ms("intervalMs", options.interval_ms, 1_000.0)?,
                    max_interval_ms: non_negative_ms(
                        "maxIntervalMs",
                        options.max_interval_ms,
                        5_000.0,
                    )?,
                    timeout_ms: non_negative_ms("timeoutMs", options.timeout_ms, 600_000.0)?,
                    signal: call.signal.clone(),
                    on_progress: match options.on_progress {
                        value if value.is_undefined() || value.is_null() => None,
                        value => Some(
                            value
                                .dyn_into()
                                .map_err(|_| Error::invalid("onProgress", "must be a function"))?,
                        ),
                    },
                };
                let fetch = |remaining_ms: f64| {
                    let mut attempt_call = call.clone();
                    attempt_call.timeout_ms = attempt_call.timeout_ms.min(remaining_ms);
                    let config = config.clone();
                    let id = id.clone();
                    async move {
                        let (value, job) =
                            endpoints::get_classify_job(&config, &attempt_call, &id).await?;
                        Ok((value, job.status))
                    }
                };
                wait_for(&settings, fetch, classify_job_phase).await
            }
        }))
    }
}

impl ClassifyClient {
    fn pages(
        &self,
        classify_job_id: JsValue,
        options: Option<JsValue>,
    ) -> Result<ResultPageIterator, Error> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let call = self.config.call(decode_options(&options)?)?;
        let params: IterParams = decode_options(&options)?;
        if params.page_size == Some(0) {
            return Err(Error::invalid("page_size", "must be at least 1"));
        }
        let source = ResultsSource {
            config: self.config.clone(),
            call,
            classify_job_id: check_id("classifyJobId", &classify_job_id)?,
            page_size: params.page_size,
        };
        let pager = Pager::new(source, params.page_token, params.max_pages);
        Ok(ResultPageIterator {
            pager: Rc::new(RefCell::new(Some(pager))),
        })
    }
}

/// Where a LlamaCloud v2 status leaves a job.
fn classify_job_phase(status: &str) -> Phase {
    match status {
        "COMPLETED" => Phase::Succeeded,
        "FAILED" | "CANCELLED" => Phase::Failed,
        _ => Phase::InProgress,
    }
}

/// The v1 results endpoint as a page source.
struct ResultsSource {
    config: Rc<ClientConfig>,
    call: CallSettings,
    classify_job_id: String,
    page_size: Option<u32>,
}

impl PageSource for ResultsSource {
    fn fetch(&self, token: Option<String>) -> PageFuture {
        let config = self.config.clone();
        let call = self.call.clone();
        let id = self.classify_job_id.clone();
        let page_size = self.page_size;
        Box::pin(async move {
            let (value, page) =
                endpoints::list_results(&config, &call, &id, page_size, token.as_deref()).await?;
            Ok(Page {
                value,
                next_token: page.next_page_token,
            })
        })
    }
}

/// A page-at-a-time iterator over a classify job's results. Wrapped by `iterResults` and
/// `iterResultPages`; not constructed directly.
#[wasm_bindgen]
pub struct ResultPageIterator {
    pager: Rc<RefCell<Option<Pager<ResultsSource>>>>,
}

#[wasm_bindgen]
impl ResultPageIterator {
    /// The next page, or `undefined` after the last one. Calls are serialized by the JS
    /// wrapper, which turns this into iterator results.
    #[wasm_bindgen(unchecked_return_type = "Promise<ResultsPage | undefined>")]
    pub fn next(&self) -> Promise {
        let pager = self.pager.clone();
        promise(Box::pin(async move {
            // The pager is taken out while a page is in flight, so no borrow spans an await.
            let Some(mut taken) = pager.borrow_mut().take() else {
                return Err(Error::invalid(
                    "next",
                    "called before the previous call settled",
                ));
            };
            let page = taken.next_page().await;
            *pager.borrow_mut() = Some(taken);
            Ok(page?.unwrap_or(JsValue::UNDEFINED))
        }))
    }
}
