// Live job status for the proxy (worker.js): the receiving side of LlamaCloud webhooks, and a
// Durable Object per job that fans each change out to every watcher.
//
//   POST /webhooks/llamacloud    a signed delivery (LC-Signature), checked with verifyWebhook
//                                under LLAMA_CLOUD_WEBHOOK_SECRET (+ LLAMA_CLOUD_WEBHOOK_SECRETS_OLD,
//                                comma-separated, in rotation); handed to the job's JobWatch
//   GET  /jobs/:id/events        Server-Sent Events from the job's JobWatch: `event: job`,
//                                `data: <the job JSON>` on connect and on each change; closed
//                                after the terminal job (client.watchClassifyJob reads it)
//
// Why Server-Sent Events and not WebSockets (with hibernation): the SDK reads the stream with a
// plain `fetch` in every runtime (Node, workerd, Bun, Deno, browsers), a browser can also use
// `EventSource`, and proxies and CDNs pass an ordinary streamed HTTP answer. The trade-off: an
// open SSE answer keeps the object in memory (a hibernated WebSocket would not), so streams are
// bounded in number and in life, and the object polls only while someone listens.
//
// The job itself always comes from LlamaCloud through the SDK with the worker's key: a
// delivery's payload is undocumented and only a hint; one upstream fetch per change (or per
// fallback poll interval when no webhook arrives) serves every watcher of the job.
//
// Bindings (besides worker.js's): JOB_WATCH (Durable Object namespace, class JobWatch),
// LLAMA_CLOUD_WEBHOOK_SECRET, LLAMA_CLOUD_WEBHOOK_SECRETS_OLD (secrets), LIVE_FALLBACK_POLL_MS
// (var, default 15000), LIVE_HEARTBEAT_MS (var, default 15000; a write to a gone watcher ends
// its stream), LIVE_DEBUG ("1": the events answer carries x-live-subscribers; tests).
import { ClassifyClient, verifyWebhook } from "classify-sdk";
import { boundedBytes } from "./body.js";
import { scrub, secretsOf } from "./secrets.js";

/** Bytes of a webhook delivery read at most (413 beyond). */
const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** Open streams per job at most (503 beyond). */
const MAX_SUBSCRIBERS = 1000;
/** A comment line to every stream this often (ms), so idle connections are not cut. */
const HEARTBEAT_MS = 15_000;
/** Longest life of one stream (ms); the client reconnects. */
const MAX_STREAM_MS = 10 * 60_000;
/** Delivery event ids remembered per job (replays of those are ignored). */
const MAX_SEEN_EVENTS = 256;
/** Chunks queued for one slow stream before it is dropped. */
const MAX_QUEUED_CHUNKS = 1000;
const DEFAULT_POLL_MS = 15_000;
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
const encoder = new TextEncoder();

const list = (text) => String(text || "").split(",").map((s) => s.trim()).filter(Boolean);

/** A `[status, { detail }]` answer for worker.js's `answer()`. */
const refuse = (status, detail) => [status, { detail }];

/** The LlamaCloud client of the worker's key (as worker.js builds it), or null without a key. */
function llamaCloudClient(env) {
  if (!env.LLAMA_CLOUD_API_KEY) return null;
  const timeout = Number(env.UPSTREAM_TIMEOUT_MS);
  const options = { apiKey: env.LLAMA_CLOUD_API_KEY, timeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : 15_000 };
  if (env.LLAMA_CLOUD_BASE_URL) options.baseUrl = env.LLAMA_CLOUD_BASE_URL;
  if (env.LLAMA_CLOUD_PROJECT_ID) options.projectId = env.LLAMA_CLOUD_PROJECT_ID;
  if (env.LLAMA_CLOUD_ORGANIZATION_ID) options.organizationId = env.LLAMA_CLOUD_ORGANIZATION_ID;
  return new ClassifyClient(options);
}

/** The job's JobWatch stub. */
function watchOf(env, jobId) {
  return env.JOB_WATCH.get(env.JOB_WATCH.idFromName(jobId));
}

// ---- the worker's two handlers (ROUTES in worker.js) -------------------------------------------

