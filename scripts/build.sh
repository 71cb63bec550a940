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
# larger gzipped (measured in BENCHMARKS.md, "Size levers"); gzip is what users download.
# --strip-debug also drops the name section wasm-pack leaves in.
"$WASM_OPT" -O1 --duplicate-function-elimination --strip-debug --strip-producers \
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  pkg.new/classify_sdk_bg.wasm -o pkg.new/classify_sdk_bg.wasm
rm -f pkg.new/.gitignore
rm -rf pkg && mv pkg.new pkg

# The error classes live in the wasm-bindgen snippet; give them a stable public path.
snippet=$(cd pkg && ls snippets/*/js/support.js)
# The error classes are listed once, in js/support.js; errors.js re-exports each of them.
classes=$(sed -n 's/^export class \([A-Za-z]*\) .*/\1/p' js/support.js | paste -sd, - | sed 's/,/, /g')
printf '// Error classes of classify-sdk (one module instance shared with the wasm glue).\nexport { %s } from "./%s";\n' "$classes" "$snippet" > pkg/errors.js
printf '// Internal: the runtime support the entries use (not part of the public API).\nexport { guardExports } from "./%s";\n' "$snippet" > pkg/support.js
cp packaging/node.js packaging/workerd.js packaging/browser.js packaging/errors.d.ts packaging/package.json pkg/
cp packaging/index.d.ts pkg/index.d.ts
# Node's entry is one pre-bundled module (glue, support code and entry): each extra ES module
# costs Node's loader a resolve, a read and a link at start-up (about 0.8 ms for the three).
# The wasm-bindgen glue repeats an import key per extern block; esbuild warns, harmlessly.
esbuild pkg/node.js --bundle --minify --keep-names --format=esm --platform=node --log-level=error \
  --banner:js="// classify-sdk, Node entry: packaging/node.js bundled with the wasm-bindgen glue and js/support.js." \
  --allow-overwrite --outfile=pkg/node.js
cp README.md pkg/README.md 2>/dev/null || true
rm -f pkg/.gitignore
node scripts/finish-types.mjs
node scripts/check-package.mjs
