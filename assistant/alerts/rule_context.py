"""What every alert rule reads and how each makes an alert: the applied batch, the thresholds
from settings, the scores before and after, who counts as valuable, the facts every alert
carries, and the dedupe key that raises an alert once.
"""

import hashlib
import math
import numbers
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import pandas as pd

from assistant.alerts.model import NewAlert, Rule, Severity
from assistant.jsonable import jsonable
from assistant.settings import Settings

MAX_KEY_CHARS = 255  # the dedupe_key column
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
class RuleContext:
    """One batch as every rule reads it."""

    batch: AppliedBatchLike
    before: pd.DataFrame  # scores by customer_id
    after: pd.DataFrame
    segment_of: "pd.Series[str]"
    limits: Thresholds
    value_cutoff: float


def value_cutoff(scores: pd.DataFrame, limits: Thresholds) -> float:
    """The least CLV of a valuable customer: the top value_top_pct percent, and min_value."""
    clv = scores["clv"].dropna()
    if clv.empty:
        return float("inf")
    quantile = float(clv.quantile(1 - limits.value_top_pct / 100, interpolation="lower"))
    return max(limits.min_value, quantile)


def new_alert(
    ctx: RuleContext,
    rule: Rule,
    severity: Severity,
    customer_id: str | None,
    segment: str | None,
    title: str,
    facts: dict[str, Any],
    trigger: str | None = None,
) -> NewAlert:
    """The alert `rule` raises about a customer or a segment, keyed so it is raised once."""
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


def value_facts(ctx: RuleContext, cid: str) -> dict[str, Any]:
    """A customer's predicted value after the batch and whether that makes them valuable."""
    clv = score(ctx.after, cid, "clv")
    share = None
    if clv is not None:
        share = float((ctx.after["clv"] >= clv).mean())
    return {
        "clv": clv,
        "value_at_risk": score(ctx.after, cid, "value_at_risk"),
        "valuable": clv is not None and clv >= ctx.value_cutoff,
        "value_cutoff": ctx.value_cutoff if ctx.value_cutoff != float("inf") else None,
        "value_top_pct": ctx.limits.value_top_pct,
        "value_top_share": share,  # share of scored customers worth this much or more
    }


def batch_facts(batch: AppliedBatchLike) -> dict[str, Any]:
    """Which batch raised the alert."""
    return {
        "store_version": batch.store_version,
        "previous_version": batch.previous_version,
        "events": len(batch.event_ids),
        "full_rescore": bool(batch.full_rescore),
        "applied_at": batch.applied_at,
    }


def finite(value: Any) -> bool:
    """A real number that is not NaN or infinite (numpy scalars included)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def score(scores: pd.DataFrame, cid: str, column: str) -> float | None:
    """A customer's value in a scores column; None when missing or not a finite number."""
    if cid not in scores.index or column not in scores:
        return None
    value: Any = scores.at[cid, column]
    return float(value) if finite(value) else None
