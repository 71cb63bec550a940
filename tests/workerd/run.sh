#!/usr/bin/env bash
# Runs the shared suite (tests/cases.mjs) inside workerd against the local emulator, plus a
# smoke test of examples/worker under workerd. Needs a built pkg/ (bash scripts/build.sh) and
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
EMU_PID= WORKERD_PID=
cleanup() {
  [ -n "$WORKERD_PID" ] && kill "$WORKERD_PID" 2>/dev/null || true
  [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null || true
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

# 3. workerd on two free 127.0.0.1 ports (the suite worker and the example worker).
read -r SUITE_PORT EXAMPLE_PORT < <(node -e '
const net = require("net");
const one = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
Promise.all([one(), one()]).then((p) => console.log(p.join(" ")));')
node_modules/.bin/workerd serve "$HERE/config.capnp" \
  --socket-addr "suite=127.0.0.1:$SUITE_PORT" --socket-addr "example=127.0.0.1:$EXAMPLE_PORT" \
  > "$BUILD/workerd.log" 2>&1 &
WORKERD_PID=$!
SUITE="http://127.0.0.1:$SUITE_PORT"
EXAMPLE="http://127.0.0.1:$EXAMPLE_PORT"
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
export SUITE_STATUS EXAMPLE
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

// examples/worker under workerd, with the emulator as its API.
const check = async (label, path, expectStatus, verify) => {
  try {
    const res = await fetch(`${process.env.EXAMPLE}${path}`, { signal: AbortSignal.timeout(15000) });
    const body = await res.text();
    if (res.status !== expectStatus) throw new Error(`status ${res.status}, expected ${expectStatus}: ${body.slice(0, 300)}`);
    await verify(JSON.parse(body));
    report(true, label);
  } catch (error) {
    report(false, label, error.message);
  }
};
const must = (value, message) => { if (!value) throw new Error(message); };
await check("example › GET /jobs/clj-completed is 200 with the COMPLETED job", "/jobs/clj-completed", 200, (job) => {
  must(job.id === "clj-completed", `id ${job.id}`);
  must(job.status === "COMPLETED", `status ${job.status}`);
});
await check("example › GET /jobs/nope is 404 NotFoundError", "/jobs/nope", 404, (body) => {
  must(body.error === "NotFoundError", `error ${body.error}`);
});

console.log(`workerd: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
JS
