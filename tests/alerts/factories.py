"""Batches of applied events (assistant.events.batch.AppliedBatch) built from a few customers'
scores: make_scores({"00001": (risk, clv)}), make_batch(before, after, reviews)."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from assistant.events.batch import REVIEW_COLUMNS, AppliedBatch

REASONS = "no order for 30 weeks; last gap 3.1x their average; spend fell 60%"


def make_scores(rows: Mapping[str, tuple[float, float]]) -> pd.DataFrame:
    """A whole scores table: customer_id -> (churn_risk, clv)."""
    ids = list(rows)
    risk = [rows[c][0] for c in ids]
    clv = [rows[c][1] for c in ids]
    return pd.DataFrame(
        {
            "customer_id": ids,
            "churn_risk": risk,
            "p_purchase": [1 - r for r in risk],
            "clv": clv,
            "clv_low": [v * 0.5 for v in clv],
            "clv_high": [v * 1.5 for v in clv],
            "value_at_risk": [r * v for r, v in zip(risk, clv, strict=True)],
            "reasons": REASONS,
            "cutoff": pd.Timestamp("2025-01-31"),
            "weeks_since_last": 30.0,
            "order_value": 42.0,
        }
    )


def make_reviews(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """New reviews; each row gives at least review_id, customer_id and sentiment or rating."""
    defaults = {"product_id": "B000COFFEE", "ts": pd.Timestamp("2025-02-01"),
                "rating": float("nan"), "text": "meh", "sentiment": 0.0,
                "sentiment_label": "neutral"}  # fmt: skip
    return pd.DataFrame([defaults | dict(row) for row in rows], columns=REVIEW_COLUMNS)


def make_batch(
    before: pd.DataFrame,
    after: pd.DataFrame,
    reviews: pd.DataFrame | None = None,
    version: str = "v2",
    customers: Sequence[str] | None = None,
    full_rescore: bool = False,
) -> AppliedBatch:
    """A batch that moved the scores from `before` to `after` and brought `reviews`."""
    changed = list(customers) if customers is not None else list(after["customer_id"])
    return AppliedBatch(
        store_version=version,
        previous_version="v1",
        event_ids=[f"e-{version}-{i}" for i in range(3)],
        customers=changed,
        scores_before=before,
        scores_after=after,
        reviews=reviews if reviews is not None else make_reviews([]),
        full_rescore=full_rescore,
        applied_at=datetime(2025, 2, 1, 12, tzinfo=UTC),
    )


def population(n: int = 20, risk: float = 0.3) -> dict[str, tuple[float, float]]:
    """n ordinary customers '10001'.. worth 1, 2, ... n: a crowd for the value quantile (with
    one customer worth more, the top 20% of 21 starts at 17)."""
    return {f"{10001 + i}": (risk, float(i + 1)) for i in range(n)}
