// What sold best in a period (top_products): products or whole categories, ranked, with each
// one's share of the period's revenue and its change on the period of the same length before;
// or the period's months (quarters, weeks, weekdays) ranked, which have no change to show.

import { h } from "../dom.js";
import { isNum, money, num, pct } from "../format.js";
import { badge, changeBadge, changeCell, frame, sortableTable } from "./common.js";
import { withRank } from "./lists.js";

const MEASURES = { revenue: "revenue", units: "units sold", orders: "orders", customers: "customers who bought" };
// The `per` values that rank the period's own months, quarters, weeks (named by their
// Monday), days or weekdays, with their column's title.
const CALENDAR = { month: "Month", quarter: "Quarter", week: "Week of", day: "Day", weekday: "Weekday" };

/**
 * The period's totals beside those of the period `compare_to` named (the card's `compared`),
 * with each change as the tool gives it: null where the compared period had none to change
 * from. Periods of different lengths are said to be, since a change then measures length too.
 */
function comparedPeriods(card, compared) {
  const now = card.totals ?? {};
  const then = compared.totals ?? {};
  const change = compared.change ?? {};
  const measures = [["Revenue", "revenue", money], ["Orders", "orders", num], ["Customers", "customers", num]].map(
    ([name, key, format]) => ({ name, now: format(now[key]), then: format(then[key]), change: change[key] }),
  );
  const fixed = { sortable: false, numeric: true }; // three measures in a set order: nothing to sort
  const columns = [
    { key: "name", title: "Sales", sortable: false, cell: (r) => r.name },
    { key: "now", title: `${card.from} to ${card.to}`, ...fixed, cell: (r) => r.now },
    { key: "then", title: `${compared.from} to ${compared.to}`, ...fixed, cell: (r) => r.then },
    { key: "change", title: "Change", ...fixed, cell: (r) => changeBadge(r.change, 1) ?? "–" },
  ];
  const lengths = isNum(compared.days) && isNum(card.days) && compared.days !== card.days;
  return h(
    "div",
    { class: "compared" },
    sortableTable("Sales of the two periods", columns, measures),
    lengths ? h("p", { class: "hint" }, `The periods differ in length (${num(card.days)} and ${num(compared.days)} days): each change measures their length too.`) : null,
  );
}

/** A product's title (or "Product ID") with its id beside it unless the title holds it. */
export function productCell(row) {
  const id = String(row.product_id ?? "?");
  const title = row.title ? String(row.title) : `Product ${id}`;
  return h("span", null, title, title.includes(id) ? null : h("span", { class: "mono muted" }, ` ${id}`));
}

/** A month ("1997-03") or quarter ("1997-Q1"); one the period's edges cut is marked "(part)"
 * with the days of it that were counted, so its smaller figures are not read as a bad month. */
function calendarCell(row, unit) {
  const name = String(row[unit] ?? "–");
  return row.part ? h("span", null, name, h("span", { class: "range" }, ` (part) ${row.from} to ${row.to}`)) : name;
}

/** Weekdays: each one's average day beside its totals, since a period may hold five Mondays
 * and four Tuesdays; the average of the measure ranked leads. */
function weekdayColumns(card, figures) {
  const daily = { revenue: ["Revenue a day", money], orders: ["Orders a day", num], customers: ["Customers a day", num] };
  const [title, format] = daily[card.by] ?? daily.revenue;
  const key = `${card.by in daily ? card.by : "revenue"}_per_day`;
  return [
    { key: "weekday", title: "Weekday", sort: (r) => String(r.weekday ?? ""), cell: (r) => String(r.weekday ?? "–") },
    { key, title, numeric: true, cell: (r) => format(r[key]) },
    { key: "days", title: "Days in the period", numeric: true, cell: (r) => num(r.days) },
    ...figures,
  ];
}

/** The ranking's columns for the card's `per`: products, categories, months, quarters, weeks
 * or weekdays. */
