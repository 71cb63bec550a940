// LlamaCloud reads: jobs, results pages, requests, errors, decoding, retries, timeouts,
// aborts, pagination and polling. Part of the shared suite (tests/cases.mjs).
import {
  API_KEY, RESULTS_1000, RESULTS_2500, RESULTS_10000, RESULTS_EMPTY, RESULTS_EMPTY_PAGE, RESULTS_REPEAT_TOKEN,
} from "../emulator/fixtures.mjs";
import { ok, eq, rejects, uid } from "../harness.mjs";

/**
 * Builds the cases. `sdk` is the imported package, `env` = { baseUrl, runtime }.
 * Returns [{ name, group, run }].
 */
export function buildLlamaCloudCases(sdk, env) {
  const { getClassifyJob, listResults, ClassifyClient } = sdk;
  const base = { apiKey: API_KEY, baseUrl: env.baseUrl };
  const client = new ClassifyClient({ ...base, timeoutMs: 5000 });
  const attempts = async (path) => {
    const res = await fetch(`${env.baseUrl}/__emulator/attempts?path=${encodeURIComponent(path)}`);
    return (await res.json()).attempts;
  };
  const jobPath = (id) => `/api/v2/classify/${encodeURIComponent(id)}`;
  const recordingFetch = () => {
    const calls = [];
    const fn = (url, init) => {
      calls.push({ url, init });
      return fetch(url, init);
    };
    return { calls, fn };
  };
  const cases = [];
  const test = (group, name, run) => cases.push({ group, name, run });

  // ---------- foundation: jobs ----------
  test("jobs", "getClassifyJob returns a COMPLETED job with its result", async () => {
    const job = await getClassifyJob("clj-completed", base);
    eq(job.id, "clj-completed");
    eq(job.status, "COMPLETED");
    eq(job.result.type, "invoice");
    eq(job.result.confidence, 0.92);
    eq(job.configuration.rules.length, 2);
    eq(job.file_input, "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    eq(job.configuration_id, null, "null fields stay null");
  });
  for (const [id, status] of [["clj-pending", "PENDING"], ["clj-running", "RUNNING"], ["clj-failed", "FAILED"], ["clj-cancelled", "CANCELLED"]]) {
    test("jobs", `status ${status} passes through`, async () => {
      const job = await getClassifyJob(id, base);
      eq(job.status, status);
      if (status === "FAILED") eq(job.error_message, "Parsing failed: the file is encrypted");
    });
  }
  test("jobs", "result.type null (no rule matched) is accepted", async () => {
    const job = await getClassifyJob("clj-no-match", base);
    eq(job.result.type, null);
    eq(job.result.confidence, 0.31);
  });
  test("jobs", "unknown status values and unknown fields survive", async () => {
    const job = await getClassifyJob("clj-unknown-status", base);
    eq(job.status, "ARCHIVED");
    eq(job.priority, "high");
    eq(job.labels[0], "beta");
  });
  test("jobs", "the older document_input_value shape is accepted", async () => {
    const job = await getClassifyJob("clj-legacy-input", base);
    eq(job.document_input_value, "https://example.com/invoice.pdf");
    eq(job.file_input, undefined);
  });
  test("jobs", "ClassifyClient.getClassifyJob works and reuses its options", async () => {
    const job = await client.getClassifyJob("clj-completed");
    eq(job.status, "COMPLETED");
  });

  // ---------- foundation: results ----------
  test("results", "listResults returns the first page with the server's default size", async () => {
    const page = await listResults(RESULTS_2500, base);
    eq(page.items.length, 100);
    eq(page.total_size, 2500);
    eq(page.next_page_token, "off-100");
    eq(page.items[0].classify_job_id, RESULTS_2500);
    eq(typeof page.items[0].result.confidence, "number");
  });
  test("results", "page_size and page_token select the page", async () => {
    const page = await listResults(RESULTS_2500, { ...base, page_size: 1000, page_token: "off-2000" });
    eq(page.items.length, 500);
    eq(page.items[0].id, "00000000-0000-4000-8000-0000000007d0");
    eq(page.next_page_token, undefined, "last page has no token");
  });
  test("results", "ClassifyClient.listResults walks pages by token", async () => {
    let token;
    let count = 0;
    let pages = 0;
    do {
      const page = await client.listResults(RESULTS_2500, { page_size: 1000, page_token: token });
      count += page.items.length;
      token = page.next_page_token;
      pages++;
    } while (token);
    eq(count, 2500);
    eq(pages, 3);
  });
  test("results", "an empty result set is an empty page", async () => {
    const page = await listResults(RESULTS_EMPTY, base);
    eq(page.items.length, 0);
  });

  // ---------- foundation: requests ----------
  test("requests", "sends Authorization, Accept, custom headers; query only when set", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn, headers: { "x-trace": "t-1" } });
    await c.getClassifyJob("clj-completed");
    const { url, init } = rec.calls[0];
    eq(url, `${env.baseUrl}/api/v2/classify/clj-completed`, "no query when nothing is set");
    const headers = new Headers(init.headers);
    eq(headers.get("authorization"), `Bearer ${API_KEY}`);
    eq(headers.get("accept"), "application/json");
    eq(headers.get("x-trace"), "t-1");
    eq(init.credentials, undefined, "credentials only when asked for");
    ok(!url.includes(API_KEY), "key never in the URL");
  });
  test("requests", "organizationId/projectId go to the query; per-call overrides win", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn, organizationId: "org-1", projectId: "proj 1" });
    await c.getClassifyJob("clj-completed");
    await c.listResults(RESULTS_2500, { project_id: "p2", page_size: 5, page_token: "off-5" });
    eq(rec.calls[0].url, `${env.baseUrl}/api/v2/classify/clj-completed?organization_id=org-1&project_id=proj%201`);
    eq(rec.calls[1].url, `${env.baseUrl}/api/v1/classifier/jobs/${RESULTS_2500}/results?organization_id=org-1&project_id=p2&page_size=5&page_token=off-5`);
  });
  test("requests", "a custom fetch that edits init.headers does not leak into the next request", async () => {
    const seen = [];
    const editing = (url, init) => {
      const headers = init.headers;
      seen.push(headers.get("x-once"));
      headers.set("x-once", "leaked");
      return fetch(url, init);
    };
    const c = new ClassifyClient({ ...base, fetch: editing });
    await c.getClassifyJob("clj-completed");
    await c.getClassifyJob("clj-completed");
    eq(seen[0], null);
    eq(seen[1], null, "second request starts from the client's own headers");
  });
  test("requests", "credentials is sent only when set", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn, credentials: "same-origin" });
    await c.getClassifyJob("clj-completed");
    eq(rec.calls[0].init.credentials, "same-origin");
  });
  test("requests", "path segments are percent-encoded (../x cannot escape)", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn });
    const error = await rejects(c.getClassifyJob("../x?y=1#z"), "NotFoundError");
    eq(rec.calls[0].url, `${env.baseUrl}/api/v2/classify/..%2Fx%3Fy%3D1%23z`);
    eq(error.body, "Classify job not found", "the emulator saw the encoded id as one segment");
  });
  test("requests", "baseUrl with a trailing slash and the default base URL", async () => {
    const job = await getClassifyJob("clj-completed", { ...base, baseUrl: `${env.baseUrl}/` });
    eq(job.id, "clj-completed");
    const rec = { url: "" };
    await rejects(
      getClassifyJob("abc", { apiKey: "k", maxRetries: 0, fetch: (url) => { rec.url = url; return Promise.reject(new TypeError("offline")); } }),
      "ConnectionError",
    );
    eq(rec.url, "https://api.cloud.llamaindex.ai/api/v2/classify/abc");
  });

  // ---------- foundation: errors ----------
  test("errors", "a wrong key is AuthenticationError (401) without the key in it", async () => {
    const error = await rejects(getClassifyJob("clj-completed", { ...base, apiKey: "llx-wrong-secret" }), "AuthenticationError");
    eq(error.status, 401);
    ok(error instanceof sdk.AuthenticationError && error instanceof sdk.ApiError && error instanceof sdk.ClassifyError);
    ok(!error.message.includes("llx-wrong-secret"));
    ok(typeof error.requestId === "string" && error.requestId.startsWith("req_"), "requestId from x-request-id");
    eq(error.attempts, 1, "401 is not retried");
  });
  test("errors", "a missing key is AuthenticationError", async () => {
    await rejects(getClassifyJob("clj-completed", { baseUrl: env.baseUrl }), "AuthenticationError");
  });
  test("errors", "an unknown id is NotFoundError with the parsed detail", async () => {
    const error = await rejects(client.getClassifyJob(`clj-nope-${uid()}`), "NotFoundError");
    eq(error.status, 404);
    eq(error.body, "Classify job not found");
    ok(error.message.includes("Classify job not found"));
    ok(error instanceof sdk.NotFoundError);
    eq(typeof error.headers, "object");
  });
  for (const [scenario, name, status] of [["403", "PermissionDeniedError", 403], ["422", "UnprocessableEntityError", 422], ["400", "BadRequestError", 400]]) {
    test("errors", `HTTP ${status} is ${name} and is not retried`, async () => {
      const id = `fault-${scenario}-${uid()}`;
      const error = await rejects(client.getClassifyJob(id), name);
      eq(error.status, status);
      eq(await attempts(jobPath(id)), 1);
      if (status === 422) eq(error.body[0].msg, "Input should be a valid UUID");
    });
  }
  const invalid = [
    ["empty id", () => getClassifyJob("", base), "jobId"],
    ["whitespace id", () => getClassifyJob("  \t", base), "jobId"],
    ["id with control characters", () => getClassifyJob("abc\ndef", base), "jobId"],
    ["dot-segment id", () => getClassifyJob("..", base), "jobId"],
    ["non-string id", () => getClassifyJob(42, base), "jobId"],
    ["page_size 0", () => listResults(RESULTS_2500, { ...base, page_size: 0 }), "page_size"],
    ["page_size -1", () => listResults(RESULTS_2500, { ...base, page_size: -1 }), "page_size"],
    ["page_size 2.5", () => listResults(RESULTS_2500, { ...base, page_size: 2.5 }), "page_size"],
    ["page_size as text", () => listResults(RESULTS_2500, { ...base, page_size: "10" }), "page_size"],
    ["API key with CR/LF", () => getClassifyJob("clj-completed", { ...base, apiKey: "llx-secret\r\nx-evil: 1" }), "apiKey"],
    ["baseUrl without scheme", () => getClassifyJob("clj-completed", { ...base, baseUrl: "api.example.com" }), "baseUrl"],
    ["header value with CR/LF", () => getClassifyJob("clj-completed", { ...base, headers: { "x-a": "1\r\n2" } }), "headers"],
    ["header name with a space", () => getClassifyJob("clj-completed", { ...base, headers: { "x a": "1" } }), "headers"],
    ["options not an object", () => getClassifyJob("clj-completed", "nope"), "options"],
    ["timeoutMs negative", () => getClassifyJob("clj-completed", { ...base, timeoutMs: -5 }), "timeoutMs"],
  ];
  for (const [label, call, argument] of invalid) {
    test("errors", `InvalidArgumentError: ${label}`, async () => {
      const rec = recordingFetch();
      const error = await rejects(call(), "InvalidArgumentError", label);
      eq(error.argument, argument, "argument named");
      ok(error instanceof sdk.InvalidArgumentError);
      ok(!error.message.includes("llx-secret"), "key not echoed");
      eq(rec.calls.length, 0);
    });
  }
  test("errors", "an invalid header name is named in the message, its value is not", async () => {
    const c = new ClassifyClient({ ...base, headers: { "bad name": "llx-secret-value" } });
    const error = await rejects(c.getClassifyJob("clj-completed"), "InvalidArgumentError");
    eq(error.argument, "headers");
    ok(error.message.includes('"bad name"'), error.message);
    ok(!error.message.includes("llx-secret-value"), "value not echoed");
  });
  test("errors", "the ClassifyClient constructor throws InvalidArgumentError synchronously", async () => {
    let thrown;
    try {
      new ClassifyClient({ apiKey: "a\nb" });
    } catch (error) {
      thrown = error;
    }
    ok(thrown instanceof sdk.InvalidArgumentError);
    eq(thrown.argument, "apiKey");
  });

  // ---------- decoding ----------
  test("decode", "malformed JSON is a DecodeError (not retried)", async () => {
    const id = `fault-malformed-${uid()}`;
    const error = await rejects(client.getClassifyJob(id), "DecodeError");
    eq(await attempts(jobPath(id)), 1);
    ok(error instanceof sdk.DecodeError);
  });
  test("decode", "an empty 200 body is a DecodeError", async () => {
    await rejects(client.getClassifyJob(`fault-empty-${uid()}`), "DecodeError");
  });
  test("decode", "a missing required field is named", async () => {
    const error = await rejects(client.getClassifyJob(`fault-missing-${uid()}`), "DecodeError");
    eq(error.field, "status");
  });
  test("decode", "a wrong type is named by its path", async () => {
    const error = await rejects(client.getClassifyJob(`fault-wrongtype-${uid()}`), "DecodeError");
    eq(error.field, "result.confidence");
    ok(error.message.includes("result.confidence"));
  });
  test("decode", "unknown status and extra fields pass through", async () => {
    const job = await client.getClassifyJob(`fault-unknown-${uid()}`);
    eq(job.status, "QUARANTINED");
    eq(job.extra.nested, true);
  });
  test("decode", "2,000 mutated bodies settle with a value or a typed error, then a normal call works", async () => {
    const names = new Set(["DecodeError"]);
    const c = new ClassifyClient({ ...base, maxRetries: 0 });
    let values = 0;
    let errors = 0;
    const started = Date.now();
    for (let batch = 0; batch < 2000; batch += 50) {
      const settled = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => c.getClassifyJob(`fuzz-${batch + i}`)),
      );
      for (const result of settled) {
        if (result.status === "fulfilled") {
          values++;
          ok(typeof result.value === "object" && result.value !== null);
        } else {
          errors++;
          ok(result.reason instanceof Error && names.has(result.reason.name), `unexpected ${result.reason && result.reason.name}: ${result.reason && result.reason.message}`);
        }
      }
      ok(Date.now() - started < 60000, "fuzz run bounded in time");
    }
    eq(values + errors, 2000);
    ok(errors > 0 && values > 0, `both outcomes occur (values ${values}, errors ${errors})`);
    eq((await c.getClassifyJob("clj-completed")).status, "COMPLETED", "instance still healthy");
  });

  // ---------- retries ----------
  const timed = async (fn) => {
    const t0 = Date.now();
    const value = await fn();
    return [value, Date.now() - t0];
  };
  test("retries", "429 with retry-after-ms is retried after that delay", async () => {
    const id = `fault-429ms-${uid()}`;
    const [job, ms] = await timed(() => client.getClassifyJob(id));
    eq(job.status, "COMPLETED");
    eq(await attempts(jobPath(id)), 2);
    ok(ms >= 110 && ms < 1000, `waited ${ms} ms for retry-after-ms 120`);
  });
  test("retries", "429 with Retry-After seconds is honoured", async () => {
    const id = `fault-429s-${uid()}`;
    const [, ms] = await timed(() => client.getClassifyJob(id));
    eq(await attempts(jobPath(id)), 2);
    ok(ms >= 950 && ms < 2500, `waited ${ms} ms for Retry-After: 1`);
  });
  test("retries", "429 with an HTTP-date Retry-After is honoured", async () => {
    const id = `fault-429date-${uid()}`;
    const [, ms] = await timed(() => client.getClassifyJob(id));
    eq(await attempts(jobPath(id)), 2);
    ok(ms >= 400 && ms < 3000, `waited ${ms} ms for a date ~1.5 s ahead (second resolution)`);
  });
  test("retries", "a huge Retry-After is capped by maxRetryDelayMs", async () => {
    const id = `fault-429long-${uid()}`;
    const c = new ClassifyClient({ ...base, maxRetryDelayMs: 150 });
    const [, ms] = await timed(() => c.getClassifyJob(id));
    ok(ms >= 140 && ms < 1500, `waited ${ms} ms with a 150 ms cap`);
  });
  test("retries", "two 503s then success: 3 attempts with backoff", async () => {
    const id = `fault-503x2-${uid()}`;
    const [job, ms] = await timed(() => client.getClassifyJob(id));
    eq(job.status, "COMPLETED");
    eq(await attempts(jobPath(id)), 3);
    ok(ms >= 0.75 * (500 + 1000) - 20 && ms < 4000, `backoff 0.5 s + 1 s minus jitter, took ${ms} ms`);
  });
  test("retries", "500 forever: InternalServerError after maxRetries + 1 attempts", async () => {
    const id = `fault-500-${uid()}`;
    const c = new ClassifyClient({ ...base, maxRetries: 1 });
    const error = await rejects(c.getClassifyJob(id), "InternalServerError");
    eq(error.status, 500);
    eq(error.code, "internal_error");
    eq(error.attempts, 2);
    eq(await attempts(jobPath(id)), 2);
  });
  test("retries", "maxRetries 0 per call makes one attempt", async () => {
    const id = `fault-500-${uid()}`;
    const error = await rejects(client.getClassifyJob(id, { maxRetries: 0 }), "InternalServerError");
    eq(error.attempts, 1);
    eq(await attempts(jobPath(id)), 1);
  });
  test("retries", "x-should-retry: false stops retries of a 503", async () => {
    const id = `fault-noretry-${uid()}`;
    await rejects(client.getClassifyJob(id), "InternalServerError");
    eq(await attempts(jobPath(id)), 1);
  });
  test("retries", "x-should-retry: true retries a 400", async () => {
    const id = `fault-forceretry-${uid()}`;
    eq((await client.getClassifyJob(id)).status, "COMPLETED");
    eq(await attempts(jobPath(id)), 2);
  });
  for (const status of ["408", "409"]) {
    test("retries", `${status} is retried`, async () => {
      const id = `fault-${status}-${uid()}`;
      eq((await client.getClassifyJob(id)).status, "COMPLETED");
      eq(await attempts(jobPath(id)), 2);
    });
  }
  test("retries", "an HTML 502 page becomes InternalServerError with no HTML in the message", async () => {
    const id = `fault-html502-${uid()}`;
    const error = await rejects(client.getClassifyJob(id, { maxRetries: 1 }), "InternalServerError");
    eq(error.status, 502);
    ok(!error.message.includes("<"), error.message);
    ok(String(error.body).includes("502 Bad Gateway"));
    eq(await attempts(jobPath(id)), 2);
  });
  test("retries", "a connection dropped mid-body is retried, then ConnectionError", async () => {
    const id = `fault-drop-${uid()}`;
    const error = await rejects(client.getClassifyJob(id, { maxRetries: 1 }), "ConnectionError");
    eq(error.attempts, 2);
    eq(await attempts(jobPath(id)), 2);
  });
  test("retries", "a reset connection is a ConnectionError", async () => {
    const id = `fault-reset-${uid()}`;
    const error = await rejects(client.getClassifyJob(id, { maxRetries: 0 }), "ConnectionError");
    ok(error instanceof sdk.ConnectionError);
  });

  // ---------- timeouts and cancellation ----------
  test("timeouts", "a slow response beyond timeoutMs is a TimeoutError", async () => {
    const id = `fault-slow-${uid()}`;
    const [error, ms] = await timed(() => rejects(client.getClassifyJob(id, { timeoutMs: 200, maxRetries: 0 }), "TimeoutError"));
    ok(error instanceof sdk.TimeoutError && error instanceof sdk.ConnectionError);
    ok(ms >= 190 && ms < 1200, `gave up after ${ms} ms`);
    eq(error.attempts, 1);
  });
  test("timeouts", "a timed-out attempt is retried", async () => {
    const id = `fault-slowonce-${uid()}`;
    const job = await client.getClassifyJob(id, { timeoutMs: 300 });
    eq(job.status, "COMPLETED");
    eq(await attempts(jobPath(id)), 2);
  });
  test("abort", "an already-aborted signal rejects with AbortError and sends nothing", async () => {
    const rec = recordingFetch();
    const c = new ClassifyClient({ ...base, fetch: rec.fn });
    const controller = new AbortController();
    controller.abort();
    const error = await rejects(c.getClassifyJob("clj-completed", { signal: controller.signal }), "AbortError");
    ok(error instanceof sdk.AbortError);
    eq(rec.calls.length, 0);
  });
  test("abort", "aborting during a slow request rejects at once", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [, ms] = await timed(() => rejects(client.getClassifyJob(`fault-slow-${uid()}`, { signal: controller.signal }), "AbortError"));
    ok(ms < 700, `aborted after ${ms} ms`);
  });
  test("abort", "aborting during a retry wait rejects at once", async () => {
    const controller = new AbortController();
    const id = `fault-429s-${uid()}`;
    setTimeout(() => controller.abort(), 200);
    const [, ms] = await timed(() => rejects(client.getClassifyJob(id, { signal: controller.signal }), "AbortError"));
    ok(ms < 800, `aborted after ${ms} ms (Retry-After was 1 s)`);
    eq(await attempts(jobPath(id)), 1);
  });

  // ---------- pagination ----------
  test("pagination", "iterResults yields all 2,500 items in order across pages", async () => {
    let count = 0;
    let previous = -1;
    for await (const item of client.iterResults(RESULTS_2500, { page_size: 1000 })) {
      const index = parseInt(item.id.slice(-12), 16);
      eq(index, previous + 1, "items in order, none repeated");
      previous = index;
      count++;
    }
    eq(count, 2500);
  });
  test("pagination", "iterResultPages yields pages; maxPages stops early", async () => {
    const sizes = [];
    for await (const page of client.iterResultPages(RESULTS_2500, { page_size: 1000 })) sizes.push(page.items.length);
    eq(sizes.join(","), "1000,1000,500");
    let pages = 0;
    for await (const page of client.iterResultPages(RESULTS_2500, { page_size: 100, maxPages: 2 })) {
      ok(page.items.length === 100);
      pages++;
    }
    eq(pages, 2);
  });
  test("pagination", "iterResults over 10,000 items", async () => {
    let count = 0;
    for await (const _ of client.iterResults(RESULTS_10000, { page_size: 1000 })) count++;
    eq(count, 10000);
  });
  test("pagination", "a repeated page token rejects with PaginationError instead of looping", async () => {
    let seen = 0;
    const error = await rejects(
      (async () => {
        for await (const _ of client.iterResults(RESULTS_REPEAT_TOKEN)) {
          seen++;
          if (seen > 10) throw new Error("looped");
        }
      })(),
      "PaginationError",
    );
    eq(error.pageToken, "tok-same");
    eq(seen, 2);
  });
  test("pagination", "an empty page that carries a token continues", async () => {
    const items = [];
    for await (const item of client.iterResults(RESULTS_EMPTY_PAGE)) items.push(item);
    eq(items.length, 2);
  });
  test("pagination", "an empty result set yields nothing", async () => {
    let count = 0;
    for await (const _ of client.iterResults(RESULTS_EMPTY)) count++;
    eq(count, 0);
  });
  test("pagination", "breaking out of the loop early is clean", async () => {
    let count = 0;
    for await (const _ of client.iterResults(RESULTS_1000, { page_size: 10 })) {
      if (++count === 15) break;
    }
    eq(count, 15);
  });
  test("pagination", "overlapping next() calls on iterResults get the items in order", async () => {
    const iterator = client.iterResults(RESULTS_2500, { page_size: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, () => iterator.next()));
    const indexes = results.map((result) => parseInt(result.value.id.slice(-12), 16));
    eq(indexes.join(","), "0,1,2,3,4,5,6,7", "spans three pages, nothing skipped or repeated");
    const [closed, after] = await Promise.all([iterator.return(), iterator.next()]);
    eq(closed.done, true);
    eq(after.done, true, "done after return()");
  });
  test("pagination", "return() while a page is in flight waits for it, then ends", async () => {
    const iterator = client.iterResults(RESULTS_2500, { page_size: 5 });
    const first = iterator.next();
    const closed = await iterator.return("bye");
    eq((await first).done, false, "the page in flight still answers its caller");
    eq(closed.value, "bye");
    eq((await iterator.next()).done, true);
  });
  test("pagination", "iterResultPages: return() twice and next() afterwards just report done", async () => {
    const pages = client.iterResultPages(RESULTS_2500, { page_size: 1000 });
    eq((await pages.next()).value.items.length, 1000);
    eq((await pages.return()).done, true);
    eq((await pages.return()).done, true, "a second return() does not throw");
    eq((await pages.next()).done, true, "next() after return()");
    const items = client.iterResults(RESULTS_2500, { page_size: 1000 });
    await items.next();
    await items.return();
    eq((await items.return()).done, true);
    eq((await items.next()).done, true);
  });
  test("pagination", "iterResults rejects bad input with InvalidArgumentError", async () => {
    let thrown;
    try {
      client.iterResults("", {});
    } catch (error) {
      thrown = error;
    }
    eq(thrown && thrown.name, "InvalidArgumentError");
  });

  // ---------- polling ----------
  test("polling", "waitForClassifyJob follows PENDING → RUNNING → COMPLETED", async () => {
    const seen = [];
    const job = await client.waitForClassifyJob(`clj-progress-${uid()}`, { intervalMs: 40, maxIntervalMs: 80, onProgress: (j) => seen.push(j.status) });
    eq(job.status, "COMPLETED");
    eq(seen.join(","), "PENDING,RUNNING,COMPLETED");
  });
  test("polling", "a job that ends FAILED rejects with JobFailedError carrying the job", async () => {
    const error = await rejects(client.waitForClassifyJob(`clj-progress-fail-${uid()}`, { intervalMs: 40, maxIntervalMs: 80 }), "JobFailedError");
    eq(error.job.status, "FAILED");
    eq(error.status, "FAILED");
    ok(error.job.error_message.length > 0);
  });
  test("polling", "a CANCELLED job is terminal", async () => {
    const error = await rejects(client.waitForClassifyJob(`clj-progress-cancel-${uid()}`, { intervalMs: 40, maxIntervalMs: 80 }), "JobFailedError");
    eq(error.job.status, "CANCELLED");
  });
  test("polling", "maxWaitMs rejects with TimeoutError carrying the last job", async () => {
    const [error, ms] = await timed(() => rejects(client.waitForClassifyJob("clj-pending", { intervalMs: 50, maxWaitMs: 300 }), "TimeoutError"));
    eq(error.job.status, "PENDING");
    ok(ms >= 280 && ms < 1000, `timed out after ${ms} ms`);
  });
  test("polling", "maxWaitMs and its deprecated name timeoutMs together are refused", async () => {
    const error = await rejects(client.waitForClassifyJob("clj-pending", { maxWaitMs: 300, timeoutMs: 300 }), "InvalidArgumentError");
    eq(error.argument, "timeoutMs");
    await rejects(client.waitForClassifyJob("clj-pending", { maxWaitMs: -1 }), "InvalidArgumentError");
  });
  test("client", "LlamaCloudClient is ClassifyClient under its primary name", async () => {
    eq(sdk.LlamaCloudClient, ClassifyClient);
    const job = await new sdk.LlamaCloudClient(base).getClassifyJob("clj-completed");
    eq(job.status, "COMPLETED");
  });
  test("polling", "timeoutMs (deprecated name of maxWaitMs) still rejects with TimeoutError carrying the last job", async () => {
    const [error, ms] = await timed(() => rejects(client.waitForClassifyJob("clj-pending", { intervalMs: 50, timeoutMs: 300 }), "TimeoutError"));
    eq(error.job.status, "PENDING");
    ok(ms >= 280 && ms < 1000, `timed out after ${ms} ms`);
  });
  test("polling", "the signal stops a wait at once", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const [, ms] = await timed(() => rejects(client.waitForClassifyJob("clj-running", { intervalMs: 1000, signal: controller.signal }), "AbortError"));
    ok(ms < 600, `stopped after ${ms} ms`);
  });
  test("polling", "an unknown status keeps polling; a 404 rejects at once", async () => {
    await rejects(client.waitForClassifyJob("clj-unknown-status", { intervalMs: 30, timeoutMs: 150 }), "TimeoutError");
    await rejects(client.waitForClassifyJob(`clj-gone-${uid()}`, { intervalMs: 30 }), "NotFoundError");
  });

  return cases;
}

