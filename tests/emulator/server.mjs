// The local API emulator: LlamaCloud (v2 jobs: read, create, list, cancel, delete; v1 result
// pages; file uploads; webhook configurations and signed deliveries) and Unsiloed (submit, poll) on 127.0.0.1, with CORS, auth, pagination, jobs that
// progress over time, and fault scenarios tests can request. No dependencies beyond Node.
//
//   node tests/emulator/server.mjs [--port N] [--demo]   → prints "EMULATOR_URL=http://127.0.0.1:N"
//   (--demo: demo mode, the data of demo.mjs besides every fixture)
//
// This module routes; the endpoints live in llamacloud.mjs and unsiloed.mjs (fault scenarios
// are listed there: `fault-<scenario>-<unique>` ids for LlamaCloud, `ufault-…` for Unsiloed).
// Each server has its own state (created jobs, uploads, submissions, attempt counts).
//
// Test-only endpoints (no auth):
//   GET /__emulator/health                       {ok: true}
//   GET /__emulator/attempts?path=<path>         {attempts}: requests that reached a path (any method)
//   GET /__emulator/foreign                      {requests}: what reached the "foreign" origin
//   GET /__emulator/files                        {files}: LlamaCloud uploads
//   GET /__emulator/llamacloud/jobs              {jobs}: LlamaCloud jobs created by POST /api/v2/classify
//   GET /__emulator/unsiloed/submissions         {submissions}: Unsiloed 202 answers, latest last
//   /__emulator/webhooks/…                       webhook sinks and the deliveries sent (webhooks.mjs)
//   GET /__emulator/limits?bucket=<name>         a job-creation rate limit's counts (limits.mjs)
//   GET /jobs/{id}/events                        a stand-in for the edge worker's live stream (events.mjs)
import { createServer } from "node:http";
import { createDemo } from "./demo.mjs";
import { API_KEY } from "./fixtures.mjs";
import { decodeSegment, send } from "./http.mjs";
import * as llamacloud from "./llamacloud.mjs";
import * as webhooks from "./webhooks.mjs";
import { serveJobEvents } from "./events.mjs";
import { serveLimits } from "./limits.mjs";
import * as unsiloed from "./unsiloed.mjs";

/** Every header the SDK may send (preflights without Access-Control-Request-Headers get these). */
const ALLOWED_HEADERS = "authorization, api-key, idempotency-key, content-type, accept, x-api-key, x-trace";
const EXPOSED_HEADERS = "x-request-id, retry-after, retry-after-ms, x-should-retry";

/** The API routes: path pattern (captures are path parameters), provider, handlers by method. */
const ROUTES = [
  { path: /^\/api\/v2\/classify$/, provider: "llamacloud", methods: { GET: llamacloud.listJobs, POST: llamacloud.createJob } },
  { path: /^\/api\/v2\/classify\/([^/]+)$/, provider: "llamacloud", methods: { GET: llamacloud.getJob, DELETE: llamacloud.deleteJob } },
  { path: /^\/api\/v2\/classify\/([^/]+)\/cancel$/, provider: "llamacloud", methods: { POST: llamacloud.cancelJob } },
  { path: /^\/api\/v1\/classifier\/jobs\/([^/]+)\/results$/, provider: "llamacloud", methods: { GET: llamacloud.getResults } },
  { path: /^\/api\/v1\/beta\/files$/, provider: "llamacloud", methods: { POST: llamacloud.uploadFile } },
  { path: /^\/api\/v1\/beta\/webhook-configs$/, provider: "llamacloud", methods: { GET: webhooks.listConfigs, POST: webhooks.createConfig } },
  { path: /^\/api\/v1\/beta\/webhook-configs\/([^/]+)$/, provider: "llamacloud",
    methods: { GET: webhooks.getConfig, PUT: webhooks.updateConfig, DELETE: webhooks.deleteConfig } },
  { path: /^\/classify$/, provider: "unsiloed", methods: { POST: unsiloed.submit } },
  { path: /^\/classify\/([^/]+)$/, provider: "unsiloed", methods: { GET: unsiloed.getJob } },
];

function cors(req, res) {
  res.setHeader("access-control-allow-origin", req.headers.origin || "*");
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  res.setHeader("vary", "origin");
}

function authorizeLlamaCloud(req, res) {
  if (req.headers.authorization === `Bearer ${API_KEY}`) return true;
  send(res, 401, { detail: "Invalid authentication credentials" });
  return false;
}

/** The test-only endpoints; true when `url` was one. */
function serveInternal(res, url, state) {
  switch (url.pathname) {
    case "/__emulator/attempts":
      send(res, 200, { attempts: state.attempts.get(url.searchParams.get("path")) || 0 });
      return true;
    case "/__emulator/health":
      send(res, 200, { ok: true });
      return true;
    case "/__emulator/foreign":
      send(res, 200, { requests: state.foreignRequests });
      return true;
    case "/__emulator/files":
      send(res, 200, { files: state.llamacloud.files });
      return true;
    case "/__emulator/llamacloud/jobs":
      send(res, 200, { jobs: llamacloud.createdJobs(state.llamacloud) });
      return true;
    case "/__emulator/unsiloed/submissions":
      send(res, 200, { submissions: state.unsiloed.submissions });
      return true;
    default:
      return false;
  }
}

