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
// (per attempt, default 15000) (vars); PROXY_TOKEN_SECRET (secret), PROXY_TOKEN_SECRETS_OLD
// (comma-separated secrets in rotation, still accepted); RATE_LIMITER (a Durable Object
// namespace of the RateLimiter class below; absent: no limit), RATE_LIMIT_PER_MINUTE
// (default 120, per client: the token's subject, else the caller's IP, else "anonymous");
// live status (live.js): JOB_WATCH (a Durable Object namespace of its JobWatch class),
// LLAMA_CLOUD_WEBHOOK_SECRET, LLAMA_CLOUD_WEBHOOK_SECRETS_OLD, LIVE_FALLBACK_POLL_MS.
//
// Who is served: a request with an allowed Origin (a browser; CORS) as above; one with another
// Origin gets 403; one with no Origin (curl, a backend) must present a proxy token minted by
// `mintProxyToken` under PROXY_TOKEN_SECRET, as `Authorization: Bearer <token>`, `api-key:
// <token>` or `?token=<token>` (EventSource). Scope "read" allows the read routes and the list,
// "write" also the write actions (which ALLOWED_ACTIONS must still name); a token with a jobId
// allows only routes whose :id is that job. A browser may send a token too (its limits apply);
// a browser's Authorization that is not a token is ignored. The one exception is
// POST /webhooks/llamacloud: LlamaCloud sends neither Origin nor token, so a delivery is
// authorized by its signature alone (live.js), and is not counted by the rate limiter.
//
// Live status (live.js):
//   GET  /jobs/:id/events          Server-Sent Events of the job (authorized like the reads)
//   POST /webhooks/llamacloud      a signed LlamaCloud delivery, handed to the job's JobWatch
import { ClassifyClient, UnsiloedClient, verifyProxyToken } from "classify-sdk";
import { liveEvents, receiveWebhook } from "./live.js";
import { boundedBytes } from "./body.js";
import { scrub, secretsOf } from "./secrets.js";

// Live status (live.js): the Durable Object class, exported for the JOB_WATCH binding.
export { JobWatch } from "./live.js";

const ACTIONS = ["list", "create", "cancel", "upload", "submit"];
/** Headers a browser may send (preflight); Authorization and api-key are accepted and dropped. */
const ALLOW_HEADERS = "accept, content-type, idempotency-key, authorization, api-key";
const EXPOSE_HEADERS = "x-request-id, retry-after, retry-after-ms, x-proxy-cache";
/** Upstream headers passed back with an error answer. */
const PASSED_HEADERS = ["x-request-id", "retry-after", "retry-after-ms"];
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Characters of a proxy token read at most (longer: malformed, never parsed). */
const MAX_TOKEN_CHARS = 4096;
/** Prefix every proxy token starts with (a browser's other Authorization is ignored). */
const TOKEN_PREFIX = "cst1.";
/** Requests per client per minute when RATE_LIMIT_PER_MINUTE is not set; and the highest limit. */
const DEFAULT_RATE_LIMIT = 120;
const MAX_RATE_LIMIT = 10_000;
/** Characters of a client key (subject or IP) kept. */
const MAX_CLIENT_KEY_CHARS = 200;
/** Cache lifetimes (s): terminal jobs, results pages, and an Unsiloed answer's cap when no signed URL's expiry is known. */
const JOB_TTL_S = 3600;
const RESULTS_TTL_S = 600;
const UNKNOWN_SIGNED_TTL_S = 3000;
/** Wire statuses after which a job never changes (LlamaCloud v2; Unsiloed). */
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "completed", "failed", "cancelled"]);
/** Routes answered from the Cache API when it exists: how long each kind of answer may be kept. */
const CACHED = {
  "/api/v2/classify/:id": (body) => (TERMINAL.has(body?.status) ? JOB_TTL_S : 0),
  "/api/v1/classifier/jobs/:id/results": () => RESULTS_TTL_S,
  "/classify/:id": (body, text) => (TERMINAL.has(body?.status) ? Math.min(JOB_TTL_S, signedUrlTtl(text)) : 0),
};
/** URLs inspected at most in one answer for a signed URL's expiry. */
const MAX_URLS_CHECKED = 200;
/** Actions a "read" token may use (everything else with an action needs "write"). */
const READ_ACTIONS = new Set([null, "list"]);

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
  // Signed by LlamaCloud (LC-Signature): neither an Origin nor a proxy token is asked for.
  { name: "/webhooks/llamacloud", path: /^\/webhooks\/llamacloud$/, signed: true, methods: { POST: [null, receiveWebhook] } },
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
    rateLimit: rateLimitOf(env.RATE_LIMIT_PER_MINUTE),
    tokenSecret: typeof env.PROXY_TOKEN_SECRET === "string" && env.PROXY_TOKEN_SECRET !== "" ? env.PROXY_TOKEN_SECRET : null,
    oldTokenSecrets: list(env.PROXY_TOKEN_SECRETS_OLD).slice(0, 7),
    secrets: secretsOf(env),
  };
}

