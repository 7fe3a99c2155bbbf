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
exclusion rules read it back as a dislike.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from commerce.errors import InvalidInput
from commerce.workspace import Store

COLUMNS = ("user", "item", "ts", "basket", "weight", "purchase")
DISLIKED_RATING = 2.0  # a review at or below this many stars: do not recommend the product again
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
        self.frame = _typed(self.frame).sort_values(["user", "ts", "basket"], kind="stable")
        self.frame = self.frame.reset_index(drop=True)

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
            "ts": _days(frame[ts]),
            "basket": frame[basket].to_numpy() if basket else np.arange(len(frame)),
            "weight": frame[weight].to_numpy() if weight else 1.0,
            "purchase": True,
        }
    )
    return Interactions(users.astype(object), items.astype(object), coded)


def from_store(store: Store, weights: SignalWeights | None = None) -> Interactions:
    """Purchases (order items, else nothing), reviews and events of the store's customers.

    Every customer of the store is a user (those without signals have empty histories, so
    cold start can tell them from unknown ids); every listed or bought product is an item.
    """
    weights = weights or SignalWeights()
    customers = store.table("customers", columns=["customer_id"])["customer_id"].astype(str)
    parts = []
    if store.has("order_items"):
        orders = store.table("orders", columns=["order_id", "customer_id", "ts"])
        lines = store.table("order_items", columns=["order_id", "product_id"])
        bought = lines.merge(orders, on="order_id", how="inner")
        bought = bought.assign(
            basket=pd.factorize(bought["order_id"])[0], weight=weights.purchase, purchase=True
        )
        parts.append(bought[["customer_id", "product_id", "ts", "basket", "weight", "purchase"]])
    reviews = pd.DataFrame()
    if store.has("reviews"):
        reviews = store.table("reviews", columns=["customer_id", "product_id", "ts", "rating"])
        liked = reviews["rating"].isna() | (reviews["rating"] > DISLIKED_RATING)
        parts.append(
            reviews.assign(basket=-1, weight=np.where(liked, weights.review, 0.0), purchase=False)
        )
    if store.has("events"):
        events = store.table("events", columns=["customer_id", "product_id", "ts", "type"])
        events = events.dropna(subset=["product_id"])
        kinds = events["type"].astype(str)
        parts.append(
            events.assign(basket=-1, weight=kinds.map(weights.event).astype(float), purchase=False)
        )
    listed = store.table("products", columns=["product_id"]) if store.has("products") else None
    signals = pd.concat(
        [p[["customer_id", "product_id", "ts", "basket", "weight", "purchase"]] for p in parts]
        or [pd.DataFrame(columns=["customer_id", "product_id", "ts", "basket", "weight"])],
        ignore_index=True,
    )
    signals["customer_id"] = signals["customer_id"].astype(str)
    signals["product_id"] = signals["product_id"].astype(str)
    # Distinct ids first (pandas hashes them without a Python object per row), then sorted.
    users = np.array(
        sorted(set(customers.unique()) | set(signals["customer_id"].unique())), dtype=object
    )
    known = set(signals["product_id"].unique()) | (
        set(listed["product_id"].astype(str).unique()) if listed is not None else set()
    )
    items = np.array(sorted(known), dtype=object)
    user_code = pd.Index(users).get_indexer(pd.Index(signals["customer_id"]))
    item_code = pd.Index(items).get_indexer(pd.Index(signals["product_id"]))
    coded = pd.DataFrame(
        {
            "user": user_code,
            "item": item_code,
            "ts": _days(signals["ts"]) if len(signals) else np.zeros(0),
            "basket": signals["basket"].to_numpy(),
            "weight": signals["weight"].to_numpy(),
            "purchase": signals["purchase"].fillna(False).to_numpy(dtype=bool),
        }
    )
    coded = coded[coded["weight"] > 0]
    disliked = pd.DataFrame({"user": [], "item": []}, dtype="int32")
    if len(reviews):
        low = reviews[reviews["rating"] <= DISLIKED_RATING]
        disliked = pd.DataFrame(
            {
                "user": pd.Index(users).get_indexer(pd.Index(low["customer_id"].astype(str))),
                "item": pd.Index(items).get_indexer(pd.Index(low["product_id"].astype(str))),
            }
        ).astype("int32")
    return Interactions(users, items, coded, disliked)


def _days(values: pd.Series) -> np.ndarray:
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
