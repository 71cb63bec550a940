//! LlamaCloud endpoints: each builds its request (sent by the caller through the one
//! transport) and checks the answer against its wire type. Inputs are checked here before
//! anything is sent. Nothing here is async: the caller's future is the only one between an
//! export and the transport.

use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js;
use crate::providers::llamacloud::models::{
    ClassifyJob, ClassifyJobCreate, ClassifyJobsPage, ClassifyRuleInput, DeletedClassifyJob,
    ListClassifyJobsParams, LlamaCloudFile, ResultsPage, WebhookConfig, WebhookConfigInput,
    WebhookConfigurationInput,
};
use crate::providers::phase::Phase;
use crate::request::Request;
use crate::text::{push_percent_encoded, push_u32};
use crate::validation::{validate, Provenance};

/// Where a v2 status leaves a job: `COMPLETED` succeeded, `FAILED` and `CANCELLED` ended
/// without a result, anything else (including statuses added later) is still going.
pub fn phase(status: &str) -> Phase {
    match status {
        "COMPLETED" => Phase::Succeeded,
        "FAILED" | "CANCELLED" => Phase::Failed,
        _ => Phase::InProgress,
    }
}

/// LlamaCloud's statuses in the common view.
pub fn common_status(status: &str) -> &str {
    match status {
        "PENDING" => "queued",
        "RUNNING" => "running",
        "COMPLETED" => "completed",
        "FAILED" => "failed",
        "CANCELLED" => "cancelled",
        other => other,
    }
}

/// `/api/v2/classify/{job_id}` plus `suffix` (`GET` of it fetches the job).
pub fn job_path(job_id: &str, suffix: &str) -> String {
    let mut path = String::from("/api/v2/classify/");
    push_percent_encoded(&mut path, job_id);
    path.push_str(suffix);
    path
}

/// Checks a v2 job answer: its shape, and one of its two input fields.
pub fn checked_job(body: JsValue) -> Result<(JsValue, ClassifyJob), Error> {
    let job: ClassifyJob = validate(&body, Provenance::Response)?;
    if job.file_input.is_none() && job.document_input_value.is_none() {
        return Err(Error::Decode {
            field: "file_input".into(),
            problem: "required, but missing (as is the older document_input_value)".into(),
        });
    }
    Ok((body, job))
}

/// `POST /api/v2/classify`: `body` is the checked parameters (see [`check_create`]) with
/// their `transaction_id`, so a retry returns the job the first attempt created. The answer
/// is a job ([`checked_job`]).
pub fn create_classify_job(body: &JsValue) -> Request {
    Request {
        creates_job: true,
        ..Request::post("/api/v2/classify".into(), js::json_text(body), true)
    }
}

/// `POST /api/v2/classify/{job_id}/cancel`: the answer is the job, now `CANCELLED` (or
/// already terminal; [`checked_job`]).
pub fn cancel_classify_job(job_id: &str) -> Request {
    Request::post(job_path(job_id, "/cancel"), JsValue::UNDEFINED, true)
}

/// `DELETE /api/v2/classify/{job_id}` (terminal jobs only; the API refuses others): the
/// answer is `{ id, project_id? }` ([`deleted_job`]).
pub fn delete_classify_job(job_id: &str) -> Request {
    Request::delete(job_path(job_id, ""))
}

/// Checks a delete's answer; its `id` is compared with the one asked for by the caller.
pub fn deleted_job(body: JsValue) -> Result<JsValue, Error> {
    let _: DeletedClassifyJob = validate(&body, Provenance::Response)?;
    Ok(body)
}

/// `/api/v1/beta/webhook-configs`, plus `/{id}` when `id` is given.
fn webhook_config_path(id: Option<&str>) -> String {
    let mut path = String::from("/api/v1/beta/webhook-configs");
    if let Some(id) = id {
        path.push('/');
        push_percent_encoded(&mut path, id);
    }
    path
}

/// `GET /api/v1/beta/webhook-configs`: every saved configuration ([`webhook_configs`]).
pub fn list_webhook_configs() -> Request {
    Request::get(webhook_config_path(None), Vec::new())
}

/// `GET /api/v1/beta/webhook-configs/{id}` ([`webhook_config`]).
pub fn get_webhook_config(id: &str) -> Request {
    Request::get(webhook_config_path(Some(id)), Vec::new())
}

/// `POST /api/v1/beta/webhook-configs` of checked parameters ([`check_webhook_config`]). Not
/// idempotent (no key): retried only when the server refused it with a delay.
pub fn create_webhook_config(body: &JsValue) -> Request {
    Request::post(webhook_config_path(None), js::json_text(body), false)
}

/// `PUT /api/v1/beta/webhook-configs/{id}` of checked parameters.
pub fn update_webhook_config(id: &str, body: &JsValue) -> Request {
    Request::put(webhook_config_path(Some(id)), js::json_text(body))
}

