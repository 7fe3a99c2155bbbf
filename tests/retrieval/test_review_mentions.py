"""ReviewFilter.mentions on the index metadata: every word, any case, whole words or their
plurals only ("earl" is not in "pearl", "grey" not in "greyhound"), with the other conditions."""

import pandas as pd

from retrieval.filters import ReviewFilter, matching_rows

TEXTS = [
    "Earl Grey at its best",  # 0: both words
    "a pearl of a greyhound",  # 1: neither as a word
    "earl greys, two boxes",  # 2: a plural
    "grey earl, backwards",  # 3: both, in another order
    "just earl",  # 4: one word only
]


def _metadata() -> pd.DataFrame:
    return pd.DataFrame(
        {"customer_id": ["a", "a", "b", "b", "c"], "product_id": ["p"] * 5,
         "sentiment_label": ["positive"] * 5, "rating": [5.0] * 5,
         "ts": pd.to_datetime(["2024-01-01"] * 5), "text": TEXTS}
    )  # fmt: skip


def test_every_word_is_mentioned_as_a_word_or_plural() -> None:
    rows = matching_rows(_metadata(), ReviewFilter(mentions=("earl", "grey")))
    assert rows.tolist() == [0, 2, 3]


def test_mentions_combine_with_the_other_conditions() -> None:
    rows = matching_rows(_metadata(), ReviewFilter(customer_ids={"b", "c"}, mentions=("earl",)))
    assert rows.tolist() == [2, 3, 4]
    assert matching_rows(_metadata(), ReviewFilter(mentions=("box",))).tolist() == [2]
