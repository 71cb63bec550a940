// Node only: classifyMany streams. Inputs from an async generator go through the real
// client (wasm, validation, the pace), answered by an in-process `fetch` that completes each job
// at once (a unit test of classifyMany's own bookkeeping: the emulator-backed cases are in
// tests/cases/bulk.mjs); the heap after a full collection must not grow with the inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ClassifyClient } from "classify-sdk";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

/** A job as the API answers it, completed. */
const jobOf = (id, transactionId) => ({
  id, configuration: { rules: [{ type: "invoice", description: "an invoice with a total" }] }, document_input_type: "url",
  file_input: "https://example.com/a.pdf", project_id: "p", status: "COMPLETED", user_id: "u", configuration_id: null,
  created_at: "2026-09-01T12:00:00.000Z", updated_at: "2026-09-01T12:00:05.000Z", error_message: null, parse_job_id: null,
  result: { confidence: 0.9, reasoning: "r", type: "invoice" }, transaction_id: transactionId,
});

/** Heap used after a full collection (the event loop runs first, so finalizers get their turn). */
async function settledHeap() {
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
  return process.memoryUsage().heapUsed;
}

test("classifyMany: 100,000 streamed inputs leave the heap flat, every one accounted for", { timeout: 300_000 }, async () => {
  let created = 0;
  const transactions = new Set();
  const fetch = async (url, init) => {
    if (init.method === "POST") {
      const body = JSON.parse(init.body);
      transactions.add(body.transaction_id);
      created += 1;
      return Response.json(jobOf(`clj-${created}`, body.transaction_id));
    }
    const id = decodeURIComponent(new URL(url).pathname.split("/").pop());
    return Response.json(jobOf(id, null));
  };
  const client = new ClassifyClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9", fetch });
  const count = Number(process.env.BULK_INPUTS || 100_000);
  const rules = [{ type: "invoice", description: "an invoice with a total" }];
  const input = (i) => ({ file_input: `https://example.com/${i}.pdf`, rules });

  // Warm up (the wasm memory, the engine's inline caches), then measure from a settled heap.
  await client.classifyMany(Array.from({ length: 500 }, (_, i) => input(i)), { concurrency: 50, ratePerSecond: Infinity, intervalMs: 50 });
  created = 0;
  transactions.clear();
  async function* inputs() {
    for (let i = 0; i < count; i += 1) {
      if (i % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      yield input(i);
    }
  }
  const start = await settledHeap();
  let seen = 0;
  let midway = 0;
  const summary = await client.classifyMany(inputs(), {
    concurrency: 50, ratePerSecond: Infinity, intervalMs: 50,
    onResult: () => {
      seen += 1;
      if (seen === count / 10) midway = process.memoryUsage().heapUsed;
    },
  });
  assert.equal(summary.total, count);
  assert.equal(summary.succeeded, count);
  assert.equal(summary.failed + summary.cancelled, 0);
  assert.equal(seen, count, "every outcome reported");
  assert.equal(created, count, "one create per document");
  assert.equal(transactions.size, count, "each with its own transaction_id");
  transactions.clear(); // the test's own record, not the client's
  const growth = (await settledHeap()) - start;
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  console.log(`classifyMany: ${count} streamed inputs in ${summary.elapsedMs} ms; heap growth ${mb(growth)} MB after a full collection (${(growth / count).toFixed(1)} B an input); ${mb(midway - start)} MB uncollected at 10%`);
  // Flat: a fixed margin, nothing per input (one retained closure an input would be ≥ 6 MB).
  assert.ok(growth < 4 * 2 ** 20, `classifyMany grew the heap by ${mb(growth)} MB over ${count} inputs`);
});
