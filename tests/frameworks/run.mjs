// One minimal app per framework, bundler and runtime, each importing `classify-sdk` by name
// with no configuration, built and run against the local emulator; browser apps are opened in
// headless Chromium and must show the job with no console error.
//
//   node tests/frameworks/run.mjs            every setup (`make test` and `make test-frameworks`;
//                                            about 2.5 min on two cores)
//   node tests/frameworks/run.mjs vite-dev next16-turbopack …   the ones named
//
// The package is installed as a user installs it: `npm pack` of pkg/, unpacked into
// tests/frameworks/node_modules/classify-sdk (the framework packages there are pinned in
// tests/frameworks/package.json and installed by scripts/setup.sh). Everything is offline:
// the servers started here listen on 127.0.0.1 and are stopped (by process group) at the end.
// Last line: "frameworks: N passed, M failed".
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../..");
const APPS = join(HERE, "apps");
const BIN = join(HERE, "node_modules/.bin");
/** A package's own command, by path: node_modules/.bin/next and …/vite may belong to the
 * older majors installed beside them under aliases (next15, vite6). */
const command = (modules, name) => join(modules, { next: "next/dist/bin/next", vite: "vite/bin/vite.js" }[name]);
const ROOT_BIN = join(ROOT, "node_modules/.bin");
const EXPECTED = "label=invoice client=invoice";
const STEP_TIMEOUT_MS = Number(process.env.FRAMEWORK_STEP_TIMEOUT_MS || 240_000);

const children = new Set();
let browser;

// --- processes -----------------------------------------------------------------------------

/** A child's environment: the caller's, colours off (a CI runner may force them on), plus `env`. */
const childEnv = (env) => ({ ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...env });

/** Output with terminal escape sequences removed, whatever a tool decides about colour. */
const plain = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");

/** Runs a command to its end; resolves with its output, rejects with the tail of it. */
function run(command, args, { cwd = APPS, env = {}, timeoutMs = STEP_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      stop(child);
      reject(new Error(`${command} ${args.join(" ")}: no end after ${timeoutMs} ms\n${output.slice(-3000)}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      output = plain(output);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")}: exit ${code}\n${output.slice(-3000)}`));
    });
  });
}

/** Starts a server; resolves once its output matches `ready` (→ {child, output}). */
function start(command, args, ready, { cwd = APPS, env = {}, timeoutMs = STEP_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    let done = false;
    const timer = setTimeout(() => finish(new Error(`${command}: not ready after ${timeoutMs} ms\n${output.slice(-3000)}`)), timeoutMs);
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) {
        stop(child);
        reject(error);
      } else resolve({ child, output: () => plain(output) });
    };
    const look = (d) => {
      output += d;
      const match = ready.exec(plain(output));
      if (match) finish();
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("error", finish);
    child.on("close", (code) => {
      children.delete(child);
      finish(new Error(`${command} ended (exit ${code}) before it was ready\n${output.slice(-3000)}`));
    });
  });
}

/** Stops a child and everything it started (its process group). */
function stop(child) {
  if (!children.has(child)) return;
  children.delete(child);
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }, 2000).unref();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// --- checks --------------------------------------------------------------------------------

function expectLine(output, label) {
  if (!output.includes(EXPECTED)) throw new Error(`${label}: expected "${EXPECTED}" in its output\n${output.slice(-3000)}`);
}

/** Opens `url` in Chromium: the page must publish EXPECTED as `window.__result`, with no console error. */
async function openPage(url) {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    // (Chromium asks every origin for /favicon.ico; the fixture servers have none.)
    if (message.type() === "error" && !/\/favicon\.ico$/.test(message.location().url || "")) problems.push(`console.error: ${message.text()} at ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    if (!response || !response.ok()) throw new Error(`${url}: HTTP ${response && response.status()}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000, polling: 100 }).catch(() => {});
    const result = await page.evaluate(() => window.__result);
    if (result !== EXPECTED) throw new Error(`${url}: window.__result is ${JSON.stringify(result)}, expected "${EXPECTED}"\n${problems.join("\n")}`);
    if (problems.length) throw new Error(`${url}: console errors\n${problems.join("\n")}`);
  } finally {
    await context.close();
  }
}

