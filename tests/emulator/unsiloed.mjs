// The emulator's Unsiloed endpoints (auth: header `api-key: <UNSILOED_API_KEY>`, checked here;
// an `Authorization` header does not count):
//
//   POST /classify            submit (multipart/form-data: categories + pdf_file | file_url) → 202
//   GET  /classify/{job_id}   job status → {job_id, status, progress, error, result}
//
// GET serves the fixed jobs of UNSILOED_JOBS (fixtures.mjs), the jobs submitted to this server
// (queued → processing page by page → completed/failed, one PHASE_MS per step) and fault
// scenarios chosen by id, `ufault-<scenario>-<unique>` (SCENARIOS below). Submissions are kept
// in the per-server state (createUnsiloedState) and listed by GET /__emulator/unsiloed/submissions.
import { createHash, randomUUID } from "node:crypto";
import { BAD_IDS, UNSILOED_API_KEY, UNSILOED_JOBS, UNSILOED_QUOTA_START, unsiloedCompletedJob } from "./fixtures.mjs";
import { MAX_BODY_BYTES, mediaType, parseJson, PHASE_MS, readBody, send, sendTooLarge, validationError } from "./http.mjs";
import { formOf, MultipartError, parseMultipart } from "./multipart.mjs";
import { countCreated, refuseOverLimit } from "./limits.mjs";

/** Per-server Unsiloed state. */
export function createUnsiloedState() {
  return {
    /** Submitted jobs by id. */
    jobs: new Map(),
    /** Idempotency-Key → job id. */
    idempotency: new Map(),
    /** Keys (Idempotency-Key, else the file_url) of `queue-full` submissions that got their 503. */
    queueFull: new Set(),
    quota: UNSILOED_QUOTA_START,
    /** What GET /__emulator/unsiloed/submissions lists. */
    submissions: [],
  };
}

const MISSING_KEY = { detail: "API key is required. Please provide 'api-key' in the request header." };
const INVALID_KEY = { detail: "Invalid API key" };
const NOT_FOUND = { detail: "Job not found" };
/** The 503 envelope of an overloaded server (shape_503_error_envelope_from_sdk.json). */
const QUEUE_FULL = {
  error: { code: "service_unavailable", message: "Queue is full", details: { reason: "queue_full", retry_after: 1 } },
};
/** spec/unsiloed/error_402_quota.json */
const QUOTA_EXCEEDED = {
  detail: { message: "Insufficient quota", status: "QUOTA_EXCEEDED", quota_data: { current: 1000, limit: 1000, remaining: 0 } },
};

/** 401 unless the `api-key` header is the emulator's key; true when the request may go on. */
export function authorizeUnsiloed(req, res) {
  const key = req.headers["api-key"];
  if (key === undefined || key === "") return send(res, 401, MISSING_KEY), false;
  if (key !== UNSILOED_API_KEY) return send(res, 401, INVALID_KEY), false;
  return true;
}

/** Fault scenarios for GET, by the name in `ufault-<name>-…` ids. `n` is the attempt number. */
export const SCENARIOS = {
  // 503 "queue full" with Retry-After: 1 once, then the completed job.
  "503once": (n, ok, res) => (n === 1 ? send(res, 503, QUEUE_FULL, { "retry-after": "1" }) : ok()),
  // 429 with Retry-After: 1 once, then the completed job.
  "429once": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "Rate limit exceeded" }, { "retry-after": "1" }) : ok()),
  // 500 forever.
  "500": (n, ok, res) => send(res, 500, { detail: "Internal error" }),
  // Invalid JSON with a 200.
  "malformed": (n, ok, res) => send(res, 200, '{"job_id": "x", "status": ', { "content-type": "application/json" }),
  // The completed job of another id.
  "wrongid": (n, ok, res, body) => send(res, 200, { ...body, job_id: "another-job" }),
  // A completed job whose result.confidence is a string.
  "wrongtype": (n, ok, res, body) => send(res, 200, { ...body, result: { ...body.result, confidence: "high" } }),
};

// ---- submitted jobs ------------------------------------------------------------------------------

const PAGE_CONFIDENCE = [0.91, 0.95, 0.97];

/** A submitted job as GET shows it now. */
function submittedView(rec, now = Date.now()) {
  const phase = Math.floor((now - rec.createdAt) / PHASE_MS);
  const base = { job_id: rec.job_id, status: "", progress: "", error: null, result: null };
  if (phase <= 0) return { ...base, status: "queued", progress: "Queued" };
  if (phase <= rec.pages) return { ...base, status: "processing", progress: `Processing page ${phase} of ${rec.pages}` };
  if (rec.fail) return { ...base, status: "failed", progress: "Classification failed", error: "Invalid PDF format" };
  const name = rec.categories[0].name;
  const pages = Array.from({ length: rec.pages }, (_, i) => i + 1);
  return {
    ...base,
    status: "completed",
    progress: "Classification completed",
    result: {
      success: true,
      classification: name,
      confidence: 0.93,
      total_pages: rec.pages,
      processed_pages: rec.pages,
      page_results: pages.map((page) => ({
        page,
        success: true,
        classification: name,
        raw_result: name,
        confidence: PAGE_CONFIDENCE[(page - 1) % PAGE_CONFIDENCE.length],
      })),
      categories: [{ category: name, pages, page_count: rec.pages, confidence: 0.93 }],
    },
  };
}

