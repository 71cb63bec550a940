# workerd config for the test harness (used by tests/workerd/run.sh).
#
# Three workers share one workerd process:
#   - "suite":          tests/cases.mjs against the local emulator (bundle: .build/suite.js)
#   - "example":        examples/worker/worker.js (bundle: .build/example.js) as deployed: reads
#                       only, CORS for one origin, live status (the JobWatch Durable Object,
#                       in-memory storage, webhook secrets)
#   - "example-writes": the same worker with ALLOWED_ACTIONS naming every action and a short
#                       upstream timeout
#   - "example-limited": the default worker with the RATE_LIMITER Durable Object (in memory)
#                       and RATE_LIMIT_PER_MINUTE = 20, and a Cache API (cacheApiOutbound =
#                       "cache": tests/workerd/cache.mjs, an in-memory stand-in)
# Both example workers take proxy tokens (PROXY_TOKEN_SECRET, one old secret in rotation; the
# same texts are in tests/workerd/example.mjs).
# The example workers' upstream is a second emulator, in demo mode (it records what reaches it),
# for both providers; their keys are the emulator's (tests/emulator/fixtures.mjs).
# Both import `classify-sdk` by name; esbuild keeps `./classify_sdk_bg.wasm` external, so the
# wasm is a separate `wasm` module here (workerd hands it to pkg/workerd.js as a compiled
# WebAssembly.Module).
#
# The socket addresses below are placeholders: run.sh overrides them with
# `--socket-addr suite=127.0.0.1:N --socket-addr example=127.0.0.1:M --socket-addr
# example-writes=127.0.0.1:W`. The emulator URLs and the API keys come from the environment
# (fromEnvironment bindings), so this file is static.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "suite", worker = .suiteWorker),
    (name = "example", worker = .exampleWorker),
    (name = "example-writes", worker = .exampleWritesWorker),
    (name = "example-limited", worker = .exampleLimitedWorker),
    (name = "cache", worker = .cacheWorker),
    # The emulator listens on 127.0.0.1: workerd's default "internet" service only reaches
    # public addresses, so the workers' global outbound is a network allowing local ones.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "suite", address = "127.0.0.1:0", http = (), service = "suite"),
    (name = "example", address = "127.0.0.1:0", http = (), service = "example"),
    (name = "example-writes", address = "127.0.0.1:0", http = (), service = "example-writes"),
    (name = "example-limited", address = "127.0.0.1:0", http = (), service = "example-limited"),
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
    (name = "LLAMA_CLOUD_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "UNSILOED_API_KEY", fromEnvironment = "UNSILOED_API_KEY"),
    (name = "UNSILOED_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "ALLOWED_ORIGINS", text = "https://app.example.com"),
    # Live status (examples/worker/live.js, tests/workerd/live.mjs): one JobWatch object per job,
    # the webhook secrets (current and one in rotation), a short fallback poll, the debug count.
    (name = "JOB_WATCH", durableObjectNamespace = "JobWatch"),
    (name = "LLAMA_CLOUD_WEBHOOK_SECRET", text = "whsec-live-test-current"),
    (name = "LLAMA_CLOUD_WEBHOOK_SECRETS_OLD", text = "whsec-live-test-old"),
    (name = "LIVE_FALLBACK_POLL_MS", text = "300"),
    (name = "LIVE_HEARTBEAT_MS", text = "100"),
    (name = "LIVE_DEBUG", text = "1"),
    (name = "PROXY_TOKEN_SECRET", text = "test-proxy-token-secret-current"),
    (name = "PROXY_TOKEN_SECRETS_OLD", text = "test-proxy-token-secret-rotated"),
  ],
  durableObjectNamespaces = [(className = "JobWatch", uniqueKey = "classify-sdk-example-job-watch")],
  # request.signal fires when a watcher disconnects (the object then drops its stream).
  compatibilityFlags = ["enable_request_signal"],
  durableObjectStorage = (inMemory = void),
  globalOutbound = "loopback",
);

const exampleWritesWorker :Workerd.Worker = (
  modules = [
    (name = "example.js", esModule = embed ".build/example.js"),
    (name = "classify_sdk_bg.wasm", wasm = embed "../../pkg/classify_sdk_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "LLAMA_CLOUD_API_KEY", fromEnvironment = "LLAMA_CLOUD_API_KEY"),
    (name = "LLAMA_CLOUD_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "UNSILOED_API_KEY", fromEnvironment = "UNSILOED_API_KEY"),
    (name = "UNSILOED_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "ALLOWED_ORIGINS", text = "https://app.example.com"),
    (name = "PROXY_TOKEN_SECRET", text = "test-proxy-token-secret-current"),
    (name = "PROXY_TOKEN_SECRETS_OLD", text = "test-proxy-token-secret-rotated"),
    (name = "ALLOWED_ACTIONS", text = "list, create, cancel, upload, submit"),
    (name = "UPSTREAM_TIMEOUT_MS", text = "1000"),
  ],
  globalOutbound = "loopback",
);

const exampleLimitedWorker :Workerd.Worker = (
  modules = [
    (name = "example.js", esModule = embed ".build/example.js"),
    (name = "classify_sdk_bg.wasm", wasm = embed "../../pkg/classify_sdk_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "LLAMA_CLOUD_API_KEY", fromEnvironment = "LLAMA_CLOUD_API_KEY"),
    (name = "LLAMA_CLOUD_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "UNSILOED_API_KEY", fromEnvironment = "UNSILOED_API_KEY"),
    (name = "UNSILOED_BASE_URL", fromEnvironment = "EXAMPLE_UPSTREAM_URL"),
    (name = "ALLOWED_ORIGINS", text = "https://app.example.com"),
    (name = "PROXY_TOKEN_SECRET", text = "test-proxy-token-secret-current"),
    (name = "RATE_LIMIT_PER_MINUTE", text = "20"),
    (name = "RATE_LIMITER", durableObjectNamespace = "RateLimiter"),
  ],
  durableObjectNamespaces = [
    (className = "RateLimiter", uniqueKey = "classify-proxy-rate-limiter-test"),
  ],
  durableObjectStorage = (inMemory = void),
  cacheApiOutbound = "cache",
  globalOutbound = "loopback",
);

const cacheWorker :Workerd.Worker = (
  modules = [(name = "cache.mjs", esModule = embed "cache.mjs")],
  compatibilityDate = "2026-11-01",
);
