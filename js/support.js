// Runtime support for classify-sdk's WebAssembly core (src/js.rs imports every function here).
//
// The rule of the split: JS touches hostile objects and engine-native behaviour; Rust decides
// and keeps state. So this file holds what must run in the engine: reading values a caller or
// a server handed over (own properties only, getters and Proxies contained, natives captured
// at load), timers, signals and `fetch`, and building the objects a caller receives. What to
// check, what to send, when to retry and what a failure means are decided in Rust.
//
// Its concerns, in order: the error classes every rejection uses; the limits and codes shared
// with the Rust core (same names and values there; scripts/check-package.mjs compares them);
// validation reads of engine-parsed values (src/validation.rs); the caller's options
// (src/options.rs); error bodies and API errors; the attempt's abort, timer and fetch
// plumbing (src/transport.rs); iterators over pages; the observer (`observe`); the per-call
// extras of `withResponse()` and the pace of job creations (`classifyMany`).

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
/** A webhook delivery's signature is missing, malformed or does not match; `reason` says which. */
export class WebhookSignatureError extends ClassifyError {}
/** A proxy token is malformed, forged or expired; `reason` says which. */
export class ProxyTokenError extends ClassifyError {}

const classes = {
  ClassifyError, ApiError, BadRequestError, AuthenticationError, QuotaExceededError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError, DecodeError, InvalidArgumentError, PaginationError,
  JobFailedError, WebhookSignatureError, ProxyTokenError,
};
for (const name in classes) {
  Object.defineProperty(classes[name].prototype, "name", { value: name, writable: true, configurable: true });
}

// ---------- limits and codes shared with the Rust core (src/js.rs has the same names) ----------

/** `kindOf`: what a value is, for the Rust validator. */
const KIND_UNDEFINED = 0;
const KIND_NULL = 1;
const KIND_STRING = 2;
const KIND_NUMBER = 3;
const KIND_BOOLEAN = 4;
const KIND_ARRAY = 5;
const KIND_OBJECT = 6;
/** Not a JSON value: a function, symbol, bigint, or a value that throws when looked at. */
const KIND_OTHER = 7;
/** `beginAttempt`'s `finish()`: why the attempt's signal fired. */
const NOT_ABORTED = 0;
const ABORTED_BY_CALLER = 1;
const ABORTED_BY_TIMEOUT = 2;
/** `idText`: why an id was refused. */
const ID_NOT_STRING = 0;
const ID_TOO_LONG = 1;
const ID_LONE_SURROGATE = 2;
/** `observe`: what happened. */
const OBSERVED_REQUEST = 0;
const OBSERVED_ANSWER = 1;
const OBSERVED_FAILURE = 2;
const OBSERVED_RETRY = 3;
const OBSERVED_GAVE_UP = 4;

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

/**
 * Native getters and methods, captured when the module loads, so an object's own properties
 * (or a polluted prototype) cannot stand in for them, and a fake object fails their brand
 * check (they throw for anything that is not the real thing).
 */
const getterOf = (Class, name) => {
  // Up the prototype chain: some runtimes (workerd) define `Response#body` on a parent.
  for (let proto = typeof Class === "function" ? Class.prototype : null; proto !== null; proto = Object.getPrototypeOf(proto)) {
    const found = Object.getOwnPropertyDescriptor(proto, name);
    if (found) return found.get;
  }
  return undefined;
};
/**
 * The natives, looked up on first use: in Node, touching `Response`, `Blob` or `AbortSignal`
 * at start-up loads the fetch implementation (≈ 15 ms of every process's start).
 */
let nativeCache;
const natives = () =>
  (nativeCache ??= {
    signalAborted: getterOf(globalThis.AbortSignal, "aborted"),
    addListener: globalThis.EventTarget?.prototype.addEventListener,
    removeListener: globalThis.EventTarget?.prototype.removeEventListener,
    responseStatus: getterOf(globalThis.Response, "status"),
    responseHeaders: getterOf(globalThis.Response, "headers"),
    responseBody: getterOf(globalThis.Response, "body"),
    blobSize: getterOf(globalThis.Blob, "size"),
    fileName: getterOf(globalThis.File, "name"),
  });
/** Sets `key` as an own data property (never calling a setter a polluted prototype may hold). */
const define = (target, key, value) =>
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });

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

// ---------- validation of engine-parsed values (src/validation.rs) ----------

