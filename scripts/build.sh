#!/usr/bin/env bash
# Builds the npm package in pkg/: release wasm, wasm-bindgen glue (--target web),
# npm binaryen's wasm-opt, and the hand-written entries, types and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

cargo build --quiet --release --target wasm32-unknown-unknown
rm -rf pkg.new
wasm-bindgen --target web --out-dir pkg.new --out-name classify_sdk \
  --remove-name-section --remove-producers-section \
  target/wasm32-unknown-unknown/release/classify_sdk.wasm
# npm binaryen (never Debian's wasm-opt 108: it breaks the externref table).
# -O1 plus duplicate-function elimination, not -Oz: -Oz makes the module smaller raw but
# larger gzipped (measured in BENCHMARKS.md, "Size levers"); gzip is what users download.
"$WASM_OPT" -O1 --duplicate-function-elimination --strip-debug --strip-producers \
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  pkg.new/classify_sdk_bg.wasm -o pkg.new/classify_sdk_bg.wasm
rm -rf pkg && mv pkg.new pkg

# The error classes live in the wasm-bindgen snippet; give them a stable public path.
snippet=$(cd pkg && ls snippets/*/js/support.js)
# The error classes are listed once, in js/support.js; errors.js re-exports each of them.
classes=$(sed -n 's/^export class \([A-Za-z]*\) .*/\1/p' js/support.js | paste -sd, - | sed 's/,/, /g')
printf '// Error classes of classify-sdk (one module instance shared with the wasm glue).\nexport { %s } from "./%s";\n' "$classes" "$snippet" > pkg/errors.js
printf '// Internal: the runtime support the entries use (not part of the public API).\nexport { guardFreed } from "./%s";\n' "$snippet" > pkg/support.js
cp packaging/node.js packaging/workerd.js packaging/browser.js packaging/errors.d.ts packaging/package.json pkg/
cp packaging/index.d.ts pkg/index.d.ts
# Node's entry is one pre-bundled module (glue, support code and entry): each extra ES module
# costs Node's loader a resolve, a read and a link at start-up (about 0.8 ms for the three).
# The wasm-bindgen glue repeats an import key per extern block; esbuild warns, harmlessly.
esbuild pkg/node.js --bundle --minify --format=esm --platform=node --log-level=error \
  --banner:js="// classify-sdk, Node entry: packaging/node.js bundled with the wasm-bindgen glue and js/support.js." \
  --allow-overwrite --outfile=pkg/node.js
cp README.md pkg/README.md 2>/dev/null || true
rm -f pkg/.gitignore
node scripts/finish-types.mjs
node scripts/check-package.mjs
