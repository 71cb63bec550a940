// The same declarations under every `moduleResolution` (run.mjs type-checks this file with
// node10, node16, nodenext and bundler): the functions, a client, an error class, init.
import { ClassifyClient, getClassifyJob, init, NotFoundError, toClassification, type ClassifyJob, type WasmSource } from "classify-sdk";

export async function label(api: string): Promise<string | null> {
  const source: WasmSource = new URL("https://example.invalid/classify_sdk_bg.wasm");
  await init(source).catch(() => undefined);
  const job: ClassifyJob = await getClassifyJob("clj-completed", { apiKey: "k", baseUrl: api });
  const client = new ClassifyClient({ apiKey: "k", baseUrl: api });
  const missing = await client.getClassifyJob("nope").catch((error: unknown) => error);
  if (!(missing instanceof NotFoundError)) return null;
  return toClassification(job).label;
}
