// Lists of customers (at risk, top spenders, lookalikes) and of segments, and one segment's
// facts.

import { h } from "../dom.js";
import { NO_PURCHASE_LIKELY, VALUE_INTERVAL, isNum, label, money, num, pct, riskLevel } from "../format.js";
import { barChart } from "../charts.js";
import { badge, changeCell, facts, frame, rowsTable, sortableTable } from "./common.js";
import { verification } from "./offer.js";

function riskCell(risk) {
  const { level } = riskLevel(risk);
  return h("span", { class: ["risk-pill", `risk-${level}`] }, pct(risk));
}

// Rows of a later page ("and the next 10?") carry their rank in the whole ranking.
export function withRank(columns, rows) {
  if (!rows.some((r) => isNum(r.rank))) return columns;
  // After the customer: the first column names the row for screen readers.
  const rank = { key: "rank", title: "Rank", numeric: true, cell: (r) => (isNum(r.rank) ? String(r.rank) : "–") };
  return [columns[0], rank, ...columns.slice(1)];
}

function valueCell(row) {
  const known = isNum(row.clv_low) && isNum(row.clv_high);
  const interval = !known ? null : row.clv_high > 0 ? `${money(row.clv_low, { compact: true })}–${money(row.clv_high, { compact: true })}` : NO_PURCHASE_LIKELY;
  return h("span", null, money(row.clv), interval ? h("span", { class: "range" }, ` (${interval})`) : null);
}

// What the at-risk list is ranked by (its `by`): the card's title and how it says the order.
const RANKINGS = {
  value_at_risk: ["Customers at risk", "value at risk"],
  churn_risk: ["Customers most likely to leave", "churn risk"],
  clv: ["Most valuable customers", "predicted value"],
};

export function atRiskCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const total = rows.reduce((sum, r) => sum + (isNum(r.value_at_risk) ? r.value_at_risk : 0), 0);
  const { type, rows: _r, ...rest } = card;
  const columns = [
    { key: "customer_id", title: "Customer", cell: (r) => String(r.customer_id) },
    { key: "segment", title: "Segment", cell: (r) => (r.segment ? String(r.segment) : "–") },
    { key: "churn_risk", title: "Churn risk", numeric: true, cell: (r) => riskCell(r.churn_risk) },
    { key: "clv", title: `Value (${VALUE_INTERVAL})`, numeric: true, cell: valueCell },
    { key: "value_at_risk", title: "Value at risk", numeric: true, cell: (r) => money(r.value_at_risk) },
    { key: "reasons", title: "Main reason", sortable: false, cell: (r) => (Array.isArray(r.reasons) && r.reasons.length ? String(r.reasons[0]) : "–") },
  ];
  const [title, by] = RANKINGS[card.by] ?? RANKINGS.value_at_risk;
  return frame(
    "at_risk",
    title,
    { subtitle: `${rows.length} customers · by ${by} · ${money(total)} value at risk${card.segment ? ` · segment ${card.segment}` : ""}` },
    sortableTable(`${title}, by ${by}`, withRank(columns, rows), rows, {
      onOpen: (row) => actions.ask(`show customer ${row.customer_id}`),
      openLabel: (row) => `Open customer ${row.customer_id}`,
      initial: { key: RANKINGS[card.by] ? card.by : "value_at_risk", dir: "descending" },
    }),
    Object.keys(rest).length ? facts(Object.entries(rest).filter(([k]) => k !== "segment" && k !== "by")) : null,
    h("p", { class: "hint" }, "Select a customer to open their profile. Column headers sort."),
  );
}

