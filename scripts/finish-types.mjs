// Post-processes wasm-bindgen's declarations: the raw wasm exports (InitOutput) are typed
// `any` by wasm-bindgen and nothing public should be; `[Symbol.dispose]` would force
// `lib: esnext` on every user's tsconfig (the method still exists at runtime).
import { readFileSync, writeFileSync } from "node:fs";

for (const file of ["pkg/classify_sdk.d.ts", "pkg/classify_sdk_bg.wasm.d.ts"]) {
  const text = readFileSync(file, "utf8")
    .replace(/\bany\b/g, "unknown")
    .replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
  writeFileSync(file, text);
}
