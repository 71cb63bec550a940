// `make demo` (node www/serve.mjs): serves the demo page (www/) and the built package (pkg/,
// imported by the page as `classify-sdk` through an import map), starts the local API emulator
// in demo mode, and runs examples/worker in-process under /proxy (the key-holding proxy, with
// the keys on this server). The page reads its settings from /config.json, so it works with
// no typing.
//
// Environment:
//   DEMO_PORT              port of the page (default 8080; 0 = any free port)
//   EMULATOR_PORT          port of the emulator (default: any free port)
//   LLAMA_CLOUD_API_KEY    use the real LlamaCloud API instead of the emulator (through /proxy:
//   LLAMA_CLOUD_BASE_URL     the key stays on this server); base URL default https://api.cloud.llamaindex.ai
//   UNSILOED_API_KEY       the same for Unsiloed (default https://prod.visionapi.unsiloed.ai)
//   UNSILOED_BASE_URL
//   DEMO_PROXY_URL         another proxy to offer in the page (e.g. `wrangler dev` on http://127.0.0.1:8787)
//   DEMO_PHASE_MS          how long a live demo job stays in each phase (default 3300: ~10 s a job)
//   EMULATOR_PHASE_MS      the same for jobs created on the emulator (default here 1500)
//
// Prints `DEMO_URL=<url>` and, when it runs, `EMULATOR_URL=<url>` (one line each, for scripts),
// then a summary. Stops cleanly on SIGINT / SIGTERM. Listens on 127.0.0.1 only and answers only
// requests addressed to it by that name or `localhost` (no DNS rebinding to the proxy's keys).
//
// Files are served as a real host would: compressed (brotli when the request accepts it, else
// gzip; node:zlib, cached per file version), with an ETag, `no-cache` for the page and www/, and
// the package under a versioned path, /pkg@<hash of pkg/>/… (what the page's import map names),
// sent `immutable` for a year; /pkg/… stays available, revalidated.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";

const ROOT = new URL("..", import.meta.url).pathname;
const WWW = join(ROOT, "www") + sep;
const PKG = join(ROOT, "pkg") + sep;
const env = process.env;

if (!existsSync(join(PKG, "browser.js")) || !existsSync(join(PKG, "node.js"))) {
  console.error("pkg/ is not built: run `make demo` (or `bash scripts/build.sh`) first");
  process.exit(2);
}
// Jobs created on the emulator move on every EMULATOR_PHASE_MS (read when the emulator loads).
env.EMULATOR_PHASE_MS ||= "1500";
const { startEmulator } = await import("../tests/emulator/server.mjs");
const { API_KEY, UNSILOED_API_KEY } = await import("../tests/emulator/fixtures.mjs");
const { DEMO_EXAMPLES } = await import("../tests/emulator/demo.mjs");
const { default: proxyWorker } = await import("../examples/worker/worker.js");

const PROVIDERS = {
  llamacloud: { name: "LlamaCloud", key: env.LLAMA_CLOUD_API_KEY, baseUrl: env.LLAMA_CLOUD_BASE_URL || "https://api.cloud.llamaindex.ai", emulatorKey: API_KEY },
  unsiloed: { name: "Unsiloed", key: env.UNSILOED_API_KEY, baseUrl: env.UNSILOED_BASE_URL || "https://prod.visionapi.unsiloed.ai", emulatorKey: UNSILOED_API_KEY },
};
const real = (p) => typeof PROVIDERS[p].key === "string" && PROVIDERS[p].key.trim() !== "";

let emulator = null;
let emulatorUrl = null;
if (!real("llamacloud") || !real("unsiloed")) {
  emulator = await startEmulator(Number(env.EMULATOR_PORT || 0), { demo: env.DEMO_PHASE_MS ? { phaseMs: Number(env.DEMO_PHASE_MS) } : true });
  emulatorUrl = `http://127.0.0.1:${emulator.address().port}`;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".png": "image/png", ".ts": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".ts", ".md"]);
const IMMUTABLE = "public, max-age=31536000, immutable";
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The encoding to send for an Accept-Encoding header: "br" when accepted, else "gzip", else
 * null (identity). A coding listed with q=0 is refused.
 */
