// The shared suite in Node 20, importing the package by name as a user would.
import { test, before, after } from "node:test";
import * as sdk from "classify-sdk";
import { startEmulator } from "../emulator/server.mjs";
import { buildCases } from "../cases.mjs";

let server;
const env = { runtime: "node", baseUrl: "" };
before(async () => {
  server = await startEmulator(0);
  env.baseUrl = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

// Cases are built lazily so they see the emulator's port.
let cases;
const getCases = () => (cases ||= buildCases(sdk, env));
for (const c of buildCases(sdk, { runtime: "node", baseUrl: "http://placeholder" })) {
  test(`${c.group} › ${c.name}`, async () => {
    const real = getCases().find((x) => x.name === c.name && x.group === c.group);
    await real.run();
  });
}
