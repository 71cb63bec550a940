//! The LlamaCloud exports: the one-off `listResults`, `ClassifyClient` (reads, writes,
//! iterators, waits and `classify`) and the page iterator behind `iterResults` and
//! `iterClassifyJobs`.

use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::paging::{page_exchange, PageIterator};
use super::webhook_configs::WebhookConfigs;
use super::{exchange, get_job, given, per_call, settle, wait, Call, Wait};
use crate::config::{check_answered_id, check_id, CallSettings, ClientConfig, MAX_ID_CHARS};
use crate::error::Error;
use crate::js;
use crate::multipart::{append_file, append_text, new_form};
use crate::options::{
    client_option_names, llamacloud_client_names, names_of, ClientOptions, MaxPages,
    ObserveOptions, PageParams, RequestOptions, Snapshot, WaitOptions,
};
use crate::pagination::{Page, PageFetcher, PageFuture};
use crate::providers::llamacloud::endpoints;
use crate::providers::llamacloud::models::{
    ClassifyInput, ClassifyJobCreate, ListClassifyJobsParams, UploadParams,
};
use crate::providers::{answered_for, Provider};
use crate::request::Request;
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
    let prepared = Snapshot::read(
        given(&options),
        &Array::of5(
            llamacloud_client_names()[0],
            llamacloud_client_names()[1],
            names_of::<ObserveOptions>(),
            names_of::<RequestOptions>(),
            names_of::<PageParams>(),
        ),
        None,
    )
    .and_then(|snapshot| {
        let config = ClientConfig::new(
            ClientOptions::llamacloud(&snapshot)?,
            snapshot.get()?,
            Provider::LlamaCloud,
        )?;
        list_page(Rc::new(config), &classify_job_id, &snapshot)
    });
    settle(prepared)
}

