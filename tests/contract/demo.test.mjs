// The emulator's demo mode (demo.mjs) answers the shapes of the OpenAPI document too: the
// believable batch results (with unmatched and failed files) and the demo jobs list, filtered
// by the configuration the demo's v2 batch shares.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useEmulator } from "../emulator/hooks.mjs";
import { API_KEY, RESULTS_2500 } from "../emulator/fixtures.mjs";
import { DEMO_CONFIGURATION_ID, DEMO_CONFIGURATION_JOBS } from "../emulator/demo.mjs";
import { llamaCloudSchemas } from "./shape.mjs";

const schema = llamaCloudSchemas();
const resultsSchema = schema("ClassifyJobResults");
const listSchema = schema("ClassifyV2JobQueryResponse");
const emulator = useEmulator({ demo: true });
const get = async (path) => {
  const res = await fetch(emulator.url + path, { headers: { authorization: `Bearer ${API_KEY}` } });
  return { status: res.status, body: await res.json() };
};
const valid = (validate, body) => assert.ok(validate(body), JSON.stringify(validate.errors));

test("demo batch results match ClassifyJobResults, with a mix of types, unmatched and failed files", async () => {
  const items = [];
  let token;
  do {
    const { status, body } = await get(`/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=1000${token ? `&page_token=${token}` : ""}`);
    assert.equal(status, 200);
    valid(resultsSchema, body);
    items.push(...body.items);
    token = body.next_page_token;
  } while (token);
  assert.equal(items.length, 2500);
  const types = new Set(items.map((i) => (i.result ? i.result.type : "failed")));
  assert.ok(types.size >= 8 && types.has(null) && types.has("failed"), [...types].join());
  const high = items.filter((i) => i.result && i.result.confidence >= 0.85).length;
  assert.ok(high > 1500 && high < 2400, `high-confidence items: ${high}`);
});

test("the demo jobs list matches ClassifyV2JobQueryResponse; configuration_id lists the v2 batch", async () => {
  const { status, body } = await get("/api/v2/classify?page_size=100");
  assert.equal(status, 200);
  valid(listSchema, body);
  const batch = await get(`/api/v2/classify?configuration_id=${DEMO_CONFIGURATION_ID}&page_size=100`);
  valid(listSchema, batch.body);
  assert.equal(batch.body.items.length, DEMO_CONFIGURATION_JOBS);
  assert.ok(batch.body.items.every((j) => j.configuration_id === DEMO_CONFIGURATION_ID && ["COMPLETED", "FAILED"].includes(j.status)));
  assert.ok(new Set(batch.body.items.map((j) => j.result?.type)).size >= 5, "a mix of types");
});
