// Vercel's edge runtime (Next.js edge route handlers and middleware): it compiles no bytes at
// run time and accepts only a `.wasm` imported statically with the `?module` suffix, which
// Next.js turns into a compiled WebAssembly.Module; instantiation is then synchronous.
import wasmModule from "./classify_sdk_bg.wasm?module";
import { loadAtImport } from "./loader.js";

loadAtImport(() => wasmModule);

export * from "./api.js";
