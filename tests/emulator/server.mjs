// The local API emulator: LlamaCloud v2 jobs and v1 result pages on 127.0.0.1, with CORS,
// auth, pagination, jobs that progress over time, and fault scenarios tests can request.
//
//   node tests/emulator/server.mjs [--port N]   → prints "EMULATOR_URL=http://127.0.0.1:N"
//
// Fault scenarios are chosen by job id: `fault-<scenario>-<unique>` (see SCENARIOS below).
// `GET /__emulator/attempts?path=<request path>` tells how many requests a path received.
import { createServer } from "node:http";
import {
  API_KEY, JOBS, mutatedBody, RESULT_SETS, RESULTS_EMPTY_PAGE, RESULTS_REPEAT_TOKEN, progressingJob, resultItem,
} from "./fixtures.mjs";

const attempts = new Map();
/** Requests that reached the "foreign" server (another origin a hostile redirect points to). */
const foreignRequests = [];
let foreignOrigin = "";
const progressStart = new Map();
let requestCounter = 0;

/** How long a progressing job stays in each phase (ms). */
const PHASE_MS = Number(process.env.EMULATOR_PHASE_MS || 150);

function send(res, status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function cors(req, res) {
  res.setHeader("access-control-allow-origin", req.headers.origin || "*");
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-expose-headers", "x-request-id, retry-after, retry-after-ms, x-should-retry");
  res.setHeader("vary", "origin");
}

function jobFor(id) {
  if (JOBS[id]) return JOBS[id];
  const progress = /^clj-progress(-fail|-cancel)?-/.exec(id);
  if (progress) {
    if (!progressStart.has(id)) progressStart.set(id, Date.now());
    const phase = Math.floor((Date.now() - progressStart.get(id)) / PHASE_MS);
    const end = progress[1] === "-fail" ? "FAILED" : progress[1] === "-cancel" ? "CANCELLED" : "COMPLETED";
    return progressingJob(id, ["PENDING", "RUNNING"][phase] || end);
  }
  return null;
}

/** Fault scenarios, by the name in `fault-<name>-…` ids. `n` is the attempt number (1-based). */
const SCENARIOS = {
  // 429 once with retry-after-ms, then the job.
  "429ms": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "Too many requests" }, { "retry-after-ms": "120" }) : ok()),
  // 429 once with Retry-After in seconds, then the job.
  "429s": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "Too many requests" }, { "retry-after": "1" }) : ok()),
  // 429 once with Retry-After as an HTTP date ~1 s ahead, then the job.
  "429date": (n, ok, res) =>
    n === 1 ? send(res, 429, { detail: "slow down" }, { "retry-after": new Date(Date.now() + 1500).toUTCString() }) : ok(),
  // 429 asking for an hour: the client caps it with maxRetryDelayMs.
  "429long": (n, ok, res) => (n === 1 ? send(res, 429, { detail: "later" }, { "retry-after": "3600" }) : ok()),
  // Two 503s, then the job.
  "503x2": (n, ok, res) => (n <= 2 ? send(res, 503, { detail: "Service unavailable" }) : ok()),
  // 500 forever.
  "500": (n, ok, res) => send(res, 500, { detail: "Internal error", code: "internal_error" }),
  // 503 that the server says not to retry.
  "noretry": (n, ok, res) => send(res, 503, { detail: "Maintenance" }, { "x-should-retry": "false" }),
  // 400 that the server says to retry anyway, once.
  "forceretry": (n, ok, res) => (n === 1 ? send(res, 400, { detail: "flaky" }, { "x-should-retry": "true" }) : ok()),
  // 408 once.
  "408": (n, ok, res) => (n === 1 ? send(res, 408, { detail: "Request timeout" }) : ok()),
  // 409 once.
  "409": (n, ok, res) => (n === 1 ? send(res, 409, { detail: "Conflict" }) : ok()),
  // 403 / 422 / 400: never retried.
  "403": (n, ok, res) => send(res, 403, { detail: "Not allowed for this project" }),
  "422": (n, ok, res) =>
    send(res, 422, { detail: [{ loc: ["query", "project_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" }] }),
  "400": (n, ok, res) => send(res, 400, { detail: "Bad request" }),
  // Answers after 1.5 s (beyond short test timeouts).
  "slow": (n, ok, res) => setTimeout(ok, 1500),
  // Slow on the first attempt only.
  "slowonce": (n, ok, res) => (n === 1 ? setTimeout(ok, 1500) : ok()),
  // Sends half a body, then drops the connection.
  "drop": (n, ok, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
    res.write('{"id": "fault-drop", "status": "COMPL');
    setTimeout(() => res.socket.destroy(), 20);
  },
  // Drops the connection before any answer.
  "reset": (n, ok, res) => res.socket.destroy(),
  // Malformed JSON with a 200.
  "malformed": (n, ok, res) => send(res, 200, '{"id": "x", "status": ', { "content-type": "application/json" }),
  // An HTML 502 page from a proxy.
  "html502": (n, ok, res) =>
    send(res, 502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", {
      "content-type": "text/html",
    }),
  // 200 with an empty body.
  "empty": (n, ok, res) => send(res, 200, "", { "content-type": "application/json" }),
  // A required field missing.
  "missing": (n, ok, res, body) => { delete body.status; send(res, 200, body); },
  // A field with the wrong type.
  "wrongtype": (n, ok, res, body) => { body.result = { ...(body.result || {}), confidence: "high", reasoning: "r", type: "invoice" }; send(res, 200, body); },
  // ---- hostile answers ----
  // A 5,000-deep array in a declared field (10 KB of text).
  "deep": (n, ok, res, body) => {
    const text = JSON.stringify({ ...body, status: "@" }).replace('"@"', "[".repeat(5000) + "]".repeat(5000));
    send(res, 200, text, { "content-type": "application/json" });
  },
  // A number that JSON.parse turns into Infinity.
  "infinite": (n, ok, res, body) => {
    const text = JSON.stringify({ ...body, result: { confidence: "@", reasoning: "r", type: "invoice" } }).replace('"@"', "1e400");
    send(res, 200, text, { "content-type": "application/json" });
  },
  // Never answers (the connection stays open until the emulator closes).
  "hang": () => {},
  // 503 with a 12 MB body, asking for a retry after 20 ms.
  "huge503": (n, ok, res) => send(res, 503, `{"detail":"${"x".repeat(12 * 1024 * 1024)}"}`, { "content-type": "application/json", "retry-after-ms": "20" }),
  // Echoes the caller's key back: in the detail, a header, a cookie and the request id.
  "echo": (n, ok, res, body, key) =>
    send(res, 400, { detail: `Key ${key} is not allowed here`, code: `bad_${key}`, echo: { nested: [key] } }, {
      "x-echo": key, "set-cookie": `session=${key}; HttpOnly`, "x-request-id": `req_${key}`,
    }),
  // Echoes the key in a plain-text error body.
  "echotext": (n, ok, res, body, key) => send(res, 500, `upstream said: bad key ${key}`, { "x-should-retry": "false" }),
  // Echoes the key in a field of the wrong type.
  "echofield": (n, ok, res, body, key) => send(res, 200, { ...body, status: { value: key } }),
  // A request id far too long to be one.
  "longid": (n, ok, res) => send(res, 404, { detail: "Classify job not found" }, { "x-request-id": "r".repeat(10000) }),
  // Redirects to another origin (which records what reaches it).
  "redirect": (n, ok, res) => {
    res.writeHead(307, { location: `${foreignOrigin}/api/v2/classify/clj-completed`, "content-length": "0" });
    res.end();
  },
  // Redirects within the API origin.
  "redirectsame": (n, ok, res) => {
    res.writeHead(307, { location: "/api/v2/classify/clj-completed", "content-length": "0" });
    res.end();
  },
  // Unknown status value and extra fields: must pass through.
  "unknown": (n, ok, res, body) => send(res, 200, { ...body, status: "QUARANTINED", shard: 7, extra: { nested: true } }),
};

