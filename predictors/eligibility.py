"""Is there enough data for the network? Below these, the classic models alone are used.

The thresholds follow what commercial predictive-analytics tools require before they show
predictions (enough buyers, a long enough history, enough repeat buyers to learn from); below
them a learned correction is mostly noise, and saying so beats pretending.

Below a lower floor even the classic models have nothing to fit: with every order on a few
days, or nobody who came back, BG/NBD's likelihood is flat or peaks at a rate of zero, and its
"predictions" (everyone churned, or hundreds of orders a week) would be made up. Training then
stops with the reason instead.
"""

from dataclasses import dataclass, field

import pandas as pd

from commerce.errors import InvalidInput
from predictors.history import History

MIN_BUYERS = 500
MIN_HISTORY_DAYS = 180
MIN_REPEAT_BUYERS = 100
# The floor for the classic models themselves.
MIN_CLASSIC_DAYS = 28
MIN_CLASSIC_REPEAT_BUYERS = 1


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why not, in plain words


@dataclass(frozen=True)
class HistoryCounts:
    """What both floors are judged on: buyers, repeat buyers and days of history."""

    buyers: int
    repeaters: int
    span_days: int

    @classmethod
    def of(cls, history: History, cutoff: pd.Timestamp) -> "HistoryCounts":
        past = history.until(cutoff)
        days_per_customer = past.days.groupby("customer_id", observed=True).size()
        buyers = len(days_per_customer)
        span = (cutoff - past.first_day).days if buyers else 0
        return cls(buyers, int((days_per_customer > 1).sum()), span)


def check_eligibility(history: History, cutoff: pd.Timestamp) -> Eligibility:
    """Whether the history up to the cutoff is enough to train the network."""
    counts = HistoryCounts.of(history, cutoff)
    buyers, span, repeaters = counts.buyers, counts.span_days, counts.repeaters
    reasons = []
    if buyers < MIN_BUYERS:
        reasons.append(f"only {buyers:,} customers have bought (at least {MIN_BUYERS:,} needed)")
    if span < MIN_HISTORY_DAYS:
        reasons.append(f"only {span} days of order history (at least {MIN_HISTORY_DAYS} needed)")
    if repeaters < MIN_REPEAT_BUYERS:
        reasons.append(
            f"only {repeaters:,} customers bought more than once "
            f"(at least {MIN_REPEAT_BUYERS:,} needed)"
        )
    return Eligibility(not reasons, reasons)


def check_predictable(history: History, cutoff: pd.Timestamp) -> None:
    """InvalidInput naming what is missing when not even the classic models can be fitted
    (only on the fallback path, where the history is small: counting again costs nothing)."""
    counts = HistoryCounts.of(history, cutoff)
    missing = []
    if counts.span_days < MIN_CLASSIC_DAYS:
        missing.append(
            f"the orders span {counts.span_days} days (at least {MIN_CLASSIC_DAYS} needed)"
        )
    if counts.repeaters < MIN_CLASSIC_REPEAT_BUYERS:
        missing.append("no customer has bought on two different days")
    if missing:
        raise InvalidInput("too little history to predict churn or value: " + "; ".join(missing))
