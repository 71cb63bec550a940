// The runtime-agnostic test suite: the same cases run against the built package in Node
// (node --test), in headless Chromium (an esbuild bundle of this file) and in workerd.
// Every case talks to the real local emulator over HTTP. The cases live per provider in
// tests/cases/; this module puts them together and runs them.
import { buildLlamaCloudCases } from "./cases/llamacloud.mjs";
import { buildLlamaCloudWriteCases } from "./cases/llamacloud-writes.mjs";
import { buildUnsiloedCases } from "./cases/unsiloed.mjs";
import { buildHardeningCases } from "./cases/hardening.mjs";
import { buildWebhookCases } from "./cases/webhooks.mjs";
import { buildObserveCases } from "./cases/observe.mjs";
import { buildBulkCases } from "./cases/bulk.mjs";

/**
 * Builds the cases. `sdk` is the imported package, `env` = { baseUrl, runtime }.
 * Returns [{ name, group, run }].
 */
export function buildCases(sdk, env) {
  return [
    ...buildLlamaCloudCases(sdk, env),
    ...buildLlamaCloudWriteCases(sdk, env),
    ...buildUnsiloedCases(sdk, env),
    ...buildHardeningCases(sdk, env),
    ...buildWebhookCases(sdk, env),
    ...buildObserveCases(sdk, env),
    ...buildBulkCases(sdk, env),
  ];
}

/** Runs cases one by one; returns { passed, failed, results }. */
export async function runCases(cases, log = () => {}) {
  const results = [];
  for (const c of cases) {
    const t0 = Date.now();
    try {
      await c.run();
      results.push({ group: c.group, name: c.name, ok: true, ms: Date.now() - t0 });
      log(`ok   ${c.group} › ${c.name}`);
    } catch (error) {
      results.push({ group: c.group, name: c.name, ok: false, ms: Date.now() - t0, error: String(error && error.stack || error) });
      log(`FAIL ${c.group} › ${c.name}\n     ${error && error.message}`);
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, results };
}
