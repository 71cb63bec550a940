// The shared suite in Node 20, importing the package by name as a user would.
import { test } from "node:test";
import * as sdk from "classify-sdk";
import { useEmulator } from "../emulator/hooks.mjs";
import { buildCases } from "../cases.mjs";

const emulator = useEmulator();
const env = {
  runtime: "node",
  get baseUrl() {
    return emulator.url;
  },
};

// Cases are built lazily so they see the emulator's port.
let cases;
const getCases = () => (cases ||= buildCases(sdk, env));
for (const c of buildCases(sdk, { runtime: "node", baseUrl: "http://placeholder" })) {
  test(`${c.group} › ${c.name}`, async () => {
    const real = getCases().find((x) => x.name === c.name && x.group === c.group);
    await real.run();
  });
}
