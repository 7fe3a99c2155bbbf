"""Features at a cutoff and window labels, on customers whose answers are known by hand."""

import pandas as pd
import pytest

from predictors.features import attach_labels, customer_features
from predictors.history import from_transactions

CUTOFF = pd.Timestamp("2024-03-31")


@pytest.fixture
def history():  # type: ignore[no-untyped-def]
    rows = [
        ("a", "2024-01-01", 10.0),
        ("a", "2024-01-08", 20.0),
        ("a", "2024-01-22", 5.0),
        ("a", "2024-01-22", 25.0),  # same day: one transaction of 30
        ("a", "2024-04-10", 40.0),  # after the cutoff: a label, never a feature
        ("b", "2024-03-03", 15.0),  # one purchase
        ("c", "2024-04-02", 99.0),  # first purchase after the cutoff: not a customer yet
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "ts", "amount"])
    return from_transactions(frame.assign(ts=pd.to_datetime(frame["ts"])))


def test_recency_frequency_monetary(history) -> None:  # type: ignore[no-untyped-def]
    features = customer_features(history, CUTOFF)
    assert list(features.index) == ["a", "b"]
    a, b = features.loc["a"], features.loc["b"]
    assert a["frequency"] == 2  # three purchase days
    assert a["recency"] == pytest.approx(3.0)  # 21 days
    assert a["T"] == pytest.approx(90 / 7)
    assert a["weeks_since_last"] == pytest.approx(69 / 7)
    assert a["spend_total"] == 60.0
    assert a["spend_mean"] == 20.0
    assert a["spend_last"] == 30.0
    assert a["gap_mean"] == pytest.approx(1.5)
    assert a["gap_last"] == pytest.approx(2.0)
    assert a["overdue"] == pytest.approx((69 / 7) / 1.5)
    assert b["frequency"] == 0 and b["recency"] == 0
    assert b["gap_mean"] == 0  # defined, not NaN, for a one-time buyer
    assert not features.isna().any().any()


def test_features_never_see_the_future(history) -> None:  # type: ignore[no-untyped-def]
    full = customer_features(history, CUTOFF)
    past_only = customer_features(history.until(CUTOFF), CUTOFF)
    pd.testing.assert_frame_equal(full, past_only)


def test_window_labels(history) -> None:  # type: ignore[no-untyped-def]
    features = customer_features(history, CUTOFF)
    labelled = attach_labels(features, history, CUTOFF, pd.Timestamp("2024-06-30"))
    labels = ["purchases", "spend", "purchased"]
    assert labelled.loc["a", labels].to_numpy().tolist() == [1.0, 40.0, 1.0]
    assert labelled.loc["b", labels].to_numpy().tolist() == [0.0, 0.0, 0.0]
