// Contract test: the emulator's LlamaCloud write endpoints answer as the published OpenAPI
// description (spec/llamacloud/openapi-classify.json) says: create (POST /api/v2/classify) and
// cancel answer ClassifyV2JobResponse, the list (GET /api/v2/classify) ClassifyV2JobQueryResponse
// on every page and with every filter, validation failures HTTPValidationError. File uploads
// (POST /api/v1/beta/files, not in this excerpt) are checked for their documented fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../emulator/hooks.mjs";
import { API_KEY, DEFAULT_PROJECT_ID, DRIFT_JOB_IDS, JOBS, SEED_CONFIGURATION_ID, SEED_JOB_COUNT } from "../emulator/fixtures.mjs";
import { assertValid, llamaCloudSchemas, sleep, uid } from "./shape.mjs";

const schema = llamaCloudSchemas();
const jobSchema = schema("ClassifyV2JobResponse");
const listSchema = schema("ClassifyV2JobQueryResponse");
const errorSchema = schema("HTTPValidationError");
const createSchema = schema("ClassifyV2JobCreateRequest");

const emulator = useEmulator();

const AUTH = { authorization: `Bearer ${API_KEY}` };
async function call(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, headers: { ...AUTH, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof FormData ? body : JSON.stringify(body);
    if (!(body instanceof FormData) && !init.headers["content-type"]) init.headers["content-type"] = "application/json";
  }
  const res = await fetch(emulator.url + path, init);
  return { status: res.status, headers: res.headers, body: await res.json() };
}
const RULES = [
  { type: "invoice", description: "contains invoice number, line items, and total amount" },
  { type: "receipt", description: "purchase receipt with transaction info and merchant details" },
];
const create = (extra = {}, query = "") =>
  call(`/api/v2/classify${query}`, { method: "POST", body: { file_input: `dfl-${uid()}`, configuration: { rules: RULES }, ...extra } });

/** Polls a job until it ends; answers the statuses it went through. */
async function walk(id) {
  const seen = [];
  for (let i = 0; i < 200; i++) {
    const { status, body } = await call(`/api/v2/classify/${id}`);
    assert.equal(status, 200);
    assertValid(jobSchema, body);
    if (seen.at(-1) !== body.status) seen.push(body.status);
    if (["COMPLETED", "FAILED", "CANCELLED"].includes(body.status)) return { seen, job: body };
    await sleep(15);
  }
  throw new Error("the job never ended");
}

// ---- create ---------------------------------------------------------------------------------

test("the requests this test sends are valid ClassifyV2JobCreateRequests", () => {
  assertValid(createSchema, { file_input: "dfl-x", configuration: { rules: RULES }, transaction_id: "t" });
  assertValid(createSchema, { file_input: "pjb-x", configuration_id: SEED_CONFIGURATION_ID });
});

test("create answers a PENDING ClassifyV2JobResponse that goes RUNNING → COMPLETED", async () => {
  const { status, body } = await create({ configuration: { rules: RULES, parsing_configuration: { lang: "en", max_pages: 3 } } });
  assert.equal(status, 200);
  assertValid(jobSchema, body);
  assert.match(body.id, /^clj-/);
  assert.equal(body.status, "PENDING");
  assert.equal(body.document_input_type, "file_id");
  assert.equal(body.configuration.mode, "FAST");
  assert.equal(body.project_id, DEFAULT_PROJECT_ID);
  assert.equal(body.result, null);
  const { seen, job } = await walk(body.id);
  assert.deepEqual(seen, ["PENDING", "RUNNING", "COMPLETED"]);
  assert.equal(job.result.type, "invoice");
  assert.equal(job.result.confidence, 0.91);
});

