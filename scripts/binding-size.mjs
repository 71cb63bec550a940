// Every export in src/bindings/ stays a few lines: it hands its arguments to the helper of its
// request shape (src/bindings/mod.rs), and the endpoint itself is described once in its
// provider's endpoints. The script counts each exported function's body in logical lines (a
// statement rustfmt wrapped is joined, then counted in lines of 100 columns) and fails on one
// longer than MAX_LINES. `node scripts/binding-size.mjs` prints every count; `--quiet` only the verdict.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAX_LINES = 5;
const WIDTH = 100;
const dir = fileURLToPath(new URL("../src/bindings/", import.meta.url));
const counts = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith(".rs")).sort()) {
  const lines = readFileSync(join(dir, name), "utf8").split("\n");
  const tests = lines.findIndex((l) => /^#\[cfg\(test\)\]/.test(l));
  const end = tests < 0 ? lines.length : tests;
  for (let i = 0; i < end; i++) {
    const m = lines[i].match(/^(\s*)pub fn (\w+)/);
    if (!m) continue;
    const indent = m[1];
    let open = i;
    while (open < end && !lines[open].trimEnd().endsWith("{")) open++;
    let close = open + 1;
    while (close < end && lines[close] !== `${indent}}`) close++;
    const body = lines.slice(open + 1, close).map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
    let count = 0, joined = "", depth = 0;
    for (const line of body) {
      joined += (joined && !/^[).\]}?]/.test(line) && !/[([{]$/.test(joined) ? " " : "") + line;
      for (const c of line) {
        if ("([{".includes(c)) depth++;
        else if (")]}".includes(c)) depth--;
      }
      if (depth <= 0) {
        count += Math.ceil((indent.length + 4 + joined.length) / WIDTH);
        joined = "";
        depth = 0;
      }
    }
    counts.push({ at: `${name} ${m[2]}`, count });
  }
}
if (!process.argv.includes("--quiet")) for (const { at, count } of counts) console.log(`${at}: ${count}`);
const long = counts.filter((c) => c.count > MAX_LINES);
if (long.length) {
  console.error(`bindings longer than ${MAX_LINES} lines:\n  ${long.map((c) => `${c.at}: ${c.count}`).join("\n  ")}`);
  process.exit(1);
}
console.log(`bindings: ${counts.length} exports, each at most ${MAX_LINES} lines (longest ${Math.max(...counts.map((c) => c.count))})`);
