//! The Unsiloed export: `UnsiloedClient` (job lookup, submission, wait, `classify`).

use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::{exchange, get_job, given, per_call, settle, wait, Call, Wait};
use crate::config::{check_answered_id, ClientConfig, MAX_ID_CHARS};
use crate::error::Error;
use crate::js;
use crate::options::{
    names_of, unsiloed_client_names, ClientOptions, ObserveOptions, RequestOptions, Snapshot,
    SubmitOptions, WaitOptions,
};
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
        let read = || {
            let snapshot = Snapshot::read(
                given(&options),
                &Array::of2(unsiloed_client_names(), names_of::<ObserveOptions>()),
                Some(names_of::<RequestOptions>()),
            )?;
            ClientConfig::new(
                ClientOptions::unsiloed(&snapshot)?,
                snapshot.get()?,
                Provider::Unsiloed,
            )
        };
        let config = read().map_err(Error::into_js)?;
        Ok(UnsiloedClient {
            config: Rc::new(config),
        })
    }

    /// Fetches a job (`GET /classify/{job_id}`): its status, progress and, once completed,
    /// its result with per-page classifications.
    #[wasm_bindgen(js_name = getClassifyJob, unchecked_return_type = "Promise<UnsiloedClassifyJob>")]
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
        let config = self.config.clone();
        settle(self.prepare_submit(&submission).and_then(|form| {
            let snapshot = per_call(&options, &[names_of::<SubmitOptions>()])?;
            let call = config.call(snapshot.get()?)?;
            let key = snapshot.get::<SubmitOptions>()?.idempotency_key;
            // Sent as a header: visible ASCII only (anything else makes `Headers` throw).
            if key.as_ref().is_some_and(|key| {
                key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic())
            }) {
                return Err(Error::invalid(
                    "idempotencyKey",
                    "must be 1 to 255 visible ASCII characters",
                ));
            }
            let request = endpoints::submit(&form, key);
            Ok(exchange(config.clone(), call, request, |body| {
                endpoints::submitted(body).map(|(answer, _)| answer)
            }))
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
        settle(wait(self.config.clone(), &job_id, &options))
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
        let config = self.config.clone();
        settle(self.prepare_submit(&submission).and_then(|form| {
            let snapshot = Snapshot::read(
                given(&wait_options),
                &Array::of1(names_of::<WaitOptions>()),
                None,
            )?;
            let wait = Wait::new(&config, snapshot.get()?)?;
            Ok(Box::pin(async move {
                let deadline = wait.deadline_from_now();
                let call = wait.call_until(deadline);
                let sent = send(&config, &call, &endpoints::submit(&form, None)).await?;
                let (answer, _) = endpoints::submitted(sent)?;
                // The new job's id goes into the poll's URL: checked (and bounded) like any id.
                let id = check_answered_id(
                    &js::pluck(&answer, "job_id"),
                    "job_id",
                    MAX_ID_CHARS as usize,
                )?;
                wait.run_until(config, id, deadline).await
            }) as Call)
        }))
    }
}

impl UnsiloedClient {
    /// Reads and checks a submission, and builds its form.
    fn prepare_submit(&self, submission: &JsValue) -> Result<web_sys::FormData, Error> {
        let snapshot = Snapshot::read_params(
            submission,
            &Array::of1(names_of::<UnsiloedSubmission>()),
            "submission",
            None,
        )?;
        if snapshot.value().is_undefined() {
            return Err(Error::invalid("submission", "required"));
        }
        let checked: UnsiloedSubmission = snapshot.params()?;
        endpoints::submission_form(
            &checked,
            &js::pluck(snapshot.value(), "categories"),
            self.config.max_upload_bytes,
        )
    }
}
