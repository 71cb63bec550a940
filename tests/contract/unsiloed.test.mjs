// Contract test: every Unsiloed answer the emulator gives matches Unsiloed's published
// description (spec/unsiloed/openapi_classify_excerpt.json) where it declares a schema (the
// GET 200 and POST 202 bodies, the 401 body), and the shapes of the published examples in
// spec/unsiloed/*.json (same keys, same JSON types) where it declares none (400, 402, 404, 503,
// and the exact fields of each job state).
//
// Documented drift: the description types `error` as string and `result` as object, but the
// published examples (status_completed_real.json, status_processing.json, status_failed.json)
// carry `null` there; both may be null here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../emulator/hooks.mjs";
import { UNSILOED_API_KEY, UNSILOED_JOBS, UNSILOED_UNKNOWN_STATUS } from "../emulator/fixtures.mjs";
import { assertSameShape, assertValid, newAjv, sleep, specJson, uid } from "./shape.mjs";

const spec = specJson("unsiloed/openapi_classify_excerpt.json");
const ajv = newAjv();
const json = (response) => response.content["application/json"].schema;

const statusSchema = structuredClone(json(spec.paths["/classify/{job_id}"].get.responses["200"]));
for (const key of ["error", "result"]) {
  statusSchema.properties[key] = { anyOf: [statusSchema.properties[key], { type: "null" }] };
}
const validateStatus = ajv.compile(statusSchema);
const validateSubmit = ajv.compile(json(spec.paths["/classify"].post.responses["202"]));
const validate401 = ajv.compile(json(spec.paths["/org/get_usage"].get.responses["401"]));

const EXAMPLES = {
  completed: specJson("unsiloed/status_completed_real.json"),
  processing: specJson("unsiloed/status_processing.json"),
  failed: specJson("unsiloed/status_failed.json"),
  submit: specJson("unsiloed/submit_202.json"),
  error400: specJson("unsiloed/error_400_submit.json"),
  error401: specJson("unsiloed/error_401_org_usage.json"),
  error402: specJson("unsiloed/error_402_quota.json"),
  error404: specJson("unsiloed/error_404_job_not_found.json"),
  error503: specJson("unsiloed/shape_503_error_envelope_from_sdk.json"),
  pageFailed: specJson("unsiloed/shape_page_result_failed_from_sdk.json"),
  newerResult: specJson("unsiloed/shape_result_image_input_from_sdk.json"),
};

/**
 * Checks a job-status body: the description's schema, then the example of its state. A
 * completed result may also carry the newer `raw_result` / `categories[]`
 * (shape_result_image_input_from_sdk.json); a failed page has the fields of
 * shape_page_result_failed_from_sdk.json. `extraTop` lists unknown top-level keys to allow.
 */
function checkStatus(body, extraTop = []) {
  assertValid(validateStatus, body);
  const state = body.status === "queued" ? "processing" : Object.hasOwn(EXAMPLES, body.status) ? body.status : "completed";
  if (state !== "completed") return assertSameShape(body, EXAMPLES[state], { "": extraTop });
  const { result, ...top } = body;
  assertSameShape({ ...top, result: null }, { ...EXAMPLES.completed, result: null }, { "": extraTop });
  const { page_results: pages, raw_result: raw, categories, ...core } = result;
  const { page_results: examplePages, ...exampleCore } = EXAMPLES.completed.result;
  assertSameShape(core, exampleCore);
  assert.ok(Array.isArray(pages), "page_results is a list");
  for (const page of pages) assertSameShape(page, page.success ? examplePages[0] : EXAMPLES.pageFailed);
  if (raw !== undefined) assertSameShape(raw, EXAMPLES.newerResult.raw_result);
  if (categories !== undefined) assertSameShape(categories, EXAMPLES.newerResult.categories);
}

const emulator = useEmulator();

const headers = (extra = {}) => ({ "api-key": UNSILOED_API_KEY, ...extra });
async function call(path, init = {}) {
  const res = await fetch(emulator.url + path, { ...init, headers: init.headers ?? headers() });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
function form({ categories = [{ name: "invoice", description: "Financial invoices" }, { name: "receipt" }], file, fileUrl } = {}) {
  const data = new FormData();
  if (categories !== undefined) data.append("categories", typeof categories === "string" ? categories : JSON.stringify(categories));
  if (file) data.append("pdf_file", new Blob([file.bytes], { type: "application/pdf" }), file.name);
  if (fileUrl) data.append("file_url", fileUrl);
  return data;
}
const submit = (fields, extraHeaders) => call("/classify", { method: "POST", headers: headers(extraHeaders), body: form(fields) });
const PDF = { name: "doc.pdf", bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 13, 10, 0xff]) };

/** Polls a submitted job until it ends; answers every distinct body's status in order. */
async function walk(jobId) {
  const seen = [];
  for (let i = 0; i < 400; i++) {
    const { status, body } = await call(`/classify/${jobId}`);
    assert.equal(status, 200);
    checkStatus(body);
    if (seen.at(-1)?.progress !== body.progress) seen.push(body);
    if (body.status === "completed" || body.status === "failed") return seen;
    await sleep(15);
  }
  throw new Error("the job never ended");
}

