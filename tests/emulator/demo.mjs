// Demo mode of the emulator (`startEmulator(port, { demo: true })`, `server.mjs --demo`): the
// data `make demo` shows besides every fixture, which keeps working unchanged.
//
//   LlamaCloud  clj-demo-*   realistic jobs in every status (three rule sets, timestamps relative
//                            to the server's start), listed first by GET /api/v2/classify
//               clj-demo-ap-0001…0048
//                            a v2 batch: the jobs of one saved configuration (DEMO_CONFIGURATION_ID,
//                            filter with ?configuration_id=), a day old, completed or failed
//               clj-demo-live-<x>, clj-demo-live-fail-<x>
//                            a new job per id: PENDING → RUNNING → COMPLETED (or FAILED) over
//                            3 phases from its first read; the listed PENDING / RUNNING demo jobs
//                            move the same way once read (cancel stops them)
//   Unsiloed    uns-demo-*   completed multi-page jobs (a 6-page loan packet, a scanned contract
//                            with an unreadable page, …) and a failed one
//               uns-demo-live-<x>, uns-demo-live-fail-<x>
//                            queued → processing page 1…4 of 4 → completed (or failed), 3 phases
//               GET /jobs/clj-demo-*/events
//                            the live stream stand-in (events.mjs) for these jobs too
//
// A phase is `phaseMs` (option, else env DEMO_PHASE_MS, default 3300 ms: a live job takes ~10 s);
// tests pass a short one. Every request that reaches the emulator is also recorded (method, path,
// query, headers; the latest 2,000) for tests that check what a proxy forwarded:
//
//   GET /__emulator/demo/requests[?path=<path>][&clear=1]   {requests}, oldest first
//
// Everything else is left to the emulator's own routes (server.mjs), unchanged.
import { authorizeUnsiloed } from "./unsiloed.mjs";
import { API_KEY, DEFAULT_PROJECT_ID, DEFAULT_USER_ID, RESULTS_2500, RESULTS_100000 } from "./fixtures.mjs";
import { serveJobEvents } from "./events.mjs";
import { decodeSegment, send } from "./http.mjs";
import * as llamacloud from "./llamacloud.mjs";

/** How many phases a live job takes to end. */
export const LIVE_PHASES = 3;
/** Pages of a live Unsiloed job. */
export const LIVE_UNSILOED_PAGES = 4;
/** The saved configuration the demo's v2 batch shares: one intake run, one job per file. */
export const DEMO_CONFIGURATION_ID = "cfg-demo-ap-intake-2026-09";
/** How many jobs that configuration's batch has (clj-demo-ap-0001 …). */
export const DEMO_CONFIGURATION_JOBS = 48;
const MAX_RECORDED = 2000;
const MINUTE = 60_000;

const rule = (type, description) => ({ type, description });
const RULE_SETS = {
  finance: [
    rule("invoice", "Bills a customer: an invoice number, line items, tax and an amount due"),
    rule("receipt", "Proof of a completed payment: merchant, date, the items paid and a total"),
    rule("bank_statement", "An account statement: holder, period, opening and closing balances and transactions"),
  ],
  legal: [
    rule("contract", "An agreement between parties with terms, obligations and signature blocks"),
    rule("nda", "A non-disclosure agreement restricting the use of confidential information"),
    rule("amendment", "Changes an existing agreement and refers to it by its date or number"),
  ],
  hr: [
    rule("payslip", "A salary statement: employer, employee, pay period, gross pay, deductions and net pay"),
    rule("id_document", "A passport, national identity card or driving licence"),
    rule("resume", "A CV: work experience, education and skills of one person"),
  ],
};

RULE_SETS.backoffice = [...RULE_SETS.finance, RULE_SETS.legal[0], RULE_SETS.hr[0], RULE_SETS.hr[1],
  rule("tax_form", "A government tax form: a form number, a taxpayer identification number and a signature line"),
  rule("purchase_order", "A buyer's order: a PO number, requested items and quantities and a delivery address")];

const result = (type, confidence, reasoning) => ({ type, confidence, reasoning });

/**
 * The LlamaCloud demo jobs: [id, status, rule set, result (COMPLETED; for the live PENDING /
 * RUNNING ones, the result they end with), minutes before the server's start, error message].
 */
