// Sanity checks on the built package: every file the exports map names exists, and no
// public declaration uses `any`.
import { existsSync, readFileSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
const targets = JSON.stringify(manifest.exports).match(/"\.\/[^"]+"/g).map((t) => JSON.parse(t));
for (const target of [...new Set(targets)]) {
  if (!target.endsWith("/") && !existsSync(new URL(target, pkg))) throw new Error(`pkg is missing ${target}`);
}
for (const file of ["classify_sdk.d.ts", "errors.d.ts", "index.d.ts"]) {
  const text = readFileSync(new URL(file, pkg), "utf8");
  const lines = text.split("\n").filter((line) => /\bany\b/.test(line) && !/^\s*(\*|\/\/|\/\*\*)/.test(line));
  if (lines.length) throw new Error(`${file} uses any:\n${lines.join("\n")}`);
}
console.log("package check: exports resolve, no `any` in public declarations");
