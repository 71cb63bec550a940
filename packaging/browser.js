// Browser and bundler entry (Vite, webpack, Turbopack, Rollup, Parcel, esbuild, native ESM):
// the module's bytes travel inside the JavaScript (embedded-wasm.js, a code that gzip and
// brotli shrink about as well as the binary), so there is no `.wasm` asset for a bundler or
// dev server to find, and the module is instantiated synchronously at import.
// The module text first: one long run at the start of the bundle, not between the parts of
// the code (gzip only looks 32 KB back).
import { embeddedWasm } from "./embedded-wasm.js";
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(embeddedWasm, compileSource);

export * from "./api.js";
