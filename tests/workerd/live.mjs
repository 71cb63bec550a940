// Tests of the proxy's live status (examples/worker/live.js) under workerd: the webhook receiver
// (signatures, rotation, bounds), the JobWatch Durable Object's fan-out to many watchers, its
// deduplication, its fallback polling, and aborts. Run from tests/workerd/run.sh after
// example.mjs; every line is `live › …`.
//
//   await runLiveTests({ worker, plain, emulator, origin, secret, oldSecret, report })
//     worker     URL of the example worker with JOB_WATCH, the webhook secrets, a 300 ms fallback poll
//     plain      URL of a worker without JOB_WATCH nor webhook secret (example-writes)
//     emulator   URL of its upstream (demo mode: every request is recorded)
//     origin     an origin in the worker's ALLOWED_ORIGINS (what a watching browser sends)
//     secret     LLAMA_CLOUD_WEBHOOK_SECRET; oldSecret: the one in LLAMA_CLOUD_WEBHOOK_SECRETS_OLD
//     tokenSecret PROXY_TOKEN_SECRET: watchers without an Origin present a proxy token minted under it
import { eq, must, tester } from "./checks.mjs";
import { createHmac } from "node:crypto";
import { API_KEY } from "../emulator/fixtures.mjs";

const sdk = await import(new URL("../../pkg/node.js", import.meta.url));
const { mintProxyToken } = await import(new URL("../../pkg/webhooks.js", import.meta.url));

