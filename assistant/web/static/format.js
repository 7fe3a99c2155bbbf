// How numbers, money, dates and tool calls read on the page (one place, so they agree).

const CURRENCY = "$"; // the demo store's currency; amounts arrive as plain numbers

/** The predicted value's interval: clv_low..clv_high are its 10th and 90th percentiles. */
export const VALUE_INTERVAL = "80% interval";

/** What the page says instead of an interval whose upper end is 0: the customer most likely
 * buys nothing, and the predicted value is an average above the whole interval. */
export const NO_PURCHASE_LIKELY = "most likely no purchase";

export function isNum(value) {
  return typeof value === "number" && Number.isFinite(value);
}

/** 1234.5 -> "$1,234.50"; 123456 -> "$123,456"; missing -> "–". */
export function money(value, { compact = false } = {}) {
  if (!isNum(value)) return "–";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (compact && abs >= 10000) {
    const [n, unit] = abs >= 1e6 ? [abs / 1e6, "M"] : [abs / 1e3, "k"];
    return `${sign}${CURRENCY}${n.toFixed(n >= 100 ? 0 : 1)}${unit}`;
  }
  const digits = abs >= 1000 ? 0 : 2;
  return `${sign}${CURRENCY}${abs.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
}

/** 0.8123 -> "81%" (a share or probability between 0 and 1). */
export function pct(value, digits = 0) {
  if (!isNum(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** A count or measure: integers with separators, others to 3 significant digits. */
export function num(value) {
  if (!isNum(value)) return value === null || value === undefined ? "–" : String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** "1997-02-01T00:00:00" -> "1 Feb 1997"; anything unparseable is shown as it came. */
export function date(value) {
  if (value === null || value === undefined || value === "") return "–";
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return String(value);
  return parsed.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** A timestamp of this app's own (conversation times): "14:03" today, else "3 Mar". */
export function when(value) {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return "";
  const now = new Date();
  if (parsed.toDateString() === now.toDateString()) {
    return parsed.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }
  const sameYear = parsed.getFullYear() === now.getFullYear();
  return parsed.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: sameYear ? undefined : "numeric" });
}

/** {customer_id: "00042", k: 5} -> 'customer_id="00042", k=5' (as a call reads). */
export function callArgs(args) {
  return Object.entries(args || {})
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(", ");
}

// Field names whose plain reading would be cryptic.
const LABELS = {
  clv: "Predicted value",
  clv_low: "Value, 10th percentile",
  clv_high: "Value, 90th percentile",
  avg_clv: "Average predicted value",
  avg_churn_risk: "Average churn risk",
  p_purchase: "Chance of buying",
  discount_pct: "Discount",
  customer_id: "Customer",
  product_id: "Product",
  ts: "Date",
  auc: "AUC",
  ece: "Calibration error (ECE)",
  mae: "MAE",
  rmse: "RMSE",
  decile_mape: "Decile MAPE",
};

/** "value_at_risk" -> "Value at risk". */
export function label(key) {
  if (LABELS[key]) return LABELS[key];
  const words = String(key).replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Risk in words, so colour is never the only cue. */
export function riskLevel(risk) {
  if (!isNum(risk)) return { level: "unknown", words: "Risk unknown" };
  if (risk >= 0.7) return { level: "high", words: "High risk" };
  if (risk >= 0.4) return { level: "medium", words: "Medium risk" };
  return { level: "low", words: "Low risk" };
}

/** A plain-language value for any field: money-like keys as money, shares as percents. */
export function auto(key, value) {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (isNum(value)) {
    const k = String(key).toLowerCase();
    if (/value_at_risk/.test(k)) return money(value);
    if (/(^|_)(share|churn_risk|risk|probability|similarity|p_purchase|rate)(_|$)/.test(k) && value >= 0 && value <= 1) return pct(value, 1);
    if (/(_pct|_percent)$/.test(k)) return `${num(value)}%`;
    if (/(^|_)(clv|value|revenue|amount|budget|spend|spent|cost|price|monetary|gain|net|saved|profit)(_|$)/.test(k)) return money(value);
    return num(value);
  }
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}/.test(value) && /(ts|date|_at|since|until|end|start|order)$/.test(key) ? date(value) : value;
  return JSON.stringify(value);
}
