import { ClassifyClient } from "/pkg/browser.js";

const config = await (await fetch("/config.json")).json();
const client = new ClassifyClient({ apiKey: config.apiKey, baseUrl: config.baseUrl });
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function renderJob(job) {
  const r = job.result;
  $("job").innerHTML = `
    <div><span class="status ${esc(job.status)}">${esc(job.status)}</span> <code>${esc(job.id)}</code></div>
    ${r ? `<p><b>Type:</b> ${r.type === null ? "<i>no rule matched</i>" : esc(r.type)}
      &nbsp; <b>Confidence:</b> <meter min="0" max="1" value="${r.confidence}"></meter> ${(r.confidence * 100).toFixed(0)} %</p>
      <p><b>Reasoning:</b> ${esc(r.reasoning)}</p>` : ""}
    ${job.error_message ? `<p class="error">${esc(job.error_message)}</p>` : ""}
    <p><small>Input: ${esc(job.file_input ?? job.document_input_value)} · rules: ${job.configuration.rules.map((x) => esc(x.type)).join(", ")} · updated ${esc(job.updated_at)}</small></p>`;
}
function renderError(target, error) {
  $(target).innerHTML = `<p class="error"><b>${esc(error.name)}</b>${error.status ? ` (HTTP ${error.status})` : ""}: ${esc(error.message)}</p>`;
}

$("job-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("job").textContent = "Loading…";
  try { renderJob(await client.getClassifyJob($("job-id").value)); } catch (error) { renderError("job", error); }
});
$("wait").addEventListener("click", async () => {
  $("job").textContent = "Waiting…";
  try {
    renderJob(await client.waitForClassifyJob($("job-id").value, { intervalMs: 200, timeoutMs: 30000, onProgress: renderJob }));
  } catch (error) {
    if (error.job) renderJob(error.job);
    $("job").insertAdjacentHTML("beforeend", `<p class="error"><b>${esc(error.name)}</b>: ${esc(error.message)}</p>`);
  }
});

let nextToken = null;
async function loadPage(token) {
  $("results").textContent = "Loading…";
  try {
    const page = await client.listResults($("results-id").value, { page_size: Number($("page-size").value), page_token: token ?? undefined });
    nextToken = page.next_page_token || null;
    $("next").disabled = !nextToken;
    $("results").innerHTML = `<p>${page.items.length} of ${page.total_size ?? "?"} results</p>
      <table><tr><th>File</th><th>Type</th><th>Confidence</th><th>Reasoning</th></tr>
      ${page.items.map((item) => `<tr><td><code>${esc(item.file_id).slice(-12)}</code></td>
        <td>${item.result?.type === null ? "<i>none</i>" : esc(item.result?.type)}</td>
        <td>${item.result ? (item.result.confidence * 100).toFixed(0) + " %" : ""}</td><td>${esc(item.result?.reasoning)}</td></tr>`).join("")}
      </table>`;
  } catch (error) { renderError("results", error); }
}
$("results-form").addEventListener("submit", (event) => { event.preventDefault(); loadPage(null); });
$("next").addEventListener("click", () => loadPage(nextToken));
document.body.dataset.ready = "true";
