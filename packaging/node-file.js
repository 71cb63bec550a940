// Node entry for Node itself (and Deno): reads the module from the package folder, which is
// faster at start-up than carrying it (a module file with the bytes in it costs Node's loader
// ≈ 0.6 ms more than reading the 145 KB binary). `process.getBuiltinModule` (Node ≥ 20.16)
// hands over `fs` without building an ES-module namespace for it (≈ 1.1 ms). Bundlers and
// `require` get node.js / node.cjs, which carry the module. Should the read fail (the package
// copied without its `.wasm`, Node before 20.16), the embedded bytes load asynchronously:
// promise-returning calls wait for them.
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(
  () => globalThis.process.getBuiltinModule("node:fs").readFileSync(new URL("./classify_sdk_bg.wasm", import.meta.url)),
  compileSource,
  () => import("./embedded-wasm-base64.js").then((embedded) => embedded.embeddedWasm()),
);

export * from "./api.js";
