//! LlamaCloud wire types, exactly as the API spells them.
//!
//! These types are the single source of truth twice over: their tables (`derive(Schema)`,
//! which reads the serde attributes) validate the parsed responses (see `validation`) and,
//! through tsify, they are the TypeScript declarations.
//! Strings are [`JsStr`]: checked by type, never copied out of the JS heap, except the two
//! the SDK reads itself (`status`, `next_page_token`).

// The validator reads every field (`derive(Schema)` makes each struct a table that
// `validation::check` walks), and the fields are the TypeScript declarations (tsify); Rust
// code reads only the few it acts on (`status`, page tokens, ids). The rest is never read
// *in Rust*, by design.
#![allow(dead_code)]

use serde::Deserialize;
use tsify::Tsify;

use crate::validation::{JsStr, Schema};

/// A LlamaCloud v2 classify job (`GET /api/v2/classify/{job_id}`).
///
/// Fields the API adds later are kept on the object as it arrived.
#[derive(Deserialize, Tsify, Schema)]
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
#[derive(Deserialize, Tsify, Schema)]
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
#[derive(Deserialize, Tsify, Schema)]
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
#[derive(Deserialize, Tsify, Schema)]
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
#[derive(Deserialize, Tsify, Schema)]
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

/// One page of a list (AIP-132 paging): a job's per-file results
/// (`GET /api/v1/classifier/jobs/{classify_job_id}/results`, `ResultsPage`) or classify
/// jobs (`GET /api/v2/classify`, `ClassifyJobsPage`).
#[derive(Deserialize, Tsify, Schema)]
pub struct ListPage<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Send as `page_token` to get the next page; absent, null or empty on the last page.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub next_page_token: Option<String>,
    /// Total number of items (may be an estimate; only populated when requested).
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub total_size: Option<f64>,
}

/// One page of a classify job's per-file results.
pub type ResultsPage = ListPage<ResultItem>;

/// One page of classify jobs.
pub type ClassifyJobsPage = ListPage<ClassifyJob>;

/// One file's classification within a classify job.
#[derive(Deserialize, Tsify, Schema)]
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
#[derive(Deserialize, Tsify, Schema)]
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

/// A file uploaded to LlamaCloud (`POST /api/v1/beta/files`).
#[derive(Deserialize, Tsify, Schema)]
pub struct LlamaCloudFile {
    /// File ID (`dfl-…`): pass it as a classify job's `file_input`.
    pub id: String,
    /// File name.
    #[tsify(type = "string")]
    pub name: JsStr,
    /// Project the file belongs to.
    #[tsify(type = "string")]
    pub project_id: JsStr,
    /// Size in bytes.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub file_size: Option<f64>,
    /// MIME type or extension.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub file_type: Option<JsStr>,
    /// What the file is for (`classify`, `parse`, …).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub purpose: Option<JsStr>,
    /// The caller's own ID for the file.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub external_file_id: Option<JsStr>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub created_at: Option<JsStr>,
    /// When the file expires, if it does.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub expires_at: Option<JsStr>,
}

// ---------- request parameters (checked before sending; sent as given) ----------

/// A rule for `createClassifyJob` / `classify`: `type` 1–50 characters, `description` 10–2000.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ClassifyRuleInput {
    /// Document type to assign when the rule matches (1–50 characters).
    #[serde(rename = "type")]
    pub rule_type: String,
    /// Natural-language criteria for matching this rule (10–2000 characters).
    pub description: String,
}

/// Which pages a new classify job reads.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ClassifyParsingConfigurationInput {
    /// ISO 639-1 language code of the document (default `en`).
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub lang: Option<JsStr>,
    /// Maximum number of pages to process (at least 1).
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub max_pages: Option<u32>,
    /// Comma-separated 1-based pages or ranges, e.g. `"1,3,5-7"`.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub target_pages: Option<JsStr>,
}

/// An inline classify configuration.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ClassifyConfigurationInput {
    /// Rules evaluated against the document (at least one).
    pub rules: Vec<ClassifyRuleInput>,
    /// Execution mode; `FAST` is the only one today.
    #[serde(default)]
    #[tsify(optional, type = "\"FAST\" | (string & {})")]
    pub mode: Option<JsStr>,
    /// Which pages are read.
    #[serde(default)]
    #[tsify(optional, type = "ClassifyParsingConfigurationInput | null")]
    pub parsing_configuration: Option<ClassifyParsingConfigurationInput>,
}

