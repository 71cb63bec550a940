// A route handler on the edge runtime (the package's `edge-light` entry).
import { ClassifyClient, toClassification } from "classify-sdk";

export const runtime = "edge";
export const dynamic = "force-dynamic";

export async function GET() {
  const client = new ClassifyClient({ apiKey: "llx-test-key-0123456789", baseUrl: process.env.CLASSIFY_API });
  const job = await client.getClassifyJob("clj-completed");
  return Response.json({ runtime: "edge", label: toClassification(job).label });
}
