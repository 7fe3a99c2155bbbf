// What the buyers of one product also bought (bought_with), for cross-sell: each product with
// how many of those buyers bought it too, against how often all customers bought it (the lift).

import { h } from "../dom.js";
import { isNum, num, pct } from "../format.js";
import { badge, frame, rowsTable, sortableTable } from "./common.js";
import { withRank } from "./lists.js";
import { productCell } from "./products.js";

// "5.01x": the lift as the tool rounds it (2 places), so ties read as ties.
function liftCell(row) {
  return isNum(row.lift) ? `${row.lift.toFixed(2)}x` : "–";
}

/** The product asked about, by title when it was named, else by id. */
function asked(card) {
  if (card.product_title) return String(card.product_title);
  return card.product_id ? `product ${card.product_id}` : "the product asked";
}

export function boughtWithCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const columns = [
    { key: "title", title: "Product", sort: (r) => String(r.title ?? r.product_id ?? ""), cell: productCell },
    { key: "category", title: "Category", cell: (r) => (r.category ? badge(String(r.category), "info") : "–") },
    { key: "together", title: "Its buyers who bought it too", numeric: true, cell: (r) => num(r.together) },
    { key: "share_of_buyers", title: "Share of its buyers", numeric: true, cell: (r) => pct(r.share_of_buyers, 1) },
    { key: "buyers", title: "All buyers", numeric: true, cell: (r) => num(r.buyers) },
    { key: "share_of_customers", title: "Share of all customers", numeric: true, cell: (r) => pct(r.share_of_customers, 1) },
    { key: "lift", title: "Lift", numeric: true, cell: liftCell },
  ];
  const title = `Bought with ${asked(card)}`;
  const period = card.from && card.to ? `${card.from} to ${card.to}` : null;
  const buyers = isNum(card.buyers) && isNum(card.customers)
    ? `${num(card.buyers)} of ${num(card.customers)} customers bought it`
    : null;
  const id = card.product_title && card.product_id ? `product ${card.product_id}` : null;
  // Another product of the list asks the same question of it, for the next cross-sell step.
  const chain = actions.can("bought_with");
  const candidates = Array.isArray(card.candidates) && card.candidates.length
    ? rowsTable("Products of that name", card.candidates.map((c) => ({ product_id: c.product_id, title: c.title ?? "–", category: c.category ?? "–" })), 8)
    : null;
  return frame(
    "bought_with",
    title,
    { subtitle: [id, period, buyers].filter(Boolean).join(" · ") || undefined },
    rows.length
      ? sortableTable(`${title}, by lift`, withRank(columns, rows), rows, {
          onOpen: chain ? (row) => actions.ask(`What goes with ${row.product_id}?`) : undefined,
          openLabel: (row) => `What goes with ${row.title ?? row.product_id}`,
          initial: { key: "lift", dir: "descending" },
        })
      : null,
    card.note ? h("p", { class: "hint" }, String(card.note)) : null,
    candidates,
    rows.length ? h("p", { class: "hint" }, `Lift: how many times more often its buyers bought a product than all customers did.${chain ? " Select a product for what goes with it." : ""}`) : null,
  );
}