/// The body of `createClassifyJob` (`POST /api/v2/classify`).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ClassifyJobCreate {
    /// File ID (`dfl-…`) or parse job ID (`pjb-…`) to classify (at most 200 characters).
    #[serde(default)]
    #[tsify(optional)]
    pub file_input: Option<String>,
    /// Inline configuration; give this or `configuration_id`, not both.
    #[serde(default)]
    #[tsify(optional, type = "ClassifyConfigurationInput")]
    pub configuration: Option<ClassifyConfigurationInput>,
    /// A saved configuration's ID; give this or `configuration`, not both.
    #[serde(default)]
    #[tsify(optional)]
    pub configuration_id: Option<String>,
    /// Idempotency key scoped to the project (at most 255 characters): reusing it returns the
    /// original job. The SDK generates one per call when it is left out, so a retried
    /// request never creates a second job.
    #[serde(default)]
    #[tsify(optional)]
    pub transaction_id: Option<String>,
    /// IDs of saved webhook configurations to notify (at most 4).
    #[serde(default)]
    #[tsify(optional)]
    pub webhook_configuration_ids: Option<Vec<String>>,
    /// Webhook endpoints notified when this job changes state (at most 10).
    #[serde(default)]
    #[tsify(optional)]
    pub webhook_configurations: Option<Vec<WebhookConfigurationInput>>,
}

/// A webhook endpoint a classify job notifies (`webhook_configurations` of a create).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct WebhookConfigurationInput {
    /// Where deliveries are POSTed: an absolute `http(s)://` URL with a host and no user info.
    pub webhook_url: String,
    /// Events delivered (all of them when left out; an empty list is refused).
    #[serde(default)]
    #[tsify(optional, type = "ClassifyWebhookEventName[] | null")]
    pub webhook_events: Option<Vec<String>>,
    /// Headers sent with each delivery (e.g. an auth token), names and values as strings.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string> | null")]
    pub webhook_headers: crate::validation::JsAny,
    /// Body format of a delivery: `"string"` (default) or `"json"`.
    #[serde(default)]
    #[tsify(optional, type = "\"string\" | \"json\" | null")]
    pub webhook_output_format: Option<String>,
    /// Secret deliveries are signed with (`LC-Signature`, see `verifyWebhook`); 1–1024
    /// characters, write-only, never in an error.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub webhook_signing_secret: Option<String>,
}

/// A saved webhook configuration to create or replace (`webhookConfigs.create` / `update`).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct WebhookConfigInput {
    /// Where deliveries are POSTed: an absolute `http(s)://` URL with a host and no user info.
    pub webhook_url: String,
    /// Events delivered: any LlamaCloud event (`classify.success`, `parse.error`, …); all of
    /// them when left out, and an empty list is refused.
    #[serde(default)]
    #[tsify(optional, type = "WebhookEventName[] | null")]
    pub webhook_events: Option<Vec<String>>,
    /// Headers sent with each delivery, names and values as strings.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string> | null")]
    pub webhook_headers: crate::validation::JsAny,
    /// Body format of a delivery: `"string"` (default) or `"json"`.
    #[serde(default)]
    #[tsify(optional, type = "\"string\" | \"json\" | null")]
    pub webhook_output_format: Option<String>,
    /// Secret deliveries are signed with; write-only (answers say `has_secret`).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub webhook_signing_secret: Option<String>,
    /// A name to tell configurations apart.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub name: Option<String>,
}