/** The kind of a value (a `KIND_` code), for the Rust validator. */
export function kindOf(value) {
  const type = typeof value;
  if (type !== "object") {
    return type === "undefined" ? KIND_UNDEFINED : type === "string" ? KIND_STRING : type === "number" ? KIND_NUMBER : type === "boolean" ? KIND_BOOLEAN : KIND_OTHER;
  }
  if (value === null) return KIND_NULL;
  try {
    return Array.isArray(value) ? KIND_ARRAY : KIND_OBJECT;
  } catch {
    return KIND_OTHER;
  }
}

const own = Object.prototype.hasOwnProperty;
/** Stands for a property that throws when read (its kind is `KIND_OTHER`). */
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
  return kind === KIND_OBJECT ? fieldKinds(value, names) : -1 - kind;
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
 * characters of well-formed UTF-16; else `ID_NOT_STRING`, `ID_TOO_LONG` or `ID_LONE_SURROGATE`
 * (which would silently become U+FFFD).
 */
export function idText(value, max) {
  if (typeof value !== "string") return ID_NOT_STRING;
  if (value.length > max) return ID_TOO_LONG;
  return (typeof value.isWellFormed === "function" ? value.isWellFormed() : wellFormed(value)) ? value : ID_LONE_SURROGATE;
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
  if (isRealBlob(value)) return value;
  if (depth > 16) throw new Refusal(path, "is nested more than 16 levels deep");
  if (--budget.left < 0) throw new Refusal(path, "holds more than 10,000 values");
  if (Array.isArray(value)) {
    const length = value.length;
    // Every slot counts, holes too: a sparse array of 2^32 - 1 slots is refused at once.
    budget.left -= length;
    if (budget.left < 0) throw new Refusal(path, "holds more than 10,000 values");
    return Array.from({ length }, (_, i) => plainCopy(value[i], `${path}[${i}]`, budget, depth + 1));
  }
  const out = Object.create(null);
  for (const key of Object.keys(value)) define(out, key, plainCopy(value[key], `${path}.${cut(key, 64)}`, budget, depth + 1));
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
  const bytes = new Uint8Array(16);
  try {
    if (typeof c.randomUUID === "function") return c.randomUUID();
    c.getRandomValues(bytes);
  } catch {
    // No Web Crypto here: an idempotency key needs uniqueness, not secrecy.
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON text of validated plain data (`undefined` if it cannot be written). */
export function jsonText(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** `value` when it is an `AbortSignal` of this realm, `undefined` when absent; else refuses. */
export function asSignal(value) {
  if (value === undefined || value === null) return undefined;
  try {
    // The native getter throws for anything that is not a real signal (a fake made with
    // Object.create(AbortSignal.prototype), a Proxy): only real ones get through.
    if (typeof natives().signalAborted.call(value) === "boolean") return value;
  } catch {
    // Refused below.
  }
  throw new Refusal("signal", "must be an AbortSignal");
}

/** Whether a (checked) signal has fired, read through the native getter. */
export function signalAborted(signal) {
  try {
    return natives().signalAborted.call(signal) === true;
  } catch {
    return false;
  }
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

/**
 * A plain object of string values (e.g. `webhook_headers`) as a flat list `[name, value, …]`.
 * Refuses other shapes, non-string values and more than `max` entries (never echoing a value).
 */
export function stringRecord(value, max) {
  try {
    const proto = value !== null && typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
    if (Array.isArray(value) || (proto !== Object.prototype && proto !== null)) throw new Refusal("", "must be a plain object of strings");
    const out = [];
    for (const name of Object.keys(value)) {
      if (out.length >= 2 * max) throw new Refusal("", `must have at most ${max} entries`);
      const entry = value[name];
      if (typeof entry !== "string") throw new Refusal("", "values must be strings");
      out.push(name, entry);
    }
    return out;
  } catch (error) {
    throw refusal(error, "", "could not be read");
  }
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
  const err = new (own.call(classes, name) ? classes[name] : ClassifyError)(message);
  if (props) {
    try {
      for (const key of Object.keys(props)) define(err, key, props[key]);
    } catch {
      // Properties the SDK built: nothing here throws but a hostile realm.
    }
  }
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
    if (Array.isArray(node)) return Array.from(node, (item) => walk(item, depth + 1));
    const out = {};
    for (const key of Object.keys(node)) define(out, scrubText(key, secret), walk(node[key], depth + 1));
    return out;
  };
  return walk(value, 0);
}

/** Response headers never copied into an error: they carry credentials. */
const SECRET_HEADERS = new Set(["set-cookie", "set-cookie2", "authorization", "proxy-authorization", "cookie"]);

/**
 * Everything an `ApiError` carries, from a non-success response and its (capped) body text:
 * `body` (the parsed `detail`, else the parsed body, else the text), `code`, `requestId`,
 * `headers` (credential headers left out), `quota` (Unsiloed's 402), and `detail`, the text
 * for the message. The configured key is `[redacted]` everywhere, before anything is cut
 * (the body is read a little past the cap, so a key cannot straddle it); texts are capped;
 * only own properties of the parsed body are read. Never throws.
 */
export function apiErrorParts(response, text, secret) {
  try {
    return errorParts(response, typeof text === "string" ? text : "", secret);
  } catch {
    return { body: "", headers: {} };
  }
}

function errorParts(response, text, secret) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json === null || typeof json !== "object") json = undefined;
  const string = (value) => (typeof value === "string" ? value : undefined);
  const field = (object, name) => (object !== null && typeof object === "object" && !Array.isArray(object) ? ownField(object, name) : undefined);
  let body;
  let detail;
  let code;
  let quota;
  if (json !== undefined) {
    const error = field(json, "error");
    code = string(field(json, "code")) ?? string(field(error, "code"));
    const fromDetail = field(json, "detail");
    const firstProblem = Array.isArray(fromDetail) ? fromDetail[0] : undefined;
    detail = string(fromDetail) ?? string(field(fromDetail, "message")) ?? string(field(json, "message")) ?? string(error)
      ?? string(field(error, "message")) ?? string(field(firstProblem, "msg"));
    body = scrubValue(fromDetail === undefined ? json : fromDetail, secret);
    // Unsiloed's 402: `detail.quota_data` ({current, limit, remaining}).
    quota = field(body, "quota_data");
  } else {
    body = cut(scrubText(text, secret), MAX_ERROR_BODY_BYTES);
    const trimmed = text.trim();
    if (trimmed && !trimmed.startsWith("<")) detail = text;
  }
  const headers = visibleHeaders(response, secret);
  const requestId = requestIdOf(response, secret);
  const parts = {
    body,
    code: code === undefined ? undefined : cut(scrubText(code, secret), MAX_SHORT_CHARS),
    requestId,
    headers,
    detail: detail === undefined ? undefined : cut(scrubText(detail, secret).replace(/\s+/g, " ").trim(), MAX_MESSAGE_CHARS),
  };
  if (quota !== undefined) define(parts, "quota", quota);
  return parts;
}

/** The class of an `ApiError` by HTTP status (5xx: `InternalServerError`; others: `ApiError`). */
const API_ERROR_CLASSES = {
  400: "BadRequestError", 401: "AuthenticationError", 402: "QuotaExceededError", 403: "PermissionDeniedError",
  404: "NotFoundError", 409: "ConflictError", 422: "UnprocessableEntityError", 429: "RateLimitError",
};
/** The error class name of an HTTP status. */
function apiErrorClass(status) {
  return own.call(API_ERROR_CLASSES, status) ? API_ERROR_CLASSES[status] : status >= 500 && status <= 599 ? "InternalServerError" : "ApiError";
}
/** The reason phrase an `ApiError`'s message starts with. */
const STATUS_TEXT = {
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
  408: "Request Timeout", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/**
 * The `ApiError` (or its per-status class) for a non-success answer: `parts` from
 * `apiErrorParts` become its properties, with `status` and `attempts`; the message is
 * "404 Not Found: <the API's detail>".
 */
export function createApiError(status, attempts, parts) {
  const detail = parts.detail;
  delete parts.detail;
  const name = apiErrorClass(status);
  const text = own.call(STATUS_TEXT, status) ? STATUS_TEXT[status] : "HTTP error";
  define(parts, "status", status);
  define(parts, "attempts", attempts);
  return createError(name, `${status} ${text}${detail ? `: ${detail}` : ""}`, parts);
}

/**
 * Marks the error of a v1 results request whose route, not its job, is missing: 410 Gone, or a
 * 404 whose detail is the framework's bare "Not Found" (a missing job says which job). LlamaCloud
 * has unpublished the `/api/v1/classifier/jobs*` routes; the message points to the v2 list.
 */
export function markRetiredRoute(parts, status) {
  if (status !== 410 && !(status === 404 && parts.body === "Not Found")) return;
  define(parts, "detail",
    "the v1 results route (/api/v1/classifier/jobs/{id}/results) is unavailable on this server (the route, not the job); " +
    "list the v2 jobs instead: listClassifyJobs({ configuration_id }) or listClassifyJobs({ job_ids })");
  define(parts, "code", "route_unavailable");
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
  let entry = abortWatchers.get(signal);
  if (entry === undefined) {
    const watchers = new Set();
    const fire = () => {
      abortWatchers.delete(signal);
      for (const watcher of watchers) watcher();
    };
    entry = { watchers, fire };
    abortWatchers.set(signal, entry);
    natives().addListener.call(signal, "abort", fire, { once: true });
  }
  entry.watchers.add(callback);
  const current = entry;
  return () => {
    current.watchers.delete(callback);
    if (current.watchers.size === 0 && abortWatchers.get(signal) === current) {
      abortWatchers.delete(signal);
      natives().removeListener.call(signal, "abort", current.fire);
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
 * stops the timer and the listener and tells why the signal fired (`NOT_ABORTED`,
 * `ABORTED_BY_CALLER`, `ABORTED_BY_TIMEOUT`).
 */
export function beginAttempt(headers, copyHeaders, method, body, extraHeaders, credentials, userSignal, timeoutMs) {
  const controller = new AbortController();
  let why = NOT_ABORTED;
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
  try {
    if (userSignal) {
      if (signalAborted(userSignal)) stop(ABORTED_BY_CALLER);
      else unsubscribe = onAbort(userSignal, () => stop(ABORTED_BY_CALLER));
    }
  } catch {
    stop(ABORTED_BY_CALLER);
  }
  if (!why) timer = setTimeout(() => stop(ABORTED_BY_TIMEOUT), clampMs(timeoutMs));
  const json = typeof body === "string";
  let sent = headers;
  if (copyHeaders || json || extraHeaders !== undefined) {
    sent = new Headers(headers);
    // A FormData body gets its multipart boundary from the runtime.
    if (json) sent.set("content-type", "application/json");
    if (extraHeaders !== undefined) for (let i = 0; i + 1 < extraHeaders.length; i += 2) sent.set(extraHeaders[i], extraHeaders[i + 1]);
  }
  // A literal (and spreads) defines its properties, never assigns them: a setter on a
  // polluted Object.prototype never runs.
  const init = {
    method, headers: sent, signal: controller.signal, redirect: "manual",
    ...(body !== undefined ? { body } : null),
    ...(credentials !== undefined ? { credentials } : null),
  };
  // fetch and Request read every RequestInit member, inherited ones included, so a polluted
  // Object.prototype (say `redirect: "follow"`) could change the request: each polluted
  // member gets an own value here (`undefined` means "not given"), and the request goes to
  // fetch(url, init), since Node's fetch(request) reads an init it defaults to `{}`.
  const polluted = INIT_MEMBERS.filter((name) => name in Object.prototype);
  for (const name of polluted) if (!own.call(init, name)) define(init, name, undefined);
  const direct = polluted.length > 0 || globalThis.fetch !== loadTimeFetch;
  return {
    init,
    signalled,
    direct,
    finish() {
      clearTimeout(timer);
      // A promise that never settles would keep the JsFuture waiting on it (its two
      // callbacks and the state they share) alive for good: settle it once the race is over.
      settle();
      if (unsubscribe) {
        try {
          unsubscribe();
        } catch {
          // The listener goes with the signal.
        }
      }
      return why;
    },
  };
}

/**
 * The global `fetch` when this module loaded (reading it is free; calling it is what loads
 * Node's implementation). A `fetch` installed later (a test mock, a wrapper) is called through
 * `callFetch`, which checks what it resolves with: gloo-net would panic on anything but a
 * native `Response`.
 */
const loadTimeFetch = globalThis.fetch;

/** Every member of RequestInit (and Node's extras) a polluted Object.prototype could supply. */
const INIT_MEMBERS = ["method", "headers", "body", "referrer", "referrerPolicy", "mode", "credentials", "cache",
  "redirect", "integrity", "keepalive", "signal", "window", "duplex", "priority", "dispatcher"];

/**
 * Calls `fetch` (the caller's, or the global one when `fetch` is undefined) as
 * `fetch(url, init)` and turns whatever it resolves with into a plain native `Response`: a
 * native one (or a subclass) is re-wrapped through the native getters, so overridden
 * methods never run; a polyfilled one is read through its `status`, `headers` and `text()`.
 * Rejects with a string (the reason, capped and scrubbed) for anything that is not a
 * response with an HTTP status from 200 to 599; never with the caller's own value.
 */
export async function callFetch(fetch, url, init, secret) {
  let value;
  try {
    value = await (fetch === undefined ? globalThis.fetch(url, init) : fetch(url, init));
  } catch (error) {
    throw messageOf(error, secret) || "fetch rejected";
  }
  const junk = "the custom fetch did not resolve to a Response";
  let status;
  try {
    status = natives().responseStatus.call(value);
  } catch {
    status = undefined;
  }
  if (status !== undefined) {
    // A native Response: an opaque redirect (status 0) stays as it is, for the redirect
    // check, and so does a plain one (no subclass, no own properties: nothing overridden).
    if (status === 0 || Object.getPrototypeOf(value) === Response.prototype && Reflect.ownKeys(value).length === 0) return value;
    if (status < 200 || status > 599) throw junk;
    const nullBody = status === 204 || status === 205 || status === 304;
    return new Response(nullBody ? null : natives().responseBody.call(value), { status, headers: natives().responseHeaders.call(value) });
  }
  try {
    if (value === null || typeof value !== "object") throw junk;
    status = value.status;
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

/** A file's name through the native getter (`fallback` for a Blob or an unreadable name). */
export function blobName(blob, fallback) {
  try {
    const name = natives().fileName.call(blob);
    return typeof name === "string" && name !== "" ? name : fallback;
  } catch {
    return fallback;
  }
}

/** Whether `value` is a real Blob (or File): the native `size` getter's brand check. */
export function isRealBlob(value) {
  return blobSize(value) >= 0;
}

/** A real Blob's or File's size through the native getter (known without reading it); -1 for anything else. */
export function blobSize(value) {
  try {
    const size = natives().blobSize.call(value);
    return typeof size === "number" ? size : -1;
  } catch {
    return -1;
  }
}

/** How long `unreadableBody` waits for a file's first byte. */
const READ_PROBE_MS = 5000;

/**
 * Whether a request body that failed to send holds a file that cannot be read any more (deleted,
 * moved or changed since it was chosen: the runtime's `NotReadableError`). Reads one byte of
 * each file part, through the natives, within 5 s; resolves `false` for any other body, so the
 * failure stays a network one.
 */
export async function unreadableBody(body) {
  try {
    if (typeof FormData !== "function" || !(body instanceof FormData)) return false;
    const slice = Blob.prototype.slice;
    const read = Blob.prototype.arrayBuffer;
    for (const value of FormData.prototype.values.call(body)) {
      if (!isRealBlob(value)) continue;
      let timer;
      const probe = read.call(slice.call(value, 0, 1)).then(() => false, () => true);
      const late = new Promise((resolve) => (timer = setTimeout(resolve, READ_PROBE_MS, false)));
      const unreadable = await Promise.race([probe, late]).finally(() => clearTimeout(timer));
      if (unreadable) return true;
    }
  } catch {
    // A body that cannot be inspected: leave the failure as it was.
  }
  return false;
}

/**
 * Where a redirect response points when that is on the same origin as `url` (followed with
 * the same credentials); `""` when it points elsewhere, is longer than 4,096 characters, or
 * cannot be read (in browsers a
 * redirect is opaque): credentials never follow a redirect to another origin.
 */
export function redirectTarget(response, url) {
  try {
    const location = response.headers.get("location");
    if (!location) return "";
    const from = new URL(url);
    const to = new URL(location, from);
    return to.origin === from.origin && to.href.length <= 4096 ? to.href : "";
  } catch {
    return "";
  }
}

/**
 * A response header the retry decision reads (`retry-after`, `x-should-retry`, …), or
 * `undefined` when absent, unreadable or longer than 256 characters (no such value is ever
 * that long: a longer one is not copied into wasm memory).
 */
export function retryHeader(response, name) {
  try {
    const value = response.headers.get(name);
    return typeof value === "string" && value.length <= 256 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * About `max` bytes of a body as text (the rest is cancelled unread; 16 KiB more are read so
 * that a key echoed across the cap is still whole when it is scrubbed), so a huge error body
 * never reaches wasm memory. Resolves `""` when the body cannot be read.
 */
export async function readCapped(response, cap) {
  const max = cap + 16384;
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
 * Calls a wait's `onProgress(job)`: a throw, or a promise it returns that rejects, does not
 * break the wait (and leaves no unhandled rejection behind).
 */
export function reportProgress(callback, job) {
  try {
    const result = callback(job);
    if (result !== null && typeof result === "object" && typeof result.then === "function") result.then(undefined, () => {});
  } catch {
    // The caller's callback: its failures are its own.
  }
}

/**
 * Resolves after `ms` (clamped to what a timer holds), or rejects with `undefined` at once
 * when `signal` aborts.
 */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signalAborted(signal)) return reject();
    let unsubscribe;
    const timer = setTimeout(() => {
      if (unsubscribe) unsubscribe();
      resolve();
    }, clampMs(ms));
    if (signal) {
      try {
        unsubscribe = onAbort(signal, () => {
          clearTimeout(timer);
          reject();
        });
      } catch {
        // Aborting stays possible through the attempt; the timer still ends the sleep.
      }
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
 * Guards every method of an exported class: called on something that is not a live object of
 * that class (after `free()`, detached from its object, on another class's object), a method
 * fails with a typed `InvalidArgumentError` (argument `this`) instead of reaching wasm with a
 * dangling or foreign pointer (wasm-bindgen throws "null pointer passed to rust" from inside
 * wasm, or reads another object's memory). Getters and methods in `syncMethods` throw;
 * `free()` is a no-op; the others reject. Called once per class by each entry.
 */
export function guardMethods(Class, syncMethods) {
  const proto = Class.prototype;
  const live = (self) => self instanceof Class && typeof self.__wbg_ptr === "number" && self.__wbg_ptr !== 0;
  const refused = () =>
    createError("InvalidArgumentError", "this: the object was freed (free() was called), or the method was called on something else", { argument: "this" });
  for (const name of Object.getOwnPropertyNames(proto)) {
    // Read as a descriptor: touching a getter on the prototype would call into wasm.
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor.get) {
      const getter = descriptor.get;
      Object.defineProperty(proto, name, {
        get() {
          if (live(this)) return getter.call(this);
          throw refused();
        },
        configurable: true,
        enumerable: false,
      });
      continue;
    }
    const method = descriptor.value;
    if (name === "constructor" || typeof method !== "function") continue;
    let guarded;
    if (name === "free") {
      guarded = function () {
        if (live(this)) method.call(this);
      };
    } else if (syncMethods.includes(name)) {
      guarded = function (a, b) {
        if (live(this)) return method.call(this, a, b);
        throw refused();
      };
    } else {
      guarded = function (a, b) {
        return live(this) ? method.call(this, a, b) : Promise.reject(refused());
      };
    }
    Object.defineProperty(proto, name, { value: guarded, writable: true, configurable: true, enumerable: false });
  }
}

/** Guards the methods of every exported class (see `guardMethods`); called by each entry. */
export function guardExports(exports) {
  guardMethods(exports.ClassifyClient, ["iterResults", "iterResultPages", "iterClassifyJobs"]);
  guardMethods(exports.UnsiloedClient, []);
  guardMethods(exports.PageIterator, []);
  guardMethods(exports.WebhookConfigs, []);
}

/**
 * Whether `Object.prototype` holds an accessor besides the standard `__proto__`, or
 * `Array.prototype` an indexed property: serde-wasm-bindgen's serializer assigns properties,
 * so such a setter would run (and could throw) inside wasm.
 */
export function prototypeSetters() {
  try {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      if (name === "__proto__") continue;
      const found = Object.getOwnPropertyDescriptor(Object.prototype, name);
      if (found.set || found.get) return true;
    }
    return Object.getOwnPropertyNames(Array.prototype).some((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
}

// ---------- hooks, logging and response metadata (src/transport.rs) ----------

/** The log levels, quietest first (`logLevel`). */
const LOG_LEVELS = ["off", "error", "warn", "info", "debug"];
/** Characters kept of a URL or request id in a hook's info or a log line. */
const MAX_OBSERVED_CHARS = 2048;

/** The response headers a caller may see (credential headers left out, at most 100, capped). */
function visibleHeaders(response, secret) {
  const headers = {};
  try {
    let count = 0;
    response.headers.forEach((value, name) => {
      if (SECRET_HEADERS.has(name) || ++count > 100) return;
      define(headers, name, cut(scrubText(value, secret), 1024));
    });
  } catch {
    // A response whose headers cannot be read shows none.
  }
  return headers;
}

/** The request id a response carries (`x-request-id`, else `request-id`), scrubbed and capped. */
function requestIdOf(response, secret) {
  try {
    const id = response.headers.get("x-request-id") ?? response.headers.get("request-id");
    return id === null ? undefined : cut(scrubText(id, secret), MAX_SHORT_CHARS);
  } catch {
    return undefined;
  }
}

/**
 * Checks the observability options of a client (`onRequest`, `onResponse`, `onRetry`,
 * `logger`, `logLevel`) and returns the observer the request path reports to, or `undefined`
 * when there is nothing to report to (then the request path does no work for it at all).
 * A `logLevel` without a `logger` logs to `console`; a `logger` without a `logLevel` logs at
 * `warn` and above. Throws a `Refusal` naming the option.
 */
export function makeObserver(onRequest, onResponse, onRetry, logger, logLevel, secret) {
  const hooks = { onRequest, onResponse, onRetry };
  for (const name of Object.keys(hooks)) {
    if (hooks[name] !== undefined && typeof hooks[name] !== "function") throw new Refusal(name, "must be a function");
  }
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) throw new Refusal("logLevel", `must be one of ${LOG_LEVELS.join(", ")}`);
  if (logger !== undefined && (logger === null || (typeof logger !== "object" && typeof logger !== "function"))) {
    throw new Refusal("logger", "must be an object with debug, info, warn and error methods");
  }
  const sink = logger ?? (logLevel !== undefined ? globalThis.console : undefined);
  const level = LOG_LEVELS.indexOf(logLevel ?? (sink ? "warn" : "off"));
  const methods = {};
  if (sink && level > 0) {
    for (const name of LOG_LEVELS.slice(1, level + 1)) {
      let method;
      try {
        method = sink[name];
      } catch {
        throw new Refusal("logger", `its ${name} could not be read`);
      }
      if (method !== undefined && typeof method !== "function") throw new Refusal("logger", `its ${name} must be a function`);
      if (method) methods[name] = method;
    }
  }
  if (!onRequest && !onResponse && !onRetry && Object.keys(methods).length === 0) return undefined;
  return { hooks, sink, methods, secret: secret || undefined, failed: new Set() };
}

/** Writes one line at `level` (every line is redacted; a logger that throws is ignored). */
function logLine(observer, level, line) {
  const method = observer.methods[level];
  if (!method) return;
  try {
    method.call(observer.sink, `classify-sdk: ${scrubText(line, observer.secret)}`);
  } catch {
    // A logger's failure never breaks a call.
  }
}

/** Calls a hook: a throw, or a promise it returns that rejects, is reported once through the logger. */
function callHook(observer, name, info) {
  const hook = observer.hooks[name];
  if (!hook) return;
  const failed = (error) => {
    if (observer.failed.has(name)) return;
    observer.failed.add(name);
    const kind = error !== null && typeof error === "object" && typeof error.name === "string" ? error.name.slice(0, 64) : typeof error;
    logLine(observer, "warn", `the ${name} hook failed (${kind}); the call went on, and later failures of this hook are not reported`);
  };
  try {
    const result = hook(Object.freeze(info));
    if (result !== null && typeof result === "object" && typeof result.then === "function") result.then(undefined, failed);
  } catch (error) {
    failed(error);
  }
}

/**
 * Reports an attempt to the observer. `event`: `OBSERVED_REQUEST` before the attempt is sent,
 * `OBSERVED_ANSWER` its answer (`detail` is the `Response`), `OBSERVED_FAILURE` its failure
 * (`detail` is the error's class name, `parts` an API error's parts or `undefined`, `status` 0
 * when nothing answered), `OBSERVED_RETRY` a retry (`timing` is the delay in ms before the
 * next attempt, `detail` why), `OBSERVED_GAVE_UP` a call that failed for good.
 * `timing` is otherwise when the attempt started (ms).
 */
export function observe(observer, event, method, url, attempt, status, timing, detail, parts) {
  try {
    const shownUrl = cut(scrubText(url, observer.secret), MAX_OBSERVED_CHARS);
    if (detail === "ApiError" && status) detail = apiErrorClass(status);
    const elapsed = Math.max(0, Date.now() - timing);
    if (event === OBSERVED_REQUEST) {
      callHook(observer, "onRequest", { method, url: shownUrl, attempt });
      logLine(observer, "debug", `${method} ${shownUrl} (attempt ${attempt})`);
    } else if (event === OBSERVED_ANSWER) {
      const requestId = requestIdOf(detail, observer.secret);
      const answered = detail.status;
      callHook(observer, "onResponse", { method, url: shownUrl, attempt, status: answered, ok: true, durationMs: elapsed, requestId });
      logLine(observer, "info", `${method} ${shownUrl} → ${answered} in ${elapsed} ms${requestId ? ` (${requestId})` : ""}`);
    } else if (event === OBSERVED_FAILURE) {
      const requestId = typeof parts?.requestId === "string" ? parts.requestId : undefined;
      callHook(observer, "onResponse", { method, url: shownUrl, attempt, status, ok: false, durationMs: elapsed, requestId, error: detail });
      logLine(observer, "info", `${method} ${shownUrl} → ${status || "no answer"} ${detail} in ${elapsed} ms${requestId ? ` (${requestId})` : ""}`);
    } else if (event === OBSERVED_RETRY) {
      callHook(observer, "onRetry", { method, url: shownUrl, attempt, nextAttempt: attempt + 1, status, delayMs: timing, reason: detail });
      logLine(observer, "warn", `retrying ${method} ${shownUrl} in ${Math.round(timing)} ms (attempt ${attempt + 1}): ${status ? `${status} ` : ""}${detail}`);
    } else {
      logLine(observer, "error", `${method} ${shownUrl} failed after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${status ? `${status} ` : ""}${detail}`);
    }
  } catch {
    // Reporting never breaks a call.
  }
}

/**
 * What `withResponse()` asks of the next call (set just before a method is called and
 * cleared right after: a method reads its options, and these, synchronously).
 */
let pendingCallExtras;

/** Sets (or, with `undefined`, clears) what the next call records into. */
export function setCallExtras(extras) {
  pendingCallExtras = extras;
}

/** Takes what the call being prepared records into (once: a nested call sees nothing). */
export function takeCallExtras() {
  const extras = pendingCallExtras;
  pendingCallExtras = undefined;
  return extras;
}

/** Records a successful answer's status, request id and headers into the call's sink. */
export function recordResponse(extras, response, secret) {
  try {
    const sink = extras.sink;
    if (!sink) return;
    sink.status = response.status;
    sink.requestId = requestIdOf(response, secret);
    sink.headers = visibleHeaders(response, secret);
  } catch {
    // Metadata never breaks a call.
  }
}

// ---------- classifyMany's pace (src/transport.rs, packaging/bulk.js) ----------

/**
 * A job-creation pace shared by every document of one `classifyMany`: creations go at most
 * `ratePerSecond`, evenly spaced (a token bucket holding one token, so no wall-clock second
 * sees more than the rate); a 429 pauses every creation until the server's delay has passed
 * and halves the rate, which then recovers by one step per 10 accepted creations.
 */
export function createPace(ratePerSecond) {
  // Infinity: unpaced (a 429 still pauses everyone, and the pace then holds 100 a second).
  const ceiling = Number.isFinite(ratePerSecond) ? ratePerSecond : 1000;
  let rate = ratePerSecond;
  let next = 0;
  let pausedUntil = 0;
  let accepted = 0;
  return {
    /** Resolves true when a creation may go; false when that would be after `leftMs`. */
    async wait(signal, leftMs) {
      const deadline = leftMs >= 0 ? Date.now() + leftMs : Infinity;
      for (;;) {
        const now = Date.now();
        const at = Math.max(now, next, pausedUntil);
        if (at > deadline) return false;
        next = rate === Infinity ? at : at + 1000 / rate;
        if (at > now) await sleep(at - now, signal);
        // A 429 that arrived meanwhile moved the pause past this slot: take a new one.
        if (pausedUntil <= Date.now()) break;
      }
      accepted += 1;
      if (accepted % 10 === 0 && rate < ratePerSecond) rate = rate + ceiling / 10 >= ceiling ? ratePerSecond : rate + ceiling / 10;
      return true;
    },
    /** The server refused a creation: everyone waits `delayMs`, then goes slower. */
    refused(delayMs) {
      pausedUntil = Math.max(pausedUntil, Date.now() + Math.max(0, delayMs));
      next = Math.max(next, pausedUntil);
      rate = Math.max(ceiling / 16, Math.min(rate, ceiling) / 2);
    },
  };
}

/** Waits for the call's pace, if it has one (see `createPace`); rejects when `signal` aborts. */
export function paceCreation(extras, signal, leftMs) {
  try {
    return extras.pace ? extras.pace.wait(signal, leftMs) : Promise.resolve(true);
  } catch {
    return Promise.resolve(true);
  }
}

/** Tells the call's pace, if it has one, that the server refused a creation. */
export function slowDown(extras, delayMs) {
  try {
    extras.pace?.refused(delayMs);
  } catch {
    // A pace never breaks a call.
  }
}