/** Serves a built folder (tests/browser/serve.mjs) and opens `page` there. */
async function serveAndOpen(dir, page) {
  const server = await start("node", [join(ROOT, "tests/browser/serve.mjs"), dir, "--port", "0"], /PAGE_URL=(\S+)/);
  try {
    const origin = /PAGE_URL=(\S+)/.exec(server.output())[1];
    await openPage(`${origin}/${page}?api=${encodeURIComponent(API)}`);
  } finally {
    stop(server.child);
  }
}

const PAGE = (script, type = "module") =>
  `<!doctype html><html><head><meta charset="utf-8"><title>classify-sdk</title></head><body><script type="${type}" src="./${script}"></script></body></html>\n`;

/** Build folders, inside tests/frameworks so that the apps' imports resolve from there, as in
 * a project of their own; removed at the end. */
const SCRATCH = join(HERE, ".build");
function scratch(name) {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A browser app copied into a build folder, with apps/shared/report.mjs beside its entry. */
function browserApp(app, name, entryDir = ".") {
  const dir = scratch(name);
  cpSync(join(APPS, app), dir, { recursive: true });
  cpSync(join(APPS, "shared/report.mjs"), join(dir, entryDir, "report.mjs"));
  return dir;
}

// --- Next.js -------------------------------------------------------------------------------

/**
 * A project of its own outside the repository, as a user's would be: the app, the fixtures'
 * package.json and lockfile, and their node_modules (hard links: instant, no copy). Next.js
 * looks for lockfiles up the tree to find the workspace root and warns about two (the
 * repository's and the fixtures').
 */
function project(app, swaps = {}) {
  const dir = mkdtempSync(join(tmpdir(), `classify-${app}-`));
  projects.push(dir);
  cpSync(join(APPS, app), dir, { recursive: true });
  // As create-next-app writes it: no "type" (with "type": "module", Next.js 16's webpack build
  // fails on any edge route, SDK or not: route_client-reference-manifest.js is not found).
  const { type, ...manifest } = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, name: `classify-sdk-${app}-fixture` }, null, 2));
  cpSync(join(HERE, "package-lock.json"), join(dir, "package-lock.json"));
  execFileSync("cp", ["-al", join(HERE, "node_modules"), join(dir, "node_modules")]);
  // An older major installed under an alias (next15 → next) takes the package's own name here
  // (the .bin links point into node_modules/<name>, so they follow).
  for (const [alias, name] of Object.entries(swaps)) {
    rmSync(join(dir, "node_modules", name), { recursive: true, force: true });
    execFileSync("mv", [join(dir, "node_modules", alias), join(dir, "node_modules", name)]);
  }
  return dir;
}
const projects = [];

/**
 * The Next.js app in a project of its own (`swaps`: an older major under its alias), built
 * with `build` flags (none: Turbopack; --webpack) and served by `next start`, or, with
 * `dev` flags, served by `next dev`; every kind of route is checked (nextRoutes).
 */
async function nextApp({ build, dev }, swaps) {
  const dir = project("next", swaps);
  const nextBin = command(join(dir, "node_modules"), "next");
  const env = { NEXT_TELEMETRY_DISABLED: "1", CLASSIFY_API: API };
  if (build) await run(nextBin, ["build", ...build], { cwd: dir, env });
  const port = await freePort();
  const serve = build ? ["start"] : ["dev", ...dev];
  const server = await start(nextBin, [...serve, "-p", String(port), "-H", "127.0.0.1"], /Ready|started server/i, { cwd: dir, env });
  try {
    await nextRoutes(`http://127.0.0.1:${port}`);
  } catch (error) {
    throw new Error(`${error.message}\nserver output:\n${server.output().slice(-3000)}`);
  } finally {
    stop(server.child);
  }
}