/** RATE_LIMIT_PER_MINUTE as a whole number from 1 to MAX_RATE_LIMIT (the default otherwise). */
function rateLimitOf(text) {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_RATE_LIMIT) : DEFAULT_RATE_LIMIT;
}

/** The client a request counts against: the token's subject, else the caller's IP, else "anonymous". */
function clientKeyOf(ctx) {
  if (ctx.auth?.subject) return `sub:${ctx.auth.subject.slice(0, MAX_CLIENT_KEY_CHARS)}`;
  const headers = ctx.request.headers;
  const ip = (headers.get("cf-connecting-ip") || (headers.get("x-forwarded-for") || "").split(",")[0] || "").trim().slice(0, 64);
  return ip ? `ip:${ip}` : "anonymous";
}

/**
 * Counts the request against its client in the RATE_LIMITER Durable Object (one object per
 * client key); over the limit → 429 with Retry-After. No binding: no limit. A limiter that
 * fails lets the request through (logged, without the key).
 */
async function rateLimit(ctx) {
  const namespace = ctx.env.RATE_LIMITER;
  if (!namespace || typeof namespace.idFromName !== "function") return;
  let verdict;
  try {
    const stub = namespace.get(namespace.idFromName(clientKeyOf(ctx)));
    const res = await stub.fetch(`https://rate-limiter/?limit=${ctx.settings.rateLimit}`, { method: "POST" });
    verdict = await res.json();
  } catch (err) {
    console.log(`proxy rate limiter unavailable ${err?.name || "Error"}`);
    return;
  }
  if (verdict && verdict.allowed === false) {
    const retryAfter = String(Math.max(1, Math.min(60, Math.ceil(Number(verdict.retryAfter) || 60))));
    throw new ProxyError(429, `Too many requests: at most ${ctx.settings.rateLimit} a minute (retry after ${retryAfter} s)`, { "retry-after": retryAfter });
  }
}

/**
 * A sliding-window request counter for one client (a Durable Object; one per client key).
 * Memory only: the timestamps of the last minute's requests (at most the limit), no storage;
 * an evicted object simply starts counting again.
 */
export class RateLimiter {
  /** The object's state is not used: nothing is stored. */
  constructor(state, env) {
    this.hits = [];
  }

  /** POST ?limit=N → `{ allowed, retryAfter }` (seconds until a slot frees up). */
  async fetch(request) {
    const limit = rateLimitOf(new URL(request.url).searchParams.get("limit"));
    const now = Date.now();
    while (this.hits.length && this.hits[0] <= now - 60_000) this.hits.shift();
    if (this.hits.length > limit) this.hits.splice(0, this.hits.length - limit);
    if (this.hits.length >= limit) {
      return Response.json({ allowed: false, retryAfter: Math.ceil((this.hits[0] + 60_000 - now) / 1000) });
    }
    this.hits.push(now);
    return Response.json({ allowed: true });
  }
}

/**
 * Seconds until the earliest expiry of a signed URL in `text` (S3 / GCS `X-*-Date` +
 * `X-*-Expires`, or an epoch `Expires`): UNKNOWN_SIGNED_TTL_S when none says; 0 when one has
 * (nearly) expired.
 */
