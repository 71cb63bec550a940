//! The LlamaCloud exports: the one-off `getClassifyJob` / `listResults`, `ClassifyClient`
//! and the results iterator. The one-off functions build a client's configuration and run
//! the same shared functions as the client's methods.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::{promise, Call};
use crate::config::{check_id, non_negative_ms, timeout, CallSettings, ClientConfig};
use crate::error::Error;
use crate::js;
use crate::llamacloud::endpoints;
use crate::options::{
    names_of, ClientOptions, IterParams, PageParams, RequestOptions, Snapshot, WaitOptions,
};
use crate::pagination::{Page, PageFuture, PageSource, Pager};
use crate::polling::{wait_for, Phase, PollSettings};

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
    let prepared = one_off(&options, None)
        .and_then(|(config, snapshot)| get_job(Rc::new(config), &job_id, snapshot.get()?));
    promise(prepared.unwrap_or_else(failed))
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
    let prepared =
        one_off(&options, Some(names_of::<PageParams>())).and_then(|(config, snapshot)| {
            list_page(
                Rc::new(config),
                &classify_job_id,
                snapshot.get()?,
                snapshot.get()?,
            )
        });
    promise(prepared.unwrap_or_else(failed))
}

/// A call that failed before it started, as a future (the promise still rejects, never throws).
fn failed(error: Error) -> Call {
    Box::pin(async move { Err(error) })
}

/// Reads a one-off function's options: the client's, the call's and `more`.
fn one_off(
    options: &Option<JsValue>,
    more: Option<&Array>,
) -> Result<(ClientConfig, Snapshot), Error> {
    let client = names_of::<ClientOptions>();
    let call = names_of::<RequestOptions>();
    let accepted = match more {
        Some(more) => Array::of3(client, call, more),
        None => Array::of2(client, call),
    };
    let snapshot = Snapshot::read(
        options.as_ref().unwrap_or(&JsValue::UNDEFINED),
        &accepted,
        None,
    )?;
    let config = ClientConfig::new(snapshot.get()?)?;
    Ok((config, snapshot))
}

/// Reads a client method's options: the call's and `more`; client options are refused with
/// a hint.
fn per_call(options: &Option<JsValue>, more: Option<&Array>) -> Result<Snapshot, Error> {
    let call = names_of::<RequestOptions>();
    let accepted = match more {
        Some(more) => Array::of2(call, more),
        None => Array::of1(call),
    };
    Snapshot::read(
        options.as_ref().unwrap_or(&JsValue::UNDEFINED),
        &accepted,
        Some(names_of::<ClientOptions>()),
    )
}

/// `getClassifyJob`, checked and ready to run.
fn get_job(
    config: Rc<ClientConfig>,
    job_id: &JsValue,
    options: RequestOptions,
) -> Result<Call, Error> {
    let call = config.call(options)?;
    let id = check_id("jobId", job_id)?;
    Ok(Box::pin(async move {
        endpoints::get_classify_job(&config, &call, &id)
            .await
            .map(|(job, _)| job)
    }))
}

