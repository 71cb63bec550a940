export async function app(baseUrl, apiKey, jobId, resultsId) {
  const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
  const job = await (await fetch(`${baseUrl}/api/v2/classify/${encodeURIComponent(jobId)}`, { headers })).json();
  const page = await (await fetch(`${baseUrl}/api/v1/classifier/jobs/${encodeURIComponent(resultsId)}/results?page_size=1000`, { headers })).json();
  return [job, page];
}
