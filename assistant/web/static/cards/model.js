// The model report (holdout metrics, calibration) and the demand forecast.

import { h } from "../dom.js";
import { date, isNum, label, money, num } from "../format.js";
import { calibrationPlot, columnChart } from "../charts.js";
import { facts, frame, rowsTable } from "./common.js";

// What each metric means, for the tooltip; keys as the evaluation harness names them.
const MEANING = {
  auc: "Area under the ROC curve of churn risk: 0.5 is chance, 1 is perfect",
  brier: "Mean squared error of churn risk: lower is better",
  ece: "Expected calibration error: how far risk is from observed churn, lower is better",
  mae: "Mean absolute error of predicted purchases",
  rmse: "Root mean squared error of predicted purchases",
  corr: "Correlation of predicted and actual purchases",
  spearman: "Rank correlation of predicted and actual value",
  gini: "How well value ranks customers: 0 is chance",
  decile_mape: "Mean absolute percentage error of value per decile of customers",
  tracking_error: "How far the predicted total of each period is from the actual total",
};

function tiles(metrics) {
  const flat = [];
  for (const [key, value] of Object.entries(metrics || {})) {
    if (isNum(value)) flat.push([key, value]);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) if (isNum(v)) flat.push([`${key} ${inner}`, v]);
    }
  }
  if (!flat.length) return h("p", { class: "muted" }, "No holdout metrics: this model uses the classic models only.");
  return h(
    "dl",
    { class: "tiles" },
    flat.map(([key, value]) => {
      const short = key.split(" ").at(-1).toLowerCase();
      return h("div", { class: "tile", title: MEANING[short] }, h("dt", null, label(key).replace(/\b(auc|mae|rmse|ece)\b/gi, (m) => m.toUpperCase())), h("dd", null, Number.isInteger(value) ? num(value) : value.toFixed(3)));
    }),
  );
}

export function modelReportCard(card) {
  const { type, version, store_version, metrics, calibration, ...rest } = card;
  const bins = Array.isArray(calibration) ? calibration : [];
  const lists = Object.entries(rest).filter(([, v]) => Array.isArray(v) && v.some((x) => x && typeof x === "object"));
  const scalars = Object.entries(rest).filter(([, v]) => !(Array.isArray(v) && v.some((x) => x && typeof x === "object")));
  return frame(
    "model_report",
    "Churn and value model",
    { subtitle: [version ? `model ${version}` : null, store_version ? `store ${store_version}` : null].filter(Boolean).join(" · ") || undefined },
    h(
      "div",
      { class: "model-grid" },
      h("div", null, h("h4", null, "Holdout metrics"), tiles(metrics), scalars.length ? facts(scalars) : null),
      bins.length
        ? h("figure", { class: "chart-figure calibration-figure" }, calibrationPlot(bins), h("figcaption", null, "Calibration: predicted churn risk against observed churn (dots sized by customers; on the diagonal is ideal)"))
        : null,
    ),
    lists.map(([key, rows]) => rowsTable(label(key), rows, 20)),
  );
}

function interval(pair, format) {
  if (Array.isArray(pair) && pair.length === 2 && isNum(pair[0]) && isNum(pair[1])) return `90% interval ${format(pair[0])} – ${format(pair[1])}`;
  if (pair && typeof pair === "object" && isNum(pair.low) && isNum(pair.high)) return `90% interval ${format(pair.low)} – ${format(pair.high)}`;
  return null;
}

// Each week is drawn as its rate per day: the last week of a horizon may be shorter (2 of 7
// days), and its total as a bar of a week's width read as demand falling off. A rate compares
// weeks of any length on one axis; the label still says which week is short.
function pickWeekly(row) {
  const when = row.week ?? row.week_start ?? row.start ?? row.ts ?? row.date ?? row.period;
  const value = row.revenue ?? row.orders ?? row.value;
  const lowHigh = Array.isArray(row.revenue_interval_90) ? row.revenue_interval_90 : [row.revenue_low ?? row.low, row.revenue_high ?? row.high];
  // `week` is the week's number from now (1, 2, ...) in docs/api.md; a date also reads.
  const name = isNum(when) ? `week ${when}` : when ? date(when) : "";
  const days = isNum(row.days) && row.days > 0 ? row.days : 7;
  const short = days < 7 ? ` (${days} ${days === 1 ? "day" : "days"})` : "";
  const perDay = (v) => (isNum(v) ? v / days : v);
  return { label: `${name}${short}`, value: perDay(value), low: perDay(lowHigh[0]), high: perDay(lowHigh[1]) };
}

/** Whose demand it is: one segment's current members, or every existing customer. */
function forecastSource(card) {
  if (!card.segment) return "From existing customers";
  const who = isNum(card.customers) ? `the ${num(card.customers)} ${card.customers === 1 ? "customer" : "customers"}` : "the customers";
  return `From ${who} in '${card.segment}'`;
}