async function nextRoutes(origin) {
  const server = await fetch(`${origin}/`).then((r) => r.text());
  if (!server.includes("server-component label=<!-- -->invoice") && !server.includes("server-component label=invoice")) {
    throw new Error(`server component: ${server.slice(0, 1500)}`);
  }
  for (const runtime of ["node", "edge"]) {
    const response = await fetch(`${origin}/api/${runtime}`);
    const body = await response.text();
    if (!response.ok || JSON.parse(body).label !== "invoice") throw new Error(`/api/${runtime}: ${response.status} ${body.slice(0, 1500)}`);
    if (response.headers.get("x-classify-label") !== "invoice") throw new Error(`middleware: x-classify-label is ${response.headers.get("x-classify-label")}`);
  }
  await openPage(`${origin}/client?api=${encodeURIComponent(API)}`);
}

// --- Vite ----------------------------------------------------------------------------------

/** The Vite app as a project of its own with Vite 6 as its `vite`. */
function vite6Project() {
  const dir = project("vite", { vite6: "vite" });
  cpSync(join(APPS, "shared/report.mjs"), join(dir, "report.mjs"));
  return dir;
}

/** `vite` (the dev server) of major `major` from `modules` (default: the app's own) on the app in `dir`, opened in Chromium. */
async function viteDev(dir, modules, major) {
  const port = await freePort();
  const server = await start(command(modules ?? join(dir, "node_modules"), "vite"), ["--port", String(port), "--strictPort", "--host", "127.0.0.1"], /ready in/i, { cwd: dir });
  try {
    if (!new RegExp(`VITE v${major}\\.`, "i").test(server.output())) throw new Error(`not Vite ${major}:\n${server.output().slice(0, 500)}`);
    await openPage(`http://127.0.0.1:${port}/?api=${encodeURIComponent(API)}`);
  } finally {
    stop(server.child);
  }
}

/** `vite build` of major `major` from `modules` (default: the app's own), the output opened in Chromium. */
async function viteBuild(dir, modules, major) {
  const output = await run(command(modules ?? join(dir, "node_modules"), "vite"), ["build"], { cwd: dir });
  if (!new RegExp(`vite v${major}\\.`, "i").test(output)) throw new Error(`not Vite ${major}:\n${output.slice(0, 500)}`);
  await serveAndOpen(join(dir, "dist"), "index.html");
}

// --- the setups ----------------------------------------------------------------------------

