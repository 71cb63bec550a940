// Cloudflare Workers / workerd entry: the runtime (and wrangler's bundler) imports `.wasm`
// as a compiled WebAssembly.Module, so instantiation is synchronous.
import wasmModule from "./classify_sdk_bg.wasm";
import { initSync, ClassifyClient } from "./classify_sdk.js";
import { guardFreed } from "./support.js";

initSync({ module: wasmModule });
guardFreed(ClassifyClient, ["getClassifyJob", "listResults", "waitForClassifyJob"], ["iterResults", "iterResultPages"]);

export * from "./classify_sdk.js";
export * from "./errors.js";
