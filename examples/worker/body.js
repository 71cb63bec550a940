// Request bodies read with a bound: the declared length is checked first, then the bytes are
// counted as they stream in, so a body without Content-Length (chunked) is cut off at the limit
// instead of being buffered whole. Used by worker.js (JSON and uploads) and live.js (webhooks).

/** The body's bytes, or null when it is larger than `limit` (declared or actual). */
export async function boundedBytes(request, limit) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
