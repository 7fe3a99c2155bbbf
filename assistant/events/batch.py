"""What flows out of the events path: the receipt of a submission, and the batch each
application hands its listeners (the alert rules read exactly this)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from commerce.events import Rejection

REVIEW_COLUMNS = ["review_id", "customer_id", "product_id", "ts", "rating", "text", "sentiment",
                  "sentiment_label"]  # fmt: skip


@dataclass(frozen=True)
class Receipt:
    """The answer to a submission: how many events were stored for applying, how many were
    sent before (same event id), and which were refused, by place in the batch and why."""

    accepted: int
    duplicates: int
    rejected: list[Rejection] = field(default_factory=list)
    accepted_ids: list[str] = field(default_factory=list)
    received_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": [r.to_dict() for r in self.rejected],
        }


@dataclass(frozen=True)
class AppliedBatch:
    """One application of pending events to the store.

    scores_before / scores_after: the whole scores table (columns as the scores file:
    customer_id, churn_risk, clv, value_at_risk, reasons, cutoff, ...) before and after; both
    empty when the workspace has no trained model. `customers`: those scored again (everyone on
    a full re-score). `reviews`: the new reviews with their sentiment in [-1, 1] and its label.
    `failed`: events that could not be applied after all (event id -> why). `handoff`: the
    application that made it, whose record keeps it owed to the listeners until they finish
    (handoff.py); a listener may get the same batch again, and must raise nothing twice.
    """

    store_version: str
    previous_version: str
    event_ids: list[str]
    customers: list[str]
    scores_before: pd.DataFrame
    scores_after: pd.DataFrame
    reviews: pd.DataFrame
    full_rescore: bool
    applied_at: datetime
    failed: dict[str, str] = field(default_factory=dict)
    handoff: str | None = None

    def summary(self) -> dict[str, Any]:
        """The batch in a few numbers, for logs and the CLI."""
        return {
            "store_version": self.store_version,
            "previous_version": self.previous_version,
            "events": len(self.event_ids),
            "failed": len(self.failed),
            "customers_scored": len(self.customers),
            "full_rescore": self.full_rescore,
            "reviews": len(self.reviews),
            "applied_at": self.applied_at.isoformat(),
        }