test("file_input kinds, deprecated fields, configuration_id and project_id", async () => {
  const project = "3f1c2d4e-0000-4000-8000-00000000beef";
  const cases = [
    [{ file_input: "pjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" }, "parse_job_id"],
    [{ file_input: "https://example.com/a.pdf" }, "url"],
    [{ file_input: undefined, file_id: "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" }, "file_id"],
    [{ file_input: undefined, parse_job_id: "pjb-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" }, "parse_job_id"],
    [{ configuration: undefined, configuration_id: SEED_CONFIGURATION_ID }, "file_id"],
  ];
  for (const [extra, kind] of cases) {
    const { status, body } = await create(extra, `?project_id=${project}`);
    assert.equal(status, 200, JSON.stringify(body));
    assertValid(jobSchema, body);
    assert.equal(body.document_input_type, kind);
    assert.equal(body.project_id, project);
  }
});

test("file_input containing `fail` ends FAILED with an error_message", async () => {
  const { body } = await create({ file_input: `https://example.com/fail-${uid()}.pdf` });
  const { seen, job } = await walk(body.id);
  assert.deepEqual(seen, ["PENDING", "RUNNING", "FAILED"]);
  assert.equal(typeof job.error_message, "string");
});

test("a transaction_id seen before answers the original job and creates nothing", async () => {
  const tx = `tx-${uid()}`;
  const first = await create({ transaction_id: tx });
  const again = await create({ transaction_id: tx, file_input: "dfl-other" });
  assertValid(jobSchema, again.body);
  assert.equal(again.body.id, first.body.id);
  assert.equal(again.body.file_input, first.body.file_input);
  const created = (await (await fetch(`${emulator.url}/__emulator/llamacloud/jobs`)).json()).jobs;
  assert.equal(created.filter((j) => j.transaction_id === tx).length, 1);
});

test("fault-503once-: 503 once per transaction_id, then one job", async () => {
  const tx = `tx-${uid()}`;
  const fileInput = `fault-503once-${uid()}`;
  const first = await create({ file_input: fileInput, transaction_id: tx });
  assert.equal(first.status, 503);
  assert.equal(typeof first.body.detail, "string");
  const second = await create({ file_input: fileInput, transaction_id: tx });
  const third = await create({ file_input: fileInput, transaction_id: tx });
  assert.equal(second.status, 200);
  assertValid(jobSchema, second.body);
  assert.equal(third.body.id, second.body.id);
  const created = (await (await fetch(`${emulator.url}/__emulator/llamacloud/jobs`)).json()).jobs;
  assert.equal(created.filter((j) => j.file_input === fileInput).length, 1);
});

const INVALID_CREATES = {
  "no file_input": { configuration: { rules: RULES } },
  "file_input over 200 characters": { file_input: "x".repeat(201), configuration: { rules: RULES } },
  "neither configuration nor configuration_id": { file_input: "dfl-x" },
  "both configuration and configuration_id": { file_input: "dfl-x", configuration: { rules: RULES }, configuration_id: "cfg-x" },
  "no rules": { file_input: "dfl-x", configuration: { rules: [] } },
  "rules missing": { file_input: "dfl-x", configuration: {} },
  "empty type": { file_input: "dfl-x", configuration: { rules: [{ type: "", description: "long enough text" }] } },
  "type over 50": { file_input: "dfl-x", configuration: { rules: [{ type: "t".repeat(51), description: "long enough text" }] } },
  "description under 10": { file_input: "dfl-x", configuration: { rules: [{ type: "a", description: "short" }] } },
  "description over 2000": { file_input: "dfl-x", configuration: { rules: [{ type: "a", description: "d".repeat(2001) }] } },
  "mode MULTIMODAL": { file_input: "dfl-x", configuration: { rules: RULES, mode: "MULTIMODAL" } },
  "transaction_id over 255": { file_input: "dfl-x", configuration: { rules: RULES }, transaction_id: "t".repeat(256) },
  "wrong types": { file_input: 7, configuration: { rules: [null, { type: 1, description: [] }] } },
  "a JSON array": [1, 2],
  "invalid JSON": "{nope",
  "an empty body": "",
};
for (const [name, body] of Object.entries(INVALID_CREATES)) {
  test(`create with ${name} is a 422 HTTPValidationError`, async () => {
    const { status, body: answer } = await call("/api/v2/classify", { method: "POST", body, headers: { "content-type": "application/json" } });
    assert.equal(status, 422);
    assertValid(errorSchema, answer);
    assert.ok(answer.detail.length > 0);
  });
}
test("create with a non-JSON content type is a 422 HTTPValidationError", async () => {
  const { status, body } = await call("/api/v2/classify", { method: "POST", body: "file_input=x", headers: { "content-type": "text/plain" } });
  assert.equal(status, 422);
  assertValid(errorSchema, body);
});

