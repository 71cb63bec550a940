// Runtime support for classify-sdk's WebAssembly core: the error classes every rejection
// uses, and the timer/abort plumbing the Rust transport drives. Kept in plain JS because
// each piece is a few lines here and kilobytes of closure glue in Rust.

/** Base class of every error the SDK rejects with. */
export class ClassifyError extends Error {}
/** The API answered with a non-success HTTP status. */
export class ApiError extends ClassifyError {}
/** HTTP 400. */
export class BadRequestError extends ApiError {}
/** HTTP 401: the API key is missing or wrong. */
export class AuthenticationError extends ApiError {}
/** HTTP 403. */
export class PermissionDeniedError extends ApiError {}
/** HTTP 402: the account's quota is used up (Unsiloed); `quota` holds the provider's figures. */
export class QuotaExceededError extends ApiError {}
/** HTTP 404. */
export class NotFoundError extends ApiError {}
/** HTTP 409. */
export class ConflictError extends ApiError {}
/** HTTP 422. */
export class UnprocessableEntityError extends ApiError {}
/** HTTP 429. */
export class RateLimitError extends ApiError {}
/** HTTP 5xx. */
export class InternalServerError extends ApiError {}
/** The request never got an HTTP answer (network failure, dropped connection). */
export class ConnectionError extends ClassifyError {}
/** A request or a wait ran out of time. */
export class TimeoutError extends ConnectionError {}
/** The caller's AbortSignal fired. */
export class AbortError extends ClassifyError {}
/** The response was not what the API promises; `field` names where it broke. */
export class DecodeError extends ClassifyError {}
/** Bad input, caught before any request was sent. */
export class InvalidArgumentError extends ClassifyError {}
/** The server's pagination misbehaved (e.g. a page token came back twice). */
export class PaginationError extends ClassifyError {}
/** A polled job ended FAILED or CANCELLED; `job` holds it. */
export class JobFailedError extends ClassifyError {}

const classes = {
  ClassifyError, ApiError, BadRequestError, AuthenticationError, QuotaExceededError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError, DecodeError, InvalidArgumentError, PaginationError,
  JobFailedError,
};
for (const name in classes) {
  Object.defineProperty(classes[name].prototype, "name", { value: name, writable: true, configurable: true });
}

// ---------- limits shared with the Rust core (src/js.rs has the same names) ----------

/** Longest delay a JS timer holds: setTimeout fires at once for anything longer. */
export const MAX_TIMER_MS = 2147483647;
/** Bytes of an error body read; the rest is cancelled unread. */
export const MAX_ERROR_BODY_BYTES = 65536;
/** Characters kept of a message taken from outside (an error body's detail, a fetch error). */
export const MAX_MESSAGE_CHARS = 500;
/** Characters kept of a request id, a header value or an option name in an error. */
export const MAX_SHORT_CHARS = 200;
/** What replaces the configured API key in anything derived from a response. */
export const REDACTED = "[redacted]";

