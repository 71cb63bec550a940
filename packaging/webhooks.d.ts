// Webhook deliveries and proxy tokens: HMAC-SHA256 through Web Crypto, in every runtime.
import type { ClassifyJobStatus, ClassifyWebhookEventName } from "./classify_sdk.js";

/** A verified webhook delivery. */
export interface ClassifyWebhookEvent {
  /** The event name (`event_type` of the delivery), e.g. `"classify.success"`; later event names pass through. */
  event: ClassifyWebhookEventName | (string & {});
  /** The job the event is about (`job_id`, or `data.job_id` / `data.id`). */
  jobId: string;
  /** The v2 status the event means (`classify.success` → `COMPLETED`), `undefined` for an event this SDK does not know. */
  status: ClassifyJobStatus | undefined;
  /** The whole delivery body, parsed (its shape is not documented by LlamaCloud: read it defensively). */
  payload: Record<string, unknown>;
}

/** Options of `verifyWebhook`. */
export interface VerifyWebhookOptions {
  /** Older secrets still accepted while a new one rolls out (at most 7). */
  tolerateSecrets?: string[];
}

/** The raw body of a request: its text, or its bytes. */
export type RawBody = string | ArrayBuffer | ArrayBufferView;

/** Request headers as the common frameworks hand them over. */
export type HeadersInput = Headers | Record<string, string | string[] | undefined> | Array<[string, string]>;

/**
 * Verifies a LlamaCloud webhook delivery (`LC-Signature: sha256=<hex>`, an HMAC-SHA256 of the
 * raw body) and reads its classify event.
 *
 * Pass the body exactly as received (`await request.text()`): a body a framework parsed and
 * serialized again does not match. Rejects with `WebhookSignatureError` when the delivery is
 * not signed with `secret` (or one of `tolerateSecrets`), `DecodeError` when a signed body has
 * no event name or job id, `InvalidArgumentError` for bad arguments. The signature covers only
 * the body, so a replay verifies again: deduplicate on `jobId` + `event`.
 *
 * ```js
 * const event = await verifyWebhook(await request.text(), request.headers, env.WEBHOOK_SECRET);
 * ```
 */
export declare function verifyWebhook(
  rawBody: RawBody,
  headers: HeadersInput,
  secret: string,
  options?: VerifyWebhookOptions,
): Promise<ClassifyWebhookEvent>;

/**
 * Signs `body` as LlamaCloud signs a delivery; resolves with the `LC-Signature` value
 * (`sha256=<hex>`). For tests and local emulators.
 */
export declare function signWebhook(body: RawBody, secret: string): Promise<string>;

/** Options of `mintProxyToken`. */
export interface MintProxyTokenOptions {
  /** The worker's `PROXY_TOKEN_SECRET` (1–1024 characters). */
  secret: string;
  /** `"read"` (default: lookups, lists, live status) or `"write"` (also creates and cancels). */
  scope?: "read" | "write";
  /** Only this job (reads of it, its results and its live status). */
  jobId?: string;
  /** Who the token is for (a user id): the worker rate-limits per subject. */
  subject?: string;
  /** Lifetime in seconds, 1–3600 (default 300). */
  ttlSeconds?: number;
  /** The time to mint at, in ms since the epoch (default now; for tests). */
  now?: number;
}

/** What a valid proxy token allows. */
export interface ProxyTokenClaims {
  /** `"read"` or `"write"`. */
  scope: "read" | "write";
  /** The one job it is for, if it is scoped to one. */
  jobId: string | undefined;
  /** Who it was minted for. */
  subject: string | undefined;
  /** When it expires, in ms since the epoch. */
  expiresAt: number;
}

/**
 * Mints a short-lived token the edge worker accepts from callers without an allowed `Origin`
 * (servers, scripts) and from browsers (`Authorization: Bearer <token>`). Run it on your
 * backend, never in a browser: it needs the worker's secret.
 */
export declare function mintProxyToken(options: MintProxyTokenOptions): Promise<string>;

/**
 * Checks a proxy token (the worker side of `mintProxyToken`). Rejects with `ProxyTokenError`
 * (`malformed`, `mismatch`, `expired`).
 */
export declare function verifyProxyToken(
  token: string,
  secret: string,
  options?: { tolerateSecrets?: string[]; now?: number },
): Promise<ProxyTokenClaims>;
