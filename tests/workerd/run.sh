#!/usr/bin/env bash
# Runs the shared suite (tests/cases.mjs) inside workerd against the local emulator, plus the
# tests of examples/worker (the key-holding proxy) under workerd, against a second emulator in
# demo mode (tests/workerd/example.mjs), and its live status (webhooks, the JobWatch Durable
# Object: tests/workerd/live.mjs). Needs a built pkg/ (bash scripts/build.sh) and
# npm devDependencies (workerd, esbuild).
#
#   bash tests/workerd/run.sh [grep]     # optional: only suite cases whose "group › name" contains grep
#
# Prints one ok/FAIL line per case and ends with "workerd: N passed, M failed"; exits non-zero
# if anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=tests/workerd
BUILD=$HERE/.build
GREP=${1:-}

[ -f pkg/workerd.js ] && [ -f pkg/classify_sdk_bg.wasm ] || { echo "pkg/ is not built: run bash scripts/build.sh" >&2; exit 2; }
[ -x node_modules/.bin/workerd ] && [ -x node_modules/.bin/esbuild ] || { echo "run npm install first" >&2; exit 2; }

mkdir -p "$BUILD"
EMU_PID= WORKERD_PID= UPSTREAM_PID=
cleanup() {
  [ -n "$WORKERD_PID" ] && kill "$WORKERD_PID" 2>/dev/null || true
  [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null || true
  [ -n "$UPSTREAM_PID" ] && kill "$UPSTREAM_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Bundle the workers. `classify-sdk` resolves through its `workerd` export condition to
#    pkg/workerd.js; its `./classify_sdk_bg.wasm` import stays external and is provided as a
#    wasm module by config.capnp.
bundle() {
  node_modules/.bin/esbuild "$1" --bundle --format=esm --platform=neutral \
    --conditions=workerd,worker --main-fields=module,main --external:'*.wasm' \
    --log-level=warning --log-override:duplicate-object-key=silent --outfile="$2"
}
bundle $HERE/worker.mjs "$BUILD/suite.js"
bundle examples/worker/worker.js "$BUILD/example.js"

# 2. The emulator on a free port.
node tests/emulator/server.mjs --port 0 > "$BUILD/emulator.log" 2>&1 &
EMU_PID=$!
EMULATOR_URL=
for _ in $(seq 1 100); do
  EMULATOR_URL=$(sed -n 's/^EMULATOR_URL=//p' "$BUILD/emulator.log" | head -n1)
  [ -n "$EMULATOR_URL" ] && break
  kill -0 "$EMU_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$EMULATOR_URL" ] || { echo "emulator did not start:" >&2; cat "$BUILD/emulator.log" >&2; exit 1; }
export EMULATOR_URL
export LLAMA_CLOUD_API_KEY=$(node --input-type=module -e 'import { API_KEY } from "./tests/emulator/fixtures.mjs"; process.stdout.write(API_KEY)')

# 2b. The example worker's upstream: another emulator, in demo mode (it records every request).
node tests/emulator/server.mjs --port 0 --demo > "$BUILD/upstream.log" 2>&1 &
UPSTREAM_PID=$!
EXAMPLE_UPSTREAM_URL=
for _ in $(seq 1 100); do
  EXAMPLE_UPSTREAM_URL=$(sed -n 's/^EMULATOR_URL=//p' "$BUILD/upstream.log" | head -n1)
  [ -n "$EXAMPLE_UPSTREAM_URL" ] && break
  kill -0 "$UPSTREAM_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$EXAMPLE_UPSTREAM_URL" ] || { echo "demo emulator did not start:" >&2; cat "$BUILD/upstream.log" >&2; exit 1; }
export EXAMPLE_UPSTREAM_URL
export UNSILOED_API_KEY=$(node --input-type=module -e 'import { UNSILOED_API_KEY } from "./tests/emulator/fixtures.mjs"; process.stdout.write(UNSILOED_API_KEY)')

