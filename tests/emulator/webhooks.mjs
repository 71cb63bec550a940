// The emulator's LlamaCloud webhooks: saved configurations, and signed deliveries of a created
// job's state changes.
//
//   GET/POST        /api/v1/beta/webhook-configs          list (a JSON array) / create
//   GET/PUT/DELETE  /api/v1/beta/webhook-configs/{id}     one (the secret is write-only: has_secret)
//
// A job created with `webhook_configurations` or `webhook_configuration_ids` gets a delivery
// for each state it reaches (classify.pending, .running, .success / .error, .cancelled), to each
// URL whose `webhook_events` include it: `POST` of `{ event_id, event_type, job_id, project_id,
// status, timestamp, data }` (data: the job, as a JSON text with webhook_output_format
// "string", the default, as an object with "json"), the configuration's `webhook_headers`, and
// `LC-Signature: sha256=<hex HMAC-SHA256 of the body>` when it has a signing secret. A delivery
// that fails (no answer, or not 2xx) is retried up to 3 times with backoff, as the real service
// does. Emulator-only query parameters on a webhook URL: `emulator_duplicate=1` sends every
// delivery twice, `emulator_bad_signature=1` signs with the wrong secret.
//
// Test-only endpoints (on any origin the tests reach):
//   POST /__emulator/webhooks/sink/{name}[?fail=N]   records a delivery (raw body and headers);
//                                                    its first N deliveries answer 500
//   GET  /__emulator/webhooks/sink/{name}            {deliveries: [{body, headers}]}
//   GET  /__emulator/webhooks/deliveries             {deliveries}: what the emulator sent, with outcomes
import { createHmac, randomUUID } from "node:crypto";
import { MAX_BODY_BYTES, parseJson, readBody, send, validationError } from "./http.mjs";

/** The v2 status a classify event stands for. */
const EVENT_OF_STATUS = {
  PENDING: "classify.pending",
  RUNNING: "classify.running",
  COMPLETED: "classify.success",
  FAILED: "classify.error",
  CANCELLED: "classify.cancelled",
};
/** Every event a saved configuration may name (as the OpenAPI description lists them). */
const KNOWN_EVENTS = new Set([
  ...Object.values(EVENT_OF_STATUS), "classify.partial_success",
  ...["pending", "running", "success", "error", "partial_success", "cancelled"].map((s) => `parse.${s}`),
  ...["pending", "success", "error", "partial_success", "cancelled"].flatMap((s) => [`extract.${s}`, `sheets.${s}`]),
  ...["pending", "processing", "success", "error", "cancelled"].map((s) => `split.${s}`),
  ...["pending", "running", "success", "error", "cancelled"].map((s) => `batch.${s}`),
  "unmapped_event",
]);
/** Attempts per delivery (the first and 3 retries), and the first retry's delay (ms). */
const DELIVERY_ATTEMPTS = 4;
const RETRY_BASE_MS = 50;
/** Deliveries and sink records kept, at most. */
const MAX_RECORDS = 2000;

/** Per-server webhook state. */
export function createWebhookState() {
  return {
    /** Saved configurations by id. */
    configs: new Map(),
    /** Deliveries sent (for GET /__emulator/webhooks/deliveries). */
    deliveries: [],
    /** Sink name → { received: [{ body, headers }], failuresLeft }. */
    sinks: new Map(),
    /** Pending timers, cleared when the emulator closes. */
    timers: new Set(),
  };
}

