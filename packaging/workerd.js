// Cloudflare Workers / workerd entry: the runtime (and wrangler's bundler) imports `.wasm`
// as a compiled WebAssembly.Module, so instantiation is synchronous.
import wasmModule from "./classify_sdk_bg.wasm";
import { initSync } from "./classify_sdk.js";
import { guardExports } from "./support.js";
import * as glue from "./classify_sdk.js";

initSync({ module: wasmModule });
guardExports(glue);

export * from "./classify_sdk.js";
export * from "./errors.js";
