// Node only: wasm linear memory stays flat under hostile error bodies. Linear memory never
// shrinks, so a body copied into it would be paid for the life of the process. This test
// instantiates its own copy of the module (from the package's unbundled glue) to read its
// memory, and sends 36 requests answered by 503s with 12 MB bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useEmulator } from "../emulator/hooks.mjs";
import { API_KEY } from "../emulator/fixtures.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const emulator = useEmulator();

test("wasm memory stays flat across 36 calls answered by 503s with 12 MB bodies", async () => {
  const glue = await import(new URL("classify_sdk.js", pkg));
  const wasm = glue.initSync({ module: readFileSync(new URL("classify_sdk_bg.wasm", pkg)) });
  const client = new glue.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url, maxRetries: 1 });
  // Warm up: the first calls allocate the client's lasting state.
  await client.getClassifyJob("clj-completed");
  const start = wasm.memory.buffer.byteLength;
  for (let round = 0; round < 3; round++) {
    const settled = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => client.getClassifyJob(`fault-huge503-${round}-${i}-${Date.now()}`)),
    );
    for (const result of settled) {
      assert.equal(result.status, "rejected");
      assert.equal(result.reason.name, "InternalServerError");
    }
  }
  const grown = wasm.memory.buffer.byteLength - start;
  console.log(`wasm memory: ${start} B before, grew by ${grown} B over 36 huge error bodies`);
  assert.ok(grown <= 1024 * 1024, `grew by ${grown} B`);
  assert.equal((await client.getClassifyJob("clj-completed")).status, "COMPLETED");
});

test("wasm memory stays flat when a custom fetch answers with megabyte-long retry headers", async () => {
  const glue = await import(new URL("classify_sdk.js", pkg));
  const wasm = glue.initSync({ module: readFileSync(new URL("classify_sdk_bg.wasm", pkg)) });
  const huge = "9".repeat(1024 * 1024);
  const fetch = async () => ({ status: 503, headers: { "retry-after": huge, "retry-after-ms": huge, "x-should-retry": huge }, text: async () => "{}" });
  const client = new glue.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url, maxRetries: 0, fetch });
  await client.getClassifyJob("warm-up").catch(() => {});
  const start = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 40; i++) {
    const error = await client.getClassifyJob(`j${i}`).then(() => null, (e) => e);
    assert.equal(error && error.name, "InternalServerError");
  }
  const grown = wasm.memory.buffer.byteLength - start;
  console.log(`wasm memory grew by ${grown} B over 40 answers with 1 MiB retry headers`);
  assert.ok(grown <= 1024 * 1024, `grew by ${grown} B`);
});

test("nothing stays behind per call: 20,000 lookups leave wasm memory and the JS heap flat", { timeout: 120_000 }, async () => {
  const { setFlagsFromString } = await import("node:v8");
  const { runInNewContext } = await import("node:vm");
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  const glue = await import(new URL("classify_sdk.js", pkg));
  const wasm = glue.initSync({ module: readFileSync(new URL("classify_sdk_bg.wasm", pkg)) });
  const job = (id) => ({
    id, configuration: { rules: [{ type: "invoice", description: "an invoice with a total" }] }, document_input_type: "url",
    file_input: "https://example.com/a.pdf", project_id: "p", status: "COMPLETED", user_id: "u", configuration_id: null,
    created_at: "2026-09-01T12:00:00.000Z", updated_at: "2026-09-01T12:00:05.000Z", error_message: null, parse_job_id: null,
    result: { confidence: 0.9, reasoning: "r", type: "invoice" }, transaction_id: null,
  });
  // Answered at once, so every attempt's timeout and abort wiring is set up and taken down.
  const fetch = async (url) => Response.json(job(decodeURIComponent(new URL(url).pathname.split("/").pop())));
  const client = new glue.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url, fetch });
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    return { heap: process.memoryUsage().heapUsed, linear: wasm.memory.buffer.byteLength };
  };
  for (let i = 0; i < 1000; i++) await client.getClassifyJob(`clj-${i}`);
  const start = await settled();
  const calls = 20_000;
  for (let i = 0; i < calls; i++) {
    await client.getClassifyJob(`clj-${i}`);
    if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const end = await settled();
  const heapPerCall = (end.heap - start.heap) / calls;
  console.log(`${calls} lookups: wasm memory grew by ${end.linear - start.linear} B, the JS heap by ${heapPerCall.toFixed(1)} B a call`);
  assert.ok(end.linear - start.linear <= 128 * 1024, `wasm memory grew by ${end.linear - start.linear} B`);
  // One closure kept per call would be ≥ 100 B a call.
  assert.ok(heapPerCall < 50, `the heap grew by ${heapPerCall.toFixed(1)} B a call`);
});
