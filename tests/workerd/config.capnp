# workerd config for the test harness (used by tests/workerd/run.sh).
#
# Two workers share one workerd process:
#   - "suite":   tests/cases.mjs against the local emulator (bundle: .build/suite.js)
#   - "example": examples/worker/worker.js             (bundle: .build/example.js)
# Both import `classify-sdk` by name; esbuild keeps `./classify_sdk_bg.wasm` external, so the
# wasm is a separate `wasm` module here (workerd hands it to pkg/workerd.js as a compiled
# WebAssembly.Module).
#
# The socket addresses below are placeholders: run.sh overrides them with
# `--socket-addr suite=127.0.0.1:N --socket-addr example=127.0.0.1:M`. The emulator URL and
# the API key come from the environment (fromEnvironment bindings), so this file is static.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "suite", worker = .suiteWorker),
    (name = "example", worker = .exampleWorker),
    # The emulator listens on 127.0.0.1: workerd's default "internet" service only reaches
    # public addresses, so the workers' global outbound is a network allowing local ones.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "suite", address = "127.0.0.1:0", http = (), service = "suite"),
    (name = "example", address = "127.0.0.1:0", http = (), service = "example"),
  ],
);

const suiteWorker :Workerd.Worker = (
  modules = [
    (name = "suite.js", esModule = embed ".build/suite.js"),
    (name = "classify_sdk_bg.wasm", wasm = embed "../../pkg/classify_sdk_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "EMULATOR_URL", fromEnvironment = "EMULATOR_URL"),
  ],
  globalOutbound = "loopback",
);

const exampleWorker :Workerd.Worker = (
  modules = [
    (name = "example.js", esModule = embed ".build/example.js"),
    (name = "classify_sdk_bg.wasm", wasm = embed "../../pkg/classify_sdk_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "LLAMA_CLOUD_API_KEY", fromEnvironment = "LLAMA_CLOUD_API_KEY"),
    (name = "LLAMA_CLOUD_BASE_URL", fromEnvironment = "EMULATOR_URL"),
  ],
  globalOutbound = "loopback",
);
