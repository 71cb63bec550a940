// Compiled with `tsc --strict --noEmit` (scripts/lint.sh): proves the package's types are
// precise. Lines marked @ts-expect-error must fail to type-check.
import {
  getClassifyJob, listResults, ClassifyClient, LlamaCloudClient, UnsiloedClient, toClassification, QuotaExceededError,
  type Classification, type ClassifyJobsPage, type LlamaCloudFile, type UnsiloedSubmitResponse,
  ApiError, NotFoundError, JobFailedError, DecodeError,
  type ClassifyJob, type UnsiloedClassifyJob, type ClassifyJobStatus, type ResultsPage, type ResultItem, type ClassifyErrorName,
  verifyWebhook, signWebhook, mintProxyToken, verifyProxyToken, WebhookSignatureError, ProxyTokenError,
  type ClassifyWebhookEvent, type ProxyTokenClaims, type WebhookConfig, type DeletedClassifyJob,
  type RequestHookInfo, type LogLevel, type Logger, type WithResponseResult,
} from "classify-sdk";

async function usage(): Promise<void> {
  const job: ClassifyJob = await getClassifyJob("clj-1", { apiKey: "k", baseUrl: "http://127.0.0.1:1" });

  // status narrows; unknown statuses still type-check as strings.
  if (job.status === "COMPLETED" && job.result) {
    const type: string | null = job.result.type; // may be null: no rule matched
    // @ts-expect-error result.type may be null
    const upper: string = job.result.type.toUpperCase();
    const confidence: number = job.result.confidence;
    void type; void upper; void confidence;
  }
  const status: ClassifyJobStatus = job.status;
  const future: ClassifyJobStatus = "SOME_NEW_STATUS";
  void status; void future;
  const input: string | undefined = job.file_input ?? job.document_input_value;
  void input;

  const page: ResultsPage = await listResults("id", { apiKey: "k", page_size: 100, page_token: "t" });
  const first: ResultItem | undefined = page.items[0];
  const token: string | null | undefined = page.next_page_token;
  void first; void token;
  // @ts-expect-error page_size is a number
  await listResults("id", { page_size: "100" });
  // @ts-expect-error unknown option
  await getClassifyJob("id", { apiKye: "typo" });

  const client = new ClassifyClient({ apiKey: "k", organizationId: "o", projectId: "p", maxRetries: 3, timeoutMs: 1000, headers: { "x-a": "1" }, credentials: "include" });
  const controller = new AbortController();
  const again: ClassifyJob = await client.getClassifyJob("id", { signal: controller.signal, timeoutMs: 10, project_id: "p2" });
  void again;
  for await (const item of client.iterResults("id", { page_size: 1000, maxPages: 3 })) {
    const classified: string | null | undefined = item.result?.type;
    void classified;
  }
  for await (const p of client.iterResultPages("id")) {
    const n: number = p.items.length;
    void n;
  }
  const done: ClassifyJob = await client.waitForClassifyJob("id", {
    intervalMs: 500, maxIntervalMs: 2000, timeoutMs: 60_000, signal: controller.signal,
    onProgress: (j) => { const s: ClassifyJobStatus = j.status; void s; },
  });
  void done;

  try {
    await client.getClassifyJob("id");
  } catch (err) {
    if (err instanceof NotFoundError) { const s: number = err.status; void s; }
    if (err instanceof ApiError) {
      const id: string | undefined = err.requestId;
      const headers: Record<string, string> = err.headers;
      void id; void headers;
    }
    if (err instanceof JobFailedError) { const failed: ClassifyJob | UnsiloedClassifyJob = err.job; void failed; }
    if (err instanceof DecodeError) { const field: string = err.field; void field; }
    if (err instanceof Error) {
      const name = err.name as ClassifyErrorName;
      switch (name) { case "RateLimitError": case "TimeoutError": break; default: break; }
    }
  }
}
void usage;