function pickEncoding(accept = "") {
  const accepted = new Map();
  for (const part of String(accept).toLowerCase().split(",")) {
    const [coding, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(coding.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (c) => (accepted.get(c) ?? accepted.get("*") ?? 0) > 0;
  return ok("br") ? "br" : ok("gzip") ? "gzip" : null;
}

/** Compressed bodies by file, version and encoding (promises, so concurrent requests share one). */
const compressed = new Map();

/** `body` of `file` (at `version`) in `encoding`: brotli at its best quality, or gzip level 9. */
function compress(file, version, body, encoding) {
  const key = `${encoding} ${file}`;
  const hit = compressed.get(key);
  if (hit && hit.version === version) return hit.promise;
  const promise = encoding === "br"
    ? brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipped(body, { level: 9 });
  compressed.set(key, { version, promise });
  return promise;
}

let pkgVersionCache = { key: "", version: "" };

/** A short hash of pkg/ (names, sizes, modification times): the versioned path /pkg@<it>/. */
async function pkgVersion() {
  const entries = await readdir(PKG, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)).sort();
  const key = (await Promise.all(files.map(async (f) => {
    const info = await stat(f);
    return `${f.slice(PKG.length)}:${info.size}:${info.mtimeMs}`;
  }))).join("\n");
  if (key !== pkgVersionCache.key) pkgVersionCache = { key, version: createHash("sha256").update(key).digest("hex").slice(0, 12) };
  return pkgVersionCache.version;
}

/**
 * The page, its package paths versioned (/pkg@<hash>/), with a Content-Security-Policy allowing
 * its one inline script (the import map) by hash.
 */
async function loadPage() {
  const version = await pkgVersion();
  const html = (await readFile(join(WWW, "index.html"), "utf8")).replaceAll('"/pkg/', `"/pkg@${version}/`);
  const inline = [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const hashes = inline.map((text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`).join(" ");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes}`,
    "connect-src 'self' http: https:",
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

let port = 0;
const hostAllowed = (host) => host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;

function proxyEnv() {
  const upstream = (p) => (real(p) ? { key: PROVIDERS[p].key, baseUrl: PROVIDERS[p].baseUrl } : { key: PROVIDERS[p].emulatorKey, baseUrl: emulatorUrl });
  const l = upstream("llamacloud");
  const u = upstream("unsiloed");
  return {
    LLAMA_CLOUD_API_KEY: l.key, LLAMA_CLOUD_BASE_URL: l.baseUrl, UNSILOED_API_KEY: u.key, UNSILOED_BASE_URL: u.baseUrl,
    ALLOWED_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
    ALLOWED_ACTIONS: "list,create,cancel,upload,submit",
    BASE_PATH: "/proxy",
  };
}

/** What the page starts with: per provider its data source, and the targets it can pick. */
function config(origin) {
  const proxy = `${origin}/proxy`;
  const targets = [];
  if (emulatorUrl) {
    // The emulator's own (public, test-only) keys, for the providers it stands in for.
    const keys = Object.fromEntries(Object.keys(PROVIDERS).filter((p) => !real(p)).map((p) => [p, PROVIDERS[p].emulatorKey]));
    // `events`: where Watch listens for live status (the emulator's stand-in of the worker's stream).
    targets.push({ id: "emulator", label: "Local emulator (demo data)", baseUrl: emulatorUrl, keys, events: emulatorUrl });
  }
  targets.push({ id: "proxy", label: "Proxy on this server (examples/worker; no key in the page)", baseUrl: proxy });
  if (env.DEMO_PROXY_URL) targets.push({ id: "worker", label: "Your worker proxy (DEMO_PROXY_URL)", baseUrl: env.DEMO_PROXY_URL, events: env.DEMO_PROXY_URL });
  targets.push(
    { id: "llamacloud", label: "LlamaCloud API", baseUrl: "https://api.cloud.llamaindex.ai", provider: "llamacloud" },
    { id: "llamacloud-eu", label: "LlamaCloud API (EU)", baseUrl: "https://api.cloud.eu.llamaindex.ai", provider: "llamacloud" },
    { id: "unsiloed", label: "Unsiloed API", baseUrl: "https://prod.visionapi.unsiloed.ai", provider: "unsiloed" },
  );
  const providers = {};
  for (const p of Object.keys(PROVIDERS)) {
    providers[p] = real(p)
      ? { source: "api", target: "proxy", note: `${PROVIDERS[p].name} API (${PROVIDERS[p].baseUrl}) through the proxy on this server` }
      : { source: "emulator", target: "emulator", note: "the local emulator (demo data)" };
  }
  return { providers, targets, examples: DEMO_EXAMPLES };
}

/**
 * Serves `file` (compressed when the request allows it and the type gains from it), with an ETag
 * answered by 304, and `cacheControl` (default `no-cache`: revalidate every use).
 */
async function serveFile(req, res, file, { cacheControl = "no-cache", extraHeaders = {} } = {}) {
  let info;
  try {
    info = await stat(file);
  } catch {
    info = null;
  }
  if (!info || !info.isFile()) return notFound(res);
  const version = `${info.size}-${Math.floor(info.mtimeMs)}`;
  const encoding = COMPRESSIBLE.has(extname(file)) ? pickEncoding(req.headers["accept-encoding"]) : null;
  const etag = `"${version}${encoding ? `-${encoding}` : ""}"`;
  const headers = {
    "content-type": TYPES[extname(file)] || "application/octet-stream",
    "cache-control": cacheControl,
    etag,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
    ...extraHeaders,
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  const raw = await readFile(file);
  const body = encoding ? await compress(file, version, raw, encoding) : raw;
  if (encoding) headers["content-encoding"] = encoding;
  headers["content-length"] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

function notFound(res) {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end("not found");
}

/** Runs the proxy worker for a request under /proxy (a Node request in, a Response out). */
async function serveProxy(req, res, url) {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (["host", "connection", "content-length", "transfer-encoding", "keep-alive"].includes(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // The demo page calls /proxy on its own origin, and a browser sends no Origin with a
  // same-origin GET: name the page's origin, so the worker serves it as a browser (an
  // Origin-less caller must present a proxy token).
  if (!headers.has("origin") && headers.get("sec-fetch-site") === "same-origin") headers.set("origin", url.origin);
  const init = { method: req.method, headers, signal: controller.signal };
  if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
    init.body = Readable.toWeb(req);
    init.duplex = "half";
  }
  const response = await proxyWorker.fetch(new Request(url, init), proxyEnv());
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

const server = createServer(async (req, res) => {
  res.on("error", () => {});
  try {
    if (!hostAllowed(req.headers.host || "")) {
      res.writeHead(421, { "content-type": "text/plain" });
      return res.end("use http://127.0.0.1 or http://localhost");
    }
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url, origin);
    const path = url.pathname;
    if (path === "/proxy" || path.startsWith("/proxy/")) return await serveProxy(req, res, url);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      return res.end();
    }
    if (path === "/config.json") {
      const body = JSON.stringify(config(origin));
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
      return res.end(body);
    }
    if (path === "/" || path === "/index.html") {
      const { html, csp } = await loadPage();
      const encoding = pickEncoding(req.headers["accept-encoding"]);
      const body = encoding ? await compress("index.html", html, Buffer.from(html), encoding) : Buffer.from(html);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-length": body.length,
        ...(encoding ? { "content-encoding": encoding } : {}),
        vary: "accept-encoding",
        "cache-control": "no-cache",
        "content-security-policy": csp,
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
      });
      return res.end(req.method === "HEAD" ? undefined : body);
    }
    if (path === "/favicon.ico") return await serveFile(req, res, join(WWW, "favicon.svg"));
    let rel;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return notFound(res);
    }
    // /pkg@<version>/…: the package at that version, cacheable for good (a stale version is
    // still served, but revalidated); /pkg/…: the same files, revalidated.
    const versioned = /^\/pkg@([0-9a-f]{12})\//.exec(rel);
    const [base, dir] = versioned ? [PKG, rel.slice(versioned[0].length)] : rel.startsWith("/pkg/") ? [PKG, rel.slice(5)] : [WWW, rel.slice(1)];
    const file = normalize(join(base, dir));
    if (!file.startsWith(base) || file.endsWith("serve.mjs")) return notFound(res);
    const cacheControl = versioned && versioned[1] === (await pkgVersion()) ? IMMUTABLE : "no-cache";
    return await serveFile(req, res, file, { cacheControl });
  } catch (error) {
    console.error(`demo server: ${req.method} ${req.url}: ${error?.stack || error}`);
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    } else res.destroy();
  }
});
server.keepAliveTimeout = 5000;

server.on("error", (error) => {
  if (error.code === "EADDRINUSE") console.error(`port ${env.DEMO_PORT || 8080} is in use: set DEMO_PORT (0 = any free port)`);
  else console.error(`demo server: ${error.message}`);
  emulator?.close();
  process.exit(1);
});

// Compress the package's largest files once before the first page asks for them.
await Promise.all(["browser.js", "classify_sdk.js", "classify_sdk_bg.wasm"].map(async (name) => {
  const file = join(PKG, name);
  const info = await stat(file).catch(() => null);
  if (!info) return;
  const body = await readFile(file);
  await Promise.all(["br", "gzip"].map((encoding) => compress(file, `${info.size}-${Math.floor(info.mtimeMs)}`, body, encoding)));
}));

server.listen(Number(env.DEMO_PORT ?? 8080), "127.0.0.1", () => {
  port = server.address().port;
  const url = `http://127.0.0.1:${port}/`;
  console.log(`DEMO_URL=${url}`);
  if (emulatorUrl) console.log(`EMULATOR_URL=${emulatorUrl}`);
  console.log("");
  console.log(`  classify-sdk demo: ${url}`);
  for (const p of Object.keys(PROVIDERS)) {
    console.log(`    ${PROVIDERS[p].name.padEnd(10)} ${real(p) ? `${PROVIDERS[p].baseUrl} through ${url}proxy (the key stays here)` : `local emulator ${emulatorUrl} (demo data)`}`);
  }
  console.log(`    proxy      ${url}proxy (examples/worker, in this process)`);
  console.log("  Ctrl-C to stop");
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  emulator?.close();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
