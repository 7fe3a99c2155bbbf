// Products one customer is likely to buy next (recommend_products), most likely first.
//
// A score is the recommender's chance that the customer's next purchase is this product,
// times their chance of buying at all when the server knows it (retrieval/recs). The bars
// compare the rows with each other; the percentages say the numbers.

import { h } from "../dom.js";
import { isNum, pct } from "../format.js";
import { badge, frame } from "./common.js";

function chance(score) {
  if (!isNum(score)) return "–";
  if (score > 1) return score.toFixed(2); // not a probability: shown as it came
  if (score > 0 && score < 0.001) return "<0.1%";
  return pct(score, score < 0.1 ? 1 : 0);
}

function product(row, rank, best) {
  const id = String(row.product_id ?? "?");
  const title = row.title ? String(row.title) : `Product ${id}`;
  const reasons = (Array.isArray(row.reasons) ? row.reasons : []).map(String).filter(Boolean);
  const share = isNum(row.score) && best > 0 ? Math.max(0.02, Math.min(1, row.score / best)) : 0;
  return h(
    "li",
    { class: "rec", dataset: { product: id } },
    h("span", { class: "rec-rank", "aria-hidden": "true" }, String(rank)),
    h(
      "div",
      { class: "rec-main" },
      h(
        "div",
        { class: "rec-head" },
        h("span", { class: "rec-title" }, title),
        row.category ? badge(String(row.category), "info", "Category") : null,
        h("span", { class: "rec-id mono", title: "Product id" }, id),
      ),
      reasons.length ? h("p", { class: "rec-reason" }, reasons[0]) : h("p", { class: "rec-reason muted" }, "No reason given."),
      reasons.length > 1
        ? h(
            "details",
            { class: "rec-more" },
            h("summary", null, `${reasons.length - 1} more reason${reasons.length > 2 ? "s" : ""}`),
            h("ul", { class: "reasons" }, reasons.slice(1).map((r) => h("li", null, r))),
          )
        : null,
    ),
    h(
      "div",
      { class: "rec-score" },
      h("span", { class: "rec-chance" }, chance(row.score)),
      h("span", { class: "rec-chance-label" }, "chance"),
      h("span", { class: "rec-bar", "aria-hidden": "true" }, h("span", { style: { width: `${(share * 100).toFixed(1)}%` } })),
    ),
  );
}

export function recommendationsCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const id = card.customer_id === undefined || card.customer_id === null ? null : String(card.customer_id);
  const best = Math.max(0, ...rows.map((r) => (isNum(r.score) ? r.score : 0)));
  const buttons = id
    ? [
        actions.can("customer_profile") ? h("button", { type: "button", class: "secondary", onclick: () => actions.ask(`show customer ${id}`) }, "Open customer") : null,
        actions.can("draft_offer") ? h("button", { type: "button", class: "secondary", onclick: () => actions.ask(`Draft an offer for customer ${id}`) }, "Draft an offer") : null,
      ].filter(Boolean)
    : [];
  return frame(
    "recommendations",
    `Recommended for customer ${id ?? "?"}`,
    { subtitle: rows.length ? `${rows.length} product${rows.length === 1 ? "" : "s"}, most likely first` : "Nothing to recommend" },
    rows.length
      ? h("ol", { class: "recs", "aria-label": `Products for customer ${id ?? "?"}, most likely first` }, rows.map((row, i) => product(row, isNum(row.rank) ? row.rank : i + 1, best)))
      : h("p", { class: "muted" }, "Every product is excluded for this customer (bought already, or rated badly)."),
    rows.length ? h("p", { class: "hint" }, "Chance: how likely this customer buys the product next, from their purchase history (or their segment's, when they have none).") : null,
    buttons.length ? h("div", { class: "card-actions" }, buttons) : null,
  );
}
