// Cold start under workerd, measured from outside the process: inside a request workerd's
// clocks are frozen (Spectre mitigation), so the worker cannot time itself.
//
// Two workers, bundled once into a temp dir the same way tests/workerd/run.sh does it (esbuild
// with the `workerd` export condition, so `classify-sdk` resolves to pkg/workerd.js and
// pkg/snippets/** are inlined into the bundle; `./classify_sdk_bg.wasm` stays external and is a
// separate `wasm` module in the config, which workerd hands to pkg/workerd.js compiled):
//   - sdk:      imports { ClassifyClient } from "classify-sdk"; fetch() constructs a client → 200
//   - baseline: the same worker without the import, the constructor and the wasm module
// For each run: spawn `workerd serve <config>` on a free 127.0.0.1 port, poll it with fetch every
// ~2 ms until the first 200, record ms since spawn, kill the process by pid and wait for it to
// exit. SDK and baseline runs are interleaved (ABBA order, so neither always goes first).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import net from "node:net";
import os from "node:os";

const ROOT = new URL("..", import.meta.url).pathname;
const WORKERD = join(ROOT, "node_modules/.bin/workerd");
const ESBUILD = join(ROOT, "node_modules/.bin/esbuild");
const RUN_TIMEOUT_MS = 10_000;
const POLL_MS = 2;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))]; };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// If this Node process dies mid-run (uncaught exception, process.exit), don't leave an orphan.
const live = new Set();
process.on("exit", () => { for (const pid of live) { try { process.kill(pid, "SIGKILL"); } catch {} } });

const SDK_WORKER = `import { ClassifyClient } from "classify-sdk";
export default {
  async fetch() {
    new ClassifyClient({ apiKey: "k" });
    return new Response("ok");
  },
};
`;
const BASELINE_WORKER = `export default {
  async fetch() {
    return new Response("ok");
  },
};
`;
const config = (main, extraModules = "") => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "${main}", esModule = embed "${main}"),${extraModules}
  ],
  compatibilityDate = "2026-11-01",
);
`;

// Writes both workers and configs into a fresh temp dir; returns the config paths.
function prepare(dir) {
  // The source goes in on stdin so that `classify-sdk` resolves from the repo root
  // (node_modules/classify-sdk → pkg/), not from the temp dir.
  const bundle = (source, out) => {
    execFileSync(ESBUILD, ["--bundle", "--format=esm", "--platform=neutral", "--loader=js",
      "--conditions=workerd,worker", "--main-fields=module,main", "--external:*.wasm",
      "--log-level=warning", "--log-override:duplicate-object-key=silent",
      `--outfile=${join(dir, out)}`], { cwd: ROOT, input: source, stdio: ["pipe", "ignore", "inherit"] });
  };
  bundle(SDK_WORKER, "sdk.js");
  bundle(BASELINE_WORKER, "baseline.js");
  // A copy, so a concurrent rebuild of pkg/ cannot change the wasm between runs.
  copyFileSync(join(ROOT, "pkg/classify_sdk_bg.wasm"), join(dir, "classify_sdk_bg.wasm"));
  const sdk = join(dir, "sdk.capnp");
  const baseline = join(dir, "baseline.capnp");
  writeFileSync(sdk, config("sdk.js", `\n    (name = "classify_sdk_bg.wasm", wasm = embed "classify_sdk_bg.wasm"),`));
  writeFileSync(baseline, config("baseline.js"));
  return { sdk, baseline };
}

const freePort = () => new Promise((ok, fail) => {
  const s = net.createServer().once("error", fail).listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

// One fresh workerd process: ms from spawn to the first 200 response.
async function oneRun(configPath) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let stderr = "";
  let exited = null;
  const t0 = performance.now();
  const child = spawn(WORKERD, ["serve", configPath, "--socket-addr", `http=127.0.0.1:${port}`],
    { stdio: ["ignore", "ignore", "pipe"] });
  const pid = child.pid;
  if (pid) live.add(pid);
  const exit = new Promise((ok) => child.once("exit", (code, signal) => { exited = { code, signal }; ok(); }));
  child.once("error", (error) => { exited ??= { error: String(error) }; });
  child.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
  try {
    const deadline = t0 + RUN_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (exited) throw new Error(`workerd exited early (${JSON.stringify(exited)}): ${stderr.trim()}`);
      const signal = AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now())));
      let res;
      try {
        res = await fetch(url, { signal });
      } catch (error) {
        // Not listening yet: undici reports ECONNREFUSED etc. as TypeError("fetch failed").
        if (error?.name === "TimeoutError") break; // the run's deadline
        if (!(error instanceof TypeError)) throw error;
      }
      if (res) {
        if (res.status === 200) {
          const ms = performance.now() - t0;
          await res.arrayBuffer();
          return ms;
        }
        throw new Error(`workerd answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
      await sleep(POLL_MS);
    }
    throw new Error(`workerd did not answer within ${RUN_TIMEOUT_MS} ms: ${stderr.trim()}`);
  } finally {
    if (!exited && pid) {
      try { process.kill(pid, "SIGTERM"); } catch {}
      const killer = setTimeout(() => { try { process.kill(pid, "SIGKILL"); } catch {} }, 2000);
      await exit;
      clearTimeout(killer);
    }
    live.delete(pid);
  }
}

export async function coldStartWorkerd(runs = 15) {
  const dir = mkdtempSync(join(os.tmpdir(), "classify-sdk-workerd-cold-"));
  try {
    const configs = prepare(dir);
    // Node's fetch loads lazily on first use; pay that before the first timed run.
    await fetch("http://127.0.0.1:1/", { signal: AbortSignal.timeout(1000) }).catch(() => {});
    const sdk = []; const baseline = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { sdk.push(await oneRun(configs.sdk)); baseline.push(await oneRun(configs.baseline)); }
      else { baseline.push(await oneRun(configs.baseline)); sdk.push(await oneRun(configs.sdk)); }
    }
    return {
      median: median(sdk), p10: quantile(sdk, 0.1), p90: quantile(sdk, 0.9),
      baselineMedian: median(baseline), baselineP10: quantile(baseline, 0.1), baselineP90: quantile(baseline, 0.9),
      sdkCostMedian: median(sdk) - median(baseline),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
