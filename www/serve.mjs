// `make demo`: starts the local API emulator and serves the demo page (www/) with the built
// package (pkg/) from a second port, so the browser talks to the emulator across origins (CORS).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { startEmulator } from "../tests/emulator/server.mjs";
import { API_KEY } from "../tests/emulator/fixtures.mjs";

const root = new URL("..", import.meta.url).pathname;
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json" };
const emulator = await startEmulator(Number(process.env.EMULATOR_PORT || 0));
const emulatorUrl = `http://127.0.0.1:${emulator.address().port}`;

const server = createServer(async (req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/config.json") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ baseUrl: emulatorUrl, apiKey: API_KEY }));
  }
  const rel = path === "/" ? "www/index.html" : path.startsWith("/pkg/") ? path.slice(1) : join("www", path);
  const file = normalize(join(root, rel));
  if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404); res.end("not found");
  }
});
server.listen(Number(process.env.DEMO_PORT || 8080), "127.0.0.1", () => {
  console.log(`classify-sdk demo: http://127.0.0.1:${server.address().port}/  (emulator ${emulatorUrl}; Ctrl-C to stop)`);
});
