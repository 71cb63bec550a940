// Public types of classify-sdk: the functions, the client and the wire types (generated
// from the Rust serde types), the error classes, and `init`.
export * from "./classify_sdk.js";
/** LlamaCloud's client under its primary name: the same class as `ClassifyClient` (kept as an alias). */
export { ClassifyClient as LlamaCloudClient } from "./classify_sdk.js";
export * from "./errors.js";
export * from "./webhooks.js";
import type { ClassifyJob, ClassifyInput, UnsiloedClassifyJob, UnsiloedSubmission, WebhookConfigs } from "./classify_sdk.js";

/** Options of `classifyMany` / `iterClassifyMany`. */
export interface ClassifyManyOptions<Outcome> {
  /** Documents in flight at once (uploading, creating or waiting): 1–100, default 5. */
  concurrency?: number;
  /**
   * Job creations a second, for all documents together (evenly spaced, so no second sees
   * more): above 0, at most 1000, default 10 (LlamaCloud allows about 15); `Infinity` for no
   * pace. A 429 pauses every document for the server's `Retry-After` and halves the rate,
   * which then recovers.
   */
  ratePerSecond?: number;
  /** Each document's outcome as it ends, in completion order (`classifyMany` only). */
  onResult?: (outcome: Outcome) => void | Promise<void>;
  /** Stops everything: documents in flight end as `cancelled`, then `AbortError`. */
  signal?: AbortSignal;
  /** Each document's deadline (upload, create and wait), in ms, as `classify`'s `maxWaitMs`. */
  maxWaitMs?: number;
  /** @deprecated Use `maxWaitMs` (elsewhere `timeoutMs` is per attempt); giving both is refused. */
  timeoutMs?: number;
  /** Polling interval of each document's wait (as `waitForClassifyJob`). */
  intervalMs?: number;
  /** Polling interval cap of each document's wait. */
  maxIntervalMs?: number;
  /** LlamaCloud: `organization_id` of every call. */
  organization_id?: string;
  /** LlamaCloud: `project_id` of every call. */
  project_id?: string;
}

/** How one document of a `classifyMany` ended. */
export type ClassifyOutcome<Input, Job> =
  /** The job completed. */
  | { index: number; input: Input; status: "succeeded"; job: Job; error?: undefined }
  /** A typed error (`JobFailedError` with `job` for a failed job, an API or input error…). */
  | { index: number; input: Input; status: "failed"; error: Error; job?: Job }
  /** The job was cancelled, or the run aborted while it was in flight (`AbortError`). */
  | { index: number; input: Input; status: "cancelled"; error: Error; job?: Job };

/** What `classifyMany` resolves with: succeeded + failed + cancelled = total = the inputs. */
export interface ClassifyManySummary {
  /** Documents that ended. */
  total: number;
  /** Completed jobs. */
  succeeded: number;
  /** Failed jobs and errors. */
  failed: number;
  /** Cancelled jobs (and documents in flight at an abort). */
  cancelled: number;
  /** Time the run took, in ms. */
  elapsedMs: number;
}

/** Inputs of `classifyMany`: an array, an iterable or an async iterable (streamed). */
export type ClassifyManyInputs<Input> = Iterable<Input> | AsyncIterable<Input>;

/** A call's result with its last HTTP answer's metadata (`withResponse()`). */
export interface WithResponseResult<T> {
  /** What the call resolves with on its own. */
  data: T;
  /** The HTTP status of the call's last answer (a wait's or `classify`'s last poll). */
  status: number;
  /** That answer's `x-request-id` (support asks for it), when it has one. */
  requestId: string | undefined;
  /** That answer's headers, lower-case names (credential headers left out, the key redacted). */
  headers: Record<string, string>;
}

/** The promise-returning calls of `T` (not its watch or bulk helpers), each resolving a `WithResponseResult`. */
export type WithResponse<T> = {
  [K in Exclude<keyof T, "withResponse" | "watchClassifyJob" | "classifyMany"> as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]:
    T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<WithResponseResult<R>> : never;
};

/** Options of `watchClassifyJob`. */
export interface WatchClassifyJobOptions {
  /** The edge worker's URL (`examples/worker`): the stream is `GET {events}/jobs/{id}/events`. */
  events: string | URL;
  /** A proxy token (`mintProxyToken`, read scope) for a worker that asks for one; sent as `?token=`. */
  token?: string;
  /** Each change of status or progress, from the stream (or from polling after a fallback). */
  onProgress?: (job: ClassifyJob) => void;
  /** Which path is live: `"stream"` first, `"polling"` once the stream is given up. */
  onPath?: (path: "stream" | "polling") => void;
  /** Stops the watch (`AbortError`). */
  signal?: AbortSignal;
  /** The whole watch's deadline, in ms (default 600000): `TimeoutError` with the last job seen. */
  maxWaitMs?: number;
  /** @deprecated Use `maxWaitMs` (elsewhere `timeoutMs` is per attempt); giving both is refused. */
  timeoutMs?: number;
  /** Polling interval after a fallback (as `waitForClassifyJob`). */
  intervalMs?: number;
  /** Polling interval cap after a fallback. */
  maxIntervalMs?: number;
  /** `organization_id` of the final fetch and of polling. */
  organization_id?: string;
  /** `project_id` of the final fetch and of polling. */
  project_id?: string;
}

