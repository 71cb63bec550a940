import { getClassifyJob, listResults } from "classify-sdk";
export async function app(baseUrl, apiKey, jobId, resultsId) {
  const job = await getClassifyJob(jobId, { apiKey, baseUrl });
  const page = await listResults(resultsId, { apiKey, baseUrl, page_size: 1000 });
  return [job, page];
}
