//! LlamaCloud endpoints: each builds its request (sent by the caller through the one
//! transport) and checks the answer against its wire type. Inputs are checked here before
//! anything is sent. Nothing here is async: the caller's future is the only one between an
//! export and the transport.

use wasm_bindgen::JsValue;

use crate::checks::{answered_for, check_answered_id, MAX_ID_CHARS};
use crate::error::Error;
use crate::js;
use crate::multipart::{append_file, append_text, new_form};
use crate::providers::llamacloud::models::{
    ClassifyInput, ClassifyJob, ClassifyJobCreate, ClassifyJobsPage, ClassifyRuleInput,
    DeletedClassifyJob, ListClassifyJobsParams, LlamaCloudFile, ResultsPage, UploadParams,
    WebhookConfig, WebhookConfigInput, WebhookConfigurationInput,
};
use crate::providers::phase::Phase;
use crate::request::{IdEndpoint, ParamsEndpoint, Request};
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

/// A v2 job answer, checked (the answer of a create).
pub fn job_of(body: JsValue) -> Result<JsValue, Error> {
    checked_job(body).map(|(job, _)| job)
}

/// A v2 job answer, checked to be the job `job_id` (the answer of a cancel).
fn job_answer_for(body: JsValue, job_id: &str) -> Result<JsValue, Error> {
    let job = job_of(body)?;
    answered_for(&job, "id", job_id)?;
    Ok(job)
}

/// `createClassifyJob`: `POST /api/v2/classify` of the checked parameters ([`check_create`])
/// with their `transaction_id` (generated when left out), so a retry returns the job the
/// first attempt created. The answer is a job.
pub const CREATE_JOB: ParamsEndpoint<ClassifyJobCreate> = ParamsEndpoint {
    argument: "params",
    id_name: "",
    request: create_request,
    check: job_of,
};

fn create_request(
    _id: Option<&str>,
    params: &ClassifyJobCreate,
    body: &JsValue,
) -> Result<Request, Error> {
    check_create(params)?;
    if params.transaction_id.is_none() {
        js::set(body, "transaction_id", &js::random_id().into());
    }
    Ok(create_classify_job(body))
}

/// `POST /api/v2/classify` of `body` (checked parameters with their `transaction_id`).
pub fn create_classify_job(body: &JsValue) -> Request {
    Request {
        creates_job: true,
        ..Request::post("/api/v2/classify".into(), js::json_text(body), true)
    }
}

/// `cancelClassifyJob`: `POST /api/v2/classify/{job_id}/cancel`; the answer is the job, now
/// `CANCELLED` (or already terminal), and must be that job.
pub const CANCEL_JOB: IdEndpoint = IdEndpoint {
    id_name: "jobId",
    request: |job_id| Request::post(job_path(job_id, "/cancel"), JsValue::UNDEFINED, true),
    check: job_answer_for,
};

/// `deleteClassifyJob`: `DELETE /api/v2/classify/{job_id}` (terminal jobs only; the API
/// refuses others). The answer is `{ id, project_id? }`, about the job asked for.
pub const DELETE_JOB: IdEndpoint = IdEndpoint {
    id_name: "jobId",
    request: |job_id| Request::delete(job_path(job_id, "")),
    check: |body, job_id| {
        let _: DeletedClassifyJob = validate(&body, Provenance::Response)?;
        answered_for(&body, "id", job_id)?;
        Ok(body)
    },
};

/// `/api/v1/beta/webhook-configs`, plus `/{id}` when `id` is given.
fn webhook_config_path(id: Option<&str>) -> String {
    let mut path = String::from("/api/v1/beta/webhook-configs");
    if let Some(id) = id {
        path.push('/');
        push_percent_encoded(&mut path, id);
    }
    path
}

/// `webhookConfigs.list`: `GET /api/v1/beta/webhook-configs` ([`webhook_configs`]).
pub fn list_webhook_configs() -> Request {
    Request::get(webhook_config_path(None), Vec::new())
}

/// `webhookConfigs.get`: `GET /api/v1/beta/webhook-configs/{id}`.
pub const GET_WEBHOOK_CONFIG: IdEndpoint = IdEndpoint {
    id_name: "id",
    request: |id| Request::get(webhook_config_path(Some(id)), Vec::new()),
    check: |body, _| webhook_config(body),
};

/// `webhookConfigs.delete`: `DELETE /api/v1/beta/webhook-configs/{id}`; resolves with
/// `undefined`.
pub const DELETE_WEBHOOK_CONFIG: IdEndpoint = IdEndpoint {
    id_name: "id",
    request: |id| Request::delete(webhook_config_path(Some(id))),
    check: |_, _| Ok(JsValue::UNDEFINED),
};

/// `webhookConfigs.create`: `POST /api/v1/beta/webhook-configs` of checked parameters
/// ([`check_webhook_config`]). Not idempotent (no key): retried only when the server refused
/// it with a delay.
pub const CREATE_WEBHOOK_CONFIG: ParamsEndpoint<WebhookConfigInput> = ParamsEndpoint {
    argument: "params",
    id_name: "",
    request: |_, params, body| {
        check_webhook_config(params)?;
        Ok(Request::post(
            webhook_config_path(None),
            js::json_text(body),
            false,
        ))
    },
    check: webhook_config,
};