const SETUPS = [
  { name: "node-esm", async run() {
    expectLine(await run("node", ["node-esm/app.mjs"], { env: { CLASSIFY_API: API } }), "node");
  } },
  { name: "node-cjs-require", async run() {
    expectLine(await run("node", ["node-cjs/app.cjs"], { env: { CLASSIFY_API: API } }), "node (require)");
  } },
  { name: "typescript-node16-cjs", async run() {
    const out = scratch("ts-cjs");
    await run(join(BIN, "tsc"), ["-p", "ts-cjs/tsconfig.json", "--outDir", out]);
    expectLine(await run("node", [join(out, "app.cjs")], { env: { CLASSIFY_API: API } }), "tsc node16 → node");
  } },
  { name: "typescript-every-resolution", async run() {
    // ESM file under node10, bundler, node16 and nodenext: the declarations resolve and check.
    const out = scratch("ts-esm");
    for (const [moduleResolution, module] of [["node10", "commonjs"], ["bundler", "esnext"], ["node16", "node16"], ["nodenext", "nodenext"]]) {
      const config = join(out, `tsconfig.${moduleResolution}.json`);
      writeFileSync(config, JSON.stringify({
        compilerOptions: { module, moduleResolution, target: "es2022", strict: true, noEmit: true, types: [], lib: ["es2022", "dom"], skipLibCheck: false },
        files: [join(APPS, "ts-esm/app.ts")], // ESM under node16/nodenext: tests/frameworks is "type": "module"
      }));
      await run(join(BIN, "tsc"), ["-p", config]);
    }
  } },
  { name: "esbuild-node-bundle", async run() {
    // One file, moved away from node_modules: the module must travel inside it.
    const out = mkdtempSync(join(tmpdir(), "classify-esbuild-node-"));
    await run(join(BIN, "esbuild"), ["node-esm/app.mjs", "--bundle", "--platform=node", "--format=esm", `--outfile=${join(out, "service.mjs")}`]);
    try {
      expectLine(await run("node", [join(out, "service.mjs")], { cwd: out, env: { CLASSIFY_API: API } }), "esbuild node bundle");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  } },
  { name: "esbuild-browser-bundle", async run() {
    const out = browserApp("esbuild", "esbuild-browser");
    await run(join(BIN, "esbuild"), [join(out, "browser.mjs"), "--bundle", `--outfile=${join(out, "app.js")}`]);
    writeFileSync(join(out, "index.html"), PAGE("app.js", "text/javascript"));
    await serveAndOpen(out, "index.html");
  } },
  { name: "esbuild-browser-slim", async run() {
    const out = browserApp("esbuild-slim", "esbuild-slim");
    await run(join(BIN, "esbuild"), [join(out, "browser.mjs"), "--bundle", "--format=esm", `--outfile=${join(out, "app.js")}`]);
    cpSync(join(HERE, "node_modules/classify-sdk/classify_sdk_bg.wasm"), join(out, "classify_sdk_bg.wasm"));
    writeFileSync(join(out, "index.html"), PAGE("app.js"));
    await serveAndOpen(out, "index.html");
  } },
  { name: "jest", async run() {
    const output = await run(join(BIN, "jest"), ["--ci", "--colors=false"], { cwd: join(APPS, "jest"), env: { CLASSIFY_API: API } });
    if (!/Tests:\s+2 passed, 2 total/.test(output)) throw new Error(`jest:\n${output.slice(-3000)}`);
  } },
  { name: "vitest-node", async run() {
    const output = await run(join(BIN, "vitest"), ["run"], { cwd: join(APPS, "vitest"), env: { CLASSIFY_API: API, CI: "1" } });
    if (!/Tests\s+2 passed/.test(output)) throw new Error(`vitest:\n${output.slice(-3000)}`);
  } },
  { name: "vitest-jsdom", async run() {
    const output = await run(join(BIN, "vitest"), ["run", "--environment", "jsdom"], { cwd: join(APPS, "vitest"), env: { CLASSIFY_API: API, CI: "1" } });
    if (!/Tests\s+2 passed/.test(output)) throw new Error(`vitest (jsdom):\n${output.slice(-3000)}`);
  } },
  { name: "vite-dev", run: () => viteDev(browserApp("vite", "vite-dev"), join(HERE, "node_modules"), 7) },
  { name: "vite-build", run: () => viteBuild(browserApp("vite", "vite-build"), join(HERE, "node_modules"), 7) },
  { name: "webpack-default", async run() {
    const dir = browserApp("webpack", "webpack", "src");
    await run(join(BIN, "webpack"), ["--mode", "production"], { cwd: dir });
    writeFileSync(join(dir, "dist/index.html"), PAGE("main.js", "text/javascript"));
    await serveAndOpen(join(dir, "dist"), "index.html");
  } },
  { name: "rollup-node-resolve", async run() {
    const out = browserApp("rollup", "rollup");
    const config = join(out, "rollup.config.mjs");
    writeFileSync(config, `import { nodeResolve } from ${JSON.stringify(join(HERE, "node_modules/@rollup/plugin-node-resolve/dist/es/index.js"))};\n` +
      `export default { input: ${JSON.stringify(join(out, "main.js"))}, output: { dir: ${JSON.stringify(join(out, "dist"))}, format: "es" }, plugins: [nodeResolve()] };\n`);
    await run(join(BIN, "rollup"), ["-c", config]);
    writeFileSync(join(out, "dist/index.html"), PAGE("main.js"));
    await serveAndOpen(join(out, "dist"), "index.html");
  } },
  { name: "next16-turbopack", run: () => nextApp({ build: [] }) },
  { name: "next16-webpack", run: () => nextApp({ build: ["--webpack"] }) },
  { name: "next16-dev", run: () => nextApp({ dev: [] }) },
  { name: "next16-dev-webpack", run: () => nextApp({ dev: ["--webpack"] }) },
  { name: "next15-webpack", run: () => nextApp({ build: [] }, { next15: "next" }) },
  { name: "next15-turbopack", run: () => nextApp({ build: ["--turbopack"] }, { next15: "next" }) },
  { name: "next15-dev", run: () => nextApp({ dev: [] }, { next15: "next" }) },
  { name: "vite6-dev", run: () => viteDev(vite6Project(), null, 6) },
  { name: "vite6-build", run: () => viteBuild(vite6Project(), null, 6) },
  { name: "parcel-build", async run() {
    const dir = browserApp("vite", "parcel");
    await run(join(BIN, "parcel"), ["build", "index.html", "--dist-dir", "dist", "--cache-dir", join(dir, ".parcel-cache"), "--no-cache", "--no-source-maps"], { cwd: dir, env: { PARCEL_WORKERS: "1" } });
    await serveAndOpen(join(dir, "dist"), "index.html");
  } },
  { name: "wrangler-dev", async run() {
    const port = await freePort();
    const server = await start(join(BIN, "wrangler"), ["dev", "worker.js", "--name", "classify-fixture", "--compatibility-date", "2026-04-01", "--port", String(port), "--ip", "127.0.0.1", "--local"],
      /Ready on/i, { cwd: join(APPS, "wrangler"), env: { WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" } });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/?api=${encodeURIComponent(API)}`);
      expectLine(`${response.status} ${await response.text()}`, "wrangler dev");
    } catch (error) {
      throw new Error(`${error.message}\nwrangler output:\n${server.output().slice(-3000)}`);
    } finally {
      stop(server.child);
    }
  } },
  { name: "bun-run", async run() {
    expectLine(await run(join(ROOT_BIN, "bun"), ["node-esm/app.mjs"], { env: { CLASSIFY_API: API } }), "bun");
  } },
  { name: "bun-build", async run() {
    const out = mkdtempSync(join(tmpdir(), "classify-bun-build-"));
    try {
      await run(join(ROOT_BIN, "bun"), ["build", "node-esm/app.mjs", "--target=bun", `--outfile=${join(out, "app.js")}`]);
      expectLine(await run(join(ROOT_BIN, "bun"), [join(out, "app.js")], { cwd: out, env: { CLASSIFY_API: API } }), "bun build");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  } },
  { name: "deno", async run() {
    const deno = join(ROOT, "node_modules/@deno/linux-x64-glibc/deno");
    expectLine(await run(deno, ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", "node-esm/app.mjs"], { env: { CLASSIFY_API: API, DENO_NO_UPDATE_CHECK: "1" } }), "deno");
  } },
];

// --- main ----------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const chosen = argv.length ? SETUPS.filter((s) => argv.includes(s.name)) : SETUPS;
if (!chosen.length) {
  console.error(`no such setup; known: ${SETUPS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}

// Install the package from `npm pack`, as a user's `npm install` would unpack it.
const packDir = mkdtempSync(join(tmpdir(), "classify-pack-"));
const tarball = execFileSync("npm", ["pack", join(ROOT, "pkg"), "--pack-destination", packDir, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
const installed = join(HERE, "node_modules/classify-sdk");
rmSync(installed, { recursive: true, force: true });
mkdirSync(installed, { recursive: true });
execFileSync("tar", ["-xzf", join(packDir, tarball), "-C", installed, "--strip-components=1"]);
if (!existsSync(join(installed, "package.json"))) throw new Error("npm pack produced no package");
const tarballBytes = readFileSync(join(packDir, tarball)).length;
rmSync(packDir, { recursive: true, force: true });
console.log(`installed ${tarball} (${tarballBytes} B) into tests/frameworks/node_modules/classify-sdk`);

const emulator = await start("node", [join(ROOT, "tests/emulator/server.mjs"), "--port", "0"], /EMULATOR_URL=(\S+)/, { cwd: ROOT });
const API = /EMULATOR_URL=(\S+)/.exec(emulator.output())[1];

let passed = 0;
let failed = 0;
try {
  for (const setup of chosen) {
    const began = Date.now();
    try {
      await setup.run();
      passed++;
      console.log(`ok   ${setup.name} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${setup.name} (${((Date.now() - began) / 1000).toFixed(1)} s)\n${String(error && error.message).replace(/^/gm, "     ")}`);
    }
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const child of [...children]) stop(child);
  rmSync(SCRATCH, { recursive: true, force: true });
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
}
console.log(`frameworks: ${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
