"""Demand from existing customers: expected purchase days (orders) and revenue over a horizon,
in total, per week and per category, with intervals.

Per category, revenue is split by each customer's money in it and orders by the share of their
purchase days that hold it (an order can hold several categories): see `category_mix`.

The point forecast sums the predictor's per-customer expectations, so it agrees with every
per-customer number Retain shows. The interval is calibrated on the store's own past: the same
recipe is replayed on earlier windows of the history (forecast at a past cutoff, compare with
what happened), and the spread of log(actual / forecast) sets the band, never narrower than
the Poisson noise of the total (`Calibration`). Where no past window fits, a stated default
spread stands in; where the customers bought nothing in a past window the model expected
orders in, no spread can be calibrated and the forecast has no interval (NaN bounds, a reason).

Below the shortest horizon the network was trained on, each customer's figures are the
network's at that horizon shaped by BG/NBD (horizons.py).

A forecast can be limited to some customers (a segment's members): the sums, the categories
and the replay of past windows then count only them, so a small group gets its own, wider band.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import norm

from predictors.btyd import BGNBD
from predictors.features import WEEK, customer_features, in_weeks, window_labels
from predictors.history import History
from predictors.horizons import cumulative_demand
from predictors.predictor import Predictor
from predictors.scoring import weeks as days_in_weeks
from predictors.windows import shortest_window_weeks

LEVEL = 0.9  # the interval's coverage
# The customers of a group at a past cutoff (a segment as it stood then): see
# `past_calibration`.
Members = Callable[[pd.Timestamp], "pd.Index[str]"]
# The category row of purchases without categorised order lines (orders recorded without items).
NO_LINES = "(no order lines)"
# Why a forecast has no split by category: nothing in the store names one, or (for a segment)
# none of its members bought anything that does.
NO_CATEGORIES = (
    "No product has a category, so there is no split by category (map products.category at ingest)."
)
NO_MEMBER_CATEGORIES = (
    "None of these customers' purchases has a product category, so there is no split by category."
)


DEFAULT_SPREAD = 0.25  # where no past window fits: wide, and said with the forecast
NO_WINDOW = "No past window of this length fits the history"


@dataclass(frozen=True)
class Calibration:
    """Where a forecast's interval comes from: the spread of log(actual / forecast) on past
    windows (`windows` of them), the stated default (no window fits), or nothing (`reason`)."""

    spread: float  # NaN when there is no interval
    windows: int | None  # past windows compared; 0: the default; None: the caller gave the spread
    empty_windows: int = 0  # windows the customers bought nothing in, against orders expected
    reason: str | None = None  # why no interval can be calibrated; None when there is one
    unmeasured: str = NO_WINDOW  # why the default spread stands in (windows == 0)

    @property
    def basis(self) -> str:
        """past windows, default or none."""
        if self.reason is not None:
            return "none"
        return "default" if self.windows == 0 else "past windows"

    @property
    def note(self) -> str | None:
        """The sentence a forecast on anything but replayed past windows carries."""
        if self.reason is not None:
            return f"No 90% interval: {self.reason}."
        if self.windows == 0:
            return (
                f"{self.unmeasured}, so the 90% interval uses a default spread of "
                f"{self.spread:g}, not one measured on this store."
            )
        return None


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
    z = float(norm.ppf(0.5 + LEVEL / 2))
    poisson = 1.0 / np.sqrt(max(orders, 1.0))  # relative noise of a Poisson total
    width = np.sqrt(calibration.spread**2 + poisson**2)  # NaN without a calibrated spread
    band = (float(np.exp(-z * width)), float(np.exp(z * width)))
    mix = category_mix(history, cutoff)
    by_category = None if mix is None else _by_category(mix, total, customers)
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
        orders_interval=(orders * band[0], orders * band[1]),
        revenue_interval=(revenue * band[0], revenue * band[1]),
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


def past_calibration(
    history: History,
    cutoff: pd.Timestamp,
    horizon_weeks: float,
    customers: "Members | pd.Index[str] | None" = None,
) -> Calibration:
    """Sigma of log(actual / forecast) of total purchase days on past windows of this length,
    replayed with BG/NBD (refitting the network per window would be too slow; the network's
    totals can sit further from the truth than the classic models': see docs/model-card.md).

    `customers`: the totals count only these (those of them known at each past cutoff), or,
    given as a function of the past cutoff, those it names then: a segment defined by recent
    buying ("at risk": gone quiet) must be taken as it stood then, since today's members are
    chosen by the very windows replayed (they bought nothing in them, or more than expected).
    BG/NBD is still fitted on everyone, as the forecast's model is: a small segment could not
    pin its four parameters, and its error is then the one its forecast carries.

    A window in which the customers bought nothing against orders expected has an error of
    log 0: it is counted, and no spread (so no interval) can be calibrated. A window with
    nothing expected and nothing bought (no such customers then) says nothing and is left out."""
    errors = []
    fitted, empty, expected_in_empty = 0, 0, 0.0
    first = history.first_day
    for back in (1, 2, 3):
        end = cutoff - (back - 1) * horizon_weeks * WEEK / 2
        start = end - horizon_weeks * WEEK
        if (start - first) / WEEK < 8:
            break
        fitted += 1
        summary = repeat_summary(history, start)
        x, t_x, big_t = (summary[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        # Only BG/NBD: the spread compares purchase days, which spend's model has no part in.
        purchases = BGNBD.fit(x, t_x, big_t)
        each_expected = purchases.expected_purchases(horizon_weeks, x, t_x, big_t)
        each_actual = window_labels(history, start, end)["purchases"].reindex(summary.index)
        if customers is not None:
            chosen = summary.index.isin(customers(start) if callable(customers) else customers)
            each_expected, each_actual = each_expected[chosen], each_actual[chosen]
        expected, actual = float(each_expected.sum()), float(each_actual.sum())
        if expected > 0 and actual > 0:
            errors.append(np.log(actual / expected))
        elif expected > 0:
            empty, expected_in_empty = empty + 1, expected_in_empty + expected
    windows = len(errors) + empty
    if empty:
        which = f"all {windows}" if empty == windows else f"{empty} of the {windows}"
        reason = (
            f"these customers bought nothing in {which} past windows of this length, against "
            f"{expected_in_empty / empty:,.1f} orders expected per window, so no spread can be "
            "measured"
        )
        return Calibration(float("nan"), windows, empty, reason)
    if not errors and fitted:
        # The windows fit, but none of these customers was there to compare (a segment nobody
        # was in then): the default, with the right reason.
        unmeasured = f"None of the {fitted} past windows of this length had these customers"
        return Calibration(DEFAULT_SPREAD, windows=0, unmeasured=unmeasured)
    if not errors:
        return Calibration(DEFAULT_SPREAD, windows=0)
    return Calibration(float(np.sqrt(np.mean(np.square(errors)))), windows)


def repeat_summary(history: History, cutoff: pd.Timestamp) -> pd.DataFrame:
    """frequency, recency and T of each customer at the cutoff, as `customer_features` has them
    (same rows, same order, same values), without the other features BG/NBD does not read."""
    days = history.days.loc[history.days["day"] <= cutoff, ["customer_id", "day"]]
    by = days.groupby("customer_id", sort=True, observed=True)["day"]
    first, last = by.min(), by.max()
    return pd.DataFrame(
        {
            "frequency": (by.size() - 1).astype("float64"),
            "recency": in_weeks(last - first),
            "T": in_weeks(cutoff - first),
        }
    )


def _by_category(
    mix: pd.DataFrame, total: pd.DataFrame, customers: "pd.Index[str] | None"
) -> pd.DataFrame | None:
    """Split each customer's expectation by their own purchases so far (`category_mix`'s
    `mix`); categories by revenue, the NO_LINES row last. `customers`: only theirs, so no
    category appears that none of them bought; None when they bought nothing."""
    if customers is not None:
        mix = mix[mix.index.get_level_values("customer_id").isin(customers)]
    if mix.empty:
        return None
    customer = mix.index.get_level_values("customer_id")
    frame = pd.DataFrame(
        {
            "orders": mix["orders"].to_numpy()
            * total["expected_purchases"].reindex(customer).to_numpy(np.float64),
            "revenue": mix["revenue"].to_numpy()
            * total["expected_spend"].reindex(customer).to_numpy(np.float64),
        },
        index=mix.index.get_level_values("category"),
    )
    out = frame.groupby(level="category", observed=True).sum()
    real = out.drop(index=NO_LINES, errors="ignore").sort_values("revenue", ascending=False)
    if NO_LINES in out.index:
        real = pd.concat([real, out.loc[[NO_LINES]]])
    return real.rename_axis("category").reset_index()


def category_mix(history: History, cutoff: pd.Timestamp) -> pd.DataFrame | None:
    """Each customer's shares per category up to the cutoff, indexed by customer_id, category.

    revenue: by money. Each purchase day's amount is shared among the categories of its order
    lines by their spend (price x quantity; by units on a day whose lines carry no money), and
    a customer's share is their money in the category over all their money (every day counts
    the same for a customer who has spent nothing).
    orders: the share of the customer's purchase days that hold the category, so an order with
    two categories counts in both and the categories' orders add up to more than the total.
    Purchase days with no categorised order lines (orders recorded without items, or whose
    products the catalogue lacks) are the NO_LINES category, so the revenue shares of a
    customer add up to 1.
    None when no order line before the cutoff has a category.
    """
    lines = history.categories
    if lines is None:
        return None
    keys = ["customer_id", "day"]
    past = lines[lines["day"] <= cutoff]
    if past.empty:
        return None
    days = history.days.loc[history.days["day"] <= cutoff, [*keys, "spend"]]
    spent = days.groupby("customer_id", observed=True)["spend"].transform("sum")
    days = days.assign(weight=days["spend"].where(spent > 0, 1.0))
    per_day = past.groupby([*keys, "category"], observed=True)[["spend", "quantity"]].sum()
    per_day = per_day.reset_index()
    priced = per_day.groupby(keys, observed=True)["spend"].transform("sum") > 0
    line_weight = per_day["spend"].where(priced, per_day["quantity"])
    of_day = line_weight / line_weight.groupby(
        [per_day["customer_id"], per_day["day"]], observed=True
    ).transform("sum")
    itemised = per_day.assign(of_day=of_day).merge(days[[*keys, "weight"]], on=keys)
    itemised = itemised.assign(orders=1.0, revenue=itemised["of_day"] * itemised["weight"])
    has_lines = pd.MultiIndex.from_frame(days[keys]).isin(pd.MultiIndex.from_frame(itemised[keys]))
    bare = days[~has_lines].assign(category=NO_LINES, orders=1.0, revenue=days["weight"])
    columns = ["customer_id", "category", "orders", "revenue"]
    both = pd.concat([itemised[columns], bare[columns]], ignore_index=True)
    both["category"] = both["category"].astype(str)
    mix = both.groupby(["customer_id", "category"], observed=True)[["orders", "revenue"]].sum()
    per_customer = days.groupby("customer_id", observed=True).agg(
        orders=("day", "size"), revenue=("weight", "sum")
    )
    customer = mix.index.get_level_values("customer_id")
    for column in ("orders", "revenue"):
        mix[column] = mix[column].to_numpy() / per_customer[column].reindex(customer).to_numpy()
    return mix


def weekly_actuals(
    history: History, customers: pd.Index, cutoff: pd.Timestamp, horizon_weeks: float
) -> npt.NDArray[np.float64]:
    """Purchase days per week after the cutoff, for the given customers (for evaluation)."""
    days = history.days
    window = days[(days["day"] > cutoff) & days["customer_id"].isin(customers)]
    week = np.ceil(((window["day"] - cutoff) / WEEK).to_numpy())
    n = int(np.ceil(horizon_weeks))
    return np.bincount(week[(week >= 1) & (week <= n)].astype(int) - 1, minlength=n).astype(float)