const LLAMACLOUD_DEMO = [
  ["clj-demo-invoice-2291", "COMPLETED", "finance", result("invoice", 0.97,
    "The header reads “INVOICE #2291”, with net-30 payment terms, 14 line items, VAT at 20 % and an amount due of €4,310.00."), 4],
  ["clj-demo-receipt-cafe", "COMPLETED", "finance", result("receipt", 0.88,
    "A till receipt from Café Lumière: date, six items paid by card and a total; no invoice number or amount due."), 19],
  ["clj-demo-bank-statement", "COMPLETED", "finance", result("bank_statement", 0.93,
    "Opening and closing balances for October, an account number and 41 dated transactions."), 47],
  ["clj-demo-contract-msa", "COMPLETED", "legal", result("contract", 0.95,
    "A master services agreement: two parties, 18 numbered clauses on terms and obligations, and signature blocks."), 95],
  ["clj-demo-nda-draft", "COMPLETED", "legal", result("nda", 0.71,
    "Mostly confidentiality obligations between two parties, but unsigned and marked DRAFT, so less certain."), 160],
  ["clj-demo-menu", "COMPLETED", "finance", result(null, 0.34,
    "A restaurant menu with dishes and prices: no rule describes it (no payment, account or amount due)."), 230],
  ["clj-demo-payslip-oct", "COMPLETED", "hr", result("payslip", 0.9,
    "Employer and employee names, the October pay period, gross pay, tax and pension deductions and net pay."), 380],
  ["clj-demo-passport-scan", "COMPLETED", "hr", result("id_document", 0.83,
    "A machine-readable zone and a photo page typical of a passport; the scan is slightly blurred."), 700],
  ["clj-demo-failed-encrypted", "FAILED", "finance", null, 36, "Parsing failed: the PDF is password-protected"],
  ["clj-demo-failed-blank", "FAILED", "hr", null, 520, "Parsing failed: the document has no readable text (a scan without OCR?)"],
  ["clj-demo-cancelled-duplicate", "CANCELLED", "finance", null, 63],
  ["clj-demo-cancelled-resubmitted", "CANCELLED", "legal", null, 1500],
  ["clj-demo-queued-w9", "PENDING", "finance", result("invoice", 0.86,
    "An invoice number, line items and an amount due on a vendor's letterhead."), 1],
  ["clj-demo-queued-lease", "PENDING", "legal", result("contract", 0.92,
    "A lease between a landlord and a tenant: rent, term, obligations and signatures."), 2],
  ["clj-demo-running-statement", "RUNNING", "finance", result("bank_statement", 0.9,
    "A monthly statement with balances and a list of card transactions."), 3],
  ["clj-demo-running-resume", "RUNNING", "hr", result("resume", 0.94,
    "Work experience, education and a skills section for one person."), 5],
];

/** Results a `clj-demo-live-*` job ends with, by a hash of its id. */
const LIVE_RESULTS = [
  ["finance", result("invoice", 0.96, "An invoice number, a billing address, 9 line items, VAT and an amount due.")],
  ["finance", result("receipt", 0.89, "A card payment receipt with a merchant, a date, the items bought and a total.")],
  ["legal", result("contract", 0.93, "Two parties, numbered clauses with obligations and a signature page.")],
];

const page = (n, classification, confidence, extra = {}) => ({
  page: n, success: true, classification, raw_result: classification, confidence, ...extra,
});

function unsiloedCompleted(jobId, pages, classification, confidence) {
  const byCategory = new Map();
  for (const p of pages) {
    if (!p.success) continue;
    const entry = byCategory.get(p.classification) || { category: p.classification, pages: [], confidence: 0 };
    entry.pages.push(p.page);
    entry.confidence = Math.max(entry.confidence, p.confidence);
    byCategory.set(p.classification, entry);
  }
  return {
    job_id: jobId,
    status: "completed",
    progress: "Classification completed",
    error: null,
    result: {
      success: true,
      classification,
      confidence,
      total_pages: pages.length,
      processed_pages: pages.filter((p) => p.success).length,
      page_results: pages,
      categories: [...byCategory.values()].map((c) => ({ ...c, page_count: c.pages.length })),
    },
  };
}