/** Runs the live tests; `report(ok, label, detail)` per test. */
export async function runLiveTests({ worker, plain, emulator, origin, secret, oldSecret, tokenSecret, report }) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const test = tester("live", report);
  /** GETs of a job that reached the upstream. */
  const jobFetches = async (id) => {
    const res = await fetch(`${emulator}/__emulator/demo/requests?path=${encodeURIComponent(`/api/v2/classify/${id}`)}`);
    return (await res.json()).requests.filter((r) => r.method === "GET");
  };
  const sign = (body, key) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
  const deliver = (body, headers = {}) =>
    fetch(`${worker}/webhooks/llamacloud`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, signal: AbortSignal.timeout(10_000) });
  /** Creates a job directly on the upstream, with `webhooks` (may be empty). */
  const createJob = async (webhooks) => {
    const res = await fetch(`${emulator}/api/v2/classify`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        file_input: "dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        configuration: { rules: [{ type: "invoice", description: "contains an invoice number and a total" }] },
        ...(webhooks.length ? { webhook_configurations: webhooks } : {}),
      }),
    });
    if (!res.ok) throw new Error(`create: ${res.status} ${await res.text()}`);
    return res.json();
  };
  /**
   * A raw SSE reader of `/jobs/{id}/events`: resolves when the stream ends with
   * `{ status, headers, jobs: [{ job, at }] }`; `signal` aborts it. It sends the allowed Origin,
   * as a browser would, unless `headers` says otherwise (`origin: null`: none).
   */
  const readEvents = async (base, id, { signal, headers, query = "" } = {}) => {
    const sent = { accept: "text/event-stream", origin, ...headers };
    for (const [name, value] of Object.entries(sent)) if (value === null) delete sent[name];
    const res = await fetch(`${base}/jobs/${encodeURIComponent(id)}/events${query}`, { headers: sent, signal });
    const out = { status: res.status, headers: res.headers, jobs: [], comments: 0 };
    if (!res.ok) {
      out.body = await res.text();
      return out;
    }
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) out.comments++;
          const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
          if (/^event: job$/m.test(block)) out.jobs.push({ job: JSON.parse(data), at: Date.now() });
        }
      }
    } catch (error) {
      if (error?.name !== "AbortError") throw error;
      out.aborted = true;
    }
    return out;
  };
  const sinkName = `live-${Date.now().toString(36)}`;
  const sinkUrl = `${emulator}/__emulator/webhooks/sink/${sinkName}`;
  const measured = {};

  // ---- the receiver ------------------------------------------------------------------------
  await test("webhook signatures: valid, one byte tampered, wrong secret, missing, sha1=, old secret, re-serialized", async () => {
    const body = JSON.stringify({ event_id: `evt-sig-${Date.now()}`, event_type: "classify.running", job_id: "clj-sig-only", status: "RUNNING", data: "{}" });
    const ok = await deliver(body, { "lc-signature": sign(body, secret) });
    eq(ok.status, 204, "valid");
    const tampered = body.replace("classify.running", "classify.runninh");
    const cases = [
      ["one byte tampered", tampered, { "lc-signature": sign(body, secret) }],
      ["wrong secret", body, { "lc-signature": sign(body, "not-the-secret") }],
      ["missing header", body, {}],
      ["sha1=", body, { "lc-signature": `sha1=${createHmac("sha1", secret).update(body).digest("hex")}` }],
      ["re-serialized JSON", JSON.stringify(JSON.parse(body), null, 1), { "lc-signature": sign(body, secret) }],
    ];
    for (const [what, b, h] of cases) {
      const r = await deliver(b, h);
      const text = await r.text();
      eq([what, r.status, JSON.parse(text)], [what, 401, { detail: "invalid signature" }], "answer");
      must(!text.includes(secret), `${what}: the secret in the answer`);
    }
    const rotated = JSON.stringify({ ...JSON.parse(body), event_id: `evt-old-${Date.now()}` });
    eq((await deliver(rotated, { "lc-signature": sign(rotated, oldSecret) })).status, 204, "old secret in rotation");
    // The SDK's own signWebhook makes the same header.
    eq((await deliver(body, { "lc-signature": await sdk.signWebhook(body, secret) })).status, 204, "signWebhook");
  });
  await test("webhook bounds: > 1 MiB is 413; a signed body that is not an event is 400; no secret is 404", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    eq((await deliver(big, { "lc-signature": sign(big, secret) })).status, 413, "too large");
    const notEvent = JSON.stringify({ hello: "world" });
    eq((await deliver(notEvent, { "lc-signature": sign(notEvent, secret) })).status, 400, "not an event");
    const r = await fetch(`${plain}/webhooks/llamacloud`, { method: "POST", body: "{}" });
    eq([r.status, await r.json()], [404, { detail: "webhooks are not configured" }], "no secret");
  });

  // ---- streams: refusals -------------------------------------------------------------------
  await test("events: unknown job 404 (no stream), other origin 403, no JOB_WATCH 404, GET only", async () => {
    const unknown = await readEvents(worker, "clj-nope");
    eq([unknown.status, unknown.headers.get("content-type")?.startsWith("application/json")], [404, true], "unknown job");
    const evil = await readEvents(worker, "clj-running", { headers: { origin: "https://evil.example" } });
    eq(evil.status, 403, "other origin");
    const none = await readEvents(plain, "clj-running");
    eq([none.status, JSON.parse(none.body)], [404, { detail: "live status is not configured on this proxy" }], "no JOB_WATCH");
    const post = await fetch(`${worker}/jobs/clj-running/events`, { method: "POST", headers: { origin } });
    eq(post.status, 405, "POST");
  });
  await test("events without an Origin: no token 401; a token for another job 403; this job's token (?token=) streams and is never echoed", async () => {
    const bare = await readEvents(worker, "clj-completed", { headers: { origin: null } });
    eq(bare.status, 401, "no Origin, no token");
    const other = await mintProxyToken({ secret: tokenSecret, scope: "read", jobId: "clj-other", ttlSeconds: 60 });
    const refused = await readEvents(worker, "clj-completed", { headers: { origin: null }, query: `?token=${encodeURIComponent(other)}` });
    eq(refused.status, 403, "another job's token");
    must(!refused.body.includes(other), "the refused token is echoed");
    const own = await mintProxyToken({ secret: tokenSecret, scope: "read", jobId: "clj-completed", ttlSeconds: 60 });
    const r = await readEvents(worker, "clj-completed", { headers: { origin: null }, query: `?token=${encodeURIComponent(own)}` });
    eq([r.status, r.jobs.map((j) => j.job.status)], [200, ["COMPLETED"]], "this job's token");
    must(![...r.headers.values()].some((v) => v.includes(own)), "the token is in the answer's headers");
    const tokenless = await fetch(`${worker}/webhooks/llamacloud`, { method: "POST", body: "{}" });
    eq(tokenless.status, 401, "a delivery needs no token, only a valid signature");
  });
  await test("events: a terminal job is sent once and the stream closes; CORS for the allowed origin", async () => {
    const r = await readEvents(worker, "clj-completed", { headers: { origin } });
    eq([r.status, r.headers.get("content-type"), r.headers.get("access-control-allow-origin")], [200, "text/event-stream", origin], "answer");
    eq(r.jobs.map((j) => [j.job.id, j.job.status]), [["clj-completed", "COMPLETED"]], "events");
  });

  await test("an upstream job echoing the worker's key reaches the stream with the key redacted", async () => {
    const r = await readEvents(worker, "fault-echojob-live");
    eq(r.status, 200, "status");
    must(r.jobs.length >= 1, "no job on the stream");
    const sent = JSON.stringify(r.jobs.map((j) => j.job));
    must(!sent.includes(API_KEY), "the key is on the stream");
    must(sent.includes("upstream note: [redacted]"), `not redacted: ${sent.slice(0, 200)}`);
  });

  // ---- fan-out with webhooks ---------------------------------------------------------------
  let replayable = [];
  await test("webhooks on: 50 watchers see the terminal job within 1 s of the last delivery, one upstream fetch per change", async () => {
    const job = await createJob([
      { webhook_url: `${worker}/webhooks/llamacloud`, webhook_signing_secret: secret },
      { webhook_url: sinkUrl, webhook_signing_secret: secret },
    ]);
    const readers = Array.from({ length: 50 }, () => readEvents(worker, job.id));
    const results = await Promise.all(readers);
    for (const r of results) {
      eq(r.status, 200, "status");
      eq(r.jobs.at(-1)?.job.status, "COMPLETED", "last event");
    }
    const lastSeen = Math.max(...results.map((r) => r.jobs.at(-1).at));
    await sleep(100);
    const sink = (await (await fetch(sinkUrl)).json()).deliveries.filter((d) => JSON.parse(d.body).job_id === job.id);
    replayable = sink;
    const states = sink.length;
    const fetches = await jobFetches(job.id);
    // The last delivery reached the worker at most when the object's last fetch began.
    const lastFetch = fetches.at(-1).at;
    measured.webhooks = { watchers: 50, deliveries: states, upstreamFetches: fetches.length, lastWatcherMsAfterLastFetch: lastSeen - lastFetch };
    must(states >= 2, `deliveries recorded: ${states}`);
    must(fetches.length <= states + 1, `upstream job fetches ${fetches.length} for ${states} deliveries`);
    must(lastSeen - lastFetch < 1000, `last watcher ${lastSeen - lastFetch} ms after the last upstream fetch`);
  });
  await test("a replayed delivery (same body, same signature) fetches and sends nothing", async () => {
    must(replayable.length > 0, "no recorded delivery");
    const id = JSON.parse(replayable[0].body).job_id;
    const before = (await jobFetches(id)).length;
    for (const d of replayable) {
      const r = await deliver(d.body, { "lc-signature": d.headers["lc-signature"] });
      eq(r.status, 204, "replay answer");
    }
    await sleep(200);
    eq((await jobFetches(id)).length, before, "upstream fetches after the replays");
    // An open stream on a job that stays RUNNING: a new event fetches once, its replays nothing.
    const controller = new AbortController();
    const reading = readEvents(worker, "clj-running", { signal: controller.signal });
    await sleep(100);
    const body = JSON.stringify({ event_id: `evt-replay-${Date.now()}`, event_type: "classify.running", job_id: "clj-running", status: "RUNNING", data: "{}" });
    const c0 = (await jobFetches("clj-running")).length;
    eq((await deliver(body, { "lc-signature": sign(body, secret) })).status, 204, "first delivery");
    await sleep(100);
    const c1 = (await jobFetches("clj-running")).length;
    for (let i = 0; i < 5; i++) eq((await deliver(body, { "lc-signature": sign(body, secret) })).status, 204, "replay");
    await sleep(100);
    const c2 = (await jobFetches("clj-running")).length;
    controller.abort();
    const r = await reading;
    eq([c1 - c0, c2 - c1], [1, 0], "upstream fetches for the event, then for its replays");
    eq(r.jobs.length, 1, "events on the stream (the job on connect only)");
  });
  await test("watchClassifyJob (Node, built pkg/): 10 clients resolve COMPLETED through the stream", async () => {
    const job = await createJob([{ webhook_url: `${worker}/webhooks/llamacloud`, webhook_signing_secret: secret }]);
    const client = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator });
    // A Node client sends no Origin: it presents a read token for the job.
    const token = await mintProxyToken({ secret: tokenSecret, scope: "read", jobId: job.id, ttlSeconds: 60 });
    const paths = [];
    const done = await Promise.all(Array.from({ length: 10 }, () =>
      client.watchClassifyJob(job.id, { events: worker, token, onPath: (p) => paths.push(p), maxWaitMs: 15_000 })));
    must(done.every((j) => j.status === "COMPLETED" && j.id === job.id), "jobs");
    eq([...new Set(paths)], ["stream"], "paths");
  });
  await test("watchClassifyJob against a worker without JOB_WATCH falls back to polling at once (404)", async () => {
    const job = await createJob([]);
    const client = new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl: emulator });
    const paths = [];
    const t0 = Date.now();
    const done = await client.watchClassifyJob(job.id, { events: plain, onPath: (p) => paths.push(p), intervalMs: 100, maxWaitMs: 15_000 });
    eq([done.status, paths], ["COMPLETED", ["stream", "polling"]], "job, paths");
    must(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  });

  // ---- fallback polling --------------------------------------------------------------------
  await test("webhooks off: the object's polling completes 50 watchers, one poll per interval", async () => {
    const job = await createJob([]);
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => readEvents(worker, job.id)));
    const ms = Date.now() - t0;
    for (const r of results) eq(r.jobs.at(-1)?.job.status, "COMPLETED", "last event");
    const fetches = await jobFetches(job.id);
    measured.polling = { watchers: 50, upstreamFetches: fetches.length, ms };
    // One initial fetch, then one per 300 ms interval until the job ended.
    must(fetches.length <= Math.ceil(ms / 300) + 2, `upstream fetches ${fetches.length} in ${ms} ms`);
    for (let i = 2; i < fetches.length; i++) must(fetches[i].at - fetches[i - 1].at >= 250, `polls ${fetches[i].at - fetches[i - 1].at} ms apart`);
  });

  // ---- aborts ------------------------------------------------------------------------------
  await test("a watcher's abort closes its stream: the object's subscriber count drops", async () => {
    const id = "clj-running";
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const counts = [];
    const readings = [];
    for (const c of controllers) {
      const res = await fetch(`${worker}/jobs/${id}/events`, { headers: { origin }, signal: c.signal });
      counts.push(Number(res.headers.get("x-live-subscribers")));
      readings.push(res.body.getReader().read().catch(() => {}));
    }
    const base = counts[0] - 1;
    eq(counts.map((c) => c - base), [1, 2, 3], "counts while connecting");
    controllers[0].abort();
    controllers[1].abort();
    await sleep(300);
    const again = new AbortController();
    const res = await fetch(`${worker}/jobs/${id}/events`, { headers: { origin }, signal: again.signal });
    eq(Number(res.headers.get("x-live-subscribers")) - base, 2, "count after two aborts and one connect");
    again.abort();
    controllers[2].abort();
  });

  console.log(`live: upstream job fetches for 50 watchers: with webhooks ${JSON.stringify(measured.webhooks)}; without ${JSON.stringify(measured.polling)}`);
}
