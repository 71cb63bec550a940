// `classify-sdk/slim` bundled by esbuild: the page serves the .wasm itself (copied next to the
// bundle by run.mjs, as a deploy step would) and hands its URL to init.
import { ClassifyClient, getClassifyJob, init, toClassification } from "classify-sdk/slim";
import { report } from "./report.mjs";

await init(new URL("./classify_sdk_bg.wasm", import.meta.url));
report({ ClassifyClient, getClassifyJob, toClassification });
