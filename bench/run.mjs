// `make bench`: bytes, per-call time (interleaved against the official SDK and plain fetch,
// in one Node process, against the local emulator), cold start and memory. Writes BENCHMARKS.md.
import { writeFileSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { measureSizes } from "./size.mjs";
import { coldStartWorkerd } from "./workerd-cold.mjs";
import { startEmulator } from "../tests/emulator/server.mjs";
import { API_KEY, RESULTS_1000, RESULTS_3000, RESULTS_100000 } from "../tests/emulator/fixtures.mjs";
import * as sdk from "classify-sdk";
import LlamaCloud from "@llamaindex/llama-cloud";

const server = await startEmulator(0);
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const headers = { authorization: `Bearer ${API_KEY}`, accept: "application/json" };
const ours = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl });
const official = new LlamaCloud({ apiKey: API_KEY, baseURL: baseUrl, maxRetries: 0 });

// Every page of the 3,000-item job, following next_page_token; `count` says what a page adds
// (its length, or a loop over its items).
async function eachPage(fetchPage, count) {
  let token; let n = 0;
  do {
    const body = await fetchPage(token);
    n += count(body.items); token = body.next_page_token;
  } while (token);
  return n;
}
const pageLength = (items) => items.length;
const itemByItem = (items) => { let n = 0; for (const item of items) if (item.id) n++; return n; };
const plainPage3000 = async (token) => (await fetch(`${baseUrl}/api/v1/classifier/jobs/${RESULTS_3000}/results?page_size=1000${token ? `&page_token=${token}` : ""}`, { headers })).json();
const officialPage3000 = (token) => official.get(`/api/v1/classifier/jobs/${RESULTS_3000}/results`, { query: { page_size: 1000, ...(token ? { page_token: token } : {}) } });

const plain = {
  job: async () => (await fetch(`${baseUrl}/api/v2/classify/clj-completed`, { headers })).json(),
  page: async () => (await fetch(`${baseUrl}/api/v1/classifier/jobs/${RESULTS_1000}/results?page_size=1000`, { headers })).json(),
  all: () => eachPage(plainPage3000, pageLength),
  items: () => eachPage(plainPage3000, itemByItem),
};
const oursCalls = {
  job: () => ours.getClassifyJob("clj-completed"),
  page: () => ours.listResults(RESULTS_1000, { page_size: 1000 }),
  all: async () => { let n = 0; for await (const page of ours.iterResultPages(RESULTS_3000, { page_size: 1000 })) n += page.items.length; return n; },
  items: async () => { let n = 0; for await (const item of ours.iterResults(RESULTS_3000, { page_size: 1000 })) if (item.id) n++; return n; },
};
const officialCalls = {
  job: () => official.classify.get("clj-completed"),
  page: () => official.get(`/api/v1/classifier/jobs/${RESULTS_1000}/results`, { query: { page_size: 1000 } }),
  all: () => eachPage(officialPage3000, pageLength),
  items: () => eachPage(officialPage3000, itemByItem),
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))]; };

async function interleaved(kind, rounds) {
  const clients = { plain: plain[kind], ours: oursCalls[kind], official: officialCalls[kind] };
  const times = { plain: [], ours: [], official: [] };
  for (let i = 0; i < 20; i++) for (const fn of Object.values(clients)) await fn(); // warm-up
  for (let i = 0; i < rounds; i++) {
    for (const [name, fn] of Object.entries(clients)) {
      const t0 = performance.now();
      await fn();
      times[name].push(performance.now() - t0);
    }
  }
  const row = {};
  for (const name of Object.keys(times)) {
    row[name] = { median: median(times[name]), p10: quantile(times[name], 0.1), p90: quantile(times[name], 0.9) };
  }
  return row;
}

function coldStartNode() {
  // Baseline: the same fresh process importing an empty module (Node's ESM loader warm-up,
  // which every package pays), interleaved with the SDK runs.
  const sdkScript = `const t0 = performance.now(); const m = await import("classify-sdk");
    new m.ClassifyClient({ apiKey: "k" }); console.log(JSON.stringify({ readyMs: performance.now() - t0 }));`;
  const emptyFile = `${os.tmpdir()}/classify-sdk-bench-empty.mjs`;
  writeFileSync(emptyFile, "export default 1;\n");
  const emptyScript = `const t0 = performance.now(); await import(${JSON.stringify(emptyFile)});
    console.log(JSON.stringify({ readyMs: performance.now() - t0 }));`;
  const run = (script) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL("..", import.meta.url).pathname }).toString()).readyMs;
  const runs = []; const empty = [];
  for (let i = 0; i < 15; i++) { runs.push(run(sdkScript)); empty.push(run(emptyScript)); }
  return { median: median(runs), p10: quantile(runs, 0.1), p90: quantile(runs, 0.9), emptyMedian: median(empty) };
}

async function memory() {
  globalThis.gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start; let n = 0;
  const samples = [];
  for await (const _ of ours.iterResults(RESULTS_100000, { page_size: 1000 })) {
    if (++n % 1000 === 0) {
      const used = process.memoryUsage().heapUsed;
      peak = Math.max(peak, used);
      if (n % 20000 === 0) samples.push([n, used]);
    }
  }
  return { items: n, startMb: start / 2 ** 20, peakMb: peak / 2 ** 20, samples: samples.map(([k, u]) => [k, +(u / 2 ** 20).toFixed(1)]) };
}

