"""Lookalike customers from behaviour features, and what the neighbours share."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commerce.errors import InvalidInput, NotFound
from retrieval.customers import CustomerIndex


def behaviour(n: int = 60, seed: int = 0) -> pd.DataFrame:
    """Three kinds of customer: frequent big spenders, occasional small ones, lapsed ones."""
    rng = np.random.default_rng(seed)
    kinds = np.arange(n) % 3
    return pd.DataFrame(
        {
            "frequency": np.choose(kinds, [20.0, 3.0, 1.0]) + rng.normal(0, 0.3, n),
            "spend_mean": np.choose(kinds, [150.0, 40.0, 30.0]) + rng.normal(0, 2, n),
            "weeks_since_last": np.choose(kinds, [1.0, 10.0, 60.0]) + rng.normal(0, 0.5, n),
            "constant": 1.0,
        },
        index=pd.Index([f"c{i}" for i in range(n)], name="customer_id"),
    )


def test_neighbours_are_the_same_kind_and_never_itself() -> None:
    index = CustomerIndex.build(behaviour())
    for customer in ("c0", "c1", "c2"):
        found = index.similar(customer, k=5)
        assert len(found) == 5 and customer not in {n.customer_id for n in found}
        assert all(int(n.customer_id[1:]) % 3 == int(customer[1:]) % 3 for n in found)
        assert [n.distance for n in found] == sorted(n.distance for n in found)


def test_explanation_names_close_distinctive_features() -> None:
    index = CustomerIndex.build(behaviour())
    nearest = index.similar("c2", k=1)[0]
    assert nearest.shared[0].feature == "weeks_since_last"  # lapsed: the most unusual trait
    assert abs(nearest.shared[0].customer_value - nearest.shared[0].neighbour_value) < 2
    assert nearest.explanation.startswith("both: weeks since the last purchase 6")
    assert index.explain("c0", "c3")[0].feature in {"frequency", "spend_mean", "weeks_since_last"}


def test_only_traits_within_reach_are_named() -> None:
    apart = pd.DataFrame(
        {"frequency": [0.0, 10.0, 5.0], "spend_mean": [500.0, 10.0, 200.0]},
        index=pd.Index(["a", "b", "c"], name="customer_id"),
    )
    index = CustomerIndex.build(apart)
    assert index.explain("a", "b") == []  # opposite on both: nothing shared to name
    far = next(n for n in index.similar("a", k=2) if n.customer_id == "b")
    assert far.explanation == "no one trait close enough to name"


def test_unknown_customer_and_bad_features_are_named() -> None:
    index = CustomerIndex.build(behaviour())
    with pytest.raises(NotFound, match="customer nobody is not in the customer index"):
        index.similar("nobody")
    with pytest.raises(InvalidInput, match="not numeric: country"):
        CustomerIndex.build(behaviour().assign(country="NL"))
    with pytest.raises(InvalidInput, match="missing or infinite values in: frequency"):
        CustomerIndex.build(behaviour().assign(frequency=np.nan))


def test_save_and_load(tmp_path: Path) -> None:
    index = CustomerIndex.build(behaviour())
    index.save(tmp_path / "customers", "v1")
    loaded = CustomerIndex.load(tmp_path / "customers")
    assert [n.customer_id for n in loaded.similar("c4")] == [
        n.customer_id for n in index.similar("c4")
    ]
