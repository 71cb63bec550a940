// LlamaCloud writes: create (checked, idempotent), cancel, list and iterate jobs, upload a
// file, classify() in one call, and the common view of a LlamaCloud job. Part of the shared
// suite (tests/cases.mjs).
import { API_KEY } from "../emulator/fixtures.mjs";
import { ok, eq, rejects, uid, attempts, emulator, recordingFetch, sampleFile } from "../harness.mjs";

/** Builds the LlamaCloud write cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildLlamaCloudWriteCases(sdk, env) {
  const { ClassifyClient, toClassification } = sdk;
  const base = { apiKey: API_KEY, baseUrl: env.baseUrl };
  const client = new ClassifyClient({ ...base, timeoutMs: 5000 });
  const cases = [];
  const test = (name, run) => cases.push({ group: "writes", name, run });
  const rules = [
    { type: "invoice", description: "contains an invoice number, line items and a total" },
    { type: "receipt", description: "a purchase receipt with merchant and payment details" },
  ];
  const fast = { intervalMs: 50, maxIntervalMs: 100, timeoutMs: 10000 };

  test("createClassifyJob starts a job that completes", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn, projectId: "proj-1" });
    const job = await c.createClassifyJob({ file_input: "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", configuration: { rules } });
    eq(job.status, "PENDING");
    eq(job.configuration.rules.length, 2);
    const { url, init } = rec.calls[0];
    eq(init.method, "POST");
    eq(url, `${env.baseUrl}/api/v2/classify?project_id=proj-1`);
    eq(new Headers(init.headers).get("content-type"), "application/json");
    const sent = JSON.parse(init.body);
    ok(typeof sent.transaction_id === "string" && sent.transaction_id.length >= 32, "a transaction_id was generated");
    eq(sent.configuration.rules[0].type, "invoice");
    const done = await client.waitForClassifyJob(job.id, fast);
    eq(done.status, "COMPLETED");
    eq(done.result.type, "invoice");
  });
  test("a transaction_id is generated without Web Crypto too", async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    let replaced = false;
    try {
      Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true, writable: true });
      replaced = globalThis.crypto === undefined;
    } catch {
      // A runtime whose crypto cannot be replaced: nothing to check here.
    }
    try {
      const rec = recordingFetch();
      const job = await new ClassifyClient({ ...base, fetch: rec.fn }).createClassifyJob({ file_input: "dfl-no-crypto", configuration: { rules } });
      eq(job.status, "PENDING");
      ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(JSON.parse(rec.calls[0].init.body).transaction_id), "a UUID v4");
    } finally {
      if (replaced && saved) Object.defineProperty(globalThis, "crypto", saved);
    }
  });
  test("a create retried after a 503 keeps its transaction_id: one job", async () => {
    const input = `fault-503once-${uid()}`;
    const job = await client.createClassifyJob({ file_input: input, configuration: { rules } });
    let created = 0;
    for await (const listed of client.iterClassifyJobs({ page_size: 100 })) if (listed.file_input === input) created++;
    eq(created, 1, "the retry did not create a second job");
    const again = await client.createClassifyJob({ file_input: input, configuration: { rules }, transaction_id: job.transaction_id });
    eq(again.id, job.id, "the same transaction_id returns the original job");
  });
  const bad = [
    ["no file_input", { configuration: { rules } }, "file_input"],
    ["a file_input over 200 characters", { file_input: "d".repeat(201), configuration: { rules } }, "file_input"],
    ["no configuration", { file_input: "dfl-1" }, "configuration"],
    ["both configuration and configuration_id", { file_input: "dfl-1", configuration: { rules }, configuration_id: "cfg-1" }, "configuration"],
    ["no rules", { file_input: "dfl-1", configuration: { rules: [] } }, "configuration.rules"],
    ["an empty rule type", { file_input: "dfl-1", configuration: { rules: [{ type: "", description: "long enough text" }] } }, "configuration.rules[0].type"],
    ["a rule type over 50 characters", { file_input: "dfl-1", configuration: { rules: [...rules, { type: "t".repeat(51), description: "long enough text" }] } }, "configuration.rules[2].type"],
    ["a description under 10 characters", { file_input: "dfl-1", configuration: { rules: [{ type: "a", description: "short" }] } }, "configuration.rules[0].description"],
    ["a description over 2000 characters", { file_input: "dfl-1", configuration: { rules: [{ type: "a", description: "d".repeat(2001) }] } }, "configuration.rules[0].description"],
    ["a rule without a description", { file_input: "dfl-1", configuration: { rules: [{ type: "a" }] } }, "configuration.rules[0].description"],
    ["an unknown nested key", { file_input: "dfl-1", configuration: { rules, rulez: [] } }, "configuration"],
    ["an unknown key", { file_input: "dfl-1", configuration: { rules }, fileInput: "x" }, "fileInput"],
    ["five webhook ids", { file_input: "dfl-1", configuration: { rules }, webhook_configuration_ids: ["a", "b", "c", "d", "e"] }, "webhook_configuration_ids"],
    ["a function value", { file_input: () => "x", configuration: { rules } }, "file_input"],
  ];
  for (const [label, params, argument] of bad) {
    test(`createClassifyJob refuses ${label} before sending`, async () => {
      const rec = recordingFetch();
      const c = new ClassifyClient({ ...base, fetch: rec.fn });
      const error = await rejects(c.createClassifyJob(params), "InvalidArgumentError");
      eq(error.argument, argument);
      eq(rec.calls.length, 0);
    });
  }
  test("a description of 501–2000 characters is accepted (the server decides)", async () => {
    const job = await client.createClassifyJob({ file_input: "dfl-1", configuration: { rules: [{ type: "long", description: "d".repeat(1500) }] } });
    eq(job.status, "PENDING");
  });
  test("cancelClassifyJob cancels; waiting on it rejects JobFailedError", async () => {
    const job = await client.createClassifyJob({ file_input: "dfl-cancel-me", configuration: { rules } });
    const cancelled = await client.cancelClassifyJob(job.id);
    eq(cancelled.status, "CANCELLED");
    const error = await rejects(client.waitForClassifyJob(job.id, fast), "JobFailedError");
    eq(error.status, "CANCELLED");
    await rejects(client.cancelClassifyJob(`clj-nope-${uid()}`), "NotFoundError");
  });
  test("listClassifyJobs pages with a filter", async () => {
    const page = await client.listClassifyJobs({ page_size: 10, status: "COMPLETED" });
    ok(page.items.length > 0 && page.items.length <= 10);
    ok(page.items.every((job) => job.status === "COMPLETED"), "filtered");
    ok(typeof page.next_page_token === "string", "more pages");
    const next = await client.listClassifyJobs({ page_size: 10, status: "COMPLETED", page_token: page.next_page_token });
    ok(next.items[0].id !== page.items[0].id, "the next page");
  });
  test("listClassifyJobs sends job_ids as repeated parameters", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn });
    const page = await c.listClassifyJobs({ job_ids: ["clj-seed-000", "clj-seed-001"] });
    ok(rec.calls[0].url.includes("job_ids=clj-seed-000&job_ids=clj-seed-001"), rec.calls[0].url);
    eq(page.items.length, 2);
  });
  test("listClassifyJobs checks page_size and filters", async () => {
    await rejects(client.listClassifyJobs({ page_size: 0 }), "InvalidArgumentError");
    await rejects(client.listClassifyJobs({ page_size: 101 }), "InvalidArgumentError");
    await rejects(client.listClassifyJobs({ job_ids: "clj-1" }), "InvalidArgumentError");
    await rejects(client.listClassifyJobs({ statuss: "RUNNING" }), "InvalidArgumentError");
  });
  test("iterClassifyJobs yields every job across pages, once each", async () => {
    const ids = new Set();
    let count = 0;
    for await (const job of client.iterClassifyJobs({ page_size: 25 })) {
      ids.add(job.id);
      count++;
    }
    ok(count >= 120, `${count} jobs`);
    eq(ids.size, count, "no job twice");
    let limited = 0;
    for await (const _ of client.iterClassifyJobs({ page_size: 10, maxPages: 2 })) limited++;
    eq(limited, 20);
  });
  test("iterClassifyJobs takes a signal beside its filters", async () => {
    const controller = new AbortController();
    controller.abort();
    const iterator = client.iterClassifyJobs({ page_size: 10, signal: controller.signal });
    await rejects(iterator.next(), "AbortError");
  });
  test("uploadFile sends multipart file and purpose; the id classifies", async () => {
    const file = sampleFile("upload-me.pdf");
    const uploaded = await client.uploadFile(file, { external_file_id: "ext-1" });
    ok(uploaded.id.startsWith("dfl-"));
    eq(uploaded.name, "upload-me.pdf");
    const { files } = await emulator(env, "files");
    const stored = files.find((f) => f.id === uploaded.id);
    eq(stored.size, file.size, "every byte arrived");
    eq(stored.purpose, "classify");
    eq(stored.external_file_id, "ext-1");
  });
  test("uploadFile is retried on 503 with Retry-After, not on 500", async () => {
    const retried = await client.uploadFile(sampleFile(`fault-503once-${uid()}.pdf`));
    ok(retried.id.startsWith("dfl-"));
    const before = await attempts(env, "/api/v1/beta/files");
    await rejects(client.uploadFile(sampleFile("fault-500.pdf")), "InternalServerError");
    eq(await attempts(env, "/api/v1/beta/files"), before + 1, "a 500 upload is not sent again");
    await rejects(client.uploadFile("not a file"), "InvalidArgumentError");
  });
  test("classify() uploads, creates and waits in one call", async () => {
    const job = await client.classify({ file: sampleFile("contract.pdf"), rules }, fast);
    eq(job.status, "COMPLETED");
    eq(job.result.type, "invoice");
    ok(job.file_input.startsWith("dfl-"), "the uploaded file was classified");
    const byId = await client.classify({ file_input: "dfl-existing", rules }, fast);
    eq(byId.status, "COMPLETED");
  });
  test("classify() with a failing document rejects JobFailedError", async () => {
    await rejects(client.classify({ file_input: "dfl-will-fail", rules }, fast), "JobFailedError");
  });
  test("classify() refuses bad input before sending", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn });
    await rejects(c.classify({ rules }), "InvalidArgumentError");
    await rejects(c.classify({ file_input: "dfl-1" }), "InvalidArgumentError");
    await rejects(c.classify({ file_input: "dfl-1", rules: [{ type: "x", description: "short" }] }), "InvalidArgumentError");
    await rejects(c.classify({ file_input: "dfl-1", rules }, { timeoutMs: 0 }), "InvalidArgumentError");
    eq(rec.calls.length, 0);
  });
  test("toClassification: a LlamaCloud job in the common view", async () => {
    const job = await client.getClassifyJob("clj-completed");
    const view = toClassification(job);
    eq(view.provider, "llamacloud");
    eq(view.id, "clj-completed");
    eq(view.status, "completed");
    eq(view.label, "invoice");
    eq(view.confidence, 0.92);
    eq(typeof view.reasoning, "string");
    eq(view.progress, null);
    eq(view.pages.length, 0);
    eq(view.raw, job);
    eq(toClassification(await client.getClassifyJob("clj-pending")).status, "queued");
    eq(toClassification(await client.getClassifyJob("clj-running")).status, "running");
    eq(toClassification(await client.getClassifyJob("clj-cancelled")).status, "cancelled");
    const failed = toClassification(await client.getClassifyJob("clj-failed"));
    eq(failed.status, "failed");
    eq(failed.error, "Parsing failed: the file is encrypted");
    eq(toClassification(await client.getClassifyJob("clj-no-match")).label, null);
  });
  return cases;
}