/// `DELETE /api/v1/beta/webhook-configs/{id}`.
pub fn delete_webhook_config(id: &str) -> Request {
    Request::delete(webhook_config_path(Some(id)))
}

/// Checks a saved configuration.
pub fn webhook_config(body: JsValue) -> Result<JsValue, Error> {
    let _: WebhookConfig = validate(&body, Provenance::Response)?;
    Ok(body)
}

/// Checks a list of saved configurations: a JSON array, or an object holding it as `items`
/// (both forms are in use); resolves with the array.
pub fn webhook_configs(body: JsValue) -> Result<JsValue, Error> {
    let list = if js_sys::Array::is_array(&body) {
        body
    } else {
        js::pluck(&body, "items")
    };
    let _: Vec<WebhookConfig> = validate(&list, Provenance::Response)?;
    Ok(list)
}

/// Classify events a job's webhook can ask for.
pub const CLASSIFY_WEBHOOK_EVENTS: [&str; 6] = [
    "classify.pending",
    "classify.running",
    "classify.success",
    "classify.partial_success",
    "classify.error",
    "classify.cancelled",
];

/// Every LlamaCloud webhook event a saved configuration can ask for (beside the classify ones).
const OTHER_WEBHOOK_EVENTS: [&str; 27] = [
    "parse.pending",
    "parse.running",
    "parse.success",
    "parse.error",
    "parse.partial_success",
    "parse.cancelled",
    "extract.pending",
    "extract.success",
    "extract.error",
    "extract.partial_success",
    "extract.cancelled",
    "sheets.pending",
    "sheets.success",
    "sheets.error",
    "sheets.partial_success",
    "sheets.cancelled",
    "split.pending",
    "split.processing",
    "split.success",
    "split.error",
    "split.cancelled",
    "batch.pending",
    "batch.running",
    "batch.success",
    "batch.error",
    "batch.cancelled",
    "unmapped_event",
];

/// Webhook configurations a job notifies, at most.
const MAX_WEBHOOK_CONFIGURATIONS: usize = 10;
/// Headers of one webhook, at most.
const MAX_WEBHOOK_HEADERS: u32 = 50;
/// Characters of a signing secret.
const MAX_SECRET_CHARS: usize = 1024;

/// `webhook_configurations` of a create: at most 10, each checked ([`check_webhook_fields`])
/// with only classify events allowed; named by index.
pub fn check_webhook_configurations(
    argument: &str,
    configurations: &Option<Vec<WebhookConfigurationInput>>,
) -> Result<(), Error> {
    let Some(configurations) = configurations else {
        return Ok(());
    };
    if configurations.len() > MAX_WEBHOOK_CONFIGURATIONS {
        return Err(Error::invalid(argument, "must hold at most 10 webhooks"));
    }
    for (index, webhook) in configurations.iter().enumerate() {
        let mut prefix = String::from(argument);
        prefix.push('[');
        push_u32(&mut prefix, index as u32);
        prefix.push_str("].");
        check_webhook_fields(
            &prefix,
            WebhookFields {
                url: &webhook.webhook_url,
                events: &webhook.webhook_events,
                headers: &webhook.webhook_headers.0,
                output_format: webhook.webhook_output_format.as_deref(),
                secret: webhook.webhook_signing_secret.as_deref(),
            },
            &CLASSIFY_WEBHOOK_EVENTS,
        )?;
    }
    Ok(())
}

/// A saved configuration's parameters (`webhookConfigs.create` / `update`): any LlamaCloud
/// event allowed; `name` at most 200 characters.
pub fn check_webhook_config(params: &WebhookConfigInput) -> Result<(), Error> {
    if params
        .name
        .as_deref()
        .is_some_and(|name| crate::text::char_count(name) > 200)
    {
        return Err(Error::invalid("name", "must be at most 200 characters"));
    }
    check_webhook_fields(
        "",
        WebhookFields {
            url: &params.webhook_url,
            events: &params.webhook_events,
            headers: &params.webhook_headers.0,
            output_format: params.webhook_output_format.as_deref(),
            secret: params.webhook_signing_secret.as_deref(),
        },
        &OTHER_WEBHOOK_EVENTS,
    )
}

/// The fields a job's webhook and a saved configuration share.
struct WebhookFields<'a> {
    url: &'a str,
    events: &'a Option<Vec<String>>,
    headers: &'a JsValue,
    output_format: Option<&'a str>,
    secret: Option<&'a str>,
}

