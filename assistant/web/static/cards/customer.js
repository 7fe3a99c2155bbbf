// One customer: risk, predicted value with its interval, orders, what they bought most, reasons,
// recent reviews. Lists that show only part of a whole say of how many ("5 of 23").

import { h } from "../dom.js";
import { NO_PURCHASE_LIKELY, VALUE_INTERVAL, date, isNum, money, num, riskLevel } from "../format.js";
import { intervalBar, orderSparkline, riskGauge } from "../charts.js";
import { badge, facts, frame } from "./common.js";
import { reviewItem } from "./reviews.js";

const SHOWN = new Set([
  "type", "customer_id", "name", "email", "segment", "cluster", "churn_risk", "clv", "clv_low", "clv_high",
  "value_at_risk", "reasons", "orders", "orders_total", "last_order", "products", "products_bought",
  "reviews", "reviews_total",
]);

/** "5" when the list is the whole, "5 of 23" when it is the first part of more. */
function shownOf(shown, total) {
  return isNum(total) && total > shown ? `${num(shown)} of ${num(total)}` : num(shown);
}

function productItem(p) {
  const name = String(p.title || p.product_id || "?");
  const units = isNum(p.units) ? `${num(p.units)} unit${p.units === 1 ? "" : "s"}` : null;
  const last = p.last_bought ? `last ${date(p.last_bought)}` : null;
  return h(
    "li",
    null,
    h("strong", null, name),
    p.category ? h("span", { class: "muted" }, ` · ${p.category}`) : null,
    h("span", { class: "muted" }, ` · ${[units, last].filter(Boolean).join(", ")}`),
  );
}

// One line of the last order: "2 × Coffee beans · Coffee · $5.00 each".
function lineItem(line) {
  const name = String(line.title || line.product_id || "?");
  const quantity = isNum(line.quantity) ? `${num(line.quantity)} × ` : "";
  return h(
    "li",
    null,
    quantity,
    h("strong", null, name),
    line.category ? h("span", { class: "muted" }, ` · ${line.category}`) : null,
    isNum(line.price) ? h("span", { class: "muted" }, ` · ${money(line.price)} each`) : null,
  );
}

// What the latest order held, where the store recorded its lines.
function lastOrder(order) {
  const lines = order && Array.isArray(order.lines) ? order.lines : [];
  if (!lines.length) return null;
  const title = `Last order ${String(order.order_id ?? "")} · ${date(order.ts)}${isNum(order.amount) ? ` · ${money(order.amount)}` : ""}`;
  return h("div", null, h("h4", null, title), h("ul", { class: "order-lines" }, lines.map(lineItem)));
}

export function customerCard(card, actions) {
  const id = String(card.customer_id ?? "?");
  const risk = riskLevel(card.churn_risk);
  const contact = [card.name, card.email].filter((v) => typeof v === "string" && v).join(" · ");
  const orders = Array.isArray(card.orders) ? card.orders : [];
  const reviews = Array.isArray(card.reviews) ? card.reviews : [];
  const reasons = Array.isArray(card.reasons) ? card.reasons : [];
  const products = Array.isArray(card.products) ? card.products : [];
  const extra = Object.entries(card).filter(([key]) => !SHOWN.has(key));
  // The latest order, with its amount: "when was her last order and how much was it?"
  const last = orders.reduce((latest, o) => (latest === null || String(o.ts) > String(latest.ts) ? o : latest), null);
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
        h("div", { class: "metric-label" }, `Orders (${isNum(card.orders_total) ? num(card.orders_total) : num(orders.length)})`),
        orderSparkline(orders),
        last ? h("div", { class: "metric-note" }, `Last order ${date(last.ts)}${isNum(last.amount) ? `, ${money(last.amount)}` : ""}`) : null,
      ),
    ),
    reasons.length ? h("div", null, h("h4", null, "Why"), h("ul", { class: "reasons" }, reasons.map((r) => h("li", null, String(r))))) : null,
    lastOrder(card.last_order),
    products.length
      ? h("div", null, h("h4", null, `Most bought (${shownOf(products.length, card.products_bought)} products)`), h("ul", { class: "products-bought" }, products.map(productItem)))
      : null,
    reviews.length
      ? h("div", null, h("h4", null, `Recent reviews (${shownOf(reviews.length, card.reviews_total)})`), h("ul", { class: "review-list" }, reviews.map((r) => reviewItem(r))))
      : null,
    extra.length ? h("details", { class: "more-facts" }, h("summary", null, "More facts"), facts(extra)) : null,
    buttons.length ? h("div", { class: "card-actions" }, buttons) : null,
  );
}
