//! Unsiloed endpoints: each builds its request (sent by the caller through the one
//! transport) and checks the answer against its wire type.

use wasm_bindgen::{JsCast, JsValue};

use crate::decode::{validate, Source};
use crate::encode::push_percent_encoded;
use crate::error::Error;
use crate::js;
use crate::polling::Phase;
use crate::providers::unsiloed::models::{
    UnsiloedClassifyJob, UnsiloedSubmission, UnsiloedSubmitResponse,
};
use crate::transport::Request;

/// Where a status leaves a job: `completed` succeeded, `failed` did not, anything else
/// (`queued`, `processing`, statuses added later) is still going.
pub fn phase(status: &str) -> Phase {
    match status {
        "completed" => Phase::Succeeded,
        "failed" => Phase::Failed,
        _ => Phase::InProgress,
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
    let job: UnsiloedClassifyJob = validate(&body, Source::Response)?;
    Ok((body, job))
}

/// `POST /classify` (multipart `categories`, `pdf_file` or `file_url`), with an
/// `Idempotency-Key` (the caller's, or one generated per call) kept across its retries. The
/// answer is checked by [`submitted`].
pub fn submit(form: &web_sys::FormData, idempotency_key: Option<String>) -> Request {
    let key = idempotency_key.unwrap_or_else(js::random_id);
    Request {
        headers: Some(js_sys::Array::of2(&"idempotency-key".into(), &key.into())),
        ..Request::post("/classify".into(), form.clone().into(), true)
    }
}

/// Checks a submission's answer.
pub fn submitted(body: JsValue) -> Result<(JsValue, UnsiloedSubmitResponse), Error> {
    let answer: UnsiloedSubmitResponse = validate(&body, Source::Response)?;
    Ok((body, answer))
}

/// Checks a submission and builds its form: at least one category (names 1–200
/// characters), exactly one of `file` (a Blob or File) and `fileUrl` (http or https).
/// `categories` is the caller's checked plain data, sent as a JSON string.
pub fn submission_form(
    submission: &UnsiloedSubmission,
    categories: &JsValue,
) -> Result<web_sys::FormData, Error> {
    if submission.categories.is_empty() {
        return Err(Error::invalid(
            "categories",
            "must hold at least one category",
        ));
    }
    if submission.categories.iter().any(|category| {
        category.name.trim().is_empty() || crate::encode::char_count(&category.name) > 200
    }) {
        return Err(Error::invalid(
            "categories",
            "each name must be 1 to 200 characters",
        ));
    }
    let form = new_form()?;
    append_text(&form, "categories", &js::json_text(categories))?;
    match (submission.file.is_absent(), &submission.file_url) {
        (false, Some(_)) => return Err(Error::invalid("file", "give file or fileUrl, not both")),
        (true, None) => return Err(Error::invalid("file", "required (or fileUrl)")),
        (false, None) => append_file(&form, "pdf_file", &submission.file.0, "document.pdf")?,
        (true, Some(url)) => {
            let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                return Err(Error::invalid(
                    "fileUrl",
                    "must be an http:// or https:// URL",
                ));
            }
            append_text(&form, "file_url", &JsValue::from_str(url))?;
        }
    }
    Ok(form)
}

/// A new `FormData`.
pub fn new_form() -> Result<web_sys::FormData, Error> {
    web_sys::FormData::new()
        .map_err(|_| Error::invalid("file", "FormData is not available in this runtime"))
}

/// Appends a text field.
pub fn append_text(form: &web_sys::FormData, name: &str, value: &JsValue) -> Result<(), Error> {
    let text = value.as_string().unwrap_or_default();
    form.append_with_str(name, &text)
        .map_err(|_| Error::invalid(name, "could not be added to the form"))
}

/// Appends a file part; a `File` keeps its own name, a bare `Blob` gets `default_name`.
/// Anything but a real Blob or File (checked natively, not by `instanceof`) is refused.
pub fn append_file(
    form: &web_sys::FormData,
    name: &str,
    file: &JsValue,
    default_name: &str,
) -> Result<(), Error> {
    if !js::is_real_blob(file) {
        return Err(Error::invalid("file", "must be a Blob or a File"));
    }
    let file_name = js::blob_name(file, default_name);
    form.append_with_blob_and_filename(name, file.unchecked_ref(), &file_name)
        .map_err(|_| Error::invalid("file", "could not be added to the form"))
}
