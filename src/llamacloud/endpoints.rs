//! LlamaCloud endpoints: each builds its path and query and goes through the one transport.

use wasm_bindgen::JsValue;

use crate::config::{CallSettings, ClientConfig};
use crate::decode::{validate, Source};
use crate::encode::{push_percent_encoded, push_u32};
use crate::error::Error;
use crate::llamacloud::models::{ClassifyJob, ResultsPage};
use crate::transport::get_json;

/// `GET /api/v2/classify/{job_id}`: resolves with the job object as the API sent it,
/// after checking its shape, plus the checked view.
pub async fn get_classify_job(
    config: &ClientConfig,
    call: &CallSettings,
    job_id: &str,
) -> Result<(JsValue, ClassifyJob), Error> {
    let mut path = String::from("/api/v2/classify/");
    push_percent_encoded(&mut path, job_id);
    let body = get_json(config, call, &path, &[]).await?;
    let job: ClassifyJob = validate(&body, Source::Response)?;
    if job.file_input.is_none() && job.document_input_value.is_none() {
        return Err(Error::Decode {
            field: "file_input".into(),
            problem: "missing field `file_input` (or the older `document_input_value`)".into(),
        });
    }
    Ok((body, job))
}

/// `GET /api/v1/classifier/jobs/{classify_job_id}/results`: one page of results.
pub async fn list_results(
    config: &ClientConfig,
    call: &CallSettings,
    classify_job_id: &str,
    page_size: Option<u32>,
    page_token: Option<&str>,
) -> Result<(JsValue, ResultsPage), Error> {
    let mut path = String::from("/api/v1/classifier/jobs/");
    push_percent_encoded(&mut path, classify_job_id);
    path.push_str("/results");
    let mut size_text = String::new();
    if let Some(size) = page_size {
        push_u32(&mut size_text, size);
    }
    let query = [
        ("page_size", page_size.map(|_| size_text.as_str())),
        ("page_token", page_token.filter(|token| !token.is_empty())),
    ];
    let body = get_json(config, call, &path, &query).await?;
    let page: ResultsPage = validate(&body, Source::Response)?;
    Ok((body, page))
}
