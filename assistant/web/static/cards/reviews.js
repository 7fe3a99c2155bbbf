// Review search hits (the query's words highlighted), single reviews, and sentiment breakdowns.
// Hits are the reviews closest in meaning to a query, never "matches": far ones come too.

import { h, highlighted } from "../dom.js";
import { date, isNum, label, num, pct } from "../format.js";
import { badge, facts, frame } from "./common.js";
import { barChart } from "../charts.js";

const LONG = 360; // characters shown before "Show more"

export function sentimentBadge(labelText, score) {
  const text = String(labelText || "").toLowerCase();
  const tone = /neg/.test(text) ? "bad" : /pos/.test(text) ? "good" : "neutral";
  if (!text) return null;
  const title = isNum(score) ? `sentiment score ${num(score)}` : undefined;
  return badge(label(text), tone, title);
}

export function stars(rating) {
  if (!isNum(rating)) return h("span", { class: "stars muted" }, "no rating");
  const r = Math.round(Math.min(5, Math.max(0, rating)));
  return h("span", { class: "stars", role: "img", "aria-label": `${r} of 5 stars` }, "★".repeat(r) + "☆".repeat(5 - r));
}

/** Review text as text (never markup), matches marked, long texts folded. */
export function reviewText(text, spans) {
  const value = String(text ?? "");
  const body = h("p", { class: "review-text" }, highlighted(value, spans));
  if (value.length <= LONG) return body;
  body.classList.add("folded");
  const toggle = h("button", { type: "button", class: "link more", "aria-expanded": "false" }, "Show more");
  toggle.addEventListener("click", () => {
    const open = body.classList.toggle("folded") === false;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Show less" : "Show more";
  });
  return h("div", null, body, toggle);
}

export function reviewItem(review, { spans, extra = [] } = {}) {
  return h(
    "li",
    { class: "review" },
    h("div", { class: "review-meta" }, stars(review.rating), h("span", null, date(review.ts)), sentimentBadge(review.sentiment_label, review.sentiment_score), extra),
    reviewText(review.text, spans),
  );
}

export function reviewsCard(card, actions) {
  const hits = Array.isArray(card.hits) ? card.hits : [];
  const title = card.query ? `Reviews closest to “${card.query}”` : "Reviews";
  const first = hits.length && isNum(hits[0].rank) ? hits[0].rank : 1;
  const count = isNum(card.total) && card.total > hits.length
    ? `${num(first)}–${num(first + hits.length - 1)} of ${num(card.total)} reviews`
    : `${num(hits.length)} review${hits.length === 1 ? "" : "s"}`;
  return frame(
    "reviews",
    title,
    { subtitle: `${count}${period(card)}` },
    hits.length
      ? h(
          "ol",
          { class: "review-list" },
          hits.map((hit) =>
            reviewItem(hit, {
              spans: hit.highlights,
              extra: [
                isNum(hit.similarity) ? h("span", { class: "muted", title: "cosine similarity to the query, -1 to 1" }, `similarity ${hit.similarity.toFixed(2)}`) : null,
                hit.customer_id ? actions.customerLink(hit.customer_id) : null,
                hit.product_id ? h("span", { class: "muted mono" }, hit.product_id) : null,
              ],
            }),
          ),
        )
      : h("p", { class: "muted" }, "No reviews."),
  );
}

export function sentimentCard(card) {
  const counts = card.counts && typeof card.counts === "object" ? card.counts : {};
  const total = Object.values(counts).reduce((sum, v) => sum + (isNum(v) ? v : 0), 0);
  const rows = Object.entries(counts).map(([key, value]) => ({ label: label(key), value, text: `${num(value)} (${pct(total ? value / total : 0)})` }));
  const themes = Array.isArray(card.themes) ? card.themes : [];
  const { type, counts: _c, themes: _t, from: _f, to: _to, mentions: _m, ...rest } = card;
  // Only the reviews that mention some words (review_sentiment's `about`): said as asked.
  const said = Array.isArray(card.mentions) && card.mentions.length ? ` mentioning '${card.mentions.join(" ")}'` : "";
  return frame(
    "sentiment",
    "Sentiment",
    { subtitle: total ? `${num(total)} reviews${said}${period(card)}` : `${said.trim()}${period(card)}`.replace(/^ · /, "") || undefined },
    rows.length ? barChart(rows, "Reviews by sentiment") : null,
    themes.length
      ? h(
          "div",
          null,
          h("h4", null, "Complaint themes"),
          h(
            "ul",
            { class: "themes" },
            themes.map((theme) => {
              if (typeof theme !== "object" || theme === null) return h("li", null, String(theme));
              const terms = Array.isArray(theme.terms) ? theme.terms.join(", ") : null;
              const name = theme.name ?? theme.label ?? terms ?? "theme";
              const size = theme.count ?? theme.reviews ?? theme.n;
              const examples = (Array.isArray(theme.examples) ? theme.examples : [theme.example]).filter(Boolean).slice(0, 2);
              return h(
                "li",
                null,
                h("strong", null, String(name)),
                isNum(size) ? h("span", { class: "muted" }, ` · ${num(size)} review${size === 1 ? "" : "s"}`) : null,
                isNum(theme.share) ? h("span", { class: "muted" }, ` (${pct(theme.share)})`) : null,
                terms && terms !== name ? h("div", { class: "muted small-text" }, `Words: ${terms}`) : null,
                examples.map((ex) => h("blockquote", { class: "quote" }, String(typeof ex === "string" ? ex : ex.text ?? ""))),
              );
            }),
          ),
        )
      : null,
    Object.keys(rest).length ? facts(rest) : null,
  );
}

/** " · 1998-05-01 to 1998-05-31" for reviews of a period, "" for all reviews. */
function period(card) {
  return card.from && card.to ? ` · ${card.from} to ${card.to}` : "";
}
