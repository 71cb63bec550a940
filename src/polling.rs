//! Provider-agnostic polling: fetch a job until it reaches a terminal status, backing off,
//! within an overall deadline and the caller's signal. The deadline holds even when a request
//! never answers: each poll gets the deadline (its attempts and retry delays are cut to the
//! time left, see `transport`), and each sleep is cut to the time left.

use std::future::Future;

use js_sys::Function;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use crate::error::Error;
use crate::providers::phase::Phase;
use crate::transport::sleep;

/// The shortest wait between polls (ms): never more than 20 polls a second.
pub const MIN_INTERVAL_MS: f64 = 50.0;

/// How to poll.
pub struct PollSettings {
    /// First wait between polls (ms), at least [`MIN_INTERVAL_MS`].
    pub interval_ms: f64,
    /// Longest wait between polls (ms).
    pub max_interval_ms: f64,
    /// Overall time allowed (ms), counted from when the deadline is set.
    pub timeout_ms: f64,
    /// The caller's signal.
    pub signal: Option<AbortSignal>,
    /// Called with the job on every status change.
    pub on_progress: Option<Function>,
}

/// Polls `fetch(deadline)` until `phase(status)` is terminal or `deadline` (`Date.now()` ms)
/// passes. `fetch` gets the deadline so an in-flight request never outlives it.
pub async fn wait_for<F, Fut>(
    settings: &PollSettings,
    deadline: f64,
    mut fetch: F,
    phase: impl Fn(&str) -> Phase,
) -> Result<JsValue, Error>
where
    F: FnMut(f64) -> Fut,
    Fut: Future<Output = Result<(JsValue, String), Error>>,
{
    let mut interval = settings.interval_ms.max(MIN_INTERVAL_MS);
    let mut last_seen: Option<(String, JsValue)> = None;
    let mut last_job: Option<JsValue> = None;
    let mut polls: u32 = 0;
    loop {
        let remaining = deadline - js_sys::Date::now();
        if remaining <= 0.0 {
            return Err(Error::Timeout {
                what: "waiting for the classify job",
                attempts: polls,
                job: last_job,
            });
        }
        polls += 1;
        let (job, status) = match fetch(deadline).await {
            Ok(found) => found,
            // A request cut short by the deadline, or timing out on every retry: the wait
            // has run out of time either way.
            Err(Error::Timeout { .. }) => {
                return Err(Error::Timeout {
                    what: "waiting for the classify job",
                    attempts: polls,
                    job: last_job,
                });
            }
            Err(error) => return Err(error),
        };
        // Reported when the status or the progress text (Unsiloed's "Processing page 2 of 3")
        // changes.
        // The progress text is compared in JS (`===`), never copied into wasm memory.
        let seen = (status, crate::js::pluck(&job, "progress"));
        if last_seen.as_ref() != Some(&seen) {
            if let Some(callback) = &settings.on_progress {
                // A throwing callback, or one whose promise rejects, must not break the wait.
                crate::js::report_progress(callback, &job);
            }
        }
        match phase(&seen.0) {
            Phase::Succeeded => return Ok(job),
            Phase::Failed => {
                return Err(Error::JobFailed {
                    status: seen.0,
                    job,
                })
            }
            Phase::InProgress => {}
        }
        last_seen = Some(seen);
        last_job = Some(job);
        let remaining = deadline - js_sys::Date::now();
        if remaining <= 0.0 {
            return Err(Error::Timeout {
                what: "waiting for the classify job",
                attempts: polls,
                job: last_job,
            });
        }
        sleep(interval.min(remaining), settings.signal.as_ref()).await?;
        interval = (interval * 2.0)
            .min(settings.max_interval_ms)
            .max(MIN_INTERVAL_MS);
    }
}