// ---- cancel ---------------------------------------------------------------------------------

test("cancel: a pending job becomes and stays CANCELLED; a finished one is unchanged", async () => {
  const { body } = await create();
  const cancelled = await call(`/api/v2/classify/${body.id}/cancel`, { method: "POST" });
  assert.equal(cancelled.status, 200);
  assertValid(jobSchema, cancelled.body);
  assert.equal(cancelled.body.status, "CANCELLED");
  await sleep(400);
  const later = await call(`/api/v2/classify/${body.id}`);
  assert.equal(later.body.status, "CANCELLED");
  for (const id of ["clj-completed", "clj-failed", "clj-cancelled"]) {
    const same = await call(`/api/v2/classify/${id}/cancel`, { method: "POST" });
    assertValid(jobSchema, same.body);
    assert.deepEqual(same.body, JOBS[id]);
  }
  const done = await create();
  await walk(done.body.id);
  const unchanged = await call(`/api/v2/classify/${done.body.id}/cancel`, { method: "POST" });
  assert.equal(unchanged.body.status, "COMPLETED");
});

test("cancel works on clj-progress-* ids; unknown ids are 404", async () => {
  const id = `clj-progress-${uid()}`;
  const cancelled = await call(`/api/v2/classify/${id}/cancel`, { method: "POST" });
  assertValid(jobSchema, cancelled.body);
  assert.equal(cancelled.body.status, "CANCELLED");
  await sleep(400);
  assert.equal((await call(`/api/v2/classify/${id}`)).body.status, "CANCELLED");
  const missing = await call(`/api/v2/classify/nope-${uid()}/cancel`, { method: "POST" });
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, { detail: "Classify job not found" });
});

// ---- list -----------------------------------------------------------------------------------

/**
 * Walks every page of a listing; validates each; answers all items and the page count. With
 * `moving` (a status filter, while created jobs progress), jobs may join or leave the filter
 * between pages: none may repeat, but the count is not compared with total_size.
 */
async function listAll(query = "", pageSize = 100, { moving = false } = {}) {
  const items = [];
  let token;
  let pages = 0;
  let total;
  do {
    const sep = query ? "&" : "";
    const path = `/api/v2/classify?${query}${sep}page_size=${pageSize}${token ? `&page_token=${token}` : ""}`;
    const { status, body } = await call(path);
    assert.equal(status, 200, JSON.stringify(body));
    assertValid(listSchema, body);
    assert.ok(body.items.length <= pageSize);
    total = body.total_size;
    items.push(...body.items);
    token = body.next_page_token;
    pages++;
  } while (token && pages < 100);
  if (!moving) assert.equal(items.length, total, "total_size counts every item");
  assert.equal(new Set(items.map((j) => j.id)).size, items.length, "no item twice");
  for (let i = 1; i < items.length; i++) {
    assert.ok(Date.parse(items[i - 1].created_at) >= Date.parse(items[i].created_at), "newest first");
  }
  return { items, pages };
}

test("the list pages through fixtures, seeds and created jobs, newest first", async () => {
  const { body } = await create();
  const { items, pages } = await listAll("", 7);
  const listedFixtures = Object.keys(JOBS).filter((id) => !DRIFT_JOB_IDS.has(id));
  assert.ok(items.length >= SEED_JOB_COUNT + listedFixtures.length + 1);
  assert.ok(pages > 15);
  assert.equal(items[0].id, body.id, "the newest job comes first");
  for (const id of [...listedFixtures, "clj-seed-000", "clj-seed-119"]) assert.ok(items.some((j) => j.id === id), id);
  for (const id of DRIFT_JOB_IDS) assert.ok(!items.some((j) => j.id === id), `${id} is not listed`);
  const first = await call("/api/v2/classify");
  assert.equal(first.body.items.length, 50, "page_size defaults to 50");
  const again = await listAll("", 7);
  assert.deepEqual(again.items.map((j) => j.id), items.map((j) => j.id), "the order is stable");
});