/** The Unsiloed demo jobs by id. */
const UNSILOED_DEMO = {
  "uns-demo-loan-packet": unsiloedCompleted("uns-demo-loan-packet", [
    page(1, "application_form", 0.96), page(2, "payslip", 0.91), page(3, "payslip", 0.89),
    page(4, "bank_statement", 0.94), page(5, "bank_statement", 0.92), page(6, "id_document", 0.87),
  ], "bank_statement", 0.93),
  "uns-demo-invoice-bundle": unsiloedCompleted("uns-demo-invoice-bundle", [
    page(1, "invoice", 0.98), page(2, "invoice", 0.95), page(3, "invoice", 0.97),
  ], "invoice", 0.97),
  "uns-demo-scanned-contract": unsiloedCompleted("uns-demo-scanned-contract", [
    page(1, "contract", 0.93), page(2, "contract", 0.9),
    { page: 3, success: false, classification: "contract", confidence: 0, error: "Page could not be read (blank or too dark)" },
    page(4, "contract", 0.88),
  ], "contract", 0.9),
  "uns-demo-receipt": unsiloedCompleted("uns-demo-receipt", [page(1, "receipt", 0.91)], "receipt", 0.91),
  "uns-demo-failed": {
    job_id: "uns-demo-failed",
    status: "failed",
    progress: "Classification failed",
    error: "Failed to process document: unsupported file type (image/heic)",
    result: null,
  },
};

/** Ids the demo page offers to try, with what they show. */
export const DEMO_EXAMPLES = {
  llamacloud: [
    { id: "clj-demo-invoice-2291", note: "completed: invoice, 97 %" },
    { id: "clj-demo-menu", note: "completed: no rule matched" },
    { id: "clj-demo-running-statement", note: "running: watch it finish" },
    { id: "clj-demo-failed-encrypted", note: "failed" },
    { id: "clj-demo-cancelled-duplicate", note: "cancelled" },
    { id: "clj-unknown-status", note: "a status this SDK does not know" },
    { id: "clj-does-not-exist", note: "unknown id: NotFoundError" },
  ],
  unsiloed: [
    { id: "uns-demo-loan-packet", note: "completed: 6 pages, 4 categories" },
    { id: "uns-demo-scanned-contract", note: "completed: page 3 unreadable" },
    { id: "uns-demo-invoice-bundle", note: "completed: 3 pages" },
    { id: "uns-demo-failed", note: "failed" },
    { id: "uns-does-not-exist", note: "unknown id: NotFoundError" },
  ],
  /** Prefixes of ids that start a new live job when first read (append anything). */
  live: { llamacloud: "clj-demo-live-", unsiloed: "uns-demo-live-" },
  batches: [
    { id: RESULTS_2500, note: "2,500 files" },
    { id: RESULTS_100000, note: "100,000 files (try Stop)" },
  ],
  /** Saved configurations whose v2 jobs form a batch (listClassifyJobs({ configuration_id })). */
  configurations: [
    { id: DEMO_CONFIGURATION_ID, note: `${DEMO_CONFIGURATION_JOBS} jobs: accounts-payable intake` },
  ],
};

/** A FNV-1a hash of a string (picks a live job's result). */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const iso = (ms) => new Date(ms).toISOString();
const hex12 = (n) => n.toString(16).padStart(12, "0");

/** Captures what an emulator handler sends (it only calls writeHead and end). */
function capture(handler, req, ctx) {
  const out = { status: 0, headers: {}, text: "" };
  const res = {
    headersSent: false,
    destroyed: false,
    writeHead(status, headers = {}) {
      out.status = status;
      out.headers = headers;
      this.headersSent = true;
    },
    setHeader() {},
    end(text = "") {
      out.text = String(text);
    },
  };
  handler(req, res, ctx);
  return out;
}

/**
 * Document types of the demo batches with their share of a back office's mail (per 1,000), a
 * file-name pattern and what the classifier saw. `null` is a file no rule matched; `failed` a
 * file that could not be read (its item's `result` is null, which FileClassification allows).
 */
