// Public types of classify-sdk: the functions, the client and the wire types (generated
// from the Rust serde types), the error classes, and `init`.
export * from "./classify_sdk.js";
export * from "./errors.js";
export * from "./webhooks.js";
import type { ClassifyJob, WebhookConfigs } from "./classify_sdk.js";

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

/** The promise-returning methods of `T`, each resolving a `WithResponseResult`. */
export type WithResponse<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]:
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
  /** The whole wait's deadline, in ms (default 600000): `TimeoutError` with the last job seen. */
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
    withResponse(): Omit<WithResponse<ClassifyClient>, "watchClassifyJob"> & { readonly webhookConfigs: WithResponse<WebhookConfigs> };
  }
  interface UnsiloedClient {
    /** The same calls, each resolving `{ data, status, requestId, headers }` of its last HTTP answer. */
    withResponse(): WithResponse<UnsiloedClient>;
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
