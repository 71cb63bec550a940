import * as sdk from "classify-sdk";
import { startEmulator } from "./emulator/server.mjs";
import { buildCases, runCases } from "./cases.mjs";
const server = await startEmulator(0);
const baseUrl = `http://127.0.0.1:${server.address().port}`;
let fails = 0;
const N = Number(process.argv[3] || 10);
for (let i = 0; i < N; i++) {
  const cases = buildCases(sdk, { runtime: "node", baseUrl }).filter((c) => new RegExp(process.argv[2]).test(c.name));
  const r = await runCases(cases);
  for (const x of r.results) if (!x.ok) { fails++; console.log(x.name, x.error.split("\n")[0]); }
}
console.log("fails", fails);
server.close();