/** Stops every pending delivery (the emulator is closing). */
export function stopWebhooks(state) {
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const issue = (loc, msg, type, input) => ({ type, loc, msg, input });

/** The 422 entries of a webhook configuration's fields (a job's, or a saved one), under `loc`. */
export function webhookIssues(config, loc) {
  const errors = [];
  if (!isObject(config)) return [issue(loc, "Input should be a valid dictionary", "dict_type", config)];
  if (typeof config.webhook_url !== "string" || !/^https?:/i.test(config.webhook_url)) {
    errors.push(issue([...loc, "webhook_url"], "String should match pattern '^https?:'", "string_pattern_mismatch", config.webhook_url ?? null));
  }
  const events = config.webhook_events;
  if (events != null) {
    if (!Array.isArray(events)) errors.push(issue([...loc, "webhook_events"], "Input should be a valid list", "list_type", events));
    else if (events.length === 0) errors.push(issue([...loc, "webhook_events"], "List should have at least 1 item after validation, not 0", "too_short", events));
    else events.forEach((event, i) => {
      if (!KNOWN_EVENTS.has(event)) errors.push(issue([...loc, "webhook_events", i], "Input should be a known event", "enum", event));
    });
  }
  const headers = config.webhook_headers;
  if (headers != null && (!isObject(headers) || Object.values(headers).some((v) => typeof v !== "string"))) {
    errors.push(issue([...loc, "webhook_headers"], "Input should be a valid dictionary of strings", "dict_type", null));
  }
  if (config.webhook_output_format != null && !["string", "json"].includes(config.webhook_output_format)) {
    errors.push(issue([...loc, "webhook_output_format"], "Input should be 'string' or 'json'", "enum", config.webhook_output_format));
  }
  if (config.webhook_signing_secret != null && typeof config.webhook_signing_secret !== "string") {
    errors.push(issue([...loc, "webhook_signing_secret"], "Input should be a valid string", "string_type", null));
  }
  return errors;
}

// ---- saved configurations -------------------------------------------------------------------------

/** A saved configuration as answers show it: never the secret. */
function configView(rec) {
  const { secret, ...shown } = rec;
  return { ...shown, has_secret: typeof secret === "string" && secret !== "" };
}

async function readConfig(req, res) {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.tooLarge || read.aborted) {
    if (!read.aborted) send(res, 413, { detail: "Request body too large" });
    return null;
  }
  const parsed = parseJson(read.body.toString("utf8"));
  if (!parsed.ok || !isObject(parsed.value)) {
    send(res, 422, validationError([issue(["body"], "Input should be a valid dictionary", "dict_type", null)]));
    return null;
  }
  const errors = webhookIssues(parsed.value, ["body"]);
  if (errors.length) {
    send(res, 422, validationError(errors));
    return null;
  }
  return parsed.value;
}

const savedRecord = (id, body, createdAt) => ({
  id,
  name: body.name ?? null,
  webhook_url: body.webhook_url,
  webhook_events: body.webhook_events ?? null,
  webhook_headers: body.webhook_headers ?? null,
  webhook_output_format: body.webhook_output_format ?? "string",
  secret: body.webhook_signing_secret ?? null,
  created_at: createdAt,
  updated_at: new Date().toISOString(),
});

/** GET /api/v1/beta/webhook-configs */
export function listConfigs(req, res, ctx) {
  send(res, 200, [...ctx.state.webhooks.configs.values()].map(configView));
}

/** POST /api/v1/beta/webhook-configs */
export async function createConfig(req, res, ctx) {
  const body = await readConfig(req, res);
  if (!body) return;
  const rec = savedRecord(`whc-${randomUUID()}`, body, new Date().toISOString());
  ctx.state.webhooks.configs.set(rec.id, rec);
  send(res, 200, configView(rec));
}

/** GET /api/v1/beta/webhook-configs/{id} */
export function getConfig(req, res, ctx) {
  const rec = ctx.state.webhooks.configs.get(ctx.params[0]);
  if (!rec) return send(res, 404, { detail: "Webhook configuration not found" });
  send(res, 200, configView(rec));
}

/** PUT /api/v1/beta/webhook-configs/{id}: replaces it. */
export async function updateConfig(req, res, ctx) {
  const configs = ctx.state.webhooks.configs;
  const old = configs.get(ctx.params[0]);
  if (!old) return send(res, 404, { detail: "Webhook configuration not found" });
  const body = await readConfig(req, res);
  if (!body) return;
  const rec = savedRecord(old.id, body, old.created_at);
  configs.set(rec.id, rec);
  send(res, 200, configView(rec));
}

/** DELETE /api/v1/beta/webhook-configs/{id}: 204. */
export function deleteConfig(req, res, ctx) {
  if (!ctx.state.webhooks.configs.delete(ctx.params[0])) return send(res, 404, { detail: "Webhook configuration not found" });
  res.writeHead(204);
  res.end();
}

// ---- deliveries -------------------------------------------------------------------------------

