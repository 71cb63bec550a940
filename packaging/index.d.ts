// Public types of classify-sdk: the functions, the client and the wire types (generated
// from the Rust serde types), the error classes, and `init`.
export * from "./classify_sdk.js";
export * from "./errors.js";
export * from "./webhooks.js";

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
