// Attacks on the package as a hostile server and a careless caller would make them: every
// case must end in a typed error (or a value), never an uncaught exception, a promise that
// never settles, a dead wasm instance or a leaked key. Shared by Node, Chromium and workerd;
// the servers are the local emulator's hostile scenarios (tests/emulator/server.mjs).
import { API_KEY, BAD_IDS, RESULTS_2500, UNSILOED_API_KEY } from "../emulator/fixtures.mjs";
import { ok, eq, rejects, throws, uid, recordingFetch, sampleFile } from "../harness.mjs";

/** Builds the hardening cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildHardeningCases(sdk, env) {
  const { getClassifyJob, listResults, ClassifyClient } = sdk;
  const base = { apiKey: API_KEY, baseUrl: env.baseUrl };
  const cases = [];
  const test = (name, run) => cases.push({ group: "hardening", name, run });
  const client = new ClassifyClient({ ...base, timeoutMs: 5000 });
  const timed = async (fn) => {
    const t0 = Date.now();
    const value = await fn();
    return [value, Date.now() - t0];
  };
  const healthy = async (c = client) => eq((await c.getClassifyJob("clj-completed")).status, "COMPLETED", "a normal call still works");
  const noKey = (value, label) => ok(!JSON.stringify(value ?? null).includes(API_KEY), `${label} must not contain the key`);
  const never = () => new Promise(() => {});

  // ---------- JS exceptions never unwind through wasm ----------
  test("3,300 constructions with a throwing getter throw InvalidArgumentError; the instance lives", async () => {
    const options = { ...base };
    Object.defineProperty(options, "timeoutMs", { enumerable: true, get() { throw new Error("getter boom"); } });
    for (let i = 0; i < 3300; i++) {
      const error = throws(() => new ClassifyClient(options), "InvalidArgumentError");
      if (i === 0) {
        eq(error.argument, "timeoutMs");
        ok(error instanceof sdk.InvalidArgumentError);
      }
    }
    await healthy(new ClassifyClient(base));
  });
  test("a throwing getter on a per-call option rejects, naming it", async () => {
    const options = {};
    Object.defineProperty(options, "signal", { enumerable: true, get() { throw new Error("boom"); } });
    const error = await rejects(client.getClassifyJob("clj-completed", options), "InvalidArgumentError");
    eq(error.argument, "signal");
  });
  test("a revoked Proxy as options is InvalidArgumentError (sync and async paths)", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    throws(() => new ClassifyClient(proxy), "InvalidArgumentError");
    throws(() => client.iterResults(RESULTS_2500, proxy), "InvalidArgumentError");
    await rejects(getClassifyJob("clj-completed", proxy), "InvalidArgumentError");
    await rejects(client.waitForClassifyJob("clj-completed", proxy), "InvalidArgumentError");
    const { proxy: revokedSignal, revoke: r2 } = Proxy.revocable({}, {});
    r2();
    await rejects(client.getClassifyJob("clj-completed", { signal: revokedSignal }), "InvalidArgumentError");
    await healthy();
  });
  for (const [label, signal] of [["{}", {}], ["{ aborted: false }", { aborted: false }], ["a string", "abort"]]) {
    test(`signal ${label} is InvalidArgumentError`, async () => {
      const error = await rejects(client.getClassifyJob("clj-completed", { signal }), "InvalidArgumentError");
      eq(error.argument, "signal");
      await rejects(client.waitForClassifyJob("clj-completed", { signal }), "InvalidArgumentError");
      throws(() => client.iterResults(RESULTS_2500, { signal }), "InvalidArgumentError");
    });
  }
  const junk = [
    ["{}", () => ({}), "ConnectionError"],
    ["a number", () => 42, "ConnectionError"],
    ["{ status: Symbol() }", () => ({ status: Symbol("s"), text: () => "{}" }), "ConnectionError"],
    ["status 70000", () => ({ status: 70000, text: () => "{}" }), "ConnectionError"],
    ["a throwing status getter", () => ({ get status() { throw new Error("status boom"); } }), "ConnectionError"],
    ["a revoked Proxy", () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }, "ConnectionError"],
    ["an Error whose message getter throws", () => { const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw new Error("message boom"); } }); return Promise.reject(e); }, "ConnectionError"],
    ["a rejection with a non-Error", () => Promise.reject(Symbol("weird")), "ConnectionError"],
    ["{ status: 200, json: () => ({}) }", () => ({ status: 200, json: () => ({}) }), "DecodeError"],
    ["text() that throws", () => ({ status: 200, text() { throw new Error("text boom"); } }), "ConnectionError"],
  ];
  for (const [label, answer, name] of junk) {
    test(`a custom fetch resolving ${label} rejects with ${name}`, async () => {
      const c = new ClassifyClient({ ...base, maxRetries: 0, fetch: () => answer() });
      await rejects(c.getClassifyJob("clj-completed"), name);
    });
  }
  test("2,500 junk custom-fetch answers, then a normal call", async () => {
    const c = new ClassifyClient({ ...base, maxRetries: 0, fetch: () => ({ get status() { throw new Error("boom"); } }) });
    for (let batch = 0; batch < 2500; batch += 250) {
      const settled = await Promise.allSettled(Array.from({ length: 250 }, () => c.getClassifyJob("clj-completed")));
      ok(settled.every((r) => r.status === "rejected" && r.reason.name === "ConnectionError"), "all typed");
    }
    await healthy();
  });
  test("a method called after free() rejects (or throws) InvalidArgumentError; a second free() is a no-op", async () => {
    const c = new ClassifyClient(base);
    c.free();
    c.free();
    const error = await rejects(c.getClassifyJob("clj-completed"), "InvalidArgumentError");
    eq(error.argument, "this");
    await rejects(c.listResults(RESULTS_2500), "InvalidArgumentError");
    await rejects(c.waitForClassifyJob("clj-completed"), "InvalidArgumentError");
    throws(() => c.iterResults(RESULTS_2500), "InvalidArgumentError");
    const detached = client.getClassifyJob;
    await rejects(detached("clj-completed"), "InvalidArgumentError", "a method called without its object");
    await healthy();
  });

  // ---------- validation never formats a value ----------
  test("a 5,000-deep array in status is a short DecodeError; 2,200 of them, then a normal call", async () => {
    const c = new ClassifyClient({ ...base, maxRetries: 0 });
    const error = await rejects(c.getClassifyJob(`fault-deep-${uid()}`), "DecodeError");
    eq(error.field, "status");
    ok(error.message.includes("expected a string, got an array"), error.message);
    ok(error.message.length < 200, "bounded message");
    for (let batch = 0; batch < 2200; batch += 100) {
      const settled = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => c.getClassifyJob(`fault-deep-${batch + i}-${uid()}`)));
      ok(settled.every((r) => r.status === "rejected" && r.reason.name === "DecodeError"), "all typed");
    }
    await healthy(c);
  });
  test("a non-finite number (1e400) is a DecodeError", async () => {
    const error = await rejects(client.getClassifyJob(`fault-infinite-${uid()}`), "DecodeError");
    eq(error.field, "result.confidence");
    ok(error.message.includes("finite"), error.message);
  });
  test("a key echoed in a field of the wrong type stays out of the DecodeError", async () => {
    const error = await rejects(client.getClassifyJob(`fault-echofield-${uid()}`), "DecodeError");
    eq(error.field, "status");
    ok(error.message.includes("expected a string, got an object"), error.message);
  });

  // ---------- bounded everything ----------
  test("12 concurrent 503s with 12 MB bodies: bodies capped at 64 KiB, then a normal call", async () => {
    const c = new ClassifyClient({ ...base, maxRetries: 1 });
    const settled = await Promise.allSettled(Array.from({ length: 12 }, () => c.getClassifyJob(`fault-huge503-${uid()}`)));
    for (const result of settled) {
      eq(result.status, "rejected");
      eq(result.reason.name, "InternalServerError");
      eq(result.reason.attempts, 2);
      ok(String(result.reason.body).length <= 65537, `body excerpt bounded (64 KiB and an ellipsis) (${String(result.reason.body).length})`);
      ok(result.reason.message.length < 700, "message bounded");
    }
    await healthy(c);
  });
  test("requestId is capped", async () => {
    const error = await rejects(client.getClassifyJob(`fault-longid-${uid()}`), "NotFoundError");
    ok(error.requestId.length <= 201, `requestId ${error.requestId.length} chars`);
  });
  test("a custom fetch that never settles times out at timeoutMs", async () => {
    const c = new ClassifyClient({ ...base, fetch: never, maxRetries: 0, timeoutMs: 300 });
    const [error, ms] = await timed(() => rejects(c.getClassifyJob("clj-completed"), "TimeoutError"));
    ok(ms >= 280 && ms < 900, `gave up after ${ms} ms`);
    eq(error.attempts, 1);
  });
  test("a custom fetch that never settles stops at the caller's abort", async () => {
    const c = new ClassifyClient({ ...base, fetch: never });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const [, ms] = await timed(() => rejects(c.getClassifyJob("clj-completed", { signal: controller.signal }), "AbortError"));
    ok(ms < 700, `aborted after ${ms} ms`);
  });
  test("a wait of 400 ms against a server that never answers rejects TimeoutError in < 600 ms", async () => {
    const [error, ms] = await timed(() => rejects(client.waitForClassifyJob(`fault-hang-${uid()}`, { timeoutMs: 400 }), "TimeoutError"));
    ok(ms >= 380 && ms < 600, `rejected after ${ms} ms`);
    ok(error instanceof sdk.TimeoutError);
  });
  test("a wait's deadline holds against a never-settling custom fetch", async () => {
    const c = new ClassifyClient({ ...base, fetch: never });
    const [, ms] = await timed(() => rejects(c.waitForClassifyJob("clj-pending", { timeoutMs: 300 }), "TimeoutError"));
    ok(ms >= 280 && ms < 500, `rejected after ${ms} ms`);
  });
  test("classify()'s timeoutMs covers the upload and the create too", async () => {
    const c = new ClassifyClient({ ...base, fetch: never });
    const rules = [{ type: "invoice", description: "an invoice with a total" }];
    const file = new Blob(["%PDF-1.4"], { type: "application/pdf" });
    const [, ms] = await timed(() => rejects(c.classify({ file, rules }, { timeoutMs: 300 }), "TimeoutError"));
    ok(ms >= 280 && ms < 600, `rejected after ${ms} ms`);
    const u = new sdk.UnsiloedClient({ baseUrl: env.baseUrl, fetch: never });
    const [, ums] = await timed(() => rejects(u.classify({ categories: [{ name: "a" }], fileUrl: "https://example.com/a.pdf" }, { timeoutMs: 300 }), "TimeoutError"));
    ok(ums >= 280 && ums < 600, `rejected after ${ums} ms`);
  });
  test("intervalMs: 0 polls at most 20 times a second", async () => {
    let calls = 0;
    const c = new ClassifyClient({ ...base, fetch: (url, init) => { calls++; return fetch(url, init); } });
    await rejects(c.waitForClassifyJob("clj-pending", { intervalMs: 0, maxIntervalMs: 0, timeoutMs: 500 }), "TimeoutError");
    ok(calls >= 3 && calls <= 12, `${calls} polls in 500 ms`);
  });
  for (const [label, options, argument] of [
    ["timeoutMs: 0", { timeoutMs: 0 }, "timeoutMs"],
    ["timeoutMs: Infinity", { timeoutMs: Infinity }, "timeoutMs"],
    ["maxRetries: 4294967295", { maxRetries: 4294967295 }, "maxRetries"],
    ["maxRetries: 11", { maxRetries: 11 }, "maxRetries"],
    ["maxRetryDelayMs: -1", { maxRetryDelayMs: -1 }, "maxRetryDelayMs"],
  ]) {
    test(`${label} is InvalidArgumentError`, async () => {
      const error = await rejects(getClassifyJob("clj-completed", { ...base, ...options }), "InvalidArgumentError");
      eq(error.argument, argument);
    });
  }
  test("a wait with timeoutMs: 0 is InvalidArgumentError", async () => {
    await rejects(client.waitForClassifyJob("clj-completed", { timeoutMs: 0 }), "InvalidArgumentError");
  });
  test("timeoutMs beyond 2^31 ms is clamped, not a 1 ms timer", async () => {
    const job = await client.getClassifyJob(`fault-slow-${uid()}`, { timeoutMs: 2 ** 32, maxRetries: 0 });
    eq(job.status, "COMPLETED");
  });
  test("maxRetryDelayMs beyond 2^31 ms with a long Retry-After waits (clamped), not 1 ms", async () => {
    const id = `fault-429long-${uid()}`;
    const c = new ClassifyClient({ ...base, maxRetryDelayMs: 2 ** 32 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await rejects(c.getClassifyJob(id, { signal: controller.signal }), "AbortError");
    const res = await fetch(`${env.baseUrl}/__emulator/attempts?path=${encodeURIComponent(`/api/v2/classify/${id}`)}`);
    eq((await res.json()).attempts, 1, "no immediate retry");
  });

  // ---------- keys stay secret ----------
  test("an apiKey of the wrong shape is refused without echoing it", async () => {
    const error = await rejects(getClassifyJob("clj-completed", { ...base, apiKey: { value: API_KEY } }), "InvalidArgumentError");
    eq(error.argument, "apiKey");
    eq(error.message, "apiKey: expected a string, got an object");
    const other = await rejects(getClassifyJob("clj-completed", { ...base, organizationId: [API_KEY] }), "InvalidArgumentError");
    eq(other.argument, "organizationId");
  });
  test("a blank apiKey is refused", async () => {
    for (const apiKey of ["", "   "]) {
      const error = await rejects(getClassifyJob("clj-completed", { ...base, apiKey }), "InvalidArgumentError");
      eq(error.argument, "apiKey");
    }
  });
  test("a key echoed by the server is [redacted] in message, stack, body, code, requestId and headers; set-cookie left out", async () => {
    const error = await rejects(client.getClassifyJob(`fault-echo-${uid()}`), "BadRequestError");
    ok(error.message.includes("[redacted]"), error.message);
    noKey(error.body, "body");
    eq(error.body, "Key [redacted] is not allowed here");
    noKey(error.code, "code");
    noKey(error.requestId, "requestId");
    noKey(error.headers, "headers");
    eq(error.headers["set-cookie"], undefined, "set-cookie left out");
    if (env.runtime !== "chromium") eq(error.headers["x-echo"], "[redacted]");
    const text = await rejects(client.getClassifyJob(`fault-echotext-${uid()}`), "InternalServerError");
    noKey(text.body, "plain-text body");
    ok(text.message.includes("[redacted]"), text.message);
  });
  test("a key echoed in a custom fetch's rejection is [redacted]", async () => {
    const c = new ClassifyClient({ ...base, maxRetries: 0, fetch: () => Promise.reject(new Error(`cannot send ${API_KEY}`)) });
    const error = await rejects(c.getClassifyJob("clj-completed"), "ConnectionError");
    ok(error.message.includes("[redacted]"), error.message);
  });
  test("baseUrl with user info is refused without printing it", async () => {
    const error = await rejects(getClassifyJob("clj-completed", { ...base, baseUrl: "http://user:PASSWORD-1234@127.0.0.1:1" }), "InvalidArgumentError");
    eq(error.argument, "baseUrl");
    ok(!error.message.includes("PASSWORD"), error.message);
  });
  for (const baseUrl of ["http://", "https://", "http://h.example?x=1", "http://h.example#f", "ftp://h.example", "javascript:alert(1)", "http://h .example", "http://:80"]) {
    test(`baseUrl ${JSON.stringify(baseUrl)} is refused`, async () => {
      const error = await rejects(getClassifyJob("clj-completed", { ...base, baseUrl }), "InvalidArgumentError");
      eq(error.argument, "baseUrl");
      ok(!error.message.includes(baseUrl), "the URL is not echoed");
    });
  }
  test("a redirect to another origin is not followed: neither the key nor a caller header reaches it", async () => {
    const before = (await (await fetch(`${env.baseUrl}/__emulator/foreign`)).json()).requests.length;
    const c = new ClassifyClient({ ...base, maxRetries: 0, headers: { "x-api-key": "caller-secret" } });
    const error = await rejects(c.getClassifyJob(`fault-redirect-${uid()}`), "ConnectionError");
    ok(error.message.includes("redirect"), error.message);
    const after = (await (await fetch(`${env.baseUrl}/__emulator/foreign`)).json()).requests;
    eq(after.length, before, "nothing reached the other origin");
  });
  test("a redirect within the API origin is followed where the runtime shows it", async () => {
    const id = `fault-redirectsame-${uid()}`;
    const answer = client.getClassifyJob(id, { maxRetries: 0 });
    if (env.runtime === "chromium") {
      // Browsers hide a redirect's target from `redirect: "manual"` requests.
      await rejects(answer, "ConnectionError");
    } else {
      eq((await answer).id, id);
    }
  });
  test("a redirect within the API origin to another job is not taken for the job asked for", async () => {
    const answer = client.getClassifyJob(`fault-redirectother-${uid()}`, { maxRetries: 0 });
    eq((await rejects(answer, env.runtime === "chromium" ? "ConnectionError" : "DecodeError")).field, env.runtime === "chromium" ? undefined : "id");
  });
  test("options are read from own properties only (Object.prototype pollution is ignored)", async () => {
    let stolen = 0;
    const proto = Object.prototype;
    proto.fetch = () => { stolen++; return Promise.reject(new Error("stolen")); };
    proto.baseUrl = "http://127.0.0.1:9";
    proto.maxRetries = 9;
    try {
      eq((await getClassifyJob("clj-completed", base)).status, "COMPLETED");
      const c = new ClassifyClient(base);
      eq((await c.getClassifyJob("clj-completed")).status, "COMPLETED");
      const error = await rejects(getClassifyJob("clj-completed", { apiKey: API_KEY, maxRetries: 0, fetch: (url) => Promise.reject(new Error(url)) }), "ConnectionError");
      ok(error.message.includes("https://api.cloud.llamaindex.ai/"), "the default base URL, not the polluted one");
    } finally {
      delete proto.fetch;
      delete proto.baseUrl;
      delete proto.maxRetries;
    }
    eq(stolen, 0, "the polluted fetch was never called");
  });

  // ---------- options are checked, not guessed ----------
  test("an unknown option is refused with a hint", async () => {
    const error = await rejects(getClassifyJob("clj-completed", { ...base, timeoutMS: 100 }), "InvalidArgumentError");
    eq(error.argument, "timeoutMS");
    ok(error.message.includes('did you mean "timeoutMs"'), error.message);
    const retry = await rejects(client.getClassifyJob("clj-completed", { maxRetry: 1 }), "InvalidArgumentError");
    eq(retry.argument, "maxRetry");
    throws(() => new ClassifyClient({ ...base, base_url: "x" }), "InvalidArgumentError");
  });
  test("organizationId per call points to organization_id", async () => {
    const error = await rejects(client.getClassifyJob("clj-completed", { organizationId: "org" }), "InvalidArgumentError");
    eq(error.argument, "organizationId");
    ok(error.message.includes('"organization_id"') && error.message.includes("client"), error.message);
  });
  test("a Headers instance and [name, value] pairs are accepted as headers", async () => {
    const seen = [];
    const recorder = (url, init) => { seen.push(new Headers(init.headers).get("x-trace")); return fetch(url, init); };
    await new ClassifyClient({ ...base, fetch: recorder, headers: new Headers({ "x-trace": "h1" }) }).getClassifyJob("clj-completed");
    await new ClassifyClient({ ...base, fetch: recorder, headers: [["x-trace", "h2"]] }).getClassifyJob("clj-completed");
    eq(seen.join(","), "h1,h2");
    throws(() => new ClassifyClient({ ...base, headers: { "x-a": 1 } }), "InvalidArgumentError");
  });
  test("an id with a lone surrogate, or over 1,024 characters, is refused", async () => {
    const error = await rejects(client.getClassifyJob("clj-\ud800"), "InvalidArgumentError");
    eq(error.argument, "jobId");
    await rejects(client.getClassifyJob("x".repeat(1025)), "InvalidArgumentError");
  });

  // ---------- iterators and signals ----------
  test("iterators have throw(): it ends the iteration and rejects with the given error", async () => {
    const items = client.iterResults(RESULTS_2500, { page_size: 10 });
    await items.next();
    const reason = new Error("stop here");
    let caught;
    try {
      await items.throw(reason);
    } catch (error) {
      caught = error;
    }
    eq(caught, reason);
    eq((await items.next()).done, true);
    const pages = client.iterResultPages(RESULTS_2500, { page_size: 10 });
    await pages.next();
    await pages.throw(reason).catch(() => {});
    eq((await pages.next()).done, true);
  });
  test("one signal shared by 30 concurrent calls and waits works (one listener on it)", async () => {
    const controller = new AbortController();
    const warnings = [];
    const onWarning = (w) => warnings.push(w.name);
    const proc = globalThis.process;
    if (proc && proc.on) proc.on("warning", onWarning);
    try {
      const jobs = await Promise.all(Array.from({ length: 30 }, () => client.getClassifyJob("clj-completed", { signal: controller.signal })));
      eq(jobs.length, 30);
      const waits = Array.from({ length: 15 }, () => client.waitForClassifyJob("clj-pending", { signal: controller.signal, intervalMs: 50 }));
      setTimeout(() => controller.abort(), 100);
      const settled = await Promise.allSettled(waits);
      ok(settled.every((r) => r.status === "rejected" && r.reason.name === "AbortError"), "every wait aborted");
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      if (proc && proc.off) proc.off("warning", onWarning);
    }
    eq(warnings.filter((name) => name === "MaxListenersExceededWarning").length, 0, "no MaxListenersExceededWarning");
  });
  test("listResults with junk page_size types and a huge page_token is refused or bounded", async () => {
    await rejects(listResults(RESULTS_2500, { ...base, page_size: 1e400 }), "InvalidArgumentError");
    await rejects(listResults(RESULTS_2500, { ...base, page_token: "t".repeat(5000) }), "InvalidArgumentError");
  });
  // ---------- a second round of attacks (fakes that pass instanceof, prototype setters) ----------
  test("a fake AbortSignal (AbortSignal.prototype without a signal) is InvalidArgumentError; the instance lives", async () => {
    const fake = Object.create(AbortSignal.prototype);
    const settled = await Promise.allSettled([0, 1, 2].map(() => client.getClassifyJob("clj-completed", { signal: fake })));
    ok(settled.every((r) => r.status === "rejected" && r.reason.name === "InvalidArgumentError"), "typed");
    const real = new AbortController().signal;
    Object.defineProperty(real, "aborted", { get() { throw new Error("own getter"); } });
    eq((await client.getClassifyJob("clj-completed", { signal: real })).status, "COMPLETED", "the native getter is used");
    await healthy();
  });
  test("a custom fetch resolving a Response subclass with hostile methods: 3,000 typed errors, then a normal call", async () => {
    class OddJson extends Response { json() { return 42; } }
    class OddHeaders extends Response { get headers() { throw new Error("headers"); } }
    class OddStatus extends Response { get status() { return 70200; } }
    const odd = new ClassifyClient({ ...base, maxRetries: 0, fetch: (url, init) => fetch(url, init).then((r) => new OddJson(r.body, { status: r.status, headers: r.headers })) });
    eq((await odd.getClassifyJob("clj-completed")).status, "COMPLETED", "the native json() is used, not the override");
    const bad = new ClassifyClient({ ...base, maxRetries: 0, fetch: async () => new OddHeaders("{}", { status: 500 }) });
    for (let batch = 0; batch < 3000; batch += 300) {
      const settled = await Promise.allSettled(Array.from({ length: 300 }, () => bad.getClassifyJob("clj-completed")));
      ok(settled.every((r) => r.status === "rejected" && r.reason.name === "InternalServerError"), "typed");
    }
    const status = new ClassifyClient({ ...base, maxRetries: 0, fetch: async () => new OddStatus("{}", { status: 200 }) });
    eq((await rejects(status.getClassifyJob("clj-completed"), "DecodeError")).name, "DecodeError", "the native status (200) is read");
    await healthy();
  });
  test("every method of every class refuses a freed, detached or foreign `this` (typed), many times", async () => {
    const rules = [{ type: "a", description: "long enough text" }];
    const calls = [
      ["ClassifyClient", (c) => c.createClassifyJob({ file_input: "f", configuration: { rules } })],
      ["ClassifyClient", (c) => c.cancelClassifyJob("x")],
      ["ClassifyClient", (c) => c.listClassifyJobs()],
      ["ClassifyClient", (c) => c.uploadFile(new Blob(["x"]))],
      ["ClassifyClient", (c) => c.classify({ file_input: "f", rules })],
      ["ClassifyClient", (c) => c.deleteClassifyJob("x")],
      ["UnsiloedClient", (c) => c.getClassifyJob("x")],
      ["UnsiloedClient", (c) => c.submitClassification({ categories: [{ name: "a" }], fileUrl: "https://e.com/a.pdf" })],
      ["UnsiloedClient", (c) => c.waitForClassifyJob("x")],
      ["UnsiloedClient", (c) => c.classify({ categories: [{ name: "a" }], fileUrl: "https://e.com/a.pdf" })],
    ];
    for (let round = 0; round < 400; round++) {
      for (const [kind, call] of calls) {
        const c = new sdk[kind](kind === "ClassifyClient" ? base : { baseUrl: env.baseUrl });
        c.free();
        c.free();
        const error = await rejects(call(c), "InvalidArgumentError");
        if (round === 0) eq(error.argument, "this");
      }
    }
    throws(() => { const c = new ClassifyClient(base); c.free(); c.iterClassifyJobs(); }, "InvalidArgumentError");
    throws(() => { const c = new ClassifyClient(base); c.free(); return c.webhookConfigs; }, "InvalidArgumentError", "a getter on a freed client");
    const configs = new ClassifyClient(base).webhookConfigs;
    configs.free();
    await rejects(configs.list(), "InvalidArgumentError", "a freed webhookConfigs");
    await rejects(sdk.WebhookConfigs.prototype.get.call(client, "x"), "InvalidArgumentError", "a ClassifyClient is not a WebhookConfigs");
    const outliving = new ClassifyClient(base);
    const kept = outliving.webhookConfigs;
    outliving.free();
    ok(Array.isArray(await kept.list()), "webhookConfigs keeps working after its client is freed");
    const unsiloed = new sdk.UnsiloedClient({ baseUrl: env.baseUrl });
    await rejects(sdk.UnsiloedClient.prototype.getClassifyJob.call(client, "x"), "InvalidArgumentError", "a ClassifyClient is not an UnsiloedClient");
    await rejects(ClassifyClient.prototype.getClassifyJob.call({ __wbg_ptr: 3 }, "x"), "InvalidArgumentError", "a plain object");
    sdk.UnsiloedClient.prototype.free.call(client);
    await rejects(sdk.PageIterator.prototype.next.call({}), "InvalidArgumentError");
    const detached = unsiloed.getClassifyJob;
    await rejects(detached("x"), "InvalidArgumentError");
    await healthy();
  });
  test("a File whose name getter throws is uploaded under its real name (read natively); 2,000 times", async () => {
    class Throwing extends File { get name() { throw new Error("name"); } }
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn });
    const uploaded = await c.uploadFile(new Throwing(["%PDF"], "a.pdf"));
    eq(uploaded.name, "a.pdf", "the native getter, not the override");
    const refusing = new ClassifyClient({ ...base, fetch: () => Promise.reject(new TypeError("offline")), maxRetries: 0 });
    for (let i = 0; i < 2000; i += 200) {
      const settled = await Promise.allSettled(Array.from({ length: 200 }, () => refusing.uploadFile(new Throwing(["x"], "a.pdf"))));
      ok(settled.every((r) => r.status === "rejected" && r.reason.name === "ConnectionError"), "typed");
    }
    await rejects(c.uploadFile(Object.create(Blob.prototype)), "InvalidArgumentError", "a fake Blob");
    await healthy();
  });
  test("a setter on Object.prototype: toClassification throws InvalidArgumentError, 2,000 times; the instance lives", async () => {
    const job = await client.getClassifyJob("clj-completed");
    Object.defineProperty(Object.prototype, "label", { set() { throw new Error("setter"); }, configurable: true });
    try {
      for (let i = 0; i < 2000; i++) throws(() => sdk.toClassification(job), "InvalidArgumentError");
    } finally {
      delete Object.prototype.label;
    }
    eq(sdk.toClassification(job).label, "invoice");
    await healthy();
  });
  test("a sparse array of 2^32 - 1 slots in the parameters is refused at once", async () => {
    const rules = [];
    rules.length = 2 ** 32 - 1;
    const [error, ms] = await timed(() => rejects(client.createClassifyJob({ file_input: "f", configuration: { rules } }), "InvalidArgumentError"));
    ok(ms < 200, `${ms} ms`);
    ok(error.argument.startsWith("configuration"), error.argument);
  });
  test("with Object.prototype.redirect = \"follow\", a redirect to another origin is still not followed", async () => {
    const before = (await (await fetch(`${env.baseUrl}/__emulator/foreign`)).json()).requests.length;
    Object.prototype.redirect = "follow";
    try {
      await rejects(client.getClassifyJob(`fault-redirect-${uid()}`, { maxRetries: 0 }), "ConnectionError");
    } finally {
      delete Object.prototype.redirect;
    }
    const after = (await (await fetch(`${env.baseUrl}/__emulator/foreign`)).json()).requests.length;
    eq(after, before, "nothing reached the other origin");
  });
  test("a key echoed across the 64 KiB cap leaves no part of it in the body", async () => {
    const error = await rejects(client.getClassifyJob(`fault-echocut-${uid()}`), "InternalServerError");
    ok(!String(error.body).includes(API_KEY.slice(0, -1)), "no partial key");
    ok(String(error.body).includes("[redacted]"));
  });
  test("an onProgress whose promise rejects leaves no unhandled rejection", async () => {
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    const proc = globalThis.process;
    if (proc && proc.on) proc.on("unhandledRejection", onUnhandled);
    try {
      const job = await client.waitForClassifyJob(`clj-progress-${uid()}`, { intervalMs: 50, onProgress: async () => { throw new Error("callback"); } });
      eq(job.status, "COMPLETED");
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      if (proc && proc.off) proc.off("unhandledRejection", onUnhandled);
    }
    eq(unhandled.length, 0);
  });
  test("a \"__proto__\" key in an error body stays a key; quota is read from own properties only", async () => {
    const error = await rejects(client.getClassifyJob(`fault-protobody-${uid()}`), "QuotaExceededError");
    eq(error.quota, undefined, "not inherited from a __proto__ key");
    eq(Object.getPrototypeOf(error.body), Object.prototype);
    ok(Object.prototype.hasOwnProperty.call(error.body, "__proto__"), "kept as an own key");
  });
  test("a global fetch replaced with one answering junk: typed errors, 1,500 times; the instance lives", async () => {
    const original = globalThis.fetch;
    globalThis.fetch = async () => ({ status: 200, body: "not a response" });
    try {
      const c = new ClassifyClient({ ...base, maxRetries: 0 });
      for (let i = 0; i < 1500; i += 150) {
        const settled = await Promise.allSettled(Array.from({ length: 150 }, () => c.getClassifyJob("clj-completed")));
        ok(settled.every((r) => r.status === "rejected" && r.reason.name === "ConnectionError"), "typed");
      }
    } finally {
      globalThis.fetch = original;
    }
    await healthy();
  });
  test("3,000 pages of long tokens keep memory and time bounded", async () => {
    let pages = 0;
    const c = new ClassifyClient({ ...base, fetch: async (url) => {
      const token = new URL(url).searchParams.get("page_token") || "";
      const next = `${"t".repeat(4000)}${pages}`;
      return new Response(JSON.stringify({ items: [], next_page_token: pages < 3000 ? next : null }), { status: 200 });
    } });
    const started = Date.now();
    for await (const _ of c.iterResultPages(RESULTS_2500)) pages++;
    ok(pages >= 3000, `${pages} pages`);
    ok(Date.now() - started < 8000, `${Date.now() - started} ms`);
  });
  // ---------- ids a server hands back ----------
  test("a LlamaCloud job answered under another id is a DecodeError at id (get, one-off get, wait)", async () => {
    const id = `fault-wrongid-${uid()}`;
    eq((await rejects(client.getClassifyJob(id), "DecodeError")).field, "id");
    eq((await rejects(getClassifyJob(id, base), "DecodeError")).field, "id");
    eq((await rejects(client.waitForClassifyJob(id, { intervalMs: 50, timeoutMs: 5000 }), "DecodeError")).field, "id");
    await healthy();
  });
  test("an Unsiloed job answered under another job_id is a DecodeError at job_id (get, wait)", async () => {
    const unsiloed = new sdk.UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl });
    const id = `ufault-wrongid-${uid()}`;
    eq((await rejects(unsiloed.getClassifyJob(id), "DecodeError")).field, "job_id");
    eq((await rejects(getClassifyJob(id, { provider: "unsiloed", apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl }), "DecodeError")).field, "job_id");
    eq((await rejects(unsiloed.waitForClassifyJob(id, { intervalMs: 50, timeoutMs: 5000 }), "DecodeError")).field, "job_id");
  });
  for (const kind of Object.keys(BAD_IDS)) {
    test(`Unsiloed classify(): a submission answered with job_id ${kind} is a DecodeError before any poll`, async () => {
      const unsiloed = new sdk.UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl });
      const submission = { categories: [{ name: "invoice" }], fileUrl: `https://example.com/badid-${kind}-${uid()}.pdf` };
      const error = await rejects(unsiloed.classify(submission, { intervalMs: 50, timeoutMs: 5000 }), "DecodeError");
      eq(error.field, "job_id");
    });
    test(`classify(): an upload answered with id ${kind} is a DecodeError; no job is created from it`, async () => {
      const rules = [{ type: "invoice", description: "an invoice with a total" }];
      const error = await rejects(client.classify({ file: sampleFile(`fault-badid-${kind}-${uid()}.pdf`), rules }, { intervalMs: 50, timeoutMs: 5000 }), "DecodeError");
      eq(error.field, "id");
    });
  }

  test("a file over maxUploadBytes is refused by its size, before anything is read or sent (both providers)", async () => {
    const rec = recordingFetch();
    const small = new ClassifyClient({ ...base, fetch: rec.fn, maxUploadBytes: 10 });
    const file = sampleFile();
    const error = await rejects(small.uploadFile(file), "InvalidArgumentError");
    eq(error.argument, "file");
    ok(/upload limit/.test(error.message), "says why");
    await rejects(small.classify({ file, rules: [{ type: "a", description: "long enough text" }] }), "InvalidArgumentError");
    const unsiloed = new sdk.UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl, fetch: rec.fn, maxUploadBytes: 10 });
    eq((await rejects(unsiloed.submitClassification({ categories: [{ name: "a" }], file }), "InvalidArgumentError")).argument, "file");
    eq(rec.calls.length, 0, "nothing was sent");
    // Exactly at the limit is allowed.
    const exact = new ClassifyClient({ ...base, maxUploadBytes: file.size });
    eq((await exact.uploadFile(file)).name, file.name);
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, "10"]) {
      throws(() => new ClassifyClient({ ...base, maxUploadBytes: bad }), "InvalidArgumentError", `maxUploadBytes ${String(bad)}`);
    }
  });
  test("listResults / iterResults: a retired v1 results route says so and points to listClassifyJobs; a missing job stays a plain 404", async () => {
    for (const [scenario, name] of [["routegone", "ApiError"], ["noroute", "NotFoundError"]]) {
      const id = `fault-${scenario}-${uid()}`;
      const error = await rejects(client.listResults(id), name, scenario);
      eq(error.code, "route_unavailable", scenario);
      ok(/v1 results route/.test(error.message) && /listClassifyJobs/.test(error.message), `${scenario}: the message points to the v2 list`);
      const iterated = await rejects((async () => { for await (const item of client.iterResults(id)) void item; })(), name, `${scenario} via iterResults`);
      eq(iterated.code, "route_unavailable");
      const oneOff = await rejects(sdk.listResults(id, { ...base }), name, `${scenario} one-off`);
      eq(oneOff.code, "route_unavailable");
    }
    const missing = await rejects(client.listResults("clj-no-such-job"), "NotFoundError");
    ok(missing.code !== "route_unavailable" && !/v1 results route/.test(missing.message), "a missing job is a missing job");
  });
  return cases;
}
