// HTTP helpers shared by the emulator's modules: answering with JSON or text, reading a request
// body with a size bound, and the small parsers every handler needs (media types, path segments).

/** How long a job that moves over time stays in each phase (ms): env EMULATOR_PHASE_MS, default 150. */
export const PHASE_MS = Number(process.env.EMULATOR_PHASE_MS || 150);

/** The largest request body the emulator reads; anything bigger is answered 413. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * After a 413 the rest of the upload is read and thrown away (so the client, still sending,
 * can read the answer and the connection stays usable) up to this much; then it is cut off.
 */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** Answers `status` with `body`: a string is sent as text, anything else as JSON. */
export function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A FastAPI-style 422 body: `{"detail": [{loc, msg, type, ...}]}`. */
export function validationError(errors) {
  return { detail: errors };
}

/**
 * Reads the whole request body into a Buffer. Resolves `{ body }`, or `{ tooLarge: true }` when
 * the declared or actual size passes `limit` (the caller answers 413 at once; the rest of the
 * upload is read and dropped, see MAX_DISCARD_BYTES), or `{ aborted: true }` when the client
 * went away.
 */
export function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (!done) {
        done = true;
        resolve(value);
      }
    };
    const declared = Number(req.headers["content-length"]);
    const chunks = [];
    let size = 0;
    let discarded = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const drain = () => {
      req.removeAllListeners("data");
      req.on("data", (chunk) => {
        discarded += chunk.length;
        if (discarded > MAX_DISCARD_BYTES) req.socket?.destroy();
      });
    };
    req.on("error", () => finish({ aborted: true }));
    req.on("aborted", () => finish({ aborted: true }));
    req.on("close", () => finish(tooLarge ? { tooLarge: true } : { aborted: true }));
    if (tooLarge) {
      drain();
      return finish({ tooLarge: true });
    }
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        drain();
        return finish({ tooLarge: true });
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish(tooLarge ? { tooLarge: true } : { body: Buffer.concat(chunks, size) }));
  });
}

/** The 413 answer (sent while the rest of the upload is still being drained). */
export function sendTooLarge(res) {
  send(res, 413, { detail: `Request body too large (limit ${MAX_BODY_BYTES} bytes)` });
}

/** `type/subtype` of a Content-Type header, lower-cased, without parameters ("" when absent). */
export function mediaType(header) {
  return String(header || "").split(";")[0].trim().toLowerCase();
}

/** decodeURIComponent that answers null instead of throwing on a malformed escape. */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Parses JSON text; `{ ok: false }` instead of throwing. */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}
