// Unsiloed: job lookup, submission (file and URL), waits, classify() in one call, errors
// (quota, queue full, not found, wrong key) and the common view. Part of the shared suite.
import { UNSILOED_API_KEY } from "../emulator/fixtures.mjs";
import { ok, eq, rejects, throws, uid, attempts, emulator, recordingFetch, timed, sampleFile } from "../harness.mjs";

/** Builds the Unsiloed cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildUnsiloedCases(sdk, env) {
  const { UnsiloedClient, getClassifyJob, toClassification } = sdk;
  const base = { apiKey: UNSILOED_API_KEY, baseUrl: env.baseUrl };
  const client = new UnsiloedClient({ ...base, timeoutMs: 5000 });
  const cases = [];
  const test = (name, run) => cases.push({ group: "unsiloed", name, run });
  const categories = [{ name: "invoice", description: "Bills with line items and a total" }, { name: "contract" }];
  const fast = { intervalMs: 50, maxIntervalMs: 100, timeoutMs: 10000 };

  test("getClassifyJob returns a completed job with its result", async () => {
    const job = await client.getClassifyJob("uns-completed");
    eq(job.job_id, "uns-completed");
    eq(job.status, "completed");
    eq(job.result.classification, "Invoice");
    eq(job.result.page_results.length, 1);
    eq(job.error, null);
  });
  test("a multi-page job has one result per page", async () => {
    const job = await client.getClassifyJob("uns-multipage");
    eq(job.result.total_pages, 2);
    eq(job.result.page_results.map((p) => p.page).join(","), "1,2");
  });
  test("queued, processing and failed jobs pass through", async () => {
    eq((await client.getClassifyJob("uns-queued")).status, "queued");
    const processing = await client.getClassifyJob("uns-processing");
    eq(processing.status, "processing");
    eq(processing.result, null);
    const failed = await client.getClassifyJob("uns-failed");
    eq(failed.status, "failed");
    ok(failed.error.length > 0);
  });
  test("a failed page, categories and raw_result are accepted", async () => {
    const pages = await client.getClassifyJob("uns-page-failed");
    const failedPage = pages.result.page_results.find((p) => !p.success);
    ok(failedPage && failedPage.error.length > 0, "the failed page keeps its error");
    const summary = await client.getClassifyJob("uns-categories");
    ok(Array.isArray(summary.result.categories) && summary.result.categories.length > 0);
    eq(typeof summary.result.raw_result, "string");
  });
  test("unknown statuses and fields survive", async () => {
    const job = await client.getClassifyJob("uns-unknown-status");
    eq(job.status, "archived");
    eq(job.priority, "high");
  });
  test("the key is sent as api-key, never as Authorization", async () => {
    const rec = recordingFetch();
    await new UnsiloedClient({ ...base, fetch: rec.fn }).getClassifyJob("uns-completed");
    const headers = new Headers(rec.calls[0].init.headers);
    eq(headers.get("api-key"), UNSILOED_API_KEY);
    eq(headers.get("authorization"), null);
    eq(rec.calls[0].url, `${env.baseUrl}/classify/uns-completed`);
  });
  test("the default base URL is Unsiloed's production API", async () => {
    let seen = "";
    const c = new UnsiloedClient({ apiKey: "k-1234", maxRetries: 0, fetch: (url) => { seen = url; return Promise.reject(new TypeError("offline")); } });
    await rejects(c.getClassifyJob("abc"), "ConnectionError");
    eq(seen, "https://prod.visionapi.unsiloed.ai/classify/abc");
  });
  test("the one-off getClassifyJob serves Unsiloed with provider: \"unsiloed\"", async () => {
    const job = await getClassifyJob("uns-completed", { provider: "unsiloed", ...base });
    eq(job.job_id, "uns-completed");
    const error = await rejects(getClassifyJob("uns-completed", { provider: "unsiloed", ...base, organizationId: "o" }), "InvalidArgumentError");
    eq(error.argument, "organizationId", "LlamaCloud-only options are refused for Unsiloed");
    await rejects(getClassifyJob("uns-completed", { provider: "other", ...base }), "InvalidArgumentError");
  });
  test("errors: 404 NotFoundError, wrong key AuthenticationError (key not echoed)", async () => {
    const missing = await rejects(client.getClassifyJob(`uns-nope-${uid()}`), "NotFoundError");
    eq(missing.body, "Job not found");
    const wrong = await rejects(new UnsiloedClient({ ...base, apiKey: "uns-wrong-secret" }).getClassifyJob("uns-completed"), "AuthenticationError");
    ok(!wrong.message.includes("uns-wrong-secret"));
  });
  test("a 503 queue-full answer is retried after Retry-After", async () => {
    const id = `ufault-503once-${uid()}`;
    const [job, ms] = await timed(() => client.getClassifyJob(id));
    eq(job.status, "completed");
    eq(await attempts(env, `/classify/${id}`), 2);
    ok(ms >= 900, `waited ${ms} ms for Retry-After: 1`);
  });
  test("a wrong type in a result is a DecodeError naming the field", async () => {
    const error = await rejects(client.getClassifyJob(`ufault-wrongtype-${uid()}`), "DecodeError");
    eq(error.field, "result.confidence");
  });

  // ---------- submissions ----------
  test("submitClassification with a File sends multipart categories and pdf_file", async () => {
    const file = sampleFile("invoice-1.pdf");
    const answer = await client.submitClassification({ categories, file });
    eq(answer.status, "processing");
    eq(typeof answer.job_id, "string");
    eq(typeof answer.quota_remaining, "number");
    const { submissions } = await emulator(env, "unsiloed/submissions");
    const sent = submissions.find((s) => s.job_id === answer.job_id);
    ok(sent, "the emulator recorded the submission");
    eq(sent.contentType, "multipart/form-data");
    eq(sent.categories[0].name, "invoice");
    eq(sent.categories[1].description, undefined);
    eq(sent.file.name, "invoice-1.pdf");
    eq(sent.file.size, file.size, "every byte arrived");
    ok(typeof sent.idempotencyKey === "string" && sent.idempotencyKey.length >= 32, "an Idempotency-Key was sent");
  });
  test("submitClassification sends the caller's idempotencyKey; the same key returns the same job", async () => {
    const key = `key-${uid()}`;
    const first = await client.submitClassification({ categories, fileUrl: "https://example.com/k.pdf" }, { idempotencyKey: key });
    const again = await client.submitClassification({ categories, fileUrl: "https://example.com/k.pdf" }, { idempotencyKey: key });
    eq(again.job_id, first.job_id);
    const { submissions } = await emulator(env, "unsiloed/submissions");
    ok(submissions.some((s) => s.idempotencyKey === key));
    for (const idempotencyKey of ["", "ключ", "a b", "x".repeat(256), "a\r\nb"]) {
      const error = await rejects(client.submitClassification({ categories, fileUrl: "https://example.com/k.pdf" }, { idempotencyKey }), "InvalidArgumentError");
      eq(error.argument, "idempotencyKey");
    }
  });
  test("submitClassification with a URL sends file_url", async () => {
    const answer = await client.submitClassification({ categories, fileUrl: "https://example.com/contract.pdf" });
    const { submissions } = await emulator(env, "unsiloed/submissions");
    const sent = submissions.find((s) => s.job_id === answer.job_id);
    eq(sent.fileUrl, "https://example.com/contract.pdf");
    eq(sent.file, null);
  });
  for (const [label, submission, argument] of [
    ["no categories", { categories: [], fileUrl: "https://example.com/a.pdf" }, "categories"],
    ["neither file nor fileUrl", { categories }, "file"],
    ["both file and fileUrl", { categories, file: sampleFile(), fileUrl: "https://example.com/a.pdf" }, "file"],
    ["a file that is not a Blob", { categories, file: "document.pdf" }, "file"],
    ["a non-http fileUrl", { categories, fileUrl: "file:///etc/passwd" }, "fileUrl"],
    ["a category without a name", { categories: [{ description: "x" }], fileUrl: "https://example.com/a.pdf" }, "categories[0].name"],
    ["an unknown category key", { categories: [{ name: "a", colour: "red" }], fileUrl: "https://example.com/a.pdf" }, "categories[0]"],
    ["an unknown key", { categories, fileUrl: "https://example.com/a.pdf", file_url: "x" }, "file_url"],
  ]) {
    test(`submitClassification refuses ${label} before sending`, async () => {
      const rec = recordingFetch();
      const c = new UnsiloedClient({ ...base, fetch: rec.fn });
      const error = await rejects(c.submitClassification(submission), "InvalidArgumentError");
      eq(error.argument, argument);
      eq(rec.calls.length, 0, "nothing sent");
    });
  }
  test("a used-up quota is QuotaExceededError with the quota figures", async () => {
    const error = await rejects(client.submitClassification({ categories, fileUrl: "https://example.com/quota.pdf" }), "QuotaExceededError");
    eq(error.status, 402);
    ok(error instanceof sdk.QuotaExceededError && error instanceof sdk.ApiError);
    eq(error.quota.remaining, 0);
    ok(error.message.includes("Insufficient quota"), error.message);
  });
  test("a queue-full 503 on submit is retried with the same Idempotency-Key: one job", async () => {
    const url = `https://example.com/queue-full-${uid()}.pdf`;
    const answer = await client.submitClassification({ categories, fileUrl: url });
    const { submissions } = await emulator(env, "unsiloed/submissions");
    const sent = submissions.filter((s) => s.fileUrl === url);
    eq(sent.length, 1, "one job created");
    eq(sent[0].job_id, answer.job_id);
  });

  // ---------- waits ----------
  test("waitForClassifyJob follows queued → processing → completed", async () => {
    const { job_id: id } = await client.submitClassification({ categories, file: sampleFile() });
    const seen = [];
    const progress = [];
    const job = await client.waitForClassifyJob(id, { ...fast, onProgress: (j) => { seen.push(j.status); progress.push(j.progress); } });
    ok(progress.includes("Processing page 2 of 3"), `each page's progress is reported: ${progress.join(" | ")}`);
    eq(job.status, "completed");
    eq(job.result.classification, "invoice");
    eq(job.result.page_results.length, 3);
    eq(seen[0], "queued");
    ok(seen.includes("processing") && seen[seen.length - 1] === "completed", seen.join(","));
  });
  test("a job that ends failed rejects JobFailedError carrying the job", async () => {
    const { job_id: id } = await client.submitClassification({ categories, fileUrl: "https://example.com/fail.pdf" });
    const error = await rejects(client.waitForClassifyJob(id, fast), "JobFailedError");
    eq(error.status, "failed");
    eq(error.job.error, "Invalid PDF format");
  });
  test("classify() submits and waits in one call (file and URL)", async () => {
    const job = await client.classify({ categories, file: sampleFile("scan.pdf") }, fast);
    eq(job.status, "completed");
    const byUrl = await client.classify({ categories: [{ name: "contract" }], fileUrl: "https://example.com/c.pdf" }, fast);
    eq(byUrl.result.classification, "contract");
  });
  test("classify() rejects bad input before sending anything", async () => {
    const rec = recordingFetch();
    const c = new UnsiloedClient({ ...base, fetch: rec.fn });
    await rejects(c.classify({ categories }), "InvalidArgumentError");
    await rejects(c.classify({ categories, fileUrl: "https://example.com/a.pdf" }, { intervalMs: -1 }), "InvalidArgumentError");
    eq(rec.calls.length, 0);
  });
  test("a wait's deadline and signal hold for Unsiloed too", async () => {
    const [error, ms] = await timed(() => rejects(client.waitForClassifyJob("uns-processing", { intervalMs: 50, timeoutMs: 300 }), "TimeoutError"));
    eq(error.job.status, "processing");
    ok(ms < 700, `${ms} ms`);
  });

  // ---------- the common view ----------
  test("toClassification: an Unsiloed job in the common view", async () => {
    const job = await client.getClassifyJob("uns-multipage");
    const view = toClassification(job);
    eq(view.provider, "unsiloed");
    eq(view.id, "uns-multipage");
    eq(view.status, "completed");
    eq(view.label, "contract");
    eq(view.confidence, 0.89);
    eq(view.reasoning, null);
    eq(view.pages.length, 2);
    eq(view.pages[1].page, 2);
    eq(view.pages[1].label, "contract");
    eq(view.pages[1].success, true);
    eq(view.pages[1].error, null);
    const failedPage = toClassification(await client.getClassifyJob("uns-page-failed")).pages.find((p) => !p.success);
    ok(failedPage && failedPage.error.length > 0, "a failed page keeps its error");
    eq(view.raw, job, "raw is the provider's object itself");
    const processing = toClassification(await client.getClassifyJob("uns-processing"));
    eq(processing.status, "running");
    eq(processing.label, null);
    eq(processing.progress, "Processing page 1 of 2");
    eq(toClassification(await client.getClassifyJob("uns-unknown-status")).status, "archived", "unknown status kept");
  });
  test("toClassification refuses what is neither provider's job", async () => {
    for (const value of [null, 42, {}, { job_id: 7, status: "completed" }, { id: "x" }]) {
      const error = throws(() => toClassification(value), "InvalidArgumentError");
      ok(error.argument.startsWith("job"), error.argument);
    }
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    throws(() => toClassification(proxy), "InvalidArgumentError");
    // Getters that throw, or change their answer between reads, never escape.
    let reads = 0;
    const shifty = { job_id: "j", get status() { reads++; if (reads > 1) throw new Error("boom"); return "completed"; } };
    throws(() => toClassification(shifty), "InvalidArgumentError");
    const flipping = { job_id: "j", status: "completed", result: { success: true, classification: "a", get confidence() { reads++; return reads % 2 ? 0.5 : Symbol("x"); } } };
    for (let i = 0; i < 4; i++) {
      try { toClassification(flipping); } catch (error) { eq(error.name, "InvalidArgumentError"); }
    }
  });
  test("toClassification keeps undeclared fields however deep, and refuses none of them", async () => {
    const job = await client.getClassifyJob("uns-completed");
    let deep = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    const extended = { ...job, extra: deep };
    const view = toClassification(extended);
    eq(view.raw, extended);
    eq(view.label, "Invoice");
  });
  test("fileUrl must be an absolute http(s) URL with a host, no user info, no control characters; named, never echoed", async () => {
    const rec = recordingFetch();
    const c = new UnsiloedClient({ ...base, fetch: rec.fn });
    const refused = ["https://", "http://", "https://:8080/a.pdf", "http://\r\nX: y", "https://example.com/a\r\nb.pdf", "https://exa mple.com/a.pdf",
      "https://user:pass@example.com/a.pdf", "https://user@example.com/a.pdf", "ftp://example.com/a.pdf", "example.com/a.pdf", "https://example.com/\u0000.pdf"];
    for (const fileUrl of refused) {
      const error = await rejects(c.submitClassification({ categories: [{ name: "invoice" }], fileUrl }), "InvalidArgumentError");
      eq(error.argument, "fileUrl", fileUrl);
      ok(!error.message.includes("example.com") && !error.message.includes("X: y"), "the value is not echoed");
    }
    eq(rec.calls.length, 0, "nothing was sent");
    for (const fileUrl of ["https://example.com/a.pdf", "HTTP://example.com:8080/a.pdf?x=1#y", "https://[::1]:8443/a.pdf", "https://example.com"]) {
      const answer = await client.submitClassification({ categories: [{ name: "invoice" }], fileUrl });
      ok(answer.job_id, `${fileUrl} is accepted`);
    }
  });
  test("category names: blank, zero-width, control characters and duplicates are refused with the index named", async () => {
    const rec = recordingFetch();
    const c = new UnsiloedClient({ ...base, fetch: rec.fn });
    const cases = [
      [[{ name: "invoice" }, { name: "   " }], "categories[1].name"],
      [[{ name: "\u200b\u200b" }], "categories[0].name"],
      [[{ name: "\ufeff \u00ad" }], "categories[0].name"],
      [[{ name: "in\u0000voice" }], "categories[0].name"],
      [[{ name: "a" }, { name: "line\nbreak" }], "categories[1].name"],
      [[{ name: "invoice" }, { name: "contract" }, { name: " Invoice " }], "categories[2].name"],
      [[{ name: "x".repeat(201) }], "categories[0].name"],
      [Array.from({ length: 1001 }, (_, i) => ({ name: `c${i}` })), "categories"],
    ];
    for (const [categories, argument] of cases) {
      const error = await rejects(c.submitClassification({ categories, fileUrl: "https://example.com/a.pdf" }), "InvalidArgumentError");
      eq(error.argument, argument);
    }
    eq(rec.calls.length, 0, "nothing was sent");
    const fine = await client.submitClassification({ categories: [{ name: "invoice" }, { name: "invoices" }, { name: "Rechnung ü" }], fileUrl: "https://example.com/a.pdf" });
    ok(fine.job_id, "distinct names are accepted");
  });

  return cases;
}
