// Browser and bundler entry: fetches and compiles the module next to this file
// (`new URL(…, import.meta.url)` is understood by Vite, webpack 5 and Parcel).
import init, { ClassifyClient } from "./classify_sdk.js";
import { guardFreed } from "./support.js";

await init({ module_or_path: new URL("./classify_sdk_bg.wasm", import.meta.url) });
guardFreed(ClassifyClient, ["getClassifyJob", "listResults", "waitForClassifyJob"], ["iterResults", "iterResultPages"]);

export * from "./classify_sdk.js";
export * from "./errors.js";
