// Node as CommonJS: `require` by name (the package's `require` condition).
const { ClassifyClient, getClassifyJob, toClassification, NotFoundError } = require("classify-sdk");

const api = process.env.CLASSIFY_API;
const apiKey = "llx-test-key-0123456789";
const client = new ClassifyClient({ apiKey, baseUrl: api });
(async () => {
  const job = await getClassifyJob("clj-completed", { apiKey, baseUrl: api });
  const missing = await client.getClassifyJob("clj-nope").catch((error) => error);
  console.log(`label=${toClassification(job).label} client=${missing instanceof NotFoundError ? "invoice" : missing}`);
})();