/// `listResults`, checked and ready to run.
fn list_page(
    config: Rc<ClientConfig>,
    classify_job_id: &JsValue,
    options: RequestOptions,
    paging: PageParams,
) -> Result<Call, Error> {
    let call = config.call(options)?;
    let id = check_id("classifyJobId", classify_job_id)?;
    if paging.page_size == Some(0) {
        return Err(Error::invalid("page_size", "must be at least 1"));
    }
    Ok(Box::pin(async move {
        endpoints::list_results(
            &config,
            &call,
            &id,
            paging.page_size,
            paging.page_token.as_deref(),
        )
        .await
        .map(|(page, _)| page)
    }))
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
        let read = || {
            let snapshot = Snapshot::read(
                options.as_ref().unwrap_or(&JsValue::UNDEFINED),
                &Array::of1(names_of::<ClientOptions>()),
                Some(names_of::<RequestOptions>()),
            )?;
            ClientConfig::new(snapshot.get()?)
        };
        let config = read().map_err(Error::into_js)?;
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
        let prepared = per_call(&options, None)
            .and_then(|snapshot| get_job(self.config.clone(), &job_id, snapshot.get()?));
        promise(prepared.unwrap_or_else(failed))
    }

    /// Fetches one page of a classify job's per-file results.
    #[wasm_bindgen(js_name = listResults, unchecked_return_type = "Promise<ResultsPage>")]
    pub fn list_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = per_call(&options, Some(names_of::<PageParams>())).and_then(|snapshot| {
            list_page(
                self.config.clone(),
                &classify_job_id,
                snapshot.get()?,
                snapshot.get()?,
            )
        });
        promise(prepared.unwrap_or_else(failed))
    }

    /// Every result of a classify job, page by page, holding one page in memory:
    /// `for await (const item of client.iterResults(id)) { … }`.
    ///
    /// Stops on an absent or empty `next_page_token`; a token that comes back a second time
    /// rejects with `PaginationError` instead of looping. Throws `InvalidArgumentError` for
    /// bad input.
    #[wasm_bindgen(js_name = iterResults, unchecked_return_type = "AsyncIterableIterator<ResultItem>")]
    pub fn iter_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "IterResultsOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.pages(&classify_job_id, &options)
            .map(|pages| js::item_iterable(pages.into()))
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
        self.pages(&classify_job_id, &options)
            .map(|pages| js::page_iterable(pages.into()))
            .map_err(Error::into_js)
    }

    /// Polls a classify job until it is `COMPLETED` (resolves with it), `FAILED` or
    /// `CANCELLED` (rejects with `JobFailedError`, `error.job` holds the job), or the wait's
    /// `timeoutMs` passes (`TimeoutError`, `error.job` holds the last job seen), even when a
    /// request never answers.
    #[wasm_bindgen(js_name = waitForClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn wait_for_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = self.prepare_wait(&job_id, &options);
        promise(prepared.unwrap_or_else(failed))
    }
}

impl ClassifyClient {
    fn pages(
        &self,
        classify_job_id: &JsValue,
        options: &Option<JsValue>,
    ) -> Result<ResultPageIterator, Error> {
        let snapshot = per_call(options, Some(names_of::<IterParams>()))?;
        let call = self.config.call(snapshot.get()?)?;
        let params: IterParams = snapshot.get()?;
        if params.page_size == Some(0) {
            return Err(Error::invalid("page_size", "must be at least 1"));
        }
        let source = ResultsSource {
            config: self.config.clone(),
            call,
            classify_job_id: check_id("classifyJobId", classify_job_id)?,
            page_size: params.page_size,
        };
        let pager = Pager::new(source, params.page_token, params.max_pages);
        Ok(ResultPageIterator {
            pager: Rc::new(RefCell::new(Some(pager))),
        })
    }

    fn prepare_wait(&self, job_id: &JsValue, options: &Option<JsValue>) -> Result<Call, Error> {
        let snapshot = Snapshot::read(
            options.as_ref().unwrap_or(&JsValue::UNDEFINED),
            &Array::of1(names_of::<WaitOptions>()),
            Some(names_of::<ClientOptions>()),
        )?;
        let options: WaitOptions = snapshot.get()?;
        let id = check_id("jobId", job_id)?;
        let call = self.config.call(RequestOptions {
            signal: options.signal,
            organization_id: options.organization_id,
            project_id: options.project_id,
            ..RequestOptions::default()
        })?;
        let on_progress = if options.on_progress.is_absent() {
            None
        } else if options.on_progress.0.is_function() {
            Some(options.on_progress.0.unchecked_into())
        } else {
            return Err(Error::invalid("onProgress", "must be a function"));
        };
        let settings = PollSettings {
            interval_ms: non_negative_ms("intervalMs", options.interval_ms, 1_000.0)?,
            max_interval_ms: non_negative_ms("maxIntervalMs", options.max_interval_ms, 5_000.0)?,
            timeout_ms: timeout("timeoutMs", options.timeout_ms, 600_000.0)?,
            signal: call.signal.clone(),
            on_progress,
        };
        let config = self.config.clone();
        Ok(Box::pin(async move {
            let fetch = |deadline: f64| {
                let mut attempt_call = call.clone();
                attempt_call.deadline = Some(deadline);
                let config = config.clone();
                let id = id.clone();
                async move {
                    let (value, job) =
                        endpoints::get_classify_job(&config, &attempt_call, &id).await?;
                    Ok((value, job.status))
                }
            };
            wait_for(&settings, fetch, classify_job_phase).await
        }))
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
