//! Unsiloed wire types, exactly as the API spells them (`GET /classify/{job_id}`,
//! `POST /classify`). Like LlamaCloud's, they validate the parsed answers and are the
//! TypeScript declarations. Unsiloed's description marks nothing required: the fields every
//! documented answer carries are required here, the rest optional.

// The validator reads every field (`derive(Schema)` makes each struct a table that
// `validation::check` walks), and the fields are the TypeScript declarations (tsify); Rust
// code reads only the few it acts on (`status`, page tokens, ids). The rest is never read
// *in Rust*, by design.
#![allow(dead_code)]

use serde::Deserialize;
use tsify::Tsify;

use crate::validation::{JsAny, JsStr, Schema};

/// An Unsiloed classification job (`GET /classify/{job_id}`).
#[derive(Deserialize, Tsify, Schema)]
pub struct UnsiloedClassifyJob {
    /// Unique identifier of the job.
    #[tsify(type = "string")]
    pub job_id: JsStr,
    /// `queued` and `processing` are in progress; `completed` and `failed` are terminal. A
    /// status this SDK does not know yet arrives unchanged.
    #[tsify(type = "UnsiloedJobStatus")]
    pub status: String,
    /// Human-readable progress, e.g. `"Processing page 2 of 3"`.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub progress: Option<JsStr>,
    /// Error message when the job failed.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub error: Option<JsStr>,
    /// The classification, once the job is `completed`.
    #[serde(default)]
    #[tsify(optional, type = "UnsiloedClassifyResult | null")]
    pub result: Option<UnsiloedClassifyResult>,
}

/// The classification of a whole document.
#[derive(Deserialize, Tsify, Schema)]
pub struct UnsiloedClassifyResult {
    /// Whether the classification succeeded.
    pub success: bool,
    /// The predicted category for the document.
    #[tsify(type = "string")]
    pub classification: JsStr,
    /// Confidence of the classification (0–1).
    pub confidence: f64,
    /// Pages in the document.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub total_pages: Option<f64>,
    /// Pages processed.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub processed_pages: Option<f64>,
    /// Per-page classifications (1-based pages).
    #[serde(default)]
    #[tsify(optional)]
    pub page_results: Option<Vec<UnsiloedPageResult>>,
    /// Pages grouped by category (newer servers).
    #[serde(default)]
    #[tsify(optional)]
    pub categories: Option<Vec<UnsiloedCategorySummary>>,
    /// The model's raw output (newer servers).
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub raw_result: Option<JsStr>,
}

/// The classification of one page.
#[derive(Deserialize, Tsify, Schema)]
pub struct UnsiloedPageResult {
    /// Page number, 1-based.
    pub page: f64,
    /// Whether this page was classified.
    pub success: bool,
    /// The predicted category for the page.
    #[tsify(type = "string")]
    pub classification: JsStr,
    /// The model's output before it was matched to a category name.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub raw_result: Option<JsStr>,
    /// Confidence for this page (0–1).
    pub confidence: f64,
    /// Why the page failed, when it did.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub error: Option<JsStr>,
}

/// The pages of one category.
#[derive(Deserialize, Tsify, Schema)]
pub struct UnsiloedCategorySummary {
    /// Category name.
    #[tsify(type = "string")]
    pub category: JsStr,
    /// Its pages, 1-based.
    pub pages: Vec<f64>,
    /// How many pages.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub page_count: Option<f64>,
    /// Confidence for the category (0–1).
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub confidence: Option<f64>,
}

/// The answer to a submission (`POST /classify`, 202).
#[derive(Deserialize, Tsify, Schema)]
pub struct UnsiloedSubmitResponse {
    /// The new job's ID: poll it with `getClassifyJob` or `waitForClassifyJob`.
    pub job_id: String,
    /// Usually `processing`.
    #[tsify(type = "UnsiloedJobStatus")]
    pub status: JsStr,
    /// Status message.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub message: Option<JsStr>,
    /// Quota left after this request.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub quota_remaining: Option<f64>,
}

/// A category to classify into.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct UnsiloedCategory {
    /// Category name (1–200 characters).
    pub name: String,
    /// What documents of this category look like.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub description: Option<JsStr>,
}

/// Input of `submitClassification` and `classify`: categories, and exactly one of a file or
/// a URL.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct UnsiloedSubmission {
    /// At least one category.
    pub categories: Vec<UnsiloedCategory>,
    /// The document (sent as the `pdf_file` part).
    #[serde(default)]
    #[tsify(optional, type = "Blob")]
    pub file: JsAny,
    /// The document's URL (sent as `file_url`).
    #[serde(rename = "fileUrl", default)]
    #[tsify(optional)]
    pub file_url: Option<String>,
}
