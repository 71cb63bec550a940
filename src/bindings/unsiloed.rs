//! The Unsiloed export: `UnsiloedClient` (job lookup, submission, wait, `classify`).

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::{
    call_of, client_config, exchange, get_job, required_params, settle, wait, wait_options, Call,
};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::js;
use crate::options::{names_of, SubmitOptions};
use crate::providers::unsiloed::endpoints;
use crate::providers::unsiloed::models::UnsiloedSubmission;
use crate::providers::Provider;
use crate::transport::send;

/// A reusable Unsiloed classification client (`api-key` auth, default base URL
/// `https://prod.visionapi.unsiloed.ai`).
#[wasm_bindgen]
pub struct UnsiloedClient {
    config: Rc<ClientConfig>,
}

#[wasm_bindgen]
impl UnsiloedClient {
    /// Creates a client. Throws `InvalidArgumentError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "UnsiloedClientOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<UnsiloedClient, JsValue> {
        let config = client_config(&options, Provider::Unsiloed).map_err(Error::into_js)?;
        Ok(UnsiloedClient { config })
    }

    /// Fetches a job (`GET /classify/{job_id}`): its status, progress and, once completed,
    /// its result with per-page classifications.
    #[wasm_bindgen(js_name = getClassifyJob, unchecked_return_type = "Promise<UnsiloedClassifyJob>")]
    pub fn get_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        get_job(&self.config, &job_id, &options)
    }

    /// Submits a document for classification (`POST /classify`, multipart): `categories`
    /// (at least one) and exactly one of `file` (a Blob or File) or `fileUrl`. Checked before
    /// sending (`InvalidArgumentError`); an `Idempotency-Key` (`idempotencyKey`, or one
    /// generated per call) makes its retries safe. Resolves with `{ job_id, status, message,
    /// quota_remaining }`; a used-up quota rejects with `QuotaExceededError`.
    #[wasm_bindgen(js_name = submitClassification, unchecked_return_type = "Promise<UnsiloedSubmitResponse>")]
    pub fn submit_classification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UnsiloedSubmission")] submission: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions & SubmitOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        let config = &self.config;
        let prepared = call_of(config, &options, &[names_of::<SubmitOptions>()]);
        settle(prepared.and_then(|(call, more)| {
            let key = more.get::<SubmitOptions>()?.idempotency_key;
            let request = endpoints::submit(&self.submission_form(&submission)?, key)?;
            Ok(exchange(
                config.clone(),
                call,
                request,
                endpoints::submitted,
            ))
        }))
    }

    /// Polls a job until it is `completed` (resolves with it) or `failed` (rejects with
    /// `JobFailedError`, `error.job` holds the job), or the wait's `maxWaitMs` passes
    /// (`TimeoutError`).
    #[wasm_bindgen(js_name = waitForClassifyJob, unchecked_return_type = "Promise<UnsiloedClassifyJob>")]
    pub fn wait_for_classify_job(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: Option<JsValue>,
    ) -> Promise {
        wait(&self.config, &job_id, &options)
    }

    /// Classifies a document in one call: submits it, then waits for the job
    /// (`waitOptions` as in `waitForClassifyJob`); resolves with the completed job.
    #[wasm_bindgen(unchecked_return_type = "Promise<UnsiloedClassifyJob>")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UnsiloedSubmission")] submission: JsValue,
        #[wasm_bindgen(js_name = waitOptions, unchecked_optional_param_type = "WaitOptions")]
        wait_options: Option<JsValue>,
    ) -> Promise {
        settle(self.prepare_classify(&submission, &wait_options))
    }
}

impl UnsiloedClient {
    /// Reads and checks a submission, and builds its form.
    fn submission_form(&self, submission: &JsValue) -> Result<web_sys::FormData, Error> {
        let snapshot = required_params::<UnsiloedSubmission>(submission, "submission")?;
        let checked: UnsiloedSubmission = snapshot.params()?;
        endpoints::submission_form(
            &checked,
            &js::pluck(snapshot.value(), "categories"),
            self.config.max_upload_bytes,
        )
    }

    /// `classify()`: the wait's options, then the submission, checked before anything is
    /// sent; then the submission and the wait, both within the wait's `maxWaitMs`.
    fn prepare_classify(
        &self,
        submission: &JsValue,
        wait_options_given: &Option<JsValue>,
    ) -> Result<Call, Error> {
        let wait = wait_options(&self.config, wait_options_given)?;
        let request = endpoints::submit(&self.submission_form(submission)?, None)?;
        let config = self.config.clone();
        Ok(Box::pin(async move {
            let (call, deadline) = wait.start();
            let id = endpoints::submitted_job_id(send(&config, &call, &request).await?)?;
            wait.run_until(config, id, deadline).await
        }))
    }
}
