#!/usr/bin/env bash
# Size floor of the card's crates: the same two calls (`getClassifyJob`, `listResults`: gloo-net
# fetch, the JS engine parses the JSON, the same serde wire types validate it, one
# `future_to_promise`, lol_alloc, the release profile and wasm-opt flags of scripts/build.sh),
# with none of the SDK's behaviour (no retries, timeouts, pagination, polling, typed errors or
# option checks). Three ways to validate:
#   p1  serde_wasm_bindgen::from_value (serde-wasm-bindgen's Deserializer)
#   p3  an own Deserializer and error type, no serde-wasm-bindgen (not the card's choice)
#   p4  no serde at all (hand-written checks)
# Prints wasm and glue bytes (gzip -9) per probe and runs each against a local server.
# Not part of `make test`; see BENCHMARKS.md, "Size floor". Usage: bash bench/floor/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" && source scripts/env.sh
export CARGO_TARGET_DIR="$root/target/floor"
out="$CARGO_TARGET_DIR/out"
FLAGS="--enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers"
gz() { gzip -9 -c "$1" | wc -c; }
mkdir -p "$CARGO_TARGET_DIR"
printf '| probe | wasm raw | wasm gz | glue gz (esbuild --minify) | total gz |\n|---|---|---|---|---|\n' > "$CARGO_TARGET_DIR/rows.md"
for probe in p1 p3 p4; do
  cp "$root/Cargo.lock" "$here/$probe/Cargo.lock"   # the SDK's resolved versions
  (cd "$here/$probe" && cargo build --quiet --release --target wasm32-unknown-unknown)
  dir="$out/$probe" && rm -rf "$dir" && mkdir -p "$dir"
  wasm-bindgen --target web --out-dir "$dir/pkg" --out-name probe --remove-name-section \
    --remove-producers-section "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/probe_$probe.wasm"
  "$WASM_OPT" -O1 --duplicate-function-elimination $FLAGS "$dir/pkg/probe_bg.wasm" -o "$dir/pkg/probe_bg.wasm"
  printf 'import init, { getClassifyJob, listResults } from "./pkg/probe.js";\nawait init();\nconsole.log(await getClassifyJob("x"), await listResults("y"));\n' > "$dir/app.mjs"
  esbuild "$dir/app.mjs" --bundle --minify --format=esm --log-level=error --outfile="$dir/app.min.js"
  wasm_gz=$(gz "$dir/pkg/probe_bg.wasm"); glue_gz=$(gz "$dir/app.min.js")
  echo "| $probe | $(stat -c %s "$dir/pkg/probe_bg.wasm") | $wasm_gz | $glue_gz | $((wasm_gz + glue_gz)) |" >> "$CARGO_TARGET_DIR/rows.md"
  echo "== $probe in Node against 127.0.0.1"
  node "$here/test.mjs" "$dir"
  rm -f "$here/$probe/Cargo.lock"
done
cat "$CARGO_TARGET_DIR/rows.md"
