#!/usr/bin/env bash
# Runs the shared suite (tests/cases.mjs) in headless Chromium against the local emulator.
#
#   bash tests/browser/run.sh [esbuild|webpack]     (default esbuild)
#
# 1. bundles tests/browser/entry.mjs (which imports "classify-sdk" by name, resolved through
#    node_modules/classify-sdk → pkg/ and its "browser" export, which carries the module) with
#    esbuild (or webpack 5) into tests/browser/.build/, next to index.html;
# 2. starts the emulator and a static server for .build/ on two different 127.0.0.1 ports,
#    so every SDK request from the page is cross-origin (CORS + preflights);
# 3. drives the page with playwright-core and the system Chromium (tests/browser/run.mjs).
# Last line of output: "chromium: N passed, M failed". Exit status non-zero on any failure.
# Env: CHROMIUM_PATH (default /usr/bin/chromium), BROWSER_TIMEOUT_MS (default 120000),
#      BROWSER_VERBOSE=1 to stream the page's console to stderr.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BUILD=tests/browser/.build
TMP=$(mktemp -d)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for f in pkg/browser.js pkg/classify_sdk_bg.wasm node_modules/classify-sdk/package.json node_modules/.bin/esbuild; do
  [ -e "$f" ] || { echo "missing $f (build the package with scripts/build.sh and npm install first)" >&2; exit 2; }
done

# --- 1. bundle --------------------------------------------------------------------------
BUNDLER=${1:-esbuild}
rm -rf "$BUILD"
mkdir -p "$BUILD"
case $BUNDLER in
  esbuild)
    # (duplicate-object-key is silenced: wasm-bindgen's generated imports object lists the
    # same snippet module three times, each the same namespace object, which is harmless.)
    node_modules/.bin/esbuild tests/browser/entry.mjs \
      --bundle --format=esm --platform=browser --target=es2022 --minify \
      --outfile="$BUILD/bundle.js" --log-level=warning \
      --log-override:duplicate-object-key=silent ;;
  webpack)
    node tests/browser/webpack.mjs "$BUILD" ;;
  *) echo "unknown bundler $BUNDLER (esbuild or webpack)" >&2; exit 2 ;;
esac
cp tests/browser/index.html "$BUILD/index.html"

# --- 2. servers -------------------------------------------------------------------------
# start <name> <out file> <KEY> <command…>: runs the command in the background, records its pid
# and waits (≤ 15 s) for it to print KEY=<url>; the URL is left in $STARTED_URL.
start() {
  local name=$1 out=$2 key=$3
  shift 3
  "$@" >"$out" 2>&1 &
  PIDS+=("$!")
  local pid=$! i
  for i in $(seq 1 150); do
    STARTED_URL=$(sed -n "s/^$key=//p" "$out" | head -n 1)
    [ -n "$STARTED_URL" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start:" >&2
  cat "$out" >&2
  exit 1
}
start emulator "$TMP/emulator.log" EMULATOR_URL node tests/emulator/server.mjs --port 0
EMULATOR_URL=$STARTED_URL
start "page server" "$TMP/serve.log" PAGE_URL node tests/browser/serve.mjs "$BUILD" --port 0
PAGE_URL=$STARTED_URL
if [ "$EMULATOR_URL" = "$PAGE_URL" ]; then
  echo "page and emulator ended up on the same origin" >&2
  exit 1
fi

# --- 3. run -----------------------------------------------------------------------------
set +e
BROWSER_LABEL="chromium ($BUNDLER)" node tests/browser/run.mjs "$PAGE_URL" "$EMULATOR_URL"
status=$?
set -e
exit "$status"
