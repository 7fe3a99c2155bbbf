// Small inline SVG charts. Each is an image with a text alternative (role="img" and an
// aria-label that says what the picture shows), coloured by CSS classes from style.css.

import { s } from "./dom.js";
import { NO_PURCHASE_LIKELY, VALUE_INTERVAL, date, isNum, money, pct, riskLevel } from "./format.js";

function chart(width, height, labelText, className, ...children) {
  return s(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": labelText, class: ["chart", className], focusable: "false" },
    s("title", null, labelText),
    ...children,
  );
}

function point(cx, cy, r, angle) {
  return [cx + r * Math.cos(angle), cy - r * Math.sin(angle)];
}

/** A half-circle gauge of churn risk (0..1) with the percentage in the middle. */
export function riskGauge(risk) {
  const value = isNum(risk) ? Math.min(1, Math.max(0, risk)) : 0;
  const { level, words } = riskLevel(risk);
  const [cx, cy, r] = [60, 58, 46];
  const arc = (to) => {
    const [x0, y0] = point(cx, cy, r, Math.PI);
    const [x1, y1] = point(cx, cy, r, Math.PI - to * Math.PI);
    return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${r} ${r} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
  };
  return chart(
    120,
    70,
    `Churn risk ${pct(risk)}: ${words.toLowerCase()}`,
    "gauge",
    s("path", { d: arc(1), class: "gauge-track" }),
    value > 0.002 ? s("path", { d: arc(value), class: `gauge-fill risk-${level}` }) : null,
    s("text", { x: cx, y: cy - 6, class: "gauge-value", "text-anchor": "middle" }, pct(risk)),
    s("text", { x: cx, y: cy + 9, class: "gauge-caption", "text-anchor": "middle" }, "churn risk"),
  );
}

/** Where the predicted value sits in its interval, on a scale from 0 to `max`. */
export function intervalBar(value, low, high, max) {
  const top = Math.max(max || 0, high || 0, value || 0, 1);
  const x = (v) => 6 + (188 * Math.max(0, v)) / top;
  const parts = [s("line", { x1: 6, x2: 194, y1: 12, y2: 12, class: "axis" })];
  if (isNum(low) && isNum(high)) {
    parts.push(s("rect", { x: x(low), y: 6, width: Math.max(2, x(high) - x(low)), height: 12, rx: 3, class: "interval" }));
  }
  if (isNum(value)) parts.push(s("circle", { cx: x(value), cy: 12, r: 5, class: "estimate" }));
  const text = !(isNum(low) && isNum(high))
    ? `Predicted value ${money(value)}`
    : high > 0
      ? `Predicted value ${money(value)}, ${VALUE_INTERVAL} ${money(low)} to ${money(high)}`
      : `Predicted value ${money(value)}, ${NO_PURCHASE_LIKELY}`;
  return chart(200, 24, text, "interval-bar", ...parts);
}

/** Orders over time: one stem per order, as tall as its amount. */
export function orderSparkline(orders) {
  // Orders of one day make one stem (their sum), so a busy day reads as one bar.
  const byDay = new Map();
  for (const o of orders || []) {
    const day = String(o.ts ?? "").slice(0, 10);
    const t = new Date(day).getTime();
    const amount = Number(o.amount);
    if (!Number.isFinite(t) || !Number.isFinite(amount)) continue;
    const seen = byDay.get(day) || { t, ts: day, amount: 0, count: 0 };
    seen.amount += amount;
    seen.count += 1;
    byDay.set(day, seen);
  }
  const rows = [...byDay.values()].sort((a, b) => a.t - b.t);
  const [w, hgt, pad] = [260, 56, 6];
  if (!rows.length) return chart(w, hgt, "No orders", "sparkline", s("text", { x: w / 2, y: hgt / 2, "text-anchor": "middle", class: "muted-text" }, "no orders"));
  const t0 = rows[0].t;
  const span = Math.max(rows[rows.length - 1].t - t0, 1);
  const top = Math.max(...rows.map((o) => o.amount), 1);
  const x = (t) => (rows.length === 1 ? w / 2 : pad + ((w - 2 * pad) * (t - t0)) / span);
  const y = (a) => hgt - pad - ((hgt - 2 * pad) * a) / top;
  const total = rows.reduce((sum, o) => sum + o.amount, 0);
  const count = rows.reduce((sum, o) => sum + o.count, 0);
  const text = `${count} order${count === 1 ? "" : "s"} from ${date(rows[0].ts)} to ${date(rows[rows.length - 1].ts)}, ${money(total)} in all`;
  const marks = rows.map((o) =>
    s(
      "g",
      { class: "order-mark" },
      s("title", null, `${date(o.ts)}: ${money(o.amount)}${o.count > 1 ? ` (${o.count} orders)` : ""}`),
      s("line", { x1: x(o.t), x2: x(o.t), y1: hgt - pad, y2: y(o.amount), class: "stem" }),
      s("circle", { cx: x(o.t), cy: y(o.amount), r: 3, class: "dot" }),
    ),
  );
  return chart(w, hgt, text, "sparkline", s("line", { x1: pad, x2: w - pad, y1: hgt - pad, y2: hgt - pad, class: "axis" }), ...marks);
}

