"""The alert rules: pure functions from an applied batch of events (the scores table before and
after, the new reviews) and the customers' segments to the alerts the batch should raise.

- risk_crossing: a valuable customer's churn risk went from below RETAIN_ALERT_RISK_THRESHOLD
  to at or above it. Valuable means a predicted value (CLV, after the batch) in the top
  RETAIN_ALERT_VALUE_TOP_PCT percent of scored customers and at least RETAIN_ALERT_MIN_VALUE.
  A customer scored for the first time has no "before" and crosses nothing. At most
  RETAIN_ALERT_MAX_PER_BATCH per batch, most value at risk first (a new model can move
  thousands of customers at once; the rest are logged, not raised).
- negative_review: a new review with sentiment at or below RETAIN_ALERT_REVIEW_SENTIMENT or a
  rating at or below RETAIN_ALERT_REVIEW_RATING; one alert per customer per batch (their most
  negative review), severity high when the customer is valuable.
- segment_jump: a segment's mean churn risk rose by at least RETAIN_ALERT_SEGMENT_JUMP (0.05 is
  5 points) from before to after, over its members scored in both tables, for segments of at
  least RETAIN_ALERT_SEGMENT_MIN_SIZE such members. Membership is today's (after the batch),
  so the rise is the members' risk moving, not people moving between segments.

Every alert carries the facts that explain it, computed here; nothing is worded by a model.
"""

import hashlib
import logging
import math
import numbers
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import pandas as pd

from assistant.alerts.model import NewAlert, Rule, Severity
from assistant.jsonable import jsonable
from assistant.roles import EMAIL, EMAIL_MASK
from assistant.settings import Settings
from assistant.tools.format import money, pct

log = logging.getLogger("retain.alerts")
SCORE_COLUMNS = ("churn_risk", "clv", "clv_low", "clv_high", "value_at_risk", "weeks_since_last",
                 "order_value")  # fmt: skip
EXCERPT_CHARS = 280
MAX_KEY_CHARS = 255  # the dedupe_key column
LARGEST_RISES = 3  # members named in a segment alert's facts
TOLERANCE = 1e-9  # "rose by at least 0.05" holds for 0.35 - 0.30, which floats make 0.0499...


class AppliedBatchLike(Protocol):
    """What the rules read from assistant.events.batch.AppliedBatch (a frozen dataclass)."""

    @property
    def store_version(self) -> str: ...
    @property
    def previous_version(self) -> str: ...
    @property
    def event_ids(self) -> list[str]: ...
    @property
    def customers(self) -> list[str]: ...
    @property
    def scores_before(self) -> pd.DataFrame: ...
    @property
    def scores_after(self) -> pd.DataFrame: ...
    @property
    def reviews(self) -> pd.DataFrame: ...
    @property
    def full_rescore(self) -> bool: ...
    @property
    def applied_at(self) -> datetime: ...


@dataclass(frozen=True)
class Thresholds:
    """The rules' settings, read once per batch."""

    risk: float
    min_value: float
    value_top_pct: float
    review_sentiment: float
    review_rating: float
    segment_jump: float
    segment_min_size: int
    max_per_batch: int
    currency: str

    @classmethod
    def from_settings(cls, settings: Settings) -> "Thresholds":
        return cls(
            risk=settings.alert_risk_threshold,
            min_value=settings.alert_min_value,
            value_top_pct=settings.alert_value_top_pct,
            review_sentiment=settings.alert_review_sentiment,
            review_rating=settings.alert_review_rating,
            segment_jump=settings.alert_segment_jump,
            segment_min_size=settings.alert_segment_min_size,
            max_per_batch=settings.alert_max_per_batch,
            currency=settings.currency_symbol,
        )


@dataclass(frozen=True)
class _Context:
    batch: AppliedBatchLike
    before: pd.DataFrame  # scores by customer_id
    after: pd.DataFrame
    segment_of: "pd.Series[str]"
    limits: Thresholds
    value_cutoff: float


def evaluate(
    batch: AppliedBatchLike, segments: "pd.Series[str]", settings: Settings
) -> list[NewAlert]:
    """The alerts `batch` raises: risk crossings, negative reviews, then segment jumps.
    `segments` maps customer_id to segment name (customers missing from it have none)."""
    limits = Thresholds.from_settings(settings)
    after = _scores(batch.scores_after)
    ctx = _Context(batch, _scores(batch.scores_before), after, _segments(segments), limits,
                   value_cutoff(after, limits))  # fmt: skip
    return [*risk_crossings(ctx), *negative_reviews(ctx), *segment_jumps(ctx)]


