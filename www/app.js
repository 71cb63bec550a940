// The demo page: every panel drives classify-sdk, imported by name as an npm user would (the
// import map in index.html points "classify-sdk" at the built package, /pkg/browser.js).
import { ClassifyClient, toClassification, UnsiloedClient } from "classify-sdk";
import { histogram, labelsChart } from "./charts.js";
import { samplePdf } from "./sample.js";
import {
  $, badge, commonStatus, confidenceBar, download, errorCard, fmt, h, jobCard, PROVIDER_NAMES, show, when,
} from "./ui.js";
import { js, program, setupSnippets, showSnippet } from "./snippets.js";

const STORE_KEY = "classify-sdk-demo:connection";
const PROVIDERS = ["llamacloud", "unsiloed"];
const TABS = ["lookup", "results", "jobs", "classify"];
const WAIT = { intervalMs: 500, maxIntervalMs: 1000, maxWaitMs: 10 * 60_000 };
const STREAM_PAGE_SIZE = 500;
/**
 * Client options beside the connection: a per-attempt deadline of 15 s (the SDK's default is
 * 60 s, with two retries), so a server that accepts and never answers ends in a TimeoutError
 * within a minute; every request also has a Stop.
 */
const CLIENT_OPTIONS = { timeoutMs: 15_000 };
const q = JSON.stringify;

// ---- configuration -------------------------------------------------------------------------------

/** Without a /config.json (the page served elsewhere): the real APIs, no key. */
const FALLBACK = {
  providers: { llamacloud: { source: "api", target: "llamacloud" }, unsiloed: { source: "api", target: "unsiloed" } },
  targets: [
    { id: "llamacloud", label: "LlamaCloud API", baseUrl: "https://api.cloud.llamaindex.ai", provider: "llamacloud" },
    { id: "llamacloud-eu", label: "LlamaCloud API (EU)", baseUrl: "https://api.cloud.eu.llamaindex.ai", provider: "llamacloud" },
    { id: "unsiloed", label: "Unsiloed API", baseUrl: "https://prod.visionapi.unsiloed.ai", provider: "unsiloed" },
  ],
  examples: null,
};

async function loadConfig() {
  try {
    const res = await fetch("/config.json", { cache: "no-store" });
    if (res.ok) return await res.json();
  } catch {
    // served without the demo server: fall back
  }
  return FALLBACK;
}

const config = await loadConfig();
const targetById = (id) => config.targets.find((t) => t.id === id);
const targetsFor = (p) => config.targets.filter((t) => !t.provider || t.provider === p);
/** Demo ids are offered while the provider's data comes from the emulator (directly or through /proxy). */
const examplesOn = (p) => Boolean(config.examples) && config.providers[p]?.source === "emulator" && ["emulator", "proxy"].includes(conn.settings[p].target);

// ---- connection ------------------------------------------------------------------------------------

const conn = {
  provider: "llamacloud",
  settings: Object.fromEntries(PROVIDERS.map((p) => {
    const t = targetById(config.providers[p]?.target) || targetsFor(p)[0];
    return [p, { target: t?.id ?? "custom", baseUrl: t?.baseUrl ?? "", apiKey: t?.keys?.[p] ?? "" }];
  })),
  remember: false,
  clients: {},
  errors: {},
};

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function restore() {
  let saved = null;
  try {
    saved = JSON.parse(storage()?.getItem(STORE_KEY) || "null");
  } catch {
    saved = null;
  }
  if (!saved || typeof saved !== "object") return;
  conn.remember = true;
  for (const p of PROVIDERS) {
    const s = saved[p];
    if (!s || typeof s !== "object") continue;
    const t = targetById(s.target);
    conn.settings[p] = {
      target: t ? t.id : "custom",
      baseUrl: t ? t.baseUrl : String(s.baseUrl || ""),
      apiKey: t?.keys ? t.keys[p] ?? "" : String(s.apiKey || ""),
    };
  }
}

function persist() {
  const store = storage();
  if (!store) return;
  if (!conn.remember) return store.removeItem(STORE_KEY);
  store.setItem(STORE_KEY, q(Object.fromEntries(PROVIDERS.map((p) => {
    const s = conn.settings[p];
    return [p, { target: s.target, baseUrl: s.target === "custom" ? s.baseUrl : undefined, apiKey: targetById(s.target)?.keys ? undefined : s.apiKey }];
  }))));
}

/** Builds the client of provider `p` from its settings (or records the constructor's error). */
function buildClient(p) {
  const s = conn.settings[p];
  const options = { baseUrl: s.baseUrl.trim(), ...CLIENT_OPTIONS };
  if (s.apiKey.trim() !== "") options.apiKey = s.apiKey.trim();
  try {
    conn.clients[p] = p === "llamacloud" ? new ClassifyClient(options) : new UnsiloedClient(options);
    conn.errors[p] = null;
  } catch (error) {
    conn.clients[p] = null;
    conn.errors[p] = error;
  }
}

/** The current provider's client; throws the constructor's error when the settings are bad. */
function client() {
  const c = conn.clients[conn.provider];
  if (!c) throw conn.errors[conn.provider];
  return c;
}
/** The runnable program for `body` (lines using `client`) with the current provider's client. */
const programFor = (body, options) => program(conn.provider, conn.settings[conn.provider], CLIENT_OPTIONS, body, options);
/** "ran here in 27 ms", a snippet's note. */
const ranIn = (t0) => `ran here in ${fmt(Math.round(performance.now() - t0))} ms`;
const PRINT_JOB = "console.log(JSON.stringify(job, null, 2));";

function renderConnect() {
  const p = conn.provider;
  const s = conn.settings[p];
  for (const radio of document.querySelectorAll('input[name="provider"]')) radio.checked = radio.value === p;
  show("target", targetsFor(p).map((t) => h("option", { value: t.id }, t.label)), h("option", { value: "custom" }, "Custom URL"));
  $("target").value = targetById(s.target) && targetsFor(p).includes(targetById(s.target)) ? s.target : "custom";
  $("base-url").value = s.baseUrl;
  $("api-key").value = s.apiKey;
  $("remember").checked = conn.remember;
  renderConnectStatus();
}

function renderConnectStatus() {
  const p = conn.provider;
  const s = conn.settings[p];
  const el = $("connect-status");
  el.classList.toggle("error-text", Boolean(conn.errors[p]));
  if (conn.errors[p]) setConnectOpen(true);
  if (conn.errors[p]) {
    const e = conn.errors[p];
    return show(el, h("strong", {}, e.name), `: ${e.message}`);
  }
  const target = targetById(s.target);
  const key = s.apiKey.trim() !== ""
    ? `key set (${p === "llamacloud" ? "Authorization: Bearer" : "api-key header"}; in memory${conn.remember ? ", remembered on this device" : " only"})`
    : "no key sent (the proxy adds it)";
  show(el, `${PROVIDER_NAMES[p]} at `, h("code", {}, s.baseUrl), target ? ` (${target.label})` : "", ` · ${key}`);
}

let rebuildTimer;
function settingsChanged({ now = false } = {}) {
  clearTimeout(rebuildTimer);
  const apply = () => {
    buildClient(conn.provider);
    persist();
    renderConnectStatus();
    renderExamples();
  };
  if (now) apply();
  else rebuildTimer = setTimeout(apply, 250);
}

/**
 * Switches the provider: stops what runs, re-renders, and writes the address bar unless `sync`
 * is false (when the address bar itself asked for the switch, on Back / Forward).
 */
