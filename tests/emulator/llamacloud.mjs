// The emulator's LlamaCloud endpoints (auth `Authorization: Bearer <API_KEY>`, checked by
// server.mjs before these handlers run):
//
//   GET  /api/v2/classify/{job_id}                 fixed, seed, progressing, created and fault jobs
//   GET  /api/v1/classifier/jobs/{id}/results      v1 result pages (AIP-132 tokens `off-N`)
//   POST /api/v2/classify                          create a job (ClassifyV2JobCreateRequest)
//   GET  /api/v2/classify                          list jobs (ClassifyV2JobQueryResponse)
//   POST /api/v2/classify/{job_id}/cancel          cancel a job
//   DELETE /api/v2/classify/{job_id}               delete a terminal job
//   POST /api/v1/beta/files                        upload a file (multipart/form-data)
//
// Fault scenarios for reads are chosen by job id, `fault-<scenario>-<unique>` (SCENARIOS below);
// creates whose file_input starts with `fault-503once-` and uploads whose file name starts with
// `fault-503once` / `fault-500` fail as described at their handlers. Created jobs and uploads
// live in the per-server `state` (createLlamaCloudState) and move PENDING → RUNNING → an end
// state, one PHASE_MS per step.
import { createHash, randomUUID } from "node:crypto";
import {
  BAD_IDS, DEFAULT_PROJECT_ID, DEFAULT_USER_ID, DRIFT_JOB_IDS, JOBS, mutatedBody, RESULT_SETS, RESULTS_EMPTY_PAGE,
  RESULTS_REPEAT_TOKEN, SAVED_CONFIGURATION, SEED_JOBS, progressingJob, resultItem,
} from "./fixtures.mjs";
import { MAX_BODY_BYTES, mediaType, parseJson, PHASE_MS, readBody, send, sendTooLarge, validationError } from "./http.mjs";
import { formOf, MultipartError, parseMultipart } from "./multipart.mjs";
import { deliverState, later, webhookIssues, webhooksOf } from "./webhooks.mjs";
import { countCreated, refuseOverLimit } from "./limits.mjs";

const STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"];
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
const FILE_PURPOSES = ["user_data", "parse", "extract", "split", "classify", "sheet", "agent_app"];

/** Per-server LlamaCloud state. */
export function createLlamaCloudState() {
  return {
    /** clj-progress-* id → when it was first seen. */
    progressStart: new Map(),
    /** clj-progress-* ids cancelled before they ended → when. */
    progressCancelled: new Map(),
    /** Created jobs by id (insertion order = creation order). */
    jobs: new Map(),
    /** `${project_id}\n${transaction_id}` → job id. */
    transactions: new Map(),
    /** Keys of `fault-503once-` creates that already got their 503. */
    createFaults: new Set(),
    /** Names of `fault-503once` uploads that already got their 503. */
    uploadFaults: new Set(),
    /** Uploaded files, as recorded for GET /__emulator/files. */
    files: [],
    seq: 0,
  };
}

// ---- reads (as before) -------------------------------------------------------------------------

