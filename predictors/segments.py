"""Customer segments: the RFM groups retention teams already use, and data-driven clusters.

RFM scores are 1-5 quintiles by percentile rank (ties share a score): R from days since the
last purchase (recent = 5), F from purchase days, M from total spend. The rules that turn scores
into named segments live in RULES, in one place, and are checked in order: the first that
matches names the customer. Every (R, F) pair is covered, so every customer gets a segment.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

NEW_CUSTOMER_DAYS = 30  # first purchase this recent: "new", whatever the scores say


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    applies: Callable[[pd.DataFrame], "pd.Series[bool]"]


RULES: tuple[Rule, ...] = (
    Rule("new", f"first purchase in the last {NEW_CUSTOMER_DAYS} days",
         lambda s: s["tenure_days"] <= NEW_CUSTOMER_DAYS),
    Rule("champions", "bought recently and often (R 4-5, F 4-5)",
         lambda s: (s["r"] >= 4) & (s["f"] >= 4)),
    Rule("loyal", "buy regularly (R 3-5, F 3-5)", lambda s: (s["r"] >= 3) & (s["f"] >= 3)),
    Rule("promising", "recent, few purchases so far (R 4-5, F 1-2)",
         lambda s: (s["r"] >= 4) & (s["f"] <= 2)),
    Rule("can't lose", "used to buy often and big, gone quiet (R 1-2, F 4-5, M 4-5)",
         lambda s: (s["r"] <= 2) & (s["f"] >= 4) & (s["m"] >= 4)),
    Rule("at risk", "used to buy often, gone quiet (R 1-2, F 3-5)",
         lambda s: (s["r"] <= 2) & (s["f"] >= 3)),
    Rule("needs attention", "middling recency, few purchases (R 3, F 1-2)",
         lambda s: (s["r"] == 3) & (s["f"] <= 2)),
    Rule("hibernating", "long quiet, few purchases (R 2, F 1-2)",
         lambda s: (s["r"] == 2) & (s["f"] <= 2)),
    Rule("lost", "longest quiet, few purchases (R 1, F 1-2)",
         lambda s: (s["r"] == 1) & (s["f"] <= 2)),
)  # fmt: skip
SEGMENT_NAMES = tuple(rule.name for rule in RULES)


def quintile_score(values: "pd.Series[float]", higher_is_better: bool = True) -> "pd.Series[int]":
    """1-5 by percentile rank; equal values share the score of the lowest rank among them.

    The lowest, not the average: where most customers bought once (common in shops), an
    average rank would lift them all to F 3 and into "loyal" and "at risk"."""
    pct = values.rank(pct=True, method="min", ascending=higher_is_better)
    return (pct * 5).apply(np.ceil).clip(1, 5).astype(int)


def rfm_scores(features: pd.DataFrame) -> pd.DataFrame:
    """R, F, M scores and tenure from customer features (predictors.features)."""
    return pd.DataFrame(
        {
            "r": quintile_score(features["weeks_since_last"], higher_is_better=False),
            "f": quintile_score(features["frequency"]),
            "m": quintile_score(features["spend_total"]),
            "tenure_days": features["T"] * 7,
        },
        index=features.index,
    )


def assign_segments(scores: pd.DataFrame) -> "pd.Series[str]":
    """The first rule that matches each customer (see RULES)."""
    segment = pd.Series(pd.NA, index=scores.index, dtype="string")
    for rule in RULES:
        free = segment.isna() & rule.applies(scores)
        segment[free] = rule.name
    if bool(segment.isna().any()):  # cannot happen with the rules above; a guard for edits
        raise AssertionError("RULES leave some customers without a segment")
    return segment


def squared_distances(
    points: npt.NDArray[np.float64], centres: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """(N, k) squared distances as |p|^2 - 2 p.c + |c|^2: one matrix product, where the
    difference of every point and centre is an (N, k, d) array (twice the time in the events
    worker, which clusters the customers again for every store version)."""
    distances: npt.NDArray[np.float64] = (
        (points**2).sum(1)[:, None] - 2 * points @ centres.T + (centres**2).sum(1)[None, :]
    )
    return distances


def kmeans(
    points: npt.NDArray[np.float64], k: int, seed: int = 0, iterations: int = 50
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Lloyd's k-means with k-means++ seeding; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    n = len(points)
    k = min(k, n)
    centres = [points[rng.integers(n)]]
    for _ in range(1, k):
        # Exact differences here: these distances are sampling weights, and the matrix form of
        # squared_distances can round a point's distance to its own centre below zero.
        distance = np.min([((points - c) ** 2).sum(1) for c in centres], axis=0)
        total = distance.sum()
        pick = rng.choice(n, p=distance / total) if total > 0 else rng.integers(n)
        centres.append(points[pick])
    centre = np.array(centres)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        new_labels = squared_distances(points, centre).argmin(1)
        if np.array_equal(new_labels, labels) and _ > 0:
            break
        labels = new_labels
        for j in range(k):
            members = points[labels == j]
            if len(members):
                centre[j] = members.mean(0)
    return labels, centre


CLUSTER_FEATURES = ("frequency", "weeks_since_last", "spend_mean", "spend_total", "T")


def behaviour_clusters(features: pd.DataFrame, k: int = 6, seed: int = 0) -> "pd.Series[str]":
    """Data-driven clusters on standardised log behaviour; named by what sets them apart."""
    raw = np.log1p(features[list(CLUSTER_FEATURES)].clip(lower=0).to_numpy(np.float64))
    scaled = (raw - raw.mean(0)) / np.where(raw.std(0) > 0, raw.std(0), 1.0)
    # k-means on a sample keeps this fast on a million customers; all are then assigned.
    rng = np.random.default_rng(seed)
    sample = scaled[rng.choice(len(scaled), min(len(scaled), 20_000), replace=False)]
    _, centres = kmeans(sample, k, seed)
    labels = squared_distances(scaled, centres).argmin(1)
    names = _unique([_cluster_name(c) for c in centres])
    return pd.Series([names[j] for j in labels], index=features.index, dtype="string")


def _cluster_name(centre: npt.NDArray[np.float64]) -> str:
    """'cluster: high frequency, recent' from the features furthest from average (|z| > 0.5)."""
    order = [i for i in np.argsort(-np.abs(centre)) if abs(centre[i]) > 0.5][:2]
    if not order:
        return "cluster: average"
    words = {i: _WORDS[CLUSTER_FEATURES[i]][int(centre[i] > 0)] for i in sorted(order)}
    return "cluster: " + ", ".join(words.values())


_WORDS = {  # (below average, above average)
    "frequency": ("one-time", "frequent"),
    "weeks_since_last": ("recent", "long quiet"),
    "spend_mean": ("small baskets", "big baskets"),
    "spend_total": ("low spend", "high spend"),
    "T": ("newer", "long-standing"),
}


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