function signedUrlTtl(text, now = Date.now()) {
  let earliest = Infinity;
  const urls = text.match(/https?:\/\/[^"\s]{1,4096}/g) || [];
  for (const raw of urls.slice(0, MAX_URLS_CHECKED)) {
    let query;
    try {
      query = new URL(raw.replace(/\\u0026/g, "&")).searchParams;
    } catch {
      continue;
    }
    for (const vendor of ["amz", "goog"]) {
      const date = query.get(`X-${vendor === "amz" ? "Amz" : "Goog"}-Date`);
      const expires = Number(query.get(`X-${vendor === "amz" ? "Amz" : "Goog"}-Expires`));
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date || "");
      if (m && Number.isFinite(expires)) earliest = Math.min(earliest, Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6]) + expires * 1000);
    }
    const epoch = Number(query.get("Expires"));
    if (Number.isInteger(epoch) && epoch > 1e9) earliest = Math.min(earliest, epoch * 1000);
  }
  if (earliest === Infinity) return UNKNOWN_SIGNED_TTL_S;
  return Math.max(0, Math.floor((earliest - now) / 1000) - 60);
}

/** SHA-256 of a text, as hex (Web Crypto). */
async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The cache key of a read: a URL holding a hash of the upstream key, base URL and
 * project/org (the tenant) and a hash of the caller's token subject and job, so no answer is
 * shared across keys or tokens; then the route's path and, for results pages, their paging.
 */
async function cacheKeyOf(ctx, path) {
  const env = ctx.env;
  const unsiloedRoute = path.startsWith("/classify/");
  const tenant = unsiloedRoute
    ? ["unsiloed", env.UNSILOED_API_KEY, env.UNSILOED_BASE_URL]
    : ["llamacloud", env.LLAMA_CLOUD_API_KEY, env.LLAMA_CLOUD_BASE_URL, env.LLAMA_CLOUD_PROJECT_ID, env.LLAMA_CLOUD_ORGANIZATION_ID];
  const caller = ["caller", ctx.auth?.subject ?? "", ctx.auth?.jobId ?? ""];
  const query = new URLSearchParams();
  for (const name of ["page_size", "page_token"]) if (ctx.url.searchParams.get(name)) query.set(name, ctx.url.searchParams.get(name).slice(0, 1024));
  const search = query.size ? `?${query}` : "";
  return `https://classify-proxy.cache/${await sha256Hex(JSON.stringify(tenant))}/${await sha256Hex(JSON.stringify(caller))}${path}${search}`;
}

/** The Cache API's default cache, or null where there is none (Node, a browser). */
function defaultCache() {
  return typeof caches !== "undefined" && caches && typeof caches.default?.match === "function" ? caches.default : null;
}

/**
 * The proxy token a request presents, or null: `?token=` (removed from ctx.url, so nothing
 * downstream sees it), else `Authorization: Bearer cst1.…`, else `api-key: cst1.…`. A value
 * without the token prefix is not a token (a browser's own key: ignored). Oversized values are
 * returned as they are and refused as malformed by the check, never parsed.
 */
function presentedToken(ctx) {
  const fromQuery = ctx.queryToken ?? takeQueryToken(ctx.url);
  if (fromQuery) return fromQuery.slice(0, MAX_TOKEN_CHARS + 1);
  const auth = ctx.request.headers.get("authorization") || "";
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(auth.slice(0, MAX_TOKEN_CHARS + 64));
  if (bearer && bearer[1].startsWith(TOKEN_PREFIX)) return bearer[1];
  const apiKey = (ctx.request.headers.get("api-key") || "").trim().slice(0, MAX_TOKEN_CHARS + 1);
  if (apiKey.startsWith(TOKEN_PREFIX)) return apiKey;
  return null;
}

/** Removes `?token=` from `url` (done first, so nothing else sees it) and returns it, or null. */
function takeQueryToken(url) {
  const query = url.searchParams;
  if (!query.has("token")) return null;
  const token = query.get("token");
  query.delete("token");
  return token;
}

/** A 401 with `www-authenticate: Bearer` (the detail never holds the token). */
const unauthorized = (detail) => new ProxyError(401, detail, { "www-authenticate": 'Bearer realm="classify-proxy"' });

/**
 * The caller's verified token claims `{ scope, jobId, subject }`, or null for a browser without
 * one; resolved once per request (ctx.auth). Origin-less callers must present a valid token.
 */
