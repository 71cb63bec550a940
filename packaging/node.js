// Node entry (also Bun, Deno, Jest, Vitest, Next.js's server and one-file service bundles):
// the module's bytes travel inside the JavaScript as base64, which `Buffer` decodes natively
// (≈ 0.2 ms), so nothing is read from disk and a bundle of the app still carries the module.
// Instantiated synchronously at import.
// The module text first: one long run at the start of the bundle, not between the parts of
// the code (gzip only looks 32 KB back).
import { embeddedWasm } from "./embedded-wasm-base64.js";
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(embeddedWasm, compileSource);

export * from "./api.js";