const clampMs = (ms) => (ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms > 0 ? ms : 0);
const cut = (text, max) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * A refusal of bad input, thrown only by the functions below that Rust imports with `catch`.
 * Every other exception inside them is turned into one, so Rust always reads these two
 * strings (neither ever holds an option's value).
 */
class Refusal {
  constructor(argument, problem) {
    this.argument = argument;
    this.problem = problem;
  }
}
const refusal = (error, argument, problem) => (error instanceof Refusal ? error : new Refusal(argument, problem));

// ---------- validation of engine-parsed values (src/decode.rs) ----------

/**
 * The kind of a value, for the Rust validator: 0 undefined, 1 null, 2 string, 3 number,
 * 4 boolean, 5 array, 6 object, 7 other (function, symbol, bigint, or a value that throws
 * when looked at, such as a revoked Proxy).
 */
export function kindOf(value) {
  const type = typeof value;
  if (type !== "object") {
    return type === "undefined" ? 0 : type === "string" ? 2 : type === "number" ? 3 : type === "boolean" ? 4 : 7;
  }
  if (value === null) return 1;
  try {
    return Array.isArray(value) ? 5 : 6;
  } catch {
    return 7;
  }
}

const own = Object.prototype.hasOwnProperty;
/** Stands for a property that throws when read (its kind is 7). */
const UNREADABLE = Symbol("unreadable");
/**
 * `object[name]` when it is the object's own property (never the prototype chain's);
 * `UNREADABLE` when reading it throws (a getter, a Proxy trap).
 */
const ownField = (object, name) => {
  try {
    return own.call(object, name) ? object[name] : undefined;
  } catch {
    return UNREADABLE;
  }
};

/**
 * The kinds of a struct's declared own fields in one call: 3 bits per field, first field
 * lowest (at most 17 fields: 53 exact bits).
 */
export function fieldKinds(object, names) {
  let code = 0;
  for (let i = names.length - 1; i >= 0; i--) code = code * 8 + kindOf(ownField(object, names[i]));
  return code;
}

/**
 * `fieldKinds` for a value not known to be an object yet: the packed kinds when it is one,
 * else `-1 - kindOf(value)`.
 */
export function structKinds(value, names) {
  const kind = kindOf(value);
  return kind === 6 ? fieldKinds(value, names) : -1 - kind;
}

/** `object[names[index]]` when own: one field the Rust validator needs the value of. */
export function fieldValue(object, names, index) {
  return ownField(object, names[index]);
}

/** `array[index]`, or `UNREADABLE` when reading it throws (a Proxy). */
export function elementAt(array, index) {
  try {
    return array[index];
  } catch {
    return UNREADABLE;
  }
}

/** `array.length` as a count of elements to check, 0 when it cannot be read. */
export function lengthOf(array) {
  try {
    const length = array.length;
    return Number.isInteger(length) && length > 0 ? Math.min(length, 4294967295) : 0;
  } catch {
    return 0;
  }
}

/** A number field (`NaN` if it changed under a getter since its kind was read). */
export function fieldNumber(object, names, index) {
  const value = ownField(object, names[index]);
  return typeof value === "number" ? value : NaN;
}

/** A string field, or `undefined` when it is longer than `max` (or no longer a string). */
export function fieldString(object, names, index, max) {
  const text = ownField(object, names[index]);
  return typeof text === "string" && text.length <= max ? text : undefined;
}

/** A string in hand, or `undefined` when it is longer than `max`. */
export function boundedString(text, max) {
  return typeof text === "string" && text.length <= max ? text : undefined;
}

/**
 * An id for a URL path, checked in one call: the string when it is one of at most `max`
 * characters of well-formed UTF-16; else 0 (not a string), 1 (too long) or 2 (a lone
 * surrogate, which would silently become U+FFFD).
 */
export function idText(value, max) {
  if (typeof value !== "string") return 0;
  if (value.length > max) return 1;
  return (typeof value.isWellFormed === "function" ? value.isWellFormed() : wellFormed(value)) ? value : 2;
}
/** `String.prototype.isWellFormed` for runtimes without it. */
function wellFormed(text) {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
}

// ---------- the caller's options (src/options.rs) ----------

const normalized = (name) => name.toLowerCase().replace(/_/g, "");

/** Why `key` is not an option here, with a hint when a known name is spelled alike. */
function unknownOption(key, lists, elsewhere) {
  const wanted = normalized(key);
  const isElsewhere = elsewhere !== undefined && elsewhere.includes(key);
  for (const list of lists) {
    for (const name of list) {
      if (normalized(name) === wanted) {
        return isElsewhere
          ? `is set on the client; per call use "${name}", or set ${key} on the client`
          : `is not an option; did you mean "${name}"?`;
      }
    }
  }
  return isElsewhere ? `is set on the client, not per call` : "is not an option";
}

/**
 * The caller's options as a plain snapshot: own enumerable string keys only (a polluted
 * `Object.prototype` adds nothing), each getter called once, every key one of the names in
 * `lists` (an array of name arrays); `elsewhere` holds names accepted elsewhere, for hints. `undefined`/`null` mean "all defaults" (returns `undefined`). Throws a `Refusal`
 * naming the key (never its value) for an unknown key, a getter that throws, or an object
 * that cannot be read at all (a revoked Proxy).
 */
export function readOptions(options, lists, elsewhere) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") throw new Refusal("options", "must be an object");
  let keys;
  try {
    keys = Object.keys(options);
  } catch {
    throw new Refusal("options", "could not be read");
  }
  const snapshot = Object.create(null);
  for (const key of keys) {
    const shown = cut(key, 64);
    if (!lists.some((names) => names.includes(key))) {
      throw new Refusal(shown, unknownOption(key, lists, elsewhere));
    }
    try {
      snapshot[key] = options[key];
    } catch {
      throw new Refusal(shown, "could not be read (its getter threw)");
    }
  }
  return snapshot;
}

