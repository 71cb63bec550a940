// The public exports, the same from every entry (scripts/check-package.mjs checks that they
// cover every export of the wasm-bindgen glue). The entries differ only in how they hand the
// module to the loader.
export {
  LlamaCloudClient,
  ClassifyClient,
  UnsiloedClient,
  PageIterator,
  WebhookConfigs,
  getClassifyJob,
  listResults,
  toClassification,
  init,
} from "./loader.js";
export * from "./errors.js";
export { signWebhook, verifyWebhook, mintProxyToken, verifyProxyToken } from "./webhooks.js";
