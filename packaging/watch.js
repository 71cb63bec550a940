// `client.watchClassifyJob(id, { events })`: live status of a job from the edge worker's stream
// (`GET {events}/jobs/{id}/events`, Server-Sent Events: `event: job`, `data: <the job>`), which
// the worker feeds from LlamaCloud's webhooks, so N watchers of one job cost the API one fetch
// per change instead of N polling loops. Reconnects with backoff; falls back to the client's own
// polling (`waitForClassifyJob`) when the stream is unavailable. Resolves and rejects as
// `waitForClassifyJob` does: the final job is always fetched once through the client (checked
// like any answer), so what a stream says is never taken for the result.
//
// The stream is read with `fetch` (not `EventSource`, which Node, workerd and Deno lack), its
// events bounded in size; a job it sends must be the job asked for.
import { createError } from "./support.js";

/** Characters of one event read at most; a longer one ends the stream (and polling takes over). */
const MAX_EVENT_CHARS = 1024 * 1024;
/** Reconnects in a row before falling back to polling. */
const MAX_RECONNECTS = 3;
/** First reconnect delay (ms), doubling. */
const RECONNECT_BASE_MS = 250;
/** A stream that sends nothing, not even a heartbeat, for this long is dead. */
const STREAM_IDLE_MS = 45_000;
const DEFAULT_MAX_WAIT_MS = 600_000;
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
const OPTIONS = ["events", "token", "onProgress", "onPath", "signal", "maxWaitMs", "timeoutMs", "intervalMs", "maxIntervalMs", "organization_id", "project_id"];

const invalid = (argument, problem) => createError("InvalidArgumentError", `${argument}: ${problem}`, { argument });

/** Waits `ms`, or less when `signal` fires. */
const pause = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/** Checks the options; the stream's URL for `jobId`. */
function readOptions(jobId, options) {
  if (options === null || typeof options !== "object") throw invalid("options", "must be an object with events (the worker's URL)");
  // Read once: own keys only, each getter called once (one that throws names its option).
  let keys;
  try {
    keys = Object.keys(options);
  } catch {
    throw invalid("options", "could not be read");
  }
  const read = {};
  for (const key of keys) {
    if (!OPTIONS.includes(key)) throw invalid(key.slice(0, 200), `is not an option of watchClassifyJob (${OPTIONS.join(", ")})`);
    try {
      read[key] = options[key];
    } catch {
      throw invalid(key, "could not be read (its getter threw)");
    }
  }
  const { events, token, onProgress, onPath } = read;
  // The whole watch's deadline: `maxWaitMs`, as for a wait (`timeoutMs` is its deprecated name).
  if (read.maxWaitMs !== undefined && read.timeoutMs !== undefined) {
    throw invalid("timeoutMs", "is the deprecated name of maxWaitMs: give one of them");
  }
  const [deadlineName, maxWaitMs] = read.timeoutMs !== undefined ? ["timeoutMs", read.timeoutMs] : ["maxWaitMs", read.maxWaitMs ?? DEFAULT_MAX_WAIT_MS];
  let base;
  try {
    base = new URL(String(events));
  } catch {
    throw invalid("events", "must be the edge worker's URL (http:// or https://)");
  }
  if ((base.protocol !== "https:" && base.protocol !== "http:") || base.username || base.password) {
    throw invalid("events", "must be an http:// or https:// URL without user info");
  }
  if (typeof jobId !== "string" || jobId.trim() === "" || jobId.length > 1024 || /[\0-\x1f\x7f]/.test(jobId) || jobId === "." || jobId === "..") {
    throw invalid("jobId", "must be a non-blank id of at most 1024 characters");
  }
  if (token !== undefined && (typeof token !== "string" || token.length > 4096)) throw invalid("token", "must be a proxy token (a string)");
  for (const [name, value] of [["onProgress", onProgress], ["onPath", onPath]]) {
    if (value !== undefined && typeof value !== "function") throw invalid(name, "must be a function");
  }
  if (typeof maxWaitMs !== "number" || !(maxWaitMs >= 1) || !Number.isFinite(maxWaitMs)) throw invalid(deadlineName, "must be a finite number of milliseconds, at least 1");
  if (read.signal !== undefined && !(read.signal instanceof AbortSignal)) throw invalid("signal", "must be an AbortSignal");
  const url = new URL(`${base.pathname.replace(/\/$/, "")}/jobs/${encodeURIComponent(jobId)}/events`, base);
  url.search = base.search;
  if (token !== undefined) url.searchParams.set("token", token);
  return { url: url.href, onProgress, onPath, maxWaitMs, read };
}

/** Calls a caller's callback; what it throws stays its own. */
function report(callback, value) {
  if (!callback) return;
  try {
    const result = callback(value);
    if (result && typeof result.then === "function") result.then(undefined, () => {});
  } catch {
    // The caller's callback failing never breaks the watch.
  }
}

