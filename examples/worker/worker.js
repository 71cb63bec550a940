// An edge Worker in front of LlamaCloud classify jobs: the browser calls this Worker, the API
// key stays server-side in a Worker secret (env.LLAMA_CLOUD_API_KEY) and never reaches the
// client.
//
//   GET /jobs/:id  → 200 with the job JSON, or an error JSON { error, message } with a status
//                    mapped from the SDK's typed errors.
import { getClassifyJob } from "classify-sdk";

const json = (body, status = 200, headers = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

/** Maps an SDK error (by err.name / err.status) to the HTTP status this Worker answers. */
function statusFor(err) {
  switch (err && err.name) {
    case "InvalidArgumentError":
    case "BadRequestError":
    case "UnprocessableEntityError":
      return 400;
    case "NotFoundError":
      return 404;
    case "RateLimitError":
      return 429;
    case "TimeoutError":
      return 504;
    case "AuthenticationError": // our key is wrong or missing: a server misconfiguration,
    case "PermissionDeniedError": // not the caller's fault; don't answer 401/403 to them
      return 500;
    case "AbortError":
      return 499;
    case "ConnectionError":
    case "DecodeError":
    case "InternalServerError":
      return 502;
    default:
      return typeof err?.status === "number" && err.status >= 400 ? 502 : 500;
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const match = /^\/jobs\/([^/]+)$/.exec(url.pathname);
    if (!match) return json({ error: "NotFound", message: "use GET /jobs/:id" }, 404);
    if (request.method !== "GET") return json({ error: "MethodNotAllowed", message: "GET only" }, 405, { allow: "GET" });
    if (!env.LLAMA_CLOUD_API_KEY) return json({ error: "Misconfigured", message: "LLAMA_CLOUD_API_KEY is not set" }, 500);

    let jobId;
    try {
      jobId = decodeURIComponent(match[1]);
    } catch {
      return json({ error: "BadRequest", message: "malformed job id" }, 400);
    }
    const options = { apiKey: env.LLAMA_CLOUD_API_KEY, timeoutMs: 10_000 };
    if (env.LLAMA_CLOUD_BASE_URL) options.baseUrl = env.LLAMA_CLOUD_BASE_URL;

    try {
      return json(await getClassifyJob(jobId, options));
    } catch (err) {
      const status = statusFor(err);
      const headers = {};
      const retryAfter = err?.headers?.["retry-after"]; // err.headers: the upstream response headers
      if (status === 429 && typeof retryAfter === "string") headers["retry-after"] = retryAfter;
      // SDK error messages never contain the API key; upstream auth details are not forwarded.
      const message = status === 500 ? "upstream request failed" : err.message;
      return json({ error: err?.name || "Error", message, upstreamStatus: err?.status, requestId: err?.requestId }, status, headers);
    }
  },
};
