// "Code beside every result": the exact program that produces what a view shows, for Node 18+
// (or any ES module host), shown under the view with a Copy button. The key is never in it:
// the client reads process.env.LLAMA_CLOUD_API_KEY / process.env.UNSILOED_API_KEY.
import { $, h } from "./ui.js";

/** Where each provider's key comes from in a snippet, and the SDK's default base URL. */
const PROVIDER_CODE = {
  llamacloud: { className: "ClassifyClient", keyEnv: "LLAMA_CLOUD_API_KEY", defaultBaseUrl: "https://api.cloud.llamaindex.ai" },
  unsiloed: { className: "UnsiloedClient", keyEnv: "UNSILOED_API_KEY", defaultBaseUrl: "https://prod.visionapi.unsiloed.ai" },
};

/** The README section each view's snippet comes from (the package's page on npm). */
const README = "https://www.npmjs.com/package/classify-sdk";
export const README_SECTIONS = {
  usage: ["Usage", "#usage"],
  jobs: ["Starting jobs (LlamaCloud)", "#starting-jobs-llamacloud"],
  unsiloed: ["Unsiloed", "#unsiloed"],
  options: ["Options and defaults", "#options-and-defaults"],
};

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * `value` as JavaScript source, on one line when it fits in `width` columns, else one entry a
 * line indented by `indent`. A `{ code: "…" }` object stands for source written as is.
 */
export function js(value, indent = "", width = 72) {
  if (value && typeof value === "object" && typeof value.code === "string" && Object.keys(value).length === 1) return value.code;
  if (Array.isArray(value)) {
    const items = value.map((v) => js(v, `${indent}  `, width));
    const flat = `[${items.join(", ")}]`;
    if (flat.length + indent.length <= width && !flat.includes("\n")) return flat;
    return `[\n${items.map((i) => `${indent}  ${i},`).join("\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${js(v, `${indent}  `, width)}`);
    if (!entries.length) return "{}";
    const flat = `{ ${entries.join(", ")} }`;
    if (flat.length + indent.length <= width && !flat.includes("\n")) return flat;
    return `{\n${entries.map((e) => `${indent}  ${e},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * A whole program: the import, the client built with the page's current options (the key as
 * process.env.…), then `body` (lines of code using `client`). `imports` adds Node imports.
 */
export function program(provider, settings, clientOptions, body, { imports = [] } = {}) {
  const { className, keyEnv, defaultBaseUrl } = PROVIDER_CODE[provider];
  const options = {};
  const baseUrl = settings.baseUrl.trim();
  if (baseUrl && baseUrl.replace(/\/$/, "") !== defaultBaseUrl) options.baseUrl = baseUrl;
  const hasKey = settings.apiKey.trim() !== "";
  if (hasKey) options.apiKey = { code: `process.env.${keyEnv}` };
  Object.assign(options, clientOptions);
  const lines = [
    ...imports,
    `import { ${className} } from "classify-sdk";`,
    "",
    ...(hasKey ? [] : ["// No apiKey: the proxy at baseUrl adds the key."]),
    `const client = new ${className}(${js(options)});`,
    "",
    ...body,
  ];
  return `${lines.join("\n")}\n`;
}

/** Turns each `<p class="call"><code id="…">` of the page into a snippet box with Copy and links. */
export function setupSnippets() {
  for (const code of document.querySelectorAll(".call code")) {
    const id = code.id;
    const call = code.closest(".call");
    const status = h("span", { class: "copy-status", role: "status" });
    const copy = h("button", {
      type: "button", class: "ghost copy", "aria-label": "Copy this code", "aria-describedby": `${id}-title`,
      onclick: () => copyCode(code, status),
    }, "Copy");
    const box = h("div", { class: "snippet", id: `${id}-box`, hidden: true },
      h("div", { class: "snippet-head" },
        h("span", { class: "snippet-title", id: `${id}-title` }, "The code for this result"),
        h("span", { class: "snippet-note muted", id: `${id}-note` }),
        status, copy),
      h("pre", { tabindex: 0, "aria-labelledby": `${id}-title` }, code),
      h("p", { class: "snippet-foot muted" },
        h("code", { class: "install" }, "npm install classify-sdk"),
        " · run with Node 18+ as an ES module (.mjs) · ",
        h("a", { class: "readme", href: `${README}#usage`, target: "_blank", rel: "noopener" }, "README: Usage")));
    call.replaceWith(box);
  }
}

/** Copies a snippet's text (the Clipboard API, else a selection for Ctrl+C). */
async function copyCode(code, status) {
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = "Copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = "Selected: press Ctrl+C";
  }
  clearTimeout(status.timer);
  status.timer = setTimeout(() => { status.textContent = ""; }, 2500);
}

/**
 * Shows `text` as the snippet `id` (empty: hides it), with a note (e.g. how long the call took)
 * and the README section it comes from (a key of README_SECTIONS).
 */
export function showSnippet(id, text, { note = "", section = "usage" } = {}) {
  $(id).textContent = text;
  const box = $(`${id}-box`);
  if (!box) return;
  box.hidden = text === "";
  $(`${id}-note`).textContent = note;
  const [title, anchor] = README_SECTIONS[section] || README_SECTIONS.usage;
  const link = box.querySelector("a.readme");
  link.href = `${README}${anchor}`;
  link.textContent = `README: ${title}`;
}
