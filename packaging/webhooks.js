// Signed messages, checked with Web Crypto's HMAC-SHA256 (Node ≥ 18, browsers, workerd, Bun,
// Deno; no `Buffer`): LlamaCloud's webhook deliveries (`LC-Signature: sha256=<hex>` over the
// raw body) and the proxy tokens a team's backend mints for the edge worker. Plain JS with no
// use of the WebAssembly module, so these work before (or without) it loading. Verification
// goes through `crypto.subtle.verify`, which compares in constant time; no message says which
// bytes differed, and no secret or signature is ever part of a message.
import { createError } from "./support.js";

/** The header LlamaCloud signs deliveries in (matched case-insensitively). */
export const WEBHOOK_SIGNATURE_HEADER = "lc-signature";
/** Bytes of a delivery body checked at most: larger ones are refused unread. */
const MAX_WEBHOOK_BODY_BYTES = 8 * 1024 * 1024;
/** Characters of a signing secret (LlamaCloud sets no bound; this keeps keys sane). */
const MAX_SECRET_CHARS = 1024;
/** Secrets tried at most in one verification (the current one plus those in rotation). */
const MAX_SECRETS = 8;
/** Characters of an id or an event name taken from a delivery. */
const MAX_ID_CHARS = 1024;
/** Classify events LlamaCloud delivers, and the v2 status each one means. */
export const CLASSIFY_WEBHOOK_EVENTS = Object.freeze({
  "classify.pending": "PENDING",
  "classify.running": "RUNNING",
  "classify.success": "COMPLETED",
  "classify.partial_success": "COMPLETED",
  "classify.error": "FAILED",
  "classify.cancelled": "CANCELLED",
});
/** Version prefix of a proxy token. */
const TOKEN_PREFIX = "cst1";
/** Longest proxy-token lifetime, in seconds. */
const MAX_TOKEN_TTL_S = 3600;
/** Characters of a proxy token read at most. */
const MAX_TOKEN_CHARS = 4096;

const invalid = (argument, problem) => createError("InvalidArgumentError", `${argument}: ${problem}`, { argument });
const signatureError = (reason, message) => createError("WebhookSignatureError", message, { reason });
const tokenError = (reason, message) => createError("ProxyTokenError", message, { reason });

/** Web Crypto's `subtle`, or a typed error where the runtime has none (an insecure page). */
function subtle() {
  const found = globalThis.crypto?.subtle;
  if (!found) throw invalid("crypto", "Web Crypto (crypto.subtle) is not available here (in a browser it needs a secure context)");
  return found;
}

const encoder = new TextEncoder();

