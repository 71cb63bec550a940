// A route handler on the Node runtime.
import { getClassifyJob, toClassification } from "classify-sdk";

export const dynamic = "force-dynamic";

export async function GET() {
  const job = await getClassifyJob("clj-completed", { apiKey: "llx-test-key-0123456789", baseUrl: process.env.CLASSIFY_API });
  return Response.json({ runtime: "nodejs", label: toClassification(job).label });
}
