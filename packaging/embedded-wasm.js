// The WebAssembly module's bytes, carried inside this JavaScript file so that whatever loads
// JavaScript (a bundler, a dev server, `require`, a test runner, a one-file service bundle)
// loads the module too, with no asset to copy, rewrite or serve.
//
// The text is a byte-for-byte code in printable ASCII (scripts/embed-wasm.mjs): the most
// frequent byte values are one character each, the rest an escape character and one more.
// Each byte keeps its place, so repeats in the module stay repeats in the text and gzip or
// brotli shrink it about as well as the binary (base64 would cost about 35 % gzipped), and no
// minifier or bundler rewrites it (no quote, backslash, `<` or non-ASCII character).

/** The characters of the code: printable ASCII but `"`, `\` and `<`. */
const ALPHABET_SIZE = 92;
/** How many of them stand for one byte each; the last two begin a two-character code. */
const DIRECT_CODES = ALPHABET_SIZE - 2;
/** Byte value of each code rank, as hex pairs (rank 0 is the most frequent byte). */
const BYTE_OF_RANK = "@@BYTE_OF_RANK@@";
/** Length of the module in bytes. */
const MODULE_BYTES = 0 /*@@MODULE_BYTES@@*/;
/** The module, coded. */
const MODULE_TEXT = "@@MODULE_TEXT@@";

/** The module's bytes, decoded from `MODULE_TEXT` (one loop run once at import: about 4 ms in
 * Node 20's interpreter for 150 KB). */
export function embeddedWasm() {
  const indexOf = new Uint8Array(128);
  for (let c = 32, i = 0; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60) indexOf[c] = i++;
  const byteOf = new Uint8Array(256);
  for (let rank = 0; rank < 256; rank++) byteOf[rank] = parseInt(BYTE_OF_RANK.slice(2 * rank, 2 * rank + 2), 16);
  const bytes = new Uint8Array(MODULE_BYTES);
  const text = MODULE_TEXT;
  for (let i = 0, o = 0; i < text.length; i++) {
    let rank = indexOf[text.charCodeAt(i)];
    if (rank >= DIRECT_CODES) rank = DIRECT_CODES + (rank - DIRECT_CODES) * ALPHABET_SIZE + indexOf[text.charCodeAt(++i)];
    bytes[o++] = byteOf[rank];
  }
  return bytes;
}
