// Webhooks: verifying deliveries (verifyWebhook / signWebhook), jobs created with
// webhook_configurations (the emulator delivers each state change, signed, to a sink on itself,
// and the runtime under test verifies what arrived), saved configurations (webhookConfigs), and
// deleteClassifyJob. Proxy tokens (mintProxyToken / verifyProxyToken) too. Part of the shared
// suite (tests/cases.mjs).
import { API_KEY } from "../emulator/fixtures.mjs";
import { ok, eq, rejects, uid, emulator, attempts } from "../harness.mjs";

/** Builds the webhook cases for `sdk` against the emulator at `env.baseUrl`. */
export function buildWebhookCases(sdk, env) {
  const { ClassifyClient, verifyWebhook, signWebhook, mintProxyToken, verifyProxyToken } = sdk;
  const base = { apiKey: API_KEY, baseUrl: env.baseUrl };
  const client = new ClassifyClient({ ...base, timeoutMs: 5000 });
  const cases = [];
  const test = (name, run) => cases.push({ group: "webhooks", name, run });
  const rules = [{ type: "invoice", description: "contains an invoice number, line items and a total" }];
  const fast = { intervalMs: 50, maxIntervalMs: 100, maxWaitMs: 10000 };
  const secret = "whsec_test_0123456789abcdef";
  const body = JSON.stringify({ event_type: "classify.success", job_id: "clj-123", data: { status: "COMPLETED" } });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** A sink on the emulator that records deliveries: its URL and a reader. */
  const sink = (query = "") => {
    const name = `sink-${uid()}`;
    return {
      url: `${env.baseUrl}/__emulator/webhooks/sink/${name}${query}`,
      read: async () => (await emulator(env, `webhooks/sink/${name}`)).deliveries,
    };
  };
  /** Waits (bounded) until `read()` holds at least `count` deliveries. */
  const deliveries = async (read, count, ms = 5000) => {
    const until = Date.now() + ms;
    for (;;) {
      const got = await read();
      if (got.length >= count || Date.now() > until) return got;
      await sleep(50);
    }
  };
  /** The refusal must name the field and never hold the value. */
  const refusedAt = async (promise, argument, value) => {
    const error = await rejects(promise, "InvalidArgumentError", argument);
    eq(error.argument, argument, "the field is named");
    if (value) ok(!error.message.includes(value), "the value is not echoed");
    return error;
  };

  // ---- verifying deliveries --------------------------------------------------------------------

  test("signWebhook + verifyWebhook: a signed delivery verifies, with its event, job id and status", async () => {
    const signature = await signWebhook(body, secret);
    ok(/^sha256=[0-9a-f]{64}$/.test(signature), "sha256=<hex>");
    const event = await verifyWebhook(body, { "LC-Signature": signature }, secret);
    eq(event.event, "classify.success");
    eq(event.jobId, "clj-123");
    eq(event.status, "COMPLETED");
    eq(event.payload.data.status, "COMPLETED");
    const viaHeaders = await verifyWebhook(new TextEncoder().encode(body), new Headers({ "lc-signature": signature }), secret);
    eq(viaHeaders.jobId, "clj-123", "bytes and a Headers object work too");
  });
  test("verifyWebhook: a body changed by one byte, a wrong secret, a re-serialized body are a mismatch", async () => {
    const signature = await signWebhook(body, secret);
    const tampered = body.replace("clj-123", "clj-124");
    for (const [raw, key, what] of [[tampered, secret, "one byte"], [body, `${secret}x`, "wrong secret"], [JSON.stringify(JSON.parse(body), null, 2), secret, "re-serialized"]]) {
      const error = await rejects(verifyWebhook(raw, { "lc-signature": signature }, key), "WebhookSignatureError", what);
      eq(error.reason, "mismatch", what);
      ok(!error.message.includes(signature.slice(7, 20)) && !error.message.includes(secret), "neither signature nor secret in the message");
      ok(error instanceof sdk.ClassifyError, "a ClassifyError");
    }
  });
  test("verifyWebhook: missing, duplicated, sha1= and malformed headers each have their reason", async () => {
    const signature = await signWebhook(body, secret);
    const duplicated = new Headers();
    duplicated.append("lc-signature", signature);
    duplicated.append("lc-signature", signature);
    const cases = [
      [{}, "missing"],
      [{ "content-type": "application/json" }, "missing"],
      [duplicated, "duplicated"],
      [[["LC-Signature", signature], ["lc-signature", signature]], "duplicated"],
      [{ "lc-signature": `sha1=${"0".repeat(40)}` }, "scheme"],
      [{ "lc-signature": signature.slice(7) }, "scheme"],
      [{ "lc-signature": `${signature}00` }, "malformed"],
      [{ "lc-signature": "sha256=zz" }, "malformed"],
    ];
    for (const [headers, reason] of cases) {
      const error = await rejects(verifyWebhook(body, headers, secret), "WebhookSignatureError", reason);
      eq(error.reason, reason);
    }
  });
  test("verifyWebhook: secrets in rotation are accepted; a parsed body and bad secrets are refused", async () => {
    const signature = await signWebhook(body, "old-secret");
    const event = await verifyWebhook(body, { "lc-signature": signature }, "new-secret", { tolerateSecrets: ["other", "old-secret"] });
    eq(event.jobId, "clj-123");
    await rejects(verifyWebhook(body, { "lc-signature": signature }, "new-secret"), "WebhookSignatureError");
    const parsed = await rejects(verifyWebhook(JSON.parse(body), { "lc-signature": signature }, secret), "InvalidArgumentError");
    eq(parsed.argument, "rawBody");
    await rejects(verifyWebhook(body, { "lc-signature": signature }, ""), "InvalidArgumentError");
    await rejects(verifyWebhook(body, { "lc-signature": signature }, secret, { tolerate: [] }), "InvalidArgumentError", "unknown option");
  });
  test("verifyWebhook: a signed body that is not a classify event is a DecodeError naming the field", async () => {
    for (const [raw, field] of [["[1,2]", ""], ['{"event_type":"classify.success"}', "job_id"], ['{"job_id":"clj-1"}', "event_type"],
      ['{"event_type":"classify.success","job_id":".."}', "job_id"], ["not json", ""]]) {
      const error = await rejects(verifyWebhook(raw, { "lc-signature": await signWebhook(raw, secret) }, secret), "DecodeError", raw);
      eq(error.field, field, raw);
    }
    const later = '{"event_type":"classify.archived","data":{"id":"clj-9"}}';
    const event = await verifyWebhook(later, { "lc-signature": await signWebhook(later, secret) }, secret);
    eq(event.event, "classify.archived", "an event added later passes through");
    eq(event.status, undefined);
    eq(event.jobId, "clj-9", "the job id is found under data too");
  });
  test("verifyWebhook: 500 forged deliveries are all refused, and a valid one still verifies", async () => {
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const forged = `sha256=${(i.toString(16).padStart(4, "0")).repeat(16)}`;
      await verifyWebhook(body, { "lc-signature": forged }, secret).catch((error) => error.reason === "mismatch" && refused++);
    }
    eq(refused, 500);
    eq((await verifyWebhook(body, { "lc-signature": await signWebhook(body, secret) }, secret)).jobId, "clj-123");
  });

  // ---- deliveries of a created job -------------------------------------------------------------

  test("a job created with webhook_configurations gets a signed delivery per state; each verifies here", async () => {
    const target = sink();
    const job = await client.createClassifyJob({
      file_input: `dfl-webhook-${uid()}`,
      configuration: { rules },
      webhook_configurations: [{ webhook_url: target.url, webhook_signing_secret: secret, webhook_headers: { "x-team": "blue" } }],
    });
    await client.waitForClassifyJob(job.id, fast);
    const got = await deliveries(target.read, 3);
    const events = [];
    for (const delivery of got) {
      eq(delivery.headers["x-team"], "blue", "the configured header is sent");
      const event = await verifyWebhook(delivery.body, delivery.headers, secret);
      eq(event.jobId, job.id);
      events.push(event.event);
    }
    eq(events.join(), "classify.pending,classify.running,classify.success");
  });
  test("webhook_events limits deliveries; a failed delivery is retried; a duplicate is the same bytes", async () => {
    const only = sink("?fail=2&emulator_duplicate=1");
    const job = await client.createClassifyJob({
      file_input: `dfl-webhook-${uid()}`,
      configuration: { rules },
      webhook_configurations: [{ webhook_url: only.url, webhook_events: ["classify.success"], webhook_signing_secret: secret, webhook_output_format: "json" }],
    });
    await client.waitForClassifyJob(job.id, fast);
    const got = await deliveries(only.read, 2);
    eq(got.length, 2, "two copies of the one event arrived (the sink refused the first two attempts)");
    eq(got[0].body, got[1].body, "a duplicate delivery is byte-identical: deduplicate on job id + event");
    const event = await verifyWebhook(got[0].body, got[0].headers, secret);
    eq(event.event, "classify.success");
    eq(event.payload.data.id, job.id, "output format json: data is the job object");
    const sent = (await emulator(env, "webhooks/deliveries")).deliveries.filter((d) => d.job_id === job.id);
    ok(sent.some((d) => d.attempt >= 2), "a refused delivery was attempted again");
  });
  test("a delivery signed with another secret is refused; a cancel is delivered as classify.cancelled", async () => {
    const target = sink("?emulator_bad_signature=1");
    const job = await client.createClassifyJob({
      file_input: `dfl-webhook-${uid()}`,
      configuration: { rules },
      webhook_configurations: [{ webhook_url: target.url, webhook_signing_secret: secret }],
    });
    await client.cancelClassifyJob(job.id);
    const got = await deliveries(target.read, 2);
    const last = got[got.length - 1];
    const error = await rejects(verifyWebhook(last.body, last.headers, secret), "WebhookSignatureError");
    eq(error.reason, "mismatch");
    eq(JSON.parse(last.body).event_type, "classify.cancelled");
  });
  test("classify() passes webhook_configurations and webhook_configuration_ids on", async () => {
    const target = sink();
    const saved = sink();
    const config = await client.webhookConfigs.create({ webhook_url: saved.url, webhook_events: ["classify.success"], webhook_signing_secret: secret });
    const job = await client.classify(
      { file_input: `dfl-webhook-${uid()}`, rules, webhook_configurations: [{ webhook_url: target.url, webhook_signing_secret: secret }], webhook_configuration_ids: [config.id] },
      fast,
    );
    eq(job.status, "COMPLETED");
    const inline = await deliveries(target.read, 3);
    eq((await verifyWebhook(inline[inline.length - 1].body, inline[inline.length - 1].headers, secret)).event, "classify.success");
    const fromSaved = await deliveries(saved.read, 1);
    eq(fromSaved.length, 1, "the saved configuration got only classify.success");
    await client.webhookConfigs.delete(config.id);
  });
  test("webhook_configurations are checked before sending: the field named, the value never echoed", async () => {
    const create = (webhook) => client.createClassifyJob({ file_input: "dfl-x", configuration: { rules }, webhook_configurations: [webhook] });
    const at = "webhook_configurations[0].";
    await refusedAt(create({ webhook_url: "ftp://example.com/hook" }), `${at}webhook_url`, "ftp://example.com");
    await refusedAt(create({ webhook_url: "https://user:hunter2@example.com/" }), `${at}webhook_url`, "hunter2");
    await refusedAt(create({ webhook_url: "https://example.com/\r\nX: y" }), `${at}webhook_url`);
    await refusedAt(create({ webhook_url: "https://" }), `${at}webhook_url`);
    await refusedAt(create({ webhook_url: `https://example.com/${"a".repeat(3000)}` }), `${at}webhook_url`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_events: [] }), `${at}webhook_events`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_events: ["parse.success"] }), `${at}webhook_events[0]`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_events: ["classify.success", "classify.success"] }), `${at}webhook_events[1]`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_headers: { authorization: 42 } }), `${at}webhook_headers`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_headers: { "bad name": "v" } }), `${at}webhook_headers`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_headers: { "x-token": "Bearer s3cr3t\r\nX: y" } }), `${at}webhook_headers`, "s3cr3t");
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_output_format: "xml" }), `${at}webhook_output_format`);
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_signing_secret: "" }), `${at}webhook_signing_secret`);
    const long = `topsecret${"s".repeat(2000)}`;
    await refusedAt(create({ webhook_url: "https://example.com/", webhook_signing_secret: long }), `${at}webhook_signing_secret`, "topsecret");
    const unknown = await refusedAt(create({ webhook_url: "https://example.com/", webhook_secret: "x" }), "webhook_configurations[0]");
    ok(unknown.message.includes('"webhook_secret"'), "the unknown key is named");
    const many = Array.from({ length: 11 }, () => ({ webhook_url: "https://example.com/" }));
    await refusedAt(client.createClassifyJob({ file_input: "dfl-x", configuration: { rules }, webhook_configurations: many }), "webhook_configurations");
    await refusedAt(client.classify({ file_input: "dfl-x", rules, webhook_configurations: [{ webhook_url: "mailto:a@b" }] }), `${at}webhook_url`);
  });

  // ---- saved configurations ------------------------------------------------------------------------

  test("webhookConfigs: create, list, get, update, delete; the secret is write-only", async () => {
    const configs = client.webhookConfigs;
    const created = await configs.create({ name: "ops", webhook_url: "https://hooks.example.com/a", webhook_events: ["classify.success", "parse.error"], webhook_signing_secret: secret });
    ok(typeof created.id === "string" && created.id.length > 0, "an id");
    eq(created.has_secret, true);
    ok(!JSON.stringify(created).includes(secret), "the secret is never sent back");
    ok((await configs.list()).some((c) => c.id === created.id), "listed");
    eq((await configs.get(created.id)).webhook_url, "https://hooks.example.com/a");
    const updated = await configs.update(created.id, { webhook_url: "https://hooks.example.com/b" });
    eq(updated.webhook_url, "https://hooks.example.com/b");
    eq(updated.has_secret, false, "a replacement without a secret has none");
    eq(await configs.delete(created.id), undefined);
    await rejects(configs.get(created.id), "NotFoundError");
    await rejects(configs.delete(created.id), "NotFoundError");
  });
  test("webhookConfigs: parameters are checked before sending; ids are checked; both list forms are read", async () => {
    const configs = client.webhookConfigs;
    await refusedAt(configs.create({ webhook_url: "https://example.com/", webhook_events: [] }), "webhook_events");
    await refusedAt(configs.create({ webhook_url: "https://example.com/", webhook_events: ["nope.event"] }), "webhook_events[0]");
    await refusedAt(configs.create({ webhook_events: ["classify.success"] }), "webhook_url");
    await refusedAt(configs.create(undefined), "params");
    await refusedAt(configs.update("..", { webhook_url: "https://example.com/" }), "id");
    await refusedAt(configs.get(""), "id");
    const items = new ClassifyClient({ ...base, fetch: async () => Response.json({ items: [{ id: "whc-1", has_secret: true }] }) });
    eq((await items.webhookConfigs.list())[0].id, "whc-1", "{ items: [...] } is read as the list");
    const broken = new ClassifyClient({ ...base, maxRetries: 0, fetch: async () => Response.json([{ id: 7 }]) });
    eq((await rejects(broken.webhookConfigs.list(), "DecodeError")).field, "[0].id");
  });

  // ---- delete ------------------------------------------------------------------------------------

  test("deleteClassifyJob: a finished job is deleted (then 404); a running one is refused; another id is a DecodeError", async () => {
    const job = await client.createClassifyJob({ file_input: `dfl-delete-${uid()}`, configuration: { rules } });
    await rejects(client.deleteClassifyJob(job.id), "BadRequestError", "a job still in progress");
    await client.waitForClassifyJob(job.id, fast);
    const deleted = await client.deleteClassifyJob(job.id);
    eq(deleted.id, job.id);
    await rejects(client.getClassifyJob(job.id), "NotFoundError");
    await rejects(client.deleteClassifyJob(job.id), "NotFoundError");
    await refusedAt(client.deleteClassifyJob("."), "jobId");
    const other = new ClassifyClient({ ...base, fetch: async () => Response.json({ id: "clj-other" }) });
    eq((await rejects(other.deleteClassifyJob("clj-mine"), "DecodeError")).field, "id");
    const cancelOther = new ClassifyClient({ ...base, fetch: async () => Response.json({ ...job, id: "clj-other", status: "CANCELLED" }) });
    eq((await rejects(cancelOther.cancelClassifyJob("clj-mine"), "DecodeError")).field, "id", "a cancel answered for another job");
  });

  // ---- proxy tokens ------------------------------------------------------------------------------

  test("mintProxyToken / verifyProxyToken: claims round-trip; forged, expired and other-secret tokens are refused", async () => {
    const token = await mintProxyToken({ secret, scope: "write", jobId: "clj-1", subject: "user-7", ttlSeconds: 120 });
    const claims = await verifyProxyToken(token, secret);
    eq(claims.scope, "write");
    eq(claims.jobId, "clj-1");
    eq(claims.subject, "user-7");
    ok(Math.abs(claims.expiresAt - (Date.now() + 120000)) < 5000, "expires in two minutes");
    eq((await verifyProxyToken(token, "new", { tolerateSecrets: [secret] })).subject, "user-7", "rotation");
    const [prefix, payload, signature] = token.split(".");
    const forgedClaims = btoa(JSON.stringify({ scope: "write", exp: 9999999999 })).replace(/=+$/, "");
    for (const [bad, reason] of [[`${prefix}.${forgedClaims}.${signature}`, "mismatch"], [`${prefix}.${payload}.${signature.slice(0, -2)}AA`, "mismatch"],
      [token.slice(0, 20), "malformed"], ["", "malformed"], [`cst9.${payload}.${signature}`, "malformed"]]) {
      eq((await rejects(verifyProxyToken(bad, secret), "ProxyTokenError", reason)).reason, reason);
    }
    eq((await rejects(verifyProxyToken(token, "another-secret"), "ProxyTokenError")).reason, "mismatch");
    const old = await mintProxyToken({ secret, ttlSeconds: 60, now: Date.now() - 120000 });
    eq((await rejects(verifyProxyToken(old, secret), "ProxyTokenError")).reason, "expired");
    await refusedAt(mintProxyToken({ secret, scope: "admin" }), "scope");
    await refusedAt(mintProxyToken({ secret, ttlSeconds: 86400 }), "ttlSeconds");
    await refusedAt(mintProxyToken({ secret, jobId: "a\nb" }), "jobId");
    await refusedAt(mintProxyToken({ secret: "" }), "secret");
    await refusedAt(mintProxyToken({ secret, expires: 1 }), "expires");
  });

  // ---- live status ---------------------------------------------------------------------------------

  /** A job created now (it runs PENDING → RUNNING → an end, one emulator phase each). */
  const newJob = (input = `dfl-watch-${uid()}`) => client.createClassifyJob({ file_input: input, configuration: { rules } });

  test("watchClassifyJob: the stream reports each change; the final job is fetched once through the client", async () => {
    const job = await newJob();
    const statuses = [];
    const paths = [];
    const done = await client.watchClassifyJob(job.id, { events: env.baseUrl, onProgress: (j) => statuses.push(j.status), onPath: (p) => paths.push(p), maxWaitMs: 10000 });
    eq(done.status, "COMPLETED");
    eq(done.id, job.id);
    eq(paths.join(), "stream", "the stream stayed live");
    eq(statuses.join(), "PENDING,RUNNING,COMPLETED");
    eq(await attempts(env, `/api/v2/classify/${job.id}`), 1, "one fetch of the job, not a polling loop");
  });
  test("watchClassifyJob: a dropped stream reconnects; another job's event is ignored; a failed job is JobFailedError", async () => {
    const job = await newJob();
    const paths = [];
    const done = await client.watchClassifyJob(job.id, { events: `${env.baseUrl}/?drop=1&other=1`, onPath: (p) => paths.push(p), maxWaitMs: 10000 });
    eq(done.status, "COMPLETED");
    eq(paths.join(), "stream");
    const failing = await newJob(`dfl-fail-${uid()}`);
    const error = await rejects(client.watchClassifyJob(failing.id, { events: env.baseUrl, maxWaitMs: 10000 }), "JobFailedError");
    eq(error.job.status, "FAILED");
  });
  test("watchClassifyJob: no stream (a 404 or a 503) falls back to polling, which still completes", async () => {
    for (const events of [`${env.baseUrl}/no-worker-here`, `${env.baseUrl}/?fail=1`]) {
      const job = await newJob();
      const paths = [];
      const done = await client.watchClassifyJob(job.id, { events, onPath: (p) => paths.push(p), intervalMs: 50, maxIntervalMs: 100, maxWaitMs: 15000 });
      eq(done.status, "COMPLETED", events);
      eq(paths.join(), "stream,polling", events);
    }
  });
  test("watchClassifyJob: abort and deadline are typed and prompt; options are checked", async () => {
    const job = await newJob();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await rejects(client.watchClassifyJob(job.id, { events: env.baseUrl, signal: controller.signal }), "AbortError");
    ok(Date.now() - started < 2000, "the abort ended the watch");
    const slow = await newJob();
    await rejects(client.watchClassifyJob(slow.id, { events: env.baseUrl, maxWaitMs: 60 }), "TimeoutError");
    await rejects(client.watchClassifyJob(slow.id, { events: env.baseUrl, timeoutMs: 60 }), "TimeoutError");
    await refusedAt(client.watchClassifyJob(job.id, {}), "events");
    await refusedAt(client.watchClassifyJob(job.id, { events: "ftp://x" }), "events");
    await refusedAt(client.watchClassifyJob("..", { events: env.baseUrl }), "jobId");
    await refusedAt(client.watchClassifyJob(job.id, { events: env.baseUrl, pollMs: 1 }), "pollMs");
    await refusedAt(client.watchClassifyJob(job.id, { events: env.baseUrl, get maxWaitMs() { throw new Error("getter"); } }), "maxWaitMs");
    await refusedAt(client.watchClassifyJob(job.id, { events: env.baseUrl, maxWaitMs: 0 }), "maxWaitMs");
    // timeoutMs, the deprecated name, is still the whole deadline; giving both is refused.
    await refusedAt(client.watchClassifyJob(job.id, { events: env.baseUrl, timeoutMs: 0 }), "timeoutMs");
    await refusedAt(client.watchClassifyJob(job.id, { events: env.baseUrl, maxWaitMs: 1000, timeoutMs: 1000 }), "timeoutMs");
  });
  return cases;
}