const BATCH_MIX = [
  ["invoice", 300, (n, r) => `INV-2026-${String(4000 + n).padStart(5, "0")}_${pick(r, VENDORS)}.pdf`,
    "The header reads INVOICE with an invoice number, line items, VAT and an amount due."],
  ["receipt", 210, (n, r) => `receipt_${pick(r, MERCHANTS)}_2026-${pad2(1 + (n % 12))}-${pad2(1 + (n % 28))}.jpg`,
    "A till or card receipt: merchant, date, the items paid and a total; no amount due."],
  ["bank_statement", 120, (n, r) => `${pick(r, BANKS)}_statement_2026-${pad2(1 + (n % 12))}.pdf`,
    "An account holder, a statement period, opening and closing balances and dated transactions."],
  ["contract", 90, (n, r) => `${pick(r, ["MSA", "SOW", "Lease", "Supply-Agreement"])}_${pick(r, VENDORS)}_signed.pdf`,
    "Two parties, numbered clauses with obligations and signature blocks."],
  ["payslip", 80, (n, r) => `payslip_${pick(r, PEOPLE)}_2026-${pad2(1 + (n % 12))}.pdf`,
    "Employer and employee, a pay period, gross pay, deductions and net pay."],
  ["tax_form", 60, (n, r) => `${pick(r, ["W-9", "W-8BEN", "1099-NEC", "VAT-return"])}_${pick(r, VENDORS)}.pdf`,
    "A government tax form with its form number, a taxpayer identification number and a signature line."],
  ["id_document", 50, (n, r) => `${pick(r, ["passport", "id-card", "driving-licence"])}_${pick(r, PEOPLE)}.png`,
    "A photo page with a machine-readable zone, a document number and an expiry date."],
  ["purchase_order", 40, (n, r) => `PO-${88000 + n}_${pick(r, VENDORS)}.pdf`,
    "A purchase order number, requested items and quantities, and a delivery address; no amount due yet."],
  [null, 38, (n, r) => pick(r, ["scan_0001.pdf", "IMG_2291.jpg", "document(3).pdf", "menu_lunch.pdf", "flyer.png"]).replace(".", `-${n}.`),
    "No rule describes it: no invoice number, payment, account, parties or pay period."],
  ["failed", 12, (n, r) => pick(r, ["encrypted", "corrupt", "empty"]) + `_upload_${n}.pdf`, ""],
];
const VENDORS = ["acme-gmbh", "northwind", "contoso-ltd", "globex", "initech", "umbrella-supplies", "stark-logistics", "wayne-office"];
const MERCHANTS = ["cafe-lumiere", "shell", "uber", "staples", "hilton", "deutsche-bahn", "amazon"];
const BANKS = ["hsbc", "chase", "ing", "barclays", "bnp", "revolut"];
const PEOPLE = ["m-garcia", "a-nowak", "j-smith", "l-chen", "s-okafor", "k-muller", "p-rossi"];
const pad2 = (n) => String(n).padStart(2, "0");
const pick = (random, list) => list[Math.floor(random() * list.length)];

/** A deterministic PRNG (mulberry32) seeded by a number. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The `index`-th item of a demo batch: the fixture's ids and dates with a believable result —
 * the type drawn from BATCH_MIX, most confidences 0.85–0.99 with a tail down to ~0.4, unmatched
 * files low, a failed file with `result: null`. The reasoning starts with the file's name (the v1
 * item has no name field). Seeded by the batch id and index, so every page is stable.
 */
export function demoBatchItem(item, index) {
  const random = seeded(hash(`${item.classify_job_id}#${index}`));
  let roll = random() * 1000;
  let entry = BATCH_MIX[BATCH_MIX.length - 1];
  for (const candidate of BATCH_MIX) {
    if (roll < candidate[1]) { entry = candidate; break; }
    roll -= candidate[1];
  }
  const [type, , name, why] = entry;
  const fileName = name(index, random);
  const { result: _fixture, ...rest } = item;
  if (type === "failed") return { ...rest, result: null };
  const tail = random();
  const confidence = type === null
    ? 0.18 + random() * 0.27
    : tail < 0.8 ? 0.85 + random() * 0.14 : tail < 0.95 ? 0.65 + random() * 0.2 : 0.4 + random() * 0.25;
  const rounded = Math.round(confidence * 100) / 100;
  const doubt = type !== null && rounded < 0.65 ? " Parts are unreadable or contradict the rule, so less certain." : "";
  return { ...rest, result: { type, confidence: rounded, reasoning: `${fileName}: ${why}${doubt}` } };
}

/**
 * The jobs of the v2 batch (DEMO_CONFIGURATION_ID): [id, status, result, minutes before the
 * server's start, error message], from the same mix as demoBatchItem (a failed file: FAILED).
 */