/// `webhook_url` an http(s) URL; `webhook_events` non-empty, each a classify event or one of
/// `more`, no repeats; `webhook_headers` a plain object of at most 50 string values with
/// token names and no line breaks; `webhook_output_format` `string` or `json`;
/// `webhook_signing_secret` 1–1024 characters. Each refusal names the field with `prefix`
/// and never holds a value (a secret or a header's token least of all).
fn check_webhook_fields(prefix: &str, fields: WebhookFields, more: &[&str]) -> Result<(), Error> {
    let named = |field: &str| {
        let mut name = String::from(prefix);
        name.push_str(field);
        name
    };
    crate::checks::check_http_url(&named("webhook_url"), fields.url)?;
    if let Some(events) = fields.events {
        if events.is_empty() {
            return Err(Error::invalid(
                &named("webhook_events"),
                "must not be empty (leave it out for every event)",
            ));
        }
        for (index, event) in events.iter().enumerate() {
            let known =
                CLASSIFY_WEBHOOK_EVENTS.contains(&event.as_str()) || more.contains(&event.as_str());
            let repeated = events
                .get(..index)
                .is_some_and(|before| before.contains(event));
            if known && !repeated {
                continue;
            }
            let mut name = named("webhook_events[");
            push_u32(&mut name, index as u32);
            name.push(']');
            return Err(Error::invalid(
                &name,
                if repeated {
                    "is listed twice"
                } else {
                    "is not a known event name (a job's webhook takes the classify.* events)"
                },
            ));
        }
    }
    check_webhook_headers(&named("webhook_headers"), fields.headers)?;
    if fields
        .output_format
        .is_some_and(|format| format != "string" && format != "json")
    {
        return Err(Error::invalid(
            &named("webhook_output_format"),
            "must be \"string\" or \"json\"",
        ));
    }
    if fields.secret.is_some_and(|secret| {
        secret.is_empty() || crate::text::char_count(secret) > MAX_SECRET_CHARS
    }) {
        return Err(Error::invalid(
            &named("webhook_signing_secret"),
            "must be 1 to 1024 characters",
        ));
    }
    Ok(())
}

/// `webhook_headers`: absent, `null`, or a plain object of string values (the parameters are
/// already a plain copy, so reading it cannot run caller code).
fn check_webhook_headers(argument: &str, headers: &JsValue) -> Result<(), Error> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(());
    }
    let list = js::string_record(headers, MAX_WEBHOOK_HEADERS)
        .map_err(|refusal| Error::invalid(argument, &js::refusal_problem(&refusal)))?;
    let mut index = 0;
    while index + 1 < list.length() {
        let name = list.get(index).as_string().unwrap_or_default();
        let value = list.get(index + 1).as_string().unwrap_or_default();
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            return Err(Error::invalid(argument, "header names must be HTTP tokens"));
        }
        if value.contains(['\r', '\n', '\0']) || crate::text::char_count(&value) > 4096 {
            return Err(Error::invalid(
                argument,
                "header values must be at most 4096 characters, without line breaks or NUL",
            ));
        }
        index += 2;
    }
    Ok(())
}

/// `GET /api/v2/classify`: one page of jobs, filtered ([`jobs_page`]).
pub fn list_classify_jobs(params: &ListClassifyJobsParams, page_token: Option<&str>) -> Request {
    let mut query = Vec::new();
    if let Some(size) = params.page_size {
        let mut text = String::new();
        push_u32(&mut text, size);
        query.push(("page_size", text));
    }
    let filters = [
        ("page_token", page_token.filter(|token| !token.is_empty())),
        ("status", params.status.as_deref()),
        ("configuration_id", params.configuration_id.as_deref()),
        (
            "created_at_on_or_after",
            params.created_at_on_or_after.as_deref(),
        ),
        (
            "created_at_on_or_before",
            params.created_at_on_or_before.as_deref(),
        ),
    ];
    for (name, value) in filters {
        if let Some(value) = value {
            query.push((name, value.into()));
        }
    }
    for id in params.job_ids.iter().flatten() {
        query.push(("job_ids", id.clone()));
    }
    Request::get("/api/v2/classify".into(), query)
}

/// Checks a page of jobs.
pub fn jobs_page(body: JsValue) -> Result<(JsValue, ClassifyJobsPage), Error> {
    let page: ClassifyJobsPage = validate(&body, Provenance::Response)?;
    Ok((body, page))
}

/// `GET /api/v1/classifier/jobs/{classify_job_id}/results`: one page of results
/// ([`results_page`]).
pub fn list_results(
    classify_job_id: &str,
    page_size: Option<u32>,
    page_token: Option<&str>,
) -> Request {
    let mut path = String::from("/api/v1/classifier/jobs/");
    push_percent_encoded(&mut path, classify_job_id);
    path.push_str("/results");
    let mut query = Vec::new();
    if let Some(size) = page_size {
        let mut text = String::new();
        push_u32(&mut text, size);
        query.push(("page_size", text));
    }
    if let Some(token) = page_token.filter(|token| !token.is_empty()) {
        query.push(("page_token", token.into()));
    }
    Request::get(path, query)
}

