// Usage: node bench/floor/test.mjs OUTDIR: serves fixtures on 127.0.0.1 (closed before exit) and checks
// that the probe in OUTDIR/pkg resolves good bodies to the parsed object and rejects bad ones.
import http from "node:http";
import { readFileSync } from "node:fs";
import { JOBS } from "../../tests/emulator/fixtures.mjs";

const dir = process.argv[2];
const mod = await import(`${dir}/pkg/probe.js`);
mod.initSync({ module: readFileSync(`${dir}/pkg/probe_bg.wasm`) });
const { getClassifyJob, listResults } = mod;

const good = JOBS["clj-completed"];
const page = {
  items: [
    { id: "r1", classify_job_id: "j", file_id: "f1", result: { confidence: 0.9, reasoning: "r", type: "invoice" }, created_at: null, updated_at: null },
    { id: "r2", classify_job_id: "j", file_id: null, result: null },
  ],
  next_page_token: "tok",
  total_size: 2,
};
const bodies = {
  "/job": good,
  "/job-legacy": JOBS["clj-legacy-input"],
  "/job-bad": { ...good, status: 5 },
  "/job-bad-nested": { ...good, result: { ...good.result, confidence: "high" } },
  "/job-missing": (({ id, ...rest }) => rest)(good),
  "/results": page,
  "/results-bad": { ...page, items: [{ ...page.items[0], id: 7 }] },
  "/results-bad-float": { ...page, total_size: "many" },
};
const server = http.createServer((req, res) => {
  const body = bodies[req.url];
  if (!body) { res.writeHead(404); res.end("nope"); return; }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
let failed = 0;
const check = (c, m) => { if (!c) { failed++; console.log("FAIL", m); } };
async function expectOk(fn, path, expected) {
  const v = await fn(base + path);
  check(JSON.stringify(v) === JSON.stringify(expected), `${path} resolves to the body`);
  return v;
}
async function expectErr(fn, path) {
  try { await fn(base + path); check(false, `${path} should reject`); }
  catch (e) { console.log(`  ${path} rejects: ${e instanceof Error ? e.message : e}`); }
}
await expectOk(getClassifyJob, "/job", good);
await expectOk(getClassifyJob, "/job-legacy", JOBS["clj-legacy-input"]);
await expectOk(listResults, "/results", page);
for (const p of ["/job-bad", "/job-bad-nested", "/job-missing", "/results", "/nope"]) await expectErr(getClassifyJob, p);
for (const p of ["/results-bad", "/results-bad-float", "/job"]) await expectErr(listResults, p);
await expectErr(getClassifyJob, "http://127.0.0.1:1/x");
server.close();
console.log(failed ? `${failed} FAILED` : "all ok");
process.exit(failed ? 1 : 0);
