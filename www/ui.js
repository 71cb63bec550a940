// DOM helpers and the views every panel shares: a job card (through the SDK's common view,
// `toClassification`, so both providers render alike), an error card, badges and bars.
import { toClassification } from "classify-sdk";

/** Creates an element: h("p", { class: "x", onclick }, "text", child, …). */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith("svg:");
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "style") Object.assign(el.style, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export const $ = (id) => document.getElementById(id);

/** Replaces the children of an element. */
export function show(target, ...children) {
  const el = typeof target === "string" ? $(target) : target;
  el.replaceChildren();
  append(el, children);
  return el;
}

const number = new Intl.NumberFormat("en");
export const fmt = (n) => number.format(n);
export const percent = (x) => `${Math.round(x * 100)} %`;

/** "3 min ago" (with the exact time in the title). */
export function when(iso) {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return h("span", {}, iso);
  const s = Math.round((Date.now() - ms) / 1000);
  const ago = Math.abs(s);
  const text = ago < 45 ? (s >= 0 ? "just now" : "in a moment")
    : ago < 3600 ? `${Math.round(ago / 60)} min`
    : ago < 86400 ? `${Math.round(ago / 3600)} h`
    : `${Math.round(ago / 86400)} d`;
  const label = ago < 45 ? text : s >= 0 ? `${text} ago` : `in ${text}`;
  return h("time", { datetime: iso, title: new Date(ms).toLocaleString() }, label);
}

const STATUS_CLASS = { queued: "queued", running: "running", completed: "completed", failed: "failed", cancelled: "cancelled" };

/** A status badge of the common view's status (an unknown raw status shows as is). */
export function badge(status) {
  const known = STATUS_CLASS[status];
  return h("span", { class: `badge ${known || "unknown"}`, "data-status": status }, status);
}

/** The common status of a LlamaCloud status (for lists of raw jobs). */
export function commonStatus(raw) {
  return { PENDING: "queued", RUNNING: "running", COMPLETED: "completed", FAILED: "failed", CANCELLED: "cancelled" }[raw] || raw;
}

/**
 * The colour band of a confidence (0–1), shared by the tables' bars and the histogram:
 * high from 0.8, mid from 0.5, low below.
 */
export function confidenceLevel(value) {
  return value >= 0.8 ? "high" : value >= 0.5 ? "mid" : "low";
}

/** A confidence bar with its figure (coloured by `confidenceLevel`). */
export function confidenceBar(value, label = "Confidence") {
  if (typeof value !== "number") return h("span", { class: "muted" }, "—");
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  const fill = h("span", { class: "fill" });
  fill.style.width = `${pct}%`;
  const level = confidenceLevel(value);
  return h("span", { class: `conf ${level}` },
    h("span", { class: "bar", role: "meter", "aria-label": label, "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct, "aria-valuetext": `${pct} %` }, fill),
    h("span", { class: "pct" }, `${pct} %`));
}

export const PROVIDER_NAMES = { llamacloud: "LlamaCloud", unsiloed: "Unsiloed" };

function fact(term, ...value) {
  return [h("dt", {}, term), h("dd", {}, ...value)];
}

/** A job of either provider, rendered from `toClassification(job)`. */
export function jobCard(job) {
  const view = toClassification(job);
  const raw = view.raw;
  const terminal = ["completed", "failed", "cancelled"].includes(view.status);
  const label = view.label !== null ? h("strong", { class: "label" }, view.label)
    : view.status === "completed" ? h("em", {}, view.provider === "llamacloud" ? "no rule matched" : "none")
    : h("span", { class: "muted" }, terminal ? "—" : "not yet");
  const facts = [
    ...fact("Label", label),
    ...fact("Confidence", confidenceBar(view.confidence)),
  ];
  if (view.reasoning) facts.push(...fact("Reasoning", view.reasoning));
  if (view.progress) facts.push(...fact("Progress", view.progress));
  if (view.error) facts.push(...fact("Error", h("span", { class: "error-text" }, view.error)));
  if (view.provider === "llamacloud") {
    if (raw.created_at) facts.push(...fact("Created", when(raw.created_at), h("span", { class: "muted" }, ` · ${raw.created_at}`)));
    if (raw.updated_at) facts.push(...fact("Updated", when(raw.updated_at), h("span", { class: "muted" }, ` · ${raw.updated_at}`)));
    const input = raw.file_input ?? raw.document_input_value;
    if (input) facts.push(...fact("Input", h("code", {}, input), h("span", { class: "muted" }, ` (${raw.document_input_type})`)));
    if (raw.configuration_id) facts.push(...fact("Configuration", h("code", {}, raw.configuration_id)));
  } else if (raw.result) {
    const r = raw.result;
    if (typeof r.total_pages === "number") facts.push(...fact("Pages", `${r.processed_pages ?? "?"} of ${r.total_pages} processed`));
  }
  if (view.status !== commonStatus(raw.status) || !STATUS_CLASS[view.status]) facts.push(...fact("Raw status", h("code", {}, raw.status)));

  const sections = [];
  const rules = view.provider === "llamacloud" ? raw.configuration?.rules || [] : [];
  if (rules.length) {
    sections.push(h("div", { class: "sub" },
      h("h4", {}, `Rules (${rules.length})`),
      h("div", { class: "table-wrap" }, h("table", { class: "data rules-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Description"))),
        h("tbody", {}, rules.map((r) => h("tr", { class: r.type === view.label ? "match" : null },
          h("td", {}, h("code", {}, r.type), r.type === view.label ? h("span", { class: "tag" }, " matched") : null),
          h("td", {}, r.description))))))));
  }
  if (view.pages.length) {
    const pageErrors = new Map((raw.result?.page_results || []).map((p) => [p.page, p.error]));
    sections.push(h("div", { class: "sub" },
      h("h4", {}, `Pages (${view.pages.length})`),
      h("div", { class: "table-wrap" }, h("table", { class: "data pages-table" },
        h("thead", {}, h("tr", {}, ["Page", "Label", "Confidence", "Status"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, view.pages.map((p) => h("tr", { class: p.success ? null : "page-failed" },
          h("td", {}, String(p.page)),
          h("td", { class: "label-cell" }, p.label),
          h("td", {}, confidenceBar(p.confidence, `Page ${p.page} confidence`)),
          h("td", {}, p.success ? h("span", { class: "ok" }, "ok") : h("span", { class: "error-text" }, pageErrors.get(p.page) || "failed")))))))));
  }
  const rawJson = h("details", { class: "raw" }, h("summary", {}, "Raw JSON"), h("pre", { tabindex: 0 }, JSON.stringify(raw, null, 2)));
  return h("article", { class: "job", "aria-label": `${PROVIDER_NAMES[view.provider]} job ${view.id}`, "data-status": view.status },
    h("header", { class: "job-head" },
      badge(view.status),
      h("h3", {}, h("code", {}, view.id)),
      h("span", { class: "provider muted" }, PROVIDER_NAMES[view.provider])),
    h("dl", { class: "facts" }, facts),
    sections,
    rawJson);
}

const HINTS = {
  AuthenticationError: "The API refused the key: check it under Connect (or the proxy's key).",
  PermissionDeniedError: "The key (or the proxy's policy) does not allow this.",
  NotFoundError: "No job with this id here: check the id and the provider.",
  QuotaExceededError: "The account's quota is used up.",
  RateLimitError: "Too many requests: the SDK retried with the server's delay and gave up.",
  ConnectionError: "No answer: is the base URL right and the server up (and does it allow this page's origin)?",
  TimeoutError: "No answer in time.",
  InvalidArgumentError: "Refused before sending: nothing reached the API.",
  DecodeError: "The server answered something that is not what the API documents.",
  AbortError: "Stopped here; nothing more is sent.",
  JobFailedError: "The job ended without a result.",
  UnprocessableEntityError: "The API refused the request's parameters.",
  InternalServerError: "The server failed (the SDK retried first).",
};

/** An SDK error: its name, HTTP status, request id, message and what it means. */
export function errorCard(error) {
  const name = error?.name || "Error";
  const facts = [];
  if (typeof error?.status === "number") facts.push(...fact("HTTP status", String(error.status)));
  else if (typeof error?.status === "string") facts.push(...fact("Job status", error.status));
  if (error?.requestId) facts.push(...fact("Request id", h("code", {}, error.requestId)));
  if (error?.argument) facts.push(...fact("Argument", h("code", {}, error.argument)));
  if (error?.field) facts.push(...fact("Field", h("code", {}, error.field)));
  if (typeof error?.attempts === "number" && error.attempts > 1) facts.push(...fact("Attempts", String(error.attempts)));
  return h("div", { class: "error-card", role: "alert", "data-error": name },
    h("p", { class: "error-title" }, h("strong", { class: "error-name" }, name),
      typeof error?.status === "number" ? h("span", { class: "muted" }, ` · HTTP ${error.status}`) : null),
    h("p", { class: "error-message" }, String(error?.message ?? error)),
    facts.length ? h("dl", { class: "facts small" }, facts) : null,
    HINTS[name] ? h("p", { class: "muted hint" }, HINTS[name]) : null);
}

/** Saves data as a file through a temporary object URL. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