# 3. workerd on four free 127.0.0.1 ports (the suite worker and the two example workers).
read -r SUITE_PORT EXAMPLE_PORT WRITES_PORT LIMITED_PORT < <(node -e '
const net = require("net");
const one = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
Promise.all([one(), one(), one(), one()]).then((p) => console.log(p.join(" ")));')
node_modules/.bin/workerd serve "$HERE/config.capnp" \
  --socket-addr "suite=127.0.0.1:$SUITE_PORT" --socket-addr "example=127.0.0.1:$EXAMPLE_PORT" \
  --socket-addr "example-writes=127.0.0.1:$WRITES_PORT" --socket-addr "example-limited=127.0.0.1:$LIMITED_PORT" \
  > "$BUILD/workerd.log" 2>&1 &
WORKERD_PID=$!
SUITE="http://127.0.0.1:$SUITE_PORT"
EXAMPLE="http://127.0.0.1:$EXAMPLE_PORT"
EXAMPLE_WRITES="http://127.0.0.1:$WRITES_PORT"
EXAMPLE_LIMITED="http://127.0.0.1:$LIMITED_PORT"
ready=
for _ in $(seq 1 150); do
  if curl -fsS -o /dev/null --max-time 2 "$SUITE/health" 2>/dev/null; then ready=1; break; fi
  kill -0 "$WORKERD_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ready" ] || { echo "workerd did not start:" >&2; cat "$BUILD/workerd.log" >&2; exit 1; }

# 4. Run the suite inside workerd and the example checks, then report.
SUITE_STATUS=0
curl -sS --max-time 300 -G "$SUITE/run" --data-urlencode "grep=$GREP" -o "$BUILD/report.json" || SUITE_STATUS=$?
export SUITE_STATUS EXAMPLE EXAMPLE_WRITES EXAMPLE_LIMITED WORKERD_LOG="$BUILD/workerd.log"
node --input-type=module - "$BUILD/report.json" <<'JS' || { rc=$?; [ -s "$BUILD/workerd.log" ] && { echo "--- workerd log:"; tail -n 40 "$BUILD/workerd.log"; } >&2; exit $rc; }
import { readFileSync } from "node:fs";
let passed = 0, failed = 0;
const report = (ok, label, detail) => {
  if (ok) { passed++; console.log(`ok   ${label}`); }
  else { failed++; console.log(`FAIL ${label}${detail ? `\n     ${String(detail).split("\n").join("\n     ")}` : ""}`); }
};

// The shared suite, as run by the worker.
let suite;
try {
  if (process.env.SUITE_STATUS !== "0") throw new Error(`curl exited ${process.env.SUITE_STATUS}`);
  const text = readFileSync(process.argv[2], "utf8");
  try { suite = JSON.parse(text); } catch { throw new Error(`worker answered non-JSON: ${text.slice(0, 500)}`); }
} catch (error) {
  report(false, "suite › the worker answered /run with a report", error.message);
}
for (const r of suite?.results || []) {
  const firstLines = r.error && r.error.split("\n").slice(0, 3).join("\n");
  report(r.ok, `${r.group} › ${r.name} (${r.ms} ms)`, firstLines);
}

// examples/worker under workerd, with a demo-mode emulator as its API (tests/workerd/example.mjs).
const { runExampleWorkerTests } = await import(`${process.cwd()}/tests/workerd/example.mjs`);
await runExampleWorkerTests({
  worker: process.env.EXAMPLE, writes: process.env.EXAMPLE_WRITES, limited: process.env.EXAMPLE_LIMITED, emulator: process.env.EXAMPLE_UPSTREAM_URL,
  origin: "https://app.example.com", log: process.env.WORKERD_LOG, report,
});

// Live status of examples/worker (webhooks, the JobWatch Durable Object): tests/workerd/live.mjs.
const { runLiveTests } = await import(`${process.cwd()}/tests/workerd/live.mjs`);
await runLiveTests({
  worker: process.env.EXAMPLE, plain: process.env.EXAMPLE_WRITES, emulator: process.env.EXAMPLE_UPSTREAM_URL,
  origin: "https://app.example.com", secret: "whsec-live-test-current", oldSecret: "whsec-live-test-old",
  tokenSecret: "test-proxy-token-secret-current", report,
});

console.log(`workerd: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
JS
