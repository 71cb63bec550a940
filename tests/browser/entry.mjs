// Browser entry for the shared suite: bundled by esbuild (tests/browser/run.sh) and loaded by
// index.html. Imports the package by name, as an application bundled for the web would; the
// package's `browser` entry instantiates the wasm module with a top-level await before this runs.
import * as sdk from "classify-sdk";
import { buildCases, runCases } from "../cases.mjs";

const out = document.getElementById("log");
const log = (line) => {
  console.log(line);
  if (out) out.textContent += `${line}\n`;
};

const params = new URLSearchParams(location.search);
const baseUrl = params.get("api");

async function main() {
  if (!baseUrl) throw new Error("missing ?api=<emulator url>");
  if (typeof window === "undefined" || typeof document === "undefined") throw new Error("not running in a page");
  if (typeof sdk.ClassifyClient !== "function") throw new Error("classify-sdk did not export ClassifyClient");
  const env = { runtime: "chromium", baseUrl };
  log(`runtime=chromium origin=${location.origin} api=${baseUrl}`);
  const summary = await runCases(buildCases(sdk, env), log);
  return { passed: summary.passed, failed: summary.failed, results: summary.results };
}

main().then(
  (summary) => { window.__results = summary; },
  (error) => { window.__results = { fatal: String((error && error.stack) || error), passed: 0, failed: 0, results: [] }; },
);
