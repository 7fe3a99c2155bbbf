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
This file reads the batch and runs the rules; customer_rules.py holds risk_crossing and
negative_review, segment_rules.py segment_jump, and rule_context.py what they share (the
thresholds, who is valuable, the facts and dedupe key of every alert).
"""

from typing import Any

import pandas as pd

from assistant.alerts.customer_rules import negative_reviews, risk_crossings
from assistant.alerts.model import NewAlert
from assistant.alerts.rule_context import AppliedBatchLike as AppliedBatchLike
from assistant.alerts.rule_context import RuleContext, Thresholds, value_cutoff
from assistant.alerts.segment_rules import segment_jumps
from assistant.settings import Settings

SCORE_COLUMNS = ("churn_risk", "clv", "clv_low", "clv_high", "value_at_risk", "weeks_since_last",
                 "order_value")  # fmt: skip


def evaluate(
    batch: AppliedBatchLike, segments: "pd.Series[str]", settings: Settings
) -> list[NewAlert]:
    """The alerts `batch` raises: risk crossings, negative reviews, then segment jumps.
    `segments` maps customer_id to segment name (customers missing from it have none)."""
    limits = Thresholds.from_settings(settings)
    after = _scores(batch.scores_after)
    ctx = RuleContext(batch, _scores(batch.scores_before), after, _segments(segments), limits,
                      value_cutoff(after, limits))  # fmt: skip
    return [*risk_crossings(ctx), *negative_reviews(ctx), *segment_jumps(ctx)]


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
