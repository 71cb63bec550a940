// Node entry: loads the module synchronously from the package folder; no flags needed.
// `process.getBuiltinModule` (Node ≥ 20.16) hands over `fs` without building an ES-module
// namespace for it, which a static `import … from "node:fs"` does (≈ 1.1 ms at start-up).
import { initSync, ClassifyClient } from "./classify_sdk.js";
import { guardFreed } from "./support.js";

const fs = globalThis.process?.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: fs.readFileSync(new URL("./classify_sdk_bg.wasm", import.meta.url)) });
guardFreed(ClassifyClient, ["getClassifyJob", "listResults", "waitForClassifyJob"], ["iterResults", "iterResultPages"]);

export * from "./classify_sdk.js";
export * from "./errors.js";
