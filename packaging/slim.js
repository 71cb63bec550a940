// `classify-sdk/slim`: the package without the module inside it, for pages that serve the
// `.wasm` themselves (their own caching, a CSP that names it, the smallest download: the
// module travels as the binary, which compresses a little better than the text the browser
// entry carries). Nothing works until `await init(source)`: the URL of
// `classify-sdk/classify_sdk_bg.wasm` as the app's bundler or server publishes it, a
// `Response`, its bytes or a compiled module.
import { loadAtImport } from "./loader.js";
import { compileSource } from "./compile.js";

loadAtImport(() => undefined, compileSource);

export * from "./api.js";
