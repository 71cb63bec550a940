//! LlamaCloud endpoints: each builds its request (sent by the caller through the one
//! transport) and checks the answer against its wire type. Inputs are checked here before
//! anything is sent. Nothing here is async: the caller's future is the only one between an
//! export and the transport.

use wasm_bindgen::JsValue;

use crate::decode::{validate, Source};
use crate::encode::{push_percent_encoded, push_u32};
use crate::error::Error;
use crate::js;
use crate::polling::Phase;
use crate::providers::llamacloud::models::{
    ClassifyJob, ClassifyJobCreate, ClassifyJobsPage, ClassifyRuleInput, ListClassifyJobsParams,
    LlamaCloudFile, ResultsPage,
};
use crate::transport::Request;

/// Where a v2 status leaves a job: `COMPLETED` succeeded, `FAILED` and `CANCELLED` ended
/// without a result, anything else (including statuses added later) is still going.
pub fn phase(status: &str) -> Phase {
    match status {
        "COMPLETED" => Phase::Succeeded,
        "FAILED" | "CANCELLED" => Phase::Failed,
        _ => Phase::InProgress,
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
    let job: ClassifyJob = validate(&body, Source::Response)?;
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
    Request::post("/api/v2/classify".into(), js::json_text(body), true)
}

/// `POST /api/v2/classify/{job_id}/cancel`: the answer is the job, now `CANCELLED` (or
/// already terminal; [`checked_job`]).
pub fn cancel_classify_job(job_id: &str) -> Request {
    Request::post(job_path(job_id, "/cancel"), JsValue::UNDEFINED, true)
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
    let page: ClassifyJobsPage = validate(&body, Source::Response)?;
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

/// Checks a page of results.
pub fn results_page(body: JsValue) -> Result<(JsValue, ResultsPage), Error> {
    let page: ResultsPage = validate(&body, Source::Response)?;
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
    let file: LlamaCloudFile = validate(&body, Source::Response)?;
    Ok((body, file))
}

/// Checks `createClassifyJob`'s parameters as the API would, so a bad request fails before it
/// is sent, with the field named. Description lengths follow the current API (10–2000; an
/// older page said 500, and the server decides).
pub fn check_create(params: &ClassifyJobCreate) -> Result<(), Error> {
    match params.file_input.as_deref() {
        None | Some("") => return Err(Error::invalid("file_input", "required")),
        Some(input) if crate::encode::char_count(input) > 200 => {
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
        .is_some_and(|id| id.is_empty() || crate::encode::char_count(id) > 255)
    {
        return Err(Error::invalid(
            "transaction_id",
            "must be 1 to 255 characters",
        ));
    }
    if params
        .webhook_configuration_ids
        .as_ref()
        .is_some_and(|ids| ids.len() > 4)
    {
        return Err(Error::invalid(
            "webhook_configuration_ids",
            "must hold at most 4 IDs",
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
        let type_len = crate::encode::char_count(&rule.rule_type);
        let description_len = crate::encode::char_count(&rule.description);
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