function setProvider(p, { push = false, sync = true } = {}) {
  if (!PROVIDERS.includes(p) || p === conn.provider) return;
  stopWatch();
  stopStream();
  stopClassify();
  conn.provider = p;
  renderConnect();
  renderExamples();
  renderProviderNotes();
  renderRules();
  renderSource();
  resetLookup();
  if (sync) syncUrl(push);
  if (view === "jobs" && p === "llamacloud") loadJobs(0);
}

/** Phones collapse Connect once it works, so the first screen shows a result. */
const phone = window.matchMedia("(max-width: 700px)");

/** Shows or hides Connect's settings (the status line stays); only phones offer the toggle. */
function setConnectOpen(open) {
  $("connect").classList.toggle("collapsed", !open);
  $("connect-toggle").setAttribute("aria-expanded", String(open));
  $("connect-toggle").textContent = open ? "Hide settings" : "Change";
}

/** Brings a result into view when it is out of sight (a phone, after tapping an example). */
function reveal(el) {
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.top < window.innerHeight - 80) return;
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
}

$("connect-toggle").addEventListener("click", () => {
  const open = $("connect").classList.contains("collapsed");
  setConnectOpen(open);
  if (open) $("target").focus();
});
$("connect-form").addEventListener("submit", (e) => e.preventDefault());
for (const radio of document.querySelectorAll('input[name="provider"]')) {
  radio.addEventListener("change", () => radio.checked && setProvider(radio.value, { push: true }));
}
$("target").addEventListener("change", () => {
  const p = conn.provider;
  const s = conn.settings[p];
  const t = targetById($("target").value);
  const wasReal = Boolean(targetById(s.target)?.provider);
  s.target = t ? t.id : "custom";
  if (t) {
    s.baseUrl = t.baseUrl;
    s.apiKey = t.keys ? t.keys[p] ?? "" : t.provider && wasReal ? s.apiKey : "";
  }
  $("base-url").value = s.baseUrl;
  $("api-key").value = s.apiKey;
  if (p === "llamacloud") $("events-url").value = t?.events ?? "";
  settingsChanged({ now: true });
});
$("base-url").addEventListener("input", () => {
  const s = conn.settings[conn.provider];
  s.baseUrl = $("base-url").value;
  const match = targetsFor(conn.provider).find((t) => t.baseUrl === s.baseUrl.trim());
  s.target = match ? match.id : "custom";
  $("target").value = s.target;
  settingsChanged();
});
$("base-url").addEventListener("change", () => settingsChanged({ now: true }));
$("api-key").addEventListener("input", () => {
  conn.settings[conn.provider].apiKey = $("api-key").value;
  settingsChanged();
});
$("api-key").addEventListener("change", () => settingsChanged({ now: true }));
$("show-key").addEventListener("click", () => {
  const shown = $("api-key").type === "text";
  $("api-key").type = shown ? "password" : "text";
  $("show-key").setAttribute("aria-pressed", String(!shown));
  $("show-key").textContent = shown ? "Show" : "Hide";
});
$("remember").addEventListener("change", () => {
  conn.remember = $("remember").checked;
  persist();
  renderConnectStatus();
});

// ---- tabs and the address bar ----------------------------------------------------------------------

let view = "lookup";
let shownJob = null;

/**
 * Shows the panel `name`. With `push` set (true: a new history entry, false: replace), writes
 * the address bar before the panel's first load, which then only refines that entry.
 */
function selectTab(name, { focus = false, push } = {}) {
  if (!TABS.includes(name)) name = "lookup";
  view = name;
  for (const t of TABS) {
    const tab = $(`tab-${t}`);
    tab.setAttribute("aria-selected", String(t === name));
    tab.tabIndex = t === name ? 0 : -1;
    $(`panel-${t}`).hidden = t !== name;
  }
  if (focus) $(`tab-${name}`).focus();
  renderProviderNotes();
  if (push !== undefined) syncUrl(push);
  if (name === "results" && conn.provider === "llamacloud" && !results.loadedId && $("batch-id").value) loadResultsPage(0);
  if (name === "jobs" && conn.provider === "llamacloud" && !jobsState.loaded) loadJobs(0);
}

for (const t of TABS) {
  $(`tab-${t}`).addEventListener("click", () => selectTab(t, { push: true }));
}
document.querySelector('[role="tablist"]').addEventListener("keydown", (e) => {
  const i = TABS.indexOf(view);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  selectTab(TABS[(next + TABS.length) % TABS.length], { focus: true, push: true });
});

/** Writes what is shown into the address bar (never the key). */
function syncUrl(push = false) {
  const params = new URLSearchParams();
  params.set("provider", conn.provider);
  if (view !== "lookup") params.set("view", view);
  if (view === "lookup" && shownJob) params.set("job", shownJob);
  if (view === "results" && results.loadedId) {
    if (results.source === "configuration") params.set("configuration_id", results.loadedId);
    else params.set("batch", results.loadedId);
    params.set("page_size", String(results.pageSize));
  }
  if (view === "jobs" && jobsState.status) params.set("status", jobsState.status);
  const url = `${location.pathname}?${params}`;
  if (url === `${location.pathname}${location.search}`) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
  document.title = shownJob && view === "lookup" ? `${shownJob} · classify-sdk demo` : "classify-sdk demo";
}

/** Shows what the address bar says (on load and on back / forward). */
function applyUrl() {
  const params = new URLSearchParams(location.search);
  const p = params.get("provider");
  if (PROVIDERS.includes(p) && p !== conn.provider) setProvider(p, { sync: false });
  const job = params.get("job");
  const v = params.get("view") || "lookup";
  if (v === "results" && (params.get("batch") || params.get("configuration_id"))) {
    const source = params.get("batch") ? "results" : "configuration";
    document.querySelector(`input[name="batch-source"][value="${source}"]`).checked = true;
    renderBatchSource();
    $("batch-id").value = params.get("batch") || params.get("configuration_id");
    const size = params.get("page_size");
    if (size && [...$("page-size").options].some((o) => o.value === size)) $("page-size").value = size;
    results.loadedId = null;
  }
  if (v === "jobs") {
    const status = params.get("status") || "";
    if ([...$("jobs-status").options].some((o) => o.value === status)) $("jobs-status").value = status;
    if (status !== jobsState.status) jobsState.loaded = false;
  }
  selectTab(v);
  if (v === "lookup" && job && job !== shownJob) {
    $("job-id").value = job;
    lookup(job, { push: null });
  } else if (v === "lookup" && !job && shownJob) {
    stopWatch();
    resetLookup();
  }
}
window.addEventListener("popstate", applyUrl);

function renderProviderNotes() {
  const llama = conn.provider === "llamacloud";
  for (const panel of ["results", "jobs"]) {
    const note = $(`panel-${panel}`).querySelector(".only-llamacloud-note");
    note.hidden = llama;
    if (!llama) {
      show(note, h("p", {}, `${panel === "results" ? "Batch results are" : "The job list is"} a LlamaCloud API; Unsiloed has no such endpoint. `,
        h("button", { type: "button", class: "ghost", onclick: () => setProvider("llamacloud", { push: true }) }, "Switch to LlamaCloud")));
    }
    for (const el of $(`panel-${panel}`).querySelectorAll("form, .source-toggle, .filters, .pager, .stream, .charts, .table-wrap, .call, .examples")) {
      el.classList.toggle("disabled-provider", !llama);
      el.inert = !llama;
    }
  }
  $("cancel-job").hidden = !llama;
  $("events-row").hidden = !llama;
}

// ---- look up and watch -----------------------------------------------------------------------------

let lookupCtl = null;
let cancelCtl = null;
let watch = null;
let lastView = null;

