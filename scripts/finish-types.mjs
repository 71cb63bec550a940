// Post-processes wasm-bindgen's declarations: the raw wasm exports (InitOutput) are typed
// `any` by wasm-bindgen and nothing public should be; `[Symbol.dispose]` would force
// `lib: esnext` on every user's tsconfig (the method still exists at runtime). The glue's own
// loaders (`initSync`, the default export) are not exported by any entry (`init` is), so their
// declarations go. Then writes the CommonJS twins (`.d.cts`, specifiers `.cjs`), which
// TypeScript reads for a `require` of the package (`moduleResolution: node16` / `nodenext`).
import { readFileSync, writeFileSync } from "node:fs";

for (const file of ["pkg/classify_sdk.d.ts", "pkg/classify_sdk_bg.wasm.d.ts"]) {
  let text = readFileSync(file, "utf8")
    .replace(/\bany\b/g, "unknown")
    .replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
  if (file === "pkg/classify_sdk.d.ts") {
    const loaders = text.indexOf("\nexport type InitInput");
    if (loaders < 0) throw new Error("finish-types: wasm-bindgen's loader declarations were not found");
    text = text.slice(0, loaders + 1);
  }
  writeFileSync(file, text);
}
for (const name of ["index", "errors", "webhooks", "classify_sdk"]) {
  const text = readFileSync(`pkg/${name}.d.ts`, "utf8").replace(/from "\.\/([a-z_]+)\.js"/g, 'from "./$1.cjs"');
  writeFileSync(`pkg/${name}.d.cts`, text);
}