const isBlob = (value) => typeof Blob === "function" && value instanceof Blob;

/**
 * A deep copy of API parameters as plain data: objects (own enumerable keys, into objects
 * without a prototype, so a `__proto__` key is just a key), arrays, strings, numbers,
 * booleans and null; `Blob`s and `File`s are kept as they are. Getters are called once.
 * At most 16 levels and 10,000 values. Refuses anything else, naming the path to it.
 */
function plainCopy(value, path, budget, depth) {
  const type = typeof value;
  if (value === null || value === undefined || type === "string" || type === "boolean" || type === "number") return value;
  if (type !== "object") throw new Refusal(path, "must be JSON data (not a function, symbol or bigint)");
  if (isBlob(value)) return value;
  if (depth > 16) throw new Refusal(path, "is nested more than 16 levels deep");
  if (--budget.left < 0) throw new Refusal(path, "holds more than 10,000 values");
  if (Array.isArray(value)) {
    const out = [];
    const length = value.length;
    for (let i = 0; i < length; i++) out.push(plainCopy(value[i], `${path}[${i}]`, budget, depth + 1));
    return out;
  }
  const out = Object.create(null);
  for (const key of Object.keys(value)) out[key] = plainCopy(value[key], `${path}.${cut(key, 64)}`, budget, depth + 1);
  return out;
}

/**
 * API parameters (`argument` names them in errors): like `readOptions`, and every value is
 * a `plainCopy`, so what is validated is what is sent; values of the keys in `shallow` (SDK
 * options given beside the parameters, such as `signal`) are kept as they are.
 */
export function readParams(params, lists, argument, shallow) {
  if (params === undefined || params === null) return undefined;
  const snapshot = readOptions(params, lists, undefined);
  const budget = { left: 10000 };
  try {
    for (const key of Object.keys(snapshot)) {
      if (shallow === undefined || !shallow.includes(key)) snapshot[key] = plainCopy(snapshot[key], key, budget, 1);
    }
  } catch (error) {
    throw refusal(error, argument, "could not be read");
  }
  return snapshot;
}

/** A `plainCopy` of any value (`argument` names it in errors). */
export function plainData(value, argument) {
  try {
    return plainCopy(value, argument, { left: 10000 }, 0);
  } catch (error) {
    throw refusal(error, argument, "could not be read");
  }
}

/** The own property at a dotted `path`, or `undefined` (also when reading it throws). */
export function pluck(object, path) {
  let value = object;
  for (const name of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = ownField(value, name);
    if (value === UNREADABLE) return undefined;
  }
  return value;
}

/** The first own key of a plain-data object that is not in `names`, or `undefined`. */
export function unknownKey(object, names) {
  for (const key of Object.keys(object)) if (!names.includes(key)) return cut(key, 64);
  return undefined;
}

/** A random UUID (v4) for idempotency keys, also where `crypto.randomUUID` is missing (insecure pages). */
export function randomId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON text of validated plain data. */
export function jsonText(value) {
  return JSON.stringify(value);
}