for (const id of Object.keys(UNSILOED_JOBS)) {
  test(`fixture ${id} matches the description and the examples`, async () => {
    const { status, body } = await call(`/classify/${id}`);
    assert.equal(status, 200);
    assert.equal(body.job_id, id);
    checkStatus(body, id === UNSILOED_UNKNOWN_STATUS ? ["priority", "labels"] : []);
  });
}

test("submit with a file: 202 like submit_202.json; the job goes queued → processing page 1..3 → completed", async () => {
  const { status, body } = await submit({ file: PDF });
  assert.equal(status, 202);
  assertValid(validateSubmit, body);
  assertSameShape(body, EXAMPLES.submit);
  assert.equal(body.status, "processing");
  const states = await walk(body.job_id);
  assert.deepEqual(states.map((s) => s.progress), [
    "Queued", "Processing page 1 of 3", "Processing page 2 of 3", "Processing page 3 of 3", "Classification completed",
  ]);
  const done = states.at(-1).result;
  assert.equal(done.classification, "invoice");
  assert.equal(done.total_pages, 3);
  assert.equal(done.page_results.length, 3);
});

test("submit with a file_url: 2 pages; `fail` in the URL ends failed like status_failed.json", async () => {
  const ok = await submit({ fileUrl: "https://example.com/contract.pdf" });
  assert.equal(ok.status, 202);
  assert.equal((await walk(ok.body.job_id)).at(-1).result.total_pages, 2);
  const bad = await submit({ fileUrl: "https://example.com/fail.pdf" });
  const end = (await walk(bad.body.job_id)).at(-1);
  assert.equal(end.status, "failed");
  assert.equal(end.error, "Invalid PDF format");
});

test("quota_remaining decreases; a repeated Idempotency-Key answers the same job", async () => {
  const key = `idem-${uid()}`;
  const first = await submit({ file: PDF }, { "idempotency-key": key });
  const again = await submit({ file: PDF }, { "idempotency-key": key });
  const other = await submit({ file: PDF });
  for (const r of [first, again, other]) assertValid(validateSubmit, r.body);
  assert.equal(again.body.job_id, first.body.job_id);
  assert.equal(other.body.quota_remaining, first.body.quota_remaining - 1);
});

test("400s match error_400_submit.json", async () => {
  for (const fields of [{}, { file: PDF, fileUrl: "https://example.com/a.pdf" }, { categories: "not json", file: PDF }, { categories: [], file: PDF }]) {
    const { status, body } = await submit(fields);
    assert.equal(status, 400);
    assertSameShape(body, EXAMPLES.error400);
  }
});

test("401s match the description's 401 and error_401_org_usage.json", async () => {
  for (const h of [{}, { "api-key": "wrong" }, { authorization: `Bearer ${UNSILOED_API_KEY}` }]) {
    for (const init of [{ headers: h }, { method: "POST", headers: h, body: form({ file: PDF }) }]) {
      const { status, body } = await call(init.method ? "/classify" : "/classify/uns-completed", init);
      assert.equal(status, 401);
      assertValid(validate401, body);
      assertSameShape(body, EXAMPLES.error401);
    }
  }
});

test("402 is exactly error_402_quota.json", async () => {
  const { status, body } = await submit({ fileUrl: "https://example.com/quota.pdf" });
  assert.equal(status, 402);
  assert.deepEqual(body, EXAMPLES.error402);
});

test("404 matches error_404_job_not_found.json", async () => {
  const { status, body } = await call(`/classify/no-such-${uid()}`);
  assert.equal(status, 404);
  assert.deepEqual(body, EXAMPLES.error404);
});

test("503s match shape_503_error_envelope_from_sdk.json and carry Retry-After", async () => {
  const key = `q-${uid()}`;
  const full = await submit({ fileUrl: "https://example.com/queue-full.pdf" }, { "idempotency-key": key });
  assert.equal(full.status, 503);
  assert.equal(full.headers.get("retry-after"), "1");
  assertSameShape(full.body, EXAMPLES.error503);
  const retried = await submit({ fileUrl: "https://example.com/queue-full.pdf" }, { "idempotency-key": key });
  assert.equal(retried.status, 202);
  assertValid(validateSubmit, retried.body);
  const id = `ufault-503once-${uid()}`;
  const first = await call(`/classify/${id}`);
  assert.equal(first.status, 503);
  assertSameShape(first.body, EXAMPLES.error503);
  const second = await call(`/classify/${id}`);
  assert.equal(second.status, 200);
  checkStatus(second.body);
});

test("429 and 500 faults are {detail: string}; 422 is a FastAPI validation list", async () => {
  const id = `ufault-429once-${uid()}`;
  const limited = await call(`/classify/${id}`);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "1");
  assertSameShape(limited.body, EXAMPLES.error404);
  checkStatus((await call(`/classify/${id}`)).body);
  const broken = await call(`/classify/ufault-500-${uid()}`);
  assert.equal(broken.status, 500);
  assertSameShape(broken.body, EXAMPLES.error404);
  const wrong = await call("/classify", { method: "POST", headers: headers({ "content-type": "application/json" }), body: "{}" });
  assert.equal(wrong.status, 422);
  assert.deepEqual(wrong.body, { detail: [{ loc: ["body"], msg: "Expected multipart/form-data", type: "value_error" }] });
});

test("the wrongtype fault is deliberately outside the description", async () => {
  const { status, body } = await call(`/classify/ufault-wrongtype-${uid()}`);
  assert.equal(status, 200);
  assert.equal(validateStatus(body), false);
});
