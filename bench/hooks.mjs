// The cost of the observability options: a job lookup against the local emulator with no
// hooks, with all three hooks (no-ops) and with a logger at debug (a no-op sink), interleaved
// in one Node process. Part of `make bench`; prints one Markdown table.
import { startEmulator } from "../tests/emulator/server.mjs";
import { API_KEY } from "../tests/emulator/fixtures.mjs";
import * as sdk from "classify-sdk";

const server = await startEmulator(0);
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const noop = () => {};
const clients = {
  "no hooks (default)": new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl }),
  "onRequest + onResponse + onRetry": new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl, onRequest: noop, onResponse: noop, onRetry: noop }),
  "logger at debug": new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl, logger: { debug: noop, info: noop, warn: noop, error: noop }, logLevel: "debug" }),
  "withResponse()": new sdk.ClassifyClient({ apiKey: API_KEY, baseUrl }).withResponse(),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = Object.fromEntries(Object.keys(clients).map((name) => [name, []]));
const rounds = Number(process.env.ROUNDS || 2000);
for (let i = 0; i < 50; i++) for (const client of Object.values(clients)) await client.getClassifyJob("clj-completed");
for (let i = 0; i < rounds; i++) {
  for (const [name, client] of Object.entries(clients)) {
    const t0 = performance.now();
    await client.getClassifyJob("clj-completed");
    times[name].push(performance.now() - t0);
  }
}
server.close();
const base = median(times["no hooks (default)"]);
console.log(`| job lookup (${rounds} interleaved rounds) | median ms | vs no hooks |\n|---|---|---|`);
for (const [name, list] of Object.entries(times)) {
  const m = median(list);
  console.log(`| ${name} | ${m.toFixed(3)} | ${m - base >= 0 ? "+" : ""}${((m - base) * 1000).toFixed(0)} µs |`);
}
