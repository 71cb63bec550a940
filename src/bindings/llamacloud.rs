//! The LlamaCloud exports: the one-off `listResults`, `ClassifyClient` (reads, writes,
//! iterators, waits and `classify`) and the page iterator behind `iterResults` and
//! `iterClassifyJobs`.

use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::paging::{page_exchange, PageIterator};
use super::webhook_configs::WebhookConfigs;
use super::{
    by_id, call_of, client_config, exchange, get_job, given, one_off, required_params, settle,
    wait, wait_options, with_params, Call,
};
use crate::checks::check_id;
use crate::config::{CallSettings, ClientConfig};
use crate::error::Error;
use crate::js;
use crate::options::{
    names_of, request_option_names, request_option_parts, MaxPages, PageParams, RequestOptions,
    Snapshot,
};
use crate::pagination::{Page, PageFetcher, PageFuture};
use crate::providers::llamacloud::endpoints::{self, ClassifyPlan};
use crate::providers::llamacloud::models::{ClassifyInput, ListClassifyJobsParams, UploadParams};
use crate::providers::Provider;
use crate::transport::send;

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
    let more = [names_of::<PageParams>()];
    let prepared = one_off(given(&options), Provider::LlamaCloud, &more)
        .and_then(|(config, call, snapshot)| list_page(config, call, &classify_job_id, &snapshot));
    settle(prepared)
}

/// `listResults`, checked and ready to run: the call's settings, then the id, then paging.
fn list_page(
    config: Rc<ClientConfig>,
    call: CallSettings,
    classify_job_id: &JsValue,
    snapshot: &Snapshot,
) -> Result<Call, Error> {
    let id = check_id("classifyJobId", classify_job_id)?;
    let paging = page_params(snapshot)?;
    let request = endpoints::list_results(&id, paging.page_size, paging.page_token.as_deref());
    Ok(Box::pin(async move {
        let body = send(&config, &call, &request)
            .await
            .map_err(endpoints::results_error)?;
        endpoints::results_page(body).map(|(page, _)| page)
    }))
}