function rankedColumns(card, measure) {
  const unit = CALENDAR[card.per];
  const figures = [
    { key: "revenue", title: "Revenue", numeric: true, cell: (r) => money(r.revenue) },
    { key: "orders", title: "Orders", numeric: true, cell: (r) => num(r.orders) },
    { key: "customers", title: "Customers", numeric: true, cell: (r) => num(r.customers) },
    { key: "share_of_revenue", title: "Share of revenue", numeric: true, cell: (r) => pct(r.share_of_revenue, 1) },
  ];
  if (card.per === "weekday") return weekdayColumns(card, figures);
  if (unit) return [{ key: card.per, title: unit, sort: (r) => String(r[card.per] ?? ""), cell: (r) => calendarCell(r, card.per) }, ...figures];
  const named = card.per === "category"
    ? [{ key: "category", title: "Category", cell: (r) => String(r.category ?? "–") }, { key: "products", title: "Products sold", numeric: true, cell: (r) => num(r.products) }]
    : [
        { key: "title", title: "Product", sort: (r) => String(r.title ?? r.product_id ?? ""), cell: productCell },
        { key: "category", title: "Category", cell: (r) => (r.category ? badge(String(r.category), "info") : "–") },
      ];
  const [revenue, ...rest] = figures;
  const units = { key: "units", title: "Units", numeric: true, cell: (r) => num(r.units) };
  return [...named, revenue, units, ...rest, { key: "change", title: `Change in ${measure}`, numeric: true, cell: changeCell }];
}

export function productsCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const categories = card.per === "category";
  const measure = MEASURES[card.by] ?? "revenue";
  const columns = rankedColumns(card, measure);
  const dated = Boolean(card.since || card.month || card.quarter || card.year) && card.from;
  const scope = [
    dated ? `${card.from} to ${card.to}`
      : isNum(card.days) ? `${num(card.days)} days to ${card.to ?? "the last order"}` : null,
    `by ${measure}`,
    card.segment ? `segment ${card.segment}` : null,
    card.category ? `category ${card.category}` : null,
  ].filter(Boolean);
  const drill = categories && actions.can("top_products");
  // Ranked from the bottom ("worst sellers"), the title says so: the rows are the weakest.
  const least = card.order === "least";
  // A trend ranks what moved, not what sold most: the title says which way.
  const things = categories ? "categories" : "products";
  const moved = { falling: `Declining ${things}`, rising: `Growing ${things}`, stopped: `${categories ? "Categories" : "Products"} that stopped selling` }[card.trend];
  const title = CALENDAR[card.per] ? `${least ? "Weakest" : "Best"} ${card.per}s${card.per === "weekday" ? " (an average day)" : ""}`
    : moved ?? (categories ? (least ? "Least-selling categories" : "Top categories")
    : least ? "Least-selling products" : "Best sellers");
  return frame(
    "products",
    title,
    { subtitle: scope.join(" · ") },
    // Set beside another period, the totals are what was asked: they lead, above the ranking.
    card.compared ? comparedPeriods(card, card.compared) : null,
    rows.length
      ? sortableTable(`${title}, by ${measure}`, withRank(columns, rows), rows, {
          onOpen: drill ? (row) => actions.ask(drillQuestion(card, row.category, dated)) : undefined,
          openLabel: (row) => `Best sellers in ${row.category}`,
        })
      : null,
    // What was sold in the period (the answer opens with it): from the orders, or with a
    // category from that category's order lines.
    card.totals && isNum(card.totals.revenue)
      ? h("p", { class: "hint" }, `${soldBy(card)} ${money(card.totals.revenue)}${card.category ? ` of ${card.category}` : ""} in ${num(card.totals.orders)} orders from ${num(card.totals.customers)} customers`)
      : null,
    isNum(card.total) && isNum(card.period_revenue)
      ? h("p", { class: "hint" }, `${num(card.total)} ${categories ? "categories" : "products"} sold${linesRevenue(card)}${card.before_from ? "" : " · no earlier period of the same length to compare"}`)
      : null,
    card.note ? h("p", { class: "hint" }, String(card.note)) : null,
    drill && rows.length ? h("p", { class: "hint" }, "Select a category for its best sellers.") : null,
  );
}

/** Who the opening totals are of: the segment's customers or the whole store. */
// The order lines' revenue, which shares are of: only where it is not the total above but for
// unit prices rounded to the cent (orders without lines, or amounts apart from their lines'),
// or a category's or product's lines, where the total above is theirs alone.
function linesRevenue(card) {
  const oneTotal = card.orders_without_lines === 0 && card.orders_unlike_lines === 0;
  return oneTotal ? "" : ` · ${money(card.period_revenue)} in all products' order lines`;
}

function soldBy(card) {
  return card.segment ? `Segment ${card.segment} bought` : "The store sold";
}

/** The question a category row opens: that category's best sellers over the same period,
 * among the same segment. */
function drillQuestion(card, category, dated) {
  const among = card.segment ? ` among ${card.segment}` : "";
  const period = dated ? `from ${card.from} to ${card.to}` : `in the last ${card.days} days`;
  return `Best sellers in the ${category} category${among} ${period}`;
}
