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