function serveJob(req, res, id, n) {
  const key = String(req.headers.authorization || "").replace(/^Bearer /, "");
  const fuzz = /^fuzz-(\d+)$/.exec(id);
  if (fuzz) return send(res, 200, mutatedBody(Number(fuzz[1])), { "content-type": "application/json" });
  const fault = /^fault-([a-z0-9]+)-/.exec(id);
  if (fault && SCENARIOS[fault[1]]) {
    const body = progressingJob(id, "COMPLETED");
    return SCENARIOS[fault[1]](n, () => send(res, 200, body), res, body, key);
  }
  const job = jobFor(id);
  if (!job) return send(res, 404, { detail: "Classify job not found" });
  send(res, 200, job);
}

function serveResults(req, res, id, url) {
  const pageSize = Math.min(Number(url.searchParams.get("page_size") || 100), 1000);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    return send(res, 422, { detail: [{ loc: ["query", "page_size"], msg: "must be a positive integer", type: "value_error" }] });
  }
  const token = url.searchParams.get("page_token");
  if (id === RESULTS_REPEAT_TOKEN) {
    return send(res, 200, { items: [resultItem(id, token ? 1 : 0)], next_page_token: "tok-same", total_size: null });
  }
  if (id === RESULTS_EMPTY_PAGE) {
    if (!token) return send(res, 200, { items: [], next_page_token: "tok-2", total_size: 2 });
    return send(res, 200, { items: [resultItem(id, 0), resultItem(id, 1)], next_page_token: null, total_size: 2 });
  }
  const total = RESULT_SETS[id];
  if (total === undefined) return send(res, 404, { detail: "Classify job not found" });
  let offset = 0;
  if (token) {
    const match = /^off-(\d+)$/.exec(token);
    if (!match) return send(res, 400, { detail: "Invalid page token" });
    offset = Number(match[1]);
  }
  const end = Math.min(offset + pageSize, total);
  const items = [];
  for (let i = offset; i < end; i++) items.push(resultItem(id, i));
  const body = { items, total_size: total };
  if (end < total) body.next_page_token = `off-${end}`;
  send(res, 200, body);
}