const sizes = await measureSizes();
const rows = {
  "job lookup": await interleaved("job", 1000),
  "one 1,000-item results page": await interleaved("page", 300),
  "all pages of a 3,000-item job (`iterResultPages`)": await interleaved("all", 100),
  "all 3,000 items one by one (`for await` over `iterResults`; the others loop over each page)": await interleaved("items", 100),
};
const cold = coldStartNode();
// workerd: spawn → first 200, SDK worker vs the same worker without it (bench/workerd-cold.mjs).
// A failure here doesn't throw away the rest of the run: it is reported and make bench exits 1.
let coldWorkerd;
try { coldWorkerd = await coldStartWorkerd(15); } catch (error) { coldWorkerd = { error: String(error?.message || error).split("\n")[0] }; process.exitCode = 1; }
const mem = await memory();
server.close();

const f = (x) => x.toFixed(3);
const lines = [];
lines.push("| call | plain fetch (median ms, p10–p90) | classify-sdk | official SDK | classify-sdk / plain | official / plain |", "|---|---|---|---|---|---|");
for (const [label, r] of Object.entries(rows)) {
  const cell = (c) => `${f(c.median)} (${f(c.p10)}–${f(c.p90)})`;
  lines.push(`| ${label} | ${cell(r.plain)} | ${cell(r.ours)} | ${cell(r.official)} | ${(r.ours.median / r.plain.median).toFixed(2)}× | ${(r.official.median / r.plain.median).toFixed(2)}× |`);
}
const table = lines.join("\n");
console.log(table);
console.log(`cold start (Node, import → client ready): median ${f(cold.median)} ms (p10 ${f(cold.p10)}, p90 ${f(cold.p90)}); empty-module import ${f(cold.emptyMedian)} ms`);
const f1 = (x) => x.toFixed(1);
const workerdLine = coldWorkerd.error
  ? `workerd: not measured — ${coldWorkerd.error}`
  : `workerd, process start → first response from a worker that imports classify-sdk and constructs a client: median ${f1(coldWorkerd.median)} ms (p10 ${f1(coldWorkerd.p10)}, p90 ${f1(coldWorkerd.p90)}) vs ${f1(coldWorkerd.baselineMedian)} ms (p10 ${f1(coldWorkerd.baselineP10)}, p90 ${f1(coldWorkerd.baselineP90)}) for the same worker without the SDK → the SDK adds ${f1(coldWorkerd.sdkCostMedian)} ms (${coldWorkerd.runs} fresh processes each).`;
console.log(coldWorkerd.error ? `cold start (${workerdLine})` : `cold start (workerd, spawn → first 200): median ${f1(coldWorkerd.median)} ms (p10 ${f1(coldWorkerd.p10)}, p90 ${f1(coldWorkerd.p90)}) vs ${f1(coldWorkerd.baselineMedian)} ms without the SDK → +${f1(coldWorkerd.sdkCostMedian)} ms`);
console.log(`memory: ${mem.items} items via iterResults; heap start ${mem.startMb.toFixed(1)} MB, peak ${mem.peakMb.toFixed(1)} MB; samples ${JSON.stringify(mem.samples)}`);
console.log(JSON.stringify(sizes));

const previous = (() => { try { return readFileSync(new URL("../BENCHMARKS.md", import.meta.url), "utf8"); } catch { return ""; } })();
const levers = (/<!-- levers -->[\s\S]*<!-- \/levers -->/.exec(previous) || ["<!-- levers -->\n<!-- /levers -->"])[0];
const md = `# Benchmarks

Produced by \`make bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Everything is offline: the clients call the local emulator on 127.0.0.1 in the same process.
These machines are noisy; medians with p10–p90 spread, ratios from one interleaved run
(plain, classify-sdk, official, plain, … so drift hits all three alike).

## Bytes a browser downloads (app calling getClassifyJob + listResults, esbuild --minify)

| client | gzip -9 | brotli |
|---|---|---|
| classify-sdk (the module travels inside the JS) | **${sizes.ours.gz}** | ${sizes.ours.br} |
| classify-sdk/slim (JS, and the \`.wasm\` it fetches) | ${sizes.slim.gz} | ${sizes.slim.br} |
| official \`@llamaindex/llama-cloud\` 2.16.0 | **${sizes.official.gz}** | ${sizes.official.br} |
| plain fetch + res.json() | ${sizes.plain.gz} | ${sizes.plain.br} |

The module alone, as the separate \`.wasm\` the workerd and edge entries load: ${sizes.ours.wasmGz} B gzip,
${sizes.ours.wasmBr} B brotli (${sizes.ours.wasmRaw} B raw).

size-budget-baseline: ${sizes.ours.gz} bytes (CI fails above +5 %: bench/size-budget.mjs)

## Per-call time in Node (ms)

${table}

Rounds after 20 warm-up rounds: job lookup 1,000, page 300, 3,000 items 100 each. The
item-by-item row pays the async-iteration protocol, which the other two clients do not use
here: every item is a promise that \`for await\` waits for. The gap between the last two rows
is that cost (0.3–0.6 µs per item over runs), not fetching or checking.

## Cold start

Node, \`import("classify-sdk")\` → first client constructed: median ${f(cold.median)} ms (p10 ${f(cold.p10)}, p90 ${f(cold.p90)}), 15 fresh processes; importing an empty \`.mjs\` file in the same setup takes ${f(cold.emptyMedian)} ms, so the SDK's own share is ${f(cold.median - cold.emptyMedian)} ms.

${workerdLine}

## Memory

${mem.items.toLocaleString("en")} items through \`iterResults\` (1,000 per page): heap at start ${mem.startMb.toFixed(1)} MB,
peak ${mem.peakMb.toFixed(1)} MB; heap (MB) after [items, MB]: ${JSON.stringify(mem.samples)} — flat in the number of items.

## Size levers

${levers}
`;
writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), md);
console.log("wrote BENCHMARKS.md");
