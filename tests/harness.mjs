// Assertions and helpers shared by the suites (tests/cases.mjs and tests/cases/*.mjs). Plain
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

/** How many requests the emulator received for `path`. */
export async function attempts(env, path) {
  const res = await fetch(`${env.baseUrl}/__emulator/attempts?path=${encodeURIComponent(path)}`);
  return (await res.json()).attempts;
}

/** A JSON answer of one of the emulator's `/__emulator/…` endpoints. */
export async function emulator(env, path) {
  return (await fetch(`${env.baseUrl}/__emulator/${path}`)).json();
}

/** A `fetch` that records each call before handing it to the real one. */
export function recordingFetch() {
  const calls = [];
  const fn = (url, init) => {
    calls.push({ url, init });
    return fetch(url, init);
  };
  return { calls, fn };
}

/** Runs `fn`, resolving with [its value, the milliseconds it took]. */
export async function timed(fn) {
  const t0 = Date.now();
  const value = await fn();
  return [value, Date.now() - t0];
}

/** A small PDF-like file with bytes a text encoding would break (NUL, CR LF, high bytes). */
export function sampleFile(name = "invoice.pdf") {
  const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x0d, 0x0a, 0xff, 0xfe, 0x80, 0x2d, 0x2d]);
  return new File([bytes, "\n%%EOF\n"], name, { type: "application/pdf" });
}