/// A v1 results request's error: when the route itself is gone (410, or a bare 404 "Not
/// Found"), its message says so and points to `listClassifyJobs`, and `code` is
/// `route_unavailable`; any other error as it was.
pub fn results_error(error: Error) -> Error {
    if let Error::Api(failure) = &error {
        js::mark_retired_route(&failure.parts, failure.status);
    }
    error
}

/// Checks a page of results.
pub fn results_page(body: JsValue) -> Result<(JsValue, ResultsPage), Error> {
    let page: ResultsPage = validate(&body, Provenance::Response)?;
    Ok((body, page))
}

/// `POST /api/v1/beta/files` (multipart `file`, `purpose`, `external_file_id`; the answer is
/// a file, [`uploaded_file`]). An upload is not idempotent: it is sent again only when the
/// server refused it with a delay.
pub fn upload_file(form: web_sys::FormData) -> Request {
    Request::post("/api/v1/beta/files".into(), form.into(), false)
}

/// Checks an uploaded file.
pub fn uploaded_file(body: JsValue) -> Result<(JsValue, LlamaCloudFile), Error> {
    let file: LlamaCloudFile = validate(&body, Provenance::Response)?;
    Ok((body, file))
}

/// Checks `createClassifyJob`'s parameters as the API would, so a bad request fails before it
/// is sent, with the field named. Description lengths follow the current API (10–2000; an
/// older page said 500, and the server decides).
pub fn check_create(params: &ClassifyJobCreate) -> Result<(), Error> {
    match params.file_input.as_deref() {
        None | Some("") => return Err(Error::invalid("file_input", "required")),
        Some(input) if crate::text::char_count(input) > 200 => {
            return Err(Error::invalid(
                "file_input",
                "must be at most 200 characters",
            ))
        }
        Some(_) => {}
    }
    match (&params.configuration, &params.configuration_id) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                "configuration",
                "give configuration or configuration_id, not both",
            ))
        }
        (None, None) => {
            return Err(Error::invalid(
                "configuration",
                "required (or configuration_id)",
            ))
        }
        (Some(configuration), None) => {
            check_rules("configuration.rules", &configuration.rules)?;
            if configuration
                .parsing_configuration
                .as_ref()
                .is_some_and(|parsing| parsing.max_pages == Some(0))
            {
                return Err(Error::invalid(
                    "configuration.parsing_configuration.max_pages",
                    "must be at least 1",
                ));
            }
        }
        (None, Some(id)) if id.is_empty() => {
            return Err(Error::invalid("configuration_id", "must not be empty"))
        }
        (None, Some(_)) => {}
    }
    if params
        .transaction_id
        .as_ref()
        .is_some_and(|id| id.is_empty() || crate::text::char_count(id) > 255)
    {
        return Err(Error::invalid(
            "transaction_id",
            "must be 1 to 255 characters",
        ));
    }
    check_webhook_ids(&params.webhook_configuration_ids)?;
    check_webhook_configurations("webhook_configurations", &params.webhook_configurations)
}

/// `webhook_configuration_ids`: at most 4, each a non-empty id of at most 200 characters.
pub fn check_webhook_ids(ids: &Option<Vec<String>>) -> Result<(), Error> {
    let Some(ids) = ids else { return Ok(()) };
    if ids.len() > 4 {
        return Err(Error::invalid(
            "webhook_configuration_ids",
            "must hold at most 4 IDs",
        ));
    }
    if ids
        .iter()
        .any(|id| id.trim().is_empty() || crate::text::char_count(id) > 200)
    {
        return Err(Error::invalid(
            "webhook_configuration_ids",
            "each must be a non-empty id of at most 200 characters",
        ));
    }
    Ok(())
}

/// At least one rule; each `type` 1–50 characters and `description` 10–2000. A bad rule is
/// named with its index (`configuration.rules[2].description`).
pub fn check_rules(argument: &str, rules: &[ClassifyRuleInput]) -> Result<(), Error> {
    if rules.is_empty() {
        return Err(Error::invalid(argument, "must hold at least one rule"));
    }
    for (index, rule) in rules.iter().enumerate() {
        let type_len = crate::text::char_count(&rule.rule_type);
        let description_len = crate::text::char_count(&rule.description);
        let (field, problem) = if !(1..=50).contains(&type_len) {
            ("].type", "must be 1 to 50 characters")
        } else if !(10..=2000).contains(&description_len) {
            ("].description", "must be 10 to 2000 characters")
        } else {
            continue;
        };
        let mut name = String::from(argument);
        name.push('[');
        push_u32(&mut name, index as u32);
        name.push_str(field);
        return Err(Error::invalid(&name, problem));
    }
    Ok(())
}
