#!/usr/bin/env bash
# End-to-end tests of the demo page (www/) and the edge worker (examples/worker) in headless
# Chromium (playwright-core + Debian's /usr/bin/chromium; nothing is downloaded).
#
#   bash tests/e2e/run.sh [grep]      # optional: only tests whose name contains grep
#
# 1. bundles examples/worker for workerd (esbuild, the package's `workerd` condition);
# 2. starts the demo server (www/serve.mjs on a free port: the page, pkg/, the emulator in demo
#    mode with short phases: a live demo job takes ~1.2 s, a created one ~2 s) and workerd serving the worker with that emulator as its upstream
#    and the page's origin allowed, each on a free 127.0.0.1 port;
# 3. runs tests/e2e/run.mjs (one ok/FAIL line per test, then "e2e: N passed, M failed").
# Servers are stopped by pid on exit. Output (screenshots, downloads, server logs) goes to
# tests/e2e/.output/. E2E_UPDATE_DOCS=1 also refreshes docs/demo-desktop.png and docs/demo-phone.png.
# Exit status: non-zero on any failure, or when no test ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OUT=tests/e2e/.output
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for f in pkg/browser.js pkg/workerd.js pkg/classify_sdk_bg.wasm node_modules/classify-sdk/package.json \
         node_modules/playwright-core/package.json node_modules/.bin/esbuild node_modules/.bin/workerd "$CHROMIUM"; do
  [ -e "$f" ] || { echo "missing $f (build with scripts/build.sh, npm install, apt chromium)" >&2; exit 2; }
done

rm -rf "$OUT"
mkdir -p "$OUT/build"

# --- 1. the worker bundle -------------------------------------------------------------------
node_modules/.bin/esbuild examples/worker/worker.js --bundle --format=esm --platform=neutral \
  --conditions=workerd,worker --main-fields=module,main --external:'*.wasm' \
  --log-level=warning --log-override:duplicate-object-key=silent --outfile="$OUT/build/worker.js"

# --- 2. servers ----------------------------------------------------------------------------------
# wait_for <name> <pid> <log> <KEY>: waits (≤ 15 s) for KEY=<value> in the log; prints the value.
wait_for() {
  local name=$1 pid=$2 log=$3 key=$4 value i
  for i in $(seq 1 150); do
    value=$(sed -n "s/^$key=//p" "$log" | head -n 1)
    [ -n "$value" ] && { echo "$value"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start:" >&2
  cat "$log" >&2
  return 1
}

DEMO_PORT=0 DEMO_PHASE_MS=${DEMO_PHASE_MS:-400} EMULATOR_PHASE_MS=${EMULATOR_PHASE_MS:-1000} \
  node www/serve.mjs > "$OUT/demo-server.log" 2>&1 &
DEMO_PID=$!
PIDS+=("$DEMO_PID")
DEMO_URL=$(wait_for "demo server" "$DEMO_PID" "$OUT/demo-server.log" DEMO_URL)
EMULATOR_URL=$(wait_for "emulator" "$DEMO_PID" "$OUT/demo-server.log" EMULATOR_URL)

WORKER_PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });')
LLAMA_CLOUD_API_KEY=$(node --input-type=module -e 'import { API_KEY } from "./tests/emulator/fixtures.mjs"; process.stdout.write(API_KEY)') \
UNSILOED_API_KEY=$(node --input-type=module -e 'import { UNSILOED_API_KEY } from "./tests/emulator/fixtures.mjs"; process.stdout.write(UNSILOED_API_KEY)') \
E2E_UPSTREAM_URL=$EMULATOR_URL E2E_ALLOWED_ORIGINS=${DEMO_URL%/} E2E_WEBHOOK_SECRET=e2e-webhook-signing-secret \
  node_modules/.bin/workerd serve tests/e2e/workerd.capnp --socket-addr "proxy=127.0.0.1:$WORKER_PORT" \
  > "$OUT/workerd.log" 2>&1 &
WORKERD_PID=$!
PIDS+=("$WORKERD_PID")
WORKER_URL="http://127.0.0.1:$WORKER_PORT"
ready=
for _ in $(seq 1 150); do
  # Any HTTP answer means it is up (the worker answers 404 at /).
  if curl -sS -o /dev/null --max-time 2 "$WORKER_URL/" 2>/dev/null; then ready=1; break; fi
  kill -0 "$WORKERD_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ready" ] || { echo "workerd did not start:" >&2; cat "$OUT/workerd.log" >&2; exit 1; }

echo "demo $DEMO_URL · emulator $EMULATOR_URL · worker $WORKER_URL"

# --- 3. the tests (bounded: no run may hang) ------------------------------------------------------
status=0
DEMO_URL=$DEMO_URL EMULATOR_URL=$EMULATOR_URL WORKER_URL=$WORKER_URL E2E_WEBHOOK_SECRET=e2e-webhook-signing-secret E2E_OUT=$OUT E2E_GREP=${1:-} \
  timeout --kill-after=10 300 node tests/e2e/run.mjs || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "e2e: the run timed out after 300 s"
  echo "e2e: 0 passed, 1 failed"
fi
if [ "$status" -ne 0 ]; then
  { echo "--- demo server log (last 20 lines):"; tail -n 20 "$OUT/demo-server.log"; echo "--- workerd log (last 20 lines):"; tail -n 20 "$OUT/workerd.log"; } >&2
fi
exit "$status"