/** The webhooks a job created with `body` notifies: inline ones and saved ones by id. */
export function webhooksOf(state, body) {
  const inline = Array.isArray(body.webhook_configurations)
    ? body.webhook_configurations.map((c) => ({ ...c, secret: c.webhook_signing_secret ?? null }))
    : [];
  const saved = Array.isArray(body.webhook_configuration_ids)
    ? body.webhook_configuration_ids.map((id) => state.configs.get(id)).filter(Boolean)
    : [];
  return [...inline, ...saved];
}

/** Sends `job`'s current state to each of `webhooks` that wants its event. */
export function deliverState(state, webhooks, job) {
  const event = EVENT_OF_STATUS[job.status];
  if (!event) return;
  for (const webhook of webhooks) {
    if (Array.isArray(webhook.webhook_events) && !webhook.webhook_events.includes(event)) continue;
    const payload = {
      event_id: randomUUID(),
      event_type: event,
      job_id: job.id,
      project_id: job.project_id,
      status: job.status,
      timestamp: new Date().toISOString(),
      data: webhook.webhook_output_format === "json" ? job : JSON.stringify(job),
    };
    const body = JSON.stringify(payload);
    let url;
    try {
      url = new URL(webhook.webhook_url);
    } catch {
      continue;
    }
    const twice = url.searchParams.get("emulator_duplicate") === "1";
    const secret = url.searchParams.get("emulator_bad_signature") === "1" ? "not-the-secret" : webhook.secret;
    const headers = { "content-type": "application/json", ...(webhook.webhook_headers ?? {}) };
    if (typeof secret === "string" && secret !== "") {
      headers["lc-signature"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    }
    for (let copy = 0; copy < (twice ? 2 : 1); copy++) attemptDelivery(state, url.href, headers, body, event, job.id, 1);
  }
}

/** One delivery attempt; a failure schedules the next, up to DELIVERY_ATTEMPTS. */
function attemptDelivery(state, url, headers, body, event, jobId, attempt) {
  const record = { url, event, job_id: jobId, attempt, status: 0 };
  // The latest MAX_RECORDS are kept: a long run (every runtime's suite against one emulator)
  // must still see its own newest deliveries.
  if (state.deliveries.length >= MAX_RECORDS) state.deliveries.shift();
  state.deliveries.push(record);
  fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(5000) })
    .then(async (response) => {
      record.status = response.status;
      await response.arrayBuffer().catch(() => {});
      return response.ok;
    })
    .catch(() => false)
    .then((delivered) => {
      if (delivered || attempt >= DELIVERY_ATTEMPTS) return;
      const timer = setTimeout(() => {
        state.timers.delete(timer);
        attemptDelivery(state, url, headers, body, event, jobId, attempt + 1);
      }, RETRY_BASE_MS * 2 ** (attempt - 1));
      timer.unref?.();
      state.timers.add(timer);
    });
}

/** Runs `fn` after `ms`, unless the emulator closes first. */
export function later(state, ms, fn) {
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    fn();
  }, Math.max(0, ms));
  timer.unref?.();
  state.timers.add(timer);
}

// ---- test-only sink -------------------------------------------------------------------------------

/** `/__emulator/webhooks/…`; true when `url` was one. */
export async function serveWebhookInternal(req, res, url, state) {
  if (url.pathname === "/__emulator/webhooks/deliveries") {
    send(res, 200, { deliveries: state.deliveries });
    return true;
  }
  const match = /^\/__emulator\/webhooks\/sink\/([A-Za-z0-9_-]{1,100})$/.exec(url.pathname);
  if (!match) return false;
  const name = match[1];
  if (!state.sinks.has(name)) state.sinks.set(name, { received: [], failuresLeft: Number(url.searchParams.get("fail") || 0) });
  const sink = state.sinks.get(name);
  if (req.method === "GET") {
    send(res, 200, { deliveries: sink.received });
    return true;
  }
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.aborted) return true;
  if (sink.failuresLeft > 0) {
    sink.failuresLeft--;
    send(res, 500, { detail: "sink told to fail" });
    return true;
  }
  if (sink.received.length < MAX_RECORDS) sink.received.push({ body: read.body.toString("utf8"), headers: req.headers });
  res.writeHead(204);
  res.end();
  return true;
}