declare module "./classify_sdk.js" {
  interface ClassifyClient {
    /**
     * Waits for a job like `waitForClassifyJob`, but listens to the edge worker's live stream
     * (fed by LlamaCloud's webhooks: one upstream fetch per change for every watcher), with
     * reconnects and backoff, falling back to polling when the stream is unavailable. The
     * final job is fetched once through this client and checked; resolves with it when
     * `COMPLETED`, rejects with `JobFailedError`, `TimeoutError`, `AbortError` or an API error.
     */
    watchClassifyJob(jobId: string, options: WatchClassifyJobOptions): Promise<ClassifyJob>;
    /**
     * The same calls (and `webhookConfigs`'), each resolving `{ data, status, requestId,
     * headers }` of its last HTTP answer: `const { data, requestId } = await
     * client.withResponse().getClassifyJob(id)`. Calls running at once never mix answers.
     */
    withResponse(): WithResponse<ClassifyClient> & { readonly webhookConfigs: WithResponse<WebhookConfigs> };
    /**
     * Classifies many documents (each as `classify` would), at most `concurrency` at once and
     * at most `ratePerSecond` job creations a second for all of them, slowing everyone down
     * on a 429. Each document's create keeps its `transaction_id` across retries: never two
     * jobs for one document. Resolves with the counts; `onResult` sees each outcome.
     */
    classifyMany(
      inputs: ClassifyManyInputs<ClassifyInput>,
      options?: ClassifyManyOptions<ClassifyOutcome<ClassifyInput, ClassifyJob>>,
    ): Promise<ClassifyManySummary>;
    /** `classifyMany`'s outcomes as they end (completion order); `break` stops the rest. */
    iterClassifyMany(
      inputs: ClassifyManyInputs<ClassifyInput>,
      options?: Omit<ClassifyManyOptions<never>, "onResult">,
    ): AsyncGenerator<ClassifyOutcome<ClassifyInput, ClassifyJob>, void, undefined>;
  }
  interface UnsiloedClient {
    /** The same calls, each resolving `{ data, status, requestId, headers }` of its last HTTP answer. */
    withResponse(): WithResponse<UnsiloedClient>;
    /** As `ClassifyClient.classifyMany`: each submission carries its own Idempotency-Key. */
    classifyMany(
      inputs: ClassifyManyInputs<UnsiloedSubmission>,
      options?: Omit<ClassifyManyOptions<ClassifyOutcome<UnsiloedSubmission, UnsiloedClassifyJob>>, "organization_id" | "project_id">,
    ): Promise<ClassifyManySummary>;
    /** `classifyMany`'s outcomes as they end (completion order); `break` stops the rest. */
    iterClassifyMany(
      inputs: ClassifyManyInputs<UnsiloedSubmission>,
      options?: Omit<ClassifyManyOptions<never>, "onResult" | "organization_id" | "project_id">,
    ): AsyncGenerator<ClassifyOutcome<UnsiloedSubmission, UnsiloedClassifyJob>, void, undefined>;
  }
}

/** What `init` can load the WebAssembly module from. */
export type WasmSource =
  | WebAssembly.Module
  | BufferSource
  | Response
  | Request
  | URL
  | string;

/**
 * Loads the WebAssembly module, for hosts where importing the package could not (every entry
 * loads it at import: Node, browsers and bundlers from bytes the package carries, workerd and
 * Vercel's edge runtime from a statically imported `.wasm`). Idempotent: once the module is
 * loaded it resolves at once and ignores `source`; while a load runs it resolves with that
 * load. Rejects with `InvalidArgumentError` (`argument: "source"`) when `source` cannot be
 * fetched, is over 8 MB, is not this package's module, or has not arrived within 60 s.
 *
 * ```js
 * import { init } from "classify-sdk/slim";
 * // classify_sdk_bg.wasm (from the package) copied next to the bundle:
 * await init(new URL("./classify_sdk_bg.wasm", import.meta.url)); // or a Module, bytes, a Response
 * ```
 */
export declare function init(source?: WasmSource | PromiseLike<WasmSource>): Promise<void>;
