// TypeScript, `moduleResolution: node16`, a CommonJS file: `import … = require` resolves the
// package's `require` types (index.d.cts) and runtime (node.cjs).
import sdk = require("classify-sdk");

declare const process: { env: Record<string, string | undefined> };

const api = process.env.CLASSIFY_API;
const apiKey = "llx-test-key-0123456789";
async function main(): Promise<void> {
  const job: sdk.ClassifyJob = await sdk.getClassifyJob("clj-completed", { apiKey, baseUrl: api });
  const label: string | null = sdk.toClassification(job).label;
  const client = new sdk.ClassifyClient({ apiKey, baseUrl: api });
  const again = await client.getClassifyJob("clj-completed");
  console.log(`label=${label} client=${again.result?.type}`);
}
void main();
