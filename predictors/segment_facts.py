"""The facts of each segment: size, share of revenue, predicted value and risk, top categories.

Every number here is computed from the store and the scores; the drafting layer only words them.
"""

from typing import Any

import pandas as pd

from commerce.errors import NotFound
from predictors.features import customer_features
from predictors.history import History
from predictors.segments import (
    RULES,
    SEGMENT_NAMES,
    assign_segments,
    behaviour_clusters,
    rfm_scores,
)


def customer_segments(history: History, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Per customer: RFM scores, the named RFM segment and the behaviour cluster."""
    features = customer_features(history, cutoff)
    scores = rfm_scores(features)
    return scores.assign(
        segment=assign_segments(scores),
        cluster=behaviour_clusters(features),
        spend_total=features["spend_total"],
    )


def rfm_members(history: History, cutoff: pd.Timestamp, name: str) -> "pd.Index[str]":
    """The customers in the RFM segment `name` as the store stood at `cutoff` (its features
    then, scored against everyone then): the segment a past window's forecast would have used."""
    segment = assign_segments(rfm_scores(customer_features(history, cutoff)))
    return segment.index[segment == name]


def segment_table(
    segments: pd.DataFrame,
    scores: pd.DataFrame | None,
    history: History,
    by: str = "segment",
    top: int = 3,
) -> list[dict[str, Any]]:
    """One dict of facts per segment (or cluster), largest first."""
    frame = segments.copy()
    if scores is not None:
        indexed = scores.set_index("customer_id")
        frame["clv"] = indexed["clv"].reindex(frame.index)
        frame["churn_risk"] = indexed["churn_risk"].reindex(frame.index)
        frame["value_at_risk"] = frame["churn_risk"] * frame["clv"]
    revenue = float(frame["spend_total"].sum()) or 1.0
    categories = _top_categories(history, frame[by], top)
    descriptions = {rule.name: rule.description for rule in RULES}
    rows = []
    for name, group in frame.groupby(by, observed=True):
        row: dict[str, Any] = {
            "name": str(name),
            "kind": "rfm" if by == "segment" else "cluster",
            "description": descriptions.get(str(name), "k-means cluster of behaviour"),
            "customers": len(group),
            "share_of_customers": round(len(group) / len(frame), 4),
            "share_of_revenue": round(float(group["spend_total"].sum()) / revenue, 4),
            "top_categories": categories.get(str(name), []),
        }
        if scores is not None:
            row |= {
                "avg_clv": round(float(group["clv"].mean()), 2),
                "avg_churn_risk": round(float(group["churn_risk"].mean()), 4),
                "value_at_risk": round(float(group["value_at_risk"].sum()), 2),
            }
        rows.append(row)
    return sorted(rows, key=lambda r: -int(r["customers"]))


def _top_categories(history: History, labels: "pd.Series[str]", top: int) -> dict[str, list[str]]:
    if history.categories is None or history.categories.empty:
        return {}
    lines = history.categories.assign(group=history.categories["customer_id"].map(labels))
    totals = lines.groupby(["group", "category"], observed=True)["quantity"].sum()
    out: dict[str, list[str]] = {}
    for group, per in totals.groupby(level="group"):
        best = per.droplevel("group").sort_values(ascending=False).head(top)
        out[str(group)] = [str(c) for c in best.index]
    return out


def empty_segment(name: str) -> str:
    """What is said of a segment RULES define that no customer is in now."""
    return f"'{name}' has no customers now"


def empty_segment_row(name: str) -> dict[str, Any] | None:
    """`segment_table`'s row of the RULES segment called `name` (any case) when no customer is
    in it now (the table has rows only for groups with members); None for any other name."""
    rule = next((r for r in RULES if r.name.lower() == name.strip().lower()), None)
    if rule is None:
        return None
    return {
        "name": rule.name,
        "kind": "rfm",
        "description": rule.description,
        "customers": 0,
        "share_of_customers": 0.0,
        "share_of_revenue": 0.0,
        "top_categories": [],
    }


def segment_members(history: History, cutoff: pd.Timestamp, name: str) -> "pd.Index[str]":
    """Customer ids of a segment or cluster (case-insensitive name; a segment of RULES that no
    customer is in has none); NotFound lists the names."""
    segments = customer_segments(history, cutoff)
    names = set(SEGMENT_NAMES) | set(segments["cluster"])
    match = next((n for n in names if n.lower() == name.strip().lower()), None)
    if match is None:
        raise NotFound(f"no segment '{name}'; known: {', '.join(sorted(names))}")
    chosen = (segments["segment"] == match) | (segments["cluster"] == match)
    members: pd.Index[str] = segments.index[chosen.to_numpy()]
    return members
