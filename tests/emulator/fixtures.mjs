// Data the emulator serves, shared with the tests so they can assert on it: LlamaCloud's fixed,
// seed and progressing jobs and result sets, and Unsiloed's fixed jobs and API key.
// Pure data and functions, no Node imports: the suites bundle this module for Chromium and workerd.

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

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD = [null, 0, -1, 1e308, -1e308, 9007199254740993, "", "x".repeat(5000), true, [], {}, [1, "a"], { a: { b: { c: {} } } }, "\u0000\ud800", NaN];

/** Replaced in the text of a mutated body by an array nested thousands of levels deep. */
const DEEP_MARK = "@@deep@@";

function deep(depth) {
  let value = {};
  for (let i = 0; i < depth; i++) value = i % 2 ? { nested: value } : [value];
  return value;
}

/**
 * The `seed`-th mutated job body (text): truncated, fields dropped, types swapped, nulls, huge
 * numbers, deep nesting (up to 6,000 levels), huge strings, non-finite numbers.
 */
export function mutatedBody(seed) {
  const random = rng(seed);
  const body = JSON.parse(JSON.stringify(progressingJob(`fuzz-${seed}`, "COMPLETED")));
  const paths = [
    ["id"], ["status"], ["project_id"], ["user_id"], ["document_input_type"], ["file_input"], ["configuration"],
    ["configuration", "rules"], ["configuration", "rules", 0], ["configuration", "rules", 0, "type"],
    ["configuration", "parsing_configuration"], ["configuration", "parsing_configuration", "max_pages"],
    ["result"], ["result", "confidence"], ["result", "type"], ["result", "reasoning"], ["error_message"], ["created_at"],
  ];
  const mutations = 1 + Math.floor(random() * 3);
  for (let m = 0; m < mutations; m++) {
    const path = paths[Math.floor(random() * paths.length)];
    let parent = body;
    for (const key of path.slice(0, -1)) parent = parent && typeof parent === "object" ? parent[key] : undefined;
    if (!parent || typeof parent !== "object") continue;
    const key = path[path.length - 1];
    const kind = random();
    if (kind < 0.3) delete parent[key];
    else if (kind < 0.75) parent[key] = WEIRD[Math.floor(random() * WEIRD.length)];
    else if (kind < 0.88) parent[key] = deep(1 + Math.floor(random() * 200));
    else if (kind < 0.94) parent[key] = DEEP_MARK; // thousands of levels, spliced in as text below
    else parent[key] = "y".repeat(100000 + Math.floor(random() * 100000));
  }
  let text = JSON.stringify(body);
  // Structural attacks JSON.stringify cannot build: nesting thousands deep, and numbers that
  // JSON.parse turns into Infinity.
  const depth = 3000 + Math.floor(random() * 3000);
  text = text.split(`"${DEEP_MARK}"`).join(`${"[".repeat(depth)}${"]".repeat(depth)}`);
  if (random() < 0.1) text = text.replace(/"confidence":[^,}]+/, '"confidence":1e400');
  const shape = random();
  if (shape < 0.1) text = text.slice(0, Math.floor(random() * text.length));
  else if (shape < 0.13) text = JSON.stringify([body]);
  else if (shape < 0.16) text = JSON.stringify(Math.floor(random() * 1e6));
  else if (shape < 0.18) text = '"just a string"';
  else if (shape < 0.2) text = "null";
  return text;
}

// ---- LlamaCloud: the listable seed jobs -----------------------------------------------------

/** The project every fixture job belongs to, and the one created jobs get without `project_id`. */
export const DEFAULT_PROJECT_ID = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
/** The user every job belongs to. */
export const DEFAULT_USER_ID = "user_abc";
/** The saved configuration id some seed jobs carry (and that `configuration_id` creates use). */
export const SEED_CONFIGURATION_ID = "cfg-11111111-2222-3333-4444-555555555555";
/** How many seed jobs there are: `clj-seed-000` … `clj-seed-119`. */
export const SEED_JOB_COUNT = 120;
/** The configuration a saved `configuration_id` stands for. */
export const SAVED_CONFIGURATION = CONFIGURATION;

const SEED_STATUSES = ["COMPLETED", "COMPLETED", "FAILED", "PENDING", "RUNNING", "CANCELLED", "COMPLETED"];
const SEED_TYPES = ["invoice", "receipt"];

/**
 * The `index`-th seed job: `clj-seed-NNN`, created 17 hours before the one before it (the
 * newest, `clj-seed-000`, on 2026-08-31T12:00:00Z, the oldest ~84 days earlier), status cycling
 * through SEED_STATUSES, every third one (index % 3 === 0) with SEED_CONFIGURATION_ID.
 */
function seedJob(index) {
  const id = `clj-seed-${String(index).padStart(3, "0")}`;
  const status = SEED_STATUSES[index % SEED_STATUSES.length];
  const created = Date.parse("2026-08-31T12:00:00.000Z") - index * 17 * 3600 * 1000;
  const type = SEED_TYPES[index % SEED_TYPES.length];
  return job(id, status, {
    file_input: `dfl-5eed0000-0000-4000-8000-${hex12(index)}`,
    configuration_id: index % 3 === 0 ? SEED_CONFIGURATION_ID : null,
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created + 7000).toISOString(),
    result: status === "COMPLETED"
      ? { confidence: 0.6 + (index % 40) / 100, reasoning: `Seed document ${index} matches the ${type} rule.`, type }
      : null,
    error_message: status === "FAILED" ? "Parsing failed: the file is encrypted" : null,
  });
}