/** GET /classify/{job_id} */
export function getJob(req, res, ctx) {
  const state = ctx.state.unsiloed;
  const id = ctx.params[0];
  const fault = /^ufault-([a-z0-9]+)-/.exec(id);
  if (fault && Object.hasOwn(SCENARIOS, fault[1])) {
    const body = unsiloedCompletedJob(id);
    return SCENARIOS[fault[1]](ctx.n, () => send(res, 200, body), res, body);
  }
  if (Object.hasOwn(UNSILOED_JOBS, id)) return send(res, 200, UNSILOED_JOBS[id]);
  if (state.jobs.has(id)) return send(res, 200, submittedView(state.jobs.get(id)));
  send(res, 404, NOT_FOUND);
}

/** The `categories` field parsed, or null when it is not a JSON list of `{name, description?}`. */
function parseCategories(text) {
  const parsed = parseJson(text);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length === 0) return null;
  const valid = parsed.value.every((c) =>
    c !== null && typeof c === "object" && !Array.isArray(c) &&
    typeof c.name === "string" && c.name.trim() !== "" &&
    (c.description === undefined || c.description === null || typeof c.description === "string"));
  return valid ? parsed.value : null;
}

const badRequest = (res, detail) => send(res, 400, { detail });

/**
 * POST /classify
 *
 * multipart/form-data only (else 422). `categories` required (missing 422, not a JSON list of
 * `{name, description?}` 400) and exactly one of `pdf_file` (a file part) / `file_url` (400
 * otherwise). 202 `{job_id, status: "processing", message, quota_remaining}`.
 * Special inputs: `quota` in the file_url or file name → 402 (error_402_quota.json);
 * `queue-full` in the file_url → 503 envelope + Retry-After: 1 on the first request with a given
 * Idempotency-Key (or, without one, that file_url), then success; `fail` in the file_url or file
 * name → the job ends `failed` ("Invalid PDF format"). A repeated Idempotency-Key answers 202
 * with the first job's id and creates nothing.
 */
export async function submit(req, res, ctx) {
  const state = ctx.state.unsiloed;
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.tooLarge) return sendTooLarge(res);
  if (read.aborted) return;
  const contentType = mediaType(req.headers["content-type"]);
  if (contentType !== "multipart/form-data") {
    return send(res, 422, validationError([{ loc: ["body"], msg: "Expected multipart/form-data", type: "value_error" }]));
  }
  let form;
  try {
    form = formOf(parseMultipart(read.body, req.headers["content-type"]));
  } catch (error) {
    if (error instanceof MultipartError) return badRequest(res, "There was an error parsing the body");
    throw error;
  }
  const { fields, files } = form;
  if (files.categories) {
    return send(res, 422, validationError([{ loc: ["body", "categories"], msg: "Expected a text field", type: "value_error" }]));
  }
  if (fields.categories === undefined) {
    return send(res, 422, validationError([{ loc: ["body", "categories"], msg: "Field required", type: "missing" }]));
  }
  const categories = parseCategories(fields.categories);
  if (!categories) return badRequest(res, "Invalid categories format. Must be a valid JSON string.");
  if (fields.pdf_file !== undefined) {
    return send(res, 422, validationError([{
      loc: ["body", "pdf_file"], msg: "Expected UploadFile, received: <class 'str'>", type: "value_error",
    }]));
  }
  const file = files.pdf_file || null;
  const fileUrl = fields.file_url || (files.file_url ? files.file_url.data.toString("utf8") : "") || null;
  if (!file && !fileUrl) return badRequest(res, "Either pdf_file or file_url must be provided");
  if (file && fileUrl) return badRequest(res, "Provide either pdf_file or file_url, not both");

  const idempotencyKey = req.headers["idempotency-key"] ?? null;
  const record = (jobId, replayed) => {
    state.submissions.push({
      job_id: jobId,
      idempotencyKey,
      categories,
      file: file && {
        name: file.filename,
        type: file.contentType || "application/octet-stream",
        size: file.data.length,
        sha256hex: createHash("sha256").update(file.data).digest("hex"),
      },
      fileUrl,
      contentType,
      replayed,
    });
  };
  if (refuseOverLimit(req, res)) return;
  const accepted = (jobId) => ({ job_id: jobId, status: "processing", message: "Classification started", quota_remaining: state.quota });
  if (idempotencyKey !== null && state.idempotency.has(idempotencyKey)) {
    const jobId = state.idempotency.get(idempotencyKey);
    record(jobId, true);
    return send(res, 202, accepted(jobId));
  }
  const subject = file ? file.filename : fileUrl;
  if (fileUrl && fileUrl.includes("queue-full")) {
    const key = idempotencyKey !== null ? `key:${idempotencyKey}` : `url:${fileUrl}`;
    if (!state.queueFull.has(key)) {
      state.queueFull.add(key);
      return send(res, 503, QUEUE_FULL, { "retry-after": "1" });
    }
  }
  if (subject.includes("quota")) return send(res, 402, QUOTA_EXCEEDED);
  const badId = /badid-([a-z]+)/.exec(subject);
  if (badId && Object.hasOwn(BAD_IDS, badId[1])) return send(res, 202, accepted(BAD_IDS[badId[1]]));

  const rec = {
    job_id: randomUUID(),
    createdAt: Date.now(),
    pages: file ? 3 : 2,
    categories,
    fail: subject.includes("fail"),
  };
  state.jobs.set(rec.job_id, rec);
  countCreated(req);
  if (idempotencyKey !== null) state.idempotency.set(idempotencyKey, rec.job_id);
  state.quota = Math.max(0, state.quota - 1);
  record(rec.job_id, false);
  send(res, 202, accepted(rec.job_id));
}