/** `value` when it is an `AbortSignal` of this realm, `undefined` when absent; else refuses. */
export function asSignal(value) {
  if (value === undefined || value === null) return undefined;
  try {
    if (typeof AbortSignal === "function" && value instanceof AbortSignal) return value;
  } catch {
    // A Proxy whose prototype cannot be read: refused below.
  }
  throw new Refusal("signal", "must be an AbortSignal");
}

/**
 * The `headers` option as a flat list `[name, value, …]` of strings, from a plain object, a
 * `Headers` or an array of `[name, value]` pairs; `undefined`/`null` entries are skipped.
 * Refuses other shapes, non-string values and more than 100 entries (never echoing a value).
 */
export function headerList(headers) {
  const out = [];
  if (headers === undefined || headers === null) return out;
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    if (typeof name !== "string" || typeof value !== "string") throw new Refusal("headers", "names and values must be strings");
    if (out.length >= 200) throw new Refusal("headers", "must have at most 100 entries");
    out.push(name, value);
  };
  try {
    if (typeof headers !== "object") throw new Refusal("headers", "must be an object, a Headers or an array of [name, value] pairs");
    if (typeof Headers === "function" && headers instanceof Headers) headers.forEach((value, name) => add(name, value));
    else if (Array.isArray(headers)) for (const pair of headers) add(pair[0], pair[1]);
    else for (const name of Object.keys(headers)) add(name, headers[name]);
  } catch (error) {
    throw refusal(error, "headers", "could not be read");
  }
  return out;
}

/** The refused argument of a `Refusal` (Rust reads both fields after a caught throw). */
export function refusalArgument(error) {
  return error instanceof Refusal ? String(error.argument) : "options";
}

/** The problem of a `Refusal`. */
export function refusalProblem(error) {
  return error instanceof Refusal ? String(error.problem) : "could not be read";
}

// ---------- errors (src/error.rs) ----------

/** Called by the Rust core: one constructor for every error that reaches JS. */
export function createError(name, message, props) {
  const err = new (classes[name] || ClassifyError)(message);
  if (props) Object.assign(err, props);
  return err;
}

/** `text` with every occurrence of `secret` replaced by `[redacted]`. */
function scrubText(text, secret) {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/**
 * A parsed error body with the secret scrubbed from every string and key; nesting deeper
 * than 32 levels or more than 10,000 values are cut (the body came from at most 64 KiB).
 */
function scrubValue(value, secret) {
  let budget = 10000;
  const walk = (node, depth) => {
    if (typeof node === "string") return scrubText(node, secret);
    if (node === null || typeof node !== "object") return node;
    if (depth > 32 || --budget < 0) return "[truncated]";
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const out = {};
    for (const key of Object.keys(node)) out[scrubText(key, secret)] = walk(node[key], depth + 1);
    return out;
  };
  return walk(value, 0);
}

/** Response headers never copied into an error: they carry credentials. */
const SECRET_HEADERS = new Set(["set-cookie", "set-cookie2", "authorization", "proxy-authorization", "cookie"]);

/**
 * Everything an `ApiError` carries, from a non-success response and its (capped) body text:
 * `body` (the parsed `detail`, else the parsed body, else the text), `code`, `requestId`,
 * `headers` (credential headers left out), and `detail`, the text for the message. The
 * configured key is `[redacted]` everywhere; texts are capped. Never throws.
 */
export function apiErrorParts(response, text, secret) {
  if (typeof text !== "string") text = "";
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json === null || typeof json !== "object") json = undefined;
  const string = (value) => (typeof value === "string" ? value : undefined);
  let body;
  let detail;
  let code;
  if (json !== undefined) {
    const error = json.error;
    const nested = error !== null && typeof error === "object" ? error : undefined;
    code = string(json.code) ?? string(nested && nested.code);
    const fromDetail = json.detail;
    const detailObject = fromDetail !== null && typeof fromDetail === "object" && !Array.isArray(fromDetail) ? fromDetail : undefined;
    detail = string(fromDetail) ?? string(detailObject && detailObject.message) ?? string(json.message) ?? string(error) ?? string(nested && nested.message)
      ?? (Array.isArray(fromDetail) && fromDetail[0] !== null && typeof fromDetail[0] === "object" ? string(fromDetail[0].msg) : undefined);
    body = scrubValue(fromDetail === undefined ? json : fromDetail, secret);
  } else {
    body = scrubText(text, secret);
    const trimmed = text.trim();
    if (trimmed && !trimmed.startsWith("<")) detail = text;
  }
  const headers = {};
  let requestId;
  try {
    let count = 0;
    response.headers.forEach((value, name) => {
      if (SECRET_HEADERS.has(name) || ++count > 100) return;
      headers[name] = cut(scrubText(value, secret), 1024);
    });
    requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
  } catch {
    // A response whose headers cannot be read keeps none.
  }
  const parts = {
    body,
    code: code === undefined ? undefined : cut(scrubText(code, secret), MAX_SHORT_CHARS),
    requestId: requestId === undefined ? undefined : cut(scrubText(requestId, secret), MAX_SHORT_CHARS),
    headers,
    detail: detail === undefined ? undefined : cut(scrubText(detail, secret).replace(/\s+/g, " ").trim(), MAX_MESSAGE_CHARS),
  };
  // Unsiloed's 402: `detail.quota_data` ({current, limit, remaining}).
  if (body !== null && typeof body === "object" && body.quota_data !== undefined) parts.quota = body.quota_data;
  return parts;
}