/** Horizontal bars: rows of {label, value, text}; values share one scale. */
export function barChart(rows, caption) {
  const items = rows.filter((r) => isNum(r.value));
  const [w, rowH, labelW, valueW] = [480, 24, 150, 80];
  const hgt = Math.max(rowH, items.length * rowH) + 4;
  const top = Math.max(...items.map((r) => r.value), 1e-9);
  const barW = w - labelW - valueW - 8;
  const bars = items.map((r, i) => {
    const y = 2 + i * rowH;
    const clip = r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label;
    return s(
      "g",
      null,
      s("title", null, `${r.label}: ${r.text}`),
      s("text", { x: labelW - 6, y: y + rowH / 2 + 4, "text-anchor": "end", class: "bar-label" }, clip),
      s("rect", { x: labelW, y: y + 4, width: Math.max(1, (barW * Math.max(0, r.value)) / top), height: rowH - 8, rx: 2, class: "bar" }),
      s("text", { x: w - valueW + 4, y: y + rowH / 2 + 4, class: "bar-value" }, r.text),
    );
  });
  const text = `${caption}: ${items.map((r) => `${r.label} ${r.text}`).join(", ")}`;
  return chart(w, hgt, text, "bar-chart", ...bars);
}

/** Predicted against observed rates per bin, with the diagonal of perfect calibration. */
export function calibrationPlot(bins) {
  const rows = (bins || []).filter((b) => isNum(b.predicted) && isNum(b.observed));
  const [size, pad] = [220, 30];
  const inner = size - pad - 10;
  const x = (v) => pad + inner * v;
  const y = (v) => 10 + inner * (1 - v);
  const maxN = Math.max(...rows.map((b) => (isNum(b.n) ? b.n : 1)), 1);
  const ticks = [0, 0.5, 1].flatMap((t) => [
    s("line", { x1: x(t), x2: x(t), y1: y(0), y2: y(0) + 4, class: "axis" }),
    s("text", { x: x(t), y: y(0) + 15, "text-anchor": "middle", class: "tick" }, String(t)),
    s("line", { x1: x(0) - 4, x2: x(0), y1: y(t), y2: y(t), class: "axis" }),
    s("text", { x: x(0) - 7, y: y(t) + 4, "text-anchor": "end", class: "tick" }, String(t)),
  ]);
  const line = rows.map((b, i) => `${i ? "L" : "M"} ${x(b.predicted).toFixed(1)} ${y(b.observed).toFixed(1)}`).join(" ");
  const text = `Calibration: ${rows.map((b) => `predicted ${pct(b.predicted)} observed ${pct(b.observed)}`).join("; ")}`;
  return chart(
    size,
    size,
    text,
    "calibration",
    s("rect", { x: x(0), y: y(1), width: inner, height: inner, class: "plot-area" }),
    s("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "diagonal" }),
    ...ticks,
    s("text", { x: x(0.5), y: size - 2, "text-anchor": "middle", class: "axis-label" }, "predicted"),
    s("text", { x: 9, y: y(0.5), "text-anchor": "middle", class: "axis-label", transform: `rotate(-90 9 ${y(0.5)})` }, "observed"),
    rows.length > 1 ? s("path", { d: line, class: "calibration-line" }) : null,
    ...rows.map((b) =>
      s(
        "circle",
        { cx: x(b.predicted), cy: y(b.observed), r: 2.5 + 4 * Math.sqrt((isNum(b.n) ? b.n : 1) / maxN), class: "calibration-point" },
        s("title", null, `predicted ${pct(b.predicted, 1)}, observed ${pct(b.observed, 1)}${isNum(b.n) ? `, ${b.n} customers` : ""}`),
      ),
    ),
  );
}

/** Columns over time with an optional band: points of {label, value, low?, high?}. */
export function columnChart(points, caption, format) {
  const rows = points.filter((p) => isNum(p.value));
  const [w, hgt, pad] = [560, 150, 22];
  const top = Math.max(...rows.map((p) => (isNum(p.high) ? p.high : p.value)), 1e-9);
  const step = (w - 2 * pad) / Math.max(rows.length, 1);
  const y = (v) => hgt - pad - ((hgt - 2 * pad) * Math.max(0, v)) / top;
  const bars = rows.map((p, i) => {
    const x = pad + i * step;
    return s(
      "g",
      null,
      s("title", null, `${p.label}: ${format(p.value)}${isNum(p.low) && isNum(p.high) ? ` (${format(p.low)} to ${format(p.high)})` : ""}`),
      s("rect", { x: x + step * 0.15, y: y(p.value), width: step * 0.7, height: Math.max(0.5, hgt - pad - y(p.value)), class: "bar" }),
      isNum(p.low) && isNum(p.high)
        ? s("line", { x1: x + step / 2, x2: x + step / 2, y1: y(p.low), y2: y(p.high), class: "whisker" })
        : null,
    );
  });
  const first = rows[0]?.label ?? "";
  const last = rows[rows.length - 1]?.label ?? "";
  return chart(
    w,
    hgt,
    `${caption}: ${rows.length} periods from ${first} to ${last}, peak ${format(Math.max(...rows.map((p) => p.value)))}`,
    "column-chart",
    s("line", { x1: pad, x2: w - pad, y1: y(top), y2: y(top), class: "gridline" }),
    s("text", { x: pad, y: y(top) - 4, class: "tick" }, format(top)),
    s("line", { x1: pad, x2: w - pad, y1: hgt - pad, y2: hgt - pad, class: "axis" }),
    ...bars,
    s("text", { x: pad, y: hgt - 3, class: "tick" }, first),
    s("text", { x: w - pad, y: hgt - 3, class: "tick", "text-anchor": "end" }, last),
  );
}
