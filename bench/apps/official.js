import LlamaCloud from "@llamaindex/llama-cloud";
export async function app(baseUrl, apiKey, jobId, resultsId) {
  const client = new LlamaCloud({ apiKey, baseURL: baseUrl });
  const job = await client.classify.get(jobId);
  // 2.16.0 has no typed method for the v1 results listing; its generic GET is the same path.
  const page = await client.get(`/api/v1/classifier/jobs/${resultsId}/results`, { query: { page_size: 1000 } });
  return [job, page];
}
