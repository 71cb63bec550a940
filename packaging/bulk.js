// `client.classifyMany(inputs, options)` and `client.iterClassifyMany(inputs, options)`: many
// documents through `classify()` (upload or submit, create, wait), at most `concurrency` at
// once and at most `ratePerSecond` job creations a second for all of them together. The pace
// lives in the request path (`createPace` in js/support.js, read by src/transport.rs before
// each creation, retries included): a 429 slows every document down at once, and each
// document's retried create carries the same transaction_id / Idempotency-Key, so it never
// becomes a second job. Inputs are pulled as slots free up, so an async iterable of any length
// streams in bounded memory; outcomes come in completion order, none lost.
import { createError, createPace, setCallExtras } from "./support.js";

/** The options `classifyMany` reads (`iterClassifyMany`: all but `onResult`). */
const OPTIONS = ["concurrency", "ratePerSecond", "onResult", "signal", "maxWaitMs", "timeoutMs", "intervalMs", "maxIntervalMs", "organization_id", "project_id"];
/** The options handed on to each document's `classify()`. */
const PER_DOCUMENT = ["maxWaitMs", "timeoutMs", "intervalMs", "maxIntervalMs", "organization_id", "project_id"];
const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 100;
const DEFAULT_RATE_PER_SECOND = 10;
const MAX_RATE_PER_SECOND = 1000;

const invalid = (argument, problem) => createError("InvalidArgumentError", `${argument}: ${problem}`, { argument });

/** The checked options (own enumerable keys only, each read once; unknown keys refused). */
function readOptions(options, allowed) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== "object") throw invalid("options", "must be an object");
  const read = {};
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw invalid(key.slice(0, 200), `is not an option of classifyMany (${allowed.join(", ")})`);
    try {
      read[key] = options[key];
    } catch {
      throw invalid(key, "could not be read");
    }
  }
  const { concurrency = DEFAULT_CONCURRENCY, ratePerSecond = DEFAULT_RATE_PER_SECOND, onResult, signal } = read;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw invalid("concurrency", `must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  if (typeof ratePerSecond !== "number" || !(ratePerSecond > 0) || (ratePerSecond > MAX_RATE_PER_SECOND && ratePerSecond !== Infinity)) {
    throw invalid("ratePerSecond", `must be a number above 0, at most ${MAX_RATE_PER_SECOND} (or Infinity: unpaced, a 429 still pauses everyone)`);
  }
  if (onResult !== undefined && typeof onResult !== "function") throw invalid("onResult", "must be a function");
  if (signal !== undefined && !(typeof signal === "object" && signal !== null && typeof signal.aborted === "boolean" && typeof signal.addEventListener === "function")) {
    throw invalid("signal", "must be an AbortSignal");
  }
  if (read.maxWaitMs !== undefined && read.timeoutMs !== undefined) {
    throw invalid("timeoutMs", "is the deprecated name of maxWaitMs: give one of them");
  }
  const perDocument = {};
  for (const key of PER_DOCUMENT) if (read[key] !== undefined) perDocument[key] = read[key];
  return { concurrency, ratePerSecond, onResult, signal, perDocument };
}

/** An iterator over `inputs` (an array, an iterable or an async iterable). */
function iteratorOf(inputs) {
  if (inputs !== null && typeof inputs === "object") {
    if (typeof inputs[Symbol.asyncIterator] === "function") return inputs[Symbol.asyncIterator]();
    if (typeof inputs[Symbol.iterator] === "function") return inputs[Symbol.iterator]();
  }
  throw invalid("inputs", "must be an array, an iterable or an async iterable of classify inputs");
}

/** A document's outcome from how its `classify()` settled. */
function outcomeOf(index, input, job, error) {
  if (error === undefined) return { index, input, status: "succeeded", job };
  const name = error?.name;
  const cancelled = name === "AbortError" || (name === "JobFailedError" && /^cancel/i.test(String(error.status)));
  return { index, input, status: cancelled ? "cancelled" : "failed", error, ...(error?.job ? { job: error.job } : {}) };
}

/**
 * Classifies every input through `client.classify`, yielding each document's outcome as it
 * ends (see the declarations). On abort the documents in flight end as `cancelled` and the
 * iteration then rejects with `AbortError`; ending the iteration early (`break`) aborts the
 * documents in flight and waits for them, so no request outlives it.
 */
export async function* iterClassifyMany(client, inputs, options) {
  const { concurrency, ratePerSecond, signal, perDocument } = readOptions(options, OPTIONS.filter((k) => k !== "onResult"));
  yield* run(client, inputs, { concurrency, ratePerSecond, signal, perDocument });
}

async function* run(client, inputs, { concurrency, ratePerSecond, signal, perDocument }) {
  const source = iteratorOf(inputs);
  const pace = createPace(ratePerSecond);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (signal) {
    if (signal.aborted) stop.abort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }
  const running = new Map();
  let index = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && !stop.signal.aborted && running.size < concurrency) {
        const next = await source.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const at = index++;
        const input = next.value;
        let pending;
        setCallExtras({ pace });
        try {
          pending = client.classify(input, { ...perDocument, signal: stop.signal });
        } catch (error) {
          pending = Promise.reject(error);
        } finally {
          setCallExtras(undefined);
        }
        running.set(at, Promise.resolve(pending).then((job) => outcomeOf(at, input, job), (error) => outcomeOf(at, input, undefined, error)));
      }
      if (running.size === 0) break;
      const outcome = await Promise.race(running.values());
      running.delete(outcome.index);
      yield outcome;
    }
    if (stop.signal.aborted && signal?.aborted) {
      throw createError("AbortError", "classifyMany was aborted by its signal: the documents in flight ended as cancelled", {});
    }
  } finally {
    signal?.removeEventListener?.("abort", onAbort);
    if (running.size) {
      // Ended early (break, a throw, an input iterator that failed): nothing may stay in flight.
      stop.abort();
      await Promise.allSettled(running.values());
    }
    if (!exhausted) {
      try {
        await source.return?.();
      } catch {
        // The caller's iterator's own clean-up failure is not this call's.
      }
    }
  }
}

/**
 * Classifies every input (see `iterClassifyMany`), calling `onResult(outcome)` as each ends;
 * resolves with `{ total, succeeded, failed, cancelled, elapsedMs }`. On abort it rejects with
 * `AbortError`, whose `summary` counts what ended before it.
 */
export async function classifyMany(client, inputs, options) {
  const { concurrency, ratePerSecond, onResult, signal, perDocument } = readOptions(options, OPTIONS);
  const started = Date.now();
  const summary = { total: 0, succeeded: 0, failed: 0, cancelled: 0, elapsedMs: 0 };
  try {
    for await (const outcome of run(client, inputs, { concurrency, ratePerSecond, signal, perDocument })) {
      summary.total += 1;
      summary[outcome.status] += 1;
      if (onResult) {
        // The caller's callback never stops (or holds up) the other documents.
        try {
          const returned = onResult(outcome);
          if (returned !== null && typeof returned === "object" && typeof returned.then === "function") returned.then(undefined, () => {});
        } catch {
          // Its throw is its own.
        }
      }
    }
  } catch (error) {
    summary.elapsedMs = Date.now() - started;
    if (error?.name === "AbortError") {
      try {
        Object.defineProperty(error, "summary", { value: summary, enumerable: true });
      } catch {
        // An error that cannot carry the summary still rejects.
      }
    }
    throw error;
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}
