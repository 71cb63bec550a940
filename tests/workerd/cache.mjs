// A stand-in for Cloudflare's cache behind the Cache API, for workerd's `cacheApiOutbound`
// (tests/workerd/config.capnp): workerd PUTs a serialized HTTP response to store it and GETs
// the URL to match it (answered with `cf-cache-status: HIT`, or MISS and 504). In memory;
// honours max-age; bounded to 1000 entries.
const entries = new Map();

/** Parses "HTTP/1.1 200 OK\r\nname: value\r\n…\r\n\r\nbody" into a status, headers and body. */
function parse(raw) {
  const split = raw.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = raw.slice(0, split).split("\r\n");
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(" ")[1]) || 200, headers, body: raw.slice(split + 4) };
}

export default {
  /** PUT: store; GET: match; anything else: 405. */
  async fetch(request) {
    const key = request.url;
    if (request.method === "PUT") {
      const entry = parse(await request.text());
      const maxAge = Number(/max-age=(\d+)/.exec(entry.headers.get("cache-control") || "")?.[1] || 0);
      if (maxAge > 0) {
        if (entries.size >= 1000) entries.delete(entries.keys().next().value);
        entries.set(key, { ...entry, expires: Date.now() + maxAge * 1000 });
      }
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET") {
      const entry = entries.get(key);
      if (!entry || entry.expires <= Date.now()) return new Response(null, { status: 504, headers: { "cf-cache-status": "MISS" } });
      const headers = new Headers(entry.headers);
      headers.set("cf-cache-status", "HIT");
      return new Response(entry.body, { status: entry.status, headers });
    }
    return new Response(null, { status: 405 });
  },
};
