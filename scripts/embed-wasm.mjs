// Writes the two files that carry the WebAssembly module inside JavaScript, then decodes each
// back and checks it is the module:
//   <out>/embedded-wasm.js         packaging/embedded-wasm.js with the bytes in its printable
//                                  ASCII code (described there): the browser entry's;
//   <out>/embedded-wasm-base64.js  packaging/embedded-wasm-base64.js with them as base64:
//                                  the Node entry's.
//   node scripts/embed-wasm.mjs pkg/classify_sdk_bg.wasm pkg
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [wasmPath, outDir] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
const template = (name) => readFileSync(new URL(`../packaging/${name}`, import.meta.url), "utf8");

// The ASCII code: printable ASCII but `"`, `\` and `<`; the most frequent byte values get one
// character, the rest one of the last two characters and one more.
const alphabet = [];
for (let c = 32; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60) alphabet.push(String.fromCharCode(c));
const direct = alphabet.length - 2;
const counts = new Array(256).fill(0);
for (const byte of wasm) counts[byte]++;
const byteOfRank = [...Array(256).keys()].sort((a, b) => counts[b] - counts[a] || a - b);
const codeOfByte = new Array(256);
byteOfRank.forEach((byte, rank) => {
  codeOfByte[byte] = rank < direct
    ? alphabet[rank]
    : alphabet[direct + Math.floor((rank - direct) / alphabet.length)] + alphabet[(rank - direct) % alphabet.length];
});
let text = "";
for (const byte of wasm) text += codeOfByte[byte];
const ascii = template("embedded-wasm.js");
if (alphabet.length !== Number(/ALPHABET_SIZE = (\d+)/.exec(ascii)[1])) throw new Error("embed-wasm: alphabet size differs from the decoder's");

const outputs = {
  "embedded-wasm.js": ascii
    .replace("@@BYTE_OF_RANK@@", byteOfRank.map((b) => b.toString(16).padStart(2, "0")).join(""))
    .replace("0 /*@@MODULE_BYTES@@*/", String(wasm.length))
    .replace("@@MODULE_TEXT@@", () => text),
  "embedded-wasm-base64.js": template("embedded-wasm-base64.js").replace("@@MODULE_BASE64@@", () => wasm.toString("base64")),
};
for (const [name, source] of Object.entries(outputs)) {
  const path = join(outDir, name);
  writeFileSync(path, source);
  const { embeddedWasm } = await import(pathToFileURL(resolve(path)).href);
  if (!Buffer.from(embeddedWasm()).equals(wasm)) throw new Error(`embed-wasm: ${path} does not decode to the module`);
}
console.log(`embed-wasm: ${wasm.length} B module → ${text.length} characters (ASCII code), ${Math.ceil(wasm.length / 3) * 4} (base64)`);
