//! The one request path: every request of every provider, as an endpoint builds it, goes through [`send`].
//!
//! It builds the URL (the provider's org/project query when it has one), takes the client's headers (built once per client, see
//! `ClientConfig::headers`), sends the request with gloo-net (or the caller's `fetch`),
//! races it against the attempt's timeout and the caller's signal (so a `fetch` that never
//! settles cannot outlive either), retries what is worth retrying within the call's
//! deadline, lets the JS engine parse the body, and maps every failure to an [`Error`].
//!
//! What comes from outside is bounded here: an error body is read up to 64 KiB and never
//! copied into wasm memory; it is gone before any retry sleep; the configured key is scrubbed
//! from whatever a server or a custom fetch echoes; redirects are followed only within the
//! API's origin, so no credential or caller header reaches another one.

use core::future::Future;
use core::pin::Pin;
use core::task::Poll;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response};

use crate::config::{CallSettings, ClientConfig};
use crate::error::{ApiFailure, Error};
use crate::js::{
    self, ABORTED_BY_CALLER, ABORTED_BY_TIMEOUT, MAX_ERROR_BODY_BYTES, OBSERVED_ANSWER,
    OBSERVED_FAILURE, OBSERVED_GAVE_UP, OBSERVED_REQUEST, OBSERVED_RETRY,
};
use crate::request::Request;
use crate::text::push_percent_encoded;

/// Longest exponential backoff step (ms).
const MAX_BACKOFF_MS: f64 = 8_000.0;
/// First backoff step (ms).
const INITIAL_BACKOFF_MS: f64 = 500.0;
/// Same-origin redirects followed within one attempt.
const MAX_REDIRECTS: u32 = 5;
/// Characters kept of a runtime's connection-error message.
const MAX_CAUSE_CHARS: usize = 300;

/// A failed attempt, and whether another one may help.
struct AttemptFailure {
    error: Error,
    retry: bool,
    /// A delay the server asked for, in ms.
    server_delay_ms: Option<f64>,
    /// The HTTP status, 0 when there was no answer.
    status: u16,
}

impl AttemptFailure {
    fn fatal(error: Error) -> Self {
        AttemptFailure {
            error,
            retry: false,
            server_delay_ms: None,
            status: 0,
        }
    }
    fn retryable(error: Error) -> Self {
        AttemptFailure {
            error,
            retry: true,
            server_delay_ms: None,
            status: 0,
        }
    }

    /// Whether a request that is not idempotent may be sent again: only when the server
    /// said it did not take it (429 or 503 with a delay).
    fn refused_by_server(&self) -> bool {
        matches!(self.status, 429 | 503) && self.server_delay_ms.is_some()
    }
}