/** The example chips (demo data only) and the note that the emulator's classify answers are canned. */
function renderExamples() {
  const p = conn.provider;
  const box = $("examples");
  $("classify-canned").hidden = !examplesOn(p);
  if (!examplesOn(p)) {
    show(box);
    show("batch-examples");
    return;
  }
  show(box, h("span", { class: "muted" }, "Try: "),
    config.examples[p].map((ex) => h("button", {
      type: "button", class: "chip", title: ex.note, onclick: () => openJob(ex.id, { reveal: true }),
    }, h("code", {}, ex.id), h("span", { class: "chip-note" }, ` ${ex.note}`))),
    config.examples.live?.[p] ? h("button", {
      type: "button", class: "chip live", onclick: () => {
        const id = `${config.examples.live[p]}${Math.random().toString(16).slice(2, 8)}`;
        $("job-id").value = id;
        startWatch(id);
        reveal($("watch-box"));
      },
    }, "▶ Watch a new live job (~10 s)") : null);
  renderBatchExamples();
}

/** The example batches of the chosen source (batch job ids, or configuration ids). */
function renderBatchExamples() {
  if (!config.examples || !examplesOn(conn.provider)) return show("batch-examples");
  const configurations = batchSource() === "configuration";
  const list = configurations ? config.examples.configurations : config.examples.batches;
  show("batch-examples", h("span", { class: "muted" }, "Try: "),
    (list || []).map((b) => h("button", {
      type: "button", class: "chip", onclick: () => {
        $("batch-id").value = b.id;
        loadResultsPage(0, { push: true, reveal: true });
      },
    }, h("code", {}, configurations ? b.id : `${b.id.slice(0, 8)}…`), h("span", { class: "chip-note" }, ` ${b.note}`))));
}

/** Clears the lookup panel (nothing looked up, nothing watched). */
function resetLookup() {
  lookupCtl?.abort();
  lookupCtl = null;
  cancelCtl?.abort();
  cancelCtl = null;
  shownJob = null;
  lastView = null;
  show("job-view", h("p", { class: "muted empty" }, "Pick an example or paste a job id, then Look up (one read) or Watch (poll until it ends)."));
  $("watch-box").hidden = true;
  showSnippet("lookup-call", "");
  updateJobButtons();
}

/** Opens a job in the lookup panel (from a list, an example or a link); `reveal` scrolls to it. */
function openJob(id, { reveal: scroll = false } = {}) {
  selectTab("lookup");
  $("job-id").value = id;
  lookup(id, { push: true, reveal: scroll });
}

/** Shows `job` (and `extra`, e.g. an error card) as the panel's result. */
function renderJob(job, extra) {
  lastView = job;
  show("job-view", jobCard(job), extra || null);
  updateJobButtons();
}

/** The job Cancel acts on: the one being watched, else the one shown while it is still open. */
function cancelTarget() {
  if (watch) return watch.id;
  const status = lastView ? commonStatus(lastView.status ?? "") : null;
  return status === "queued" || status === "running" ? lastView.id ?? null : null;
}

function updateJobButtons() {
  const target = cancelTarget();
  $("watch").disabled = Boolean(watch);
  // Stop ends whatever request the panel has in flight: a wait, a lookup or a cancel.
  $("stop-watch").disabled = !watch && !lookupCtl && !cancelCtl;
  $("cancel-job").disabled = conn.provider !== "llamacloud" || !target || Boolean(cancelCtl);
  $("cancel-job").title = target ? `Cancel ${target}` : "";
}

/** Reads job `id` once and shows it; `reveal` scrolls the answer into view. */
async function lookup(id, { push = true, reveal: scroll = false } = {}) {
  id = id.trim();
  stopWatch();
  lookupCtl?.abort();
  const ctl = new AbortController();
  lookupCtl = ctl;
  shownJob = id;
  lastView = null;
  if (push !== null) syncUrl(push);
  $("watch-box").hidden = true;
  const code = programFor([`const job = await client.getClassifyJob(${q(id)});`, PRINT_JOB]);
  showSnippet("lookup-call", code, { note: "running…" });
  show("job-view", h("p", { class: "muted loading" }, "Loading…"));
  updateJobButtons();
  const t0 = performance.now();
  try {
    const job = await client().getClassifyJob(id, { signal: ctl.signal });
    if (lookupCtl !== ctl) return;
    lookupCtl = null;
    renderJob(job);
    if (scroll) reveal($("job-view"));
    showSnippet("lookup-call", code, { note: ranIn(t0) });
  } catch (error) {
    if (lookupCtl !== ctl) return;
    lookupCtl = null;
    lastView = null;
    if (error?.name === "AbortError") {
      show("job-view", h("p", { class: "muted stopped" }, h("strong", {}, "Stopped"),
        ` after ${((performance.now() - t0) / 1000).toFixed(1)} s (AbortError): no answer was waited for.`));
    } else show("job-view", errorCard(error));
    if (scroll) reveal($("job-view"));
    updateJobButtons();
  }
}

/** Stop in the lookup panel: ends the wait, the lookup or the cancel request in flight. */
function stopLookupPanel() {
  if (watch) return stopWatch({ user: true });
  lookupCtl?.abort();
  cancelCtl?.abort();
}

$("lookup-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = $("job-id").value.trim();
  if (!id) return $("job-id").focus();
  lookup(id, { push: true });
});
$("watch").addEventListener("click", () => {
  const id = $("job-id").value.trim();
  if (!id) return $("job-id").focus();
  startWatch(id);
});
$("stop-watch").addEventListener("click", stopLookupPanel);
$("cancel-job").addEventListener("click", () => cancelJob(cancelTarget()));

const PROGRESS = { queued: 8, running: 50, completed: 100, failed: 100, cancelled: 100 };

/** Percent done of a job's common view (page progress of an Unsiloed job counts). */
function progressOf(view) {
  const pages = /page (\d+) of (\d+)/i.exec(view.progress || "");
  if (view.status === "running" && pages) return 15 + Math.round((Number(pages[1]) / Number(pages[2])) * 80);
  return PROGRESS[view.status] ?? 50;
}

function addStep(list, text, status) {
  $(list).append(h("li", { "data-status": status || null }, text));
}

/** "1.2 s · 2 status changes": time watched and how often the status (not the progress text) changed. */
function watchSummary(w, elapsed) {
  return `${elapsed} · ${w.changes} status change${w.changes === 1 ? "" : "s"}`;
}

