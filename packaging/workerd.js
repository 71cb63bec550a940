// Cloudflare Workers / workerd entry: the runtime (and wrangler's bundler) imports `.wasm` as
// a compiled WebAssembly.Module, so instantiation is synchronous and no bytes are compiled
// at run time.
import wasmModule from "./classify_sdk_bg.wasm";
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(() => wasmModule, compileSource);

export * from "./api.js";