/// A saved webhook configuration (`/api/v1/beta/webhook-configs`). The signing secret is
/// never sent back: `has_secret` says whether one is set.
#[derive(Deserialize, Tsify, Schema)]
pub struct WebhookConfig {
    /// Unique identifier.
    pub id: String,
    /// Where deliveries are POSTed.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub webhook_url: Option<JsStr>,
    /// Events delivered (`null`: all).
    #[serde(default)]
    #[tsify(optional, type = "WebhookEventName[] | null")]
    pub webhook_events: Option<Vec<JsStr>>,
    /// Headers sent with each delivery.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string> | null")]
    pub webhook_headers: crate::validation::JsAny,
    /// Body format of a delivery.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub webhook_output_format: Option<JsStr>,
    /// Whether a signing secret is set.
    #[serde(default)]
    #[tsify(optional, type = "boolean | null")]
    pub has_secret: Option<bool>,
    /// Its name.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub name: Option<JsStr>,
    /// Creation datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub created_at: Option<JsStr>,
    /// Last update datetime (ISO 8601).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub updated_at: Option<JsStr>,
}

/// The answer of `deleteClassifyJob` (`DELETE /api/v2/classify/{job_id}`).
#[derive(Deserialize, Tsify, Schema)]
pub struct DeletedClassifyJob {
    /// The deleted job's id.
    pub id: String,
    /// The project it belonged to.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub project_id: Option<JsStr>,
}

/// Filters of `listClassifyJobs` / `iterClassifyJobs` (`GET /api/v2/classify`).
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ListClassifyJobsParams {
    /// Only jobs in this status.
    #[serde(default)]
    #[tsify(optional, type = "ClassifyJobStatus")]
    pub status: Option<String>,
    /// Jobs per page, 1–100.
    #[serde(default)]
    #[tsify(optional)]
    pub page_size: Option<u32>,
    /// The `next_page_token` of the previous page.
    #[serde(default)]
    #[tsify(optional)]
    pub page_token: Option<String>,
    /// Only these jobs.
    #[serde(default)]
    #[tsify(optional)]
    pub job_ids: Option<Vec<String>>,
    /// Only jobs with this saved configuration.
    #[serde(default)]
    #[tsify(optional)]
    pub configuration_id: Option<String>,
    /// Only jobs created at or after this time (ISO 8601).
    #[serde(default)]
    #[tsify(optional)]
    pub created_at_on_or_after: Option<String>,
    /// Only jobs created at or before this time (ISO 8601).
    #[serde(default)]
    #[tsify(optional)]
    pub created_at_on_or_before: Option<String>,
}

/// Options of `uploadFile`.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct UploadParams {
    /// What the file is for. Default `"classify"`.
    #[serde(default)]
    #[tsify(optional)]
    pub purpose: Option<String>,
    /// Your own ID for the file.
    #[serde(default)]
    #[tsify(optional)]
    pub external_file_id: Option<String>,
}

/// Input of `ClassifyClient.classify`: a file to upload or an uploaded one, and rules or a
/// saved configuration.
#[derive(Deserialize, Tsify, Schema, Default)]
pub struct ClassifyInput {
    /// A document to upload first (give this or `file_input`).
    #[serde(default)]
    #[tsify(optional, type = "Blob")]
    pub file: crate::validation::JsAny,
    /// An uploaded file's or parse job's ID (give this or `file`).
    #[serde(default)]
    #[tsify(optional)]
    pub file_input: Option<String>,
    /// Rules to classify with (give these or `configuration_id`).
    #[serde(default)]
    #[tsify(optional)]
    pub rules: Option<Vec<ClassifyRuleInput>>,
    /// Which pages are read (with `rules`).
    #[serde(default)]
    #[tsify(optional, type = "ClassifyParsingConfigurationInput | null")]
    pub parsing_configuration: Option<ClassifyParsingConfigurationInput>,
    /// A saved configuration's ID (give this or `rules`).
    #[serde(default)]
    #[tsify(optional)]
    pub configuration_id: Option<String>,
    /// Idempotency key of the created job (generated when left out).
    #[serde(default)]
    #[tsify(optional)]
    pub transaction_id: Option<String>,
    /// Your own ID for the uploaded file.
    #[serde(default)]
    #[tsify(optional)]
    pub external_file_id: Option<String>,
    /// IDs of saved webhook configurations the job notifies (at most 4).
    #[serde(default)]
    #[tsify(optional)]
    pub webhook_configuration_ids: Option<Vec<String>>,
    /// Webhook endpoints the job notifies (at most 10).
    #[serde(default)]
    #[tsify(optional)]
    pub webhook_configurations: Option<Vec<WebhookConfigurationInput>>,
}