/**
 * POST /webhooks/llamacloud: checks the delivery's signature over the raw body and hands the
 * event to the job's JobWatch; 204 at once (the object fetches the job in the background).
 * 404 when no webhook secret is configured, 413 beyond 1 MiB, 401 for any signature problem
 * (never which one), 400 for a signed body that is not a classify event.
 */
export async function receiveWebhook(ctx) {
  const { env, request } = ctx;
  if (!env.LLAMA_CLOUD_WEBHOOK_SECRET) return refuse(404, "webhooks are not configured");
  if (!env.JOB_WATCH) return refuse(404, "live status is not configured on this proxy");
  const body = await boundedBytes(request, MAX_WEBHOOK_BYTES);
  if (body === null) return refuse(413, `Request body too large (limit ${MAX_WEBHOOK_BYTES} bytes)`);
  let event;
  try {
    const old = list(env.LLAMA_CLOUD_WEBHOOK_SECRETS_OLD).slice(0, 7);
    event = await verifyWebhook(body, request.headers, env.LLAMA_CLOUD_WEBHOOK_SECRET, old.length ? { tolerateSecrets: old } : undefined);
  } catch (err) {
    if (err?.name === "DecodeError") return refuse(400, "not a classify event");
    return refuse(401, "invalid signature");
  }
  const { jobId, payload } = event;
  const answer = await watchOf(env, jobId).fetch("https://job-watch/webhook", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jobId, event: event.event, payload }),
  });
  await answer.body?.cancel().catch(() => {});
  return answer.ok ? [204, null] : refuse(502, "the delivery could not be handed on");
}

/**
 * GET /jobs/:id/events: the job's live stream, from its JobWatch (CORS headers added). 404
 * when the proxy has no JobWatch namespace or no LlamaCloud key (watchClassifyJob then polls at
 * once) or the job is unknown; 503 when the job has too many watchers.
 */
export async function liveEvents(ctx) {
  const { env, request } = ctx;
  if (!env.JOB_WATCH || !env.LLAMA_CLOUD_API_KEY) return refuse(404, "live status is not configured on this proxy");
  let jobId;
  try {
    jobId = decodeURIComponent(ctx.params[0]);
  } catch {
    return refuse(400, "Malformed percent-encoding in the path");
  }
  if (jobId.trim() === "" || jobId.length > 1024 || /[\0-\x1f\x7f]/.test(jobId)) return refuse(400, "Bad job id");
  const upstream = await watchOf(env, jobId).fetch(`https://job-watch/events?id=${encodeURIComponent(jobId)}`, {
    signal: request.signal instanceof AbortSignal ? request.signal : undefined,
  });
  if (!upstream.ok) {
    const detail = await upstream.json().then((b) => b?.detail, () => undefined);
    return refuse(upstream.status, typeof detail === "string" ? detail : "live status unavailable");
  }
  const headers = new Headers(upstream.headers);
  for (const [name, value] of Object.entries(ctx.cors)) headers.set(name, value);
  return new Response(upstream.body, { status: 200, headers });
}

// ---- the Durable Object ------------------------------------------------------------------------

/** FNV-1a of a text, as 8 hex digits: a job's fingerprint. */
function fingerprint(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** A JSON answer from the object to the worker. */
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * One job's watchers. Holds the job as last fetched upstream (shared by every watcher; one
 * in-flight fetch at a time), the open streams, the event ids already handled, one heartbeat
 * timer and one fallback-poll timer for all of them.
 */
export class JobWatch {
  /** The object's state and the worker's bindings. */
  constructor(state, env) {
    this.state = state;
    this.env = env;
    const poll = Number(env.LIVE_FALLBACK_POLL_MS);
    this.pollMs = Number.isFinite(poll) && poll >= 50 ? poll : DEFAULT_POLL_MS;
    const beat = Number(env.LIVE_HEARTBEAT_MS);
    this.heartbeatMs = Number.isFinite(beat) && beat >= 50 ? beat : HEARTBEAT_MS;
    this.jobId = null;
    /** Removed from every job sent (an upstream may echo a key into a field). */
    this.secrets = secretsOf(env);
    /** The job as last fetched, its JSON text, its fingerprint and when it was fetched. */
    this.job = null;
    this.text = "";
    this.key = "";
    this.fetchedAt = 0;
    /** The fetch in flight (shared), and whether one more is owed after it (a newer event). */
    this.inflight = null;
    this.again = false;
    /** Open streams. */
    this.subscribers = new Set();
    /** Event ids handled, oldest first (bounded). */
    this.seen = new Set();
    this.heartbeat = null;
    this.pollTimer = null;
    this.lastSignal = 0;
    /** A delivery came while no one listened: the cached job is out of date. */
    this.dirty = false;
  }