/** Fault scenarios, by the name in `fault-<name>-…` ids. `n` is the attempt number (1-based). */
export const SCENARIOS = {
  // 429 once with retry-after-ms, then the job.
  "429ms": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "Too many requests" }, { "retry-after-ms": "120" }) : ok()),
  // 429 once with Retry-After in seconds, then the job.
  "429s": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "Too many requests" }, { "retry-after": "1" }) : ok()),
  // 429 once with Retry-After as an HTTP date ~1 s ahead, then the job.
  "429date": (n, ok, res) =>
    n === 1 ? send(res, 429, { detail: "slow down" }, { "retry-after": new Date(Date.now() + 1500).toUTCString() }) : ok(),
  // 429 asking for an hour: the client caps it with maxRetryDelayMs.
  "429long": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "later" }, { "retry-after": "3600" }) : ok()),
  // Two 503s, then the job.
  "503x2": (n, ok, res) => (n <= 2 ? send(res, 503, { detail: "Service unavailable" }) : ok()),
  // 500 forever.
  "500": (n, ok, res) => send(res, 500, { detail: "Internal error", code: "internal_error" }),
  // 503 that the server says not to retry.
  "noretry": (n, ok, res) => send(res, 503, { detail: "Maintenance" }, { "x-should-retry": "false" }),
  // 400 that the server says to retry anyway, once.
  "forceretry": (n, ok, res) => (n === 1 ? send(res, 400, { detail: "flaky" }, { "x-should-retry": "true" }) : ok()),
  // 408 once.
  "408": (n, ok, res) => (n === 1 ? send(res, 408, { detail: "Request timeout" }) : ok()),
  // 409 once.
  "409": (n, ok, res) => (n === 1 ? send(res, 409, { detail: "Conflict" }) : ok()),
  // The route is gone (as the v1 results routes may be): 410 Gone.
  "routegone": (n, ok, res) => send(res, 410, { detail: "Gone" }),
  // The route is not there: the framework's own 404, with a bare "Not Found".
  "noroute": (n, ok, res) => send(res, 404, { detail: "Not Found" }),
  // 403 / 422 / 400: never retried.
  "403": (n, ok, res) => send(res, 403, { detail: "Not allowed for this project" }),
  "422": (n, ok, res) =>
    send(res, 422, { detail: [{ loc: ["query", "project_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" }] }),
  "400": (n, ok, res) => send(res, 400, { detail: "Bad request" }),
  // The job of another id (a confused cache or a hostile proxy).
  "wrongid": (n, ok, res, body) => send(res, 200, { ...body, id: "clj-EVIL" }),
  // Answers after 1.5 s (beyond short test timeouts).
  "slow": (n, ok, res) => setTimeout(ok, 1500),
  // Slow on the first attempt only.
  "slowonce": (n, ok, res) => (n === 1 ? setTimeout(ok, 1500) : ok()),
  // Sends half a body, then drops the connection.
  "drop": (n, ok, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
    res.write('{"id": "fault-drop", "status": "COMPL');
    setTimeout(() => res.socket?.destroy(), 20);
  },
  // Drops the connection before any answer.
  "reset": (n, ok, res) => res.socket?.destroy(),
  // Malformed JSON with a 200.
  "malformed": (n, ok, res) => send(res, 200, '{"id": "x", "status": ', { "content-type": "application/json" }),
  // An HTML 502 page from a proxy.
  "html502": (n, ok, res) =>
    send(res, 502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", {
      "content-type": "text/html",
    }),
  // 200 with an empty body.
  "empty": (n, ok, res) => send(res, 200, "", { "content-type": "application/json" }),
  // A required field missing.
  "missing": (n, ok, res, body) => { delete body.status; send(res, 200, body); },
  // A field with the wrong type.
  "wrongtype": (n, ok, res, body) => { body.result = { ...(body.result || {}), confidence: "high", reasoning: "r", type: "invoice" }; send(res, 200, body); },
  // ---- hostile answers ----
  // A 5,000-deep array in a declared field (10 KB of text).
  "deep": (n, ok, res, body) => {
    const text = JSON.stringify({ ...body, status: "@" }).replace('"@"', "[".repeat(5000) + "]".repeat(5000));
    send(res, 200, text, { "content-type": "application/json" });
  },
  // A number that JSON.parse turns into Infinity.
  "infinite": (n, ok, res, body) => {
    const text = JSON.stringify({ ...body, result: { confidence: "@", reasoning: "r", type: "invoice" } }).replace('"@"', "1e400");
    send(res, 200, text, { "content-type": "application/json" });
  },
  // Never answers (the connection stays open until the emulator closes).
  "hang": () => {},
  // 503 with a 12 MB body, asking for a retry after 20 ms.
  "huge503": (n, ok, res) => send(res, 503, `{"detail":"${"x".repeat(12 * 1024 * 1024)}"}`, { "content-type": "application/json", "retry-after-ms": "20" }),
  // Echoes the caller's key back: in the detail, a header, a cookie and the request id.
  "echo": (n, ok, res, body, key) =>
    send(res, 400, { detail: `Key ${key} is not allowed here`, code: `bad_${key}`, echo: { nested: [key] } }, {
      "x-echo": key, "set-cookie": `session=${key}; HttpOnly`, "x-request-id": `req_${key}`,
    }),
  // Echoes the key in a plain-text error body.
  "echotext": (n, ok, res, body, key) => send(res, 500, `upstream said: bad key ${key}`, { "x-should-retry": "false" }),
  // Echoes the key across the SDK's 64 KiB error-body cap (all but its last character inside).
  "echocut": (n, ok, res, body, key) => send(res, 500, "a".repeat(65536 - (key.length - 1)) + key + "b".repeat(100), { "x-should-retry": "false" }),
  // A 402 whose detail has a "__proto__" key (JSON.parse makes it an own property).
  "protobody": (n, ok, res) =>
    send(res, 402, '{"detail":{"__proto__":{"quota_data":{"remaining":99}},"message":"proto","x":1}}', { "content-type": "application/json" }),
  // A valid job that echoes the key in one of its strings.
  "echojob": (n, ok, res, body, key) => send(res, 200, { ...body, error_message: `upstream note: ${key}` }),
  // Echoes the key in a field of the wrong type.
  "echofield": (n, ok, res, body, key) => send(res, 200, { ...body, status: { value: key } }),
  // A request id far too long to be one.
  "longid": (n, ok, res) => send(res, 404, { detail: "Classify job not found" }, { "x-request-id": "r".repeat(10000) }),
  // Redirects to another origin (which records what reaches it).
  "redirect": (n, ok, res, body, key, ctx) => {
    res.writeHead(307, { location: `${ctx.foreignOrigin}/api/v2/classify/clj-completed`, "content-length": "0" });
    res.end();
  },
  // Redirects within the API origin, to the same job at a moved URL.
  "redirectsame": (n, ok, res, body, key, ctx) => {
    if (ctx.url.searchParams.has("moved")) return ok();
    res.writeHead(307, { location: `${ctx.url.pathname}?moved=1`, "content-length": "0" });
    res.end();
  },
  // Redirects within the API origin, to another job.
  "redirectother": (n, ok, res) => {
    res.writeHead(307, { location: "/api/v2/classify/clj-completed", "content-length": "0" });
    res.end();
  },
  // Unknown status value and extra fields: must pass through.
  "unknown": (n, ok, res, body) => send(res, 200, { ...body, status: "QUARANTINED", shard: 7, extra: { nested: true } }),
};