// A floor to the cent, as applied: money() drops the cents from $1,000 up, and a floor of
// $1,000.01 ("over $1,000") is not $1,000.
function toTheCent(value) {
  const symbol = money(0).replace(/[\d.,]+/, "");
  return `${symbol}${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

// Who spent the most (or ordered most) in a period (top_customers), with their risk now; or
// the newest customers by first order, or only the period's new or returning customers; or
// those whose buying fell (or rose) the most from the days before.
export function topCustomersCard(card, actions) {
  // The bounds as applied: "spent $100.00 to $500.00", "2–4 orders", "at most 3 orders".
  const orders = (n) => `${num(n)} ${n === 1 ? "order" : "orders"}`;
  const spendBounds = (low, high) => {
    if (isNum(low) && isNum(high)) return `spent ${toTheCent(low)} to ${toTheCent(high)}`;
    if (isNum(low)) return `spent ${toTheCent(low)} or more`;
    return isNum(high) ? `spent ${toTheCent(high)} or less` : null;
  };
  const orderBounds = (low, high) => {
    if (isNum(low) && isNum(high)) return low === high ? `exactly ${orders(low)}` : `${num(low)}–${orders(high)}`;
    if (isNum(low)) return `${num(low)}+ orders`;
    return isNum(high) ? `at most ${orders(high)}` : null;
  };
  const averageBounds = (low, high) => {
    if (isNum(low) && isNum(high)) return `averaged ${toTheCent(low)} to ${toTheCent(high)} an order`;
    if (isNum(low)) return `averaged ${toTheCent(low)} or more an order`;
    return isNum(high) ? `averaged ${toTheCent(high)} or less an order` : null;
  };
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const byOrders = card.by === "orders";
  const newest = card.by === "first_order";
  const buyers = { new: "new customers only (first order in the period)", returning: "returning customers only (ordered before the period)" }[card.buyers] ?? null;
  const columns = [
    { key: "customer_id", title: "Customer", cell: (r) => String(r.customer_id) },
    { key: "segment", title: "Segment", cell: (r) => (r.segment ? String(r.segment) : "–") },
    { key: "revenue", title: "Spent", numeric: true, cell: (r) => money(r.revenue) },
    { key: "orders", title: "Orders", numeric: true, cell: (r) => num(r.orders) },
    { key: "share_of_revenue", title: "Share of revenue", numeric: true, cell: (r) => pct(r.share_of_revenue, 1) },
    { key: "last_order", title: "Last order", cell: (r) => String(r.last_order ?? "–") },
  ];
  if (rows.some((r) => isNum(r.churn_risk))) {
    columns.push(
      { key: "churn_risk", title: "Churn risk now", numeric: true, cell: (r) => (isNum(r.churn_risk) ? riskCell(r.churn_risk) : "–") },
      { key: "clv", title: "Predicted value", numeric: true, cell: (r) => (isNum(r.clv) ? money(r.clv) : "–") },
    );
  }
  const byUnits = card.by === "units";
  // Of one category or product: the units bought beside the spend.
  const product = card.product_title ? `${card.product_title} (product ${card.product_id})` : `product ${card.product_id}`;
  const bought = card.category ? String(card.category) : card.product_id ? product : null;
  if (bought) columns.splice(4, 0, { key: "units", title: "Units", numeric: true, cell: (r) => num(r.units) });
  if (newest || buyers) columns.splice(2, 0, { key: "first_order", title: "First order", cell: (r) => String(r.first_order ?? "–") });
  // A trend: each customer's figure in the days before (or compare_to's period) beside the
  // period's, and the change.
  const moved = ["falling", "rising", "stopped", "returned"].includes(card.trend);
  if (moved) {
    const before = (r) => (byOrders ? num(r.before) : byUnits ? num(r.before) : money(r.before));
    const at = columns.findIndex((c) => c.key === (byOrders ? "orders" : byUnits ? "units" : "revenue")) + 1;
    columns.splice(at, 0,
      { key: "before", title: card.compare_to ?? "Before", numeric: true, cell: before },
      { key: "change", title: "Change", numeric: true, sort: (r) => (isNum(r.change) ? r.change : Infinity), cell: changeCell });
  }
  // Ranked by their largest single order: that order beside the orders it is one of.
  const byLargest = card.by === "largest_order";
  if (byLargest) columns.splice(columns.findIndex((c) => c.key === "orders") + 1, 0, { key: "largest_order", title: "Largest order", numeric: true, cell: (r) => (isNum(r.largest_order) ? money(r.largest_order) : "–") });
  const byAverage = card.by === "average_order";
  const by = byOrders ? "orders" : byUnits ? "units" : newest ? "first order, newest first" : byLargest ? "largest single order" : byAverage ? "average order" : "spend";
  // The bounds as the tool applied them (inclusive), so "over $1,000" shows as $1,000.01 or
  // more and "under $20" as $19.99 or less.
  const perOrder = averageBounds(card.min_average_order, card.max_average_order);
  const bounds = [spendBounds(card.min_revenue, card.max_revenue), orderBounds(card.min_orders, card.max_orders), perOrder].filter(Boolean);
  // Bounded or ranked per order, each customer's average order is what was asked: shown beside
  // the orders.
  if (perOrder || byAverage) columns.splice(columns.findIndex((c) => c.key === "orders") + 1, 0, { key: "average_order", title: "Average order", numeric: true, cell: (r) => (isNum(r.average_order) ? money(r.average_order) : "–") });
  const scope = [`${card.from} to ${card.to}`, `by ${by}`, bought ? `of ${bought}` : null, card.segment ? `segment ${card.segment}` : null, buyers, moved ? (card.compare_to || card.trend === "stopped" || card.trend === "returned" ? `against ${card.before_from} to ${card.before_to}` : `against the same days before, from ${card.before_from}`) : null, ...bounds].filter(Boolean);
  const movedTitle = { falling: "Customers buying less", rising: "Customers buying more", stopped: "Customers who stopped buying", returned: "Customers who came back" }[card.trend];
  const title = moved ? movedTitle : newest ? "Newest customers" : byOrders ? "Customers with the most orders" : byUnits ? "Top buyers by units" : byLargest ? "Largest single orders" : byAverage ? "Highest average orders" : "Top spenders";
  const passing = bounds.length && isNum(card.total) && isNum(card.ordered)
    ? h("p", { class: "hint" }, `${num(card.total)} of ${num(card.ordered)} customers ${bounds.join(" and ")}`)
    : null;
  // Under a ceiling, who ordered nothing in the period is not in the list: said, not implied.
  const ceiling = isNum(card.max_revenue) || isNum(card.max_orders);
  const leftOut = ceiling ? h("p", { class: "hint" }, `Only customers who ${bought ? `bought ${bought}` : "ordered"} in the period are counted.`) : null;
  const candidates = Array.isArray(card.candidates) && card.candidates.length
    ? rowsTable("Products of that name", card.candidates.map((c) => ({ product_id: c.product_id, title: c.title ?? "–", category: c.category ?? "–" })), 8)
    : null;
  return frame(
    "top_customers",
    bought ? boughtTitle(title, card.trend, bought) : title,
    { subtitle: scope.join(" · ") },
    rows.length
      ? sortableTable(`Customers, by ${by}`, withRank(columns, rows), rows, {
          onOpen: (row) => actions.ask(`show customer ${row.customer_id}`),
          openLabel: (row) => `Open customer ${row.customer_id}`,
          // A trend keeps the tool's order (the largest change first): its rank.
          initial: moved ? { key: "rank", dir: "ascending" } : { key: byOrders ? "orders" : byUnits ? "units" : newest ? "first_order" : "revenue", dir: "descending" },
        })
      : null,
    card.note ? h("p", { class: "hint" }, String(card.note)) : null,
    candidates,
    passing,
    leftOut,
    isNum(card.ordered ?? card.total) && isNum(card.period_revenue)
      ? h("p", { class: "hint" }, `${num(card.ordered ?? card.total)} customers ${bought ? `bought ${bought}` : "ordered"} · ${money(card.period_revenue)} revenue in the period`)
      : null,
    rows.length ? h("p", { class: "hint" }, "Select a customer to open their profile. Column headers sort.") : null,
  );
}

/** The title of a list of what customers bought: "Top spenders of Tea", "Customers who
 * stopped buying Tea", "Customers who bought Tea again". */
function boughtTitle(title, trend, bought) {
  if (trend === "returned") return `Customers who bought ${bought} again`;
  return `${title}${trend === "stopped" ? "" : " of"} ${bought}`;
}

export function similarCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const columns = [
    { key: "customer_id", title: "Customer", cell: (r) => String(r.customer_id) },
    { key: "distance", title: "Distance", numeric: true, cell: (r) => num(r.distance) },
    { key: "shared", title: "In common", sortable: false, cell: (r) => (Array.isArray(r.shared) ? h("span", { class: "chips" }, r.shared.map((t) => badge(String(t)))) : "–") },
  ];
  for (const key of ["churn_risk", "clv", "segment"]) {
    if (rows.some((r) => r[key] !== undefined)) columns.splice(columns.length - 1, 0, { key, title: label(key), numeric: key !== "segment", cell: key === "churn_risk" ? (r) => riskCell(r.churn_risk) : undefined });
  }
  return frame(
    "similar",
    `Customers like ${card.customer_id ?? "this one"}`,
    { subtitle: `${rows.length} lookalikes, nearest first` },
    sortableTable("Similar customers", withRank(columns, rows), rows, {
      onOpen: (row) => actions.ask(`show customer ${row.customer_id}`),
      openLabel: (row) => `Open customer ${row.customer_id}`,
    }),
  );
}

export function segmentsCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const clusters = card.by === "cluster";
  const columns = [
    { key: "name", title: clusters ? "Cluster" : "Segment", cell: (r) => String(r.name) },
    { key: "customers", title: "Customers", numeric: true, cell: (r) => num(r.customers) },
    { key: "share_of_revenue", title: "Share of revenue", numeric: true, cell: (r) => pct(r.share_of_revenue, 1) },
  ];
  if (rows.some((r) => isNum(r.avg_clv))) columns.push({ key: "avg_clv", title: "Average value", numeric: true, cell: (r) => money(r.avg_clv) });
  if (rows.some((r) => isNum(r.avg_churn_risk))) columns.push({ key: "avg_churn_risk", title: "Average risk", numeric: true, cell: (r) => riskCell(r.avg_churn_risk) });
  if (rows.some((r) => isNum(r.value_at_risk))) columns.push({ key: "value_at_risk", title: "Value at risk", numeric: true, cell: (r) => money(r.value_at_risk, { compact: true }) });
  if (rows.some((r) => r.description)) columns.push({ key: "description", title: "Who they are", sortable: false, cell: (r) => h("span", { class: "cell-note" }, String(r.description ?? "")) });
  const bars = rows.map((r) => ({ label: String(r.name), value: r.share_of_revenue, text: pct(r.share_of_revenue, 1) }));
  const total = rows.reduce((sum, r) => sum + (isNum(r.customers) ? r.customers : 0), 0);
  return frame(
    "segments",
    clusters ? "Behaviour clusters" : "Segments",
    { subtitle: `${rows.length} ${clusters ? "clusters" : "segments"} · ${num(total)} customers` },
    h("figure", { class: "chart-figure" }, barChart(bars, "Share of revenue"), h("figcaption", null, "Share of revenue")),
    sortableTable(clusters ? "Behaviour clusters" : "Segments", columns, rows, {
      onOpen: actions.can("segment_summary") ? (row) => actions.ask(`Summarise the ${row.name} segment`) : undefined,
      openLabel: (row) => `Summarise ${row.name}`,
    }),
    actions.can("segment_summary") ? h("p", { class: "hint" }, "Select a segment for its summary.") : null,
  );
}

const SEGMENT_BARS = [
  ["share_of_customers", "Customers"],
  ["share_of_revenue", "Revenue"],
  ["avg_churn_risk", "Average churn risk"],
];
const SEGMENT_FACTS = ["customers", "avg_clv", "value_at_risk", "kind"];

export function segmentCard(card) {
  const { name, summary, description } = card;
  // A small chart of the segment's shares of the store (and its average risk), beside them
  // its size and value in words.
  const bars = SEGMENT_BARS.filter(([key]) => isNum(card[key])).map(([key, text]) => ({ label: text, value: card[key], text: pct(card[key], 1) }));
  const known = new Set(["type", "name", "summary", "description", "path", "passed_verification", "themes", "top_categories", ...SEGMENT_BARS.map(([k]) => k), ...SEGMENT_FACTS]);
  const others = Object.entries(card).filter(([key]) => !known.has(key));
  const themes = Array.isArray(card.themes) ? card.themes : [];
  const categories = Array.isArray(card.top_categories) ? card.top_categories : [];
  return frame(
    "segment",
    `Segment: ${name ?? "?"}`,
    { subtitle: description ? String(description) : undefined, badges: [verification(card)].filter(Boolean) },
    summary ? h("p", { class: "summary" }, String(summary)) : null,
    h(
      "div",
      { class: "segment-grid" },
      bars.length ? h("figure", { class: "chart-figure" }, barChart(bars, `Segment ${name}`), h("figcaption", null, "Share of the store's customers and revenue; average churn risk")) : null,
      facts(SEGMENT_FACTS.filter((k) => card[k] !== undefined).map((k) => [k, card[k]])),
    ),
    categories.length ? h("div", null, h("h4", null, "Top categories"), h("div", { class: "chips" }, categories.map((c) => badge(String(c), "info")))) : null,
    themes.length ? h("div", null, h("h4", null, "Complaint themes"), h("div", { class: "chips" }, themes.map((c) => badge(typeof c === "string" ? c : String(c?.name ?? JSON.stringify(c)))))) : null,
    others.length ? facts(others.filter(([, v]) => !Array.isArray(v) || !v.some((x) => x && typeof x === "object"))) : null,
    others.filter(([, v]) => Array.isArray(v) && v.some((x) => x && typeof x === "object")).map(([key, rows]) => rowsTable(label(key), rows, 10)),
  );
}
