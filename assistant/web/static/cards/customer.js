// One customer: risk, predicted value with its interval, orders, reasons, recent reviews.

import { h } from "../dom.js";
import { NO_PURCHASE_LIKELY, VALUE_INTERVAL, date, isNum, money, riskLevel } from "../format.js";
import { intervalBar, orderSparkline, riskGauge } from "../charts.js";
import { badge, facts, frame } from "./common.js";
import { reviewItem } from "./reviews.js";

const SHOWN = new Set([
  "type", "customer_id", "name", "email", "segment", "cluster", "churn_risk", "clv", "clv_low", "clv_high",
  "value_at_risk", "reasons", "orders", "reviews",
]);

export function customerCard(card, actions) {
  const id = String(card.customer_id ?? "?");
  const risk = riskLevel(card.churn_risk);
  const contact = [card.name, card.email].filter((v) => typeof v === "string" && v).join(" · ");
  const orders = Array.isArray(card.orders) ? card.orders : [];
  const reviews = Array.isArray(card.reviews) ? card.reviews : [];
  const reasons = Array.isArray(card.reasons) ? card.reasons : [];
  const extra = Object.entries(card).filter(([key]) => !SHOWN.has(key));
  const last = orders.length ? orders.map((o) => o.ts).sort().at(-1) : null;
  const buttons = [
    actions.can("draft_offer") ? h("button", { type: "button", class: "secondary", onclick: () => actions.ask(`Draft an offer for customer ${id}`) }, "Draft an offer") : null,
    actions.can("similar_customers") ? h("button", { type: "button", class: "secondary", onclick: () => actions.ask(`Find customers similar to ${id}`) }, "Similar customers") : null,
    actions.can("recommend_products") ? h("button", { type: "button", class: "secondary", onclick: () => actions.ask(`What should we recommend to ${id}?`) }, "Recommend products") : null,
  ].filter(Boolean);

  return frame(
    "customer",
    `Customer ${id}`,
    {
      subtitle: contact || undefined,
      badges: [
        card.segment ? badge(String(card.segment), "info", "Segment") : null,
        card.cluster ? badge(String(card.cluster), "neutral", "Behaviour cluster") : null,
        badge(risk.words, `risk-${risk.level}`),
      ].filter(Boolean),
    },
    h(
      "div",
      { class: "customer-grid" },
      h("div", { class: "metric gauge-box" }, riskGauge(card.churn_risk)),
      h(
        "div",
        { class: "metric" },
        h("div", { class: "metric-label" }, "Predicted value"),
        h("div", { class: "metric-value" }, money(card.clv)),
        isNum(card.clv_low) && isNum(card.clv_high)
          ? h("div", { class: "metric-note" }, card.clv_high > 0 ? `${VALUE_INTERVAL} ${money(card.clv_low)} – ${money(card.clv_high)}` : NO_PURCHASE_LIKELY)
          : null,
        intervalBar(card.clv, card.clv_low, card.clv_high),
        isNum(card.value_at_risk) ? h("div", { class: "metric-note strong" }, `Value at risk ${money(card.value_at_risk)}`) : null,
      ),
      h(
        "div",
        { class: "metric" },
        h("div", { class: "metric-label" }, `Orders (${orders.length})`),
        orderSparkline(orders),
        last ? h("div", { class: "metric-note" }, `Last order ${date(last)}`) : null,
      ),
    ),
    reasons.length ? h("div", null, h("h4", null, "Why"), h("ul", { class: "reasons" }, reasons.map((r) => h("li", null, String(r))))) : null,
    reviews.length
      ? h("div", null, h("h4", null, `Recent reviews (${reviews.length})`), h("ul", { class: "review-list" }, reviews.slice(0, 5).map((r) => reviewItem(r))))
      : null,
    extra.length ? h("details", { class: "more-facts" }, h("summary", null, "More facts"), facts(extra)) : null,
    buttons.length ? h("div", { class: "card-actions" }, buttons) : null,
  );
}