const FAULT_ID = /^fault-([a-z0-9]+)-/;

/**
 * Runs the fault scenario of a `fault-<name>-…` id, if it names one; true when it did. The echo
 * scenarios get the caller's key when `echoKey` is set (job reads and cancels; as before, the
 * v1 results endpoint passes none).
 */
function runFault(req, res, id, ctx, body, echoKey = true) {
  const fault = FAULT_ID.exec(id);
  if (!fault || !Object.hasOwn(SCENARIOS, fault[1])) return false;
  const key = echoKey ? String(req.headers.authorization || "").replace(/^Bearer /, "") : undefined;
  SCENARIOS[fault[1]](ctx.n, () => send(res, 200, body), res, body, key, ctx);
  return true;
}

const NOT_FOUND = { detail: "Classify job not found" };
const iso = (ms) => new Date(ms).toISOString();

/** A job as GET shows it now, or null: fixed, seed, progressing (`clj-progress-*`) or created. */
function jobFor(state, id) {
  if (Object.hasOwn(JOBS, id)) return JOBS[id];
  if (Object.hasOwn(SEED_JOBS, id)) return SEED_JOBS[id];
  if (state.jobs.has(id)) return createdView(state.jobs.get(id));
  const progress = /^clj-progress(-fail|-cancel)?-/.exec(id);
  if (progress) {
    if (!state.progressStart.has(id)) state.progressStart.set(id, Date.now());
    if (state.progressCancelled.has(id)) {
      return { ...progressingJob(id, "CANCELLED"), updated_at: iso(state.progressCancelled.get(id)) };
    }
    const phase = Math.floor((Date.now() - state.progressStart.get(id)) / PHASE_MS);
    const end = progress[1] === "-fail" ? "FAILED" : progress[1] === "-cancel" ? "CANCELLED" : "COMPLETED";
    return progressingJob(id, ["PENDING", "RUNNING"][phase] || end);
  }
  return null;
}

/** GET /api/v2/classify/{job_id} */
export function getJob(req, res, ctx) {
  const id = ctx.params[0];
  const fuzz = /^fuzz-(\d+)$/.exec(id);
  if (fuzz) return send(res, 200, mutatedBody(Number(fuzz[1])), { "content-type": "application/json" });
  if (runFault(req, res, id, ctx, progressingJob(id, "COMPLETED"))) return;
  const job = jobFor(ctx.state.llamacloud, id);
  if (!job) return send(res, 404, NOT_FOUND);
  send(res, 200, job);
}

function serveResults(res, id, url) {
  const pageSize = Math.min(Number(url.searchParams.get("page_size") || 100), 1000);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    return send(res, 422, { detail: [{ loc: ["query", "page_size"], msg: "must be a positive integer", type: "value_error" }] });
  }
  const token = url.searchParams.get("page_token");
  if (id === RESULTS_REPEAT_TOKEN) {
    return send(res, 200, { items: [resultItem(id, token ? 1 : 0)], next_page_token: "tok-same", total_size: null });
  }
  if (id === RESULTS_EMPTY_PAGE) {
    if (!token) return send(res, 200, { items: [], next_page_token: "tok-2", total_size: 2 });
    return send(res, 200, { items: [resultItem(id, 0), resultItem(id, 1)], next_page_token: null, total_size: 2 });
  }
  const total = Object.hasOwn(RESULT_SETS, id) ? RESULT_SETS[id] : undefined;
  if (total === undefined) return send(res, 404, NOT_FOUND);
  let offset = 0;
  if (token) {
    const match = /^off-(\d+)$/.exec(token);
    if (!match) return send(res, 400, { detail: "Invalid page token" });
    offset = Number(match[1]);
  }
  const end = Math.min(offset + pageSize, total);
  const items = [];
  for (let i = offset; i < end; i++) items.push(resultItem(id, i));
  const body = { items, total_size: total };
  if (end < total) body.next_page_token = `off-${end}`;
  send(res, 200, body);
}

