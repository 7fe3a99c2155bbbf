// Offer drafts (with copy, the facts they used and how they were checked) and budget plans.

import { h } from "../dom.js";
import { isNum, label, money } from "../format.js";
import { badge, facts, frame, sortableTable } from "./common.js";

/** How the draft came to be, in words: verified first time, on retry, or the template. */
export function verification(card) {
  if (card.path === "fallback") return badge("Template fallback", "warn", "The model's drafts failed the checks, so the policy template was used");
  if (card.passed_verification === false) return badge("Not verified", "bad", "This draft did not pass the fact and policy checks");
  if (card.passed_verification === true) {
    return badge(card.path === "retry" ? "Verified on retry" : "Verified", "good", "Every number and promise was checked against the facts and the policy");
  }
  return null;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http pages have no clipboard API: copy through a selected, off-screen textarea.
  const area = h("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

export function offerCard(card, actions) {
  const target = card.customer_id ? `customer ${card.customer_id}` : card.segment ? `segment ${card.segment}` : "";
  const text = String(card.text ?? "");
  const status = h("span", { class: "copy-status", role: "status" });
  const copy = h(
    "button",
    {
      type: "button",
      class: "primary small",
      onclick: async () => {
        try {
          await copyText(text);
          status.textContent = "Copied";
        } catch {
          status.textContent = "Copy failed: select the text and copy it";
        }
        setTimeout(() => (status.textContent = ""), 2500);
      },
    },
    "Copy",
  );
  const used = card.facts && typeof card.facts === "object" ? card.facts : null;
  const { type, text: _t, facts: _f, customer_id: _c, segment: _s, channel, path, passed_verification: _p, ...rest } = card;
  const pathNote = { first_pass: "Written by the model and verified on the first pass.", retry: "The first draft failed a check; the second one passed.", fallback: "The model's drafts failed the checks; this is the policy template filled with the facts." }[path];
  return frame(
    "offer",
    `Offer for ${target || "the customer"}`,
    { subtitle: channel ? `Channel: ${label(channel)}` : undefined, badges: [verification(card)].filter(Boolean) },
    h("div", { class: "offer-text", tabindex: "0", "aria-label": "Offer text" }, text),
    h("div", { class: "card-actions" }, copy, status),
    pathNote ? h("p", { class: "hint" }, pathNote) : null,
    used ? h("details", { class: "facts-used", open: true }, h("summary", null, "Facts this draft used"), facts(used)) : null,
    Object.keys(rest).length ? facts(rest) : null,
  );
}

function assumptionsNote(assumptions) {
  if (!assumptions || typeof assumptions !== "object") return null;
  const discounts = Array.isArray(assumptions.discount_pct) ? assumptions.discount_pct : [];
  const uplift = Array.isArray(assumptions.uplift) ? assumptions.uplift : [];
  const pairs = discounts.map((d, i) => `${d ? `${d}% off` : "a reminder"} → +${isNum(uplift[i]) ? (uplift[i] * 100).toFixed(0) : "?"} pts`);
  const parts = [];
  if (pairs.length) parts.push(`assumed uplift in staying: ${pairs.join(", ")}`);
  if (isNum(assumptions.cost_per_contact)) parts.push(`${money(assumptions.cost_per_contact)} per contact`);
  return parts.length ? h("p", { class: "hint" }, `Assumptions: ${parts.join("; ")}.`) : null;
}

export function planCard(card, actions) {
  const gain = isNum(card.value_with_offers) && isNum(card.value_without_offers) ? card.value_with_offers - card.value_without_offers : null;
  const levels = Array.isArray(card.by_discount_rows) ? card.by_discount_rows : [];
  const offers = Array.isArray(card.offers) ? card.offers : [];
  const known = new Set(["type", "budget", "spent", "customers", "value_with_offers", "value_without_offers", "assumptions", "by_discount", "by_discount_rows", "offers", "method", "segment", "net_gain_bound", "note"]);
  const others = Object.entries(card).filter(([key, value]) => !known.has(key) && value !== null);
  const offerColumns = [
    { key: "customer_id", title: "Customer", cell: (r) => String(r.customer_id) },
    { key: "discount_pct", title: "Offer", numeric: true, cell: (r) => (r.discount_pct ? `${r.discount_pct}% off` : "reminder") },
    { key: "cost", title: "Cost", numeric: true, cell: (r) => money(r.cost) },
    { key: "gain", title: "Expected gain", numeric: true, cell: (r) => money(r.gain) },
    { key: "net", title: "Net", numeric: true, cell: (r) => money(r.net) },
  ];
  const levelColumns = [
    { key: "discount_pct", title: "Offer", cell: (r) => (r.discount_pct ? `${r.discount_pct}% off` : "Reminder only") },
    ...Object.keys(levels[0] || {}).filter((k) => k !== "discount_pct").map((k) => ({ key: k, title: label(k), numeric: true })),
  ];
  return frame(
    "plan",
    isNum(card.budget) ? `Plan for a ${money(card.budget)} budget` : "Budget plan",
    { subtitle: [card.segment ? `segment ${card.segment}` : "all scored customers", card.method ? `${card.method} allocation` : null].filter(Boolean).join(" · ") },
    h(
      "div",
      { class: "plan-grid" },
      h("div", { class: "metric" }, h("div", { class: "metric-label" }, "Spent"), h("div", { class: "metric-value" }, money(card.spent)), h("div", { class: "metric-note" }, `of ${money(card.budget)}`)),
      h("div", { class: "metric" }, h("div", { class: "metric-label" }, "Customers"), h("div", { class: "metric-value" }, isNum(card.customers) ? card.customers.toLocaleString("en-US") : "–"), h("div", { class: "metric-note" }, "get an offer")),
      h("div", { class: "metric" }, h("div", { class: "metric-label" }, "Expected value"), h("div", { class: "metric-value" }, money(card.value_with_offers)), h("div", { class: "metric-note" }, `${money(card.value_without_offers)} without offers`)),
      h("div", { class: "metric" }, h("div", { class: "metric-label" }, "Net gain"), h("div", { class: "metric-value good-text" }, gain === null ? "–" : `+${money(gain)}`), h("div", { class: "metric-note" }, isNum(card.net_gain_bound) ? `after costs; no plan adds over +${money(card.net_gain_bound)}` : "after costs")),
    ),
    levels.length ? h("div", null, h("h4", null, "By offer"), sortableTable("Offers by discount level", levelColumns, levels)) : null,
    offers.length
      ? h(
          "div",
          null,
          h("h4", null, `Top ${offers.length} offers`),
          sortableTable("Offers, best first", offerColumns, offers, {
            onOpen: actions.can("customer_profile") ? (row) => actions.ask(`show customer ${row.customer_id}`) : undefined,
            openLabel: (row) => `Open customer ${row.customer_id}`,
          }),
        )
      : null,
    card.note ? h("p", { class: "hint" }, String(card.note)) : null,
    assumptionsNote(card.assumptions),
    others.length ? facts(others) : null,
  );
}
