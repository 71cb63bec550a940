// Helpers for the contract tests: a shape comparison against example JSON files (where a
// description declares no schema) and small HTTP helpers for the emulator.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** Reads a JSON file of spec/ (path relative to spec/). */
export function specJson(path) {
  return JSON.parse(readFileSync(new URL(`../../spec/${path}`, import.meta.url), "utf8"));
}

/** A JSON Schema 2020-12 validator with the formats (date-time, uri, …) the descriptions use. */
export function newAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * The validator of a schema of the LlamaCloud description by its name under
 * `components/schemas` (e.g. `ClassifyV2JobResponse`).
 */
export function llamaCloudSchemas() {
  const ajv = newAjv();
  ajv.addSchema({ $id: "spec", components: specJson("llamacloud/openapi-classify.json").components });
  return (name) => ajv.getSchema(`spec#/components/schemas/${name}`);
}

/** The JSON type of a value: null, array, object, number, string or boolean. */
export function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Asserts that `actual` has the shape of `example`: the same JSON types, objects with the same
 * keys (plus those `extra` allows at that path: `{"": ["a"], "result": ["b"]}`), array items each
 * shaped like the example's first item.
 */
export function assertSameShape(actual, example, extra = {}, path = "") {
  const where = path || "(root)";
  assert.equal(jsonType(actual), jsonType(example), `${where}: type`);
  if (Array.isArray(example)) {
    if (example.length === 0) return;
    actual.forEach((item, i) => assertSameShape(item, example[0], extra, `${path}[${i}]`));
  } else if (jsonType(example) === "object") {
    const allowed = new Set([...Object.keys(example), ...(extra[path] || [])]);
    for (const key of Object.keys(actual)) assert.ok(allowed.has(key), `${where}: unexpected key ${key}`);
    for (const key of Object.keys(example)) {
      assert.ok(Object.hasOwn(actual, key), `${where}: missing key ${key}`);
      assertSameShape(actual[key], example[key], extra, path ? `${path}.${key}` : key);
    }
  }
}

/** Asserts `validate(body)` with ajv's errors as the message. */
export function assertValid(validate, body) {
  assert.ok(validate(body), JSON.stringify(validate.errors));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A unique suffix for ids and keys. */
export const uid = () => `${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
