//! Unsiloed endpoints: each builds its request (sent by the caller through the one
//! transport) and checks the answer against its wire type.

use wasm_bindgen::JsValue;

use crate::checks::{check_answered_id, MAX_ID_CHARS};
use crate::error::Error;
use crate::js;
use crate::multipart::{append_file, append_text, new_form};
use crate::providers::phase::Phase;
use crate::providers::unsiloed::models::{
    UnsiloedClassifyJob, UnsiloedSubmission, UnsiloedSubmitResponse,
};
use crate::request::Request;
use crate::text::{push_percent_encoded, push_u32};
use crate::validation::{validate, Provenance};

/// Where a status leaves a job: `completed` succeeded, `failed` did not, anything else
/// (`queued`, `processing`, statuses added later) is still going.
pub fn phase(status: &str) -> Phase {
    match status {
        "completed" => Phase::Succeeded,
        "failed" => Phase::Failed,
        _ => Phase::InProgress,
    }
}

/// Unsiloed's statuses in the common view.
pub fn common_status(status: &str) -> &str {
    match status {
        "queued" => "queued",
        "processing" => "running",
        "completed" => "completed",
        "failed" => "failed",
        other => other,
    }
}

/// `/classify/{job_id}` (`GET` of it fetches the job).
pub fn job_path(job_id: &str) -> String {
    let mut path = String::from("/classify/");
    push_percent_encoded(&mut path, job_id);
    path
}

/// Checks a job answer against its wire type.
pub fn checked_job(body: JsValue) -> Result<(JsValue, UnsiloedClassifyJob), Error> {
    let job: UnsiloedClassifyJob = validate(&body, Provenance::Response)?;
    Ok((body, job))
}

/// `submitClassification`: `POST /classify` of a submission's form ([`submission_form`]),
/// with an `Idempotency-Key` (the caller's `idempotencyKey`, checked: it is sent as a header,
/// so visible ASCII only; or one generated per call) kept across its retries. The answer is
/// checked by [`submitted`].
pub fn submit(form: &web_sys::FormData, idempotency_key: Option<String>) -> Result<Request, Error> {
    if idempotency_key.as_ref().is_some_and(|key| {
        key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic())
    }) {
        return Err(Error::invalid(
            "idempotencyKey",
            "must be 1 to 255 visible ASCII characters",
        ));
    }
    let key = idempotency_key.unwrap_or_else(js::random_id);
    Ok(Request {
        headers: Some(js_sys::Array::of2(&"idempotency-key".into(), &key.into())),
        creates_job: true,
        ..Request::post("/classify".into(), form.clone().into(), true)
    })
}

/// Checks a submission's answer.
pub fn submitted(body: JsValue) -> Result<JsValue, Error> {
    let _: UnsiloedSubmitResponse = validate(&body, Provenance::Response)?;
    Ok(body)
}

/// Checks a submission's answer and reads the new job's id (checked and bounded like any
/// id: it goes into the poll's URL).
pub fn submitted_job_id(body: JsValue) -> Result<String, Error> {
    let answer = submitted(body)?;
    check_answered_id(
        &js::pluck(&answer, "job_id"),
        "job_id",
        MAX_ID_CHARS as usize,
    )
}

/// Checks a submission and builds its form: at least one category (names checked by
/// [`check_category_names`]), exactly one of `file` (a Blob or File) and `fileUrl`
/// ([`check_file_url`]).
/// `categories` is the caller's checked plain data, sent as a JSON string.
pub fn submission_form(
    submission: &UnsiloedSubmission,
    categories: &JsValue,
    max_upload_bytes: f64,
) -> Result<web_sys::FormData, Error> {
    if submission.categories.is_empty() {
        return Err(Error::invalid(
            "categories",
            "must hold at least one category",
        ));
    }
    if submission.categories.len() > MAX_CATEGORIES {
        return Err(Error::invalid(
            "categories",
            "must hold at most 1000 categories",
        ));
    }
    check_category_names(submission)?;
    let form = new_form()?;
    append_text(&form, "categories", &js::json_text(categories))?;
    match (submission.file.is_absent(), &submission.file_url) {
        (false, Some(_)) => return Err(Error::invalid("file", "give file or fileUrl, not both")),
        (true, None) => return Err(Error::invalid("file", "required (or fileUrl)")),
        (false, None) => append_file(
            &form,
            "pdf_file",
            &submission.file.0,
            "document.pdf",
            max_upload_bytes,
        )?,
        (true, Some(url)) => {
            crate::checks::check_http_url("fileUrl", url)?;
            append_text(&form, "file_url", &JsValue::from_str(url))?;
        }
    }
    Ok(form)
}

/// Most categories a submission may hold: it bounds the request and the pairwise comparison
/// of names below (the API documents no limit; a model choosing among more is not plausible).
const MAX_CATEGORIES: usize = 1000;

/// Each category name: 1–200 characters with something visible in it (not only white space
/// or zero-width characters), no control characters (a NUL or a line break inside a
/// multipart field), and no two alike once trimmed, ignoring ASCII case (the model could not tell
/// them apart). The first bad one is named with its index (`categories[2].name`).
fn check_category_names(submission: &UnsiloedSubmission) -> Result<(), Error> {
    for (index, category) in submission.categories.iter().enumerate() {
        let name = &category.name;
        let problem = if crate::text::char_count(name) > 200 {
            "must be at most 200 characters"
        } else if name.chars().all(crate::checks::invisible) {
            "must not be empty, blank or only zero-width characters"
        } else if name.chars().any(char::is_control) {
            "must not contain control characters"
        } else if submission
            .categories
            .iter()
            .take(index)
            .any(|earlier| same_name(&earlier.name, name))
        {
            "must differ from every earlier category's name"
        } else {
            continue;
        };
        let mut field = String::from("categories[");
        push_u32(&mut field, index as u32);
        field.push_str("].name");
        return Err(Error::invalid(&field, problem));
    }
    Ok(())
}

/// Whether two category names are the same to a reader: equal once trimmed, ignoring ASCII
/// case (Unicode case tables would cost the module kilobytes for rare names).
fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}
