// Node (and Bun, Deno) as an ES module: import by name, construct at the top level, call.
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";

const api = process.env.CLASSIFY_API;
const apiKey = "llx-test-key-0123456789";
const client = new ClassifyClient({ apiKey, baseUrl: api });
const job = await getClassifyJob("clj-completed", { apiKey, baseUrl: api });
const again = await client.getClassifyJob("clj-completed");
console.log(`label=${toClassification(job).label} client=${again.result?.type}`);