/// The results' paging: `page_size` at least 1.
fn page_params(snapshot: &Snapshot) -> Result<PageParams, Error> {
    let paging: PageParams = snapshot.get()?;
    if paging.page_size == Some(0) {
        return Err(Error::invalid("page_size", "must be at least 1"));
    }
    Ok(paging)
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
        let config = client_config(&options, Provider::LlamaCloud).map_err(Error::into_js)?;
        Ok(ClassifyClient { config })
    }

    /// Fetches a v2 classify job by id.
    #[wasm_bindgen(js_name = getClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn get_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        get_job(&self.config, &job_id, &options)
    }

    /// Fetches one page of a classify job's per-file results.
    #[wasm_bindgen(js_name = listResults, unchecked_return_type = "Promise<ResultsPage>")]
    pub fn list_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: Option<JsValue>,
    ) -> Promise {
        let config = &self.config;
        settle(
            call_of(config, &options, &[names_of::<PageParams>()]).and_then(|(call, snapshot)| {
                list_page(config.clone(), call, &classify_job_id, &snapshot)
            }),
        )
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
        self.result_pages(&classify_job_id, &options, js::item_iterable)
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
        self.result_pages(&classify_job_id, &options, js::page_iterable)
    }

    /// Polls a classify job until it is `COMPLETED` (resolves with it), `FAILED` or
    /// `CANCELLED` (rejects with `JobFailedError`, `error.job` holds the job), or the wait's
    /// `maxWaitMs` passes (`TimeoutError`, `error.job` holds the last job seen), even when a
    /// request never answers.
    #[wasm_bindgen(js_name = waitForClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn wait_for_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: Option<JsValue>,
    ) -> Promise {
        wait(&self.config, &job_id, &options)
    }

    /// Starts a classify job (`POST /api/v2/classify`). The parameters are checked first
    /// (`InvalidArgumentError` naming the field); a `transaction_id` is generated when left
    /// out, so a retried request returns the job the first attempt created.
    #[wasm_bindgen(js_name = createClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn create_classify_job(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ClassifyJobCreate")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        with_params(
            &self.config,
            &endpoints::CREATE_JOB,
            None,
            &params,
            &options,
        )
    }

    /// Cancels a classify job (`POST /api/v2/classify/{job_id}/cancel`); resolves with the job
    /// (a `DecodeError` at `id` if the answer is another job).
    #[wasm_bindgen(js_name = cancelClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn cancel_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        by_id(&self.config, &endpoints::CANCEL_JOB, &job_id, &options)
    }

    /// Deletes a finished classify job (`DELETE /api/v2/classify/{job_id}`); resolves with
    /// `{ id, project_id }`. The API refuses a job that is still running (an `ApiError`,
    /// typically `BadRequestError` or `ConflictError`): cancel it first.
    #[wasm_bindgen(js_name = deleteClassifyJob, unchecked_return_type = "Promise<DeletedClassifyJob>")]
    pub fn delete_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        by_id(&self.config, &endpoints::DELETE_JOB, &job_id, &options)
    }

    /// The saved webhook configurations (`/api/v1/beta/webhook-configs`): `list`, `get`,
    /// `create`, `update`, `delete`.
    #[wasm_bindgen(getter, js_name = webhookConfigs)]
    pub fn webhook_configs(&self) -> WebhookConfigs {
        WebhookConfigs::new(self.config.clone())
    }

    /// One page of classify jobs (`GET /api/v2/classify`), filtered by `status`,
    /// `job_ids`, `configuration_id` and creation time; `page_size` 1–100.
    #[wasm_bindgen(js_name = listClassifyJobs, unchecked_return_type = "Promise<ClassifyJobsPage>")]
    pub fn list_classify_jobs(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListClassifyJobsOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        settle(self.jobs_query(&options, None).map(|(call, params, _)| {
            let request = endpoints::list_classify_jobs(&params, params.page_token.as_deref());
            exchange(self.config.clone(), call, request, endpoints::jobs_page_of)
        }))
    }

    /// Every classify job that matches the filters, page by page:
    /// `for await (const job of client.iterClassifyJobs({ status: "RUNNING" }))`.
    #[wasm_bindgen(js_name = iterClassifyJobs, unchecked_return_type = "AsyncIterableIterator<ClassifyJob>")]
    pub fn iter_classify_jobs(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "IterClassifyJobsOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        let pages = self.jobs_query(&options, Some(names_of::<MaxPages>()));
        pages
            .map(|(call, params, max_pages)| self.job_pages(call, params, max_pages))
            .map_err(Error::into_js)
    }

    /// Uploads a document (`POST /api/v1/beta/files`, multipart) and resolves with the file;
    /// its `id` is a classify job's `file_input`. `purpose` defaults to `"classify"`. Not
    /// retried once sent, except when the server refuses it with 429/503 and a delay.
    #[wasm_bindgen(js_name = uploadFile, unchecked_return_type = "Promise<LlamaCloudFile>")]
    pub fn upload_file(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Blob")] file: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "UploadFileOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        let config = &self.config;
        settle(
            call_of(config, &options, &[names_of::<UploadParams>()]).and_then(|(call, more)| {
                let request = endpoints::upload_file(&file, &more.get()?, config.max_upload_bytes)?;
                Ok(exchange(config.clone(), call, request, endpoints::file_of))
            }),
        )
    }

    /// Classifies a document in one call: uploads `file` (or uses `file_input`), creates a
    /// job with `rules` (or `configuration_id`), and waits for it (`waitOptions` as in
    /// `waitForClassifyJob`); resolves with the `COMPLETED` job.
    #[wasm_bindgen(unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ClassifyInput")] input: JsValue,
        #[wasm_bindgen(js_name = waitOptions, unchecked_optional_param_type = "WaitOptions")]
        wait_options: Option<JsValue>,
    ) -> Promise {
        settle(self.prepare_classify(&input, &wait_options))
    }
}

impl ClassifyClient {
    /// `iterResults` / `iterResultPages`: the results' pages, wrapped by `iterable`.
    fn result_pages(
        &self,
        classify_job_id: &JsValue,
        options: &Option<JsValue>,
        iterable: fn(JsValue) -> JsValue,
    ) -> Result<JsValue, JsValue> {
        let more = [names_of::<PageParams>(), names_of::<MaxPages>()];
        let pages = call_of(&self.config, options, &more).and_then(|(call, snapshot)| {
            let paging = page_params(&snapshot)?;
            let fetcher = ResultsPageFetcher {
                config: self.config.clone(),
                call,
                classify_job_id: check_id("classifyJobId", classify_job_id)?,
                page_size: paging.page_size,
            };
            let max_pages = snapshot.get::<MaxPages>()?.max_pages;
            Ok(PageIterator::new(
                Box::new(fetcher),
                paging.page_token,
                max_pages,
            ))
        });
        pages
            .map(|pages| iterable(pages.into()))
            .map_err(Error::into_js)
    }

