#!/usr/bin/env bash
# wasm-bindgen-test through wasm-pack (`wasm-pack test --node`, `--headless --chrome` with
# Debian's chromedriver), against the local emulator. Fails when either runtime reports zero
# tests: a browser run without WASM_BINDGEN_USE_BROWSER=1 runs none and still exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log=$(mktemp -d)
node tests/emulator/server.mjs --port 0 > "$log/emulator.out" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true; rm -rf "$log"' EXIT
for _ in $(seq 50); do grep -q EMULATOR_URL "$log/emulator.out" && break; sleep 0.1; done
export EMULATOR_URL=$(sed -n 's/^EMULATOR_URL=//p' "$log/emulator.out")
export WASM_BINDGEN_TEST_TIMEOUT=120

count() { # runtime, output file: checks that tests ran and none failed
  local ran
  ran=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$2" | awk '{s+=$4} END {print s+0}')
  if grep -q 'test result: FAILED' "$2" || [ "$ran" -eq 0 ]; then
    echo "wasm-bindgen-test ($1): failed or ran no test"; return 1
  fi
  echo "wasm-bindgen-test ($1): $ran passed, 0 failed"
}

echo "== wasm-bindgen-test in Node (wasm-pack test --node)"
wasm-pack test --node . 2>&1 | grep -v 'failed to get wasm-pack version' | tee "$log/node.txt"
count node "$log/node.txt"

echo "== wasm-bindgen-test in headless Chromium (wasm-pack test --headless --chrome)"
cat > "$log/webdriver.json" <<'JSON'
{ "goog:chromeOptions": { "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"] } }
JSON
( cd "$log" && WASM_BINDGEN_USE_BROWSER=1 \
    wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver "$OLDPWD" ) 2>&1 \
  | grep -v 'failed to get wasm-pack version' | tee "$log/chrome.txt"
count chromium "$log/chrome.txt"
