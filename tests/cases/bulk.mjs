// classifyMany / iterClassifyMany: many documents against the emulator's job-creation limit
// (tests/emulator/limits.mjs counts, server-side, what reached it in each second and the jobs
// actually made), for both providers; abort, early break, a streamed input, failures, options.
// Part of the shared suite (tests/cases.mjs).
import { API_KEY, UNSILOED_API_KEY } from "../emulator/fixtures.mjs";
import { ok, rejects, uid, emulator, AssertionFailed } from "../harness.mjs";

/** Deep equality of JSON-like values, with both shown when they differ. */
function eq(actual, expected, message) {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new AssertionFailed(`${message}: got ${a}, expected ${b}`);
}

/** Builds the bulk cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildBulkCases(sdk, env) {
  const { ClassifyClient, UnsiloedClient } = sdk;
  const cases = [];
  const test = (name, run) => cases.push({ group: "bulk", name, run });
  const rules = [{ type: "invoice", description: "an invoice: a number, line items and a total" }];
  const fast = { intervalMs: 50, maxIntervalMs: 100, maxWaitMs: 20000 };
  // The runtimes the job-creation limit is measured in at full size; the others run a tenth.
  const full = ["node", "workerd", "chromium"].includes(env.runtime);
  /** A client whose creations are counted in a fresh emulator bucket limited to `limit`/s. */
  const limited = (limit, extra = {}) => {
    const bucket = `b-${uid()}`;
    const headers = { "x-emulator-create-limit": `${bucket}:${limit}` };
    const client = new ClassifyClient({ apiKey: API_KEY, baseUrl: env.baseUrl, headers, ...extra });
    return { client, bucket, counts: () => emulator(env, `limits?bucket=${bucket}`) };
  };
  const documents = (count, prefix = "doc") => Array.from({ length: count }, (_, i) => ({ file_input: `https://example.com/${prefix}-${uid()}-${i}.pdf`, rules }));

  test("classifyMany: 300 documents, concurrency 20, 10/s against a limit of 12/s: never more than 12 in a second, every document one job", async () => {
    const count = full ? 300 : 30;
    const { client, counts } = limited(12);
    const seen = new Set();
    let inFlight = 0;
    let maxInFlight = 0;
    const inputs = documents(count);
    // Documents in flight: from when the input is pulled to when its outcome arrives.
    async function* pulled() {
      for (const input of inputs) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        yield input;
      }
    }
    const started = Date.now();
    const summary = await client.classifyMany(pulled(), {
      concurrency: 20, ratePerSecond: 10, ...fast,
      onResult: (outcome) => { inFlight -= 1; seen.add(outcome.index); },
    });
    const elapsed = Date.now() - started;
    eq(summary.total, count, "total");
    eq(summary.succeeded, count, `succeeded (failed ${summary.failed}, cancelled ${summary.cancelled})`);
    eq(summary.succeeded + summary.failed + summary.cancelled, count, "accounted for");
    eq(seen.size, count, "every index reported once");
    ok(maxInFlight <= 21, `at most 20 in flight (saw ${maxInFlight})`);
    const server = await counts();
    ok(server.maxRequestsPerSecond <= 12, `at most 12 creations reached the server in a second (saw ${server.maxRequestsPerSecond})`);
    eq(server.refused, 0, "none refused");
    eq(server.created, count, "one job per document");
    ok(elapsed >= ((count - 1) / 10) * 1000 - 150, `paced at 10/s (${elapsed} ms for ${count})`);
  });

  test("classifyMany: a limit below the rate (4/s, asked 20/s): 429s slow every document down at once; all complete, one job each", async () => {
    const count = full ? 40 : 12;
    const { client, counts } = limited(4, { maxRetries: 10 });
    const summary = await client.classifyMany(documents(count), { concurrency: 10, ratePerSecond: 20, ...fast });
    eq([summary.total, summary.succeeded], [count, count], "all succeeded");
    const server = await counts();
    eq(server.created, count, "one job per document, retries included");
    ok(server.maxAcceptedPerSecond <= 4, "the server's limit held");
    ok(server.refused >= 1, "the limit was hit");
    // Each refusal pauses everyone and halves the pace: a few refusals, not one per document.
    ok(server.refused <= Math.ceil(count / 3), `refusals ${server.refused} for ${count} documents`);
  });

  test("classifyMany (Unsiloed): submissions paced, each with its own Idempotency-Key; a failed job is a failed outcome", async () => {
    const bucket = `b-${uid()}`;
    const client = new UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl, headers: { "x-emulator-create-limit": `${bucket}:12` } });
    const count = full ? 30 : 8;
    const categories = [{ name: "invoice" }, { name: "receipt" }];
    const inputs = Array.from({ length: count }, (_, i) => ({ categories, fileUrl: `https://example.com/${i === 3 ? "fail" : "ok"}-${uid()}-${i}.pdf` }));
    const outcomes = [];
    const summary = await client.classifyMany(inputs, { concurrency: 8, ratePerSecond: 10, ...fast, onResult: (o) => outcomes.push(o) });
    eq([summary.total, summary.succeeded, summary.failed], [count, count - 1, 1], "counts");
    const failed = outcomes.find((o) => o.status === "failed");
    eq([failed.index, failed.error.name], [3, "JobFailedError"], "the failed one");
    ok(failed.job && failed.input === inputs[3], "its job and input");
    const server = await emulator(env, `limits?bucket=${bucket}`);
    eq([server.created, server.refused], [count, 0], "one job each, none refused");
    ok(server.maxRequestsPerSecond <= 12, "paced");
  });

  test("classifyMany: abort halfway: documents in flight end cancelled, AbortError with the summary, no request left in flight", async () => {
    let open = 0;
    const client = new ClassifyClient({
      apiKey: API_KEY, baseUrl: env.baseUrl,
      onRequest: () => { open += 1; }, onResponse: () => { open -= 1; },
    });
    const controller = new AbortController();
    let ended = 0;
    const run = client.classifyMany(documents(60), {
      concurrency: 6, ratePerSecond: 50, intervalMs: 200, signal: controller.signal,
      onResult: () => { if (++ended === 10) controller.abort(); },
    });
    const error = await rejects(run, "AbortError");
    ok(error.summary && error.summary.total >= 10 && error.summary.total < 60, `summary ${JSON.stringify(error.summary)}`);
    ok(error.summary.cancelled >= 1, "those in flight were cancelled");
    eq(error.summary.succeeded + error.summary.failed + error.summary.cancelled, error.summary.total, "accounted for");
    eq(open, 0, "no attempt left in flight");
  });

  test("iterClassifyMany: outcomes in completion order; break stops the rest and leaves nothing in flight", async () => {
    let open = 0;
    const client = new ClassifyClient({ apiKey: API_KEY, baseUrl: env.baseUrl, onRequest: () => { open += 1; }, onResponse: () => { open -= 1; } });
    const inputs = documents(20);
    const order = [];
    for await (const outcome of client.iterClassifyMany(inputs, { concurrency: 4, ratePerSecond: 100, ...fast })) {
      order.push(outcome.index);
      ok(outcome.status === "succeeded", `outcome ${outcome.index}: ${outcome.status} ${outcome.error?.name}`);
      if (order.length === 6) break;
    }
    eq(new Set(order).size, 6, "six distinct documents");
    eq(open, 0, "break left no attempt in flight");
  });

  test("classifyMany: a streamed input is pulled as slots free up; bad inputs are failed outcomes; a throwing onResult changes nothing", async () => {
    const client = new ClassifyClient({ apiKey: API_KEY, baseUrl: env.baseUrl });
    let pulledAhead = 0;
    let pulled = 0;
    let ended = 0;
    const count = 2000;
    async function* stream() {
      for (let i = 0; i < count; i += 1) {
        pulled += 1;
        pulledAhead = Math.max(pulledAhead, pulled - ended);
        yield i % 2 ? {} : { rules }; // neither file nor file_input: refused before any request
      }
    }
    const summary = await client.classifyMany(stream(), {
      concurrency: 8,
      onResult: (outcome) => {
        ended += 1;
        if (outcome.error.name !== "InvalidArgumentError") throw new Error(`unexpected ${outcome.error.name}`);
        throw new Error("a careless callback");
      },
    });
    eq([summary.total, summary.failed], [count, count], "every input accounted for");
    ok(pulledAhead <= 9, `pulled at most concurrency + 1 ahead (saw ${pulledAhead})`);
  });

  test("classifyMany: options are checked (named, never echoed); inputs must be iterable", async () => {
    const client = new ClassifyClient({ apiKey: API_KEY, baseUrl: env.baseUrl });
    for (const [options, argument] of [
      [{ concurrency: 0 }, "concurrency"], [{ concurrency: 101 }, "concurrency"], [{ concurrency: 2.5 }, "concurrency"],
      [{ ratePerSecond: 0 }, "ratePerSecond"], [{ ratePerSecond: Number.NaN }, "ratePerSecond"], [{ ratePerSecond: "10" }, "ratePerSecond"],
      [{ onResult: "x" }, "onResult"], [{ signal: {} }, "signal"], [{ concurrancy: 3 }, "concurrancy"],
      [{ get timeoutMs() { throw new Error("getter"); } }, "timeoutMs"], [{ maxWaitMs: 1000, timeoutMs: 1000 }, "timeoutMs"],
    ]) {
      const error = await rejects(client.classifyMany([], options), "InvalidArgumentError", argument);
      eq(error.argument, argument, `argument ${argument}`);
    }
    await rejects(client.classifyMany(42), "InvalidArgumentError", "inputs");
    const empty = await client.classifyMany([]);
    eq([empty.total, empty.succeeded], [0, 0], "no inputs, nothing to do");
    const iterator = client.iterClassifyMany([], { onResult: () => {} });
    await rejects(iterator.next(), "InvalidArgumentError", "onResult is classifyMany's");
  });
  return cases;
}