/** A secret checked and made an HMAC key. */
async function hmacKey(secret, argument) {
  if (typeof secret !== "string") throw invalid(argument, "must be a string");
  if (secret.length === 0 || secret.length > MAX_SECRET_CHARS) throw invalid(argument, `must be 1 to ${MAX_SECRET_CHARS} characters`);
  return subtle().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** `secret` plus `tolerateSecrets`, checked, as HMAC keys. */
async function keysOf(secret, options, argument) {
  const extra = options?.tolerateSecrets;
  if (extra !== undefined && !Array.isArray(extra)) throw invalid("tolerateSecrets", "must be an array of strings");
  if (extra && extra.length + 1 > MAX_SECRETS) throw invalid("tolerateSecrets", `holds at most ${MAX_SECRETS - 1} secrets`);
  const keys = [await hmacKey(secret, argument)];
  for (let i = 0; i < (extra?.length ?? 0); i++) keys.push(await hmacKey(extra[i], `tolerateSecrets[${i}]`));
  return keys;
}

/** The raw body as bytes: a string (UTF-8), an ArrayBuffer or a view. Never a parsed object. */
function bodyBytes(body, argument) {
  let bytes;
  if (typeof body === "string") {
    if (body.length > MAX_WEBHOOK_BODY_BYTES) throw invalid(argument, "is larger than 8 MB");
    bytes = encoder.encode(body);
  } else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else throw invalid(argument, "must be the raw request body as text or bytes (await request.text()), not a parsed object");
  if (bytes.byteLength > MAX_WEBHOOK_BODY_BYTES) throw invalid(argument, "is larger than 8 MB");
  return bytes;
}

const HEX = "0123456789abcdef";
const toHex = (buffer) => {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += HEX[byte >> 4] + HEX[byte & 15];
  return text;
};
/** 64 hex digits as 32 bytes, or `undefined`. */
function fromHex(text) {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Every value of header `name` in `headers` (a `Headers`, a plain object, or `[name, value]` pairs). */
function headerValues(headers, name) {
  if (headers == null || typeof headers !== "object") throw invalid("headers", "must be a Headers object, a plain object or a list of [name, value] pairs");
  const found = [];
  const take = (key, value) => {
    if (typeof key === "string" && key.toLowerCase() === name) {
      for (const one of Array.isArray(value) ? value : [value]) found.push(String(one));
    }
  };
  try {
    if (typeof Headers === "function" && headers instanceof Headers) {
      const value = headers.get(name);
      if (value !== null) found.push(value);
    } else if (Array.isArray(headers)) {
      for (const pair of headers.slice(0, 1000)) if (Array.isArray(pair)) take(pair[0], pair[1]);
    } else {
      for (const key of Object.keys(headers).slice(0, 1000)) take(key, headers[key]);
    }
  } catch {
    throw invalid("headers", "could not be read");
  }
  // `Headers.get` and Node's `IncomingMessage.headers` join repeated headers with ", ".
  return found.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
}

/**
 * Signs `body` as LlamaCloud signs a webhook delivery: resolves with the `LC-Signature` value,
 * `sha256=<hex HMAC-SHA256 of the raw body>`. For tests and local emulators.
 */
export async function signWebhook(body, secret) {
  const bytes = bodyBytes(body, "body");
  const key = await hmacKey(secret, "secret");
  return `sha256=${toHex(await subtle().sign("HMAC", key, bytes))}`;
}

/**
 * Verifies a LlamaCloud webhook delivery and reads its classify event.
 *
 * `rawBody` is the request body exactly as received (`await request.text()` or its bytes); a
 * body parsed and serialized again by a framework no longer matches. `headers` are the
 * request's headers. Resolves with `{ event, jobId, status, payload }`; rejects with
 * `WebhookSignatureError` (`reason`: `missing`, `duplicated`, `scheme`, `malformed`,
 * `mismatch`) when the delivery is not signed with `secret` or one of
 * `options.tolerateSecrets` (secrets in rotation), with `DecodeError` when a signed body is
 * not a classify event, and with `InvalidArgumentError` for bad arguments.
 *
 * The signature covers only the body: a replayed delivery verifies again, so deduplicate on
 * the job id and event (deliveries are retried, and duplicates arrive).
 */
export async function verifyWebhook(rawBody, headers, secret, options) {
  if (options !== undefined && (options === null || typeof options !== "object")) throw invalid("options", "must be an object");
  for (const key of Object.keys(options ?? {})) if (key !== "tolerateSecrets") throw invalid(key.slice(0, 200), "is not an option of verifyWebhook (tolerateSecrets)");
  const bytes = bodyBytes(rawBody, "rawBody");
  const keys = await keysOf(secret, options, "secret");
  const values = headerValues(headers, WEBHOOK_SIGNATURE_HEADER);
  if (values.length === 0) throw signatureError("missing", "the delivery has no LC-Signature header");
  if (values.length > 1) throw signatureError("duplicated", "the delivery has more than one LC-Signature value");
  const [scheme, hex, ...rest] = values[0].split("=");
  if (scheme.trim().toLowerCase() !== "sha256" || hex === undefined || rest.length) {
    throw signatureError("scheme", "the LC-Signature header is not of the form sha256=<hex>");
  }
  const signature = fromHex(hex.trim());
  if (!signature) throw signatureError("malformed", "the LC-Signature value is not 64 hex digits");
  let matched = false;
  for (const key of keys) if (await subtle().verify("HMAC", key, signature, bytes)) matched = true;
  if (!matched) throw signatureError("mismatch", "the LC-Signature does not match the body for any configured secret");
  return classifyEvent(bytes);
}

/** A verified body read as a classify event: the event name and job id required, the rest kept. */
function classifyEvent(bytes) {
  let payload;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw createError("DecodeError", "the delivery body is not valid JSON", { field: "" });
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw createError("DecodeError", "the delivery body is not a JSON object", { field: "" });
  }
  const data = payload.data !== null && typeof payload.data === "object" ? payload.data : {};
  const event = [payload.event_type, payload.event, payload.type].find((value) => typeof value === "string");
  if (event === undefined || event.length > MAX_ID_CHARS) {
    throw createError("DecodeError", "event_type: expected the event name (a string)", { field: "event_type" });
  }
  const jobId = [payload.job_id, data.job_id, data.id, payload.id].find((value) => typeof value === "string");
  if (!isId(jobId)) {
    throw createError("DecodeError", "job_id: expected the job's id (non-blank bounded text)", { field: "job_id" });
  }
  return { event, jobId, status: Object.hasOwn(CLASSIFY_WEBHOOK_EVENTS, event) ? CLASSIFY_WEBHOOK_EVENTS[event] : undefined, payload };
}

/** A lone surrogate (text that is not well-formed UTF-16). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `value` can be a job id in a URL path: non-blank, bounded, well-formed, no control characters, no dot segment. */
const isId = (value) =>
  typeof value === "string" && value.trim() !== "" && value.length <= MAX_ID_CHARS && !/[\0-\x1f\x7f]/.test(value) &&
  value !== "." && value !== ".." && !LONE_SURROGATE.test(value);

// ---------- proxy tokens ----------

const base64url = (bytes) => {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
const fromBase64url = (text) => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
};

/**
 * Mints a short-lived token for the edge worker (`examples/worker`), on the team's backend:
 * `scope` `"read"` (lookups, lists, live status) or `"write"` (also creates and cancels),
 * optionally `jobId` (only that job), `subject` (who it is for: the worker's rate limit is
 * per subject), `ttlSeconds` (default 300, at most 3600). Signed with HMAC-SHA256 under
 * `secret`, the worker's `PROXY_TOKEN_SECRET`. Resolves with the token, sent by the browser
 * as `Authorization: Bearer <token>` (or `?token=` for an `EventSource`).
 */
export async function mintProxyToken(options) {
  if (options === null || typeof options !== "object") throw invalid("options", "must be an object");
  const known = ["secret", "scope", "jobId", "subject", "ttlSeconds", "now"];
  for (const key of Object.keys(options)) if (!known.includes(key)) throw invalid(key.slice(0, 200), `is not an option of mintProxyToken (${known.join(", ")})`);
  const { secret, scope = "read", jobId, subject, ttlSeconds = 300, now = Date.now() } = options;
  if (scope !== "read" && scope !== "write") throw invalid("scope", 'must be "read" or "write"');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_S) throw invalid("ttlSeconds", `must be a whole number from 1 to ${MAX_TOKEN_TTL_S}`);
  if (!Number.isFinite(now)) throw invalid("now", "must be a time in ms");
  for (const [name, value] of [["jobId", jobId], ["subject", subject]]) {
    if (value !== undefined && (!isId(value) || value.length > 200)) {
      throw invalid(name, "must be non-blank text of at most 200 characters");
    }
  }
  const key = await hmacKey(secret, "secret");
  const claims = { scope, exp: Math.floor(now / 1000) + ttlSeconds };
  if (jobId !== undefined) claims.job = jobId;
  if (subject !== undefined) claims.sub = subject;
  const body = `${TOKEN_PREFIX}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
  return `${body}.${base64url(new Uint8Array(await subtle().sign("HMAC", key, encoder.encode(body))))}`;
}

/**
 * Checks a proxy token (the worker's side of `mintProxyToken`): resolves with
 * `{ scope, jobId, subject, expiresAt }` (expiresAt in ms), or rejects with `ProxyTokenError`
 * (`reason`: `malformed`, `mismatch`, `expired`). `options.tolerateSecrets` accepts tokens
 * minted under secrets in rotation; `options.now` (ms) is for tests.
 */
export async function verifyProxyToken(token, secret, options) {
  if (options !== undefined && (options === null || typeof options !== "object")) throw invalid("options", "must be an object");
  for (const key of Object.keys(options ?? {})) if (key !== "tolerateSecrets" && key !== "now") throw invalid(key.slice(0, 200), "is not an option of verifyProxyToken (tolerateSecrets, now)");
  const keys = await keysOf(secret, options, "secret");
  const now = options?.now ?? Date.now();
  if (typeof token !== "string" || token.length > MAX_TOKEN_CHARS) throw tokenError("malformed", "the token is not a proxy token");
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]{43}$/.test(parts[2])) {
    throw tokenError("malformed", "the token is not a proxy token");
  }
  const signed = encoder.encode(`${parts[0]}.${parts[1]}`);
  const signature = fromBase64url(parts[2]);
  let matched = false;
  for (const key of keys) if (await subtle().verify("HMAC", key, signature, signed)) matched = true;
  if (!matched) throw tokenError("mismatch", "the token's signature does not match");
  let claims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(parts[1])));
  } catch {
    throw tokenError("malformed", "the token's claims are not readable");
  }
  if (claims === null || typeof claims !== "object" || (claims.scope !== "read" && claims.scope !== "write") || !Number.isFinite(claims.exp)) {
    throw tokenError("malformed", "the token's claims are not readable");
  }
  if (claims.exp * 1000 <= now) throw tokenError("expired", "the token has expired");
  return {
    scope: claims.scope,
    jobId: typeof claims.job === "string" ? claims.job : undefined,
    subject: typeof claims.sub === "string" ? claims.sub : undefined,
    expiresAt: claims.exp * 1000,
  };
}
