// Assertions and helpers shared by the suites (tests/cases.mjs, tests/hardening.mjs). Plain
// functions, so the same code runs in Node, Chromium and workerd.
import { API_KEY } from "./emulator/fixtures.mjs";

export class AssertionFailed extends Error {}
export function ok(value, message) {
  if (!value) throw new AssertionFailed(message || "expected a truthy value");
}
export function eq(actual, expected, message) {
  if (actual !== expected && !(Number.isNaN(actual) && Number.isNaN(expected))) {
    throw new AssertionFailed(`${message || "values differ"}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}
export async function rejects(promise, name, message) {
  try {
    await promise;
  } catch (error) {
    ok(error instanceof Error, `${message || name}: rejection is not an Error`);
    eq(error.name, name, message || "error name");
    ok(typeof error.message === "string" && error.message.length > 0, "error has a message");
    ok(!String(error.message).includes(API_KEY), "message must not contain the API key");
    ok(!String(error.stack).includes(API_KEY), "stack must not contain the API key");
    ok(typeof error.stack === "string", "error has a stack");
    return error;
  }
  throw new AssertionFailed(`${message || name}: expected a rejection`);
}
let unique = 0;
export const uid = () => `${Date.now().toString(36)}${(unique++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;


/** Calls `fn` and checks that it throws synchronously an SDK error named `name`. */
export function throws(fn, name, message) {
  try {
    fn();
  } catch (error) {
    ok(error instanceof Error, `${message || name}: thrown value is not an Error`);
    eq(error.name, name, message || "error name");
    return error;
  }
  throw new AssertionFailed(`${message || name}: expected a throw`);
}