/** GET /api/v1/classifier/jobs/{classify_job_id}/results */
export function getResults(req, res, ctx) {
  const id = ctx.params[0];
  if (runFault(req, res, id, ctx, { items: [resultItem(id, 0)], total_size: 1 }, false)) return;
  serveResults(res, id, ctx.url);
}

// ---- created jobs --------------------------------------------------------------------------------

/** Status and last-change time of a created job at `now`. */
function createdStatus(rec, now = Date.now()) {
  if (rec.cancelledAt !== null) return { status: "CANCELLED", changed: rec.cancelledAt };
  const phase = Math.floor((now - rec.createdAt) / PHASE_MS);
  if (phase <= 0) return { status: "PENDING", changed: rec.createdAt };
  if (phase === 1) return { status: "RUNNING", changed: rec.createdAt + PHASE_MS };
  return { status: rec.fail ? "FAILED" : "COMPLETED", changed: rec.createdAt + 2 * PHASE_MS };
}

/** A created job as ClassifyV2JobResponse. */
function createdView(rec) {
  const { status, changed } = createdStatus(rec);
  const rule = rec.configuration.rules[0];
  return {
    id: rec.id,
    configuration: rec.configuration,
    document_input_type: rec.document_input_type,
    file_input: rec.file_input,
    project_id: rec.project_id,
    status,
    user_id: DEFAULT_USER_ID,
    configuration_id: rec.configuration_id,
    created_at: iso(rec.createdAt),
    updated_at: iso(changed),
    error_message: status === "FAILED" ? "Classification failed: the document could not be parsed" : null,
    parse_job_id: rec.parse_job_id,
    result: status === "COMPLETED"
      ? { confidence: 0.91, reasoning: `The document matches the "${rule.type}" rule: ${rule.description}`, type: rule.type }
      : null,
    transaction_id: rec.transaction_id,
  };
}

// ---- request validation (pydantic-style 422 entries) ----------------------------------------------

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const issue = (loc, msg, type, input, ctx) => ({ type, loc, msg, input, ...(ctx ? { ctx } : {}) });

function checkOptionalString(errors, body, key, maxLength) {
  const value = body[key];
  if (value === undefined || value === null) return;
  if (typeof value !== "string") return errors.push(issue(["body", key], "Input should be a valid string", "string_type", value));
  if (maxLength !== undefined && value.length > maxLength) {
    errors.push(issue(["body", key], `String should have at most ${maxLength} characters`, "string_too_long", value, { max_length: maxLength }));
  }
}

function checkLength(errors, loc, value, min, max) {
  if (value === undefined) return errors.push(issue(loc, "Field required", "missing", undefined));
  if (typeof value !== "string") return errors.push(issue(loc, "Input should be a valid string", "string_type", value));
  const unit = (n) => `${n} character${n === 1 ? "" : "s"}`;
  if (value.length < min) errors.push(issue(loc, `String should have at least ${unit(min)}`, "string_too_short", value, { min_length: min }));
  else if (value.length > max) errors.push(issue(loc, `String should have at most ${unit(max)}`, "string_too_long", value, { max_length: max }));
}

