// Browser and bundler entry: fetches and compiles the module next to this file
// (`new URL(…, import.meta.url)` is understood by Vite, webpack 5 and Parcel).
import init from "./classify_sdk.js";
import { guardExports } from "./support.js";
import * as glue from "./classify_sdk.js";

await init({ module_or_path: new URL("./classify_sdk_bg.wasm", import.meta.url) });
guardExports(glue);

export * from "./classify_sdk.js";
export * from "./errors.js";