// The second provider, the writes and the common view.
async function providers(file: Blob): Promise<void> {
  // The one-off function's result type follows `provider`.
  const unsiloedJob: UnsiloedClassifyJob = await getClassifyJob("j", { provider: "unsiloed", apiKey: "k" });
  const llamaJob: ClassifyJob = await getClassifyJob("j", { provider: "llamacloud" });
  // @ts-expect-error an Unsiloed job is not a LlamaCloud job
  const wrong: ClassifyJob = await getClassifyJob("j", { provider: "unsiloed" });
  // @ts-expect-error organizationId is a LlamaCloud option
  await getClassifyJob("j", { provider: "unsiloed", organizationId: "o" });
  void unsiloedJob; void llamaJob; void wrong;

  const unsiloed = new UnsiloedClient({ apiKey: "k" });
  const submitted: UnsiloedSubmitResponse = await unsiloed.submitClassification({ categories: [{ name: "invoice" }], file });
  const done: UnsiloedClassifyJob = await unsiloed.waitForClassifyJob(submitted.job_id, { intervalMs: 500 });
  const pages: number | undefined = done.result?.page_results?.length;
  await unsiloed.classify({ categories: [{ name: "a", description: "b" }], fileUrl: "https://example.com/a.pdf" });
  // @ts-expect-error categories hold objects with a name
  await unsiloed.submitClassification({ categories: ["invoice"], file });
  void pages;

  const client = new ClassifyClient({ apiKey: "k" });
  const uploaded: LlamaCloudFile = await client.uploadFile(file, { external_file_id: "x" });
  const created: ClassifyJob = await client.createClassifyJob({ file_input: uploaded.id, configuration: { rules: [{ type: "invoice", description: "an invoice with a total" }] } });
  const cancelled: ClassifyJob = await client.cancelClassifyJob(created.id);
  const list: ClassifyJobsPage = await client.listClassifyJobs({ status: "RUNNING", page_size: 10, signal: new AbortController().signal });
  for await (const job of client.iterClassifyJobs({ maxPages: 2 })) { const s: ClassifyJobStatus = job.status; void s; }
  const classified: ClassifyJob = await client.classify({ file, rules: [{ type: "a", description: "0123456789" }] }, { timeoutMs: 1000 });
  // @ts-expect-error rules need a description
  await client.createClassifyJob({ file_input: "f", configuration: { rules: [{ type: "a" }] } });
  void cancelled; void list; void classified;

  const hooked: ClassifyJob = await client.createClassifyJob({
    file_input: "f", configuration_id: "cfg",
    webhook_configurations: [{ webhook_url: "https://h.example.com/", webhook_events: ["classify.success"], webhook_headers: { "x-a": "b" }, webhook_output_format: "json", webhook_signing_secret: "s" }],
  });
  // @ts-expect-error a job's webhook takes classify events only
  await client.createClassifyJob({ file_input: "f", configuration_id: "c", webhook_configurations: [{ webhook_url: "https://h/", webhook_events: ["parse.success"] }] });
  const deleted: DeletedClassifyJob = await client.deleteClassifyJob(hooked.id);
  const configs: WebhookConfig[] = await client.webhookConfigs.list();
  const saved: WebhookConfig = await client.webhookConfigs.create({ webhook_url: "https://h.example.com/", webhook_events: ["parse.error", "classify.success"] });
  const hasSecret: boolean | null | undefined = saved.has_secret;
  await client.webhookConfigs.update(saved.id, { webhook_url: "https://h.example.com/2" });
  const gone: void = await client.webhookConfigs.delete(saved.id);
  void deleted; void configs; void hasSecret; void gone;
  const event: ClassifyWebhookEvent = await verifyWebhook("{}", new Headers(), "secret", { tolerateSecrets: ["old"] });
  const eventName: string = event.event;
  const eventStatus: ClassifyJobStatus | undefined = event.status;
  const signature: string = await signWebhook(new Uint8Array(2), "secret");
  const token: string = await mintProxyToken({ secret: "s", scope: "read", jobId: "clj-1", ttlSeconds: 60 });
  const claims: ProxyTokenClaims = await verifyProxyToken(token, "s");
  // @ts-expect-error scope is read or write
  await mintProxyToken({ secret: "s", scope: "admin" });
  void eventName; void eventStatus; void signature; void claims;
  const watched: ClassifyJob = await client.watchClassifyJob("clj-1", { events: "https://proxy.example.com", token, onPath: (path: "stream" | "polling") => void path, timeoutMs: 1000 });
  // @ts-expect-error events (the worker's URL) is required
  await client.watchClassifyJob("clj-1", {});
  void watched;
  try {
    await verifyWebhook("{}", {}, "s");
  } catch (err) {
    if (err instanceof WebhookSignatureError) { const reason: "missing" | "duplicated" | "scheme" | "malformed" | "mismatch" = err.reason; void reason; }
    if (err instanceof ProxyTokenError) { const reason: string = err.reason; void reason; }
  }

  const view: Classification = toClassification(created);
  const label: string | null = view.label;
  const provider: "llamacloud" | "unsiloed" = view.provider;
  const raw: ClassifyJob | UnsiloedClassifyJob = view.raw;
  const page: { page: number; label: string; confidence: number; success: boolean } | undefined = view.pages[0];
  void label; void provider; void raw; void page; void toClassification(done);

  try {
    await unsiloed.submitClassification({ categories: [{ name: "x" }], fileUrl: "https://e.com/a.pdf" });
  } catch (err) {
    if (err instanceof QuotaExceededError) { const status: number = err.status; void status; void err.quota; }
  }
}
void providers;

