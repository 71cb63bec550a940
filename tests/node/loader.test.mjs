// The loader (packaging/loader.js) through the slim entry (pkg/slim.js): the exports of every
// entry, with `init`'s compiler but no module handed over at import, so this file sees the
// package as a host where loading at import failed. Calls before the module loads fail typed; `init` takes a module (from this
// realm or another), bytes, a Response or a promise of one, is idempotent, and refuses junk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { useEmulator } from "../emulator/hooks.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const api = await import(new URL("slim.js", pkg));
const bytes = readFileSync(new URL("classify_sdk_bg.wasm", pkg));
const emulator = useEmulator();
const apiKey = "llx-test-key-0123456789";

/** A rejected promise already marked handled (init is handed it later). */
function handledRejection() {
  const rejected = Promise.reject(new Error("no"));
  rejected.catch(() => {});
  return rejected;
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const refusal = (argument) => (error) => {
  assert.equal(error.name, "InvalidArgumentError");
  assert.ok(error instanceof api.InvalidArgumentError);
  assert.equal(error.argument, argument);
  return true;
};

test("before the module loads: constructors and toClassification throw, promise functions reject, all typed", async () => {
  assert.throws(() => new api.ClassifyClient({ apiKey }), refusal("init"));
  assert.throws(() => new api.UnsiloedClient({}), refusal("init"));
  assert.throws(() => api.toClassification({}), refusal("init"));
  await assert.rejects(api.getClassifyJob("clj-completed", { apiKey }), refusal("init"));
  await assert.rejects(api.listResults("job", { apiKey }), refusal("init"));
  await assert.rejects(api.init(), refusal("init"), "init() with nothing to load");
  await assert.rejects(api.init(null), refusal("init"));
});

test("init refuses what is not the module, without throwing synchronously, and can be retried", async () => {
  for (const junk of [new Uint8Array([1, 2, 3]), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 42, {}, new Response("<!doctype html>"),
    new Response(bytes, { status: 404 }), handledRejection(), new URL("http://127.0.0.1:9/x.wasm"), "http://127.0.0.1:9/x.wasm",
    revokedProxy(), { get then() { throw new Error("getter"); } }, new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } }),
    new Response(bytes, { headers: { "content-length": String(9 * 1024 * 1024) } })]) {
    let pending;
    assert.doesNotThrow(() => (pending = api.init(junk)));
    await assert.rejects(pending, refusal("source"));
  }
  // A body that never ends is read up to the 8 MB a module may be, then cancelled.
  let pulled = 0;
  let cancelled = false;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
    cancel() {
      cancelled = true;
    },
  });
  await assert.rejects(api.init(new Response(endless)), refusal("source"));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(cancelled, `the rest of the body is cancelled (after ${pulled} chunks)`);
  assert.ok(pulled <= 8 * 16 + 2, `read ${pulled} chunks of 64 KiB`);
  // A module compiled from other bytes (an empty module) does not link.
  await assert.rejects(api.init(new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))), refusal("source"));
  assert.throws(() => new api.ClassifyClient({ apiKey }), refusal("init"), "still not loaded");
});

test("calls made while init runs wait for it; init is idempotent afterwards", async () => {
  // A module compiled in another realm (as Next.js's edge sandbox hands one over).
  const foreign = runInNewContext("new WebAssembly.Module(bytes)", { bytes, WebAssembly: runInNewContext("WebAssembly") });
  assert.equal(foreign instanceof WebAssembly.Module, false, "the module really is from another realm");
  const loading = api.init(Promise.resolve(foreign));
  const waiting = api.getClassifyJob("clj-completed", { apiKey, baseUrl: emulator.url });
  assert.throws(() => api.toClassification({}), /still loading/, "synchronous calls say the module is loading");
  assert.equal(api.init(bytes), loading, "a second init while loading is the same load");
  await loading;
  const job = await waiting;
  assert.equal(job.result.type, "invoice");
  assert.equal(api.toClassification(job).label, "invoice");
  const client = new api.ClassifyClient({ apiKey, baseUrl: emulator.url });
  assert.ok(client instanceof api.ClassifyClient);
  assert.equal((await client.getClassifyJob("clj-completed")).id, "clj-completed");
  // Once loaded, init resolves at once whatever it is given, junk included.
  for (const source of [undefined, bytes, "junk"]) assert.equal(await api.init(source), undefined);
  // Construction errors are the SDK's own, as from any entry.
  assert.throws(() => new api.ClassifyClient({ timeoutMS: 1 }), refusal("timeoutMS"));
  client.free();
  await assert.rejects(client.getClassifyJob("clj-completed"), refusal("this"));
});

test("the Node entry without its .wasm file (a copy that lost it) loads the embedded bytes asynchronously", async () => {
  const { cpSync, mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { pathToFileURL } = await import("node:url");
  const dir = mkdtempSync(join(tmpdir(), "classify-no-wasm-"));
  try {
    cpSync(new URL(".", pkg), dir, { recursive: true, filter: (path) => !path.endsWith(".wasm") });
    const entry = await import(pathToFileURL(join(dir, "node-file.js")).href);
    assert.throws(() => new entry.ClassifyClient({ apiKey }), /still loading/);
    const job = await entry.getClassifyJob("clj-completed", { apiKey, baseUrl: emulator.url });
    assert.equal(job.id, "clj-completed");
    await entry.init();
    assert.ok(new entry.ClassifyClient({ apiKey }) instanceof entry.ClassifyClient);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