async function startWatch(id) {
  stopWatch();
  lookupCtl?.abort();
  lookupCtl = null;
  const controller = new AbortController();
  const started = performance.now();
  const w = { id, controller, started, changes: 0, status: null, last: null, cancelRequested: false };
  watch = w;
  shownJob = id;
  lastView = null;
  syncUrl(true);
  $("watch-box").hidden = false;
  show("watch-timeline");
  const events = conn.provider === "llamacloud" ? watchEventsUrl() : "";
  show("watch-status", events ? "Listening…" : "Polling…");
  showWatchPath(events ? "" : "polling", { streamless: true });
  $("watch-progress").value = 0;
  show("job-view", h("p", { class: "muted loading" }, "Waiting for the first answer…"));
  const printProgress = { code: "(j) => console.log(j.status, j.progress ?? \"\")" };
  showSnippet("lookup-call", programFor(events
    ? [`const job = await client.watchClassifyJob(${q(id)}, ${js({ events, onProgress: printProgress, onPath: { code: "(path) => console.log(\"live:\", path)" } })});`, PRINT_JOB]
    : [`const job = await client.waitForClassifyJob(${q(id)}, ${js({ intervalMs: WAIT.intervalMs, maxIntervalMs: WAIT.maxIntervalMs, onProgress: printProgress })});`, PRINT_JOB]),
  { note: events ? "listens to the stream (polls if it is unavailable) until the job ends" : "polls until the job ends" });
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const tick = setInterval(() => {
    if (watch === w) $("watch-elapsed").textContent = watchSummary(w, elapsed());
  }, 200);
  w.tick = tick;
  updateJobButtons();
  const onProgress = (job) => {
    if (watch !== w) return;
    const view = toClassification(job);
    if (w.status !== null && view.status !== w.status) w.changes++;
    w.status = view.status;
    w.last = job;
    addStep("watch-timeline", h("span", {}, h("span", { class: "t" }, elapsed()), " ", badge(view.status), view.progress ? ` ${view.progress}` : ""), view.status);
    $("watch-progress").value = progressOf(view);
    renderJob(job);
  };
  try {
    const onPath = (path) => {
      if (watch === w) showWatchPath(path);
    };
    const job = events
      ? await client().watchClassifyJob(id, { events, onProgress, onPath, signal: controller.signal, intervalMs: WAIT.intervalMs, maxIntervalMs: WAIT.maxIntervalMs })
      : await client().waitForClassifyJob(id, { ...WAIT, signal: controller.signal, onProgress });
    if (watch !== w) return;
    renderJob(job);
    $("watch-progress").value = 100;
    show("watch-status", h("strong", {}, "Completed"), ` after ${elapsed()}.`);
  } catch (error) {
    if (watch !== w) return;
    const job = error?.job;
    if (error?.name === "AbortError") {
      show("watch-status", h("strong", {}, "Stopped watching"), ` after ${elapsed()} (AbortError): no more polls; the job itself goes on.`);
      if (!w.last) show("job-view", errorCard(error));
    } else if (error?.name === "JobFailedError" && job && toClassification(job).status === "cancelled" && w.cancelRequested) {
      // The cancel asked for here: an outcome, not a failure.
      if (w.status !== "cancelled") {
        w.changes += w.status !== null ? 1 : 0;
        addStep("watch-timeline", h("span", {}, h("span", { class: "t" }, elapsed()), " ", badge("cancelled")), "cancelled");
      }
      renderJob(job);
      $("watch-progress").value = 100;
      show("watch-status", h("strong", {}, "Cancelled"), ` after ${elapsed()}, as you asked: the wait ended with the job (status ${job.status}).`);
    } else {
      if (job) renderJob(job, errorCard(error));
      else show("job-view", errorCard(error));
      $("watch-progress").value = 100;
      show("watch-status", h("strong", {}, error?.name === "JobFailedError" ? `Ended ${error.status}` : error?.name || "Error"), ` after ${elapsed()}.`);
    }
  } finally {
    clearInterval(tick);
    if (watch === w) {
      watch = null;
      $("watch-elapsed").textContent = watchSummary(w, elapsed());
    }
    updateJobButtons();
  }
}

/** The events URL Watch listens to (the edge worker's stream), or "" to poll. */
const watchEventsUrl = () => $("events-url").value.trim();

/**
 * Says which path of a watch is live: "stream", or "polling" — after the stream was given up,
 * unless `streamless` (no events URL: polling is all there is). "" clears it.
 */
function showWatchPath(path, { streamless = false } = {}) {
  const el = $("watch-path");
  el.dataset.path = path;
  el.textContent = path === "stream" ? "live: stream" : path === "polling" ? (streamless ? "live: polling" : "live: polling (stream unavailable)") : "";
  if (path === "polling" && !streamless && watch) show("watch-status", "Polling…");
}

/** Stops the wait in progress: `user` keeps it on screen to say so, else it just goes. */
function stopWatch({ user = false } = {}) {
  if (!watch) return;
  const w = watch;
  if (!user) watch = null;
  w.controller.abort();
  clearInterval(w.tick);
  updateJobButtons();
}

/** Cancels job `id` (the watched one, or the open one shown); a wait in progress ends at its next poll. */
async function cancelJob(id) {
  if (!id || cancelCtl) return;
  const ctl = new AbortController();
  cancelCtl = ctl;
  const w = watch && watch.id === id ? watch : null;
  if (w) w.cancelRequested = true;
  updateJobButtons();
  $("watch-box").hidden = false;
  if (!w) show("watch-timeline");
  addStep("watch-timeline", h("span", {}, "Cancel requested for ", h("code", {}, id), "…"));
  showSnippet("lookup-call", programFor([`const job = await client.cancelClassifyJob(${q(id)});`, "console.log(job.status);"]), { section: "jobs" });
  try {
    const job = await client().cancelClassifyJob(id, { signal: ctl.signal });
    if (cancelCtl !== ctl) return;
    if (!w) renderJob(job);
    show("watch-status", h("strong", {}, `Cancel answered: ${job.status}`), watch ? "; the wait ends at its next poll." : ".");
  } catch (error) {
    if (cancelCtl !== ctl) return;
    if (w) w.cancelRequested = false;
    show("watch-status", h("strong", {}, error?.name === "AbortError" ? "Cancel request stopped" : "Cancel failed"));
    if (error?.name !== "AbortError") $("job-view").prepend(errorCard(error));
  } finally {
    if (cancelCtl === ctl) cancelCtl = null;
    updateJobButtons();
  }
}

// ---- batch results ---------------------------------------------------------------------------------

const results = { loadedId: null, source: "results", pageSize: 25, tokens: [undefined], index: 0, total: null, page: [], all: [], allId: null, stream: null, ctl: null };
/** Jobs per page at most for listClassifyJobs (the API's 1–100). */
const JOBS_MAX_PAGE_SIZE = 100;

/** Which source the Batch results view reads: "results" (v1, a batch job) or "configuration" (v2 jobs). */
const batchSource = () => document.querySelector('input[name="batch-source"]:checked').value;

/**
 * A v2 job as a row of the results table (the shape of a v1 result item): its id, the file it
 * read (`file_input`), when it was created, and its result (null until it completed).
 */
const jobAsItem = (job) => ({ id: job.id, classify_job_id: job.id, file_id: job.file_input ?? null, created_at: job.created_at, status: job.status, result: job.result ?? null });

/** The call that lists page `options` of batch `id` from `source`, as snippet source. */
function pageCall(source, id, options) {
  return source === "configuration"
    ? `const page = await client.listClassifyJobs(${js({ configuration_id: id, ...options })});`
    : `const page = await client.listResults(${q(id)}, ${js(options)});`;
}

/** Shows the source's field label, examples and page sizes (listClassifyJobs: at most 100). */
function renderBatchSource() {
  const source = batchSource();
  show("batch-id-label", source === "configuration" ? "Configuration id (configuration_id)" : "Batch job id");
  for (const option of $("page-size").options) option.disabled = source === "configuration" && Number(option.value) > JOBS_MAX_PAGE_SIZE;
  if ($("page-size").selectedOptions[0]?.disabled) $("page-size").value = String(JOBS_MAX_PAGE_SIZE);
  renderBatchExamples();
}

for (const radio of document.querySelectorAll('input[name="batch-source"]')) {
  radio.addEventListener("change", () => {
    if (!radio.checked) return;
    const list = radio.value === "configuration" ? config.examples?.configurations : config.examples?.batches;
    $("batch-id").value = list?.[0]?.id ?? "";
    renderBatchSource();
    loadResultsPage(0, { push: true });
  });
}

