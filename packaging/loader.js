// What every entry exports, and how the WebAssembly module gets loaded behind it.
//
// No entry awaits at its top level (a top-level `await` breaks `require()`, Jest, Vite's
// dependency pre-bundling and older build targets). Each entry hands `loadAtImport` the module
// the way its runtime allows: bytes it carries (Node, browsers, bundlers), or a compiled
// `WebAssembly.Module` the runtime imported statically (workerd, Vercel's edge runtime).
// The module is instantiated synchronously there, so the package is ready as soon as the
// import returns. If that fails (a host that refuses to compile that much synchronously),
// the same bytes are compiled asynchronously instead: promise-returning calls wait for it,
// synchronous ones throw an `InvalidArgumentError` asking for `await init()`.
// `init(source)` is the escape hatch for hosts where neither works: it takes the module,
// its bytes, a `Response` or a URL.
import {
  initSync,
  ClassifyClient as WasmClassifyClient,
  UnsiloedClient as WasmUnsiloedClient,
  PageIterator,
  WebhookConfigs,
  getClassifyJob as wasmGetClassifyJob,
  listResults as wasmListResults,
  toClassification as wasmToClassification,
} from "./classify_sdk.js";
import { guardExports, createError, setCallExtras } from "./support.js";
import { watchClassifyJob } from "./watch.js";
import { classifyMany, iterClassifyMany } from "./bulk.js";

export { PageIterator, WebhookConfigs };
export * from "./errors.js";

/** How long `init` waits for its source (a promise, a fetch) before it gives up. */
const INIT_TIMEOUT_MS = 60_000;

/** Whether the module is instantiated. */
let ready = false;
/** The load in progress (`init`, or the asynchronous retry of `loadAtImport`), else null. */
let loading = null;

function loaded() {
  ready = true;
  loading = null;
  // The classes themselves, not the glue's namespace: a namespace object would keep every
  // export of the glue alive in the app's bundle.
  guardExports({ ClassifyClient: WasmClassifyClient, UnsiloedClient: WasmUnsiloedClient, PageIterator, WebhookConfigs });
}

function notLoaded() {
  return createError(
    "InvalidArgumentError",
    loading
      ? "init: the WebAssembly module is still loading; await init() before calling this synchronously"
      : "init: the WebAssembly module is not loaded; await init(source) first (a WebAssembly.Module, its bytes, a Response or a URL)",
    { argument: "init" },
  );
}

/** Whether `value` is a compiled module (its brand, not `instanceof`: a module compiled in
 * another realm, as Next.js's edge sandbox hands over, is still a module). */
function isModule(value) {
  return Object.prototype.toString.call(value) === "[object WebAssembly.Module]";
}

/** Whether a compiled module is this package's: it exports the entry points the glue calls. */
function isThisModule(module) {
  const names = WebAssembly.Module.exports(module).map((entry) => entry.name);
  return names.includes("__wbindgen_start") && names.includes("classifyclient_new");
}

/** How `init` turns a source that is not a compiled module into one (the entry's choice). */
let compileSource = () => Promise.reject(new TypeError("this runtime compiles no bytes"));

/**
 * Instantiates the module synchronously from `source()` (bytes or a compiled module). Never
 * throws: on failure the module is compiled asynchronously from the same source instead.
 * `compile` (compile.js) lets `init` take bytes, a `Response` or a URL; the edge entry passes
 * none, since Vercel's edge runtime refuses code that could compile bytes. When `source()`
 * itself fails, `fallback()` (a promise of bytes) is loaded asynchronously instead.
 */
export function loadAtImport(source, compile, fallback) {
  if (compile) compileSource = compile;
  let module;
  try {
    module = source();
    if (module === undefined) return; // the slim entry: `init(source)` loads it
    initSync({ module });
    loaded();
  } catch {
    if (module !== undefined) init(module).catch(() => {});
    else if (fallback) init(fallback()).catch(() => {});
  }
}

/**
 * Loads the module from `source` unless it is loaded already (then it resolves at once) or
 * being loaded (then it resolves with that load). Never throws; rejects with an
 * `InvalidArgumentError` (argument `source`) when the source cannot be fetched, is larger
 * than compile.js allows, is not this package's module, or has not arrived within
 * `INIT_TIMEOUT_MS` (which also aborts its fetch).
 */