function checkConfiguration(errors, configuration) {
  const at = ["body", "configuration"];
  if (!isObject(configuration)) {
    return errors.push(issue(at, "Input should be a valid dictionary or instance of ClassifyV2Configuration", "model_type", configuration));
  }
  const { rules, mode, parsing_configuration: parsing } = configuration;
  if (rules === undefined) errors.push(issue([...at, "rules"], "Field required", "missing", configuration));
  else if (!Array.isArray(rules)) errors.push(issue([...at, "rules"], "Input should be a valid list", "list_type", rules));
  else if (rules.length === 0) {
    errors.push(issue([...at, "rules"], "List should have at least 1 item after validation, not 0", "too_short", rules,
      { field_type: "List", min_length: 1, actual_length: 0 }));
  } else {
    rules.forEach((rule, i) => {
      const loc = [...at, "rules", i];
      if (!isObject(rule)) return errors.push(issue(loc, "Input should be a valid dictionary or instance of ClassifyV2Rule", "model_type", rule));
      checkLength(errors, [...loc, "type"], rule.type, 1, 50);
      checkLength(errors, [...loc, "description"], rule.description, 10, 2000);
    });
  }
  if (mode !== undefined && mode !== "FAST") {
    errors.push(issue([...at, "mode"], "Input should be 'FAST'", "literal_error", mode, { expected: "'FAST'" }));
  }
  if (parsing !== undefined && parsing !== null) {
    const ploc = [...at, "parsing_configuration"];
    if (!isObject(parsing)) {
      errors.push(issue(ploc, "Input should be a valid dictionary or instance of ClassifyV2ParsingConfiguration", "model_type", parsing));
    } else {
      if (parsing.lang !== undefined && typeof parsing.lang !== "string") {
        errors.push(issue([...ploc, "lang"], "Input should be a valid string", "string_type", parsing.lang));
      }
      if (parsing.target_pages !== undefined && parsing.target_pages !== null && typeof parsing.target_pages !== "string") {
        errors.push(issue([...ploc, "target_pages"], "Input should be a valid string", "string_type", parsing.target_pages));
      }
      const max = parsing.max_pages;
      if (max !== undefined && max !== null) {
        if (!Number.isInteger(max)) errors.push(issue([...ploc, "max_pages"], "Input should be a valid integer", "int_type", max));
        else if (max < 1) {
          errors.push(issue([...ploc, "max_pages"], "Input should be greater than or equal to 1", "greater_than_equal", max, { ge: 1 }));
        }
      }
    }
  }
}

/** Validates a ClassifyV2JobCreateRequest; returns the 422 entries (empty when valid). */
export function validateCreate(body) {
  const errors = [];
  checkOptionalString(errors, body, "file_input", 200);
  checkOptionalString(errors, body, "file_id");
  checkOptionalString(errors, body, "parse_job_id");
  checkOptionalString(errors, body, "configuration_id");
  checkOptionalString(errors, body, "transaction_id", 255);
  if (body.configuration !== undefined && body.configuration !== null) checkConfiguration(errors, body.configuration);
  if (body.webhook_configuration_ids != null && !Array.isArray(body.webhook_configuration_ids)) {
    errors.push(issue(["body", "webhook_configuration_ids"], "Input should be a valid list", "list_type", body.webhook_configuration_ids));
  }
  if (body.webhook_configurations != null) {
    if (!Array.isArray(body.webhook_configurations)) {
      errors.push(issue(["body", "webhook_configurations"], "Input should be a valid list", "list_type", null));
    } else {
      body.webhook_configurations.forEach((config, i) => errors.push(...webhookIssues(config, ["body", "webhook_configurations", i])));
    }
  }
  if (errors.length) return errors;
  // Model-level checks run once every field is valid (as a pydantic model validator does).
  if (!body.file_input && !body.file_id && !body.parse_job_id) {
    errors.push(issue(["body"], "Value error, file_input is required", "value_error", body, { error: {} }));
  }
  const inline = body.configuration !== undefined && body.configuration !== null;
  const saved = typeof body.configuration_id === "string" && body.configuration_id !== "";
  if (inline === saved) {
    errors.push(issue(["body"], "Value error, provide exactly one of configuration or configuration_id", "value_error", body, { error: {} }));
  }
  return errors;
}

function inputTypeOf(fileInput) {
  if (fileInput.startsWith("dfl-")) return "file_id";
  if (fileInput.startsWith("pjb-")) return "parse_job_id";
  return "url";
}

/** The configuration a job keeps: the rules as sent (known fields only), mode "FAST" by default. */
function normalizedConfiguration(configuration) {
  return {
    rules: configuration.rules.map(({ type, description }) => ({ type, description })),
    mode: configuration.mode ?? "FAST",
    parsing_configuration: configuration.parsing_configuration ?? null,
  };
}

/**
 * POST /api/v2/classify
 *
 * JSON ClassifyV2JobCreateRequest → 200 ClassifyV2JobResponse (PENDING), 422 otherwise. A
 * transaction_id already used in the project answers the original job and creates nothing.
 * `file_input` starting with `fault-503once-`: 503 on the first POST with that transaction_id
 * (or, without one, that file_input), then a normal create. `file_input` containing `fail`:
 * the job ends FAILED.
 */
