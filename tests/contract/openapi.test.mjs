// Contract test: every LlamaCloud response the emulator serves validates against the
// published OpenAPI description (spec/llamacloud/openapi-classify.json). The two
// deliberate drift fixtures are checked against the documented drift instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../emulator/hooks.mjs";
import { API_KEY, DRIFT_JOB_IDS, JOBS, RESULT_SETS, RESULTS_EMPTY_PAGE, RESULTS_REPEAT_TOKEN } from "../emulator/fixtures.mjs";
import { llamaCloudSchemas } from "./shape.mjs";

const schema = llamaCloudSchemas();
const jobSchema = schema("ClassifyV2JobResponse");
const resultsSchema = schema("ClassifyJobResults");
const errorSchema = schema("HTTPValidationError");

const emulator = useEmulator();
const get = async (path) => {
  const res = await fetch(emulator.url + path, { headers: { authorization: `Bearer ${API_KEY}` } });
  return { status: res.status, body: await res.json() };
};
const valid = (validate, body) => assert.ok(validate(body), JSON.stringify(validate.errors));

for (const id of Object.keys(JOBS)) {
  test(`v2 job ${id} matches ClassifyV2JobResponse`, async () => {
    const { status, body } = await get(`/api/v2/classify/${id}`);
    assert.equal(status, 200);
    if (!DRIFT_JOB_IDS.has(id)) return valid(jobSchema, body);
    // Drift: an unknown status, or the seed page's document_input_value instead of file_input.
    const fixed = { ...body, status: "COMPLETED", file_input: body.file_input ?? body.document_input_value };
    delete fixed.document_input_value;
    valid(jobSchema, fixed);
  });
}
for (const status of ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]) {
  test(`progressing job in ${status} phase matches the schema`, async () => {
    const suffix = status === "FAILED" ? "fail-" : status === "CANCELLED" ? "cancel-" : "";
    const id = `clj-progress-${suffix}contract-${status}`;
    const { body } = await get(`/api/v2/classify/${id}`);
    valid(jobSchema, body);
  });
}
for (const id of [...Object.keys(RESULT_SETS).filter((k) => RESULT_SETS[k] <= 10000), RESULTS_EMPTY_PAGE, RESULTS_REPEAT_TOKEN]) {
  test(`v1 results pages of ${id} match ClassifyJobResults`, async () => {
    let token;
    let pages = 0;
    do {
      const { status, body } = await get(`/api/v1/classifier/jobs/${id}/results?page_size=1000${token ? `&page_token=${token}` : ""}`);
      assert.equal(status, 200);
      valid(resultsSchema, body);
      token = body.next_page_token;
    } while (token && ++pages < 3);
  });
}
test("422 bodies match HTTPValidationError", async () => {
  const { status, body } = await get("/api/v2/classify/fault-422-contract");
  assert.equal(status, 422);
  valid(errorSchema, body);
});
test("errors are {detail} JSON", async () => {
  const { status, body } = await get("/api/v2/classify/no-such-job");
  assert.equal(status, 404);
  assert.equal(typeof body.detail, "string");
});
