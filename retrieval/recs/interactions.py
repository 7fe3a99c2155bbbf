"""Implicit feedback: who touched which product, when, how strongly, and in which basket.

One row per signal, in an `Interactions` frame:

    user     int32    row of the customer in `users`
    item     int32    column of the product in `items`
    ts       float64  days since an epoch (any origin; only differences matter)
    basket   int64    the order a purchase belongs to; -1 for signals that are not purchases
    weight   float32  how much the signal says about taste (a purchase 1, a review less, ...)
    purchase bool     a purchase (what the model learns to predict), or a weaker signal

Purchases are both what the model reads and what it predicts; reviews and browsing events are
only read, with smaller weights (SignalWeights), so a customer who browsed but never bought still
has a history. A review of 1 or 2 stars says "not this again": it carries no weight, and the
exclusion rules read it back as a dislike. A store's tables become signals in reading.py.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from commerce.errors import InvalidInput

COLUMNS = ("user", "item", "ts", "basket", "weight", "purchase")
EPOCH = pd.Timestamp("1970-01-01")


@dataclass(frozen=True)
class SignalWeights:
    """How much each kind of signal counts, beside a purchase's 1.0."""

    purchase: float = 1.0
    review: float = 0.5
    events: dict[str, float] = field(
        default_factory=lambda: {"cart": 0.4, "wishlist": 0.3, "view": 0.1, "search": 0.05}
    )
    other_event: float = 0.1

    def event(self, kind: str) -> float:
        return self.events.get(kind.lower(), self.other_event)


@dataclass
class Interactions:
    """Signals of `users` on `items`, coded as rows and columns (see the module docstring)."""

    users: np.ndarray  # (U,) customer ids as text
    items: np.ndarray  # (I,) product ids as text
    frame: pd.DataFrame  # COLUMNS, sorted by user, ts, basket
    disliked: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"user": [], "item": []}, dtype="int32")
    )

    def __post_init__(self) -> None:
        missing = [c for c in COLUMNS if c not in self.frame.columns]
        if missing:
            raise InvalidInput(f"interactions lack column(s) {', '.join(missing)}")
        frame = _typed(self.frame)
        # Signals grown by events arrive sorted (retrieval/recs/signals.py): checking is one
        # pass, sorting them again would be most of the cost of serving a new store version.
        if not _sorted(frame):
            frame = frame.sort_values(["user", "ts", "basket"], kind="stable")
        self.frame = frame.reset_index(drop=True)

    @property
    def n_users(self) -> int:
        return len(self.users)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def purchases(self) -> pd.DataFrame:
        return self.frame[self.frame["purchase"]]

    def matrix(
        self,
        as_of: float | None = None,
        half_life_days: float | None = None,
        purchases_only: bool = False,
        binary: bool = False,
    ) -> sparse.csr_matrix:
        """Users x items, weights summed; older signals halved every `half_life_days`."""
        frame = self.purchases if purchases_only else self.frame
        values = frame["weight"].to_numpy(np.float64)
        if half_life_days is not None:
            now = frame["ts"].max() if as_of is None else as_of
            values = values * np.exp2(-(now - frame["ts"].to_numpy()) / half_life_days)
        matrix = sparse.csr_matrix(
            (values, (frame["user"].to_numpy(), frame["item"].to_numpy())),
            shape=(self.n_users, self.n_items),
        )
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        if binary:
            matrix.data[:] = 1.0
        return matrix

    def on_items(self, items: np.ndarray) -> "Interactions":
        """The same signals coded on another product list (a trained model's columns), for
        serving a model with newer signals: those on products not in `items` are dropped."""
        column = pd.Index(np.asarray(items).astype(str)).get_indexer(
            pd.Index(self.items.astype(str))
        )
        frame = self.frame.assign(item=column[self.frame["item"].to_numpy()])
        disliked = self.disliked.assign(item=column[self.disliked["item"].to_numpy(np.int64)])
        return Interactions(
            self.users,
            np.asarray(items, dtype=object),
            frame[frame["item"] >= 0],
            disliked[disliked["item"] >= 0].astype("int32").reset_index(drop=True),
        )

    def popularity(self) -> np.ndarray:
        """Distinct buyers of each item, (I,): what 'popular' means everywhere here."""
        pairs = self.purchases[["user", "item"]].drop_duplicates()
        return np.bincount(pairs["item"].to_numpy(), minlength=self.n_items).astype(np.float64)


def from_frame(
    frame: pd.DataFrame,
    user: str = "user",
    item: str = "item",
    ts: str = "ts",
    basket: str | None = None,
    weight: str | None = None,
) -> Interactions:
    """Interactions from a frame of purchases (ids as any type, ts as days or datetimes).

    Without a basket column every row is its own basket (a rating, a single purchase).
    """
    users, user_codes = np.unique(frame[user].astype(str).to_numpy(), return_inverse=True)
    items, item_codes = np.unique(frame[item].astype(str).to_numpy(), return_inverse=True)
    coded = pd.DataFrame(
        {
            "user": user_codes,
            "item": item_codes,
            "ts": days_since_epoch(frame[ts]),
            "basket": frame[basket].to_numpy() if basket else np.arange(len(frame)),
            "weight": frame[weight].to_numpy() if weight else 1.0,
            "purchase": True,
        }
    )
    return Interactions(users.astype(object), items.astype(object), coded)


def days_since_epoch(values: pd.Series) -> np.ndarray:
    """Datetimes as fractional days since EPOCH; numbers are taken to be days already."""
    if pd.api.types.is_numeric_dtype(values):
        return values.to_numpy(np.float64)
    stamps = pd.to_datetime(values)
    days: np.ndarray = ((stamps - EPOCH) / pd.Timedelta(days=1)).to_numpy(np.float64)
    return days


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {
            "user": "int32",
            "item": "int32",
            "ts": "float64",
            "basket": "int64",
            "weight": "float32",
            "purchase": "bool",
        }
    )[list(COLUMNS)]


def _sorted(frame: pd.DataFrame) -> bool:
    """True when the rows are in (user, ts, basket) order already."""
    user, ts, basket = (frame[c].to_numpy() for c in ("user", "ts", "basket"))
    later_user = user[1:] > user[:-1]
    same_user = user[1:] == user[:-1]
    later_ts = ts[1:] > ts[:-1]
    same_ts = ts[1:] == ts[:-1]
    ordered = later_user | (same_user & (later_ts | (same_ts & (basket[1:] >= basket[:-1]))))
    return bool(ordered.all())