/** Takes `detail` out of `apiErrorParts`' result (Rust reads it as a string for the message). */
export function partsDetail(parts) {
  const detail = parts.detail;
  delete parts.detail;
  return detail;
}

/**
 * The message of anything thrown or rejected from outside (a custom fetch, a body stream),
 * capped and with the secret scrubbed. Never throws, even for an Error whose `message`
 * getter does.
 */
export function messageOf(value, secret) {
  let text = "";
  try {
    if (typeof value === "string") text = value;
    else if (value !== null && typeof value === "object") {
      const message = value.message;
      if (typeof message === "string") text = message;
    }
  } catch {
    text = "";
  }
  return cut(scrubText(text, secret), MAX_MESSAGE_CHARS);
}

// ---------- one request attempt (src/transport.rs) ----------

/**
 * Signals shared by many calls get one "abort" listener each, which fans out to the calls
 * (Node warns past 10 listeners on one signal). Returns the function that unsubscribes.
 */
const abortWatchers = new WeakMap();
function onAbort(signal, callback) {
  let watchers = abortWatchers.get(signal);
  if (watchers === undefined) {
    watchers = new Set();
    const fire = () => {
      abortWatchers.delete(signal);
      for (const watcher of watchers) watcher();
    };
    watchers.fire = fire;
    abortWatchers.set(signal, watchers);
    signal.addEventListener("abort", fire, { once: true });
  }
  watchers.add(callback);
  return () => {
    watchers.delete(callback);
    if (watchers.size === 0 && abortWatchers.get(signal) === watchers) {
      abortWatchers.delete(signal);
      signal.removeEventListener("abort", watchers.fire);
    }
  };
}

/**
 * One attempt's request options and abort wiring, in one call from Rust: a `RequestInit`
 * whose signal aborts on the caller's signal or after `timeoutMs` (clamped to what a timer
 * holds), and `signalled`, a promise that settles when it does, so the attempt can be raced
 * against it: a `fetch` that ignores its signal cannot outlive the deadline. Redirects are
 * not followed by the runtime (see `redirectTarget`). `body` is a JSON text (sent with
 * `content-type: application/json`), a `FormData` or `undefined`; `extraHeaders` a flat
 * `[name, value, …]` list for this request only. The client's headers are shared between
 * requests; `copyHeaders` gives a caller's own `fetch` a copy to keep. `finish()`
 * stops the timer and the listener and tells why the signal fired (0 = it did not,
 * 1 = caller, 2 = timeout).
 */
