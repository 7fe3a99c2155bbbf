"""Customer features at a cutoff date, and the labels of the window after it.

One function builds the features for training rows (a past cutoff, labels from the window
after it) and for scoring rows (today, no labels), so training and serving cannot drift apart.
All work is vectorised over customer-days; a customer with one purchase day gets defined values.
Times are in weeks, the unit of the BTYD literature.
"""

import numpy as np
import pandas as pd

from predictors.history import History

WEEK = pd.Timedelta(days=7)


def customer_features(history: History, cutoff: pd.Timestamp) -> pd.DataFrame:
    """One row per customer whose first purchase is on or before the cutoff."""
    past = history.until(cutoff)
    days = past.days.sort_values(["customer_id", "day"])
    by = days.groupby("customer_id", sort=True, observed=True)
    first, last = by["day"].min(), by["day"].max()
    n_days = by.size()
    frame = pd.DataFrame(index=first.index)
    frame["frequency"] = (n_days - 1).astype("float64")
    frame["recency"] = in_weeks(last - first)
    frame["T"] = in_weeks(cutoff - first)
    frame["weeks_since_last"] = in_weeks(cutoff - last)
    frame["spend_total"] = by["spend"].sum()
    frame["spend_mean"] = by["spend"].mean()
    frame["spend_max"] = by["spend"].max()
    frame["spend_first"] = by["spend"].first()
    frame["spend_last"] = by["spend"].last()
    frame["spend_trend"] = _ratio(frame["spend_last"], frame["spend_mean"])
    frame["units_mean"] = by["units"].mean().fillna(0.0)
    _add_gaps(frame, days)
    for weeks in (4, 13, 26):
        recent = days["day"] > cutoff - weeks * WEEK
        frame[f"days_last_{weeks}w"] = recent.groupby(days["customer_id"]).sum().astype("float64")
    _add_categories(frame, past)
    _add_reviews(frame, past)
    _add_events(frame, past, cutoff)
    return frame.fillna(0.0)


def window_labels(history: History, cutoff: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Purchase days and spend in (cutoff, end], per customer (zeros for the quiet ones)."""
    days = history.days
    window = days[(days["day"] > cutoff) & (days["day"] <= end)]
    by = window.groupby("customer_id", observed=True)
    return pd.DataFrame({"purchases": by.size().astype("float64"), "spend": by["spend"].sum()})


def attach_labels(
    features: pd.DataFrame, history: History, cutoff: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """The features with `purchases`, `spend` and `purchased` of the window after the cutoff."""
    labels = window_labels(history, cutoff, end).reindex(features.index).fillna(0.0)
    return features.join(labels).assign(purchased=lambda f: (f["purchases"] > 0).astype(float))


def in_weeks(delta: "pd.Series[pd.Timedelta]") -> "pd.Series[float]":
    """Durations as fractional weeks, the time unit of every feature."""
    return delta.dt.total_seconds() / WEEK.total_seconds()


def _ratio(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a / b.replace(0.0, np.nan)).fillna(1.0)


def _add_gaps(frame: pd.DataFrame, days: pd.DataFrame) -> None:
    gaps = in_weeks(days.groupby("customer_id", observed=True)["day"].diff())
    gaps_by = gaps.groupby(days["customer_id"])
    mean = gaps_by.mean()
    frame["gap_mean"] = mean.reindex(frame.index)
    frame["gap_std"] = gaps_by.std().reindex(frame.index).fillna(0.0)
    frame["gap_last"] = gaps_by.last().reindex(frame.index)
    # How overdue the customer is against their own rhythm; with no repeat yet, against T.
    rhythm = frame["gap_mean"].fillna(frame["T"]).clip(lower=1 / 7)
    frame["overdue"] = frame["weeks_since_last"] / rhythm
    frame["gap_trend"] = _ratio(frame["gap_last"], frame["gap_mean"])
    frame["gap_mean"] = frame["gap_mean"].fillna(0.0)
    frame["gap_last"] = frame["gap_last"].fillna(0.0)


def _add_categories(frame: pd.DataFrame, past: History) -> None:
    if past.categories is None or past.categories.empty:
        frame["categories"] = 0.0
        frame["top_category_share"] = 0.0
        return
    per = past.categories.groupby(["customer_id", "category"], observed=True)["quantity"].sum()
    totals = per.groupby(level="customer_id").sum()
    frame["categories"] = per.groupby(level="customer_id").size().reindex(frame.index)
    share = per.groupby(level="customer_id").max() / totals
    frame["top_category_share"] = share.reindex(frame.index)


def _add_reviews(frame: pd.DataFrame, past: History) -> None:
    reviews = past.reviews
    if reviews is None or reviews.empty:
        frame["reviews"] = 0.0
        frame["rating_mean"] = 0.0
        frame["sentiment_mean"] = 0.0
        return
    by = reviews.groupby("customer_id", observed=True)
    frame["reviews"] = by.size().reindex(frame.index).astype("float64")
    # 0 stands for "no rating"; real ratings are 1..5, so the model can tell them apart.
    ratings = by["rating"].mean() if "rating" in reviews.columns else None
    frame["rating_mean"] = ratings.reindex(frame.index) if ratings is not None else 0.0
    sentiment = by["sentiment"].mean() if "sentiment" in reviews.columns else None
    frame["sentiment_mean"] = sentiment.reindex(frame.index) if sentiment is not None else 0.0


def _add_events(frame: pd.DataFrame, past: History, cutoff: pd.Timestamp) -> None:
    events = past.events
    if events is None or events.empty:
        frame["events_4w"] = 0.0
        frame["carts_4w"] = 0.0
        return
    recent = events[events["ts"] > cutoff - 4 * WEEK]
    frame["events_4w"] = recent.groupby("customer_id").size().reindex(frame.index)
    carts = recent[recent["type"] == "cart"]
    frame["carts_4w"] = carts.groupby("customer_id").size().reindex(frame.index)