async function callerOf(ctx) {
  if (ctx.auth !== undefined) return ctx.auth;
  const token = presentedToken(ctx);
  const browser = ctx.request.headers.get("origin") !== null;
  if (token === null) {
    if (browser) return (ctx.auth = null);
    if (!ctx.settings.tokenSecret) throw unauthorized("This proxy takes no server-to-server calls without PROXY_TOKEN_SECRET (send an allowed Origin)");
    throw unauthorized("A proxy token is required (Authorization: Bearer <token>, api-key or ?token=)");
  }
  ctx.settings.secrets.push(token); // scrubbed from every answer from here on
  if (!ctx.settings.tokenSecret) throw unauthorized("This proxy takes no proxy tokens without PROXY_TOKEN_SECRET");
  if (token.length > MAX_TOKEN_CHARS) throw unauthorized("The proxy token is malformed");
  try {
    ctx.auth = await verifyProxyToken(token, ctx.settings.tokenSecret, { tolerateSecrets: ctx.settings.oldTokenSecrets });
  } catch (err) {
    const reason = err?.name === "ProxyTokenError" ? err.reason : "malformed";
    const details = { expired: "The proxy token has expired", mismatch: "The proxy token's signature does not match" };
    throw unauthorized(details[reason] || "The proxy token is malformed");
  }
  return ctx.auth;
}

/**
 * Checks that the caller may run `action` (null: a read route) on `jobId` (null: no :id, e.g.
 * the list or a create). Throws 401 (no or bad token where one is needed) or 403 (scope or job
 * not covered). The one auth check: every route, this module's or another's, calls it.
 */
async function authorize(ctx, action, jobId) {
  const caller = await callerOf(ctx);
  if (caller === null) return;
  if (!READ_ACTIONS.has(action) && caller.scope !== "write") throw new ProxyError(403, "This proxy token is read-only");
  if (caller.jobId !== undefined && caller.jobId !== jobId) throw new ProxyError(403, "This proxy token is for another job");
}

/** An upstream LlamaCloud client from the bindings. */
function llamaCloud(env, settings) {
  if (!env.LLAMA_CLOUD_API_KEY) throw new ProxyError(404, "LlamaCloud is not configured on this proxy");
  const options = { apiKey: env.LLAMA_CLOUD_API_KEY, timeoutMs: settings.timeoutMs };
  if (env.LLAMA_CLOUD_BASE_URL) options.baseUrl = env.LLAMA_CLOUD_BASE_URL;
  if (env.LLAMA_CLOUD_PROJECT_ID) options.projectId = env.LLAMA_CLOUD_PROJECT_ID;
  if (env.LLAMA_CLOUD_ORGANIZATION_ID) options.organizationId = env.LLAMA_CLOUD_ORGANIZATION_ID;
  return new ClassifyClient(options);
}

/** An upstream Unsiloed client from the bindings (`extra`: more client options). */
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