export function beginAttempt(headers, copyHeaders, method, body, extraHeaders, credentials, userSignal, timeoutMs) {
  const controller = new AbortController();
  let why = 0;
  let timer;
  let unsubscribe;
  let settle;
  const signalled = new Promise((resolve) => { settle = resolve; });
  const stop = (reason) => {
    if (why) return;
    why = reason;
    controller.abort();
    settle();
  };
  if (userSignal) {
    if (userSignal.aborted) stop(1);
    else unsubscribe = onAbort(userSignal, () => stop(1));
  }
  if (!why) timer = setTimeout(() => stop(2), clampMs(timeoutMs));
  const json = typeof body === "string";
  let sent = headers;
  if (copyHeaders || json || extraHeaders !== undefined) {
    sent = new Headers(headers);
    // A FormData body gets its multipart boundary from the runtime.
    if (json) sent.set("content-type", "application/json");
    if (extraHeaders !== undefined) for (let i = 0; i + 1 < extraHeaders.length; i += 2) sent.set(extraHeaders[i], extraHeaders[i + 1]);
  }
  const init = { method, headers: sent, signal: controller.signal, redirect: "manual" };
  if (body !== undefined) init.body = body;
  if (credentials !== undefined) init.credentials = credentials;
  return {
    init,
    signalled,
    finish() {
      clearTimeout(timer);
      if (unsubscribe) unsubscribe();
      return why;
    },
  };
}

/**
 * Calls a caller's `fetch` and turns whatever it resolves with into a native `Response`
 * (a polyfilled Response is read through its `status`, `headers` and `text()`). Rejects with
 * a string (the reason, capped and scrubbed) for anything that is not a response with an
 * HTTP status from 200 to 599; never with the caller's own value.
 */
export async function callFetch(fetch, url, init, secret) {
  let value;
  try {
    value = await fetch(url, init);
  } catch (error) {
    throw messageOf(error, secret) || "the custom fetch rejected";
  }
  try {
    if (typeof Response === "function" && value instanceof Response) return value;
  } catch {
    // A Proxy: read it as a plain object below.
  }
  const junk = "the custom fetch did not resolve to a Response";
  try {
    if (value === null || typeof value !== "object") throw junk;
    const status = value.status;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw junk;
    const headers = new Headers();
    const given = value.headers;
    if (given !== undefined && given !== null) {
      headerList(given).forEach((item, i, list) => { if (i % 2 === 0) headers.append(item, list[i + 1]); });
    }
    let text;
    if (typeof value.text === "function") text = await value.text();
    else if (typeof value.json === "function") text = JSON.stringify(await value.json());
    if (typeof text !== "string") throw junk;
    return new Response(status === 204 || status === 205 || status === 304 ? null : text, { status, headers });
  } catch {
    throw junk;
  }
}

/**
 * Where a redirect response points when that is on the same origin as `url` (followed with
 * the same credentials); `""` when it points elsewhere or cannot be read (in browsers a
 * redirect is opaque): credentials never follow a redirect to another origin.
 */
export function redirectTarget(response, url) {
  try {
    const location = response.headers.get("location");
    if (!location) return "";
    const from = new URL(url);
    const to = new URL(location, from);
    return to.origin === from.origin ? to.href : "";
  } catch {
    return "";
  }
}

/**
 * At most `max` bytes of a body as text (the rest is cancelled unread), so a huge error
 * body never reaches wasm memory. Resolves `""` when the body cannot be read.
 */
export async function readCapped(response, max) {
  try {
    const stream = response.body;
    if (stream === null) return "";
    const reader = stream.getReader();
    const chunks = [];
    let size = 0;
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    if (size >= max) reader.cancel().catch(() => {});
    const bytes = new Uint8Array(Math.min(size, max));
    let at = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, bytes.length - at);
      bytes.set(part, at);
      at += part.length;
      if (at >= bytes.length) break;
    }
    return new TextDecoder().decode(bytes);
  } catch {
    return "";
  }
}