/** How a stream ended: the job ended, the stream dropped (worth a reconnect), or the worker refused it. */
const ENDED = "ended";
const DROPPED = "dropped";
const REFUSED = "refused";

/**
 * Reads one stream until the job it reports ends (`ENDED`), the stream drops, fails or goes idle
 * (`DROPPED`), or the worker answers with something that is not a stream (`REFUSED`: no such
 * route, not authorized; polling takes over at once). `seen(job)` gets each job sent for `jobId`.
 */
async function readStream(url, jobId, signal, seen) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener("abort", stop, { once: true });
  let idle;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, STREAM_IDLE_MS);
  };
  try {
    touch();
    const response = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal, cache: "no-store" });
    if (!response.ok || !response.body || !/^text\/event-stream/i.test(response.headers.get("content-type") || "")) {
      await response.body?.cancel().catch(() => {});
      return response.status >= 500 || response.status === 429 ? DROPPED : REFUSED;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return DROPPED;
      touch();
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer[end] === "\r" ? 4 : 2));
        let event = "message";
        let data = "";
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data += (data ? "\n" : "") + line.slice(5).replace(/^ /, "");
        }
        if (event !== "job" || data === "") continue;
        let job;
        try {
          job = JSON.parse(data);
        } catch {
          continue;
        }
        if (job === null || typeof job !== "object" || job.id !== jobId || typeof job.status !== "string") continue;
        if (seen(job)) {
          await reader.cancel().catch(() => {});
          return ENDED;
        }
      }
      if (buffer.length > MAX_EVENT_CHARS) {
        await reader.cancel().catch(() => {});
        return DROPPED;
      }
    }
  } catch {
    return DROPPED;
  } finally {
    clearTimeout(idle);
    signal.removeEventListener("abort", stop);
    controller.abort();
  }
}

/**
 * Watches a LlamaCloud job through the edge worker's stream, falling back to polling. Resolves
 * with the `COMPLETED` job, rejects with `JobFailedError` (FAILED, CANCELLED), `TimeoutError`,
 * `AbortError` or the client's typed errors, as `waitForClassifyJob` does.
 */
export async function watchClassifyJob(client, jobId, options) {
  const { url, onProgress, onPath, maxWaitMs, read: given } = readOptions(jobId, options);
  const deadline = Date.now() + maxWaitMs;
  const outer = given.signal;
  if (outer?.aborted) throw createError("AbortError", "the caller's signal aborted the wait", {});
  // One signal for the streams: the caller's abort, or the deadline.
  const inner = new AbortController();
  const timer = setTimeout(() => inner.abort(), Math.min(maxWaitMs, 2147483647));
  const abort = () => inner.abort();
  outer?.addEventListener("abort", abort, { once: true });
  let last;
  let lastKey = "";
  const seen = (job) => {
    const key = `${job.status}\n${job.progress ?? ""}`;
    if (key !== lastKey) {
      lastKey = key;
      last = job;
      report(onProgress, job);
    }
    return TERMINAL.has(job.status);
  };
  const scope = {};
  if (given.organization_id !== undefined) scope.organization_id = given.organization_id;
  if (given.project_id !== undefined) scope.project_id = given.project_id;
  try {
    report(onPath, "stream");
    let failures = 0;
    while (failures <= MAX_RECONNECTS && !inner.signal.aborted) {
      const started = Date.now();
      const outcome = await readStream(url, jobId, inner.signal, seen);
      if (outcome === REFUSED) break;
      if (outcome === ENDED) {
        // The stream says the job ended: the final job comes from the API, checked, typed.
        const left = deadline - Date.now();
        if (left <= 0) break;
        return await client.waitForClassifyJob(jobId, { ...scope, signal: outer, maxWaitMs: left, intervalMs: 50, maxIntervalMs: 1000 });
      }
      // A stream that lived a while before it dropped was healthy: start counting again.
      failures = Date.now() - started > 10_000 ? 1 : failures + 1;
      if (failures > MAX_RECONNECTS || inner.signal.aborted) break;
      await pause(Math.min(RECONNECT_BASE_MS * 2 ** (failures - 1), 8000), inner.signal);
    }
    if (outer?.aborted) throw createError("AbortError", "the caller's signal aborted the wait", {});
    const left = deadline - Date.now();
    if (left <= 0) {
      throw createError("TimeoutError", "the wait ran out of time before the job ended", { attempts: 0, ...(last ? { job: last } : {}) });
    }
    report(onPath, "polling");
    return await client.waitForClassifyJob(jobId, {
      ...scope,
      signal: outer,
      maxWaitMs: left,
      ...(given.intervalMs !== undefined ? { intervalMs: given.intervalMs } : {}),
      ...(given.maxIntervalMs !== undefined ? { maxIntervalMs: given.maxIntervalMs } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", abort);
    inner.abort();
  }
}
