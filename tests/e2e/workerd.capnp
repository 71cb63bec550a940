# workerd config for the e2e tests (tests/e2e/run.sh): examples/worker as deployed (reads only),
# with the demo server's emulator as both upstreams and the demo page's origin allowed, and live
# status on (the JobWatch Durable Object; the emulator's webhook deliveries signed with
# E2E_WEBHOOK_SECRET).
# run.sh bundles the worker to .output/build/worker.js and sets the socket address and the
# environment (E2E_UPSTREAM_URL, E2E_ALLOWED_ORIGINS, the emulator's keys).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxyWorker),
    # The emulator listens on 127.0.0.1: the worker's outbound network must allow local addresses.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "proxy", address = "127.0.0.1:0", http = (), service = "proxy"),
  ],
);

const proxyWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed ".output/build/worker.js"),
    (name = "classify_sdk_bg.wasm", wasm = embed "../../pkg/classify_sdk_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "LLAMA_CLOUD_API_KEY", fromEnvironment = "LLAMA_CLOUD_API_KEY"),
    (name = "LLAMA_CLOUD_BASE_URL", fromEnvironment = "E2E_UPSTREAM_URL"),
    (name = "UNSILOED_API_KEY", fromEnvironment = "UNSILOED_API_KEY"),
    (name = "UNSILOED_BASE_URL", fromEnvironment = "E2E_UPSTREAM_URL"),
    (name = "ALLOWED_ORIGINS", fromEnvironment = "E2E_ALLOWED_ORIGINS"),
    (name = "JOB_WATCH", durableObjectNamespace = "JobWatch"),
    (name = "LLAMA_CLOUD_WEBHOOK_SECRET", fromEnvironment = "E2E_WEBHOOK_SECRET"),
    # The fallback poll well above the emulator's phases: the page's stream is fed by webhooks.
    (name = "LIVE_FALLBACK_POLL_MS", text = "10000"),
  ],
  durableObjectNamespaces = [(className = "JobWatch", uniqueKey = "classify-sdk-e2e-job-watch")],
  # request.signal fires when a watcher disconnects (the object then drops its stream).
  compatibilityFlags = ["enable_request_signal"],
  durableObjectStorage = (inMemory = void),
  globalOutbound = "loopback",
);
