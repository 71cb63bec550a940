// A job-creation rate limit, as LlamaCloud enforces one (about 15 creations a second): a create
// (`POST /api/v2/classify`) or an Unsiloed submission (`POST /classify`) carrying
// `x-emulator-create-limit: <bucket>:<N>` is counted in that bucket, per wall-clock second;
// past N in a second it is answered 429 with `retry-after-ms` (the time to the next second).
// What the bucket saw is served for tests:
//
//   GET /__emulator/limits?bucket=<name>   {limit, requests, accepted, refused, created,
//                                           maxRequestsPerSecond, maxAcceptedPerSecond}
//
// `created` counts jobs actually made (a create answered from its transaction_id or
// Idempotency-Key makes none), so a test can check that no document became two jobs.
import { send } from "./http.mjs";

/** The header naming a bucket and its limit. */
export const CREATE_LIMIT_HEADER = "x-emulator-create-limit";
/** Buckets kept (the oldest goes first): tests name a fresh one each. */
const MAX_BUCKETS = 1000;
const buckets = new Map();

/** The bucket and limit a request names, or null. */
function bucketOf(req) {
  const match = /^([A-Za-z0-9_-]{1,100}):(\d{1,4})$/.exec(String(req.headers[CREATE_LIMIT_HEADER] || ""));
  if (!match) return null;
  let bucket = buckets.get(match[1]);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value);
    bucket = { limit: Number(match[2]), requests: new Map(), accepted: new Map(), refused: 0, created: 0 };
    buckets.set(match[1], bucket);
  }
  return bucket;
}

const bump = (map, second) => map.set(second, (map.get(second) || 0) + 1);

/** Counts a creation request; answers 429 (true) when its bucket is over its limit this second. */
export function refuseOverLimit(req, res) {
  const bucket = bucketOf(req);
  if (!bucket) return false;
  const now = Date.now();
  const second = Math.floor(now / 1000);
  bump(bucket.requests, second);
  if ((bucket.accepted.get(second) || 0) >= bucket.limit) {
    bucket.refused += 1;
    send(res, 429, { detail: "Too many job creations: slow down" }, { "retry-after-ms": String(1000 - (now % 1000)) });
    return true;
  }
  bump(bucket.accepted, second);
  return false;
}

/** Records that a request of a bucket made a new job. */
export function countCreated(req) {
  const bucket = bucketOf(req);
  if (bucket) bucket.created += 1;
}

/** Serves `GET /__emulator/limits?bucket=`; true when `url` was that. */
export function serveLimits(res, url) {
  if (url.pathname !== "/__emulator/limits") return false;
  const bucket = buckets.get(url.searchParams.get("bucket") || "");
  if (!bucket) {
    send(res, 404, { detail: "No such bucket" });
    return true;
  }
  const total = (map) => [...map.values()].reduce((a, b) => a + b, 0);
  const max = (map) => Math.max(0, ...map.values());
  send(res, 200, {
    limit: bucket.limit,
    requests: total(bucket.requests),
    accepted: total(bucket.accepted),
    refused: bucket.refused,
    created: bucket.created,
    maxRequestsPerSecond: max(bucket.requests),
    maxAcceptedPerSecond: max(bucket.accepted),
  });
  return true;
}