test("list filters: status, job_ids, configuration_id, created_at bounds", async () => {
  for (const status of ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]) {
    const { items } = await listAll(`status=${status}`, 10, { moving: true });
    assert.ok(items.length > 0, status);
    assert.ok(items.every((j) => j.status === status), status);
  }
  const picked = await listAll("job_ids=clj-seed-007&job_ids=clj-completed&job_ids=clj-nothing");
  assert.deepEqual(picked.items.map((j) => j.id).sort(), ["clj-completed", "clj-seed-007"]);
  const saved = await listAll(`configuration_id=${SEED_CONFIGURATION_ID}`, 25);
  assert.equal(saved.items.length, SEED_JOB_COUNT / 3);
  const after = "2026-08-01T00:00:00Z";
  const before = "2026-08-15T00:00:00.000Z";
  const window = await listAll(`created_at_on_or_after=${after}&created_at_on_or_before=${encodeURIComponent(before)}`);
  assert.ok(window.items.length > 0);
  assert.ok(window.items.every((j) => j.created_at >= "2026-08-01" && j.created_at <= before));
  const combined = await listAll(`status=COMPLETED&configuration_id=${SEED_CONFIGURATION_ID}&created_at_on_or_before=2026-08-31T12:00:00Z`);
  assert.ok(combined.items.length > 0 && combined.items.every((j) => j.status === "COMPLETED" && j.configuration_id === SEED_CONFIGURATION_ID));
  const other = await listAll(`project_id=3f1c2d4e-0000-4000-8000-00000000aaaa`);
  assert.equal(other.items.length, 0);
});

for (const query of ["page_size=0", "page_size=101", "page_size=ten", "status=DONE", "created_at_on_or_after=yesterday",
  "created_at_on_or_before=2026-13-45T00:00:00Z"]) {
  test(`list with ${query} is a 422 HTTPValidationError`, async () => {
    const { status, body } = await call(`/api/v2/classify?${query}`);
    assert.equal(status, 422);
    assertValid(errorSchema, body);
  });
}
test("list with an unknown page_token is 400 {detail}", async () => {
  const { status, body } = await call("/api/v2/classify?page_token=bogus");
  assert.equal(status, 400);
  assert.equal(typeof body.detail, "string");
});

// ---- files ----------------------------------------------------------------------------------

const FILE_FIELDS = ["id", "name", "project_id", "file_size", "file_type", "purpose", "external_file_id", "created_at",
  "updated_at", "last_modified_at", "data_source_id", "permission_info", "resource_info"];

test("upload answers the file's metadata; its id classifies like any file id", async () => {
  const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
  const data = new FormData();
  data.append("file", new Blob([bytes], { type: "application/pdf" }), "scan.pdf");
  data.append("purpose", "classify");
  const { status, body } = await call("/api/v1/beta/files", { method: "POST", body: data });
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(body).sort(), [...FILE_FIELDS].sort());
  assert.match(body.id, /^dfl-[0-9a-f-]{36}$/);
  assert.equal(body.file_size, bytes.length);
  assert.equal(body.file_type, "pdf");
  const job = await create({ file_input: body.id });
  assertValid(jobSchema, job.body);
  assert.equal(job.body.document_input_type, "file_id");
  const recorded = (await (await fetch(`${emulator.url}/__emulator/files`)).json()).files.find((f) => f.id === body.id);
  assert.equal(recorded.size, bytes.length);
  assert.equal(recorded.type, "application/pdf");
});

test("upload without a file is a 422 HTTPValidationError", async () => {
  const data = new FormData();
  data.append("purpose", "classify");
  const { status, body } = await call("/api/v1/beta/files", { method: "POST", body: data });
  assert.equal(status, 422);
  assertValid(errorSchema, body);
});
