// Sanity checks on the built package: every file the exports map names exists, and no
// public declaration uses `any`.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pkg = new URL("../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
// The files the exports map points at (its values; its keys are subpaths).
const targetsOf = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targetsOf));
const targets = targetsOf(manifest.exports);
for (const target of [...new Set(targets)]) {
  if (!target.endsWith("/") && !existsSync(new URL(target, pkg))) throw new Error(`pkg is missing ${target}`);
}
for (const file of ["classify_sdk.d.ts", "errors.d.ts", "index.d.ts"]) {
  const text = readFileSync(new URL(file, pkg), "utf8");
  const lines = text.split("\n").filter((line) => /\bany\b/.test(line) && !/^\s*(\*|\/\/|\/\*\*)/.test(line));
  if (lines.length) throw new Error(`${file} uses any:\n${lines.join("\n")}`);
}
// The error classes are listed once (js/support.js → errors.js); the declarations and the
// README must follow that list.
const classes = /export \{ ([^}]+) \}/.exec(readFileSync(new URL("errors.js", pkg), "utf8"))[1].split(", ");
const declarations = readFileSync(new URL("errors.d.ts", pkg), "utf8");
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
for (const name of classes) {
  if (!new RegExp(`export declare class ${name}\\b`).test(declarations)) throw new Error(`errors.d.ts does not declare ${name}`);
  if (!readme.includes(`\`${name}\``)) throw new Error(`README.md does not list ${name}`);
}
console.log(`package check: exports resolve, no \`any\` in public declarations, ${classes.length} error classes declared and documented`);
// Every entry exports packaging/api.js: it must cover every export of the wasm-bindgen glue
// (but the glue's own loaders, which `init` replaces), and each entry must export just that.
const glueExports = Object.keys(await import(new URL("classify_sdk.js", pkg))).filter((name) => name !== "initSync" && name !== "default");
const apiExports = new Set(Object.keys(await import(new URL("api.js", pkg))));
const missing = glueExports.filter((name) => !apiExports.has(name));
if (missing.length) throw new Error(`packaging/api.js does not export ${missing.join(", ")}`);
const require = createRequire(import.meta.url);
for (const entry of ["node.js", "node-file.js", "browser.js", "node.cjs", "browser.cjs"]) {
  const url = new URL(entry, pkg);
  const names = Object.keys(entry.endsWith(".cjs") ? require(url.pathname) : await import(url)).sort().join();
  if (names !== [...apiExports].sort().join()) throw new Error(`${entry} exports differ from api.js`);
}
console.log(`package check: api.js covers the glue's ${glueExports.length} exports; node.js, node-file.js, browser.js and the .cjs twins export exactly api.js`);
