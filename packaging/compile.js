// How `init` compiles a source that is not a compiled module yet: a URL, a string or a
// `Request` is fetched; a `Response` or bytes compiled asynchronously (no size limit on a
// browser's main thread, unlike synchronous compilation). Kept apart from loader.js so that the
// edge entry, whose runtime refuses any code that could compile bytes, does not carry it.

/** Largest module a fetched source may be (this package's is about 145 KB). */
const MAX_MODULE_BYTES = 8 * 1024 * 1024;

/** Compiles `source`; `signal` (init's deadline) stops a fetch and its read. */
export async function compileSource(source, signal) {
  let value = source;
  if (typeof value === "string" || value instanceof URL || (typeof Request === "function" && value instanceof Request)) {
    value = await fetch(value, { signal });
  }
  if (typeof Response === "function" && value instanceof Response) value = await readModule(value, signal);
  return WebAssembly.compile(value);
}

/** A response's body, refused past `MAX_MODULE_BYTES` (the rest is cancelled unread). */
async function readModule(response, signal) {
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  if (Number(response.headers.get("content-length")) > MAX_MODULE_BYTES) throw new Error("too large");
  const reader = response.body.getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_MODULE_BYTES) {
        stop();
        throw new Error("too large");
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
