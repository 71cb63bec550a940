// Node entry: loads the module synchronously from the package folder; no flags needed.
import { readFileSync } from "node:fs";
import { initSync } from "./classify_sdk.js";

initSync({ module: readFileSync(new URL("./classify_sdk_bg.wasm", import.meta.url)) });

export * from "./classify_sdk.js";
export * from "./errors.js";
