#!/usr/bin/env bash
# Builds the npm package in pkg/ with wasm-pack (release wasm and wasm-bindgen glue,
# --target web), then npm binaryen's wasm-opt, and the hand-written multi-runtime entries,
# types and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# wasm-pack drives cargo (release, wasm32) and the pinned wasm-bindgen CLI (found on PATH, so
# nothing is downloaded); its own wasm-opt step is off (Cargo.toml), and it writes no
# package.json (--no-pack): the hand-written one below serves every runtime.
rm -rf pkg.new
wasm-pack --quiet build --release --target web --no-pack --out-dir pkg.new --out-name classify_sdk . 2>&1 \
  | { grep -v 'failed to get wasm-pack version' || true; }
# npm binaryen (never Debian's wasm-opt 108: it breaks the externref table).
# -O1 plus duplicate-function elimination, not -Oz: -Oz makes the module smaller raw but
# larger gzipped (measured in docs/benchmarks-journal.md, round 2); gzip is what users download.
# --strip-debug also drops the name section wasm-pack leaves in.
"$WASM_OPT" -O1 --duplicate-function-elimination --strip-debug --strip-producers \
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  pkg.new/classify_sdk_bg.wasm -o pkg.new/classify_sdk_bg.wasm
rm -f pkg.new/.gitignore
rm -rf pkg && mv pkg.new pkg

# The glue's fallback `new URL("classify_sdk_bg.wasm", import.meta.url)` goes: every entry hands
# the loader its module, and bundlers would emit the .wasm as an unused asset for it, or fail on
# it (Turbopack inside node_modules); `import.meta` would also break the CommonJS entries.
node -e '
  const fs = require("fs"), file = "pkg/classify_sdk.js";
  const from = "module_or_path = new URL(\x27classify_sdk_bg.wasm\x27, import.meta.url);";
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error("build: the glue no longer has the default module URL to remove");
  // A compiled module can come from another realm (Next.js runs edge code in a sandbox whose
  // `WebAssembly` is not the one that compiled the `.wasm` import): check its brand, not its
  // prototype chain, or the glue would try to compile the module object as bytes.
  const check = "module instanceof WebAssembly.Module";
  if (text.split(check).length !== 2) throw new Error("build: the glue no longer checks for a compiled module once");
  fs.writeFileSync(file, text
    .replace(from, "throw new TypeError(\"classify-sdk: init needs the module\");")
    .replace(check, "Object.prototype.toString.call(module) === \"[object WebAssembly.Module]\""));
  if (fs.readFileSync(file, "utf8").includes("import.meta")) throw new Error("build: the glue still uses import.meta");'

# The error classes live in the wasm-bindgen snippet; give them a stable public path.
snippet=$(cd pkg && ls snippets/*/js/support.js)
# The error classes are listed once, in js/support.js; errors.js re-exports each of them.
classes=$(sed -n 's/^export class \([A-Za-z]*\) .*/\1/p' js/support.js | paste -sd, - | sed 's/,/, /g')
printf '// Error classes of classify-sdk (one module instance shared with the wasm glue).\nexport { %s } from "./%s";\n' "$classes" "$snippet" > pkg/errors.js
printf '// Internal: the runtime support the entries use (not part of the public API).\nexport { guardExports, createError, setCallExtras, createPace } from "./%s";\n' "$snippet" > pkg/support.js
cp packaging/loader.js packaging/compile.js packaging/api.js packaging/node.js packaging/node-file.js packaging/browser.js packaging/workerd.js packaging/edge-light.js packaging/slim.js packaging/webhooks.js packaging/webhooks.d.ts packaging/watch.js packaging/bulk.js \
  packaging/errors.d.ts packaging/index.d.ts packaging/package.json pkg/
node scripts/embed-wasm.mjs pkg/classify_sdk_bg.wasm pkg

# The Node and browser entries are each one pre-bundled module (glue, support code, loader,
# the embedded module and the entry), as ES module and as CommonJS (the `require` condition:
# `require()`, Jest, TypeScript's CommonJS output). One module also loads faster: each extra
# ES module costs Node's loader a resolve, a read and a link at start-up (about 0.8 ms for three).
# The wasm-bindgen glue repeats an import key per extern block; esbuild warns, harmlessly.
for entry in node browser; do
  # The browser entry stays unminified: the app's bundler minifies it, and `--keep-names`
  # (which the Node entry keeps for readable stack traces) would stop it from tree-shaking.
  flags=(--minify --keep-names --platform=node)
  [ "$entry" = browser ] && flags=(--platform=browser)
  for format in esm cjs; do
    out=pkg/$entry.js; [ "$format" = cjs ] && out=pkg/$entry.cjs
    esbuild "pkg/$entry.js" --bundle "${flags[@]}" --format=$format --log-level=error \
      --banner:js="// classify-sdk, $entry entry ($format): packaging/$entry.js bundled with the loader, the embedded module, the wasm-bindgen glue and js/support.js." \
      --allow-overwrite --outfile="$out.tmp"
  done
done
# node-file.js (plain Node) reads the .wasm; it loads the embedded bytes only if that fails,
# so they stay a separate module there, never parsed otherwise.
esbuild pkg/node-file.js --bundle --minify --keep-names --platform=node --format=esm --log-level=error \
  --external:./embedded-wasm-base64.js \
  --banner:js="// classify-sdk, Node entry (esm, reads the .wasm): packaging/node-file.js bundled with the loader, the wasm-bindgen glue and js/support.js." \
  --allow-overwrite --outfile=pkg/node-file.js.tmp
for f in pkg/*.tmp; do mv "$f" "${f%.tmp}"; done
rm pkg/embedded-wasm.js
cp README.md pkg/README.md 2>/dev/null || true
rm -f pkg/.gitignore
node scripts/finish-types.mjs
node scripts/check-package.mjs