export function startEmulator(port = 0) {
  const server = createServer((req, res) => {
    cors(req, res);
    const url = new URL(req.url, "http://127.0.0.1");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] || "authorization, accept",
        "access-control-max-age": "600",
      });
      return res.end();
    }
    if (url.pathname === "/__emulator/attempts") {
      return send(res, 200, { attempts: attempts.get(url.searchParams.get("path")) || 0 });
    }
    if (url.pathname === "/__emulator/health") return send(res, 200, { ok: true });
    if (url.pathname === "/__emulator/foreign") return send(res, 200, { requests: foreignRequests });
    const n = (attempts.get(url.pathname) || 0) + 1;
    attempts.set(url.pathname, n);
    res.setHeader("x-request-id", `req_${(++requestCounter).toString(36)}`);
    if (req.method !== "GET") return send(res, 405, { detail: "Method not allowed" });
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      return send(res, 401, { detail: "Invalid authentication credentials" });
    }
    let match = /^\/api\/v2\/classify\/([^/]+)$/.exec(url.pathname);
    if (match) return serveJob(req, res, decodeURIComponent(match[1]), n);
    match = /^\/api\/v1\/classifier\/jobs\/([^/]+)\/results$/.exec(url.pathname);
    if (match) {
      const id = decodeURIComponent(match[1]);
      const fault = /^fault-([a-z0-9]+)-/.exec(id);
      if (fault && SCENARIOS[fault[1]]) {
        const body = { items: [resultItem(id, 0)], total_size: 1 };
        return SCENARIOS[fault[1]](n, () => send(res, 200, body), res, body);
      }
      return serveResults(req, res, id, url);
    }
    send(res, 404, { detail: "Not Found" });
  });
  server.keepAliveTimeout = 5000;
  // Another origin (another port) that records every request reaching it: a redirect there
  // must never carry the caller's credentials or headers.
  const foreign = createServer((req, res) => {
    cors(req, res);
    if (req.method !== "OPTIONS") foreignRequests.push({ method: req.method, url: req.url, headers: req.headers });
    send(res, 200, { detail: "foreign origin" });
  });
  // Connections left hanging by the "hang" scenario close with the emulator.
  server.on("close", () => {
    server.closeAllConnections();
    foreign.close();
    foreign.closeAllConnections();
  });
  return new Promise((resolve) =>
    foreign.listen(0, "127.0.0.1", () => {
      foreignOrigin = `http://127.0.0.1:${foreign.address().port}`;
      server.listen(port, "127.0.0.1", () => resolve(server));
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf("--port");
  const server = await startEmulator(portArg > 0 ? Number(process.argv[portArg + 1]) : 0);
  console.log(`EMULATOR_URL=http://127.0.0.1:${server.address().port}`);
}