/** The seed jobs by id: listed by `GET /api/v2/classify` and served by `GET /api/v2/classify/{id}`. */
export const SEED_JOBS = Object.fromEntries(
  Array.from({ length: SEED_JOB_COUNT }, (_, i) => seedJob(i)).map((j) => [j.id, j]),
);

// ---- Unsiloed --------------------------------------------------------------------------------

/** The `api-key` header value the emulator's Unsiloed endpoints accept. */
export const UNSILOED_API_KEY = "uns-test-key-0123456789";
/** Quota before the first submission; each new job takes one (the first 202 says 499). */
export const UNSILOED_QUOTA_START = 500;

/** Fixed Unsiloed job ids (`GET /classify/{job_id}`). */
export const UNSILOED_COMPLETED = "uns-completed";
export const UNSILOED_MULTIPAGE = "uns-multipage";
export const UNSILOED_PROCESSING = "uns-processing";
export const UNSILOED_QUEUED = "uns-queued";
export const UNSILOED_FAILED = "uns-failed";
export const UNSILOED_PAGE_FAILED = "uns-page-failed";
export const UNSILOED_CATEGORIES = "uns-categories";
export const UNSILOED_UNKNOWN_STATUS = "uns-unknown-status";

/** spec/unsiloed/status_completed_real.json's result. */
const UNS_INVOICE_RESULT = {
  success: true,
  classification: "Invoice",
  confidence: 0.9999994487765023,
  total_pages: 1,
  processed_pages: 1,
  page_results: [
    { page: 1, success: true, classification: "Invoice", raw_result: "Invoice", confidence: 0.9999994487765023 },
  ],
};

function unsJob(job_id, status, progress, error, result) {
  return { job_id, status, progress, error, result };
}

/** Fixed Unsiloed jobs by id, in the shapes of spec/unsiloed/status_*.json. */
export const UNSILOED_JOBS = {
  // status_completed_real.json with its own id.
  [UNSILOED_COMPLETED]: unsJob(UNSILOED_COMPLETED, "completed", "Classification completed", null, UNS_INVOICE_RESULT),
  // status_completed_multipage.json: two pages of a contract.
  [UNSILOED_MULTIPAGE]: unsJob(UNSILOED_MULTIPAGE, "completed", "Classification completed", null, {
    success: true,
    classification: "contract",
    confidence: 0.89,
    page_results: [
      { page: 1, success: true, confidence: 0.92, raw_result: "contract", classification: "contract" },
      { page: 2, success: true, confidence: 0.86, raw_result: "contract", classification: "contract" },
    ],
    total_pages: 2,
    processed_pages: 2,
  }),
  // status_processing.json.
  [UNSILOED_PROCESSING]: unsJob(UNSILOED_PROCESSING, "processing", "Processing page 1 of 2", null, null),
  [UNSILOED_QUEUED]: unsJob(UNSILOED_QUEUED, "queued", "Queued", null, null),
  // status_failed.json.
  [UNSILOED_FAILED]: unsJob(UNSILOED_FAILED, "failed", "Classification failed",
    "Failed to process document: File appears to be corrupted", null),
  // Three pages, page 2 unreadable (shape_page_result_failed_from_sdk.json).
  [UNSILOED_PAGE_FAILED]: unsJob(UNSILOED_PAGE_FAILED, "completed", "Classification completed", null, {
    success: true,
    classification: "invoice",
    confidence: 0.9,
    total_pages: 3,
    processed_pages: 2,
    page_results: [
      { page: 1, success: true, classification: "invoice", raw_result: "invoice", confidence: 0.94 },
      { page: 2, success: false, classification: "invoice", confidence: 0.0, error: "Page could not be read" },
      { page: 3, success: true, classification: "invoice", raw_result: "invoice", confidence: 0.86 },
    ],
  }),
  // A newer server's result: `categories[]` and `raw_result` too (shape_result_image_input_from_sdk.json).
  [UNSILOED_CATEGORIES]: unsJob(UNSILOED_CATEGORIES, "completed", "Classification completed", null, {
    success: true,
    classification: "invoice",
    confidence: 0.88,
    total_pages: 2,
    processed_pages: 2,
    page_results: [
      { page: 1, success: true, classification: "invoice", raw_result: "invoice", confidence: 0.91 },
      { page: 2, success: true, classification: "receipt", raw_result: "receipt", confidence: 0.84 },
    ],
    raw_result: "invoice",
    categories: [
      { category: "invoice", pages: [1], page_count: 1, confidence: 0.91 },
      { category: "receipt", pages: [2], page_count: 1, confidence: 0.84 },
    ],
  }),
  // A status this SDK does not know, with extra fields: all must pass through.
  [UNSILOED_UNKNOWN_STATUS]: {
    ...unsJob(UNSILOED_UNKNOWN_STATUS, "archived", "Archived", null, UNS_INVOICE_RESULT),
    priority: "high",
    labels: ["beta"],
  },
};

/** A completed Unsiloed job with a given id (what `ufault-*` ids answer once they answer). */
export function unsiloedCompletedJob(jobId) {
  return { ...UNSILOED_JOBS[UNSILOED_COMPLETED], job_id: jobId };
}

/**
 * Ids a hostile server answers where the SDK will put them into a later request: chosen by
 * `badid-<kind>` in an Unsiloed submission's file name or URL, or `fault-badid-<kind>` as a
 * LlamaCloud upload's file name.
 */
export const BAD_IDS = {
  dotdot: "..",
  dot: ".",
  empty: "",
  blank: "   ",
  long: "x".repeat(3000),
  surrogate: "job-\ud800",
  control: "job\u0000x",
};