/** Loads page `index` of the batch in the field; `reveal` scrolls the table into view. */
async function loadResultsPage(index, { push = false, reveal: scroll = false } = {}) {
  const id = $("batch-id").value.trim();
  if (!id) return $("batch-id").focus();
  const pageSize = Number($("page-size").value);
  const source = batchSource();
  if (id !== results.loadedId || pageSize !== results.pageSize || source !== results.source) {
    stopStream();
    Object.assign(results, { tokens: [undefined], index: 0, total: null, page: [], all: [], allId: null });
    index = 0;
    if (id !== results.loadedId || source !== results.source) resetStreamStatus();
  }
  results.loadedId = id;
  results.source = source;
  results.pageSize = pageSize;
  if (view === "results") syncUrl(push);
  results.ctl?.abort();
  const ctl = new AbortController();
  results.ctl = ctl;
  const token = results.tokens[index];
  const options = { page_size: pageSize, ...(token ? { page_token: token } : {}) };
  showSnippet("results-call", programFor([
    pageCall(source, id, options),
    source === "configuration"
      ? 'for (const job of page.items) console.log(job.id, job.status, job.result?.type ?? "no match", job.result?.confidence);'
      : 'for (const item of page.items) console.log(item.file_id, item.result?.type ?? "no match", item.result?.confidence);',
    'console.log("next page_token:", page.next_page_token);',
  ]));
  loadingWithStop("page-info", ctl);
  show("results-error");
  $("prev-page").disabled = true;
  $("next-page").disabled = true;
  try {
    const page = source === "configuration"
      ? await client().listClassifyJobs({ configuration_id: id, ...options, signal: ctl.signal })
      : await client().listResults(id, { ...options, signal: ctl.signal });
    if (results.ctl !== ctl) return;
    results.index = index;
    results.page = source === "configuration" ? page.items.map(jobAsItem) : page.items;
    results.total = typeof page.total_size === "number" ? page.total_size : results.total;
    results.tokens[index + 1] = page.next_page_token || null;
    renderResultsTable();
    if (scroll) reveal($("panel-results").querySelector(".pager"));
  } catch (error) {
    if (results.ctl !== ctl) return;
    if (error?.name === "AbortError") return show("page-info", stoppedText(error));
    results.page = [];
    $("results-table").hidden = true;
    show("page-info");
    show("results-error", errorCard(error));
  } finally {
    if (results.ctl === ctl) updatePager();
  }
}

/** "Loading… [Stop]" in `target`: Stop aborts `ctl`, the request's controller. */
function loadingWithStop(target, ctl) {
  show(target, "Loading… ", h("button", { type: "button", class: "ghost small-button", onclick: () => ctl.abort() }, "Stop"));
}

/** What a status line says once the user stopped its request. */
const stoppedText = () => h("span", {}, h("strong", {}, "Stopped"), " (AbortError): nothing more is sent.");

/** Clears what the previous batch's "Load all" left: its count, progress bar, call and charts. */
function resetStreamStatus() {
  show("load-count");
  $("load-progress").hidden = true;
  $("load-progress").value = 0;
  $("load-progress").max = 1;
  showSnippet("stream-call", "");
}

/** The sort and filters of the results table (over the rows loaded so far). */
const resultsView = { sort: "", direction: "ascending", label: "", confidence: "", lastMs: 0 };
/** Rows the table renders at most when it shows every loaded result (the rest: the downloads). */
const MAX_TABLE_ROWS = 500;

/** Whether a sort or a filter is chosen. */
const viewActive = () => Boolean(resultsView.sort || resultsView.label || resultsView.confidence);

/** An item's label as the page names it ("no match": type null; "no result": no result). */
const itemLabel = (item) => (item.result ? item.result.type ?? "no match" : "no result");

/** Whether `item` passes the label and confidence filters. */
function passesFilters(item) {
  if (resultsView.label && itemLabel(item) !== resultsView.label) return false;
  const c = resultsView.confidence;
  if (!c) return true;
  const value = item.result?.confidence;
  if (typeof value !== "number") return false;
  return c === "low" ? value < 0.8 : value >= Number(c);
}

/** Compares two rows by the chosen column ({ item, n } rows; ties keep the batch order). */
function compareRows(a, b) {
  let d = 0;
  if (resultsView.sort === "file") d = String(a.item.file_id ?? "").localeCompare(String(b.item.file_id ?? ""));
  else if (resultsView.sort === "label") d = itemLabel(a.item).localeCompare(itemLabel(b.item));
  else if (resultsView.sort === "confidence") d = (a.item.result?.confidence ?? -1) - (b.item.result?.confidence ?? -1);
  if (resultsView.direction === "descending") d = -d;
  return d || a.n - b.n;
}

/**
 * The rows the view shows: the loaded results (dataset()) filtered and sorted, each with `n`, its
 * position in the batch. Records how long that took in resultsView.lastMs.
 */
function viewRows() {
  const t0 = performance.now();
  const items = dataset();
  const first = items === results.page ? results.index * results.pageSize : 0;
  const rows = [];
  for (let i = 0; i < items.length; i++) if (passesFilters(items[i])) rows.push({ item: items[i], n: first + i + 1 });
  if (resultsView.sort) rows.sort(compareRows);
  resultsView.lastMs = performance.now() - t0;
  return rows;
}

/** The loaded items the view shows (charts and downloads). */
const viewItems = () => (viewActive() ? viewRows().map((r) => r.item) : dataset());

/** Refills the label filter with the labels of the loaded results, keeping the choice. */
function refreshLabelOptions() {
  const select = $("filter-label");
  const labels = [...new Set(dataset().map(itemLabel))].sort();
  if (resultsView.label && !labels.includes(resultsView.label)) labels.push(resultsView.label);
  const wanted = ["", ...labels].join("\n");
  if ([...select.options].map((o) => o.value).join("\n") === wanted) return;
  show(select, h("option", { value: "" }, "All labels"), labels.map((l) => h("option", { value: l }, l)));
  select.value = resultsView.label;
}

/** The program that lists what the filtered, sorted table shows (beside the table). */
function viewSnippet() {
  if (!viewActive()) return showSnippet("view-call", "");
  const id = results.loadedId;
  const streamed = dataset() === results.all && results.all.length > 0;
  const tests = [];
  if (resultsView.label === "no result") tests.push("!item.result");
  else if (resultsView.label === "no match") tests.push("item.result?.type === null");
  else if (resultsView.label) tests.push(`item.result?.type === ${q(resultsView.label)}`);
  if (resultsView.confidence === "low") tests.push("item.result?.confidence < 0.8");
  else if (resultsView.confidence) tests.push(`item.result?.confidence >= ${resultsView.confidence}`);
  const keep = tests.length ? tests.join(" && ") : "true";
  const jobs = results.source === "configuration";
  const file = jobs ? "file_input" : "file_id";
  const key = { file: `(item) => item.${file} ?? ""`, label: "(item) => item.result ? item.result.type ?? \"no match\" : \"no result\"", confidence: "(item) => item.result?.confidence ?? -1" }[resultsView.sort];
  const token = results.tokens[results.index];
  const options = { page_size: results.pageSize, ...(token ? { page_token: token } : {}) };
  const iterate = jobs
    ? `client.iterClassifyJobs(${js({ configuration_id: id, page_size: JOBS_MAX_PAGE_SIZE })})`
    : `client.iterResults(${q(id)}, { page_size: ${STREAM_PAGE_SIZE} })`;
  const body = streamed
    ? ["const shown = [];", `for await (const item of ${iterate}) {`, `  if (${keep}) shown.push(item);`, "}"]
    : [pageCall(results.source, id, options), `const shown = page.items.filter((item) => ${keep});`];
  if (key) {
    const sign = resultsView.direction === "descending" ? "-" : "";
    body.push(`const key = ${key};`,
      resultsView.sort === "confidence"
        ? `shown.sort((a, b) => ${sign}(key(a) - key(b)));`
        : `shown.sort((a, b) => ${sign}String(key(a)).localeCompare(String(key(b))));`);
  }
  body.push(`for (const item of shown) console.log(item.${jobs ? "id, item.status" : "file_id"}, item.result?.type ?? "no match", item.result?.confidence);`,
    "console.log(`${shown.length} shown`);");
  showSnippet("view-call", programFor(body), { note: streamed ? "every loaded result, filtered" : "this page, filtered" });
}