async function handle(req, res, state) {
  cors(req, res);
  let url;
  try {
    url = new URL(req.url, "http://127.0.0.1");
  } catch {
    return send(res, 400, { detail: "Bad request URL" });
  }
  if (req.method === "OPTIONS") {
    res.writeHead(204, {
      "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] || ALLOWED_HEADERS,
      "access-control-max-age": "600",
    });
    return res.end();
  }
  // Demo mode (startEmulator(port, { demo: true }), see demo.mjs): its own jobs, first.
  if (state.demo && (await state.demo.handle(req, res, url))) return;
  if (serveInternal(res, url, state) || serveLimits(res, url)) return;
  if (url.pathname.startsWith("/__emulator/webhooks/") && (await webhooks.serveWebhookInternal(req, res, url, state.webhooks))) return;
  if (url.pathname.startsWith("/jobs/") && serveJobEvents(req, res, url, state)) return;
  const n = (state.attempts.get(url.pathname) || 0) + 1;
  state.attempts.set(url.pathname, n);
  res.setHeader("x-request-id", `req_${(++state.requestCounter).toString(36)}`);

  let route = null;
  let match = null;
  for (const candidate of ROUTES) {
    match = candidate.path.exec(url.pathname);
    if (match) {
      route = candidate;
      break;
    }
  }
  const handler = route && Object.hasOwn(route.methods, req.method) ? route.methods[req.method] : null;
  if (!handler) {
    // A method a known path does not serve, or (as before) any non-GET request: 405.
    if (route?.provider === "unsiloed") return send(res, 405, { detail: "Method Not Allowed" });
    if (route || req.method !== "GET") return send(res, 405, { detail: "Method not allowed" });
    // An unknown GET path: LlamaCloud's 401 without its key, else 404.
    if (!authorizeLlamaCloud(req, res)) return;
    return send(res, 404, { detail: "Not Found" });
  }
  const authorized = route.provider === "unsiloed" ? unsiloed.authorizeUnsiloed(req, res) : authorizeLlamaCloud(req, res);
  if (!authorized) return;
  const params = match.slice(1).map(decodeSegment);
  if (params.includes(null)) return send(res, 400, { detail: "Invalid percent-encoding in the path" });
  await handler(req, res, { url, params, n, state, foreignOrigin: state.foreignOrigin });
}

/** `options.demo`: true or demo.mjs options ({ phaseMs }) to add the demo data (demo.mjs). */
export function startEmulator(port = 0, options = {}) {
  const state = {
    attempts: new Map(),
    requestCounter: 0,
    /** Requests that reached the "foreign" server (another origin a hostile redirect points to). */
    foreignRequests: [],
    foreignOrigin: "",
    llamacloud: llamacloud.createLlamaCloudState(),
    unsiloed: unsiloed.createUnsiloedState(),
    webhooks: webhooks.createWebhookState(),
  };
  if (options.demo) state.demo = createDemo(state, options.demo === true ? {} : options.demo);
  const server = createServer((req, res) => {
    // Nothing a client sends may crash the emulator: a handler's error becomes a 500.
    const fail = (error) => {
      console.error(`emulator: ${req.method} ${req.url}: ${error?.stack || error}`);
      if (!res.headersSent) send(res, 500, { detail: "Emulator error" });
      else res.destroy();
    };
    req.on("error", () => {});
    res.on("error", () => {});
    try {
      handle(req, res, state).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  server.keepAliveTimeout = 5000;
  // Another origin (another port) that records every request reaching it: a redirect there
  // must never carry the caller's credentials or headers.
  const foreign = createServer((req, res) => {
    cors(req, res);
    if (req.method !== "OPTIONS") state.foreignRequests.push({ method: req.method, url: req.url, headers: req.headers });
    send(res, 200, { detail: "foreign origin" });
  });
  // Connections left hanging by the "hang" scenario close with the emulator.
  server.on("close", () => {
    webhooks.stopWebhooks(state.webhooks);
    server.closeAllConnections();
    foreign.close();
    foreign.closeAllConnections();
  });
  return new Promise((resolve) =>
    foreign.listen(0, "127.0.0.1", () => {
      state.foreignOrigin = `http://127.0.0.1:${foreign.address().port}`;
      server.listen(port, "127.0.0.1", () => resolve(server));
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf("--port");
  const server = await startEmulator(portArg > 0 ? Number(process.argv[portArg + 1]) : 0, { demo: process.argv.includes("--demo") });
  console.log(`EMULATOR_URL=http://127.0.0.1:${server.address().port}`);
}
