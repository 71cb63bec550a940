// Two small inline-SVG charts (no library): labels by count (horizontal bars) and a confidence
// histogram (10 bins over 0–1). Each is an <svg role="img"> with a text summary as its label.
import { confidenceLevel, fmt, h } from "./ui.js";

const W = 400;

/** Horizontal bars of `counts` (Map label → count), largest first. */
export function labelsChart(counts, titleId) {
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const total = rows.reduce((s, [, n]) => s + n, 0);
  const rowH = 28;
  const height = Math.max(rowH, rows.length * rowH) + 4;
  const x0 = 118;
  const span = W - x0 - 78;
  const summary = rows.map(([label, n]) => `${label}: ${fmt(n)}`).join(", ");
  return h("svg:svg", { viewBox: `0 0 ${W} ${height}`, class: "chart", role: "img", "aria-labelledby": titleId, "aria-description": summary || "no data" },
    h("svg:title", {}, `Labels by count: ${summary}`),
    rows.map(([label, n], i) => {
      const y = i * rowH + 4;
      const w = Math.max(2, (n / max) * span);
      return h("svg:g", { class: `bar-row${label === "no match" || label === "no result" ? " none" : ""}` },
        h("svg:text", { x: x0 - 8, y: y + 16, "text-anchor": "end", class: "axis" }, label.length > 16 ? `${label.slice(0, 15)}…` : label),
        h("svg:rect", { x: x0, y: y + 2, width: w.toFixed(1), height: rowH - 10, rx: 3, class: "bar" }),
        h("svg:text", { x: x0 + w + 6, y: y + 16, class: "value" }, `${fmt(n)} (${total ? Math.round((n / total) * 100) : 0} %)`));
    }));
}

/** A histogram of confidences: `bins` holds 10 counts (0–0.1, …, 0.9–1), each bar in its band's colour. */
export function histogram(bins, titleId) {
  const height = 170;
  const top = 14;
  const bottom = 26;
  const left = 34;
  const plotW = W - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bins);
  const barW = plotW / bins.length;
  const summary = bins.map((n, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: ${fmt(n)}`).join(", ");
  return h("svg:svg", { viewBox: `0 0 ${W} ${height}`, class: "chart", role: "img", "aria-labelledby": titleId, "aria-description": summary },
    h("svg:title", {}, `Confidence histogram: ${summary}`),
    h("svg:line", { x1: left, y1: top + plotH, x2: W - 8, y2: top + plotH, class: "axis-line" }),
    h("svg:text", { x: left - 6, y: top + 4, "text-anchor": "end", class: "axis" }, fmt(max)),
    h("svg:text", { x: left - 6, y: top + plotH, "text-anchor": "end", class: "axis" }, "0"),
    bins.map((n, i) => {
      const bh = (n / max) * plotH;
      return h("svg:rect", {
        x: (left + i * barW + 2).toFixed(1), y: (top + plotH - bh).toFixed(1), width: (barW - 4).toFixed(1), height: bh.toFixed(1),
        rx: 2, class: `bar conf-${confidenceLevel(i / 10)}`,
      }, h("svg:title", {}, `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: ${fmt(n)}`));
    }),
    [0, 0.5, 1].map((v) => h("svg:text", { x: left + v * plotW, y: height - 8, "text-anchor": v === 0 ? "start" : v === 1 ? "end" : "middle", class: "axis" }, v.toFixed(1))));
}