  /** Routes the worker's two calls: /events (a stream) and /webhook (a verified event). */
  async fetch(request) {
    const url = new URL(request.url);
    const id = url.searchParams.get("id");
    if (url.pathname === "/events" && request.method === "GET" && id) return this.subscribe(request, id);
    if (url.pathname === "/webhook" && request.method === "POST") return this.webhook(await request.json());
    return json(404, { detail: "Not Found" });
  }

  /** The upstream client (built per use: cheap, and the env may change on redeploy). */
  client() {
    const client = llamaCloudClient(this.env);
    if (!client) throw Object.assign(new Error("LlamaCloud is not configured on this proxy"), { status: 404 });
    return client;
  }

  /**
   * The job fetched once upstream. `fresh`: the answer must start after this call (a webhook
   * said something changed), so a fetch already in flight is followed by one more.
   */
  refresh(fresh) {
    if (this.inflight) {
      if (fresh) this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      try {
        for (;;) {
          this.again = false;
          const job = await this.client().getClassifyJob(this.jobId);
          if (job?.id !== this.jobId) throw Object.assign(new Error("the upstream answered another job"), { status: 502 });
          this.lastSignal = Date.now();
          this.dirty = false;
          this.publish(job);
          if (!this.again) return this.job;
        }
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  /** Keeps `job` and, when it differs from the last one, sends it to every stream. */
  publish(job) {
    const text = scrub(JSON.stringify(job), this.secrets);
    const key = `${job.status}:${fingerprint(text)}`;
    this.fetchedAt = Date.now();
    if (key === this.key) return;
    this.job = job;
    this.text = text;
    this.key = key;
    const event = encoder.encode(`event: job\ndata: ${text}\n\n`);
    for (const sub of this.subscribers) this.send(sub, event);
    if (TERMINAL.has(job.status)) for (const sub of [...this.subscribers]) this.close(sub);
  }

  /** Queues bytes on one stream; a stream that cannot take them (gone, too slow) is closed. */
  send(sub, bytes) {
    try {
      if (sub.controller.desiredSize !== null && -sub.controller.desiredSize > MAX_QUEUED_CHUNKS) return this.close(sub);
      sub.controller.enqueue(bytes);
    } catch {
      this.close(sub);
    }
  }

  /** Ends one stream and forgets it; timers stop when no one is left. */
  close(sub) {
    if (!this.subscribers.delete(sub)) return;
    clearTimeout(sub.lifeTimer);
    sub.signal?.removeEventListener("abort", sub.onAbort);
    try {
      sub.controller.close();
    } catch {
      // already closed or cancelled
    }
    if (this.subscribers.size === 0) this.stopTimers();
  }

  /** Stops the heartbeat and the fallback poll. */
  stopTimers() {
    clearInterval(this.heartbeat);
    clearTimeout(this.pollTimer);
    this.heartbeat = null;
    this.pollTimer = null;
  }

  /** Starts the shared heartbeat and the fallback poll if someone listens and the job is not over. */
  startTimers() {
    if (this.subscribers.size === 0 || (this.job && TERMINAL.has(this.job.status))) return this.stopTimers();
    if (!this.heartbeat) {
      const beat = encoder.encode(": heartbeat\n\n");
      this.heartbeat = setInterval(() => {
        for (const sub of [...this.subscribers]) this.send(sub, beat);
      }, this.heartbeatMs);
    }
    if (!this.pollTimer) this.schedulePoll();
  }

  /** One timer for every watcher: polls upstream when no webhook (nor fetch) came for pollMs. */
  schedulePoll() {
    const wait = Math.max(10, this.lastSignal + this.pollMs - Date.now());
    this.pollTimer = setTimeout(async () => {
      this.pollTimer = null;
      if (this.subscribers.size === 0 || (this.job && TERMINAL.has(this.job.status))) return this.stopTimers();
      if (Date.now() - this.lastSignal >= this.pollMs && !this.inflight) {
        await this.refresh(false).catch(() => {
          this.lastSignal = Date.now(); // an upstream error: try again one interval later
        });
      }
      this.startTimers();
    }, wait);
  }

  /** A new stream: the current job at once, then each change; refused 404 for an unknown job. */
  async subscribe(request, id) {
    if (this.jobId === null) this.jobId = id;
    if (id !== this.jobId) return json(400, { detail: "Bad job id" });
    if (this.subscribers.size >= MAX_SUBSCRIBERS) return json(503, { detail: "Too many watchers of this job" });
    const stale = !this.job || this.dirty || (!TERMINAL.has(this.job.status) && Date.now() - this.fetchedAt >= this.pollMs);
    if (stale) {
      try {
        await this.refresh(false);
      } catch (err) {
        const status = typeof err?.status === "number" && err.status >= 400 && err.status <= 599 ? err.status : 502;
        return json(status, { detail: status === 404 ? "Classify job not found" : "The upstream API could not be read" });
      }
    }
    if (request.signal?.aborted) return json(499, { detail: "The request was cancelled" });
    const sub = { controller: null, lifeTimer: null, signal: request.signal, onAbort: null };
    const stream = new ReadableStream({
      start: (controller) => {
        sub.controller = controller;
      },
      cancel: () => this.close(sub),
    });
    this.subscribers.add(sub);
    sub.lifeTimer = setTimeout(() => this.close(sub), MAX_STREAM_MS);
    sub.onAbort = () => this.close(sub);
    request.signal?.addEventListener("abort", sub.onAbort, { once: true });
    this.send(sub, encoder.encode(`: connected\n\nevent: job\ndata: ${this.text}\n\n`));
    const headers = { "content-type": "text/event-stream", "cache-control": "no-store", "x-accel-buffering": "no" };
    if (this.env.LIVE_DEBUG === "1") headers["x-live-subscribers"] = String(this.subscribers.size);
    if (TERMINAL.has(this.job.status)) this.close(sub);
    else this.startTimers();
    return new Response(stream, { status: 200, headers });
  }

  /**
   * A verified delivery: ignored when its event id was seen (a retry or a replay) or its job is
   * not this object's; otherwise the job is fetched once upstream (the payload is only a hint)
   * and sent on if it changed. Answers at once; the fetch runs on.
   */
  webhook(body) {
    const { jobId, payload } = body ?? {};
    if (typeof jobId !== "string") return json(400, { detail: "Bad event" });
    if (this.jobId === null) this.jobId = jobId;
    if (jobId !== this.jobId) return json(400, { detail: "Bad job id" });
    const eventId = typeof payload?.event_id === "string" && payload.event_id.length <= 200 ? payload.event_id : null;
    if (eventId !== null) {
      if (this.seen.has(eventId)) return json(200, { duplicate: true });
      this.seen.add(eventId);
      if (this.seen.size > MAX_SEEN_EVENTS) this.seen.delete(this.seen.values().next().value);
    }
    this.lastSignal = Date.now();
    // The hint: a delivery saying the job is in the (terminal) state already sent needs no fetch.
    let hint = payload?.data;
    if (typeof hint === "string" && hint.length <= MAX_WEBHOOK_BYTES) {
      try {
        hint = JSON.parse(hint);
      } catch {
        hint = null;
      }
    }
    const same = hint && typeof hint === "object" && hint.id === this.jobId && this.job && hint.status === this.job.status;
    if (same && TERMINAL.has(this.job.status)) return json(200, { unchanged: true });
    // No one listens: nothing is fetched; the next connect fetches.
    if (this.subscribers.size === 0) {
      this.dirty = true;
      return json(202, { queued: false });
    }
    this.refresh(true).catch(() => {});
    return json(202, { queued: true });
  }
}