/// `webhookConfigs.update`: `PUT /api/v1/beta/webhook-configs/{id}` of checked parameters.
pub const UPDATE_WEBHOOK_CONFIG: ParamsEndpoint<WebhookConfigInput> = ParamsEndpoint {
    argument: "params",
    id_name: "id",
    request: |id, params, body| {
        check_webhook_config(params)?;
        Ok(Request::put(webhook_config_path(id), js::json_text(body)))
    },
    check: webhook_config,
};

/// Checks a saved configuration.
fn webhook_config(body: JsValue) -> Result<JsValue, Error> {
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

/// Checks a page of jobs; resolves with it (`listClassifyJobs`).
pub fn jobs_page_of(body: JsValue) -> Result<JsValue, Error> {
    jobs_page(body).map(|(page, _)| page)
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

/// `uploadFile`: `POST /api/v1/beta/files`, multipart `file` (a Blob or File, at most
/// `max_upload_bytes`), `purpose` (default `"classify"`) and `external_file_id`; the answer
/// is a file ([`file_of`]). An upload is not idempotent: it is sent again only when the server
/// refused it with a delay.
pub fn upload_file(
    file: &JsValue,
    params: &UploadParams,
    max_upload_bytes: f64,
) -> Result<Request, Error> {
    let form = new_form()?;
    append_file(&form, "file", file, "document", max_upload_bytes)?;
    let purpose = params.purpose.as_deref().unwrap_or("classify");
    append_text(&form, "purpose", &JsValue::from_str(purpose))?;
    if let Some(id) = &params.external_file_id {
        append_text(&form, "external_file_id", &JsValue::from_str(id))?;
    }
    Ok(Request::post(
        "/api/v1/beta/files".into(),
        form.into(),
        false,
    ))
}

/// Checks an uploaded file.
pub fn file_of(body: JsValue) -> Result<JsValue, Error> {
    let _: LlamaCloudFile = validate(&body, Provenance::Response)?;
    Ok(body)
}

/// What `classify()` sends, built from its checked input before anything is sent: the
/// upload of `file` (none for a `file_input`), then the create of a job whose body is
/// `create` (the upload's file id becomes its `file_input`, see [`ClassifyPlan::uploaded`]).
pub struct ClassifyPlan {
    /// The upload, when the input is a file.
    pub upload: Option<Request>,
    /// The create request's body: `file_input` (once known), `configuration` or
    /// `configuration_id`, the webhooks and a `transaction_id`.
    create: JsValue,
}

impl ClassifyPlan {
    /// Checks `classify()`'s input (`checked`, read from the plain copy `input`) and builds
    /// what it sends: exactly one of `file` and `file_input`, of `rules` and
    /// `configuration_id`; rules, webhooks and ids checked as `createClassifyJob` checks them.
    pub fn new(
        checked: &ClassifyInput,
        input: &JsValue,
        max_upload_bytes: f64,
    ) -> Result<Self, Error> {
        let body: JsValue = js_sys::Object::new().into();
        let upload = match (checked.file.is_absent(), &checked.file_input) {
            (false, Some(_)) => {
                return Err(Error::invalid("file", "give file or file_input, not both"))
            }
            (true, None) => return Err(Error::invalid("file", "required (or file_input)")),
            (true, Some(file_input)) => {
                js::set(&body, "file_input", &JsValue::from_str(file_input));
                None
            }
            (false, None) => Some(upload_file(
                &checked.file.0,
                &UploadParams {
                    purpose: None,
                    external_file_id: checked.external_file_id.clone(),
                },
                max_upload_bytes,
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
                check_rules("rules", rules)?;
                let configuration: JsValue = js_sys::Object::new().into();
                js::set(&configuration, "rules", &js::pluck(input, "rules"));
                let parsing = js::pluck(input, "parsing_configuration");
                if !parsing.is_undefined() {
                    js::set(&configuration, "parsing_configuration", &parsing);
                }
                js::set(&body, "configuration", &configuration);
            }
            (None, Some(id)) => js::set(&body, "configuration_id", &JsValue::from_str(id)),
        }
        check_webhook_ids(&checked.webhook_configuration_ids)?;
        check_webhook_configurations("webhook_configurations", &checked.webhook_configurations)?;
        for field in ["webhook_configuration_ids", "webhook_configurations"] {
            let value = js::pluck(input, field);
            if !value.is_undefined() {
                js::set(&body, field, &value);
            }
        }
        let transaction = checked.transaction_id.clone().unwrap_or_else(js::random_id);
        js::set(&body, "transaction_id", &transaction.into());
        Ok(ClassifyPlan {
            upload,
            create: body,
        })
    }

    /// Takes the upload's answer: checked as a file, its id (bounded as a `file_input` is)
    /// becomes the job's `file_input`.
    pub fn uploaded(&self, answer: JsValue) -> Result<(), Error> {
        let file = file_of(answer)?;
        let file_id = check_answered_id(&js::pluck(&file, "id"), "id", 200)?;
        js::set(&self.create, "file_input", &JsValue::from_str(&file_id));
        Ok(())
    }

    /// The create request (after the upload, when there is one).
    pub fn create(&self) -> Request {
        create_classify_job(&self.create)
    }

    /// Takes the create's answer: checked as a job, the new job's id (checked and bounded
    /// like any id: it goes into the next URLs).
    pub fn created(answer: JsValue) -> Result<String, Error> {
        let job = job_of(answer)?;
        check_answered_id(&js::pluck(&job, "id"), "id", MAX_ID_CHARS as usize)
    }
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
