// A key-holding proxy for LlamaCloud and Unsiloed classification jobs, as a Cloudflare Worker.
//
// It speaks the providers' own paths, so the same classify-sdk in a browser points `baseUrl` at
// this Worker and sends no key: the keys live in Worker secrets and never reach the client.
// Every upstream call goes through classify-sdk (validated answers, retries, timeouts, typed
// errors); an upstream error is answered with the upstream status and a `{ detail }` body, so
// the browser's SDK raises the same typed error (NotFoundError, RateLimitError, …).
//
//   GET  /api/v2/classify/:id                     LlamaCloud job
//   GET  /api/v1/classifier/jobs/:id/results      LlamaCloud batch results (page_size, page_token)
//   GET  /classify/:id                            Unsiloed job
//
// Writes (and the job list) only when named in ALLOWED_ACTIONS (comma-separated; none by default):
//   list    GET  /api/v2/classify                 (status, page_size, page_token, job_ids, …)
//   create  POST /api/v2/classify                 (JSON: file_input, configuration | configuration_id, transaction_id)
//   cancel  POST /api/v2/classify/:id/cancel
//   upload  POST /api/v1/beta/files               (multipart: file, purpose, external_file_id)
//   submit  POST /classify                        (Unsiloed multipart: categories, pdf_file | file_url)
// A route whose action is not allowed answers 403; an unknown path 404; a known path with
// another method 405. CORS only for the origins in ALLOWED_ORIGINS (comma-separated, exact
// `scheme://host[:port]`): a request or preflight from any other origin gets 403 and no CORS
// headers. A caller's own `Authorization`, `api-key` or cookies are never forwarded: the SDK
// builds every upstream request from the bindings alone.
//
// Bindings: LLAMA_CLOUD_API_KEY, UNSILOED_API_KEY (secrets); LLAMA_CLOUD_BASE_URL,
// UNSILOED_BASE_URL, LLAMA_CLOUD_PROJECT_ID, LLAMA_CLOUD_ORGANIZATION_ID, ALLOWED_ORIGINS,
// ALLOWED_ACTIONS, BASE_PATH (serve under a path prefix, e.g. "/proxy"), UPSTREAM_TIMEOUT_MS
// (per attempt, default 15000) (vars).
import { ClassifyClient, UnsiloedClient } from "classify-sdk";
import { liveEvents, receiveWebhook } from "./live.js";

// Live status (live.js): the Durable Object class, exported for the JOB_WATCH binding.
export { JobWatch } from "./live.js";

const ACTIONS = ["list", "create", "cancel", "upload", "submit"];
/** Headers a browser may send (preflight); Authorization and api-key are accepted and dropped. */
const ALLOW_HEADERS = "accept, content-type, idempotency-key, authorization, api-key";
const EXPOSE_HEADERS = "x-request-id, retry-after, retry-after-ms";
/** Upstream headers passed back with an error answer. */
const PASSED_HEADERS = ["x-request-id", "retry-after", "retry-after-ms"];
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The routes: a name for the log, the path pattern (captures are percent-encoded path segments),
 * and each method's action (null: always allowed) and handler.
 */
const ROUTES = [
  { name: "/api/v2/classify", path: /^\/api\/v2\/classify$/, methods: { GET: ["list", listJobs], POST: ["create", createJob] } },
  { name: "/api/v2/classify/:id", path: /^\/api\/v2\/classify\/([^/]+)$/, methods: { GET: [null, getLlamaCloudJob] } },
  { name: "/api/v2/classify/:id/cancel", path: /^\/api\/v2\/classify\/([^/]+)\/cancel$/, methods: { POST: ["cancel", cancelJob] } },
  { name: "/api/v1/classifier/jobs/:id/results", path: /^\/api\/v1\/classifier\/jobs\/([^/]+)\/results$/, methods: { GET: [null, listResults] } },
  { name: "/api/v1/beta/files", path: /^\/api\/v1\/beta\/files$/, methods: { POST: ["upload", uploadFile] } },
  { name: "/classify", path: /^\/classify$/, methods: { POST: ["submit", submitUnsiloed] } },
  { name: "/classify/:id", path: /^\/classify\/([^/]+)$/, methods: { GET: [null, getUnsiloedJob] } },
  { name: "/jobs/:id/events", path: /^\/jobs\/([^/]+)\/events$/, methods: { GET: [null, liveEvents] } },
  { name: "/webhooks/llamacloud", path: /^\/webhooks\/llamacloud$/, methods: { POST: [null, receiveWebhook] } },
];