export async function createJob(req, res, ctx) {
  const state = ctx.state.llamacloud;
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.tooLarge) return sendTooLarge(res);
  if (read.aborted) return;
  const type = mediaType(req.headers["content-type"]);
  const text = read.body.toString("utf8");
  if (type !== "application/json" && !type.endsWith("+json")) {
    return send(res, 422, validationError([issue(["body"], "Input should be a valid dictionary or object to extract fields from",
      "model_attributes_type", text.slice(0, 200))]));
  }
  if (text.trim() === "") return send(res, 422, validationError([issue(["body"], "Field required", "missing", null)]));
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return send(res, 422, validationError([issue(["body", 0], "JSON decode error", "json_invalid", {}, { error: String(parsed.error.message) })]));
  }
  const body = parsed.value;
  if (!isObject(body)) {
    return send(res, 422, validationError([issue(["body"], "Input should be a valid dictionary or object to extract fields from",
      "model_attributes_type", body)]));
  }
  const errors = validateCreate(body);
  if (errors.length) return send(res, 422, validationError(errors));

  if (refuseOverLimit(req, res)) return;
  const projectId = ctx.url.searchParams.get("project_id") || DEFAULT_PROJECT_ID;
  const fileInput = body.file_input || body.file_id || body.parse_job_id;
  const transactionId = body.transaction_id ?? null;
  const txKey = transactionId !== null ? `${projectId}\n${transactionId}` : null;
  if (txKey !== null && state.transactions.has(txKey)) {
    return send(res, 200, createdView(state.jobs.get(state.transactions.get(txKey))));
  }
  if (fileInput.startsWith("fault-503once-")) {
    const faultKey = txKey !== null ? `tx:${txKey}` : `input:${fileInput}`;
    if (!state.createFaults.has(faultKey)) {
      state.createFaults.add(faultKey);
      return send(res, 503, { detail: "Service unavailable" });
    }
  }
  const rec = {
    id: `clj-${randomUUID()}`,
    seq: ++state.seq,
    createdAt: Date.now(),
    cancelledAt: null,
    project_id: projectId,
    file_input: fileInput,
    document_input_type: inputTypeOf(fileInput),
    parse_job_id: fileInput.startsWith("pjb-") ? fileInput : null,
    configuration: body.configuration ? normalizedConfiguration(body.configuration) : structuredClone(SAVED_CONFIGURATION),
    configuration_id: body.configuration ? null : body.configuration_id,
    transaction_id: transactionId,
    fail: fileInput.includes("fail"),
  };
  rec.webhooks = webhooksOf(ctx.state.webhooks, body);
  state.jobs.set(rec.id, rec);
  countCreated(req);
  if (txKey !== null) state.transactions.set(txKey, rec.id);
  send(res, 200, createdView(rec));
  if (rec.webhooks.length) scheduleDeliveries(ctx.state.webhooks, rec);
}

/** Delivers each state a created job reaches (PENDING now, then one per phase) to its webhooks. */
function scheduleDeliveries(webhookState, rec) {
  let last = null;
  const check = () => {
    const view = createdView(rec);
    if (view.status !== last && !rec.deleted) {
      last = view.status;
      deliverState(webhookState, rec.webhooks, view);
    }
  };
  rec.deliverNow = check;
  check();
  for (let phase = 1; phase <= 2; phase++) later(webhookState, rec.createdAt + phase * PHASE_MS + 5 - Date.now(), check);
}

/**
 * DELETE /api/v2/classify/{job_id}
 *
 * A created job that is COMPLETED, FAILED or CANCELLED is removed: 200 `{ id, project_id }`;
 * one still PENDING or RUNNING is refused with 400. A fixed fixture job that is terminal answers
 * 200 but stays (other tests read it); one in progress is refused. Unknown → 404.
 */
export function deleteJob(req, res, ctx) {
  const state = ctx.state.llamacloud;
  const id = ctx.params[0];
  const job = jobFor(state, id);
  if (!job) return send(res, 404, NOT_FOUND);
  if (!TERMINAL.has(job.status)) return send(res, 400, { detail: "Only a completed, failed or cancelled job can be deleted; cancel it first" });
  if (state.jobs.has(id)) {
    state.jobs.get(id).deleted = true;
    state.jobs.delete(id);
  }
  send(res, 200, { id: job.id, project_id: job.project_id });
}

/** A created job as the API shows it now, or undefined (for the stand-in of the worker's stream). */
export function createdJob(state, id) {
  const rec = state.jobs.get(id);
  return rec ? createdView(rec) : undefined;
}

/** The created jobs, for GET /__emulator/llamacloud/jobs. */
export function createdJobs(state) {
  return [...state.jobs.values()].map((rec) => ({
    id: rec.id,
    project_id: rec.project_id,
    file_input: rec.file_input,
    transaction_id: rec.transaction_id,
    configuration_id: rec.configuration_id,
    status: createdStatus(rec).status,
    created_at: iso(rec.createdAt),
  }));
}