/// Sends `request` and resolves with the JSON body as the JS engine parsed it.
pub async fn send(
    config: &ClientConfig,
    call: &CallSettings,
    request: &Request,
) -> Result<JsValue, Error> {
    let url = build_url(config, call, &request.path, &request.query);
    let headers = config.headers()?;
    let mut attempts: u32 = 0;
    loop {
        if call.aborted() {
            return Err(Error::Abort);
        }
        if request.creates_job {
            if let Some(extras) = &call.extras {
                pace(extras, call, attempts).await?;
            }
        }
        let timeout_ms = match time_left(call) {
            Some(left) if left <= 0.0 => return Err(deadline_passed(attempts)),
            Some(left) => call.timeout_ms.min(left),
            None => call.timeout_ms,
        };
        attempts += 1;
        let observer = config.observer.as_ref();
        let started = match observer {
            Some(observer) => {
                let now = js_sys::Date::now();
                report(
                    observer,
                    OBSERVED_REQUEST,
                    request,
                    &url,
                    attempts,
                    0,
                    now,
                    None,
                );
                now
            }
            None => 0.0,
        };
        let failure = match attempt(config, call, request, &url, headers, timeout_ms).await {
            Ok((body, response)) => {
                if let Some(observer) = observer {
                    js::observe(
                        observer,
                        OBSERVED_ANSWER,
                        request.method,
                        &url,
                        attempts,
                        0,
                        started,
                        &response,
                        &JsValue::UNDEFINED,
                    );
                }
                if let Some(extras) = &call.extras {
                    js::record_response(extras, &response, config.api_key.as_deref());
                }
                return Ok(body);
            }
            Err(failure) => failure,
        };
        if let Some(observer) = observer {
            let status = failure.status;
            report(
                observer,
                OBSERVED_FAILURE,
                request,
                &url,
                attempts,
                status,
                started,
                Some(&failure.error),
            );
        }
        if matches!(failure.error, Error::Connection { .. }) && unreadable_file(request).await {
            // The caller's file, not the network: sending it again cannot help.
            return Err(Error::invalid(
                "file",
                "could not be read: it was deleted, moved or changed after it was chosen",
            ));
        }
        let may_resend = request.idempotent || failure.refused_by_server();
        if !failure.retry || !may_resend || attempts > call.max_retries {
            if let Some(observer) = observer {
                let status = failure.status;
                report(
                    observer,
                    OBSERVED_GAVE_UP,
                    request,
                    &url,
                    attempts,
                    status,
                    0.0,
                    Some(&failure.error),
                );
            }
            return Err(failure.error.with_attempts(attempts));
        }
        let delay = match failure.server_delay_ms {
            Some(ms) => ms.min(config.max_retry_delay_ms),
            None => backoff_ms(attempts - 1),
        };
        if time_left(call).is_some_and(|left| delay >= left) {
            return Err(deadline_passed(attempts));
        }
        if request.creates_job && failure.status == 429 {
            if let Some(extras) = &call.extras {
                // Every document of a `classifyMany` waits, not only this one.
                js::slow_down(extras, delay);
            }
        }
        if let Some(observer) = observer {
            let status = failure.status;
            report(
                observer,
                OBSERVED_RETRY,
                request,
                &url,
                attempts,
                status,
                delay,
                Some(&failure.error),
            );
        }
        // Nothing of the failed answer is held across the sleep.
        drop(failure);
        sleep(delay, call.signal.as_ref()).await?;
    }
}

/// Reports a step of `request` to the client's observer (out of line: only clients with hooks
/// or a logger get here). `timing` is when the attempt started, or a retry's delay (ms).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn report(
    observer: &JsValue,
    event: u32,
    request: &Request,
    url: &str,
    attempt: u32,
    status: u16,
    timing: f64,
    error: Option<&Error>,
) {
    let (detail, parts) = match error {
        Some(error) => (JsValue::from_str(error.name()), error.api_parts()),
        None => (JsValue::UNDEFINED, &JsValue::UNDEFINED),
    };
    js::observe(
        observer,
        event,
        request.method,
        url,
        attempt,
        status,
        timing,
        &detail,
        parts,
    );
}

/// Waits for `classifyMany`'s pace (its job-creation rate, and a pause after a 429) before a
/// creation is sent; a no-op for any other call.
#[inline(never)]
async fn pace(extras: &JsValue, call: &CallSettings, attempts: u32) -> Result<(), Error> {
    let left = time_left(call).unwrap_or(-1.0);
    match JsFuture::from(js::pace_creation(extras, call.signal.as_ref(), left)).await {
        Ok(allowed) if allowed.is_falsy() => Err(deadline_passed(attempts)),
        Ok(_) => Ok(()),
        Err(_) => Err(Error::Abort),
    }
}

/// Whether `request` carries a file part that can no longer be read (only a multipart body
/// can; a JSON or empty body is never probed).
async fn unreadable_file(request: &Request) -> bool {
    if !request.body.is_object() || request.body.is_string() {
        return false;
    }
    JsFuture::from(js::unreadable_body(&request.body))
        .await
        .is_ok_and(|unreadable| unreadable.is_truthy())
}

/// Milliseconds left before the call's deadline, when it has one.
fn time_left(call: &CallSettings) -> Option<f64> {
    call.deadline.map(|deadline| deadline - js_sys::Date::now())
}

fn deadline_passed(attempts: u32) -> Error {
    Error::Timeout {
        what: "request",
        attempts,
        job: None,
    }
}

