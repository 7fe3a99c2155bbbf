// Products (or whole categories) ranked by what their reviews say (review_sentiment with
// `per`): the share of negative reviews first, or of positive ones for the best reviewed.
// The ranking is by the reviews' sentiment labels, so the mean rating sits beside it.

import { h } from "../dom.js";
import { isNum, num, pct } from "../format.js";
import { badge, frame, sortableTable } from "./common.js";
import { withRank } from "./lists.js";
import { productCell } from "./products.js";

// "5.0", with how many reviews had a rating on hover; "–" when none did.
function ratingCell(row) {
  if (!isNum(row.mean_rating)) return "–";
  return h("span", { title: isNum(row.rated) ? `of ${num(row.rated)} rated reviews` : undefined }, row.mean_rating.toFixed(1));
}

export function reviewRankingCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const categories = card.per === "category";
  const side = card.by === "positive" ? "positive" : "negative";
  const columns = [
    categories
      ? { key: "category", title: "Category", cell: (r) => String(r.category ?? "–") }
      : { key: "title", title: "Product", sort: (r) => String(r.title ?? r.product_id ?? ""), cell: productCell },
  ];
  if (!categories) columns.push({ key: "category", title: "Category", cell: (r) => (r.category ? badge(String(r.category), "info") : "–") });
  columns.push(
    { key: "reviews", title: "Reviews", numeric: true, cell: (r) => num(r.reviews) },
    { key: "negative", title: "Negative", numeric: true, cell: (r) => num(r.negative) },
    { key: "negative_share", title: "Share negative", numeric: true, cell: (r) => pct(r.negative_share) },
    { key: "positive", title: "Positive", numeric: true, cell: (r) => num(r.positive) },
    { key: "positive_share", title: "Share positive", numeric: true, cell: (r) => pct(r.positive_share) },
    { key: "mean_rating", title: "Mean rating", numeric: true, cell: ratingCell },
  );
  const what = categories ? "Categories" : "Products";
  const floor = isNum(card.min_reviews) ? `, at least ${num(card.min_reviews)} review${card.min_reviews === 1 ? "" : "s"} each` : "";
  const title = `${what} by share of ${side} reviews${floor}`;
  const scope = [
    isNum(card.total) ? `${num(card.total)} ${what.toLowerCase()} ranked` : null,
    card.from && card.to ? `${card.from} to ${card.to}` : null,
    "by the reviews' sentiment",
  ].filter(Boolean);
  // A product's row reads its reviews; a category has no review list of its own.
  const read = !categories && actions.can("search_reviews");
  return frame(
    "review_ranking",
    title,
    { subtitle: scope.join(" · ") },
    rows.length
      ? sortableTable(title, withRank(columns, rows), rows, {
          onOpen: read ? (row) => actions.ask(`reviews of product ${row.product_id}`) : undefined,
          openLabel: (row) => `Reviews of ${row.title ?? row.product_id}`,
          initial: { key: `${side}_share`, dir: "descending" },
        })
      : h("p", { class: "muted" }, `No ${categories ? "category" : "product"} has enough reviews to be ranked.`),
    card.note ? h("p", { class: "hint" }, String(card.note)) : null,
    read && rows.length ? h("p", { class: "hint" }, "Select a product to read its reviews.") : null,
  );
}