function metric(name, value, note) {
  return h("div", { class: "metric" }, h("div", { class: "metric-label" }, name), h("div", { class: "metric-value" }, value), h("div", { class: "metric-note" }, note));
}

// One product category's part ("how much coffee will we sell next month"): its row of the split
// by category, which has no interval of its own (intervals are measured on past windows' totals),
// so the note says so instead of borrowing the whole forecast's band.
function categoryLead(card) {
  const { category } = card;
  const note = card.category_bought === false ? `none expected: none of these customers has bought ${category} so far` : "no 90% interval for one category";
  return [
    h("div", { class: "forecast-grid" }, metric(`Expected orders holding ${category}`, num(card.category_orders), note), metric(`Expected ${category} revenue`, money(card.category_revenue), note)),
    card.category_interval_note ? h("p", { class: "hint" }, card.category_interval_note) : null,
    h("h4", null, "The whole forecast"),
  ];
}

// Several categories' parts ("will we sell more tea or coffee next month"): each category's row
// as one category's lead draws it, in the order asked, then which is expected to sell more (the
// tool's `most_revenue` and `most_orders`; null where the first two are level).
function categoriesLead(card) {
  const rows = card.categories.filter((row) => row && typeof row === "object");
  const more = rows.length === 2 ? "more" : "the most";
  const { most_revenue: byRevenue, most_orders: byOrders } = card;
  let leads;
  if (byRevenue && byRevenue === byOrders) leads = `${byRevenue} is expected to sell ${more}, by revenue and by orders.`;
  else {
    const said = (leader, measure) => (leader ? `${leader} is expected to sell ${more} by ${measure}` : `No one category leads by ${measure}`);
    leads = `${said(byRevenue, "revenue")}; ${said(byOrders, "orders")}.`;
  }
  return [
    ...rows.map((row) => {
      const note = row.bought === false ? `none expected: none of these customers has bought ${row.category} so far` : "no 90% interval for one category";
      return h("div", { class: "forecast-grid" }, metric(`Expected orders holding ${row.category}`, num(row.orders), note), metric(`Expected ${row.category} revenue`, money(row.revenue), note));
    }),
    h("p", { class: "metric-note strong" }, leads),
    card.category_interval_note ? h("p", { class: "hint" }, card.category_interval_note) : null,
    h("h4", null, "The whole forecast"),
  ];
}

export function forecastCard(card) {
  const weekly = Array.isArray(card.weekly) ? card.weekly : [];
  const byRevenue = weekly.some((w) => isNum(w.revenue));
  const weeks = weekly.map(pickWeekly);
  const caption = byRevenue ? "Revenue per day, by week" : "Orders per day, by week";
  const { type, horizon_days, orders, orders_interval_90, revenue, revenue_interval_90, weekly: _w, interval_note, ...rest } = card;
  // The categories' fields are drawn by categoryLead or categoriesLead, not listed again below.
  const { category, category_orders, category_revenue, category_bought, category_interval_note, categories, most_revenue, most_orders, ...others } = rest;
  const several = Array.isArray(categories) && categories.length > 1;
  const names = several ? categories.map((row) => row.category) : [];
  const title = several ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : category;
  // A null interval comes with `interval_note` saying why the past calibrates none.
  const noInterval = interval_note ? "no 90% interval" : null;
  const scalars = Object.entries(others).filter(([, v]) => !Array.isArray(v));
  const lists = Object.entries(others).filter(([, v]) => Array.isArray(v) && v.some((x) => x && typeof x === "object"));
  const days = isNum(horizon_days) ? num(horizon_days) : "?";
  return frame(
    "forecast",
    title ? `${title}: forecast for the next ${days} days` : `Forecast for the next ${days} days`,
    { subtitle: forecastSource(card) },
    several ? categoriesLead(card) : category ? categoryLead(card) : null,
    h(
      "div",
      { class: "forecast-grid" },
      metric("Expected orders", num(orders), interval(orders_interval_90, num) ?? noInterval),
      metric("Expected revenue", money(revenue), interval(revenue_interval_90, (v) => money(v, { compact: true })) ?? noInterval),
    ),
    interval_note ? h("p", { class: "hint" }, interval_note) : null,
    weekly.length
      ? h("figure", { class: "chart-figure" }, columnChart(weeks, caption, byRevenue ? (v) => `${money(v, { compact: true })} a day` : (v) => `${num(v)} a day`), h("figcaption", null, `${caption}${weeks.some((p) => isNum(p.low)) ? " (lines: 90% interval)" : ""}`))
      : null,
    scalars.length ? facts(scalars) : null,
    lists.map(([key, rows]) => rowsTable(label(key), rows, 20)),
  );
}