/// Waits `ms`, or rejects with [`Error::Abort`] as soon as `signal` fires.
pub async fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Result<(), Error> {
    JsFuture::from(js::sleep_promise(ms, signal))
        .await
        .map(|_| ())
        .map_err(|_| Error::Abort)
}

/// `0.5 s · 2^n`, capped at 8 s, minus up to 25 % jitter.
fn backoff_ms(retry_index: u32) -> f64 {
    let base = (INITIAL_BACKOFF_MS * f64::from(1u32 << retry_index.min(8))).min(MAX_BACKOFF_MS);
    base * (1.0 - 0.25 * js_sys::Math::random())
}

fn build_url(
    config: &ClientConfig,
    call: &CallSettings,
    path: &str,
    query: &[(&'static str, String)],
) -> String {
    let mut url = String::with_capacity(config.base_url.len() + path.len() + 64);
    url.push_str(&config.base_url);
    url.push_str(path);
    let scoped = config.provider.scoped_query();
    let defaults = [
        (
            "organization_id",
            call.organization_id.as_deref().filter(|_| scoped),
        ),
        ("project_id", call.project_id.as_deref().filter(|_| scoped)),
    ];
    let given = query
        .iter()
        .map(|(name, value)| (*name, Some(value.as_str())));
    let mut separator = '?';
    for (name, value) in defaults.into_iter().chain(given) {
        if let Some(value) = value {
            url.push(separator);
            url.push_str(name);
            url.push('=');
            push_percent_encoded(&mut url, value);
            separator = '&';
        }
    }
    url
}

/// Polls `work` and `stop` together: `Some(output)` when the work finishes first, `None`
/// when `stop` settles first (the attempt's signal fired).
async fn race<T>(work: impl Future<Output = T>, mut stop: JsFuture) -> Option<T> {
    let mut work = core::pin::pin!(work);
    core::future::poll_fn(move |cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        Pin::new(&mut stop).poll(cx).map(|_| None)
    })
    .await
}

/// One attempt: fetch, status check, body parse, all within the attempt's timeout and the
/// caller's signal.
async fn attempt(
    config: &ClientConfig,
    call: &CallSettings,
    request: &Request,
    url: &str,
    headers: &Headers,
    timeout_ms: f64,
) -> Result<(JsValue, Response), AttemptFailure> {
    // gloo-net's `Request` copies the headers; a caller's `fetch` gets its own copy, so what it
    // does to `init.headers` stays out of the client's next requests.
    let attempt = js::begin_attempt(
        headers,
        config.fetch.is_some(),
        request.method,
        &request.body,
        request.headers.as_ref(),
        &config.credentials,
        call.signal.as_ref(),
        timeout_ms,
    );
    let direct = attempt.direct();
    let outcome = race(
        send_and_read(config, url, &attempt.init(), direct),
        JsFuture::from(attempt.signalled()),
    )
    .await;
    let aborted_by = attempt.finish();
    match (outcome, aborted_by) {
        (Some(Ok(body)), _) => Ok(body),
        (_, ABORTED_BY_CALLER) => Err(AttemptFailure::fatal(Error::Abort)),
        (_, ABORTED_BY_TIMEOUT) | (None, _) => Err(AttemptFailure::retryable(Error::Timeout {
            what: "request",
            attempts: 1,
            job: None,
        })),
        (Some(Err(failure)), _) => Err(failure),
    }
}

async fn send_and_read(
    config: &ClientConfig,
    url: &str,
    init: &RequestInit,
    direct: bool,
) -> Result<(JsValue, Response), AttemptFailure> {
    let secret = config.api_key.as_deref();
    let mut target = String::from(url);
    let mut redirects = 0;
    let response = loop {
        let response = fetch(config, &target, init, secret, direct).await?;
        let status = response.status();
        if status != 0 && !(300..400).contains(&status) || status == 304 {
            break response;
        }
        // A redirect (status 0: a browser's opaque one, whose target cannot be read).
        let next = js::redirect_target(&response, &target);
        if next.is_empty() || redirects >= MAX_REDIRECTS {
            return Err(AttemptFailure::fatal(Error::Connection {
                cause: "the server redirected to another origin (or too often); redirects are followed only within the API's origin, so set baseUrl to the final address".into(),
                attempts: 1,
            }));
        }
        redirects += 1;
        target = next;
    };
    let status = response.status();
    if status == 204 {
        // No Content (a delete): there is no body to parse.
        return Ok((JsValue::NULL, response));
    }
    if (200..300).contains(&status) {
        let body = match response.json() {
            Ok(promise) => JsFuture::from(promise).await,
            Err(error) => Err(error),
        };
        return body.map(|body| (body, response)).map_err(|error| {
            if error.is_instance_of::<js_sys::SyntaxError>() {
                // The engine's message quotes the body: left out.
                AttemptFailure::fatal(Error::Decode {
                    field: String::new(),
                    problem: "the body is not valid JSON".into(),
                })
            } else {
                AttemptFailure::retryable(connection_error(js::message_of(&error, secret)))
            }
        });
    }
    let text = JsFuture::from(js::read_capped(&response, MAX_ERROR_BODY_BYTES))
        .await
        .unwrap_or_default();
    Err(api_failure(&response, status, &text, secret))
}

/// One fetch, with gloo-net, or through `callFetch` (which checks the answer and makes it a
/// plain native `Response`) for the caller's function, or when `direct`: a polluted
/// `Object.prototype` would reach into the request gloo-net hands to the runtime, and a
/// global `fetch` replaced since load could answer with something gloo-net panics on.
async fn fetch(
    config: &ClientConfig,
    url: &str,
    init: &RequestInit,
    secret: Option<&str>,
    direct: bool,
) -> Result<Response, AttemptFailure> {
    if config.fetch.is_some() || direct {
        return match JsFuture::from(js::call_fetch(config.fetch.as_ref(), url, init, secret)).await
        {
            Ok(response) => Ok(response.unchecked_into()),
            Err(message) => Err(AttemptFailure::retryable(connection_error(
                message.as_string().unwrap_or_default(),
            ))),
        };
    }
    let request = web_sys::Request::new_with_str_and_init(url, init)
        .map_err(|_| AttemptFailure::fatal(Error::invalid("baseUrl", "is not a valid URL")))?;
    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|error| AttemptFailure::retryable(connection_error(gloo_message(error))))?;
    Ok(Response::from(response))
}

