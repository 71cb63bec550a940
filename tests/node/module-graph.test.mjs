// The Rust modules import without a cycle, and `providers` imports none of the modules above it
// (scripts/module-graph.mjs reads every `crate::…` / `super::…` path in src/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

test("the Rust module graph has no cycle and no upward import", () => {
  const script = fileURLToPath(new URL("../../scripts/module-graph.mjs", import.meta.url));
  const out = execFileSync(process.execPath, [script, "--quiet"], { encoding: "utf8" });
  assert.match(out, /no cycle/);
});