export function init(source) {
  if (ready) return Promise.resolve();
  if (loading) return loading;
  if (source === undefined || source === null) return Promise.reject(notLoaded());
  // The deadline also aborts a fetch of the source and its read.
  const abort = typeof AbortController === "function" ? new AbortController() : null;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      abort?.abort();
      reject();
    }, INIT_TIMEOUT_MS);
  });
  const compiled = Promise.resolve(source).then((value) => (isModule(value) ? value : compileSource(value, abort?.signal)));
  const pending = Promise.race([compiled, deadline])
    .then((module) => {
      // Another module that happens to link would leave the glue bound to the wrong exports.
      if (!isThisModule(module)) throw new TypeError("not this package's module");
      initSync({ module });
      loaded();
    })
    .finally(() => clearTimeout(timer))
    .catch(() => {
      if (loading === pending) loading = null;
      throw createError(
        "InvalidArgumentError",
        "source: could not be loaded or instantiated as the classify-sdk WebAssembly module",
        { argument: "source" },
      );
    });
  loading = pending;
  return pending;
}

/** Runs `call` now if the module is loaded, after the load in progress if there is one. */
function whenLoaded(call) {
  if (ready) return call();
  if (loading) return loading.then(call);
  return Promise.reject(notLoaded());
}

/** The promise-returning methods `withResponse()` offers, per client class. */
const LLAMACLOUD_CALLS = ["getClassifyJob", "listResults", "listClassifyJobs", "createClassifyJob", "cancelClassifyJob",
  "deleteClassifyJob", "uploadFile", "waitForClassifyJob", "classify"];
const UNSILOED_CALLS = ["getClassifyJob", "submitClassification", "waitForClassifyJob", "classify"];
const WEBHOOK_CONFIG_CALLS = ["list", "get", "create", "update", "delete"];

/**
 * The view `withResponse()` returns: each of `names` calls `target`'s method and resolves
 * `{ data, status, requestId, headers }` of the call's last HTTP answer. The method reads
 * what to record into synchronously, as it reads its options (`setCallExtras`), so calls
 * running at once never see each other's answers.
 */
function responseView(target, names) {
  const view = {};
  for (const name of names) {
    view[name] = (...args) => {
      const sink = {};
      setCallExtras({ sink });
      let pending;
      try {
        pending = target[name](...args);
      } finally {
        setCallExtras(undefined);
      }
      return pending.then((data) => ({ data, status: sink.status ?? 0, requestId: sink.requestId, headers: sink.headers ?? {} }));
    };
  }
  return Object.freeze(view);
}

/** LlamaCloud's client (see the declarations); refuses to be built before the module loads. */
export class ClassifyClient extends WasmClassifyClient {
  constructor(options) {
    if (!ready) throw notLoaded();
    super(options);
  }

  /** Live status from the edge worker's stream, falling back to polling (see the declarations). */
  watchClassifyJob(jobId, options) {
    return watchClassifyJob(this, jobId, options);
  }

  /** Many documents through `classify`, paced and bounded (see the declarations). */
  classifyMany(inputs, options) {
    return classifyMany(this, inputs, options);
  }

  /** `classifyMany`'s outcomes as an async iterable, in completion order (see the declarations). */
  iterClassifyMany(inputs, options) {
    return iterClassifyMany(this, inputs, options);
  }

  /** The same calls, each resolving `{ data, status, requestId, headers }` (see the declarations). */
  withResponse() {
    const view = responseView(this, LLAMACLOUD_CALLS);
    return Object.freeze({ ...view, webhookConfigs: responseView(this.webhookConfigs, WEBHOOK_CONFIG_CALLS) });
  }
}

/** LlamaCloud's client under its primary name: the same class as `ClassifyClient` (kept as an alias). */
export const LlamaCloudClient = ClassifyClient;

/** Unsiloed's client (see the declarations); refuses to be built before the module loads. */
export class UnsiloedClient extends WasmUnsiloedClient {
  constructor(options) {
    if (!ready) throw notLoaded();
    super(options);
  }

  /** Many documents through `classify`, paced and bounded (see the declarations). */
  classifyMany(inputs, options) {
    return classifyMany(this, inputs, options);
  }

  /** `classifyMany`'s outcomes as an async iterable, in completion order (see the declarations). */
  iterClassifyMany(inputs, options) {
    return iterClassifyMany(this, inputs, options);
  }

  /** The same calls, each resolving `{ data, status, requestId, headers }` (see the declarations). */
  withResponse() {
    return responseView(this, UNSILOED_CALLS);
  }
}

/** One LlamaCloud or Unsiloed job (see the declarations); waits for the module. */
export function getClassifyJob(jobId, options) {
  return ready ? wasmGetClassifyJob(jobId, options) : whenLoaded(() => wasmGetClassifyJob(jobId, options));
}

/** One page of a batch job's results (see the declarations); waits for the module. */
export function listResults(classifyJobId, options) {
  return ready ? wasmListResults(classifyJobId, options) : whenLoaded(() => wasmListResults(classifyJobId, options));
}

/** The common view of a job of either provider (see the declarations). */
export function toClassification(job) {
  if (!ready) throw notLoaded();
  return wasmToClassification(job);
}
