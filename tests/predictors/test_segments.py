"""Each RFM rule on hand-made customers, ties in quintiles, and deterministic clusters."""

import itertools

import numpy as np
import pandas as pd
import pytest

from predictors.segments import (
    assign_segments,
    behaviour_clusters,
    kmeans,
    quintile_score,
)


def _one(r: int, f: int, m: int = 3, tenure_days: float = 400.0) -> str:
    scores = pd.DataFrame({"r": [r], "f": [f], "m": [m], "tenure_days": [tenure_days]})
    return str(assign_segments(scores).iloc[0])


@pytest.mark.parametrize(
    ("r", "f", "m", "tenure", "expected"),
    [
        (5, 1, 1, 10.0, "new"),
        (1, 5, 5, 20.0, "new"),  # a first purchase this recent outranks every score
        (5, 5, 3, 400.0, "champions"),
        (4, 4, 1, 400.0, "champions"),
        (3, 4, 3, 400.0, "loyal"),
        (5, 3, 3, 400.0, "loyal"),
        (4, 2, 3, 400.0, "promising"),
        (2, 5, 4, 400.0, "can't lose"),
        (1, 4, 5, 400.0, "can't lose"),
        (2, 4, 3, 400.0, "at risk"),  # not big spenders: at risk, not can't lose
        (1, 3, 5, 400.0, "at risk"),
        (3, 2, 3, 400.0, "needs attention"),
        (2, 1, 3, 400.0, "hibernating"),
        (1, 2, 3, 400.0, "lost"),
    ],
)
def test_rules(r: int, f: int, m: int, tenure: float, expected: str) -> None:
    assert _one(r, f, m, tenure) == expected


def test_every_score_combination_gets_a_segment() -> None:
    combos = list(itertools.product(range(1, 6), repeat=3))
    scores = pd.DataFrame(combos, columns=["r", "f", "m"]).assign(tenure_days=400.0)
    assert assign_segments(scores).notna().all()


def test_quintiles_give_ties_the_same_score() -> None:
    values = pd.Series([0, 0, 0, 0, 0, 0, 1, 2, 3, 10], dtype=float)
    scores = quintile_score(values)
    assert scores.iloc[:6].nunique() == 1
    assert scores.iloc[-1] == 5
    assert quintile_score(values, higher_is_better=False).iloc[-1] == 1


def test_one_time_buyers_score_f1_even_when_they_are_most_customers() -> None:
    frequency = pd.Series([0.0] * 85 + [1.0] * 10 + [4.0] * 5)
    scores = quintile_score(frequency)
    assert set(scores.iloc[:85]) == {1}
    assert scores.iloc[-1] == 5 and scores.iloc[85] > 1


def test_kmeans_is_deterministic_and_finds_separated_groups() -> None:
    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(c, 0.1, (50, 2)) for c in (0.0, 5.0, 10.0)])
    labels, _ = kmeans(points, 3, seed=1)
    again, _ = kmeans(points, 3, seed=1)
    assert np.array_equal(labels, again)
    assert all(len(set(labels[i * 50 : (i + 1) * 50])) == 1 for i in range(3))


def test_clusters_are_named_by_behaviour() -> None:
    rng = np.random.default_rng(2)
    features = pd.DataFrame(
        {
            "frequency": rng.poisson(2, 300).astype(float),
            "weeks_since_last": rng.uniform(0, 50, 300),
            "spend_mean": rng.lognormal(3, 0.5, 300),
            "spend_total": rng.lognormal(4, 0.8, 300),
            "T": rng.uniform(10, 60, 300),
        }
    )
    names = behaviour_clusters(features, k=4)
    assert names.str.startswith("cluster: ").all()
    assert names.nunique() == 4
