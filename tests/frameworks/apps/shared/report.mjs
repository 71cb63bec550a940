// Shared by the browser apps (run.mjs copies it next to each app's entry): constructs a client at once, looks up one job through the
// emulator named in `?api=`, and publishes the label (or the error) as `window.__result`.
export function report({ ClassifyClient, getClassifyJob, toClassification }) {
  const api = new URLSearchParams(location.search).get("api");
  const apiKey = "llx-test-key-0123456789";
  const client = new ClassifyClient({ apiKey, baseUrl: api });
  Promise.all([getClassifyJob("clj-completed", { apiKey, baseUrl: api }), client.getClassifyJob("clj-completed")]).then(
    ([job, again]) => {
      window.__result = `label=${toClassification(job).label} client=${again.result?.type}`;
      document.body.textContent = window.__result;
    },
    (error) => {
      window.__result = `error=${error && error.name}: ${error && error.message}`;
    },
  );
}
