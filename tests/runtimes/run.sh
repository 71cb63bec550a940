#!/usr/bin/env bash
# Runs the shared suite in Bun and Deno (binaries from the npm packages `bun` and
# `@deno/linux-x64-glibc`) against the local emulator, which runs in Node beside them.
#
#   bash tests/runtimes/run.sh [bun|deno]...    # default: both
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || runtimes=(bun deno)

log=$(mktemp -d)
node tests/emulator/server.mjs --port 0 > "$log/emulator.out" 2>&1 &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true; rm -rf "$log"' EXIT
for _ in $(seq 100); do grep -q EMULATOR_URL "$log/emulator.out" && break; sleep 0.1; done
export EMULATOR_URL=$(sed -n 's/^EMULATOR_URL=//p' "$log/emulator.out")
[ -n "$EMULATOR_URL" ] || { echo "the emulator did not start" >&2; cat "$log/emulator.out" >&2; exit 1; }

status=0
for runtime in "${runtimes[@]}"; do
  echo "== the shared suite in $runtime"
  case $runtime in
    bun) node_modules/.bin/bun --version | sed 's/^/bun /'
         timeout 600 node_modules/.bin/bun tests/runtimes/suite.mjs || status=1 ;;
    deno) deno=node_modules/@deno/linux-x64-glibc/deno
          "$deno" --version | head -n1
          DENO_NO_UPDATE_CHECK=1 timeout 600 "$deno" run --quiet --allow-net=127.0.0.1 --allow-read --allow-env \
            tests/runtimes/suite.mjs || status=1 ;;
    *) echo "unknown runtime $runtime" >&2; status=1 ;;
  esac
done
exit $status
