// CI size check: fails when the gzipped browser download of the two-call app (its bundle,
// which carries the module)
// grows more than 5 % past the figure recorded in BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { measureSizes } from "./size.mjs";

const text = readFileSync(new URL("../BENCHMARKS.md", import.meta.url), "utf8");
const recorded = Number((/size-budget-baseline: (\d+) bytes/.exec(text) || [])[1]);
if (!recorded) throw new Error("BENCHMARKS.md has no `size-budget-baseline: N bytes` line");
const { ours } = await measureSizes();
const limit = Math.floor(recorded * 1.05);
const ok = ours.gz <= limit;
console.log(`size budget: ${ours.gz} B gzipped (the browser bundle, module included; brotli ${ours.br} B); recorded ${recorded} B, limit ${limit} B`);
console.log(`size budget: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
