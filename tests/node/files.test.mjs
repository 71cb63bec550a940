// Node only (fs.openAsBlob): a file that cannot be read any more when it is sent — deleted or
// changed after it was chosen — is the caller's problem, not the network's: a typed
// InvalidArgumentError at `file`, sent once, never retried.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, openAsBlob, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useEmulator } from "../emulator/hooks.mjs";
import { API_KEY, UNSILOED_API_KEY } from "../emulator/fixtures.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const sdk = await import(new URL("node.js", pkg));
const emulator = useEmulator();
const dir = mkdtempSync(join(tmpdir(), "classify-files-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

/** A File backed by a file on disk, then `spoil`ed (deleted or rewritten) before it is sent. */
async function spoiledFile(name, spoil) {
  const path = join(dir, name);
  writeFileSync(path, "%PDF-1.4\n".repeat(1000));
  const blob = await openAsBlob(path, { type: "application/pdf" });
  spoil(path);
  return new File([blob], name, { type: "application/pdf" });
}

const cases = [
  ["deleted", (path) => unlinkSync(path)],
  ["changed", (path) => writeFileSync(path, "something else entirely")],
];

for (const [what, spoil] of cases) {
  test(`a file ${what} after it was chosen: InvalidArgumentError at file, not retried (LlamaCloud upload and classify)`, async () => {
    let calls = 0;
    const counting = (url, init) => (calls++, fetch(url, init));
    const client = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url, fetch: counting, maxRetries: 3 });
    const started = Date.now();
    const error = await client.uploadFile(await spoiledFile(`${what}.pdf`, spoil)).then(() => null, (e) => e);
    assert.ok(error, "the upload is refused");
    assert.equal(error.name, "InvalidArgumentError");
    assert.equal(error.argument, "file");
    assert.match(error.message, /could not be read/);
    assert.equal(calls, 1, "sent once, never retried");
    assert.ok(Date.now() - started < 1000, `no backoff (${Date.now() - started} ms)`);
    calls = 0;
    const rules = [{ type: "invoice", description: "an invoice with a total" }];
    const viaClassify = await client.classify({ file: await spoiledFile(`${what}-2.pdf`, spoil), rules }).then(() => null, (e) => e);
    assert.equal(viaClassify?.name, "InvalidArgumentError");
    assert.equal(calls, 1, "classify() stops at the upload");
  });

  test(`a file ${what} after it was chosen: the same for an Unsiloed submission`, async () => {
    const client = new sdk.UnsiloedClient({ apiKey: UNSILOED_API_KEY, baseUrl: emulator.url, maxRetries: 3 });
    const error = await client
      .submitClassification({ categories: [{ name: "invoice" }], file: await spoiledFile(`u-${what}.pdf`, spoil) })
      .then(() => null, (e) => e);
    assert.equal(error?.name, "InvalidArgumentError");
    assert.equal(error.argument, "file");
  });
}

test("a readable file on disk uploads; a network failure with a readable file stays a ConnectionError and is retried", async () => {
  const path = join(dir, "fine.pdf");
  writeFileSync(path, "%PDF-1.4\n");
  const file = new File([await openAsBlob(path)], "fine.pdf", { type: "application/pdf" });
  const client = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url });
  assert.equal((await client.uploadFile(file)).name, "fine.pdf");
  let calls = 0;
  const offline = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator.url, maxRetries: 2, fetch: () => (calls++, Promise.reject(new TypeError("offline"))) });
  const error = await offline.uploadFile(file).then(() => null, (e) => e);
  assert.equal(error?.name, "ConnectionError");
  assert.equal(calls, 1, "an upload is not resent after a network failure (it may have arrived)");
});