// Hooks, logging and withResponse().
async function observability(): Promise<void> {
  const seen: number[] = [];
  const client = new ClassifyClient({
    apiKey: "k",
    onRequest: (info: RequestHookInfo) => { const attempt: number = info.attempt; void attempt; },
    onResponse: (info) => { seen.push(info.status); const id: string | undefined = info.requestId; void id; },
    onRetry: async (info) => { const delay: number = info.delayMs; void delay; },
    logger: console,
    logLevel: "debug",
  });
  const level: LogLevel = "warn";
  const logger: Logger = { warn: (line: string) => void line };
  const unsiloed = new UnsiloedClient({ apiKey: "k", logger, logLevel: level });
  const { data, requestId, status, headers } = await client.withResponse().getClassifyJob("clj-1");
  const job: ClassifyJob = data;
  const id: string | undefined = requestId;
  const code: number = status;
  const type: string | undefined = headers["content-type"];
  void job; void id; void code; void type;
  const configs: WithResponseResult<WebhookConfig[]> = await client.withResponse().webhookConfigs.list();
  void configs;
  const submitted: WithResponseResult<UnsiloedSubmitResponse> = await unsiloed.withResponse().submitClassification({ categories: [{ name: "x" }], fileUrl: "https://e.com/a.pdf" });
  void submitted;
  // @ts-expect-error iterators have no withResponse() form
  void client.withResponse().iterResults;
  // @ts-expect-error a log level is one of five
  void new ClassifyClient({ logLevel: "loud" });
}
void observability;

// LlamaCloudClient is ClassifyClient's primary name (the same class and type); a wait's whole
// deadline is maxWaitMs (timeoutMs is its deprecated name).
{
  const primary: ClassifyClient = new LlamaCloudClient({ apiKey: "k" });
  const alias: LlamaCloudClient = new ClassifyClient({ apiKey: "k" });
  void primary.waitForClassifyJob("j", { maxWaitMs: 1000 });
  void alias.waitForClassifyJob("j", { timeoutMs: 1000 });
  // @ts-expect-error maxWaitMs is a number
  void alias.waitForClassifyJob("j", { maxWaitMs: "1000" });
}
