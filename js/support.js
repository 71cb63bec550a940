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
  ClassifyError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError, DecodeError, InvalidArgumentError, PaginationError,
  JobFailedError,
};
for (const name in classes) {
  Object.defineProperty(classes[name].prototype, "name", { value: name, writable: true, configurable: true });
}

/**
 * The kind of a value, for the Rust validator: 0 undefined, 1 null, 2 string, 3 number,
 * 4 boolean, 5 array, 6 object, 7 other (function, symbol, bigint).
 */
export function kindOf(value) {
  const type = typeof value;
  return value === undefined ? 0 : value === null ? 1 : type === "string" ? 2
    : type === "number" ? 3 : type === "boolean" ? 4 : Array.isArray(value) ? 5
    : type === "object" ? 6 : 7;
}

/**
 * The kinds of a struct's declared fields in one call: 3 bits per field, first field lowest
 * (at most 17 fields: 53 exact bits).
 */
export function fieldKinds(object, names) {
  let code = 0;
  for (let i = names.length - 1; i >= 0; i--) code = code * 8 + kindOf(object[names[i]]);
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

/** `object[names[index]]`: one field the Rust validator needs the value of. */
export function fieldValue(object, names, index) {
  return object[names[index]];
}

/** Called by the Rust core: one constructor for every error that reaches JS. */
export function createError(name, message, props) {
  const err = new (classes[name] || ClassifyError)(message);
  if (props) Object.assign(err, props);
  return err;
}

/**
 * One attempt's request options and abort wiring, in one call from Rust: a `RequestInit`
 * whose signal aborts on the caller's signal or after `timeoutMs`. The client's headers are
 * shared between requests; `copyHeaders` gives a caller's own `fetch` a copy to keep.
 * `finish()` stops the timer and the listener and tells why the signal fired (0 = it did
 * not, 1 = caller, 2 = timeout).
 */
export function beginAttempt(headers, copyHeaders, credentials, userSignal, timeoutMs) {
  const controller = new AbortController();
  let why = 0;
  let timer;
  const onAbort = () => { if (!why) why = 1; controller.abort(); };
  if (userSignal) {
    if (userSignal.aborted) onAbort();
    else userSignal.addEventListener("abort", onAbort, { once: true });
  }
  if (timeoutMs > 0 && !why) {
    timer = setTimeout(() => { if (!why) why = 2; controller.abort(); }, timeoutMs);
  }
  const init = { method: "GET", headers: copyHeaders ? new Headers(headers) : headers, signal: controller.signal };
  if (credentials !== undefined) init.credentials = credentials;
  return {
    init,
    finish() {
      clearTimeout(timer);
      if (userSignal) userSignal.removeEventListener("abort", onAbort);
      return why;
    },
  };
}

/** Resolves after `ms`, or rejects with `undefined` at once when `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject();
    const onAbort = () => { clearTimeout(timer); reject(); };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A response's headers as a plain object (for error reports). */
export function headersObject(headers) {
  const out = {};
  headers.forEach((value, key) => { out[key] = value; });
  return out;
}

/**
 * Wraps the Rust page iterator as an async iterable whose next() calls never overlap. After
 * the last page, an error or `return()`, the Rust iterator is freed once and `next()` reports
 * done.
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
    [Symbol.asyncIterator]() { return this; },
  };
}
