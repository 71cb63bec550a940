// Tests of examples/worker (the key-holding proxy), run from Node over HTTP against the worker
// served by workerd (tests/workerd/run.sh) with a demo-mode emulator as both upstreams (demo mode
// records every request that reaches it, so the tests see exactly what the proxy forwarded).
//
//   await runExampleWorkerTests({ worker, writes, emulator, origin, log, report })
//     worker    URL of the worker with the default settings (no ALLOWED_ACTIONS)
//     writes    URL of the same worker with ALLOWED_ACTIONS = every action
//     limited   URL of the worker with the RATE_LIMITER Durable Object, 20 a minute
//     emulator  URL of the upstream emulator (started with --demo)
//     origin    the one origin in ALLOWED_ORIGINS
//     log       path of workerd's log (checked for keys last), optional
//     report    (ok, label, detail) → void
import { eq, must, tester } from "./checks.mjs";
import { readFileSync } from "node:fs";
import { mintProxyToken } from "../../pkg/webhooks.js";
import { API_KEY, JOBS, RESULTS_2500, UNSILOED_API_KEY, UNSILOED_JOBS, resultItem } from "../emulator/fixtures.mjs";
import { demoBatchItem } from "../emulator/demo.mjs";

const KEYS = [API_KEY, UNSILOED_API_KEY];
const CALLER_SECRET = "caller-own-secret-0000";
/** The workers' PROXY_TOKEN_SECRET and PROXY_TOKEN_SECRETS_OLD (tests/workerd/config.capnp). */
const TOKEN_SECRET = "test-proxy-token-secret-current";
const OLD_TOKEN_SECRET = "test-proxy-token-secret-rotated";