def value_cutoff(scores: pd.DataFrame, limits: Thresholds) -> float:
    """The least CLV of a valuable customer: the top value_top_pct percent, and min_value."""
    clv = scores["clv"].dropna()
    if clv.empty:
        return float("inf")
    quantile = float(clv.quantile(1 - limits.value_top_pct / 100, interpolation="lower"))
    return max(limits.min_value, quantile)


def risk_crossings(ctx: _Context) -> list[NewAlert]:
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
            **_value_facts(ctx, str(cid)),
            "clv_low": row.get("clv_low"),
            "clv_high": row.get("clv_high"),
            "value_at_risk_before": _score(ctx.before, cid, "value_at_risk"),
            "reasons": _reasons(row.get("reasons")),
            "weeks_since_last": row.get("weeks_since_last"),
            "order_value": row.get("order_value"),
            "cutoff": row.get("cutoff"),
            **_batch_facts(ctx.batch),
        }
        title = (
            f"Customer {cid} crossed {pct(limits.risk)} churn risk ({pct(before)} → "
            f"{pct(row['churn_risk'])}), predicted value {money(row['clv'], limits.currency)}"
        )
        alerts.append(_alert(ctx, "risk_crossing", "high", cid, None, title, facts))
    return alerts


def negative_reviews(ctx: _Context) -> list[NewAlert]:
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
    strong = (frame["sentiment"] <= limits.review_sentiment + TOLERANCE) | (
        frame["rating"] <= limits.review_rating + TOLERANCE
    )
    alerts = []
    for cid, group in frame[strong].groupby("customer_id", sort=True):
        worst = group.sort_values(["sentiment", "rating"], na_position="last", kind="stable")
        review: dict[str, Any] = {str(k): v for k, v in worst.iloc[0].to_dict().items()}
        value = _value_facts(ctx, str(cid))
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
            "churn_risk": _score(ctx.after, str(cid), "churn_risk"),
            **value,
            **_batch_facts(ctx.batch),
        }
        severity: Severity = "high" if value["valuable"] else "medium"
        title = f"Customer {cid} wrote a strongly negative review ({_review_marks(review)})"
        key_tail = f"review:{review.get('review_id')}"
        alerts.append(
            _alert(ctx, "negative_review", severity, str(cid), None, title, facts, key_tail)
        )
    return alerts


def segment_jumps(ctx: _Context) -> list[NewAlert]:
    """Segments whose members' mean churn risk rose by at least the jump threshold."""
    limits = ctx.limits
    members = ctx.before.index.intersection(ctx.after.index).intersection(ctx.segment_of.index)
    frame = pd.DataFrame(
        {
            "segment": ctx.segment_of.reindex(members),
            "before": ctx.before["churn_risk"].reindex(members),
            "after": ctx.after["churn_risk"].reindex(members),
            "var_before": ctx.before["value_at_risk"].reindex(members),
            "var_after": ctx.after["value_at_risk"].reindex(members),
        }
    ).dropna(subset=["segment", "before", "after"])
    alerts = []
    for name, group in frame.groupby("segment", sort=True):
        mean_before, mean_after = float(group["before"].mean()), float(group["after"].mean())
        rise = mean_after - mean_before
        if len(group) < limits.segment_min_size or rise + TOLERANCE < limits.segment_jump:
            continue
        rises = (group["after"] - group["before"]).sort_values(ascending=False, kind="stable")
        facts = {
            "segment": name,
            "customers": len(group),
            "mean_churn_risk_before": mean_before,
            "mean_churn_risk_after": mean_after,
            "rise": rise,
            "jump_threshold": limits.segment_jump,
            "min_size": limits.segment_min_size,
            "risk_threshold": limits.risk,
            "share_at_risk_before": float((group["before"] >= limits.risk).mean()),
            "share_at_risk_after": float((group["after"] >= limits.risk).mean()),
            "customers_crossed": int(
                ((group["before"] < limits.risk) & (group["after"] >= limits.risk)).sum()
            ),
            "value_at_risk_before": float(group["var_before"].sum()),
            "value_at_risk_after": float(group["var_after"].sum()),
            "largest_rises": _largest_rises(group, rises),
            **_batch_facts(ctx.batch),
        }
        severity: Severity = "high" if rise + TOLERANCE >= 2 * limits.segment_jump else "medium"
        title = (
            f"Segment '{name}': mean churn risk rose {rise * 100:.1f} points ({mean_before:.1%}"
            f" → {mean_after:.1%}) across {len(group):,} customers"
        )
        alerts.append(_alert(ctx, "segment_jump", severity, None, str(name), title, facts))
    return alerts


