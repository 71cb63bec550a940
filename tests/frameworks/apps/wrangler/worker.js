// A Cloudflare Worker built and served by wrangler (`wrangler dev`, local workerd), no
// wrangler.toml: the package's `workerd` entry and its statically imported `.wasm`.
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";

const apiKey = "llx-test-key-0123456789";

export default {
  async fetch(request) {
    const api = new URL(request.url).searchParams.get("api");
    const client = new ClassifyClient({ apiKey, baseUrl: api });
    const [job, again] = await Promise.all([getClassifyJob("clj-completed", { apiKey, baseUrl: api }), client.getClassifyJob("clj-completed")]);
    return new Response(`label=${toClassification(job).label} client=${again.result?.type}`);
  },
};
