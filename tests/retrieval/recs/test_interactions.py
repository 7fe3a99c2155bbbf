"""Implicit feedback from a store: purchases, weaker signals, dislikes, recency."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commerce.errors import InvalidInput
from retrieval.recs.interactions import SignalWeights, from_frame
from retrieval.recs.reading import from_store
from tests.retrieval.recs.factories import shop_tables, write_shop


def test_every_customer_is_a_user_and_signals_carry_their_weights(
    retain_home: Path, tmp_path: Path
) -> None:
    tables = shop_tables(customers=3, orders=2)
    tables["events"] = pd.DataFrame(
        {
            "customer_id": ["newcomer"],
            "ts": ["2024-02-01"],
            "type": ["view"],
            "product_id": ["tea-t1"],
        }
    )
    store = write_shop(retain_home, tmp_path / "src", tables).store()
    interactions = from_store(store, SignalWeights(review=0.5, events={"view": 0.2}))
    people = {f"k0{i}" for i in range(3)} | {f"t0{i}" for i in range(3)}
    assert set(interactions.users) == people | {"newcomer", "stranger"}
    frame = interactions.frame
    assert frame["purchase"].sum() == len(tables["order_items"])
    viewed = frame[frame["user"] == list(interactions.users).index("newcomer")]
    assert viewed["weight"].tolist() == [pytest.approx(0.2)] and not viewed["purchase"].any()
    # One- and two-star reviews are no signal of taste, but dislikes.
    users, items = list(interactions.users), list(interactions.items)
    assert interactions.disliked.values.tolist() == [
        [users.index("k00"), items.index("coffee-c1")],
        [users.index("stranger"), items.index("grinder")],
    ]
    assert not (frame["user"] == users.index("stranger")).any()  # so no history at all
    reviews = frame[~frame["purchase"] & (frame["weight"] == 0.5)]
    assert len(reviews) == 1  # t00's five-star review of the old kettle
    assert set(interactions.items) >= {"coffee-new", "kettle-old"}  # listed, never bought


def test_matrix_halves_weights_every_half_life() -> None:
    frame = pd.DataFrame(
        {"user": ["a", "a", "b"], "item": ["x", "y", "x"], "ts": [0.0, 10.0, 10.0]}
    )
    interactions = from_frame(frame)
    plain = interactions.matrix().toarray()
    decayed = interactions.matrix(as_of=10.0, half_life_days=10.0).toarray()
    assert plain.tolist() == [[1.0, 1.0], [1.0, 0.0]]
    assert decayed.tolist() == [[0.5, 1.0], [1.0, 0.0]]
    assert interactions.popularity().tolist() == [2.0, 1.0]


def test_frames_without_the_columns_are_refused() -> None:
    interactions = from_frame(pd.DataFrame({"user": [1], "item": [2], "ts": [0.0]}))
    with pytest.raises(InvalidInput, match="lack column"):
        type(interactions)(interactions.users, interactions.items, pd.DataFrame({"user": [0]}))
    assert interactions.frame["ts"].dtype == np.float64
