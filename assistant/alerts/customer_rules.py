"""The rules about one customer: risk_crossing (a valuable customer's churn risk crossed the
threshold) and negative_review (a strongly negative new review); see rules.py for when each
raises.
"""

import logging
from typing import Any

import pandas as pd

from assistant.alerts.model import NewAlert, Severity
from assistant.alerts.rule_context import (
    TOLERANCE,
    RuleContext,
    batch_facts,
    finite,
    new_alert,
    score,
    value_facts,
)
from assistant.roles import mask_contacts
from assistant.tools.format import money, pct
from retrieval.sentiment import PRAISING_STARS

log = logging.getLogger("retain.alerts")
EXCERPT_CHARS = 280


def risk_crossings(ctx: RuleContext) -> list[NewAlert]:
    """Valuable customers whose churn risk crossed the threshold upwards in this batch."""
    limits, after = ctx.limits, ctx.after
    ids = pd.Index(ctx.batch.customers, dtype=object).astype(str)
    if ctx.batch.full_rescore or ids.empty:
        ids = after.index
    rows = after.loc[after.index.intersection(ids)]
    risk_before = ctx.before["churn_risk"].reindex(rows.index)
    crossed = (risk_before < limits.risk) & (rows["churn_risk"] >= limits.risk)
    chosen = rows[crossed & (rows["clv"] >= ctx.value_cutoff)]
    chosen = chosen.sort_values(["value_at_risk"], ascending=False, kind="stable")
    if len(chosen) > limits.max_per_batch:
        log.warning(
            "risk crossings over the per-batch limit",
            extra={"crossed": len(chosen), "raised": limits.max_per_batch,
                   "store_version": ctx.batch.store_version},
        )  # fmt: skip
        chosen = chosen.head(limits.max_per_batch)
    alerts = []
    for record in chosen.reset_index().to_dict("records"):
        row: dict[str, Any] = {str(k): v for k, v in record.items()}
        cid = str(row["customer_id"])
        before = float(risk_before[cid])
        facts = {
            "customer_id": cid,
            "segment": ctx.segment_of.get(cid),
            "churn_risk_before": before,
            "churn_risk_after": row["churn_risk"],
            "risk_threshold": limits.risk,
            **value_facts(ctx, str(cid)),
            "clv_low": row.get("clv_low"),
            "clv_high": row.get("clv_high"),
            "value_at_risk_before": score(ctx.before, cid, "value_at_risk"),
            "reasons": _reasons(row.get("reasons")),
            "weeks_since_last": row.get("weeks_since_last"),
            "order_value": row.get("order_value"),
            "cutoff": row.get("cutoff"),
            **batch_facts(ctx.batch),
        }
        title = (
            f"Customer {cid} crossed {pct(limits.risk)} churn risk ({pct(before)} → "
            f"{pct(row['churn_risk'])}), predicted value {money(row['clv'], limits.currency)}"
        )
        alerts.append(new_alert(ctx, "risk_crossing", "high", cid, None, title, facts))
    return alerts


def negative_reviews(ctx: RuleContext) -> list[NewAlert]:
    """One alert per customer who wrote a strongly negative review in this batch."""
    reviews = ctx.batch.reviews
    if reviews is None or reviews.empty or "customer_id" not in reviews:
        return []
    frame = reviews.assign(
        customer_id=reviews["customer_id"].astype(str),
        sentiment=_numeric(reviews, "sentiment"),
        rating=_numeric(reviews, "rating"),
    )
    limits = ctx.limits
    # Words read as strongly negative under 4 or 5 stars are praise the text head misread
    # (review_label): the stars are what the customer said.
    praised = frame["rating"] >= PRAISING_STARS
    worded = (frame["sentiment"] <= limits.review_sentiment + TOLERANCE) & ~praised
    strong = worded | (frame["rating"] <= limits.review_rating + TOLERANCE)
    alerts = []
    for cid, group in frame[strong].groupby("customer_id", sort=True):
        worst = group.sort_values(["sentiment", "rating"], na_position="last", kind="stable")
        review: dict[str, Any] = {str(k): v for k, v in worst.iloc[0].to_dict().items()}
        value = value_facts(ctx, str(cid))
        facts = {
            "customer_id": cid,
            "segment": ctx.segment_of.get(cid),
            "review_id": review.get("review_id"),
            "product_id": review.get("product_id"),
            "review_ts": review.get("ts"),
            "rating": review.get("rating"),
            "sentiment": review.get("sentiment"),
            "sentiment_label": review.get("sentiment_label"),
            "excerpt": excerpt(review.get("text")),
            "sentiment_threshold": limits.review_sentiment,
            "rating_threshold": limits.review_rating,
            "negative_reviews": len(group),
            "review_ids": [str(r) for r in group["review_id"]] if "review_id" in group else [],
            "churn_risk": score(ctx.after, str(cid), "churn_risk"),
            **value,
            **batch_facts(ctx.batch),
        }
        severity: Severity = "high" if value["valuable"] else "medium"
        title = f"Customer {cid} {_review_title(review, limits.review_sentiment)}"
        key_tail = f"review:{review.get('review_id')}"
        alerts.append(
            new_alert(ctx, "negative_review", severity, str(cid), None, title, facts, key_tail)
        )
    return alerts


def excerpt(text: Any) -> str:
    """A review's text on one line, e-mail addresses and phone numbers masked (as a marketer
    sees any text: assistant/roles.py), cut to EXCERPT_CHARS."""
    if not isinstance(text, str):
        return ""
    flat = mask_contacts(" ".join(text.split()))
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _review_title(review: dict[str, Any], sentiment_limit: float) -> str:
    """What the customer did, by the mark that raised the alert: a review is "strongly
    negative" only when its sentiment crossed; one raised by its rating alone says so ("rated
    1 star"), its sentiment given as context (a 1-star review can read as neutral)."""
    sentiment = float(review["sentiment"]) if finite(review.get("sentiment")) else None
    rating = float(review["rating"]) if finite(review.get("rating")) else None
    said = f"sentiment {sentiment:+.2f}" if sentiment is not None else None
    stars = f"rating {rating:g}" if rating is not None else None
    if sentiment is not None and sentiment <= sentiment_limit + TOLERANCE:
        marks = ", ".join(m for m in (said, stars) if m)
        return f"wrote a strongly negative review ({marks})"
    # Raised by the rating alone, so the rating is there.
    stars_word = f"{rating:g} star" + ("" if rating == 1 else "s")
    context = f" ({said})" if said else ""
    return f"wrote a review rated {stars_word}{context}"


def _numeric(frame: pd.DataFrame, column: str) -> "pd.Series[float]":
    if column not in frame:
        return pd.Series(float("nan"), index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _reasons(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [part for part in value.split("; ") if part]
    return []
