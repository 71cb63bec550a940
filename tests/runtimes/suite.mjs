// The shared suite (tests/cases.mjs) in another JavaScript runtime (Bun, Deno), importing the
// package by name as a user would. The emulator runs in Node beside it (tests/runtimes/run.sh
// passes its URL in EMULATOR_URL). Prints one line per case and "<runtime>: N passed, M failed".
import * as sdk from "classify-sdk";
import { buildCases, runCases } from "../cases.mjs";

const runtime = typeof Bun !== "undefined" ? "bun" : typeof Deno !== "undefined" ? "deno" : "node";
const env = globalThis.process?.env ?? {};
const baseUrl = env.EMULATOR_URL ?? (typeof Deno !== "undefined" ? Deno.env.get("EMULATOR_URL") : undefined);
if (!baseUrl) throw new Error("EMULATOR_URL is not set");
const grep = env.SUITE_GREP ?? "";
const cases = buildCases(sdk, { runtime, baseUrl }).filter((c) => `${c.group} › ${c.name}`.includes(grep));
const { passed, failed } = await runCases(cases, (line) => console.log(line));
console.log(`${runtime}: ${passed} passed, ${failed} failed`);
const exit = globalThis.process?.exit ?? ((code) => Deno.exit(code));
exit(failed === 0 && passed > 0 ? 0 : 1);
