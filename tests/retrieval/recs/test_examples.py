"""Cuts, histories and targets: what the model reads and predicts at each order."""

import numpy as np
import pandas as pd
import pytest

from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import from_frame


def log_of_one_customer() -> tuple[EventLog, list[str]]:
    """Baskets on days 0 (a, b), 10 (a), 30 (a, c), 31 (d); a view of e on day 5."""
    frame = pd.DataFrame(
        {
            "user": ["u"] * 7 + ["v"],
            "item": ["a", "b", "a", "a", "c", "d", "e", "a"],
            "ts": [0.0, 0.0, 10.0, 30.0, 30.0, 31.0, 5.0, 0.0],
            "basket": [1, 1, 2, 3, 3, 4, -1, 9],
        }
    )
    interactions = from_frame(frame, basket="basket")
    view = interactions.frame["basket"] == -1
    interactions.frame.loc[view, ["purchase", "weight"]] = [False, 0.1]
    return EventLog.of(interactions), list(interactions.items)


def test_cuts_start_at_the_second_basket_of_each_customer() -> None:
    log, _ = log_of_one_customer()
    assert log.baskets.tolist() == [4, 1]
    assert log.baskets_before[log.cuts].tolist() == [1, 2, 3]  # v has one basket: no cut
    assert log.ts[log.cuts].tolist() == [10.0, 30.0, 31.0]


def test_history_features_at_a_cut() -> None:
    log, items = log_of_one_customer()
    cut = log.cuts[1:2]  # the basket of day 30: history is days 0, 5 and 10
    history = log.training_histories(cut, history=10)
    seen = {items[i]: history.features[0, s] for s, i in enumerate(history.items[0]) if i < 5}
    assert set(seen) == {"a", "b", "e"}
    assert list(history.items[0, :3]) == [items.index("a"), items.index("e"), items.index("b")]
    a, e = seen["a"], seen["e"]
    counted = np.expm1(a[[1, 3, 4]])  # purchases, days since, orders since
    assert counted == pytest.approx([2, 20, 1], abs=1e-4)  # twice; 20 days and 1 order ago
    assert a[2] == 1.0  # in both baskets so far
    assert np.expm1(e[0]) == pytest.approx(0.1) and e[1] == 0 and e[4] == -1  # viewed only
    assert history.now.tolist() == [30.0]
    assert log.training_histories(cut, history=1).items.shape == (1, 1)  # the newest only


def test_targets_span_the_window_and_stop_before_held_baskets() -> None:
    log, items = log_of_one_customer()
    names = np.array([*items, "-"])
    one = log.targets(log.cuts[1:2], window=1, limit=10)
    two = log.targets(log.cuts[1:2], window=2, limit=10)
    stopped = log.targets(log.cuts[1:2], window=2, limit=10, stop=np.array([3]))
    assert list(names[one[0]]) == ["a", "c"]
    assert list(names[two[0]]) == ["a", "c", "d"]
    assert list(names[stopped[0]]) == ["a", "c"]  # d is in the held-out basket 3
