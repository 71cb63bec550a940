//! LlamaCloud wire types, exactly as the API spells them.
//!
//! These serde types are the single source of truth twice over: they validate the parsed
//! responses (see `decode`) and, through tsify, they are the TypeScript declarations.
//! Strings are [`JsStr`]: checked by type, never copied out of the JS heap, except the two
//! the SDK reads itself (`status`, `next_page_token`).

use serde::Deserialize;
use tsify::Tsify;

use crate::decode::JsStr;

/// A LlamaCloud v2 classify job (`GET /api/v2/classify/{job_id}`).
///
/// Fields the API adds later are kept on the object as it arrived.
#[derive(Deserialize, Tsify)]
pub struct ClassifyJob {
    /// Unique identifier.
    #[tsify(type = "string")]
    pub id: JsStr,
    /// Current job status. `PENDING` and `RUNNING` are in progress; `COMPLETED`, `FAILED`
    /// and `CANCELLED` are terminal. A status this SDK does not know yet arrives unchanged.
    #[tsify(type = "ClassifyJobStatus")]
    pub status: String,
    /// Project this job belongs to.
    #[tsify(type = "string")]
    pub project_id: JsStr,
    /// User who created this job.
    #[tsify(type = "string")]
    pub user_id: JsStr,
    /// Whether the input was a URL, a file or a parse job.
    #[tsify(type = "DocumentInputType")]
    pub document_input_type: JsStr,
    /// ID of the input file or parse job (current API; older responses use
    /// `document_input_value`). At least one of the two is present.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub file_input: Option<JsStr>,
    /// ID of the input file or parse job, as older API versions named it.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub document_input_value: Option<JsStr>,
    /// Classify configuration used for this job.
    pub configuration: ClassifyConfiguration,
    /// The classify result: present once the job is `COMPLETED`.
    #[serde(default)]
    #[tsify(optional, type = "ClassifyResult | null")]
    pub result: Option<ClassifyResult>,
    /// Error message if the job failed.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub error_message: Option<JsStr>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub created_at: Option<JsStr>,
    /// Update datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub updated_at: Option<JsStr>,
    /// Product configuration ID.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub configuration_id: Option<JsStr>,
    /// Idempotency key.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub transaction_id: Option<JsStr>,
    /// Associated parse job ID.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub parse_job_id: Option<JsStr>,
}

/// Configuration of a classify job.
#[derive(Deserialize, Tsify)]
pub struct ClassifyConfiguration {
    /// Rules evaluated against the document (at least one).
    pub rules: Vec<ClassifyRule>,
    /// Execution mode (`FAST`).
    #[serde(default)]
    #[tsify(optional, type = "\"FAST\" | (string & {})")]
    pub mode: Option<JsStr>,
    /// Which pages are read.
    #[serde(default)]
    #[tsify(optional, type = "ClassifyParsingConfiguration | null")]
    pub parsing_configuration: Option<ClassifyParsingConfiguration>,
}

/// A classify rule.
#[derive(Deserialize, Tsify)]
pub struct ClassifyRule {
    /// Document type to assign when the rule matches.
    #[serde(rename = "type")]
    #[tsify(type = "string")]
    pub rule_type: JsStr,
    /// Natural-language criteria for matching this rule.
    #[tsify(type = "string")]
    pub description: JsStr,
}

/// Parsing configuration of a classify job.
#[derive(Deserialize, Tsify)]
pub struct ClassifyParsingConfiguration {
    /// ISO 639-1 language code of the document.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub lang: Option<JsStr>,
    /// Maximum number of pages to process; absent or null for no limit.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub max_pages: Option<f64>,
    /// Comma-separated 1-based pages or ranges to process, e.g. `"1,3,5-7"`.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub target_pages: Option<JsStr>,
}

/// The result of classifying a document.
#[derive(Deserialize, Tsify)]
pub struct ClassifyResult {
    /// Confidence score between 0.0 and 1.0.
    pub confidence: f64,
    /// Why the document matched (or didn't match) the returned rule.
    #[tsify(type = "string")]
    pub reasoning: JsStr,
    /// The matched rule type, or `null` when no rule matched.
    #[serde(rename = "type")]
    #[tsify(type = "string | null")]
    pub result_type: Option<JsStr>,
}

/// One page of a classify job's per-file results
/// (`GET /api/v1/classifier/jobs/{classify_job_id}/results`).
#[derive(Deserialize, Tsify)]
pub struct ResultsPage {
    /// The results on this page.
    pub items: Vec<ResultItem>,
    /// Send as `page_token` to get the next page; absent, null or empty on the last page.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub next_page_token: Option<String>,
    /// Total number of items (may be an estimate; only populated when requested).
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub total_size: Option<f64>,
}

/// One file's classification within a classify job.
#[derive(Deserialize, Tsify)]
pub struct ResultItem {
    /// Unique identifier.
    #[tsify(type = "string")]
    pub id: JsStr,
    /// The classify job this result belongs to.
    #[tsify(type = "string")]
    pub classify_job_id: JsStr,
    /// The classified file.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub file_id: Option<JsStr>,
    /// The classification, once the file has been classified.
    #[serde(default)]
    #[tsify(optional, type = "FileClassificationResult | null")]
    pub result: Option<FileClassificationResult>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub created_at: Option<JsStr>,
    /// Update datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub updated_at: Option<JsStr>,
}

/// The classification of a single file.
#[derive(Deserialize, Tsify)]
pub struct FileClassificationResult {
    /// Confidence score of the classification (0.0–1.0).
    pub confidence: f64,
    /// Step-by-step explanation of the classification.
    #[tsify(type = "string")]
    pub reasoning: JsStr,
    /// The document type that best matches, or `null` if none matched.
    #[serde(rename = "type")]
    #[tsify(type = "string | null")]
    pub result_type: Option<JsStr>,
}