/**
 * Resolves after `ms` (clamped to what a timer holds), or rejects with `undefined` at once
 * when `signal` aborts.
 */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject();
    let unsubscribe;
    const timer = setTimeout(() => {
      if (unsubscribe) unsubscribe();
      resolve();
    }, clampMs(ms));
    if (signal) {
      unsubscribe = onAbort(signal, () => {
        clearTimeout(timer);
        reject();
      });
    }
  });
}

/**
 * Wraps the Rust page iterator as an async iterable whose next() calls never overlap. After
 * the last page, an error, `return()` or `throw(error)` (which rejects with `error`), the Rust
 * iterator is freed once and `next()` reports done.
 */
export function pageIterable(pages) {
  let last = Promise.resolve();
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      pages.free();
    }
  };
  const run = () => {
    if (finished) return { done: true, value: undefined };
    return pages.next().then(
      (page) => {
        if (page === undefined) finish();
        return { done: page === undefined, value: page };
      },
      (error) => {
        finish();
        throw error;
      },
    );
  };
  return {
    next() {
      const result = last.then(run, run);
      last = result.catch(() => {});
      return result;
    },
    async return(value) {
      // Earlier calls settle first.
      await last;
      finish();
      return { done: true, value };
    },
    async throw(error) {
      await last;
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

/**
 * Every item of every page, one page in memory at a time. `next()` answers from the page in
 * hand without an async generator's per-item round trips. Calls queue behind an unsettled one
 * (a page being fetched), so overlapping calls get consecutive items in call order. After an
 * error or the last page, `next()` reports done.
 */
export function itemIterable(pages) {
  let items = [];
  let index = 0;
  let finished = false;
  let last = null; // the latest next() that has not settled, when there is one
  const finish = () => {
    if (!finished) {
      finished = true;
      items = [];
      pages.free();
    }
  };
  const step = () => {
    if (index < items.length) return { done: false, value: items[index++] };
    if (finished) return { done: true, value: undefined };
    return pages.next().then(
      (page) => {
        if (finished) return step(); // return() came first
        if (page === undefined) finish();
        else { items = page.items; index = 0; }
        return step();
      },
      (error) => {
        finish();
        throw error;
      },
    );
  };
  return {
    next() {
      let result;
      if (last === null) {
        const answer = step();
        if (!(answer instanceof Promise)) return Promise.resolve(answer);
        result = answer;
      } else {
        result = last.then(step, step);
      }
      const settled = result.then(() => {}, () => {});
      last = settled;
      settled.then(() => { if (last === settled) last = null; });
      return result;
    },
    async return(value) {
      // Earlier calls settle first.
      if (last !== null) await last;
      finish();
      return { done: true, value };
    },
    async throw(error) {
      if (last !== null) await last;
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

/**
 * Makes a freed object's methods fail with a typed `InvalidArgumentError` (argument `this`)
 * instead of wasm-bindgen's "null pointer passed to rust", which is thrown from inside wasm.
 * Methods in `asyncMethods` reject; those in `syncMethods` throw. Called once by each entry.
 */
export function guardFreed(Class, asyncMethods, syncMethods) {
  const freed = () =>
    createError("InvalidArgumentError", "this: the object was freed (free() was called) or the method was called on something else", { argument: "this" });
  const proto = Class.prototype;
  for (const name of asyncMethods) {
    const method = proto[name];
    proto[name] = function (a, b) {
      return this && this.__wbg_ptr ? method.call(this, a, b) : Promise.reject(freed());
    };
  }
  for (const name of syncMethods) {
    const method = proto[name];
    proto[name] = function (a, b) {
      if (this && this.__wbg_ptr) return method.call(this, a, b);
      throw freed();
    };
  }
  const free = proto.free;
  // A second free() is a no-op.
  proto.free = function () {
    if (this && this.__wbg_ptr) free.call(this);
  };
}
