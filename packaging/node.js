// Node entry: loads the module synchronously from the package folder; no flags needed.
// `process.getBuiltinModule` (Node ≥ 20.16) hands over `fs` without building an ES-module
// namespace for it, which a static `import … from "node:fs"` does (≈ 1.1 ms at start-up).
import { initSync } from "./classify_sdk.js";
import { guardExports } from "./support.js";
import * as glue from "./classify_sdk.js";

const fs = globalThis.process?.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: fs.readFileSync(new URL("./classify_sdk_bg.wasm", import.meta.url)) });
guardExports(glue);

export * from "./classify_sdk.js";
export * from "./errors.js";
