// Bytes a browser downloads for an app calling getClassifyJob + listResults: esbuild-bundled,
// minified JS, gzip -9 and brotli. Our browser entry carries the WebAssembly module inside the
// JavaScript, so the bundle is the whole download; `wasmGz` / `wasmBr` are the module as a
// separate file (what workerd and the edge entry load), for comparison; `slim` is an app on
// `classify-sdk/slim`, which fetches that file itself (its JS plus the .wasm).
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const root = new URL("../", import.meta.url);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function bundle(entry) {
  const result = await build({
    entryPoints: [new URL(`bench/apps/${entry}`, root).pathname],
    bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false,
    conditions: ["browser"], logLevel: "silent",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

export async function measureSizes() {
  const wasm = readFileSync(new URL("pkg/classify_sdk_bg.wasm", root));
  const ours = await bundle("ours.js");
  const official = await bundle("official.js");
  const plain = await bundle("plain.js");
  const slim = await bundle("slim.js");
  return {
    ours: { jsRaw: ours.length, wasmRaw: wasm.length, wasmGz: gz(wasm), wasmBr: br(wasm), gz: gz(ours), br: br(ours) },
    slim: { jsRaw: slim.length, gz: gz(slim) + gz(wasm), br: br(slim) + br(wasm) },
    official: { jsRaw: official.length, gz: gz(official), br: br(official) },
    plain: { jsRaw: plain.length, gz: gz(plain), br: br(plain) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await measureSizes(), null, 2));
