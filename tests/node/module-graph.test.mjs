// The Rust modules import without a cycle, and `providers` imports none of the modules above it
// (scripts/module-graph.mjs reads every `crate::…` / `super::…` path in src/); every export in
// src/bindings stays a few lines (scripts/binding-size.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

test("the Rust module graph has no cycle and no upward import", () => {
  const script = fileURLToPath(new URL("../../scripts/module-graph.mjs", import.meta.url));
  const out = execFileSync(process.execPath, [script, "--quiet"], { encoding: "utf8" });
  assert.match(out, /no cycle/);
});

test("every export in src/bindings is at most 5 lines", () => {
  const script = fileURLToPath(new URL("../../scripts/binding-size.mjs", import.meta.url));
  const out = execFileSync(process.execPath, [script, "--quiet"], { encoding: "utf8" });
  assert.match(out, /each at most 5 lines/);
});
