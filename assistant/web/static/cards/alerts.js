// One alert as the page shows it (title, when, severity in words, a line of facts, a link to
// its customer or segment), shared by the alerts panel and the chat's alert cards.
//
// Alert facts are computed by the server (assistant/alerts/rules.py); a review excerpt is
// written by the public, so like every value here it reaches the page as text only.

import { h } from "../dom.js";
import { isNum, money, num, pct, when } from "../format.js";
import { badge, facts, frame } from "./common.js";

const RULE_WORDS = {
  risk_crossing: "Churn risk crossed",
  negative_review: "Negative review",
  segment_jump: "Segment risk jump",
};
const SEVERITY = { high: ["High", "bad"], medium: ["Medium", "warn"] };

export function ruleWords(rule) {
  return RULE_WORDS[rule] || String(rule ?? "Alert").replace(/_/g, " ");
}

/** The severity spelled out (colour is never the only cue). */
export function severityBadge(severity) {
  const [words, tone] = SEVERITY[severity] || [String(severity ?? "?"), "neutral"];
  return badge(`${words} severity`, tone);
}

/**
 * The facts a title does not already say (the server's titles name the rise and the value):
 * what is at risk, the first reason, how many crossed.
 */
export function factLine(alert) {
  const f = alert?.facts && typeof alert.facts === "object" ? alert.facts : {};
  const parts = [];
  if (alert?.rule === "risk_crossing") {
    if (isNum(f.value_at_risk)) parts.push(`${money(f.value_at_risk)} at risk`);
    if (Array.isArray(f.reasons) && f.reasons.length) parts.push(String(f.reasons[0]));
  } else if (alert?.rule === "negative_review") {
    if (f.product_id) parts.push(`About product ${f.product_id}`);
    if (isNum(f.negative_reviews) && f.negative_reviews > 1) parts.push(`${num(f.negative_reviews)} negative reviews`);
    if (isNum(f.churn_risk)) parts.push(`churn risk ${pct(f.churn_risk)}`);
    if (isNum(f.clv)) parts.push(`predicted value ${money(f.clv)}`);
  } else if (alert?.rule === "segment_jump") {
    if (isNum(f.customers_crossed)) parts.push(`${num(f.customers_crossed)} crossed ${isNum(f.risk_threshold) ? pct(f.risk_threshold) : "the risk threshold"}`);
    if (isNum(f.value_at_risk_after)) parts.push(`${money(f.value_at_risk_after, { compact: true })} at risk`);
  }
  const line = parts.join(" · ");
  return line ? line.charAt(0).toUpperCase() + line.slice(1) : "";
}

/** Open the alert's customer or summarise its segment, when the role may; else its name. */
function subject(alert, actions, onOpen) {
  const open = (question) => () => {
    onOpen?.();
    actions.ask(question);
  };
  if (alert.customer_id) {
    const id = String(alert.customer_id);
    return actions.can("customer_profile")
      ? h("button", { type: "button", class: "link", onclick: open(`show customer ${id}`), "aria-label": `Open customer ${id}` }, `Open customer ${id}`)
      : h("span", { class: "muted mono" }, `customer ${id}`);
  }
  if (alert.segment) {
    const name = String(alert.segment);
    return actions.can("segment_summary")
      ? h("button", { type: "button", class: "link", onclick: open(`Summarise the ${name} segment`), "aria-label": `Summarise segment ${name}` }, `Summarise segment ${name}`)
      : h("span", { class: "muted" }, `segment ${name}`);
  }
  return null;
}

/**
 * One alert as a list item. options: onOpen() runs before a link asks its question (the panel
 * closes), onAcknowledge(alert, item) adds an Acknowledge button.
 */
export function alertItem(alert, actions, { onOpen, onAcknowledge } = {}) {
  const id = alert.id;
  const title = String(alert.title ?? `Alert ${id}`);
  const quote = alert.rule === "negative_review" && alert.facts?.excerpt ? String(alert.facts.excerpt) : "";
  const line = factLine(alert);
  const acknowledged = alert.state === "acknowledged";
  const why = actions.can("explain_alert")
    ? h("button", { type: "button", class: "link", onclick: () => { onOpen?.(); actions.ask(`Why was alert ${id} raised?`); }, "aria-label": `Why was alert ${id} raised?` }, "Why?")
    : null;
  const ack = onAcknowledge && !acknowledged
    ? h("button", { type: "button", class: "secondary small ack", "aria-label": `Acknowledge alert ${id}`, onclick: (event) => onAcknowledge(alert, event.currentTarget) }, "Acknowledge")
    : null;
  return h(
    "li",
    { class: ["alert-item", `severity-${alert.severity}`], dataset: { id: String(id) } },
    h(
      "div",
      { class: "alert-meta" },
      severityBadge(alert.severity),
      h("span", { class: "alert-rule" }, ruleWords(alert.rule)),
      h("time", { class: "alert-when", datetime: alert.raised_at ?? null, title: alert.raised_at ? new Date(alert.raised_at).toLocaleString("en-GB") : null }, when(alert.raised_at)),
    ),
    h("p", { class: "alert-title" }, title),
    line ? h("p", { class: "alert-facts" }, line) : null,
    quote ? h("p", { class: "alert-quote" }, `“${quote}”`) : null,
    acknowledged ? h("p", { class: "alert-facts" }, `Acknowledged${alert.acknowledged_by ? ` by ${alert.acknowledged_by}` : ""}${alert.acknowledged_at ? `, ${when(alert.acknowledged_at)}` : ""}`) : null,
    h("p", { class: "alert-error error", role: "alert", hidden: true }),
    h("div", { class: "alert-actions" }, subject(alert, actions, onOpen), why, ack),
  );
}

/** The chat's list of alerts (list_alerts). */
export function alertsCard(card, actions) {
  const rows = Array.isArray(card.rows) ? card.rows : [];
  const state = card.state || "open";
  const noun = { open: "Open alerts", acknowledged: "Acknowledged alerts" }[state] || "Alerts";
  const total = isNum(card.total) ? card.total : rows.length;
  return frame(
    "alerts",
    noun,
    { subtitle: `${num(total)} ${state === "all" ? "" : `${state} `}alert${total === 1 ? "" : "s"}${rows.length < total ? `, the newest ${rows.length} shown` : ""}` },
    rows.length ? h("ul", { class: "alert-list" }, rows.map((alert) => alertItem(alert, actions))) : h("p", { class: "muted" }, "Nothing to show."),
    state !== "acknowledged" ? h("p", { class: "hint" }, "Acknowledge alerts from the bell at the top of the page.") : null,
  );
}

/** One alert explained (explain_alert): the words from its facts, and every fact. */
export function alertCard(card, actions) {
  const { type, explanation, facts: stored, ...alert } = card;
  const open = subject(alert, actions);
  return frame(
    "alert",
    `Alert ${alert.id ?? "?"}: ${ruleWords(alert.rule)}`,
    { subtitle: alert.title ? String(alert.title) : undefined, badges: [severityBadge(alert.severity), badge(alert.state === "acknowledged" ? "Acknowledged" : "Open", alert.state === "acknowledged" ? "good" : "info")] },
    explanation ? h("p", { class: "summary" }, String(explanation)) : null,
    stored && typeof stored === "object" ? h("details", { class: "more-facts" }, h("summary", null, "Every fact"), facts(Object.entries(stored))) : null,
    open ? h("div", { class: "card-actions" }, open) : null,
  );
}
