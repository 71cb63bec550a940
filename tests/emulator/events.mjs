// A stand-in for the edge worker's live stream (examples/worker: `GET /jobs/{id}/events`), so
// `watchClassifyJob` is tested in every runtime against real HTTP: Server-Sent Events of a job
// created on this emulator (in demo mode also of its clj-demo-* jobs), `event: job` / `data: <the job>` on connect and on each change of
// status, closed after the terminal one; a comment line as a heartbeat. No auth (the worker
// authorizes its callers; this emulator stands in for the stream only).
//
// Query parameters for tests: `drop=N` closes the stream after N events without ending the job
// (the client reconnects); `fail=1` answers 503 (the client falls back to polling);
// `other=1` first sends an event for another job (ignored by the client).
import { createdJob } from "./llamacloud.mjs";
import { send } from "./http.mjs";

/** How often the stand-in looks at the job (ms). */
const LOOK_MS = 20;
/** Longest a stream stays open (ms). */
const MAX_STREAM_MS = 30_000;

/**
 * Serves `/jobs/{id}/events`; true when `url` was that. `lookup(id)` is the job now (null: no
 * such job); by default a job created on this emulator (demo mode passes its own jobs' lookup).
 */
export function serveJobEvents(req, res, url, state, lookup = (id) => createdJob(state.llamacloud, id)) {
  const match = /^\/jobs\/([^/]+)\/events$/.exec(url.pathname);
  if (!match || req.method !== "GET") return false;
  let id;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    send(res, 400, { detail: "Bad job id" });
    return true;
  }
  if (url.searchParams.get("fail") === "1") {
    send(res, 503, { detail: "stream unavailable" });
    return true;
  }
  if (!lookup(id)) {
    send(res, 404, { detail: "Classify job not found" });
    return true;
  }
  const dropAfter = Number(url.searchParams.get("drop") || 0);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
  res.write(": connected\n\n");
  if (url.searchParams.get("other") === "1") res.write(`event: job\ndata: ${JSON.stringify({ id: "clj-someone-else", status: "COMPLETED" })}\n\n`);
  let sent = 0;
  let last = "";
  const started = Date.now();
  const look = () => {
    const job = lookup(id);
    if (!job || Date.now() - started > MAX_STREAM_MS) return finish();
    if (job.status !== last) {
      last = job.status;
      res.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
      sent++;
      if (["COMPLETED", "FAILED", "CANCELLED"].includes(job.status) || (dropAfter && sent >= dropAfter)) return finish();
    }
  };
  const timer = setInterval(look, LOOK_MS);
  const finish = () => {
    clearInterval(timer);
    res.end();
  };
  req.on("close", () => clearInterval(timer));
  look();
  return true;
}
