// Observability: the onRequest / onResponse / onRetry hooks (order and content per attempt,
// retries, aborts, a hook that throws or rejects), the logger and its levels (every line
// redacted, even when a server echoes the key), and withResponse() (status, request id and
// headers of every call kind). Part of the shared suite (tests/cases.mjs).
import { API_KEY, UNSILOED_API_KEY } from "../emulator/fixtures.mjs";
import { ok, rejects, throws, uid, AssertionFailed } from "../harness.mjs";

/** Deep equality of JSON-like values (arrays and records), with both shown when they differ. */
function eq(actual, expected, message) {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new AssertionFailed(`${message}: got ${a}, expected ${b}`);
}

/** Builds the observability cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildObserveCases(sdk, env) {
  const { ClassifyClient, UnsiloedClient, getClassifyJob } = sdk;
  const base = { apiKey: API_KEY, baseUrl: env.baseUrl };
  const cases = [];
  const test = (name, run) => cases.push({ group: "observe", name, run });
  /** A client whose hooks record into `seen` (kind and info), and a logger into `lines`. */
  const recorded = (extra = {}) => {
    const seen = [];
    const lines = [];
    const logger = Object.fromEntries(["debug", "info", "warn", "error"].map((level) => [level, (line) => lines.push([level, line])]));
    const client = new ClassifyClient({
      ...base,
      onRequest: (info) => seen.push(["request", info]),
      onResponse: (info) => seen.push(["response", info]),
      onRetry: (info) => seen.push(["retry", info]),
      logger,
      logLevel: "debug",
      ...extra,
    });
    return { client, seen, lines };
  };

  test("hooks: one request, one answer: method, URL, attempt, status, time and request id", async () => {
    const { client, seen } = recorded();
    await client.getClassifyJob("clj-completed");
    eq(seen.map(([kind]) => kind), ["request", "response"], "order");
    const [[, request], [, response]] = seen;
    eq([request.method, request.attempt], ["GET", 1], "request info");
    ok(request.url === `${env.baseUrl}/api/v2/classify/clj-completed`, `url ${request.url}`);
    eq([response.status, response.ok, response.attempt], [200, true, 1], "response info");
    ok(typeof response.durationMs === "number" && response.durationMs >= 0, "durationMs");
    ok(/^req_/.test(response.requestId), `requestId ${response.requestId}`);
    ok(Object.isFrozen(request) && Object.isFrozen(response), "info objects are frozen");
  });

  test("hooks: a 503 then a 429 with retry-after-ms, then the job: each attempt, each retry, in order", async () => {
    const { client, seen } = recorded();
    await client.getClassifyJob(`fault-429ms-${uid()}`);
    eq(seen.map(([kind]) => kind), ["request", "response", "retry", "request", "response"], "order");
    const retry = seen[2][1];
    eq([retry.attempt, retry.nextAttempt, retry.status, retry.reason], [1, 2, 429, "RateLimitError"], "retry info");
    eq(retry.delayMs, 120, "the server's delay");
    eq([seen[1][1].ok, seen[1][1].status, seen[1][1].error], [false, 429, "RateLimitError"], "the failed attempt");
    eq([seen[3][1].attempt, seen[4][1].status], [2, 200], "the second attempt");

    const two = recorded({ maxRetries: 3 });
    await two.client.getClassifyJob(`fault-503x2-${uid()}`);
    eq(two.seen.filter(([kind]) => kind === "retry").map(([, info]) => info.nextAttempt), [2, 3], "two retries");
    ok(two.seen.filter(([kind]) => kind === "retry").every(([, info]) => info.delayMs > 0 && info.status === 503), "backoff delays");
  });

  test("hooks: a timeout and an abort are answers with status 0; a call that fails for good is logged as an error", async () => {
    const { client, seen, lines } = recorded({ timeoutMs: 150, maxRetries: 0 });
    await rejects(client.getClassifyJob(`fault-slow-${uid()}`), "TimeoutError");
    eq(seen.map(([kind]) => kind), ["request", "response"], "no retry");
    eq([seen[1][1].status, seen[1][1].ok, seen[1][1].error], [0, false, "TimeoutError"], "timeout info");
    ok(lines.some(([level, line]) => level === "error" && line.includes("failed after 1 attempt")), "error line");
    const controller = new AbortController();
    const call = client.getClassifyJob(`fault-slow-${uid()}`, { signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 50);
    await rejects(call, "AbortError");
    eq(seen.slice(2).map(([kind, info]) => [kind, info.status, info.error]), [["request", undefined, undefined], ["response", 0, "AbortError"]], "abort info");
  });

  test("hooks: a hook that throws, or rejects, never breaks a call, and is reported once through the logger", async () => {
    const lines = [];
    const client = new ClassifyClient({
      ...base,
      onRequest: () => { throw new TypeError(`boom ${API_KEY}`); },
      onResponse: () => Promise.reject(new RangeError("later")),
      logger: { warn: (line) => lines.push(line) },
    });
    for (let i = 0; i < 5; i += 1) eq((await client.getClassifyJob("clj-completed")).id, "clj-completed", "the call still works");
    await new Promise((resolve) => setTimeout(resolve, 20));
    eq(lines.filter((line) => line.includes("onRequest")).length, 1, "the throw reported once");
    eq(lines.filter((line) => line.includes("onResponse")).length, 1, "the rejection reported once");
    ok(lines.every((line) => !line.includes(API_KEY) && !line.includes("boom")), "neither the key nor the hook's message is logged");
    ok(lines[0].includes("TypeError"), `names the error class: ${lines[0]}`);
  });

  test("logger: levels; every line redacted when the server echoes the key into its headers and body", async () => {
    const { client, lines } = recorded({ maxRetries: 0 });
    await rejects(client.getClassifyJob(`fault-echo-${uid()}`), "BadRequestError");
    ok(lines.length >= 3, `lines: ${lines.length}`);
    ok(lines.every(([, line]) => !line.includes(API_KEY)), "the key never appears");
    ok(lines.some(([, line]) => line.includes("req_[redacted]")), "the echoed request id is redacted");
    ok(lines.every(([, line]) => line.startsWith("classify-sdk: ")), "prefixed");
    const quiet = [];
    const warnOnly = new ClassifyClient({ ...base, logger: { debug: (l) => quiet.push(l), info: (l) => quiet.push(l), warn: (l) => quiet.push(l), error: (l) => quiet.push(l) } });
    await warnOnly.getClassifyJob("clj-completed");
    eq(quiet, [], "a logger alone logs warn and above: a good call logs nothing");
    await warnOnly.getClassifyJob(`fault-429ms-${uid()}`);
    eq(quiet.length, 1, "a retry is a warning");
    ok(quiet[0].startsWith("classify-sdk: retrying GET "), quiet[0]);
    const off = new ClassifyClient({ ...base, logLevel: "off", logger: { error: () => { throw new Error("never"); } } });
    await rejects(off.getClassifyJob(`fault-403-${uid()}`), "PermissionDeniedError");
  });

  test("options: hooks must be functions, the logger an object of functions, logLevel a level; per call they are refused", async () => {
    for (const [options, argument] of [
      [{ onRequest: 1 }, "onRequest"], [{ onResponse: "x" }, "onResponse"], [{ onRetry: {} }, "onRetry"],
      [{ logger: 3 }, "logger"], [{ logger: { warn: 1 } }, "logger"], [{ logLevel: "verbose" }, "logLevel"],
      [{ logger: { get warn() { throw new Error("getter"); } } }, "logger"],
    ]) {
      const error = throws(() => new ClassifyClient({ ...base, ...options }), "InvalidArgumentError");
      eq(error.argument, argument, `argument for ${JSON.stringify(Object.keys(options))}`);
    }
    const unsiloedError = throws(() => new UnsiloedClient({ apiKey: UNSILOED_API_KEY, logLevel: "loud" }), "InvalidArgumentError");
    eq(unsiloedError.argument, "logLevel", "Unsiloed too");
    const client = new ClassifyClient(base);
    await rejects(client.getClassifyJob("clj-completed", { onRequest: () => {} }), "InvalidArgumentError", "onRequest");
    // The one-off function takes them with the client options.
    const seen = [];
    await getClassifyJob("clj-completed", { ...base, onResponse: (info) => seen.push(info.status) });
    eq(seen, [200], "one-off getClassifyJob");
  });

  test("hooks: Unsiloed's client reports its requests (api-key never in the URL or a line)", async () => {
    const seen = [];
    const lines = [];
    const client = new UnsiloedClient({
      apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl,
      onResponse: (info) => seen.push(info), logger: { info: (line) => lines.push(line) }, logLevel: "info",
    });
    const job = await client.getClassifyJob("uns-completed");
    eq(seen.map((info) => [info.method, info.status, info.ok]), [["GET", 200, true]], "one answer");
    ok(seen[0].url.endsWith("/classify/uns-completed"), seen[0].url);
    ok(lines.length === 1 && !lines[0].includes(UNSILOED_API_KEY), "one line, no key");
    ok(job.job_id === "uns-completed", "the job");
  });

  test("withResponse(): data with status, request id and headers, for reads, lists, writes and waits", async () => {
    const client = new ClassifyClient(base);
    const view = client.withResponse();
    const read = await view.getClassifyJob("clj-completed");
    eq([read.data.id, read.status], ["clj-completed", 200], "read");
    ok(/^req_/.test(read.requestId), `request id ${read.requestId}`);
    ok(read.headers["content-type"]?.startsWith("application/json"), "headers");
    const list = await view.listClassifyJobs({ page_size: 2 });
    ok(Array.isArray(list.data.items) && list.status === 200 && /^req_/.test(list.requestId), "list");
    const created = await view.createClassifyJob({ file_input: `https://example.com/${uid()}.pdf`, configuration: { rules: [{ type: "invoice", description: "an invoice with a total" }] } });
    ok(created.status === 200 && typeof created.data.id === "string" && /^req_/.test(created.requestId), "create");
    const waited = await view.waitForClassifyJob(created.data.id, { intervalMs: 50, timeoutMs: 10000 });
    eq([waited.data.id, waited.data.status, waited.status], [created.data.id, "COMPLETED", 200], "wait: its last poll");
    ok(waited.requestId !== created.requestId, "a request id of its own");
    const configs = await view.webhookConfigs.list();
    ok(Array.isArray(configs.data) && configs.status === 200, "webhookConfigs");
    // Calls at once never mix their answers.
    const many = await Promise.all(["clj-completed", "clj-running", "clj-completed"].map((id) => view.getClassifyJob(id)));
    eq(new Set(many.map((r) => r.requestId)).size, 3, "three answers, three request ids");
    eq(many.map((r) => r.data.id), ["clj-completed", "clj-running", "clj-completed"], "each its own data");
    // Errors reject as before; the plain client is unaffected.
    await rejects(view.getClassifyJob("clj-nope-404"), "NotFoundError");
    eq((await client.getClassifyJob("clj-completed")).id, "clj-completed", "the client itself still resolves the job");
    const secretHeaders = await new ClassifyClient(base).withResponse().getClassifyJob(`fault-echofield-${uid()}`).catch((e) => e);
    ok(secretHeaders.name === "DecodeError", "a bad answer is still refused");
  });

  test("withResponse(): Unsiloed's submit, read and wait", async () => {
    const client = new UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl });
    const view = client.withResponse();
    const submitted = await view.submitClassification({ fileUrl: `https://example.com/${uid()}.pdf`, categories: [{ name: "invoice" }, { name: "receipt" }] });
    eq(submitted.status, 202, "202 Accepted");
    ok(/^req_/.test(submitted.requestId), "request id");
    const read = await view.getClassifyJob(submitted.data.job_id);
    eq([read.data.job_id, read.status], [submitted.data.job_id, 200], "read");
  });
  return cases;
}
