// Drives the browser suite: node tests/browser/run.mjs <page origin> <emulator url>
// Opens <page origin>/index.html?api=<emulator url> in headless Chromium (playwright-core, the
// system /usr/bin/chromium), waits for the page to publish `window.__results`, prints one
// ok/FAIL line per case and ends with "chromium: N passed, M failed".
// Exit status: 0 only if every case passed and at least one ran.
import { chromium } from "playwright-core";

const [pageOrigin, apiUrl] = process.argv.slice(2);
if (!pageOrigin || !apiUrl) {
  console.error("usage: node tests/browser/run.mjs <page origin> <emulator url>");
  process.exit(2);
}
if (new URL(pageOrigin).origin === new URL(apiUrl).origin) {
  console.error("the page must be served from a different origin than the emulator");
  process.exit(2);
}
const TIMEOUT_MS = Number(process.env.BROWSER_TIMEOUT_MS || 120_000);
const verbose = process.env.BROWSER_VERBOSE === "1";

const pageLog = [];
const note = (line) => {
  pageLog.push(line);
  if (verbose) console.error(`[page] ${line}`);
};

let browser;
let summary;
let fatal;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--disable-quic", "--no-first-run",
    ],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (msg) => note(msg.type() === "log" ? msg.text() : `console.${msg.type()}: ${msg.text()}`));
  page.on("pageerror", (error) => note(`pageerror: ${error.stack || error.message}`));
  page.on("requestfailed", (req) => {
    // Aborted requests are expected (abort/timeout cases); keep them for diagnosis only.
    note(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText || ""}`);
  });
  const crashed = new Promise((_, reject) => page.on("crash", () => reject(new Error("page crashed"))));
  crashed.catch(() => {});

  const url = `${pageOrigin}/index.html?api=${encodeURIComponent(apiUrl)}`;
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) throw new Error(`loading ${url}: HTTP ${response && response.status()}`);
  await Promise.race([
    page.waitForFunction(() => window.__results !== undefined, null, { timeout: TIMEOUT_MS, polling: 250 }),
    crashed,
  ]);
  summary = await page.evaluate(() => window.__results);
  if (summary.fatal) fatal = summary.fatal;
} catch (error) {
  fatal = String((error && error.stack) || error);
} finally {
  if (browser) await browser.close().catch(() => {});
}

let passed = 0;
let failed = 0;
for (const r of summary?.results || []) {
  if (r.ok) {
    passed++;
    console.log(`ok   ${r.group} › ${r.name} (${r.ms} ms)`);
  } else {
    failed++;
    console.log(`FAIL ${r.group} › ${r.name} (${r.ms} ms)`);
    for (const line of String(r.error).split("\n").slice(0, 6)) console.log(`     ${line}`);
  }
}
if (fatal) {
  failed++;
  console.log(`FAIL harness: ${fatal.split("\n")[0]}`);
  for (const line of fatal.split("\n").slice(1, 8)) console.log(`     ${line}`);
  if (!verbose && pageLog.length) {
    console.log("     --- last page output ---");
    for (const line of pageLog.slice(-40)) console.log(`     ${line}`);
  }
}
console.log(`${process.env.BROWSER_LABEL || "chromium"}: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