/**
 * POST /api/v2/classify/{job_id}/cancel
 *
 * 200 with the job CANCELLED (created and `clj-progress-*` jobs stay CANCELLED); a job already
 * COMPLETED/FAILED/CANCELLED (or in a status this emulator does not know) comes back unchanged.
 * The fixed fixture jobs (JOBS, SEED_JOBS) are shared by every test, so a cancel of a pending or
 * running one answers it CANCELLED without changing what later GETs show. `fault-<name>-…` ids
 * run their scenario, with the CANCELLED job as the good answer. Unknown → 404.
 */
export function cancelJob(req, res, ctx) {
  const state = ctx.state.llamacloud;
  const id = ctx.params[0];
  const cancelledNow = (job) => ({ ...job, status: "CANCELLED", updated_at: iso(Date.now()) });
  if (runFault(req, res, id, ctx, progressingJob(id, "CANCELLED"))) return;
  const job = jobFor(state, id);
  if (!job) return send(res, 404, NOT_FOUND);
  if (TERMINAL.has(job.status) || !STATUSES.includes(job.status)) return send(res, 200, job);
  if (state.jobs.has(id)) {
    const rec = state.jobs.get(id);
    rec.cancelledAt = Date.now();
    send(res, 200, createdView(rec));
    rec.deliverNow?.();
    return;
  }
  if (state.progressStart.has(id)) {
    state.progressCancelled.set(id, Date.now());
    return send(res, 200, jobFor(state, id));
  }
  send(res, 200, cancelledNow(job));
}

// ---- list ----------------------------------------------------------------------------------------

/** Fixed jobs that `GET /api/v2/classify` lists (the drift fixtures are not listed). */
const LISTED_FIXTURES = [
  ...Object.values(JOBS).filter((job) => !DRIFT_JOB_IDS.has(job.id)),
  ...Object.values(SEED_JOBS),
];

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 date-time (no zone = UTC); NaN when it is not one. */
function parseDateTime(text) {
  if (!ISO_DATE_TIME.test(text)) return NaN;
  let normalized = text.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(normalized)) normalized += "Z";
  // JavaScript keeps milliseconds only: trim longer fractions.
  normalized = normalized.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(normalized);
}

/**
 * GET /api/v2/classify
 *
 * ClassifyV2JobQueryResponse over the project's created jobs, the listable fixture jobs and the
 * 120 seed jobs, newest first (ties: later-created first, then id). Query: page_size 1–100
 * (default 50), page_token (anything but a token this list made is 400), status, job_ids
 * (repeatable), configuration_id, created_at_on_or_after / created_at_on_or_before (ISO),
 * project_id. A token names the last job of its page (a keyset, not an offset), so a job that
 * leaves or joins the filter while a caller pages (a status changing) neither repeats nor
 * shifts the jobs after it.
 */
export function listJobs(req, res, ctx) {
  const state = ctx.state.llamacloud;
  const query = ctx.url.searchParams;
  const errors = [];
  let pageSize = 50;
  const rawSize = query.get("page_size");
  if (rawSize !== null && rawSize !== "") {
    if (!/^[+-]?\d+$/.test(rawSize.trim())) {
      errors.push(issue(["query", "page_size"], "Input should be a valid integer, unable to parse string as an integer", "int_parsing", rawSize));
    } else {
      pageSize = Number(rawSize);
      if (pageSize < 1) errors.push(issue(["query", "page_size"], "Input should be greater than or equal to 1", "greater_than_equal", rawSize, { ge: 1 }));
      else if (pageSize > 100) errors.push(issue(["query", "page_size"], "Input should be less than or equal to 100", "less_than_equal", rawSize, { le: 100 }));
    }
  }
  const status = query.get("status");
  if (status !== null && !STATUSES.includes(status)) {
    errors.push(issue(["query", "status"], "Input should be 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED' or 'CANCELLED'", "enum", status,
      { expected: "'PENDING', 'RUNNING', 'COMPLETED', 'FAILED' or 'CANCELLED'" }));
  }
  const bounds = {};
  for (const key of ["created_at_on_or_after", "created_at_on_or_before"]) {
    const raw = query.get(key);
    if (raw === null) continue;
    const ms = parseDateTime(raw);
    if (Number.isNaN(ms)) errors.push(issue(["query", key], "Input should be a valid datetime", "datetime_parsing", raw));
    else bounds[key] = ms;
  }
  if (errors.length) return send(res, 422, validationError(errors));

  let after = null;
  const token = query.get("page_token");
  if (token) {
    const match = /^at-(\d{1,15})\.(\d{1,9})\.([A-Za-z0-9_-]{1,1400})$/.exec(token);
    if (!match) return send(res, 400, { detail: "Invalid page token" });
    after = { created: Number(match[1]), order: Number(match[2]), job: { id: Buffer.from(match[3], "base64url").toString("utf8") } };
  }

  const projectId = query.get("project_id") || DEFAULT_PROJECT_ID;
  const jobIds = query.getAll("job_ids");
  const configurationId = query.get("configuration_id");
  const entries = [
    ...LISTED_FIXTURES.map((job) => ({ job, order: 0 })),
    ...[...state.jobs.values()].map((rec) => ({ job: createdView(rec), order: rec.seq })),
  ].map((entry) => ({ ...entry, created: Date.parse(entry.job.created_at) }));
  const matching = entries.filter(({ job, created }) =>
    job.project_id === projectId &&
    (status === null || job.status === status) &&
    (jobIds.length === 0 || jobIds.includes(job.id)) &&
    (configurationId === null || job.configuration_id === configurationId) &&
    (bounds.created_at_on_or_after === undefined || created >= bounds.created_at_on_or_after) &&
    (bounds.created_at_on_or_before === undefined || created <= bounds.created_at_on_or_before));
  const newestFirst = (a, b) => b.created - a.created || b.order - a.order || (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0);
  matching.sort(newestFirst);
  let start = 0;
  if (after) {
    start = matching.findIndex((entry) => newestFirst(entry, after) > 0);
    if (start < 0) start = matching.length;
  }
  const end = Math.min(start + pageSize, matching.length);
  const body = { items: matching.slice(start, end).map((e) => e.job), total_size: matching.length };
  if (end < matching.length) {
    const last = matching[end - 1];
    body.next_page_token = `at-${last.created}.${last.order}.${Buffer.from(last.job.id, "utf8").toString("base64url")}`;
  }
  send(res, 200, body);
}

