// A server component: the SDK runs on the server at request time.
import { getClassifyJob, toClassification } from "classify-sdk";

export const dynamic = "force-dynamic";

export default async function Page() {
  const job = await getClassifyJob("clj-completed", { apiKey: "llx-test-key-0123456789", baseUrl: process.env.CLASSIFY_API });
  return <p id="result">server-component label={toClassification(job).label}</p>;
}
