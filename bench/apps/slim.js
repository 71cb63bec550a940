import { init, getClassifyJob, listResults } from "classify-sdk/slim";
export async function app(baseUrl, apiKey, jobId, resultsId) {
  await init(new URL("classify_sdk_bg.wasm", import.meta.url));
  const job = await getClassifyJob(jobId, { apiKey, baseUrl });
  const page = await listResults(resultsId, { apiKey, baseUrl, page_size: 1000 });
  return [job, page];
}