/** Sets the sort to `column` (again: reverses it; a third time: the batch order). */
function sortBy(column) {
  if (resultsView.sort !== column) Object.assign(resultsView, { sort: column, direction: "ascending" });
  else if (resultsView.direction === "ascending") resultsView.direction = "descending";
  else Object.assign(resultsView, { sort: "", direction: "ascending" });
  renderResultsTable();
}

for (const button of document.querySelectorAll("#results-table th button.sort")) {
  button.addEventListener("click", () => sortBy(button.dataset.sort));
}
$("filter-label").addEventListener("change", (e) => { resultsView.label = e.target.value; renderResultsTable(); });
$("filter-confidence").addEventListener("change", (e) => { resultsView.confidence = e.target.value; renderResultsTable(); });

/**
 * Renders the table: the page shown, or — once Load all has loaded the batch and a sort or filter
 * is chosen — every loaded result (the first MAX_TABLE_ROWS), filtered and sorted.
 */
function renderResultsTable() {
  const t0 = performance.now();
  const first = results.index * results.pageSize;
  const items = results.page;
  refreshLabelOptions();
  const all = dataset();
  const rows = viewRows();
  const sortMs = resultsView.lastMs;
  const shownRows = all === results.page ? rows : rows.slice(0, MAX_TABLE_ROWS);
  for (const th of document.querySelectorAll("#results-table th[aria-sort]")) {
    th.setAttribute("aria-sort", th.querySelector("button").dataset.sort === resultsView.sort ? resultsView.direction : "none");
  }
  $("results-table").hidden = items.length === 0;
  show($("results-table").tBodies[0], shownRows.map(({ item, n }) => h("tr", {},
    h("td", { class: "num" }, fmt(n)),
    h("td", { class: "wide" }, item.file_id ? h("code", { title: item.file_id }, `…${item.file_id.slice(-12)}`) : "—"),
    h("td", { class: "label-cell" }, item.result ? (item.result.type === null ? h("em", {}, "no match") : item.result.type) : h("span", { class: "muted", title: "The item carries no result (the file could not be classified, or not yet)" }, "no result")),
    h("td", {}, item.result ? confidenceBar(item.result.confidence) : "—"),
    h("td", { class: "wider reasoning" }, item.result?.reasoning ?? ""))));
  const total = results.total !== null ? ` of ${fmt(results.total)}` : "";
  show("page-info", items.length
    ? `Page ${fmt(results.index + 1)} · results ${fmt(first + 1)}–${fmt(first + items.length)}${total}`
    : `No results${total}`);
  renderData();
  const scope = all === results.page ? "on this page" : "loaded";
  const capped = shownRows.length < rows.length ? ` (the first ${fmt(shownRows.length)} in the table; the downloads hold all)` : "";
  const filterInfo = $("filter-info");
  show(filterInfo, viewActive() ? `Showing ${fmt(rows.length)} of ${fmt(all.length)} results ${scope}${capped}` : "");
  filterInfo.dataset.sortFilterMs = sortMs.toFixed(1);
  filterInfo.dataset.renderMs = (performance.now() - t0).toFixed(1);
  viewSnippet();
}

function updatePager() {
  $("prev-page").disabled = results.index === 0 || !results.loadedId;
  $("next-page").disabled = !results.tokens[results.index + 1];
}

$("results-form").addEventListener("submit", (e) => {
  e.preventDefault();
  results.loadedId = null;
  loadResultsPage(0, { push: true });
});
$("page-size").addEventListener("change", () => results.loadedId && loadResultsPage(0));
$("prev-page").addEventListener("click", () => loadResultsPage(Math.max(0, results.index - 1)));
$("next-page").addEventListener("click", () => loadResultsPage(results.index + 1));

/** What the charts and downloads cover: everything streamed, else the page shown. */
function dataset() {
  return results.all.length && results.allId === results.loadedId ? results.all : results.page;
}

let chartTimer = 0;
function renderData({ force = true } = {}) {
  const loaded = dataset();
  const streamed = loaded === results.all;
  const items = viewActive() ? viewItems() : loaded;
  $("download-csv").disabled = items.length === 0;
  $("download-json").disabled = items.length === 0;
  if (!force && performance.now() - chartTimer < 400) return;
  chartTimer = performance.now();
  $("charts").hidden = items.length === 0;
  if (!items.length) return;
  const counts = new Map();
  const bins = new Array(10).fill(0);
  for (const item of items) {
    if (!item.result) {
      counts.set("no result", (counts.get("no result") || 0) + 1);
      continue;
    }
    const label = item.result.type ?? "no match";
    counts.set(label, (counts.get(label) || 0) + 1);
    bins[Math.min(9, Math.max(0, Math.floor(item.result.confidence * 10)))]++;
  }
  const filtered = viewActive() && items.length !== loaded.length ? `, ${fmt(items.length)} shown by the filter` : "";
  const what = (streamed ? `${fmt(loaded.length)} loaded results` : `the ${fmt(loaded.length)} results on this page`) + filtered;
  show("labels-title", `Labels by count · ${what}`);
  show("hist-title", `Confidence · ${what}`);
  show("labels-chart", labelsChart(counts, "labels-title"));
  show("hist-chart", histogram(bins, "hist-title"));
}

function renderStream() {
  const n = results.all.length;
  const total = results.total;
  const bar = $("load-progress");
  bar.hidden = !results.stream && n === 0;
  if (total) {
    bar.max = total;
    bar.value = Math.min(n, total);
  }
  const state = results.stream ? "Loading" : "Loaded";
  show("load-count", n || results.stream ? `${state} ${fmt(n)}${total ? ` of ${fmt(total)}` : ""} results` : "");
}

async function loadAll() {
  if (results.stream) return;
  const id = $("batch-id").value.trim();
  if (!id) return $("batch-id").focus();
  const source = batchSource();
  if (results.loadedId !== id || results.source !== source || !results.page.length) await loadResultsPage(0, { push: true });
  if (results.loadedId !== id || results.source !== source) return;
  const jobs = source === "configuration";
  let c;
  let iterator;
  const ctl = new AbortController();
  try {
    c = client();
    iterator = jobs
      ? c.iterClassifyJobs({ configuration_id: id, page_size: JOBS_MAX_PAGE_SIZE, signal: ctl.signal })
      : c.iterResults(id, { page_size: STREAM_PAGE_SIZE, signal: ctl.signal });
  } catch (error) {
    show("results-error", errorCard(error));
    return;
  }
  const stream = { ctl, iterator, stopped: false };
  results.stream = stream;
  results.all = [];
  results.allId = id;
  showSnippet("stream-call", programFor(jobs
    ? ["const all = [];",
      `for await (const job of client.iterClassifyJobs(${js({ configuration_id: id, page_size: JOBS_MAX_PAGE_SIZE })})) all.push(job);`,
      "console.log(`${all.length} jobs`);"]
    : ["const all = [];",
      `for await (const item of client.iterResults(${q(id)}, { page_size: ${STREAM_PAGE_SIZE} })) all.push(item);`,
      "console.log(`${all.length} results`);"]), { note: "every page, one after another" });
  $("load-all").disabled = true;
  $("stop-all").disabled = false;
  const t0 = performance.now();
  let last = 0;
  renderStream();
  try {
    for await (const item of iterator) {
      results.all.push(jobs ? jobAsItem(item) : item);
      if (stream.stopped) break;
      const now = performance.now();
      if (now - last > 120) {
        last = now;
        renderStream();
        renderData({ force: false });
      }
    }
    results.stream = null;
    renderStream();
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    show("load-count", stream.stopped
      ? `Stopped: ${fmt(results.all.length)}${results.total ? ` of ${fmt(results.total)}` : ""} results loaded`
      : `Loaded all ${fmt(results.all.length)} results in ${s} s`);
  } catch (error) {
    results.stream = null;
    if (error?.name === "AbortError") {
      show("load-count", `Stopped: ${fmt(results.all.length)}${results.total ? ` of ${fmt(results.total)}` : ""} results loaded`);
    } else {
      renderStream();
      show("results-error", errorCard(error));
    }
  } finally {
    if (results.stream === stream) results.stream = null;
    $("load-all").disabled = false;
    $("stop-all").disabled = true;
    // The table shows every loaded result once a sort or filter is chosen; else only the charts change.
    if (viewActive() && results.allId === results.loadedId && results.page.length) renderResultsTable();
    else {
      refreshLabelOptions();
      renderData();
    }
  }
}

