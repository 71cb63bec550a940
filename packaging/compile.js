// How `init` compiles a source that is not a compiled module yet: a URL, a string or a
// `Request` is fetched; a `Response` or bytes compiled asynchronously (no size limit on a
// browser's main thread, unlike synchronous compilation). Kept apart from loader.js so that the
// edge entry, whose runtime refuses any code that could compile bytes, does not carry it.
export async function compileSource(source) {
  let value = source;
  if (typeof value === "string" || value instanceof URL || (typeof Request === "function" && value instanceof Request)) {
    value = await fetch(value);
  }
  if (typeof Response === "function" && value instanceof Response) {
    if (!value.ok) throw new Error(`HTTP ${value.status}`);
    value = await value.arrayBuffer();
  }
  return WebAssembly.compile(value);
}