function configurationBatch() {
  return Array.from({ length: DEMO_CONFIGURATION_JOBS }, (_, i) => {
    const id = `clj-demo-ap-${String(i + 1).padStart(4, "0")}`;
    const { result: res } = demoBatchItem({ id, classify_job_id: DEMO_CONFIGURATION_ID }, i);
    const minutes = 26 * 60 + (DEMO_CONFIGURATION_JOBS - i) * 3;
    return res
      ? [id, "COMPLETED", res, minutes]
      : [id, "FAILED", null, minutes, "Parsing failed: the PDF is password-protected"];
  });
}

/** The ids of the batches whose results demo mode makes believable (demoBatchItem). */
export const DEMO_BATCHES = new Set([RESULTS_2500, RESULTS_100000]);

/** Milliseconds of an ISO date-time the emulator accepted (no zone = UTC). */
function dateMs(text) {
  const normalized = text.replace(" ", "T");
  return Date.parse(/T[\d:.]+$/.test(normalized) ? `${normalized}Z` : normalized);
}

/**
 * Creates the demo state of one emulator (`state` is the server's). Returns `{ handle }`:
 * `handle(req, res, url)` answers a demo request and resolves true, or resolves false.
 */
export function createDemo(state, options = {}) {
  const phaseMs = Math.max(1, Number(options.phaseMs ?? (process.env.DEMO_PHASE_MS || 3300)));
  const start = Date.now();
  /** Live job id → { seen, cancelledAt }. */
  const live = new Map();
  const recorded = [];

  const llamaJobs = new Map(LLAMACLOUD_DEMO.map(([id, status, set, res, minutes, error], index) => [id, {
    id, status, set, result: res, error: error ?? null, created: start - minutes * MINUTE - 17_000, index, configurationId: null,
  }]));
  for (const [id, status, res, minutes, error] of configurationBatch()) {
    llamaJobs.set(id, {
      id, status, set: "backoffice", result: res, error: error ?? null, created: start - minutes * MINUTE - 17_000,
      index: 100 + llamaJobs.size, configurationId: DEMO_CONFIGURATION_ID,
    });
  }

  /** The live record of a job; `startNow` starts its clock (at its first read). */
  function liveRecord(id, startNow) {
    if (!live.has(id) && startNow) live.set(id, { seen: Date.now(), cancelledAt: null });
    return live.get(id);
  }

  /** A LlamaCloud demo job, or null: `read` starts the clock of a live one. */
  function llamaJob(id, read) {
    let plan = llamaJobs.get(id);
    const dynamic = /^clj-demo-live-(fail-)?./.exec(id);
    if (!plan && dynamic) {
      const [set, res] = LIVE_RESULTS[hash(id) % LIVE_RESULTS.length];
      plan = { id, status: "PENDING", set, result: res, error: null, created: null, index: hash(id) % 1000, fail: Boolean(dynamic[1]) };
    }
    if (!plan) return null;
    const isLive = plan.status === "PENDING" || plan.status === "RUNNING";
    const rec = isLive ? liveRecord(id, read) : undefined;
    if (dynamic && !rec) return null; // a live id never read is not listed
    const created = plan.created ?? rec.seen;
    let status = plan.status;
    let changed = created + 7000;
    if (isLive && rec) {
      const offset = plan.status === "RUNNING" ? 1 : 0; // a running job is one phase in already
      const now = Date.now();
      const phase = Math.floor((now - rec.seen) / phaseMs) + offset;
      const at = (p) => rec.seen + (p - offset) * phaseMs;
      if (rec.cancelledAt !== null) [status, changed] = ["CANCELLED", rec.cancelledAt];
      else if (phase >= LIVE_PHASES) [status, changed] = [plan.fail ? "FAILED" : "COMPLETED", at(LIVE_PHASES)];
      else if (phase >= 1) [status, changed] = ["RUNNING", Math.max(rec.seen, at(1))];
      else [status, changed] = ["PENDING", rec.seen];
    } else if (isLive) {
      changed = plan.status === "RUNNING" ? created + 4000 : created;
    }
    return {
      id,
      configuration: {
        rules: RULE_SETS[plan.set],
        mode: "FAST",
        parsing_configuration: { lang: "en", max_pages: 20, target_pages: null },
      },
      document_input_type: "file_id",
      file_input: `dfl-de300000-0000-4000-8000-${hex12(plan.index)}`,
      project_id: DEFAULT_PROJECT_ID,
      status,
      user_id: DEFAULT_USER_ID,
      configuration_id: plan.configurationId ?? null,
      created_at: iso(created),
      updated_at: iso(changed),
      error_message: status === "FAILED" ? plan.error ?? "Classification failed: the model could not read the document" : null,
      parse_job_id: null,
      result: status === "COMPLETED" ? plan.result : null,
      transaction_id: null,
    };
  }

  /** An Unsiloed demo job, or null (a live one starts at its first read). */
  function unsiloedJob(id) {
    if (Object.hasOwn(UNSILOED_DEMO, id)) return UNSILOED_DEMO[id];
    const dynamic = /^uns-demo-live-(fail-)?./.exec(id);
    if (!dynamic) return null;
    const rec = liveRecord(id, true);
    const elapsed = (Date.now() - rec.seen) / phaseMs;
    const base = { job_id: id, status: "queued", progress: "Queued", error: null, result: null };
    if (elapsed < 1) return base;
    if (elapsed < LIVE_PHASES) {
      const done = Math.min(LIVE_UNSILOED_PAGES, 1 + Math.floor(((elapsed - 1) / (LIVE_PHASES - 1)) * LIVE_UNSILOED_PAGES));
      return { ...base, status: "processing", progress: `Processing page ${done} of ${LIVE_UNSILOED_PAGES}` };
    }
    if (dynamic[1]) return { ...base, status: "failed", progress: "Classification failed", error: "Invalid PDF format" };
    const labels = ["invoice", "invoice", "receipt", "invoice"];
    const confidences = [0.95, 0.93, 0.88, 0.91];
    return unsiloedCompleted(id, labels.map((label, i) => page(i + 1, label, confidences[i])), "invoice", 0.94);
  }

  /** The demo LlamaCloud jobs a list shows now (static ones and live ones already read). */
  function listedLlamaJobs() {
    const ids = [...llamaJobs.keys(), ...[...live.keys()].filter((id) => id.startsWith("clj-demo-live-"))];
    return ids.map((id) => llamaJob(id, false)).filter(Boolean);
  }

  /** GET /api/v2/classify: the emulator's own list with the demo jobs merged in, newest first. */
  function list(req, res, url) {
    // The emulator's own handler checks the query; the page token is this merged list's own
    // (an offset into it), so it is checked here instead.
    const checked = new URL(url);
    checked.searchParams.delete("page_token");
    const first = capture(llamacloud.listJobs, req, { url: checked, state });
    if (first.status !== 200) return send(res, first.status, first.text, { "content-type": first.headers["content-type"] || "application/json" });
    const query = url.searchParams;
    const pageSize = query.get("page_size") ? Number(query.get("page_size")) : 50;
    const tokenText = query.get("page_token");
    const tokenMatch = tokenText ? /^off-(\d{1,9})$/.exec(tokenText) : null;
    if (tokenText && !tokenMatch) return send(res, 400, { detail: "Invalid page token" });
    const offset = tokenMatch ? Number(tokenMatch[1]) : 0;
    // Every matching job of the emulator's own (its filters applied by its own handler).
    const own = [];
    let token = null;
    for (let guard = 0; guard < 1000; guard++) {
      const pageUrl = new URL(url);
      pageUrl.searchParams.set("page_size", "100");
      if (token) pageUrl.searchParams.set("page_token", token);
      else pageUrl.searchParams.delete("page_token");
      const { text } = capture(llamacloud.listJobs, req, { url: pageUrl, state });
      const body = JSON.parse(text);
      own.push(...body.items);
      token = body.next_page_token;
      if (!token) break;
    }
    const status = query.get("status");
    const jobIds = query.getAll("job_ids");
    const configurationId = query.get("configuration_id");
    const after = query.get("created_at_on_or_after");
    const before = query.get("created_at_on_or_before");
    const projectId = query.get("project_id") || DEFAULT_PROJECT_ID;
    const demo = listedLlamaJobs().filter((job) =>
      job.project_id === projectId &&
      (status === null || job.status === status) &&
      (jobIds.length === 0 || jobIds.includes(job.id)) &&
      (configurationId === null || job.configuration_id === configurationId) &&
      (after === null || Date.parse(job.created_at) >= dateMs(after)) &&
      (before === null || Date.parse(job.created_at) <= dateMs(before)));
    const all = [...demo, ...own].sort((a, b) =>
      Date.parse(b.created_at) - Date.parse(a.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const end = Math.min(offset + pageSize, all.length);
    const body = { items: all.slice(offset, end), total_size: all.length };
    if (end < all.length) body.next_page_token = `off-${end}`;
    send(res, 200, body);
  }

  function record(req, url) {
    recorded.push({ at: Date.now(), method: req.method, path: url.pathname, query: url.search, headers: { ...req.headers } });
    if (recorded.length > MAX_RECORDED) recorded.splice(0, recorded.length - MAX_RECORDED);
  }

  /** Counts the attempt and stamps a request id, as the emulator does for its own routes. */
  function begin(res, url) {
    state.attempts.set(url.pathname, (state.attempts.get(url.pathname) || 0) + 1);
    res.setHeader("x-request-id", `req_${(++state.requestCounter).toString(36)}`);
  }

  function authorizedLlamaCloud(req, res) {
    if (req.headers.authorization === `Bearer ${API_KEY}`) return true;
    send(res, 401, { detail: "Invalid authentication credentials" });
    return false;
  }

  async function handle(req, res, url) {
    if (url.pathname === "/__emulator/demo/requests") {
      const path = url.searchParams.get("path");
      const requests = path === null ? recorded.slice() : recorded.filter((r) => r.path === path);
      if (url.searchParams.get("clear") === "1") recorded.length = 0;
      send(res, 200, { requests });
      return true;
    }
    if (url.pathname.startsWith("/__emulator/")) return false;
    record(req, url);

    const p = url.pathname;
    if (p === "/api/v2/classify" && req.method === "GET") {
      begin(res, url);
      if (authorizedLlamaCloud(req, res)) list(req, res, url);
      return true;
    }
    const get = /^\/api\/v2\/classify\/(clj-demo-[^/]+)$/.exec(p);
    const cancel = /^\/api\/v2\/classify\/(clj-demo-[^/]+)\/cancel$/.exec(p);
    const uns = /^\/classify\/(uns-demo-[^/]+)$/.exec(p);
    if (get && req.method === "GET") {
      const id = decodeSegment(get[1]);
      if (id === null) return false;
      begin(res, url);
      if (!authorizedLlamaCloud(req, res)) return true;
      const job = llamaJob(id, true);
      send(res, job ? 200 : 404, job || { detail: "Classify job not found" });
      return true;
    }
    if (cancel && req.method === "POST") {
      const id = decodeSegment(cancel[1]);
      if (id === null) return false;
      begin(res, url);
      if (!authorizedLlamaCloud(req, res)) return true;
      const job = llamaJob(id, true);
      if (!job) return send(res, 404, { detail: "Classify job not found" }), true;
      const rec = live.get(id);
      if (rec && rec.cancelledAt === null && (job.status === "PENDING" || job.status === "RUNNING")) rec.cancelledAt = Date.now();
      send(res, 200, llamaJob(id, false));
      return true;
    }
    // The live stream stand-in (events.mjs) for the demo jobs too: the page's Watch listens to it.
    if (/^\/jobs\/clj-demo-[^/]+\/events$/.test(p) && req.method === "GET") {
      return serveJobEvents(req, res, url, state, (id) => llamaJob(id, true));
    }
    const batch = /^\/api\/v1\/classifier\/jobs\/([^/]+)\/results$/.exec(p);
    if (batch && req.method === "GET" && DEMO_BATCHES.has(batch[1])) {
      begin(res, url);
      if (!authorizedLlamaCloud(req, res)) return true;
      const out = capture(llamacloud.getResults, req, { state, url, params: [batch[1]] });
      if (out.status !== 200) return res.writeHead(out.status, out.headers).end(out.text), true;
      const body = JSON.parse(out.text);
      const offset = /^off-(\d+)$/.exec(url.searchParams.get("page_token") || "")?.[1] ?? 0;
      body.items = body.items.map((item, i) => demoBatchItem(item, Number(offset) + i));
      send(res, 200, body);
      return true;
    }
    if (uns && req.method === "GET") {
      const id = decodeSegment(uns[1]);
      if (id === null) return false;
      begin(res, url);
      if (!authorizeUnsiloed(req, res)) return true;
      const job = unsiloedJob(id);
      send(res, job ? 200 : 404, job || { detail: "Job not found" });
      return true;
    }
    return false;
  }

  return { handle, phaseMs };
}
