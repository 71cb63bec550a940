# Sourced by the scripts: puts the pinned tools on PATH.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
WASM_OPT="$PWD/node_modules/.bin/wasm-opt"
export WASM_OPT
