// Data the emulator serves, shared with the tests so they can assert on it.

/** The API key the emulator accepts. */
export const API_KEY = "llx-test-key-0123456789";

const CONFIGURATION = {
  rules: [
    { type: "invoice", description: "contains invoice number, line items, and total amount" },
    { type: "receipt", description: "purchase receipt with transaction info and merchant details" },
  ],
  mode: "FAST",
  parsing_configuration: { lang: "en", max_pages: 10, target_pages: null },
};

function job(id, status, extra = {}) {
  return {
    id,
    configuration: CONFIGURATION,
    document_input_type: "file_id",
    file_input: "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    project_id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    status,
    user_id: "user_abc",
    configuration_id: null,
    created_at: "2026-09-01T12:00:00.000Z",
    updated_at: "2026-09-01T12:00:05.000Z",
    error_message: null,
    parse_job_id: null,
    result: null,
    transaction_id: null,
    ...extra,
  };
}

const INVOICE = {
  confidence: 0.92,
  reasoning: "Document contains an invoice number, line items and a total.",
  type: "invoice",
};

/** Fixed v2 jobs by id. */
export const JOBS = {
  "clj-completed": job("clj-completed", "COMPLETED", { result: INVOICE }),
  "clj-pending": job("clj-pending", "PENDING"),
  "clj-running": job("clj-running", "RUNNING"),
  "clj-failed": job("clj-failed", "FAILED", { error_message: "Parsing failed: the file is encrypted" }),
  "clj-cancelled": job("clj-cancelled", "CANCELLED"),
  "clj-no-match": job("clj-no-match", "COMPLETED", {
    result: { confidence: 0.31, reasoning: "No rule describes this document.", type: null },
  }),
  "clj-unknown-status": job("clj-unknown-status", "ARCHIVED", {
    result: INVOICE,
    priority: "high",
    labels: ["beta"],
  }),
  "clj-legacy-input": (() => {
    const { file_input, ...rest } = job("clj-legacy-input", "COMPLETED", { result: INVOICE });
    return { ...rest, document_input_type: "url", document_input_value: "https://example.com/invoice.pdf" };
  })(),
};

/** Jobs that are not meant to satisfy the published OpenAPI description (API drift). */
export const DRIFT_JOB_IDS = new Set(["clj-unknown-status", "clj-legacy-input"]);

/** Builds a job in a given status, for jobs that move over time. */
export function progressingJob(id, status) {
  return job(id, status, {
    result: status === "COMPLETED" ? INVOICE : null,
    error_message: status === "FAILED" ? "Classification failed: model timeout" : null,
  });
}

/** Result-set job ids (UUIDs, as the v1 endpoint requires) and their item counts. */
export const RESULT_SETS = {
  "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e": 2500,
  "3f1c2d4e-0000-4000-8000-000000001000": 1000,
  "3f1c2d4e-0000-4000-8000-000000003000": 3000,
  "3f1c2d4e-0000-4000-8000-000000010000": 10000,
  "3f1c2d4e-0000-4000-8000-000000100000": 100000,
  "3f1c2d4e-0000-4000-8000-000000000000": 0,
};
/** The 2,500-item job. */
export const RESULTS_2500 = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
export const RESULTS_1000 = "3f1c2d4e-0000-4000-8000-000000001000";
export const RESULTS_3000 = "3f1c2d4e-0000-4000-8000-000000003000";
export const RESULTS_10000 = "3f1c2d4e-0000-4000-8000-000000010000";
export const RESULTS_100000 = "3f1c2d4e-0000-4000-8000-000000100000";
export const RESULTS_EMPTY = "3f1c2d4e-0000-4000-8000-000000000000";
/** A results job whose server repeats the same page token forever. */
export const RESULTS_REPEAT_TOKEN = "3f1c2d4e-0000-4000-8000-0000000000aa";
/** A results job whose first page is empty but carries a token. */
export const RESULTS_EMPTY_PAGE = "3f1c2d4e-0000-4000-8000-0000000000bb";

const TYPES = ["invoice", "receipt", "contract", null];

function hex12(n) {
  return n.toString(16).padStart(12, "0");
}

/** The `index`-th result item of a result set. */
export function resultItem(jobId, index) {
  const type = TYPES[index % TYPES.length];
  return {
    id: `00000000-0000-4000-8000-${hex12(index)}`,
    classify_job_id: jobId,
    created_at: "2026-09-01T12:00:00.000Z",
    updated_at: "2026-09-01T12:00:05.000Z",
    file_id: `11111111-0000-4000-8000-${hex12(index)}`,
    result: {
      confidence: type ? 0.5 + (index % 50) / 100 : 0.2,
      reasoning: type
        ? `File ${index} matches the ${type} rule: header, line items and totals are present.`
        : `File ${index} matches no rule.`,
      type,
    },
  };
}
