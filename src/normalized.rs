//! One view of either provider's job (`toClassification`), so an app can show both without
//! branching: LlamaCloud's `id` / Unsiloed's `job_id`, statuses mapped onto
//! `queued | running | completed | failed | cancelled` by each provider's `common_status`
//! (beside its `phase()`; an unknown one passes through as it is), the label, confidence and
//! reasoning of the result, per-page results (Unsiloed), the error and progress texts, and
//! `raw`: the provider's object itself.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js;
use crate::providers::llamacloud::models::ClassifyJob;
use crate::providers::unsiloed::models::UnsiloedClassifyJob;
use crate::providers::{llamacloud, unsiloed, Provider};
use crate::validation::{validate, Provenance};

/// A classification job of either provider, in one shape.
#[derive(Serialize, Tsify)]
pub struct Classification {
    /// The provider the job came from.
    #[tsify(type = "\"llamacloud\" | \"unsiloed\"")]
    pub provider: String,
    /// The job's ID (`id` / `job_id`).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string")]
    pub id: JsValue,
    /// Where the job stands; an unknown provider status passes through unchanged.
    #[tsify(type = "ClassificationStatus")]
    pub status: String,
    /// The matched type or category; `null` until completed, or when nothing matched.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string | null")]
    pub label: JsValue,
    /// Confidence of the label (0–1), or `null`.
    #[tsify(type = "number | null")]
    pub confidence: Option<f64>,
    /// Why the label was chosen (LlamaCloud), or `null`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string | null")]
    pub reasoning: JsValue,
    /// Progress text (Unsiloed), or `null`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string | null")]
    pub progress: JsValue,
    /// Why the job failed, or `null`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string | null")]
    pub error: JsValue,
    /// Per-page results (Unsiloed; empty for LlamaCloud).
    pub pages: Vec<ClassificationPage>,
    /// The provider's job object, untouched.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "ClassifyJob | UnsiloedClassifyJob")]
    pub raw: JsValue,
}

/// One page's result in the common view.
#[derive(Serialize, Tsify)]
pub struct ClassificationPage {
    /// Page number, 1-based.
    pub page: f64,
    /// The page's category.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string")]
    pub label: JsValue,
    /// Confidence for the page (0–1).
    pub confidence: f64,
    /// Whether the page was classified.
    pub success: bool,
    /// Why the page failed, or `null`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "string | null")]
    pub error: JsValue,
}

/// The common view of `job`, recognized by its shape (`job_id`: Unsiloed; `id` and
/// `configuration`: LlamaCloud) and checked against that provider's type.
pub fn to_classification(job: &JsValue) -> Result<JsValue, Error> {
    const ARGUMENT: &str = "job";
    // Checked where it is (every read of it is guarded), so `raw` is the object itself and
    // fields the SDK does not declare, however deep, are left alone.
    let text = |path: &str| null_if_absent(js::pluck(job, path));
    if !job.is_object() {
        return Err(Error::invalid(
            ARGUMENT,
            "is neither a LlamaCloud nor an Unsiloed classify job",
        ));
    }
    let view = if !js::pluck(job, "job_id").is_undefined() {
        let checked: UnsiloedClassifyJob = validate(job, Provenance::Options).map_err(in_job)?;
        let result = checked.result.as_ref();
        Classification {
            provider: Provider::Unsiloed.name().into(),
            id: text("job_id"),
            status: unsiloed::endpoints::common_status(&checked.status).into(),
            label: text("result.classification"),
            confidence: result.map(|result| result.confidence),
            reasoning: JsValue::NULL,
            progress: text("progress"),
            error: text("error"),
            pages: pages(job, &checked),
            raw: job.clone(),
        }
    } else if !js::pluck(job, "id").is_undefined()
        && !js::pluck(job, "configuration").is_undefined()
    {
        let checked: ClassifyJob = validate(job, Provenance::Options).map_err(in_job)?;
        Classification {
            provider: Provider::LlamaCloud.name().into(),
            id: text("id"),
            status: llamacloud::endpoints::common_status(&checked.status).into(),
            label: text("result.type"),
            confidence: checked.result.as_ref().map(|result| result.confidence),
            reasoning: text("result.reasoning"),
            progress: JsValue::NULL,
            error: text("error_message"),
            pages: Vec::new(),
            raw: job.clone(),
        }
    } else {
        return Err(Error::invalid(
            ARGUMENT,
            "is neither a LlamaCloud nor an Unsiloed classify job",
        ));
    };
    // serde-wasm-bindgen assigns properties: a setter on Object.prototype (or an index
    // accessor on Array.prototype) would run, and could throw, inside wasm.
    if js::prototype_setters() {
        return Err(Error::invalid(
            "Object.prototype",
            "holds an accessor for a property of the view (polluted): it cannot be built safely",
        ));
    }
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    view.serialize(&serializer)
        .map_err(|_| Error::invalid(ARGUMENT, "could not be converted"))
}

fn pages(job: &JsValue, checked: &UnsiloedClassifyJob) -> Vec<ClassificationPage> {
    let Some(results) = checked
        .result
        .as_ref()
        .and_then(|result| result.page_results.as_ref())
    else {
        return Vec::new();
    };
    let raw_pages = js::pluck(job, "result.page_results");
    results
        .iter()
        .zip(0u32..)
        .map(|(page, index)| ClassificationPage {
            page: page.page,
            error: null_if_absent(js::pluck(&js::element_at(&raw_pages, index), "error")),
            label: js::pluck(&js::element_at(&raw_pages, index), "classification"),
            confidence: page.confidence,
            success: page.success,
        })
        .collect()
}

/// An error found while checking the job names it as `job.<field>`.
fn in_job(error: Error) -> Error {
    match error {
        Error::InvalidArgument { argument, problem } => Error::InvalidArgument {
            argument: if argument == "options" {
                "job".into()
            } else {
                crate::text::joined(&["job.", argument.as_str()])
            },
            problem,
        },
        other => other,
    }
}

fn null_if_absent(value: JsValue) -> JsValue {
    if value.is_undefined() {
        JsValue::NULL
    } else {
        value
    }
}