/** GET /api/v2/classify/:id */
async function getLlamaCloudJob(ctx) {
  return [200, await llamaCloud(ctx.env, ctx.settings).getClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

/** GET /api/v1/classifier/jobs/:id/results */
async function listResults(ctx) {
  const options = callOptions(ctx.request);
  const query = ctx.url.searchParams;
  if (query.has("page_size")) options.page_size = intParam(query.get("page_size"), "page_size");
  if (query.get("page_token")) options.page_token = query.get("page_token");
  return [200, await llamaCloud(ctx.env, ctx.settings).listResults(segment(ctx.params[0]), options)];
}

/** GET /classify/:id */
async function getUnsiloedJob(ctx) {
  return [200, await unsiloed(ctx.env, ctx.settings).getClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

/** GET /api/v2/classify (list) */
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

/** POST /api/v2/classify (create) */
async function createJob(ctx) {
  const body = await jsonBody(ctx.request);
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ProxyError(422, [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "model_attributes_type" }]);
  }
  // The SDK checks every field (unknown ones refused) before sending; transaction_id is kept.
  return [200, await llamaCloud(ctx.env, ctx.settings).createClassifyJob(body, callOptions(ctx.request))];
}

/** POST /api/v2/classify/:id/cancel (cancel) */
async function cancelJob(ctx) {
  return [200, await llamaCloud(ctx.env, ctx.settings).cancelClassifyJob(segment(ctx.params[0]), callOptions(ctx.request))];
}

/** POST /api/v1/beta/files (upload) */
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

/** POST /classify (submit, Unsiloed) */
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

/** A non-negative integer query parameter (422 otherwise, as the API answers). */
function intParam(text, name) {
  if (!/^\d{1,9}$/.test(text)) {
    throw new ProxyError(422, [{ loc: ["query", name], msg: "Input should be a valid integer", type: "int_parsing" }]);
  }
  return Number(text);
}

/** Reads a body up to `limit` bytes (413 beyond). */
async function boundedBody(request, limit) {
  const bytes = await boundedBytes(request, limit);
  if (bytes === null) throw new ProxyError(413, `Request body too large (limit ${limit} bytes)`);
  return bytes;
}

/** A bounded application/json body, parsed. */
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

/** A bounded multipart/form-data body, parsed. */
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
/** The Response: JSON (or no body), no-store, CORS when allowed, every secret scrubbed. */
function answer(status, body, headers, ctx) {
  const h = new Headers({ "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers, ...ctx.cors });
  for (const [name, value] of [...h]) h.set(name, scrub(value, ctx.settings.secrets));
  if (body === null) return new Response(null, { status, headers: h });
  h.set("content-type", "application/json");
  return new Response(scrub(JSON.stringify(body), ctx.settings.secrets), { status, headers: h });
}

/** CORS headers for an allowed origin (none otherwise). */
function corsHeaders(origin, allowed) {
  if (origin === null || !allowed) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSE_HEADERS, vary: "origin" };
}

export default {
  /** The Worker's entry: serves one request, logs one line (route, status, time). */
  async fetch(request, env, execution) {
    const started = Date.now();
    const settings = settingsOf(env);
    const url = new URL(request.url);
    const origin = request.headers.get("origin");
    const originAllowed = origin !== null && settings.origins.has(origin);
    const ctx = { request, env, url, settings, execution, params: [], cors: corsHeaders(origin, originAllowed), queryToken: takeQueryToken(url) };
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

/** Routes a request: origin check, route, preflight, method, action, auth, handler. */
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
  if (!found.signed) {
    await authorize(ctx, action, ctx.params.length ? segment(ctx.params[0]) : null);
    await rateLimit(ctx);
  }
  const ttlOf = request.method === "GET" ? CACHED[found.name] : undefined;
  const cache = ttlOf ? defaultCache() : null;
  if (!cache) {
    const result = await handler(ctx);
    if (result instanceof Response) return result; // a stream (live.js) is answered as it is
    const [status, body] = result;
    return answer(status, body, {}, ctx);
  }
  return cachedAnswer(ctx, cache, path, handler, ttlOf);
}

/**
 * A cacheable read: the cached answer (`x-proxy-cache: hit`), or the handler's, stored for as
 * long as `ttlOf(body, text)` allows (`miss`; a non-terminal job is never stored: `bypass`).
 */
async function cachedAnswer(ctx, cache, path, handler, ttlOf) {
  const key = await cacheKeyOf(ctx, path);
  let hit;
  try {
    hit = await cache.match(key);
  } catch {
    // A runtime whose Cache API is not set up (workerd without cacheApiOutbound) throws: no cache.
    const [status, body] = await handler(ctx);
    return answer(status, body, {}, ctx);
  }
  if (hit) return answer(200, await hit.json(), { "x-proxy-cache": "hit" }, ctx);
  const [status, body] = await handler(ctx);
  const text = JSON.stringify(body);
  const ttl = status === 200 ? ttlOf(body, text) : 0;
  if (ttl <= 0) return answer(status, body, { "x-proxy-cache": "bypass" }, ctx);
  const stored = cache.put(key, new Response(text, { headers: { "content-type": "application/json", "cache-control": `max-age=${ttl}` } }))
    .catch((err) => console.log(`proxy cache put failed ${err?.name || "Error"}`));
  if (typeof ctx.execution?.waitUntil === "function") ctx.execution.waitUntil(stored);
  else await stored;
  return answer(status, body, { "x-proxy-cache": "miss" }, ctx);
}
