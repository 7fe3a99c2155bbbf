"""What a lookalike shares reads as words, not column names."""

import pandas as pd

from predictors.features import customer_features
from predictors.history import from_transactions
from retrieval.traits import TRAITS, trait_phrase


def test_shared_traits_read_as_words() -> None:
    assert trait_phrase("T", 77.86, 77.3) == "weeks as a customer 77.9 vs 77.3"
    assert trait_phrase("top_category_share", 0.5, 0.55) == (
        "share of items in their top category 50% vs 55%"
    )
    assert trait_phrase("overdue", 544.0, 540.0) == (
        "time since the last purchase against their usual gap 544x vs 540x"
    )
    assert trait_phrase("spend_total", 1234.5, 1200.0) == "total spend 1,234 vs 1,200"


def test_a_column_without_words_is_shown_by_its_name() -> None:
    assert trait_phrase("loyalty_points", 3.0, 2.5) == "loyalty points 3 vs 2.5"


def test_every_behaviour_feature_the_index_holds_has_words() -> None:
    rows = [("a", "2024-01-01", 10.0), ("a", "2024-02-01", 20.0), ("b", "2024-01-15", 5.0)]
    frame = pd.DataFrame(rows, columns=["customer_id", "ts", "amount"])
    history = from_transactions(frame.assign(ts=pd.to_datetime(frame["ts"])))
    columns = customer_features(history, pd.Timestamp("2024-03-01")).columns
    assert set(columns) - set(TRAITS) == set()