/** An error this Worker answers itself (not an upstream one). */
class ProxyError extends Error {
  constructor(status, detail, headers = {}) {
    super(typeof detail === "string" ? detail : "proxy error");
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

const list = (text) => String(text || "").split(",").map((s) => s.trim()).filter(Boolean);

/** The settings read from the bindings (cheap: done per request, nothing cached across envs). */
function settingsOf(env) {
  const timeout = Number(env.UPSTREAM_TIMEOUT_MS);
  const actions = new Set(list(env.ALLOWED_ACTIONS).map((a) => a.toLowerCase()));
  if (actions.has("*")) ACTIONS.forEach((a) => actions.add(a));
  return {
    origins: new Set(list(env.ALLOWED_ORIGINS)),
    actions,
    basePath: String(env.BASE_PATH || "").replace(/\/+$/, ""),
    timeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : 15_000,
    secrets: [env.LLAMA_CLOUD_API_KEY, env.UNSILOED_API_KEY].filter((k) => typeof k === "string" && k.length >= 4),
  };
}

function llamaCloud(env, settings) {
  if (!env.LLAMA_CLOUD_API_KEY) throw new ProxyError(404, "LlamaCloud is not configured on this proxy");
  const options = { apiKey: env.LLAMA_CLOUD_API_KEY, timeoutMs: settings.timeoutMs };
  if (env.LLAMA_CLOUD_BASE_URL) options.baseUrl = env.LLAMA_CLOUD_BASE_URL;
  if (env.LLAMA_CLOUD_PROJECT_ID) options.projectId = env.LLAMA_CLOUD_PROJECT_ID;
  if (env.LLAMA_CLOUD_ORGANIZATION_ID) options.organizationId = env.LLAMA_CLOUD_ORGANIZATION_ID;
  return new ClassifyClient(options);
}

function unsiloed(env, settings, extra = {}) {
  if (!env.UNSILOED_API_KEY) throw new ProxyError(404, "Unsiloed is not configured on this proxy");
  const options = { apiKey: env.UNSILOED_API_KEY, timeoutMs: settings.timeoutMs, ...extra };
  if (env.UNSILOED_BASE_URL) options.baseUrl = env.UNSILOED_BASE_URL;
  return new UnsiloedClient(options);
}

/** Per-call options: the caller's disconnect cancels the upstream call. */
function callOptions(request) {
  return request.signal instanceof AbortSignal ? { signal: request.signal } : {};
}

/** A path segment, decoded (the SDK encodes it again). */
function segment(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ProxyError(400, "Malformed percent-encoding in the path");
  }
}

// ---- handlers: (ctx) → [status, body] ----------------------------------------------------------

async function getLlamaCloudJob(ctx) {
  return [200, await llamaCloud(ctx.env, ctx.settings).getClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

async function listResults(ctx) {
  const options = callOptions(ctx.request);
  const query = ctx.url.searchParams;
  if (query.has("page_size")) options.page_size = intParam(query.get("page_size"), "page_size");
  if (query.get("page_token")) options.page_token = query.get("page_token");
  return [200, await llamaCloud(ctx.env, ctx.settings).listResults(segment(ctx.params[0]), options)];
}

async function getUnsiloedJob(ctx) {
  return [200, await unsiloed(ctx.env, ctx.settings).getClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

async function listJobs(ctx) {
  const query = ctx.url.searchParams;
  const options = callOptions(ctx.request);
  if (query.has("page_size")) options.page_size = intParam(query.get("page_size"), "page_size");
  for (const key of ["page_token", "status", "configuration_id", "created_at_on_or_after", "created_at_on_or_before"]) {
    if (query.get(key)) options[key] = query.get(key);
  }
  if (query.getAll("job_ids").length) options.job_ids = query.getAll("job_ids");
  return [200, await llamaCloud(ctx.env, ctx.settings).listClassifyJobs(options)];
}

async function createJob(ctx) {
  const body = await jsonBody(ctx.request);
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ProxyError(422, [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "model_attributes_type" }]);
  }
  // The SDK checks every field (unknown ones refused) before sending; transaction_id is kept.
  return [200, await llamaCloud(ctx.env, ctx.settings).createClassifyJob(body, callOptions(ctx.request))];
}

async function cancelJob(ctx) {
  return [200, await llamaCloud(ctx.env, ctx.settings).cancelClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

async function uploadFile(ctx) {
  const form = await formBody(ctx.request);
  const file = form.get("file");
  if (!file || typeof file === "string") throw new ProxyError(422, [{ loc: ["body", "file"], msg: "Field required", type: "missing" }]);
  const options = callOptions(ctx.request);
  for (const key of ["purpose", "external_file_id"]) {
    const value = form.get(key);
    if (typeof value === "string" && value !== "") options[key] = value;
  }
  return [200, await llamaCloud(ctx.env, ctx.settings).uploadFile(file, options)];
}

async function submitUnsiloed(ctx) {
  const form = await formBody(ctx.request);
  let categories;
  try {
    categories = JSON.parse(String(form.get("categories") ?? ""));
  } catch {
    throw new ProxyError(400, "Invalid categories format. Must be a valid JSON string.");
  }
  const submission = { categories };
  const file = form.get("pdf_file");
  const fileUrl = form.get("file_url");
  if (file && typeof file !== "string") submission.file = file;
  if (typeof fileUrl === "string" && fileUrl !== "") submission.fileUrl = fileUrl;
  // The caller's Idempotency-Key goes upstream (the SDK makes one per call otherwise), so a
  // browser that retries a submission through this proxy still creates one job.
  const key = ctx.request.headers.get("idempotency-key");
  const extra = {};
  if (key !== null) {
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ProxyError(400, "Invalid Idempotency-Key header");
    extra.fetch = (input, init) => {
      const headers = new Headers(init.headers);
      headers.set("idempotency-key", key);
      return fetch(input, { ...init, headers });
    };
  }
  return [202, await unsiloed(ctx.env, ctx.settings, extra).submitClassification(submission, callOptions(ctx.request))];
}

function intParam(text, name) {
  if (!/^\d{1,9}$/.test(text)) {
    throw new ProxyError(422, [{ loc: ["query", name], msg: "Input should be a valid integer", type: "int_parsing" }]);
  }
  return Number(text);
}

/** Reads a body up to `limit` bytes (413 beyond). */
async function boundedBody(request, limit) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new ProxyError(413, `Request body too large (limit ${limit} bytes)`);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > limit) throw new ProxyError(413, `Request body too large (limit ${limit} bytes)`);
  return buffer;
}

async function jsonBody(request) {
  const type = (request.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new ProxyError(415, "Send the body as application/json");
  const text = new TextDecoder().decode(await boundedBody(request, MAX_JSON_BYTES));
  try {
    return JSON.parse(text);
  } catch {
    throw new ProxyError(422, [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }]);
  }
}

async function formBody(request) {
  const type = (request.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") throw new ProxyError(415, "Send the body as multipart/form-data");
  const buffer = await boundedBody(request, MAX_UPLOAD_BYTES);
  try {
    return await new Response(buffer, { headers: { "content-type": request.headers.get("content-type") } }).formData();
  } catch {
    throw new ProxyError(400, "There was an error parsing the body");
  }
}

// ---- answers -------------------------------------------------------------------------------------

/** The status and `{ detail }` an error is answered with, and the headers passed along. */
function errorAnswer(err) {
  if (err instanceof ProxyError) return [err.status, { detail: err.detail }, err.headers];
  const name = err && typeof err === "object" ? err.name : undefined;
  if (typeof err?.status === "number" && err.status >= 400 && err.status <= 599 && name !== "JobFailedError") {
    // An upstream HTTP error: its status, its `detail` (err.body, already scrubbed of the key by
    // the SDK), its request id and retry delay.
    const headers = {};
    for (const h of PASSED_HEADERS) {
      const value = err.headers?.[h] ?? (h === "x-request-id" ? err.requestId : undefined);
      if (typeof value === "string" && value.length <= 1024) headers[h] = value;
    }
    return [err.status, { detail: err.body ?? err.message }, headers];
  }
  switch (name) {
    case "InvalidArgumentError": // a parameter the SDK refused before sending, as the API's 422
      return [422, { detail: [{ loc: String(err.argument || "").split("."), msg: err.message, type: "value_error" }] }, {}];
    case "TimeoutError":
      return [504, { detail: "The upstream API did not answer in time" }, {}];
    case "ConnectionError":
      return [502, { detail: "The upstream API could not be reached" }, {}];
    case "DecodeError":
      return [502, { detail: `The upstream API answered unexpectedly${err.field ? ` (${err.field})` : ""}` }, {}];
    case "AbortError":
      return [499, { detail: "The request was cancelled" }, {}];
    default:
      return [500, { detail: "Internal proxy error" }, {}];
  }
}

/** Replaces every secret in `text` (defence in depth: the SDK already scrubs its own key). */
function scrub(text, secrets) {
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  return text;
}

function answer(status, body, headers, ctx) {
  const h = new Headers({ "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers, ...ctx.cors });
  for (const [name, value] of [...h]) h.set(name, scrub(value, ctx.settings.secrets));
  if (body === null) return new Response(null, { status, headers: h });
  h.set("content-type", "application/json");
  return new Response(scrub(JSON.stringify(body), ctx.settings.secrets), { status, headers: h });
}

function corsHeaders(origin, allowed) {
  if (origin === null || !allowed) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSE_HEADERS, vary: "origin" };
}

export default {
  async fetch(request, env) {
    const started = Date.now();
    const settings = settingsOf(env);
    const url = new URL(request.url);
    const origin = request.headers.get("origin");
    const originAllowed = origin !== null && settings.origins.has(origin);
    const ctx = { request, env, url, settings, params: [], cors: corsHeaders(origin, originAllowed) };
    let route = "-";
    let response;
    try {
      response = await serve(ctx, (label) => { route = label; });
    } catch (err) {
      const [status, body, headers] = errorAnswer(err);
      response = answer(status, body, headers, ctx);
      // One line per failure: the error's name, never a key, a header or a body.
      console.log(`proxy ${request.method} ${route} ${status} ${err?.name || "Error"} ${Date.now() - started}ms`);
      return response;
    }
    console.log(`proxy ${request.method} ${route} ${response.status} ${Date.now() - started}ms`);
    return response;
  },
};

async function serve(ctx, label) {
  const { request, settings, url } = ctx;
  const origin = request.headers.get("origin");
  if (origin !== null && !settings.origins.has(origin)) {
    label("origin");
    ctx.cors = {};
    throw new ProxyError(403, "Origin not allowed");
  }
  let path = url.pathname;
  if (settings.basePath) {
    if (path !== settings.basePath && !path.startsWith(`${settings.basePath}/`)) throw new ProxyError(404, "Not Found");
    path = path.slice(settings.basePath.length) || "/";
  }
  let match = null;
  const found = ROUTES.find((r) => (match = r.path.exec(path)));
  if (!found) throw new ProxyError(404, "Not Found");
  label(found.name);

  if (request.method === "OPTIONS") {
    if (origin === null) throw new ProxyError(403, "Origin not allowed");
    return answer(204, null, {
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": ALLOW_HEADERS,
      "access-control-max-age": "600",
    }, ctx);
  }
  if (!Object.hasOwn(found.methods, request.method)) {
    throw new ProxyError(405, "Method Not Allowed", { allow: Object.keys(found.methods).join(", ") });
  }
  const [action, handler] = found.methods[request.method];
  if (action !== null && !settings.actions.has(action)) {
    throw new ProxyError(403, `This proxy does not allow "${action}" (add it to ALLOWED_ACTIONS)`);
  }
  ctx.params = match.slice(1);
  const result = await handler(ctx);
  if (result instanceof Response) return result; // a stream (live.js) is answered as it is
  const [status, body] = result;
  return answer(status, body, {}, ctx);
}