def excerpt(text: Any) -> str:
    """A review's text on one line, e-mail addresses masked, cut to EXCERPT_CHARS."""
    if not isinstance(text, str):
        return ""
    flat = EMAIL.sub(EMAIL_MASK, " ".join(text.split()))
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _alert(
    ctx: _Context,
    rule: Rule,
    severity: Severity,
    customer_id: str | None,
    segment: str | None,
    title: str,
    facts: dict[str, Any],
    trigger: str | None = None,
) -> NewAlert:
    subject = f"customer:{customer_id}" if customer_id is not None else f"segment:{segment}"
    tail = trigger or f"version:{ctx.batch.store_version}"
    return NewAlert(
        rule=rule,
        severity=severity,
        customer_id=customer_id,
        segment=segment,
        title=title[:300],
        facts=jsonable(facts),
        dedupe_key=_key(rule, subject, tail),
        store_version=str(ctx.batch.store_version)[:64],
    )


def _key(*parts: str) -> str:
    key = "|".join(parts)
    if len(key) <= MAX_KEY_CHARS:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key[: MAX_KEY_CHARS - len(digest) - 1] + "#" + digest


def _value_facts(ctx: _Context, cid: str) -> dict[str, Any]:
    clv = _score(ctx.after, cid, "clv")
    share = None
    if clv is not None:
        share = float((ctx.after["clv"] >= clv).mean())
    return {
        "clv": clv,
        "value_at_risk": _score(ctx.after, cid, "value_at_risk"),
        "valuable": clv is not None and clv >= ctx.value_cutoff,
        "value_cutoff": ctx.value_cutoff if ctx.value_cutoff != float("inf") else None,
        "value_top_pct": ctx.limits.value_top_pct,
        "value_top_share": share,  # share of scored customers worth this much or more
    }


def _batch_facts(batch: AppliedBatchLike) -> dict[str, Any]:
    return {
        "store_version": batch.store_version,
        "previous_version": batch.previous_version,
        "events": len(batch.event_ids),
        "full_rescore": bool(batch.full_rescore),
        "applied_at": batch.applied_at,
    }


def _largest_rises(group: pd.DataFrame, rises: "pd.Series[float]") -> list[dict[str, Any]]:
    """The members whose risk rose most (those whose risk rose at all)."""
    return [
        {"customer_id": str(cid), "churn_risk_before": _score(group, str(cid), "before"),
         "churn_risk_after": _score(group, str(cid), "after")}
        for cid, rise in rises.head(LARGEST_RISES).items() if rise > 0
    ]  # fmt: skip


def _review_marks(review: dict[str, Any]) -> str:
    marks = []
    if _finite(review.get("sentiment")):
        marks.append(f"sentiment {float(review['sentiment']):+.2f}")
    if _finite(review.get("rating")):
        marks.append(f"rating {float(review['rating']):g}")
    return ", ".join(marks)


def _finite(value: Any) -> bool:
    """A real number that is not NaN or infinite (numpy scalars included)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _score(scores: pd.DataFrame, cid: str, column: str) -> float | None:
    if cid not in scores.index or column not in scores:
        return None
    value: Any = scores.at[cid, column]
    return float(value) if _finite(value) else None


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


def _scores(frame: pd.DataFrame | None) -> pd.DataFrame:
    """A scores table indexed by customer_id (text), one row each, numeric columns numeric."""
    if frame is None or frame.empty or "customer_id" not in frame:
        return pd.DataFrame(columns=list(SCORE_COLUMNS), index=pd.Index([], dtype=object))
    scores = frame.drop_duplicates("customer_id", keep="last").copy()
    scores.index = pd.Index(scores.pop("customer_id").astype(str), name="customer_id")
    for column in SCORE_COLUMNS:
        present = column in scores
        scores[column] = pd.to_numeric(scores[column], errors="coerce") if present else float("nan")
    return scores


def _segments(segments: "pd.Series[Any] | None") -> "pd.Series[str]":
    if segments is None or segments.empty:
        return pd.Series(dtype=object)
    named = segments.dropna().astype(str)
    named.index = pd.Index(named.index.astype(str))
    return named[~named.index.duplicated(keep="last")]
