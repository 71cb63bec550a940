// The shared suite inside workerd: this module is bundled by esbuild (run.sh) with the
// `workerd` export condition, so `classify-sdk` resolves to pkg/workerd.js exactly as in a
// user's Worker; the .wasm stays a separate module (a compiled WebAssembly.Module) listed in
// config.capnp.
//
//   GET /health            → "ok"
//   GET /run[?grep=text]   → { runtime, passed, failed, results } after running the cases
//                            (optionally only those whose "group › name" contains `text`)
import * as sdk from "classify-sdk";
import { buildCases, runCases } from "../cases.mjs";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if (url.pathname !== "/run") return new Response("not found", { status: 404 });
    const baseUrl = url.searchParams.get("baseUrl") || env.EMULATOR_URL;
    if (!baseUrl) return new Response("EMULATOR_URL is not set", { status: 500 });
    let cases = buildCases(sdk, { runtime: "workerd", baseUrl });
    const grep = url.searchParams.get("grep");
    if (grep) cases = cases.filter((c) => `${c.group} › ${c.name}`.includes(grep));
    const report = await runCases(cases);
    return Response.json({ runtime: "workerd", ...report });
  },
};
