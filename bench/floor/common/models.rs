//! Copied from /work/main/src/llamacloud/models.rs: JsStr -> String, tsify removed.
use serde::Deserialize;

/// A LlamaCloud v2 classify job (`GET /api/v2/classify/{job_id}`).
///
/// Fields the API adds later are kept on the object as it arrived.
#[derive(Deserialize)]
pub struct ClassifyJob {
    /// Unique identifier.
    pub id: String,
    /// Current job status. `PENDING` and `RUNNING` are in progress; `COMPLETED`, `FAILED`
    /// and `CANCELLED` are terminal. A status this SDK does not know yet arrives unchanged.
    pub status: String,
    /// Project this job belongs to.
    pub project_id: String,
    /// User who created this job.
    pub user_id: String,
    /// Whether the input was a URL, a file or a parse job.
    pub document_input_type: String,
    /// ID of the input file or parse job (current API; older responses use
    /// `document_input_value`). At least one of the two is present.
    #[serde(default)]
    pub file_input: Option<String>,
    /// ID of the input file or parse job, as older API versions named it.
    #[serde(default)]
    pub document_input_value: Option<String>,
    /// Classify configuration used for this job.
    pub configuration: ClassifyConfiguration,
    /// The classify result: present once the job is `COMPLETED`.
    #[serde(default)]
    pub result: Option<ClassifyResult>,
    /// Error message if the job failed.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Update datetime (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Product configuration ID.
    #[serde(default)]
    pub configuration_id: Option<String>,
    /// Idempotency key.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// Associated parse job ID.
    #[serde(default)]
    pub parse_job_id: Option<String>,
}

/// Configuration of a classify job.
#[derive(Deserialize)]
pub struct ClassifyConfiguration {
    /// Rules evaluated against the document (at least one).
    pub rules: Vec<ClassifyRule>,
    /// Execution mode (`FAST`).
    #[serde(default)]
    pub mode: Option<String>,
    /// Which pages are read.
    #[serde(default)]
    pub parsing_configuration: Option<ClassifyParsingConfiguration>,
}

/// A classify rule.
#[derive(Deserialize)]
pub struct ClassifyRule {
    /// Document type to assign when the rule matches.
    #[serde(rename = "type")]
    pub rule_type: String,
    /// Natural-language criteria for matching this rule.
    pub description: String,
}

/// Parsing configuration of a classify job.
#[derive(Deserialize)]
pub struct ClassifyParsingConfiguration {
    /// ISO 639-1 language code of the document.
    #[serde(default)]
    pub lang: Option<String>,
    /// Maximum number of pages to process; absent or null for no limit.
    #[serde(default)]
    pub max_pages: Option<f64>,
    /// Comma-separated 1-based pages or ranges to process, e.g. `"1,3,5-7"`.
    #[serde(default)]
    pub target_pages: Option<String>,
}

/// The result of classifying a document.
#[derive(Deserialize)]
pub struct ClassifyResult {
    /// Confidence score between 0.0 and 1.0.
    pub confidence: f64,
    /// Why the document matched (or didn't match) the returned rule.
    pub reasoning: String,
    /// The matched rule type, or `null` when no rule matched.
    #[serde(rename = "type")]
    pub result_type: Option<String>,
}

/// One page of a classify job's per-file results
/// (`GET /api/v1/classifier/jobs/{classify_job_id}/results`).
#[derive(Deserialize)]
pub struct ResultsPage {
    /// The results on this page.
    pub items: Vec<ResultItem>,
    /// Send as `page_token` to get the next page; absent, null or empty on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    /// Total number of items (may be an estimate; only populated when requested).
    #[serde(default)]
    pub total_size: Option<f64>,
}

/// One file's classification within a classify job.
#[derive(Deserialize)]
pub struct ResultItem {
    /// Unique identifier.
    pub id: String,
    /// The classify job this result belongs to.
    pub classify_job_id: String,
    /// The classified file.
    #[serde(default)]
    pub file_id: Option<String>,
    /// The classification, once the file has been classified.
    #[serde(default)]
    pub result: Option<FileClassificationResult>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Update datetime (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// The classification of a single file.
#[derive(Deserialize)]
pub struct FileClassificationResult {
    /// Confidence score of the classification (0.0–1.0).
    pub confidence: f64,
    /// Step-by-step explanation of the classification.
    pub reasoning: String,
    /// The document type that best matches, or `null` if none matched.
    #[serde(rename = "type")]
    pub result_type: Option<String>,
}