function stopStream() {
  const stream = results.stream;
  if (!stream) return;
  stream.stopped = true;
  stream.ctl.abort();
  stream.iterator.return?.().catch(() => {});
}

$("load-all").addEventListener("click", loadAll);
$("stop-all").addEventListener("click", stopStream);

const CSV_COLUMNS = ["id", "file_id", "label", "confidence", "reasoning", "created_at"];
function csvCell(value) {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function toCsv(items) {
  const rows = items.map((i) => [i.id, i.file_id, i.result ? i.result.type ?? "" : "", i.result?.confidence, i.result?.reasoning, i.created_at]);
  return [CSV_COLUMNS, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
const fileStem = () => `results-${results.loadedId}-${viewItems().length}`;
$("download-csv").addEventListener("click", () => download(`${fileStem()}.csv`, "text/csv", toCsv(viewItems())));
$("download-json").addEventListener("click", () => download(`${fileStem()}.json`, "application/json", `${JSON.stringify(viewItems(), null, 2)}\n`));

// ---- jobs ------------------------------------------------------------------------------------------

const jobsState = { status: "", pageSize: 20, tokens: [undefined], index: 0, total: null, loaded: false, ctl: null };

async function loadJobs(index, { push = false } = {}) {
  const status = $("jobs-status").value;
  const pageSize = Number($("jobs-page-size").value);
  if (status !== jobsState.status || pageSize !== jobsState.pageSize) {
    Object.assign(jobsState, { tokens: [undefined], index: 0, total: null });
    index = 0;
  }
  jobsState.status = status;
  jobsState.pageSize = pageSize;
  jobsState.loaded = true;
  if (view === "jobs") syncUrl(push);
  jobsState.ctl?.abort();
  const ctl = new AbortController();
  jobsState.ctl = ctl;
  const token = jobsState.tokens[index];
  const options = { page_size: pageSize, ...(status ? { status } : {}), ...(token ? { page_token: token } : {}) };
  showSnippet("jobs-call", programFor([
    `const page = await client.listClassifyJobs(${js(options)});`,
    'for (const job of page.items) console.log(job.id, job.status, job.result?.type ?? job.error_message ?? "");',
  ]));
  loadingWithStop("jobs-info", ctl);
  show("jobs-error");
  $("jobs-prev").disabled = true;
  $("jobs-next").disabled = true;
  try {
    const page = await client().listClassifyJobs({ ...options, signal: ctl.signal });
    if (jobsState.ctl !== ctl) return;
    jobsState.index = index;
    jobsState.total = page.total_size ?? null;
    jobsState.tokens[index + 1] = page.next_page_token || null;
    const first = index * pageSize;
    $("jobs-table").hidden = page.items.length === 0;
    show($("jobs-table").tBodies[0], page.items.map((job) => h("tr", {},
      h("td", { class: "id-cell" }, h("a", {
        title: job.id,
        href: `?provider=llamacloud&job=${encodeURIComponent(job.id)}`,
        onclick: (e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          openJob(job.id, { reveal: true });
        },
      }, h("code", {}, job.id))),
      h("td", {}, badge(commonStatus(job.status))),
      job.result ? h("td", { class: "label-cell" }, job.result.type === null ? h("em", {}, "no match") : job.result.type)
        : h("td", {}, job.error_message ? h("span", { class: "error-text small", title: job.error_message }, job.error_message) : h("span", { class: "muted" }, "—")),
      h("td", { class: "wide" }, job.result ? confidenceBar(job.result.confidence) : "—"),
      h("td", { class: "wide" }, when(job.created_at) || "—"))));
    const total = jobsState.total !== null ? ` of ${fmt(jobsState.total)}` : "";
    show("jobs-info", page.items.length ? `Jobs ${fmt(first + 1)}–${fmt(first + page.items.length)}${total}` : `No jobs${status ? ` with status ${status}` : ""}`);
  } catch (error) {
    if (jobsState.ctl !== ctl) return;
    if (error?.name === "AbortError") return show("jobs-info", stoppedText(error));
    $("jobs-table").hidden = true;
    show("jobs-info");
    show("jobs-error", errorCard(error));
  } finally {
    if (jobsState.ctl === ctl) {
      $("jobs-prev").disabled = jobsState.index === 0;
      $("jobs-next").disabled = !jobsState.tokens[jobsState.index + 1];
    }
  }
}

$("jobs-form").addEventListener("submit", (e) => {
  e.preventDefault();
  jobsState.tokens = [undefined];
  loadJobs(0, { push: true });
});
$("jobs-status").addEventListener("change", () => loadJobs(0, { push: true }));
$("jobs-page-size").addEventListener("change", () => loadJobs(0));
$("jobs-prev").addEventListener("click", () => loadJobs(Math.max(0, jobsState.index - 1)));
$("jobs-next").addEventListener("click", () => loadJobs(jobsState.index + 1));

// ---- classify --------------------------------------------------------------------------------------

const rules = [
  { type: "invoice", description: "Bills a customer: an invoice number, line items and an amount due" },
  { type: "receipt", description: "Proof of a completed payment: merchant, date and a total paid" },
  { type: "contract", description: "An agreement between parties with terms and signature blocks" },
];
let classifyRun = null;

function renderRules() {
  const llama = conn.provider === "llamacloud";
  show("rules-legend", llama ? "Rules" : "Categories");
  show("rules-hint", llama
    ? "Each rule: a type (1–50 characters) and a description of what matches (10–2000 characters)."
    : "Each category: a name and, optionally, what documents of it look like.");
  show("add-rule", llama ? "Add rule" : "Add category");
  const noun = llama ? "Rule" : "Category";
  show("rules-list", rules.map((r, i) => h("li", { class: "rule-row" },
    h("label", { class: "field" }, h("span", {}, h("span", { class: "visually-hidden" }, `${noun} ${i + 1} `), llama ? "type" : "name"),
      h("input", { value: r.type, "data-rule": i, "data-key": "type", autocomplete: "off", spellcheck: "false", oninput: (e) => { r.type = e.target.value; e.target.removeAttribute("aria-invalid"); } })),
    h("label", { class: "field grow" }, h("span", {}, h("span", { class: "visually-hidden" }, `${noun} ${i + 1} `), llama ? "description" : "description (optional)"),
      h("input", { value: r.description, "data-rule": i, "data-key": "description", autocomplete: "off", oninput: (e) => { r.description = e.target.value; e.target.removeAttribute("aria-invalid"); } })),
    h("button", {
      type: "button", class: "ghost remove", "aria-label": `Remove ${noun.toLowerCase()} ${i + 1}`, disabled: rules.length === 1,
      onclick: () => {
        rules.splice(i, 1);
        renderRules();
        $("add-rule").focus();
      },
    }, "Remove"))));
}

function renderSource() {
  const url = document.querySelector('input[name="source"]:checked').value === "url";
  $("file-row").hidden = url;
  $("url-row").hidden = !url;
  show("url-label", conn.provider === "llamacloud" ? "File id or URL (file_input)" : "Document URL (file_url)");
  if (!$("classify-url").value) $("classify-url").value = "https://example.com/invoice-2291.pdf";
}

$("add-rule").addEventListener("click", () => {
  rules.push({ type: "", description: "" });
  renderRules();
  $("rules-list").querySelector(`input[data-rule="${rules.length - 1}"]`).focus();
});
for (const radio of document.querySelectorAll('input[name="source"]')) radio.addEventListener("change", renderSource);
$("sample-file").addEventListener("click", () => {
  const transfer = new DataTransfer();
  transfer.items.add(samplePdf());
  $("classify-file").files = transfer.files;
  show("classify-status", "Sample invoice PDF selected.");
});

function stopClassify() {
  classifyRun?.ctl.abort();
}
$("classify-stop").addEventListener("click", stopClassify);

$("classify-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (classifyRun) return;
  const p = conn.provider;
  const llama = p === "llamacloud";
  const byUrl = document.querySelector('input[name="source"]:checked').value === "url";
  const file = byUrl ? null : $("classify-file").files[0] || null;
  const url = byUrl ? $("classify-url").value.trim() : null;
  const list = rules.map((r) => ({ type: r.type.trim(), description: r.description.trim() }));
  let input;
  if (llama) {
    input = { rules: list };
    if (file) input.file = file;
    if (byUrl) input.file_input = url;
  } else {
    input = { categories: list.map((r) => (r.description ? { name: r.type, description: r.description } : { name: r.type })) };
    if (file) input.file = file;
    if (byUrl) input.fileUrl = url;
  }
  const ctl = new AbortController();
  const run = { ctl, job: null };
  classifyRun = run;
  clearInvalid();
  $("classify-submit").disabled = true;
  $("classify-stop").disabled = false;
  show("classify-steps");
  show("classify-view");
  showSnippet("classify-call", classifyProgram(input, file), { section: llama ? "jobs" : "unsiloed" });
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  addStep("classify-steps", llama
    ? file ? `Uploading ${file.name} (${fmt(file.size)} bytes), then creating the job…` : `Creating the job for ${url || "(no input)"}…`
    : `Submitting ${file ? `${file.name} (${fmt(file.size)} bytes)` : url || "(no input)"}…`);
  show("classify-status", "Working…");
  const onProgress = (job) => {
    if (classifyRun !== run) return;
    const id = job.id ?? job.job_id;
    if (!run.job) addStep("classify-steps", h("span", {}, "Job ", h("code", {}, id), " created"));
    run.job = job;
    const v = toClassification(job);
    addStep("classify-steps", h("span", {}, h("span", { class: "t" }, elapsed()), " ", badge(v.status), v.progress ? ` ${v.progress}` : ""), v.status);
    show("classify-view", jobCard(job));
  };
  try {
    const job = await client().classify(input, { ...WAIT, signal: ctl.signal, onProgress });
    const id = job.id ?? job.job_id;
    show("classify-view", jobCard(job), h("p", {}, h("a", {
      href: `?provider=${p}&job=${encodeURIComponent(id)}`,
      onclick: (ev) => {
        ev.preventDefault();
        openJob(id);
      },
    }, "Open this job in Look up")));
    show("classify-status", h("strong", {}, "Classified"), ` in ${elapsed()}.`);
  } catch (error) {
    if (error?.name === "AbortError") {
      show("classify-status", h("strong", {}, "Stopped"), ` after ${elapsed()} (AbortError).`);
    } else {
      show("classify-status", h("strong", {}, error?.name || "Error"), ` after ${elapsed()}.`);
    }
    show("classify-view", error?.job ? jobCard(error.job) : null, errorCard(error));
    markInvalid(error);
  } finally {
    if (classifyRun === run) classifyRun = null;
    $("classify-submit").disabled = false;
    $("classify-stop").disabled = true;
  }
});

/** The program of a classification: the file read from disk in Node, the input, the wait. */
function classifyProgram(input, file) {
  const imports = file ? ['import { readFile } from "node:fs/promises";', 'import { File } from "node:buffer";'] : [];
  const body = file
    ? [`const file = new File([await readFile(${q(`./${file.name}`)})], ${q(file.name)}, { type: ${q(file.type || "application/octet-stream")} });`]
    : [];
  const shown = { ...input, ...(file ? { file: { code: "file" } } : {}) };
  body.push(
    `const job = await client.classify(${js(shown)}, ${js({ intervalMs: WAIT.intervalMs, maxIntervalMs: WAIT.maxIntervalMs, onProgress: { code: "(j) => console.log(j.status)" } })});`,
    PRINT_JOB,
  );
  return programFor(body, { imports });
}

/**
 * Points at the input an InvalidArgumentError names (rules[0].description, categories[1].name,
 * fileUrl, …): marks it invalid, puts the SDK's message under it and focuses it.
 */
function markInvalid(error) {
  if (error?.name !== "InvalidArgumentError" || typeof error.argument !== "string") return;
  const m = /^(?:rules|categories)\[(\d+)\]\.(type|name|description)/.exec(error.argument);
  let el = null;
  if (m) el = $("rules-list").querySelector(`input[data-rule="${m[1]}"][data-key="${m[2] === "name" ? "type" : m[2]}"]`);
  else if (/file|url/i.test(error.argument)) el = document.querySelector('input[name="source"]:checked').value === "url" ? $("classify-url") : $("classify-file");
  if (!el) return;
  const noun = conn.provider === "llamacloud" ? "Rule" : "Category";
  const where = m ? `${noun} ${Number(m[1]) + 1} ${m[2] === "description" ? "description" : conn.provider === "llamacloud" ? "type" : "name"}` : el.labels?.[0]?.textContent.trim() || error.argument;
  const message = String(error.message).replace(/^[\w.[\]]+: /, "");
  const note = h("span", { class: "field-error", id: `${el.id || `rule-${m?.[1]}-${m?.[2]}`}-error` }, `${where}: ${message}`);
  el.setAttribute("aria-invalid", "true");
  el.setAttribute("aria-describedby", note.id);
  el.closest(".field").after(note);
  el.focus();
}

/** Removes the marks markInvalid left. */
function clearInvalid() {
  for (const el of $("classify-form").querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  for (const note of $("classify-form").querySelectorAll(".field-error")) note.remove();
}

// ---- start -----------------------------------------------------------------------------------------

setupSnippets();
restore();
for (const p of PROVIDERS) buildClient(p);
$("batch-id").value = config.examples?.batches?.[0]?.id ?? "";
renderConnect();
// Where Watch listens: `?events=` (e.g. a worker's URL), else the LlamaCloud target's stream.
$("events-url").value = new URLSearchParams(location.search).get("events") ?? targetById(conn.settings.llamacloud.target)?.events ?? "";
renderExamples();
renderRules();
renderSource();
resetLookup();
applyUrl();
syncUrl(false);
renderProviderNotes();
if (phone.matches && !conn.errors[conn.provider]) setConnectOpen(false);
document.body.dataset.ready = "true";
performance.mark("demo-ready");
