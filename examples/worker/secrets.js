// The secrets the proxy holds, and their removal from any text it sends (answers, streams).
// A hostile or buggy upstream can echo a key into a field of an otherwise valid job: every
// text leaving the Worker goes through `scrub` first (worker.js's answers, live.js's streams).

/** Secrets shorter than this are not scrubbed (they would match ordinary text). */
const MIN_SECRET_CHARS = 4;

const list = (text) => String(text || "").split(",").map((s) => s.trim()).filter(Boolean);

/** Every secret binding: the upstream keys, the proxy-token and webhook secrets (current and old). */
export function secretsOf(env) {
  return [
    env.LLAMA_CLOUD_API_KEY, env.UNSILOED_API_KEY,
    env.PROXY_TOKEN_SECRET, ...list(env.PROXY_TOKEN_SECRETS_OLD),
    env.LLAMA_CLOUD_WEBHOOK_SECRET, ...list(env.LLAMA_CLOUD_WEBHOOK_SECRETS_OLD),
  ].filter((k) => typeof k === "string" && k.length >= MIN_SECRET_CHARS);
}

/** `text` with every occurrence of each secret replaced by "[redacted]". */
export function scrub(text, secrets) {
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  return text;
}