export async function runExampleWorkerTests({ worker, writes, limited, emulator, origin, log, report }) {
  const answers = [];
  const mint = (options) => mintProxyToken({ secret: TOKEN_SECRET, ttlSeconds: 600, ...options });
  /** A write token: what a backend calling without Origin presents (the default in call()). */
  const backendToken = await mint({ scope: "write", subject: "backend-tests" });
  const tokens = [backendToken];
  /**
   * fetch with a deadline; keeps every answer's headers and text for the key check. A call
   * without Origin, Authorization or api-key presents backendToken unless `init.bare`.
   */
  async function call(base, path, init = {}) {
    const { bare, ...rest } = init;
    init = rest;
    const given = new Headers(init.headers);
    if (!bare && !given.has("origin") && !given.has("authorization") && !given.has("api-key")) {
      given.set("authorization", `Bearer ${backendToken}`);
      init = { ...init, headers: given };
    }
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    answers.push({ path, headers: [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"), text });
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  const recorded = async (path) => (await (await fetch(`${emulator}/__emulator/demo/requests?path=${encodeURIComponent(path)}`)).json()).requests;
  const test = tester("example", report);

  // ---- read routes ---------------------------------------------------------------------------
  await test("GET /api/v2/classify/:id answers the job as the API does", async () => {
    const r = await call(worker, "/api/v2/classify/clj-completed");
    eq(r.status, 200, "status");
    must(r.headers.get("content-type")?.startsWith("application/json"), `content-type ${r.headers.get("content-type")}`);
    eq(r.json, JOBS["clj-completed"], "body");
  });
  await test("GET /api/v1/classifier/jobs/:id/results passes page_size and page_token through", async () => {
    const r = await call(worker, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=7&page_token=off-14`);
    eq(r.status, 200, "status");
    eq(r.json.items.length, 7, "items");
    eq(r.json.items[0], demoBatchItem(resultItem(RESULTS_2500, 14), 14), "first item (the demo emulator's seeded batch)");
    eq(r.json.next_page_token, "off-21", "next_page_token");
    eq(r.json.total_size, 2500, "total_size");
    const seen = (await recorded(`/api/v1/classifier/jobs/${RESULTS_2500}/results`)).at(-1);
    must(/page_size=7/.test(seen.query) && /page_token=off-14/.test(seen.query), `upstream query ${seen.query}`);
  });
  await test("GET /classify/:id answers the Unsiloed job", async () => {
    const r = await call(worker, "/classify/uns-multipage");
    eq(r.status, 200, "status");
    eq(r.json, UNSILOED_JOBS["uns-multipage"], "body");
  });
  await test("a percent-encoded id reaches the API as one segment", async () => {
    const r = await call(worker, "/api/v2/classify/a%2Fb%20c");
    eq(r.status, 404, "status");
    const seen = await recorded("/api/v2/classify/a%2Fb%20c");
    eq(seen.length, 1, "upstream requests to the encoded path");
  });

  // ---- errors: upstream status and { detail } ------------------------------------------------
  await test("unknown ids: 404 with the upstream detail and request id (both providers)", async () => {
    const a = await call(worker, "/api/v2/classify/clj-nope");
    eq([a.status, a.json], [404, { detail: "Classify job not found" }], "LlamaCloud");
    must(/^req_/.test(a.headers.get("x-request-id") || ""), `x-request-id ${a.headers.get("x-request-id")}`);
    const b = await call(worker, "/classify/uns-nope");
    eq([b.status, b.json], [404, { detail: "Job not found" }], "Unsiloed");
    const c = await call(worker, "/api/v1/classifier/jobs/3f1c2d4e-0000-4000-8000-00000000dead/results");
    eq([c.status, c.json], [404, { detail: "Classify job not found" }], "results");
  });
  await test("upstream 400 / 403 / 422 / 500 keep their status and detail", async () => {
    const bad = await call(worker, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_token=nonsense`);
    eq([bad.status, bad.json], [400, { detail: "Invalid page token" }], "400");
    const denied = await call(worker, "/api/v2/classify/fault-403-a");
    eq([denied.status, denied.json], [403, { detail: "Not allowed for this project" }], "403");
    const invalid = await call(worker, "/api/v2/classify/fault-422-a");
    eq(invalid.status, 422, "422 status");
    eq(invalid.json.detail[0].loc, ["query", "project_id"], "422 detail");
    const broken = await call(worker, "/api/v2/classify/fault-500-a");
    eq([broken.status, broken.json.detail], [500, "Internal error"], "500");
    eq((await recorded("/api/v2/classify/fault-500-a")).length, 3, "upstream attempts (SDK retries)");
  });
  await test("a retried upstream 429 ends in the job", async () => {
    const r = await call(worker, "/classify/ufault-429once-a");
    eq([r.status, r.json.job_id], [200, "ufault-429once-a"], "answer");
  });
  await test("an upstream answer that is not a job is 502 naming the field", async () => {
    const r = await call(worker, "/api/v2/classify/fault-wrongtype-a");
    eq(r.status, 502, "status");
    must(/result\.confidence/.test(r.json.detail), `detail ${r.json.detail}`);
  });
  await test("a bad page_size is 422 before anything is sent", async () => {
    const before = (await recorded(`/api/v1/classifier/jobs/${RESULTS_2500}/results`)).length;
    const r = await call(worker, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=abc`);
    eq(r.status, 422, "status");
    eq(r.json.detail[0].loc, ["query", "page_size"], "detail");
    eq((await recorded(`/api/v1/classifier/jobs/${RESULTS_2500}/results`)).length, before, "upstream requests");
  });
  await test("an upstream that never answers is 504", async () => {
    const r = await call(writes, "/api/v2/classify/fault-hang-a");
    eq(r.status, 504, "status");
    eq(r.json, { detail: "The upstream API did not answer in time" }, "body");
  });

  // ---- keys ------------------------------------------------------------------------------------
  await test("the caller's Authorization, api-key and cookies are never forwarded", async () => {
    const headers = { origin, authorization: `Bearer ${CALLER_SECRET}`, "api-key": CALLER_SECRET, cookie: `session=${CALLER_SECRET}` };
    const a = await call(worker, "/api/v2/classify/clj-running", { headers });
    eq(a.status, 200, "LlamaCloud status");
    const b = await call(worker, "/classify/uns-processing", { headers });
    eq(b.status, 200, "Unsiloed status");
    const [up1] = (await recorded("/api/v2/classify/clj-running")).slice(-1);
    const [up2] = (await recorded("/classify/uns-processing")).slice(-1);
    eq(up1.headers.authorization, `Bearer ${API_KEY}`, "LlamaCloud upstream authorization");
    eq([up1.headers["api-key"], up1.headers.cookie], [undefined, undefined], "LlamaCloud upstream api-key, cookie");
    eq(up2.headers["api-key"], UNSILOED_API_KEY, "Unsiloed upstream api-key");
    eq([up2.headers.authorization, up2.headers.cookie], [undefined, undefined], "Unsiloed upstream authorization, cookie");
    const all = JSON.stringify(await recorded("/api/v2/classify/clj-running")) + JSON.stringify(await recorded("/classify/uns-processing"));
    must(!all.includes(CALLER_SECRET), "the caller's secret reached the API");
  });
  await test("an upstream that echoes the key: no key in the answer (detail, headers, request id)", async () => {
    const r = await call(worker, "/api/v2/classify/fault-echo-a");
    eq(r.status, 400, "status");
    must(/\[redacted\]/.test(JSON.stringify(r.json)), `detail ${r.text.slice(0, 200)}`);
    must(!r.headers.has("set-cookie") && !r.headers.has("x-echo"), "upstream headers passed through");
    const t = await call(worker, "/api/v2/classify/fault-echotext-a");
    eq(t.status, 500, "text status");
  });

  // ---- CORS ------------------------------------------------------------------------------------
  await test("CORS: an allowed origin gets allow-origin, vary and the exposed headers", async () => {
    const r = await call(worker, "/api/v2/classify/clj-completed", { headers: { origin } });
    eq(r.status, 200, "status");
    eq(r.headers.get("access-control-allow-origin"), origin, "allow-origin");
    must(/origin/i.test(r.headers.get("vary") || ""), `vary ${r.headers.get("vary")}`);
    must(/x-request-id/.test(r.headers.get("access-control-expose-headers") || ""), "expose-headers");
    const e = await call(worker, "/api/v2/classify/clj-nope", { headers: { origin } });
    eq([e.status, e.headers.get("access-control-allow-origin")], [404, origin], "errors carry CORS too");
  });
  await test("CORS: another origin gets 403, no CORS headers, and nothing is fetched", async () => {
    const before = (await recorded("/api/v2/classify/clj-failed")).length;
    const r = await call(worker, "/api/v2/classify/clj-failed", { headers: { origin: "https://evil.example" } });
    eq(r.status, 403, "status");
    eq(r.headers.get("access-control-allow-origin"), null, "allow-origin");
    eq((await recorded("/api/v2/classify/clj-failed")).length, before, "upstream requests");
    const p = await call(worker, "/api/v2/classify/clj-failed", {
      method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    eq([p.status, p.headers.get("access-control-allow-origin"), p.headers.get("access-control-allow-methods")], [403, null, null], "preflight");
  });
  await test("CORS: a preflight from an allowed origin is answered 204", async () => {
    const r = await call(worker, "/classify", {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "idempotency-key, authorization" },
    });
    eq(r.status, 204, "status");
    eq(r.headers.get("access-control-allow-origin"), origin, "allow-origin");
    must(/POST/.test(r.headers.get("access-control-allow-methods") || ""), "allow-methods");
    must(/idempotency-key/.test(r.headers.get("access-control-allow-headers") || ""), "allow-headers");
    must(Number(r.headers.get("access-control-max-age")) > 0, "max-age");
    eq(r.text, "", "body");
  });
  await test("no Origin (server to server) with a token: served, without CORS headers", async () => {
    const r = await call(worker, "/classify/uns-completed");
    eq([r.status, r.headers.get("access-control-allow-origin")], [200, null], "status, allow-origin");
  });

  // ---- proxy tokens (callers without Origin) ---------------------------------------------------
  const unauthorized = (r, pattern, what) => {
    eq(r.status, 401, `${what} status`);
    must(/^Bearer/.test(r.headers.get("www-authenticate") || ""), `${what} www-authenticate ${r.headers.get("www-authenticate")}`);
    must(pattern.test(r.json?.detail), `${what} detail ${r.json?.detail}`);
  };
  await test("tokens: no Origin and no token is 401 and nothing is fetched", async () => {
    const before = (await recorded("/api/v2/classify/clj-pending")).length;
    unauthorized(await call(worker, "/api/v2/classify/clj-pending", { bare: true }), /token is required/, "no token");
    unauthorized(await call(worker, "/api/v2/classify/clj-pending", { headers: { authorization: `Bearer ${CALLER_SECRET}` } }), /token is required/, "an API key is not a token");
    eq((await recorded("/api/v2/classify/clj-pending")).length, before, "upstream requests");
  });
  await test("tokens: a read token reads (Authorization, api-key and ?token=), ?token= not forwarded", async () => {
    const read = await mint({ scope: "read" });
    tokens.push(read);
    const a = await call(worker, "/api/v2/classify/clj-completed", { headers: { authorization: `Bearer ${read}` } });
    eq([a.status, a.json.id], [200, "clj-completed"], "Authorization");
    const b = await call(worker, "/classify/uns-completed", { headers: { "api-key": read } });
    eq([b.status, b.json.job_id], [200, "uns-completed"], "api-key");
    const c = await call(worker, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=3&token=${encodeURIComponent(read)}`, { bare: true });
    eq([c.status, c.json.items.length], [200, 3], "?token=");
    const seen = (await recorded(`/api/v1/classifier/jobs/${RESULTS_2500}/results`)).at(-1);
    must(!seen.query.includes("token=cst1") && !JSON.stringify(seen).includes(read), `upstream saw the token: ${seen.query}`);
  });
  await test("tokens: a read token cannot write (403), a write token writes on the writes worker", async () => {
    const read = await mint({ scope: "read" });
    const form = new FormData();
    form.append("categories", JSON.stringify([{ name: "invoice" }]));
    form.append("file_url", "https://example.com/token.pdf");
    // (a bodiless write: a refusal answered before a streamed body is read can reset the upload)
    const denied = await call(writes, "/api/v2/classify/clj-running/cancel", { method: "POST", headers: { authorization: `Bearer ${read}` } });
    eq([denied.status, denied.json.detail], [403, "This proxy token is read-only"], "read token");
    eq((await recorded("/api/v2/classify/clj-running/cancel")).length, 0, "upstream cancels");
    const write = await mint({ scope: "write", subject: "writer" });
    tokens.push(write);
    const ok = await call(writes, "/classify", { method: "POST", body: form, headers: { "api-key": write } });
    eq(ok.status, 202, "write token");
    const list = await call(writes, "/api/v2/classify?page_size=2", { headers: { authorization: `Bearer ${read}` } });
    eq(list.status, 200, "a read token lists");
  });
  await test("tokens: a job-scoped token reads its job only (403 on another job and on the list)", async () => {
    const job = await mint({ scope: "write", jobId: "clj-running" });
    tokens.push(job);
    const headers = { authorization: `Bearer ${job}` };
    eq((await call(writes, "/api/v2/classify/clj-running", { headers })).status, 200, "its job");
    const other = await call(writes, "/api/v2/classify/clj-completed", { headers });
    eq([other.status, other.json.detail], [403, "This proxy token is for another job"], "another job");
    eq((await call(writes, "/api/v2/classify?page_size=2", { headers })).status, 403, "the list");
    eq((await call(writes, "/api/v2/classify", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" })).status, 403, "a create");
  });
  await test("tokens: expired, tampered, foreign-secret tokens are 401 without echoing the token", async () => {
    const expired = await mint({ scope: "read", ttlSeconds: 1, now: Date.now() - 10_000 });
    const good = await mint({ scope: "read" });
    const [p, claims, sig] = good.split(".");
    const tampered = `${p}.${claims.slice(0, -2)}${claims.at(-2) === "A" ? "B" : "A"}${claims.at(-1)}.${sig}`;
    const foreign = await mintProxyToken({ secret: "someone-else-entirely", scope: "read" });
    tokens.push(expired, good, tampered, foreign);
    for (const [token, pattern, what] of [[expired, /expired/, "expired"], [tampered, /does not match|malformed/, "tampered"], [foreign, /does not match/, "foreign"], ["cst1.x.y", /malformed/, "malformed"], [`cst1.${"a".repeat(5000)}.b`, /malformed/, "oversized"]]) {
      const r = await call(worker, "/api/v2/classify/clj-completed", { headers: { authorization: `Bearer ${token}` } });
      unauthorized(r, pattern, what);
      must(!r.text.includes(token) && ![...r.headers.values()].some((v) => v.includes(token)), `${what}: the token is in the answer`);
    }
  });
  await test("tokens: without PROXY_TOKEN_SECRET, callers without Origin are refused (the worker in Node: no DO, no cache)", async () => {
    const { default: proxy } = await import("../../examples/worker/worker.js");
    const env = { LLAMA_CLOUD_API_KEY: API_KEY, LLAMA_CLOUD_BASE_URL: emulator, ALLOWED_ORIGINS: origin };
    const token = await mint({ scope: "read" });
    for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
      const res = await proxy.fetch(new Request("http://proxy.test/api/v2/classify/clj-completed", { headers }), env);
      const text = await res.text();
      eq(res.status, 401, "status");
      must(/PROXY_TOKEN_SECRET/.test(JSON.parse(text).detail) && !text.includes(token), `detail ${text}`);
    }
    const browser = await proxy.fetch(new Request("http://proxy.test/api/v2/classify/clj-completed", { headers: { origin } }), env);
    eq([browser.status, browser.headers.get("x-proxy-cache")], [200, null], "a browser is served, nothing cached");
  });
  await test("tokens: a token minted under the rotated (old) secret is accepted", async () => {
    const old = await mintProxyToken({ secret: OLD_TOKEN_SECRET, scope: "read" });
    tokens.push(old);
    eq((await call(worker, "/api/v2/classify/clj-completed", { headers: { authorization: `Bearer ${old}` } })).status, 200, "status");
  });
  await test("tokens: a browser with an allowed Origin may send a token, and its limits apply", async () => {
    const job = await mint({ scope: "read", jobId: "clj-completed" });
    tokens.push(job);
    const ok = await call(worker, "/api/v2/classify/clj-completed", { headers: { origin, authorization: `Bearer ${job}` } });
    eq([ok.status, ok.headers.get("access-control-allow-origin")], [200, origin], "its job");
    eq((await call(worker, "/api/v2/classify/clj-failed", { headers: { origin, authorization: `Bearer ${job}` } })).status, 403, "another job");
  });

  // ---- rate limit (RATE_LIMITER Durable Object, 20 a minute) ---------------------------------
  await test("rate limit: 30 rapid requests of one subject: 20 served, 10 × 429 with Retry-After; another subject unaffected", async () => {
    must(limited, "no rate-limited worker given");
    const burst = await mint({ scope: "read", subject: `burst-${Date.now()}` });
    const other = await mint({ scope: "read", subject: `other-${Date.now()}` });
    tokens.push(burst, other);
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await call(limited, "/api/v2/classify/clj-completed", { headers: { authorization: `Bearer ${burst}` } }));
    eq(results.filter((r) => r.status === 200).length, 20, "served");
    const limitedAnswers = results.filter((r) => r.status === 429);
    eq(limitedAnswers.length, 10, "429s");
    for (const r of limitedAnswers) {
      const retry = Number(r.headers.get("retry-after"));
      must(Number.isInteger(retry) && retry >= 1 && retry <= 60, `retry-after ${r.headers.get("retry-after")}`);
      must(/Too many requests/.test(r.json.detail), `detail ${r.json.detail}`);
    }
    eq((await call(limited, "/api/v2/classify/clj-completed", { headers: { authorization: `Bearer ${other}` } })).status, 200, "another subject");
  });
  await test("rate limit: the workers without the RATE_LIMITER binding have no limit", async () => {
    const statuses = await Promise.all(Array.from({ length: 25 }, () => call(worker, "/api/v2/classify/clj-completed").then((r) => r.status)));
    must(statuses.every((s) => s === 200), `statuses ${statuses.join(",")}`);
  });

  // ---- cache (the rate-limited worker has a Cache API: tests/workerd/cache.mjs) ---------------
  await test("cache: a terminal job is a miss then a hit, per token subject; a running job is never stored", async () => {
    const a = await mint({ scope: "read", subject: `cache-a-${Date.now()}` });
    const b = await mint({ scope: "read", subject: `cache-b-${Date.now()}` });
    tokens.push(a, b);
    const path = "/api/v2/classify/clj-failed";
    const first = await call(limited, path, { headers: { authorization: `Bearer ${a}` } });
    eq([first.status, first.headers.get("x-proxy-cache")], [200, "miss"], "first");
    const before = (await recorded(path)).length;
    const second = await call(limited, path, { headers: { authorization: `Bearer ${a}` } });
    eq([second.status, second.headers.get("x-proxy-cache"), second.json], [200, "hit", first.json], "second");
    eq((await recorded(path)).length, before, "upstream requests for the hit");
    const other = await call(limited, path, { headers: { authorization: `Bearer ${b}` } });
    eq(other.headers.get("x-proxy-cache"), "miss", "another subject shares nothing");
    for (const running of ["/api/v2/classify/clj-running", "/classify/uns-processing"]) {
      const r1 = await call(limited, running, { headers: { authorization: `Bearer ${a}` } });
      const r2 = await call(limited, running, { headers: { authorization: `Bearer ${a}` } });
      eq([r1.status, r1.headers.get("x-proxy-cache"), r2.headers.get("x-proxy-cache")], [200, "bypass", "bypass"], running);
    }
    const u1 = await call(limited, "/classify/uns-completed", { headers: { authorization: `Bearer ${a}` } });
    const u2 = await call(limited, "/classify/uns-completed", { headers: { authorization: `Bearer ${a}` } });
    eq([u1.headers.get("x-proxy-cache"), u2.headers.get("x-proxy-cache")], ["miss", "hit"], "Unsiloed completed");
    const p1 = await call(limited, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=4`, { headers: { authorization: `Bearer ${a}` } });
    const p2 = await call(limited, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=5`, { headers: { authorization: `Bearer ${a}` } });
    const p3 = await call(limited, `/api/v1/classifier/jobs/${RESULTS_2500}/results?page_size=4`, { headers: { authorization: `Bearer ${a}` } });
    eq([p1.headers.get("x-proxy-cache"), p2.headers.get("x-proxy-cache"), p3.headers.get("x-proxy-cache"), p3.json.items.length], ["miss", "miss", "hit", 4], "results pages keyed by paging");
  });
  await test("cache: a worker without a Cache API service answers without x-proxy-cache hits", async () => {
    const r1 = await call(worker, "/api/v2/classify/clj-completed");
    const r2 = await call(worker, "/api/v2/classify/clj-completed");
    must(r2.headers.get("x-proxy-cache") !== "hit" && r1.status === 200, `x-proxy-cache ${r2.headers.get("x-proxy-cache")}`);
  });

  // ---- 404 / 405 / guarded writes --------------------------------------------------------------
  await test("unknown paths are 404, other methods 405 with Allow", async () => {
    for (const path of ["/", "/jobs/clj-completed", "/api/v2/classify/a/b", "/api/v1/classifier/jobs/x", "/classify/a/b"]) {
      const r = await call(worker, path);
      eq([path, r.status, r.json], [path, 404, { detail: "Not Found" }], "answer");
    }
    const put = await call(worker, "/api/v2/classify/clj-completed", { method: "PUT", body: "{}" });
    eq([put.status, put.headers.get("allow")], [405, "GET"], "PUT job");
    const del = await call(worker, "/classify/uns-completed", { method: "DELETE" });
    eq([del.status, del.headers.get("allow")], [405, "GET"], "DELETE Unsiloed job");
    const post = await call(worker, `/api/v1/classifier/jobs/${RESULTS_2500}/results`, { method: "POST" });
    eq(post.status, 405, "POST results");
  });
  await test("writes and the job list are 403 unless ALLOWED_ACTIONS names them", async () => {
    const json = { "content-type": "application/json" };
    const cases = [
      ["GET", "/api/v2/classify", undefined, "list"],
      ["POST", "/api/v2/classify", { headers: json, body: "{}" }, "create"],
      ["POST", "/api/v2/classify/clj-running/cancel", {}, "cancel"],
      ["POST", "/api/v1/beta/files", { body: new FormData() }, "upload"],
      ["POST", "/classify", { body: new FormData() }, "submit"],
    ];
    for (const [method, path, init, action] of cases) {
      const r = await call(worker, path, { method, ...init });
      eq([path, r.status], [path, 403], "status");
      must(r.json.detail.includes(`"${action}"`), `detail ${r.json.detail}`);
    }
    eq((await recorded("/api/v2/classify/clj-running/cancel")).length, 0, "upstream cancels");
  });

  // ---- writes (ALLOWED_ACTIONS = every action) -------------------------------------------------
  await test("list: filters and paging pass through", async () => {
    const r = await call(writes, "/api/v2/classify?status=FAILED&page_size=5");
    eq(r.status, 200, "status");
    eq(r.json.items.length, 5, "items");
    must(r.json.items.every((j) => j.status === "FAILED"), "statuses");
    must(r.json.next_page_token, "next_page_token");
    const next = await call(writes, `/api/v2/classify?status=FAILED&page_size=5&page_token=${r.json.next_page_token}`);
    must(next.json.items[0].id !== r.json.items[0].id, "second page");
    const bad = await call(writes, "/api/v2/classify?status=DONE");
    eq(bad.status, 422, "bad status");
  });
  await test("create and cancel: the job, its transaction_id kept", async () => {
    const body = {
      file_input: "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      configuration: { rules: [{ type: "invoice", description: "contains an invoice number and a total" }] },
      transaction_id: "tx-proxy-1",
    };
    const r = await call(writes, "/api/v2/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    eq([r.status, r.json.status, r.json.transaction_id], [200, "PENDING", "tx-proxy-1"], "create");
    const again = await call(writes, "/api/v2/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    eq(again.json.id, r.json.id, "a repeated transaction_id answers the same job");
    const c = await call(writes, `/api/v2/classify/${r.json.id}/cancel`, { method: "POST" });
    eq([c.status, c.json.status], [200, "CANCELLED"], "cancel");
    // A body sent without Content-Length (chunked) is cut off at the limit, not buffered whole.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent >= 256) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    // The worker answers 413 and stops reading; the client may see that answer, or (still
    // sending) a reset connection: either way it must not have sent the whole body.
    const chunked = await call(writes, "/api/v2/classify", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" })
      .catch((error) => ({ status: 0, error }));
    must(chunked.status === 413 || (chunked.status === 0 && /fetch failed|other side closed|socket/i.test(String(chunked.error?.message))), `a 16 MiB chunked body: ${chunked.status} ${chunked.error}`);
    must(sent < 256, `the worker read all ${sent} chunks (16 MiB) before refusing`);
    const invalid = await call(writes, "/api/v2/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, colour: "red" }) });
    eq(invalid.status, 422, "unknown field");
    const notJson = await call(writes, "/api/v2/classify", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    eq(notJson.status, 422, "malformed JSON");
  });
  await test("upload: multipart file to a dfl- id", async () => {
    const form = new FormData();
    form.append("file", new Blob(["%PDF-1.4 proxy upload"], { type: "application/pdf" }), "proxy.pdf");
    form.append("purpose", "classify");
    const r = await call(writes, "/api/v1/beta/files", { method: "POST", body: form });
    eq(r.status, 200, "status");
    must(/^dfl-/.test(r.json.id) && r.json.name === "proxy.pdf", `file ${r.text.slice(0, 200)}`);
    const files = (await (await fetch(`${emulator}/__emulator/files`)).json()).files;
    must(files.some((f) => f.id === r.json.id && f.size === 21), "the emulator received the file");
  });
  await test("submit (Unsiloed): 202, the caller's Idempotency-Key forwarded", async () => {
    const form = () => {
      const f = new FormData();
      f.append("categories", JSON.stringify([{ name: "invoice", description: "bills" }]));
      f.append("file_url", "https://example.com/proxy.pdf");
      return f;
    };
    const r = await call(writes, "/classify", { method: "POST", body: form(), headers: { "idempotency-key": "idem-proxy-1" } });
    eq(r.status, 202, "status");
    must(r.json.job_id, "job_id");
    const again = await call(writes, "/classify", { method: "POST", body: form(), headers: { "idempotency-key": "idem-proxy-1" } });
    eq(again.json.job_id, r.json.job_id, "the same key answers the same job");
    const seen = (await recorded("/classify")).filter((q) => q.method === "POST").at(-1);
    eq(seen.headers["idempotency-key"], "idem-proxy-1", "upstream Idempotency-Key");
    const job = await call(writes, `/classify/${r.json.job_id}`);
    eq(job.status, 200, "the job reads back");
  });
  await test("submit: a used-up quota is 402 with Unsiloed's detail", async () => {
    const f = new FormData();
    f.append("categories", JSON.stringify([{ name: "invoice" }]));
    f.append("file_url", "https://example.com/quota.pdf");
    const r = await call(writes, "/classify", { method: "POST", body: f });
    eq(r.status, 402, "status");
    eq(r.json.detail.quota_data, { current: 1000, limit: 1000, remaining: 0 }, "quota");
  });

  // ---- last: no key anywhere ------------------------------------------------------------------
  await test("no key in any answer above, nor in the worker's log", async () => {
    must(answers.length > 30, `only ${answers.length} answers`);
    for (const a of answers) {
      for (const key of [...KEYS, TOKEN_SECRET, OLD_TOKEN_SECRET]) must(!a.headers.includes(key) && !a.text.includes(key), `a key in the answer to ${a.path}`);
    }
    if (log) {
      const text = readFileSync(log, "utf8");
      must(/proxy GET \/api\/v2\/classify\/:id 200/.test(text), "the worker logs one line per request");
      for (const key of [...KEYS, CALLER_SECRET, TOKEN_SECRET, OLD_TOKEN_SECRET, ...tokens]) must(!text.includes(key), "a key or a token in the worker's log");
    }
  });
}
