#!/usr/bin/env bash
# Formatting, clippy (wasm target, and the host-built derive crate; warnings are errors) and
# the TypeScript compiler over the package's declarations and a strict usage file.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo fmt --check
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
# The derive(Schema) proc-macro runs on the host, so it is linted for the host.
cargo clippy --quiet -p schema-derive -- -D warnings
tsc -p tests/types/tsconfig.json
echo "lint: cargo fmt, clippy and tsc --strict are clean"