/// `listResults`, checked and ready to run.
fn list_page(
    config: Rc<ClientConfig>,
    classify_job_id: &JsValue,
    snapshot: &Snapshot,
) -> Result<Call, Error> {
    let call = config.call(snapshot.get()?)?;
    let paging: PageParams = snapshot.get()?;
    let id = check_id("classifyJobId", classify_job_id)?;
    if paging.page_size == Some(0) {
        return Err(Error::invalid("page_size", "must be at least 1"));
    }
    let request = endpoints::list_results(&id, paging.page_size, paging.page_token.as_deref());
    Ok(Box::pin(async move {
        let body = send(&config, &call, &request)
            .await
            .map_err(endpoints::results_error)?;
        endpoints::results_page(body).map(|(page, _)| page)
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
                given(&options),
                &Array::of3(
                    llamacloud_client_names()[0],
                    llamacloud_client_names()[1],
                    names_of::<ObserveOptions>(),
                ),
                Some(names_of::<RequestOptions>()),
            )?;
            ClientConfig::new(
                ClientOptions::llamacloud(&snapshot)?,
                snapshot.get()?,
                Provider::LlamaCloud,
            )
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
        settle(
            per_call(&options, &[])
                .and_then(|snapshot| get_job(self.config.clone(), &job_id, snapshot.get()?)),
        )
    }

    /// Fetches one page of a classify job's per-file results.
    #[wasm_bindgen(js_name = listResults, unchecked_return_type = "Promise<ResultsPage>")]
    pub fn list_results(
        &self,
        #[wasm_bindgen(js_name = classifyJobId, unchecked_param_type = "string")]
        classify_job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: Option<JsValue>,
    ) -> Promise {
        settle(
            per_call(&options, &[names_of::<PageParams>()])
                .and_then(|snapshot| list_page(self.config.clone(), &classify_job_id, &snapshot)),
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
        self.result_pages(&classify_job_id, &options)
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
        self.result_pages(&classify_job_id, &options)
            .map(|pages| js::page_iterable(pages.into()))
            .map_err(Error::into_js)
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
        settle(wait(self.config.clone(), &job_id, &options))
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
        settle(self.prepare_create(&params, &options))
    }

    /// Cancels a classify job (`POST /api/v2/classify/{job_id}/cancel`); resolves with the job
    /// (a `DecodeError` at `id` if the answer is another job).
    #[wasm_bindgen(js_name = cancelClassifyJob, unchecked_return_type = "Promise<ClassifyJob>")]
    pub fn cancel_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        settle(self.job_write(&job_id, &options, endpoints::cancel_classify_job, job_of))
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
        settle(self.job_write(
            &job_id,
            &options,
            endpoints::delete_classify_job,
            endpoints::deleted_job,
        ))
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
        let config = self.config.clone();
        settle(self.jobs_query(&options, None).map(|(call, params, _)| {
            let request = endpoints::list_classify_jobs(&params, params.page_token.as_deref());
            exchange(config, call, request, |body| {
                endpoints::jobs_page(body).map(|(page, _)| page)
            })
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
        let pages = self.jobs_query(&options, Some(names_of::<MaxPages>())).map(
            |(call, params, max_pages)| {
                let first = params.page_token.clone();
                let fetcher = JobsPageFetcher {
                    config: self.config.clone(),
                    call,
                    params,
                };
                PageIterator::new(Box::new(fetcher), first, max_pages)
            },
        );
        pages
            .map(|pages| js::item_iterable(pages.into()))
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
        let config = self.config.clone();
        settle(
            per_call(&options, &[names_of::<UploadParams>()]).and_then(|snapshot| {
                let call = config.call(snapshot.get()?)?;
                let params: UploadParams = snapshot.get()?;
                let request = endpoints::upload_file(upload_form(&config, &file, &params)?);
                Ok(exchange(config.clone(), call, request, |body| {
                    endpoints::uploaded_file(body).map(|(file, _)| file)
                }))
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
    fn result_pages(
        &self,
        classify_job_id: &JsValue,
        options: &Option<JsValue>,
    ) -> Result<PageIterator, Error> {
        let snapshot = per_call(options, &[names_of::<PageParams>(), names_of::<MaxPages>()])?;
        let call = self.config.call(snapshot.get()?)?;
        let paging: PageParams = snapshot.get()?;
        if paging.page_size == Some(0) {
            return Err(Error::invalid("page_size", "must be at least 1"));
        }
        let fetcher = ResultsPageFetcher {
            config: self.config.clone(),
            call,
            classify_job_id: check_id("classifyJobId", classify_job_id)?,
            page_size: paging.page_size,
        };
        Ok(PageIterator::new(
            Box::new(fetcher),
            paging.page_token,
            snapshot.get::<MaxPages>()?.max_pages,
        ))
    }

    /// Reads `listClassifyJobs` / `iterClassifyJobs` options: the call's settings, the
    /// filters (checked) and `maxPages`.
    fn jobs_query(
        &self,
        options: &Option<JsValue>,
        more: Option<&Array>,
    ) -> Result<(CallSettings, ListClassifyJobsParams, Option<u32>), Error> {
        let params = names_of::<ListClassifyJobsParams>();
        let call_names = names_of::<RequestOptions>();
        let accepted = match more {
            Some(more) => Array::of3(params, call_names, more),
            None => Array::of2(params, call_names),
        };
        let snapshot =
            Snapshot::read_params(given(options), &accepted, "options", Some(call_names))?;
        let call = self.config.call(snapshot.get()?)?;
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

    /// A write to one job (cancel, delete): its answer checked by `check`, then checked to be
    /// about that job (`id`).
    fn job_write(
        &self,
        job_id: &JsValue,
        options: &Option<JsValue>,
        request: fn(&str) -> Request,
        check: fn(JsValue) -> Result<JsValue, Error>,
    ) -> Result<Call, Error> {
        let call = self.config.call(per_call(options, &[])?.get()?)?;
        let id = check_id("jobId", job_id)?;
        let request = request(&id);
        let config = self.config.clone();
        Ok(Box::pin(async move {
            let answer = check(send(&config, &call, &request).await?)?;
            answered_for(&answer, "id", &id)?;
            Ok(answer)
        }))
    }

    fn prepare_create(&self, params: &JsValue, options: &Option<JsValue>) -> Result<Call, Error> {
        let call = self.config.call(per_call(options, &[])?.get()?)?;
        let snapshot = Snapshot::read_params(
            params,
            &Array::of1(names_of::<ClassifyJobCreate>()),
            "params",
            None,
        )?;
        if snapshot.value().is_undefined() {
            return Err(Error::invalid("params", "required"));
        }
        let checked: ClassifyJobCreate = snapshot.params()?;
        endpoints::check_create(&checked)?;
        let body = snapshot.value().clone();
        if checked.transaction_id.is_none() {
            set(&body, "transaction_id", &js::random_id().into());
        }
        let request = endpoints::create_classify_job(&body);
        Ok(exchange(self.config.clone(), call, request, job_of))
    }

    fn prepare_classify(
        &self,
        input: &JsValue,
        wait_options: &Option<JsValue>,
    ) -> Result<Call, Error> {
        let snapshot = Snapshot::read_params(
            input,
            &Array::of1(names_of::<ClassifyInput>()),
            "input",
            None,
        )?;
        if snapshot.value().is_undefined() {
            return Err(Error::invalid("input", "required"));
        }
        let checked: ClassifyInput = snapshot.params()?;
        let wait_snapshot = Snapshot::read(
            given(wait_options),
            &Array::of1(names_of::<WaitOptions>()),
            Some(client_option_names()),
        )?;
        let wait = Wait::new(&self.config, wait_snapshot.get()?)?;
        // The create request's body, from the checked input.
        let body = Object::new();
        let input_value = snapshot.value();
        let upload = match (checked.file.is_absent(), &checked.file_input) {
            (false, Some(_)) => {
                return Err(Error::invalid("file", "give file or file_input, not both"))
            }
            (true, None) => return Err(Error::invalid("file", "required (or file_input)")),
            (true, Some(input)) => {
                set(&body, "file_input", &JsValue::from_str(input));
                None
            }
            (false, None) => Some(upload_form(
                &self.config,
                &checked.file.0,
                &UploadParams {
                    purpose: None,
                    external_file_id: checked.external_file_id.clone(),
                },
            )?),
        };
        match (&checked.rules, &checked.configuration_id) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "rules",
                    "give rules or configuration_id, not both",
                ))
            }
            (None, None) => return Err(Error::invalid("rules", "required (or configuration_id)")),
            (Some(rules), None) => {
                endpoints::check_rules("rules", rules)?;
                let configuration = Object::new();
                set(&configuration, "rules", &js::pluck(input_value, "rules"));
                let parsing = js::pluck(input_value, "parsing_configuration");
                if !parsing.is_undefined() {
                    set(&configuration, "parsing_configuration", &parsing);
                }
                set(&body, "configuration", &configuration);
            }
            (None, Some(id)) => set(&body, "configuration_id", &JsValue::from_str(id)),
        }
        endpoints::check_webhook_ids(&checked.webhook_configuration_ids)?;
        endpoints::check_webhook_configurations(
            "webhook_configurations",
            &checked.webhook_configurations,
        )?;
        for field in ["webhook_configuration_ids", "webhook_configurations"] {
            let value = js::pluck(input_value, field);
            if !value.is_undefined() {
                set(&body, field, &value);
            }
        }
        let transaction = checked.transaction_id.clone().unwrap_or_else(js::random_id);
        set(&body, "transaction_id", &transaction.into());
        let config = self.config.clone();
        Ok(Box::pin(async move {
            let deadline = wait.deadline_from_now();
            let call = wait.call_until(deadline);
            if let Some(form) = upload {
                let sent = send(&config, &call, &endpoints::upload_file(form)).await?;
                let (file, _) = endpoints::uploaded_file(sent)?;
                // The upload's id becomes the job's `file_input`: bounded as that is.
                let file_id = check_answered_id(&js::pluck(&file, "id"), "id", 200)?;
                set(&body, "file_input", &JsValue::from_str(&file_id));
            }
            let sent = send(&config, &call, &endpoints::create_classify_job(&body)).await?;
            let (job, _) = endpoints::checked_job(sent)?;
            // The new job's id goes into the next URLs: checked (and bounded) like any id.
            let id = check_answered_id(&js::pluck(&job, "id"), "id", MAX_ID_CHARS as usize)?;
            wait.run_until(config, id, deadline).await
        }))
    }
}

/// A v2 job answer, checked (the check of `createClassifyJob` and `cancelClassifyJob`).
fn job_of(body: JsValue) -> Result<JsValue, Error> {
    endpoints::checked_job(body).map(|(job, _)| job)
}

/// Sets a property on an object the SDK built (cannot fail).
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The multipart form of an upload: `file` (a Blob or File), `purpose`, `external_file_id`.
fn upload_form(
    config: &ClientConfig,
    file: &JsValue,
    params: &UploadParams,
) -> Result<web_sys::FormData, Error> {
    let form = new_form()?;
    append_file(&form, "file", file, "document", config.max_upload_bytes)?;
    let purpose = params.purpose.as_deref().unwrap_or("classify");
    append_text(&form, "purpose", &JsValue::from_str(purpose))?;
    if let Some(id) = &params.external_file_id {
        append_text(&form, "external_file_id", &JsValue::from_str(id))?;
    }
    Ok(form)
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