// ---- files ---------------------------------------------------------------------------------------

/**
 * POST /api/v1/beta/files (multipart/form-data: `file`, `purpose`, optional `external_file_id`)
 *
 * 200 with the file's metadata (`dfl-<uuid>`), recorded for GET /__emulator/files. A missing
 * file or purpose (or a purpose not in FILE_PURPOSES) is 422; a malformed body 400. A file named
 * `fault-503once…` gets 503 (Retry-After: 1) on its first upload, then succeeds; one named
 * `fault-500…` always gets 500.
 */
export async function uploadFile(req, res, ctx) {
  const state = ctx.state.llamacloud;
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.tooLarge) return sendTooLarge(res);
  if (read.aborted) return;
  let form = { fields: {}, files: {} };
  if (mediaType(req.headers["content-type"]) === "multipart/form-data") {
    try {
      form = formOf(parseMultipart(read.body, req.headers["content-type"]));
    } catch (error) {
      if (error instanceof MultipartError) return send(res, 400, { detail: "There was an error parsing the body" });
      throw error;
    }
  }
  const errors = [];
  const file = form.files.file;
  if (!file) {
    errors.push("file" in form.fields
      ? issue(["body", "file"], "Value error, Expected UploadFile, received: <class 'str'>", "value_error", form.fields.file, { error: {} })
      : issue(["body", "file"], "Field required", "missing", null));
  }
  const purpose = form.fields.purpose;
  if (purpose === undefined) errors.push(issue(["body", "purpose"], "Field required", "missing", null));
  else if (!FILE_PURPOSES.includes(purpose)) {
    errors.push(issue(["body", "purpose"], `Value error, purpose must be one of: ${FILE_PURPOSES.join(", ")}`, "value_error", purpose, { error: {} }));
  }
  if (errors.length) return send(res, 422, validationError(errors));

  const name = file.filename;
  if (name.startsWith("fault-500")) return send(res, 500, { detail: "Internal error" });
  if (name.startsWith("fault-503once") && !state.uploadFaults.has(name)) {
    state.uploadFaults.add(name);
    return send(res, 503, { detail: "Service unavailable" }, { "retry-after": "1" });
  }
  const now = iso(Date.now());
  const dot = name.lastIndexOf(".");
  const badId = /^fault-badid-([a-z]+)/.exec(name);
  const uploaded = {
    id: badId && Object.hasOwn(BAD_IDS, badId[1]) ? BAD_IDS[badId[1]] : `dfl-${randomUUID()}`,
    name,
    project_id: ctx.url.searchParams.get("project_id") || DEFAULT_PROJECT_ID,
    file_size: file.data.length,
    file_type: dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null,
    purpose,
    external_file_id: form.fields.external_file_id ?? null,
    created_at: now,
    updated_at: now,
    last_modified_at: null,
    data_source_id: null,
    permission_info: null,
    resource_info: null,
  };
  state.files.push({
    id: uploaded.id,
    name,
    type: file.contentType || "application/octet-stream",
    size: file.data.length,
    sha256hex: createHash("sha256").update(file.data).digest("hex"),
    purpose,
    external_file_id: uploaded.external_file_id,
  });
  send(res, 200, uploaded);
}
