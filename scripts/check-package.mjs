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

// Facts that cross the language line. Codes and limits: every `pub const` of src/js.rs has the
// same name and value in js/support.js's shared section, and that section holds nothing else.
const root = new URL("../", import.meta.url);
const supportText = readFileSync(new URL("js/support.js", root), "utf8");
const shared = /\/\/ -{10} limits and codes shared with the Rust core[^\n]*\n([\s\S]*?)\n\/\/ -{10}/.exec(supportText);
if (!shared) throw new Error("js/support.js has no `limits and codes shared with the Rust core` section");
const jsCodes = new Map([...shared[1].matchAll(/^(?:export )?const ([A-Z_]+) = (-?[\d.]+);/gm)].map((m) => [m[1], Number(m[2])]));
const rustCodes = new Map(
  [...readFileSync(new URL("src/js.rs", root), "utf8").matchAll(/^pub const ([A-Z_]+): \w+ = (-?[\d_.]+);/gm)].map((m) => [m[1], Number(m[2].replace(/_/g, ""))]),
);
// (MAX_STRING_CHARS is Rust's own bound, handed to JS as an argument; MAX_MESSAGE_CHARS and
// MAX_SHORT_CHARS bound text JS cuts before Rust sees it.)
const onlyRust = [...rustCodes.keys()].filter((name) => !jsCodes.has(name) && name !== "MAX_STRING_CHARS");
const onlyJs = [...jsCodes.keys()].filter((name) => !rustCodes.has(name) && !/^(MAX_MESSAGE_CHARS|MAX_SHORT_CHARS)$/.test(name));
const differ = [...rustCodes].filter(([name, value]) => jsCodes.has(name) && jsCodes.get(name) !== value).map(([name]) => name);
if (onlyRust.length || onlyJs.length || differ.length) {
  throw new Error(`codes shared by src/js.rs and js/support.js disagree: only in Rust ${onlyRust.join(", ") || "-"}; only in JS ${onlyJs.join(", ") || "-"}; values differ ${differ.join(", ") || "-"}`);
}
// Error classes, both ways: every class name the Rust core (src/) or the JS entries create is
// a class of js/support.js's list (else it would silently become a plain `ClassifyError`), and
// every class of the list is created somewhere, or is a base of others.
const created = new Set();
const sources = [
  ...["error.rs", "transport.rs", "config.rs", "options.rs", "validation.rs"].map((f) => `src/${f}`),
  "js/support.js", "packaging/webhooks.js", "packaging/watch.js", "packaging/bulk.js", "packaging/api.js",
];
for (const file of sources) {
  const text = readFileSync(new URL(file, root), "utf8").replace(/^export class .*$/gm, "");
  for (const m of text.matchAll(/"([A-Z][A-Za-z]*Error)"/g)) created.add(m[1]);
}
const listed = new Set(classes);
const unknown = [...created].filter((name) => !listed.has(name));
if (unknown.length) throw new Error(`error names created but not in js/support.js's class list: ${unknown.join(", ")}`);
const bases = new Set([...supportText.matchAll(/^export class \w+ extends (\w+)/gm)].map((m) => m[1]));
const unused = classes.filter((name) => !created.has(name) && !bases.has(name));
if (unused.length) throw new Error(`error classes nothing creates: ${unused.join(", ")}`);
console.log(`package check: ${rustCodes.size} shared codes and limits agree between src/js.rs and js/support.js; ${created.size} created error names are all classes, and every class is created or a base`);
