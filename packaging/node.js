// Node entry for bundlers targeting Node (the `module` condition: esbuild, webpack, Turbopack,
// Rollup), Bun and `require` (as node.cjs): the module's bytes travel inside the JavaScript as
// base64, which `Buffer` decodes natively (≈ 0.2 ms), so a one-file bundle of the app still
// carries the module. Instantiated synchronously at import. (Node itself gets node-file.js.)
import { embeddedWasm } from "./embedded-wasm-base64.js";
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(embeddedWasm, compileSource);

export * from "./api.js";
