import type { ClassifyJob, UnsiloedClassifyJob } from "./classify_sdk.js";

/** Every `name` an SDK error can carry: branch on it with `switch (err.name)`. */
export type ClassifyErrorName =
  | ApiErrorName
  | "ConnectionError"
  | "TimeoutError"
  | "AbortError"
  | "DecodeError"
  | "InvalidArgumentError"
  | "PaginationError"
  | "JobFailedError"
  | "WebhookSignatureError"
  | "ProxyTokenError";

/** Names of the errors for non-success HTTP answers. */
export type ApiErrorName =
  | "ApiError"
  | "BadRequestError"
  | "AuthenticationError"
  | "QuotaExceededError"
  | "PermissionDeniedError"
  | "NotFoundError"
  | "ConflictError"
  | "UnprocessableEntityError"
  | "RateLimitError"
  | "InternalServerError";

/** Base class of every error the SDK rejects with (`instanceof Error` holds too). */
export declare class ClassifyError extends Error {
  name: ClassifyErrorName;
}

/** The API answered with a non-success HTTP status. Never contains the API key. */
export declare class ApiError extends ClassifyError {
  name: ApiErrorName;
  /** HTTP status code. */
  status: number;
  /** The parsed `detail` of a JSON error body, else the parsed body, else its text. */
  body: unknown;
  /** A machine-readable error code from the body, when it has one. */
  code: string | undefined;
  /** `x-request-id` (or `request-id`) from the response, for support tickets. */
  requestId: string | undefined;
  /** Response headers (lower-case names). */
  headers: Record<string, string>;
  /** Attempts made, retries included. */
  attempts: number;
}
/** HTTP 400. */
export declare class BadRequestError extends ApiError { name: "BadRequestError"; }
/** HTTP 401: the API key is missing or wrong. */
export declare class AuthenticationError extends ApiError { name: "AuthenticationError"; }
/** HTTP 402: the account's quota is used up (Unsiloed). */
export declare class QuotaExceededError extends ApiError {
  name: "QuotaExceededError";
  /** The provider's quota figures (Unsiloed: `{ current, limit, remaining }`), when sent. */
  quota?: Record<string, unknown>;
}
/** HTTP 403. */
export declare class PermissionDeniedError extends ApiError { name: "PermissionDeniedError"; }
/** HTTP 404. */
export declare class NotFoundError extends ApiError { name: "NotFoundError"; }
/** HTTP 409. */
export declare class ConflictError extends ApiError { name: "ConflictError"; }
/** HTTP 422: `body` is the list of validation problems. */
export declare class UnprocessableEntityError extends ApiError { name: "UnprocessableEntityError"; }
/** HTTP 429. */
export declare class RateLimitError extends ApiError { name: "RateLimitError"; }
/** HTTP 5xx. */
export declare class InternalServerError extends ApiError { name: "InternalServerError"; }

/** No HTTP answer arrived (network failure, refused or dropped connection). */
export declare class ConnectionError extends ClassifyError {
  name: "ConnectionError" | "TimeoutError";
  /** Attempts made, retries included. */
  attempts: number;
}
/** A request attempt (after its retries) or a `waitForClassifyJob` ran out of time. */
export declare class TimeoutError extends ConnectionError {
  name: "TimeoutError";
  /** For a wait: the last job seen. */
  job?: ClassifyJob | UnsiloedClassifyJob;
}
/** The caller's `AbortSignal` fired. */
export declare class AbortError extends ClassifyError {
  name: "AbortError";
}
/** The response was not what the API promises. */
export declare class DecodeError extends ClassifyError {
  name: "DecodeError";
  /** Path of the field that did not match (e.g. `items[3].result.confidence`); empty for the whole body. */
  field: string;
}
/** Bad input caught before any request was sent. */
export declare class InvalidArgumentError extends ClassifyError {
  name: "InvalidArgumentError";
  /** The argument or option at fault (e.g. `page_size`). */
  argument: string;
}
/** The server's pagination misbehaved (a page token came back twice). */
export declare class PaginationError extends ClassifyError {
  name: "PaginationError";
  /** The offending token. */
  pageToken: string | undefined;
}
/** A polled job ended `FAILED` or `CANCELLED` (LlamaCloud) or `failed` (Unsiloed). */
export declare class JobFailedError extends ClassifyError {
  name: "JobFailedError";
  /** The terminal status. */
  status: string;
  /** The job as the API returned it (see `error_message` / `error`). */
  job: ClassifyJob | UnsiloedClassifyJob;
}
/** A webhook delivery is not signed with the secret (`verifyWebhook`). Never says which bytes differ. */
export declare class WebhookSignatureError extends ClassifyError {
  name: "WebhookSignatureError";
  /** `missing` (no `LC-Signature`), `duplicated` (more than one value), `scheme` (not `sha256=`), `malformed` (not 64 hex digits), `mismatch` (no secret matches the body). */
  reason: "missing" | "duplicated" | "scheme" | "malformed" | "mismatch";
}
/** A proxy token is not one this worker's secret minted, or it has expired (`verifyProxyToken`). */
export declare class ProxyTokenError extends ClassifyError {
  name: "ProxyTokenError";
  /** `malformed` (not a token), `mismatch` (forged, or another secret's), `expired`. */
  reason: "malformed" | "mismatch" | "expired";
}