    /// Reads `listClassifyJobs` / `iterClassifyJobs` options: the call's settings, the
    /// filters (checked) and `maxPages`.
    fn jobs_query(
        &self,
        options: &Option<JsValue>,
        more: Option<&Array>,
    ) -> Result<(CallSettings, ListClassifyJobsParams, Option<u32>), Error> {
        let params = names_of::<ListClassifyJobsParams>();
        let [scope, attempt] = request_option_parts();
        let accepted = Array::of3(params, scope, attempt);
        if let Some(more) = more {
            accepted.push(more);
        }
        let call_names = request_option_names();
        let snapshot =
            Snapshot::read_params(given(options), &accepted, "options", Some(call_names))?;
        let call = self.config.call(RequestOptions::read(&snapshot)?)?;
        let params: ListClassifyJobsParams = snapshot.params()?;
        if params
            .page_size
            .is_some_and(|size| !(1..=100).contains(&size))
        {
            return Err(Error::invalid("page_size", "must be from 1 to 100"));
        }
        let max_pages = snapshot.get::<MaxPages>()?.max_pages;
        Ok((call, params, max_pages))
    }

    /// The job list's pages from `params.page_token` (or the first), as an iterable of jobs.
    fn job_pages(
        &self,
        call: CallSettings,
        params: ListClassifyJobsParams,
        max_pages: Option<u32>,
    ) -> JsValue {
        let first = params.page_token.clone();
        let fetcher = JobsPageFetcher {
            config: self.config.clone(),
            call,
            params,
        };
        js::item_iterable(PageIterator::new(Box::new(fetcher), first, max_pages).into())
    }

    /// `classify()`: the wait's options, then the input, checked and planned before anything
    /// is sent; then the upload (for a file), the create and the wait, all within the wait's
    /// `maxWaitMs`.
    fn prepare_classify(
        &self,
        input: &JsValue,
        wait_options_given: &Option<JsValue>,
    ) -> Result<Call, Error> {
        let wait = wait_options(&self.config, wait_options_given)?;
        let snapshot = required_params::<ClassifyInput>(input, "input")?;
        let checked: ClassifyInput = snapshot.params()?;
        let plan = ClassifyPlan::new(&checked, snapshot.value(), self.config.max_upload_bytes)?;
        let config = self.config.clone();
        Ok(Box::pin(async move {
            let (call, deadline) = wait.start();
            if let Some(upload) = &plan.upload {
                plan.uploaded(send(&config, &call, upload).await?)?;
            }
            let id = ClassifyPlan::created(send(&config, &call, &plan.create()).await?)?;
            wait.run_until(config, id, deadline).await
        }))
    }
}

/// The v1 results endpoint as a page fetcher.
struct ResultsPageFetcher {
    config: Rc<ClientConfig>,
    call: CallSettings,
    classify_job_id: String,
    page_size: Option<u32>,
}

impl PageFetcher for ResultsPageFetcher {
    fn fetch(&self, token: Option<String>) -> PageFuture {
        let request =
            endpoints::list_results(&self.classify_job_id, self.page_size, token.as_deref());
        let config = self.config.clone();
        let call = self.call.clone();
        Box::pin(async move {
            let body = send(&config, &call, &request)
                .await
                .map_err(endpoints::results_error)?;
            let (value, page) = endpoints::results_page(body)?;
            Ok(Page {
                value,
                next_token: page.next_page_token,
            })
        })
    }
}

/// The v2 job list as a page fetcher.
struct JobsPageFetcher {
    config: Rc<ClientConfig>,
    call: CallSettings,
    params: ListClassifyJobsParams,
}

impl PageFetcher for JobsPageFetcher {
    fn fetch(&self, token: Option<String>) -> PageFuture {
        let request = endpoints::list_classify_jobs(&self.params, token.as_deref());
        page_exchange(&self.config, &self.call, request, |body| {
            let (value, page) = endpoints::jobs_page(body)?;
            Ok(Page {
                value,
                next_token: page.next_page_token,
            })
        })
    }
}
