#!/usr/bin/env bash
# Every test, in every runtime, against the built pkg/. Each runner prints its own count;
# the last lines sum them up.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
status=0
summary=()
run() { # label, command...
  local label=$1; shift
  echo; echo "===== $label"
  if "$@"; then summary+=("PASS  $label"); else summary+=("FAIL  $label"); status=1; fi
}
run "Rust module graph (no cycle, no upward import)" node scripts/module-graph.mjs --quiet
run "bindings at most 5 lines each" node scripts/binding-size.mjs --quiet
run "derive(Schema) refuses what a table cannot express (host cargo test)" cargo test --quiet -p schema-derive
run "package contract (emulator vs OpenAPI)" node --test tests/contract/
run "JS suite in Node (node --test)" node --test --test-concurrency=1 tests/node/
run "wasm-bindgen-test (Node + headless Chromium)" bash scripts/test-wasm.sh
run "JS suite in headless Chromium (esbuild bundle)" bash tests/browser/run.sh esbuild
run "JS suite in headless Chromium (webpack 5 bundle)" bash tests/browser/run.sh webpack
run "JS suite in workerd" bash tests/workerd/run.sh
run "demo page + edge worker end to end (headless Chromium)" bash tests/e2e/run.sh
run "JS suite in Bun and Deno" bash tests/runtimes/run.sh
run "frameworks and bundlers, installed from npm pack" node tests/frameworks/run.mjs
run "size budget" node bench/size-budget.mjs
echo; echo "===== summary"; printf '%s\n' "${summary[@]}"
passed=$(printf '%s\n' "${summary[@]}" | grep -c '^PASS')
failed=$(printf '%s\n' "${summary[@]}" | grep -c '^FAIL')
echo "suites: $passed passed, $failed failed"
exit $status