fn connection_error(cause: String) -> Error {
    Error::Connection { cause, attempts: 1 }
}

fn gloo_message(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.message.chars().take(MAX_CAUSE_CHARS).collect(),
        _ => String::new(),
    }
}

/// Turns a non-success response and its capped body text into an [`Error::Api`], with the
/// retry decision (out of line: it would otherwise widen the request future's state machine).
#[inline(never)]
fn api_failure(
    response: &Response,
    status: u16,
    text: &JsValue,
    secret: Option<&str>,
) -> AttemptFailure {
    let parts = js::api_error_parts(response, text, secret);
    let header = |name: &str| js::retry_header(response, name);
    let should_retry = match header("x-should-retry").as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(status, 408 | 409 | 429 | 500..=599),
    };
    let server_delay_ms = server_delay(&header("retry-after-ms"), &header("retry-after"));
    AttemptFailure {
        error: Error::Api(Box::new(ApiFailure {
            status,
            parts,
            attempts: 1,
        })),
        retry: should_retry,
        server_delay_ms,
        status,
    }
}

/// `retry-after-ms` (ms), else `Retry-After` (seconds or an HTTP date).
fn server_delay(retry_after_ms: &Option<String>, retry_after: &Option<String>) -> Option<f64> {
    if let Some(ms) = retry_after_ms.as_deref().map(js_sys::Number::parse_float) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(ms);
        }
    }
    let value = retry_after.as_deref()?;
    let seconds = js_sys::Number::parse_float(value);
    if seconds.is_finite() && seconds >= 0.0 {
        return Some(seconds * 1000.0);
    }
    let date = js_sys::Date::parse(value);
    date.is_finite()
        .then(|| (date - js_sys::Date::now()).max(0.0))
}
