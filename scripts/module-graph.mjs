// The Rust module graph: every `crate::…` and `super::…` path in src/ (test modules left out)
// names the module it reaches; the script prints the edges and fails on a cycle, or on an
// import from `providers` (wire types, endpoints: no I/O) into a module above it.
// `node scripts/module-graph.mjs` prints the graph; `--quiet` prints only the verdict.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".rs")) files.push(path);
  }
};
walk(src);

// `src/a/b.rs` and `src/a/b/mod.rs` are module `a::b`; `lib.rs` is the crate root.
const moduleOf = (file) => {
  const parts = relative(src, file).replace(/\.rs$/, "").split("/");
  if (parts.at(-1) === "mod" || parts.at(-1) === "lib") parts.pop();
  return parts.join("::");
};
const exists = (path) => existsSync(join(src, `${path.join("/")}.rs`)) || existsSync(join(src, ...path, "mod.rs"));
// The longest prefix of `segments` that is a module file.
const resolve = (segments) => {
  for (let end = segments.length; end > 0; end--) if (exists(segments.slice(0, end))) return segments.slice(0, end).join("::");
  return "";
};

// `use crate::{a::X, b}` and `use super::{x, y}` list several paths in braces: expand them.
const expand = (path) => {
  const open = path.indexOf("{");
  if (open < 0) return [path];
  const head = path.slice(0, open);
  const inner = path.slice(open + 1, path.lastIndexOf("}"));
  const items = [];
  let depth = 0, start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if ((c === "," && depth === 0) || i === inner.length) {
      const item = inner.slice(start, i).trim();
      if (item) items.push(...expand(head + item));
      start = i + 1;
    }
  }
  return items;
};

const edges = new Map();
for (const file of files) {
  const from = moduleOf(file);
  let text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  // Test modules may reach anywhere (fixtures, models): they are not part of the graph.
  const tests = text.search(/#\[cfg\(test\)\]\s*mod \w+/);
  if (tests >= 0) text = text.slice(0, tests);
  const targets = new Set();
  const paths = [];
  for (const m of text.matchAll(/\buse\s+((?:crate|super)::[^;]+);/g)) paths.push(...expand(m[1].replace(/\s+/g, "")));
  for (const m of text.matchAll(/(?<![\w:])((?:crate|super)(?:::\w+)+)/g)) paths.push(m[1]);
  // A path that starts with a child module (`mod name;` in this file) is relative to it.
  for (const [, child] of text.matchAll(/^\s*(?:pub(?:\(crate\))? )?mod (\w+);/gm)) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w:])${child}((?:::\\w+)+)`, "g"))) paths.push(`self::${child}${m[1]}`);
  }
  for (const path of paths) {
    const segments = path.split("::").filter((s, i) => s !== "self" || i === 0);
    let base;
    if (segments[0] === "crate") base = [];
    else if (path.startsWith("self::")) base = from ? from.split("::") : [];
    else {
      base = from.split("::");
      if (!file.endsWith("mod.rs")) base.pop(); // `super` of `a::b` (in a/b.rs) is `a`
      else base.pop();
    }
    const target = resolve([...base, ...segments.slice(1)].filter(Boolean));
    if (target && target !== from) targets.add(target);
  }
  edges.set(from, targets);
}

const sorted = [...edges.keys()].sort();
if (!process.argv.includes("--quiet")) {
  for (const from of sorted) console.log(`${from || "(crate)"} -> ${[...edges.get(from)].sort().join(", ") || "(nothing)"}`);
}

// Cycles: strongly connected components of more than one module (Tarjan).
let index = 0;
const stack = [], onStack = new Set(), indexOf = new Map(), low = new Map(), cycles = [];
const connect = (v) => {
  indexOf.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!indexOf.has(w)) { connect(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
};
for (const v of sorted) if (!indexOf.has(v)) connect(v);

// `providers` holds wire types and endpoints: it may use the leaf helpers (validation, text,
// error, js, request), never the modules that do I/O or hold state above it.
const below = new Set(["validation", "text", "error", "js", "request", "checks", "multipart"]);
const upward = [];
for (const [from, targets] of edges) {
  if (!from.startsWith("providers")) continue;
  for (const to of targets) if (!to.startsWith("providers") && !below.has(to)) upward.push(`${from} -> ${to}`);
}

const problems = [
  ...cycles.map((c) => `import cycle among ${c.join(", ")}`),
  ...upward.map((e) => `providers imports upward: ${e}`),
];
if (problems.length) {
  console.error(`module graph:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`module graph: ${sorted.length} modules, no cycle, providers import only ${[...below].join(", ")}`);
