"""Demand from existing customers: expected purchase days (orders) and revenue over a horizon,
in total, per week and per category, with intervals.

The point forecast sums the predictor's per-customer expectations, so it agrees with every
per-customer number Retain shows. The interval is calibrated on the store's own past
(forecast_interval.py); the split by category shares each customer's expectation by their own
purchases (forecast_categories.py). This module is the forecast's public face: it re-exports
what callers of both need (`__all__`).

Below the shortest horizon the network was trained on, each customer's figures are the
network's at that horizon shaped by BG/NBD (horizons.py).

A forecast can be limited to some customers (a segment's members): the sums, the categories
and the replay of past windows then count only them, so a small group gets its own, wider band.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from predictors.features import WEEK, customer_features
from predictors.forecast_categories import (
    NO_CATEGORIES,
    NO_LINES,
    NO_MEMBER_CATEGORIES,
    category_mix,
    category_split,
)
from predictors.forecast_interval import (
    DEFAULT_SPREAD,
    LEVEL,
    Calibration,
    Members,
    band,
    past_calibration,
    repeat_summary,
)
from predictors.history import History
from predictors.horizons import cumulative_demand
from predictors.predictor import Predictor
from predictors.scoring import weeks as days_in_weeks
from predictors.windows import shortest_window_weeks

__all__ = [
    "DEFAULT_SPREAD",
    "LEVEL",
    "NO_CATEGORIES",
    "NO_LINES",
    "NO_MEMBER_CATEGORIES",
    "Calibration",
    "Forecast",
    "Members",
    "category_mix",
    "forecast_demand",
    "past_calibration",
    "repeat_summary",
    "trained_from",
    "weekly_actuals",
]


@dataclass(frozen=True)
class Forecast:
    cutoff: pd.Timestamp  # the last day of the history it starts after
    horizon_weeks: float
    orders: float
    revenue: float
    orders_interval: tuple[float, float]  # NaN bounds when there is no interval (calibration)
    revenue_interval: tuple[float, float]
    weekly: pd.DataFrame  # week (1, 2, ...), start, days (7; the last may be shorter), orders,
    # revenue (expected, per week)
    by_category: pd.DataFrame | None  # category, orders, revenue; NO_LINES last (category_mix)
    calibration: Calibration
    customers: int  # how many customers it sums over (those known at the cutoff)
    category_note: str | None = None  # why by_category is None (NO_CATEGORIES...); else None

    @property
    def spread(self) -> float:
        """Sigma of log(actual / forecast) on past windows (the calibration's)."""
        return self.calibration.spread


def forecast_demand(
    predictor: Predictor,
    history: History,
    cutoff: pd.Timestamp,
    horizon_weeks: float,
    spread: Calibration | float | None = None,
    customers: "pd.Index[str] | None" = None,
    trained_from_weeks: float | None = None,
) -> Forecast:
    """Forecast the horizon after the cutoff for customers known at the cutoff. `spread`:
    `past_calibration` of these arguments, when the caller kept it (it depends on the history,
    not on the model, and is most of the time a forecast takes), or a spread of the caller's
    choosing. `customers`: only these
    (a segment's members); None: everyone. `trained_from_weeks`: the shortest horizon the
    predictor's network was trained on (`trained_from`); shorter spans take BG/NBD's shape.
    None: the predictor is trusted at every horizon (the classic models alone, or a fake)."""
    features = customer_features(history, cutoff)
    if customers is not None:
        # Features of the whole history, then the rows: a customer's expectation is the same
        # number whether or not the forecast is limited to their segment.
        features = features[features.index.isin(customers)]
    weeks = np.arange(1, int(np.ceil(horizon_weeks)) + 1, dtype=float)
    weeks[-1] = horizon_weeks
    cumulative = cumulative_demand(predictor, features, weeks, trained_from_weeks)
    orders_cum = np.array([c["expected_purchases"].sum() for c in cumulative])
    revenue_cum = np.array([c["expected_spend"].sum() for c in cumulative])
    total = cumulative[-1]
    if spread is None:
        calibration = past_calibration(history, cutoff, horizon_weeks, customers)
    elif isinstance(spread, Calibration):
        calibration = spread
    else:
        calibration = Calibration(spread, windows=None)
    orders, revenue = float(orders_cum[-1]), float(revenue_cum[-1])
    low, high = band(calibration, orders)  # NaN without a calibrated spread
    mix = category_mix(history, cutoff)
    by_category = None if mix is None else category_split(mix, total, customers)
    note = NO_CATEGORIES if mix is None else NO_MEMBER_CATEGORIES if by_category is None else None
    ends = np.rint(weeks * 7).astype(np.int64)  # the day each week ends on, from the cutoff
    starts = np.concatenate([[0], ends[:-1]])
    weekly = pd.DataFrame(
        {
            "week": np.arange(1, len(weeks) + 1),
            "start": cutoff + pd.to_timedelta(starts + 1, unit="D"),
            "days": ends - starts,
            "orders": np.diff(orders_cum, prepend=0.0),
            "revenue": np.diff(revenue_cum, prepend=0.0),
        }
    )
    return Forecast(
        cutoff=cutoff,
        horizon_weeks=horizon_weeks,
        orders=orders,
        revenue=revenue,
        orders_interval=(orders * low, orders * high),
        revenue_interval=(revenue * low, revenue * high),
        weekly=weekly,
        by_category=by_category,
        calibration=calibration,
        customers=len(features),
        category_note=note,
    )


def trained_from(document: dict[str, Any], history: History) -> float | None:
    """The shortest horizon a saved predictor's network was trained on, from its predictor.json
    (`trained_from_weeks`, written since 2026-11-29). Older models: `retain train` trains up
    to `cutoff` for the churn horizon on windows.py's windows of this history (the same first
    day: a store only grows). None for the classic models alone, which hold at every horizon."""
    if not document.get("eligible", True):
        return None
    if "trained_from_weeks" in document:
        saved = document["trained_from_weeks"]
        return None if saved is None else float(saved)
    churn_weeks = days_in_weeks(int(document["horizons"]["churn_days"]))
    return shortest_window_weeks(history.first_day, pd.Timestamp(document["cutoff"]), churn_weeks)


def weekly_actuals(
    history: History, customers: pd.Index, cutoff: pd.Timestamp, horizon_weeks: float
) -> npt.NDArray[np.float64]:
    """Purchase days per week after the cutoff, for the given customers (for evaluation)."""
    days = history.days
    window = days[(days["day"] > cutoff) & days["customer_id"].isin(customers)]
    week = np.ceil(((window["day"] - cutoff) / WEEK).to_numpy())
    n = int(np.ceil(horizon_weeks))
    return np.bincount(week[(week >= 1) & (week <= n)].astype(int) - 1, minlength=n).astype(float)
