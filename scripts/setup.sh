#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already present.
# Everything comes from the package registries (crates.io, npm, Debian); nothing is downloaded
# from anywhere else. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then rustup component add clippy; fi
if ! rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then rustup component add rustfmt; fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: the locked tree wants a crate version the registry mirror here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  echo "setup: installing wasm-pack $WASM_PACK_VERSION (a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "setup: installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver > /dev/null
fi

stamp=node_modules/.classify-sdk-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm devDependencies"
  # `npm install` rather than `npm ci`: the lock omits other platforms' optional workerd binaries.
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
# The framework fixtures (tests/frameworks): Next.js, Vite, Vitest, Jest, Rollup, webpack… pinned
# in their own package.json, beside (not inside) the SDK's tooling.
stamp=tests/frameworks/node_modules/.classify-sdk-lock
if [ ! -f "$stamp" ] || ! cmp -s tests/frameworks/package-lock.json "$stamp"; then
  echo "setup: installing the framework fixtures' packages"
  (cd tests/frameworks && npm install --no-audit --no-fund --loglevel=error)
  cp tests/frameworks/package-lock.json "$stamp"
fi
# The tests import the built package by its name, as a user would.
ln -sfn ../pkg node_modules/classify-sdk
