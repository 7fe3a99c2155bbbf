"""A store's tables as signals: purchases, reviews and events, of the whole store or of the
rows events appended to it.

    purchases  order lines joined to their order (customer, day); one basket code per order
    reviews    SignalWeights.review; 1 or 2 stars weigh nothing and are read as dislikes
    events     by type (SignalWeights.event); events without a product say nothing of taste

`read_rows` keeps ids as text, so the same rows can be coded on any customers and products:
`from_store` codes a whole store for training, signals.py codes rows appended by events on a
trained catalogue. Each row carries its `origin` (which table, which row of it): a full read
leaves rows of the same customer, day and basket in that order, and signals grown by appended
rows are sorted by it to come out exactly as a full read of the grown store.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from commerce.workspace import Store
from retrieval.recs.interactions import Interactions, SignalWeights, days_since_epoch

DISLIKED_RATING = 2.0  # a review at or below this many stars: do not recommend the product again
SOURCES = ("order_items", "reviews", "events")  # in the order a full read puts them
ROW_SPAN = 1 << 40  # origin = source * ROW_SPAN + row in its table
SIGNAL_COLUMNS = ["customer_id", "product_id", "ts", "basket", "weight", "purchase", "origin"]
# A table's rows (index: their row numbers in the table) or None when there are none to read.
TableRows = Callable[[str, list[str]], pd.DataFrame | None]
Codes = Callable[[pd.Series], np.ndarray]  # ids as text -> their codes (-1: not coded)


@dataclass(frozen=True)
class SignalRows:
    """Signals before coding: customer and product ids as text."""

    customers: pd.Series  # the customers table's ids read
    signals: pd.DataFrame  # SIGNAL_COLUMNS, in origin order; ts in days since the epoch
    disliked: pd.DataFrame  # customer_id, product_id of 1-2 star reviews, in table order
    orders: pd.Series  # the ids of the orders read
    baskets: int  # basket codes given (first_basket, first_basket + 1, ...)
    orphans: frozenset[str]  # orders of lines read whose order was not: a later order joins them


def whole(store: Store) -> TableRows:
    """Every row of the store's tables."""
    return lambda name, columns: store.table(name, columns) if store.has(name) else None


def read_rows(tables: TableRows, weights: SignalWeights, first_basket: int = 0) -> SignalRows:
    """The signals in these tables' rows; basket codes start at `first_basket`."""
    customers = tables("customers", ["customer_id"])
    parts = []
    orders = tables("orders", ["order_id", "customer_id", "ts"])
    lines = tables("order_items", ["order_id", "product_id"])
    order_ids = pd.Series([], dtype=str) if orders is None else orders["order_id"]
    baskets, orphans = 0, frozenset[str]()
    if lines is not None:
        lines = lines.assign(row=lines.index)
        bought = (
            lines.merge(orders, on="order_id", how="inner") if orders is not None else lines[:0]
        )
        if len(bought):
            codes, uniques = pd.factorize(bought["order_id"])
            baskets = len(uniques)
            bought = bought.assign(
                basket=codes + first_basket, weight=weights.purchase, purchase=True
            )
            parts.append(_origin(bought, "order_items", bought["row"].to_numpy()))
        waiting = lines.loc[~lines["row"].isin(bought["row"]), "order_id"]  # ints: fast
        orphans = frozenset(waiting.astype(str).unique())
    disliked = pd.DataFrame({"customer_id": [], "product_id": []}, dtype=str)
    reviews = tables("reviews", ["customer_id", "product_id", "ts", "rating"])
    if reviews is not None:
        liked = reviews["rating"].isna() | (reviews["rating"] > DISLIKED_RATING)
        reviews = reviews.assign(
            basket=-1, weight=np.where(liked, weights.review, 0.0), purchase=False
        )
        parts.append(_origin(reviews, "reviews", reviews.index.to_numpy()))
        low = reviews[reviews["rating"] <= DISLIKED_RATING]
        disliked = pd.DataFrame(
            {
                "customer_id": low["customer_id"].astype(str).to_numpy(),
                "product_id": low["product_id"].astype(str).to_numpy(),
            }
        )
    events = tables("events", ["customer_id", "product_id", "ts", "type"])
    if events is not None:
        events = events.dropna(subset=["product_id"])
        kinds = events["type"].astype(str)
        events = events.assign(
            basket=-1, weight=kinds.map(weights.event).astype(float), purchase=False
        )
        parts.append(_origin(events, "events", events.index.to_numpy()))
    signals = pd.concat(parts, ignore_index=True) if parts else _no_signals()
    signals["customer_id"] = signals["customer_id"].astype(str)
    signals["product_id"] = signals["product_id"].astype(str)
    return SignalRows(
        customers=pd.Series([], dtype=str)
        if customers is None
        else customers["customer_id"].astype(str),
        signals=signals,
        disliked=disliked,
        orders=order_ids,
        baskets=baskets,
        orphans=orphans,
    )


def users_of(rows: SignalRows) -> np.ndarray:
    """Every customer of the rows, with or without signals, in text order."""
    ids = set(rows.customers.unique()) | set(rows.signals["customer_id"].unique())
    return np.array(sorted(ids), dtype=object)


def codes_in(ids: np.ndarray) -> Codes:
    """Codes as positions in `ids` (looked up in a hash table of them, built once)."""
    index = pd.Index(ids)
    return lambda values: index.get_indexer(pd.Index(values))


def coded(
    rows: SignalRows, user_codes: Codes, item_codes: Codes
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The rows coded as users and items, without those on products not coded and those that
    weigh nothing, in (user, ts, basket, origin) order: Interactions' frame, its dislikes,
    and each row's origin."""
    signals = rows.signals
    user = user_codes(signals["customer_id"])
    item = item_codes(signals["product_id"])
    frame = pd.DataFrame(
        {
            "user": user,
            "item": item,
            "ts": signals["ts"].to_numpy(np.float64),
            "basket": signals["basket"].to_numpy(np.int64),
            "weight": signals["weight"].to_numpy(),
            "purchase": signals["purchase"].to_numpy(dtype=bool),
        }
    )
    origin = signals["origin"].to_numpy(np.int64)
    keep = (item >= 0) & (frame["weight"].to_numpy() > 0)
    frame, origin = frame[keep], origin[keep]
    order = np.lexsort((origin, frame["basket"], frame["ts"], frame["user"]))
    low = rows.disliked
    disliked = pd.DataFrame(
        {
            "user": user_codes(low["customer_id"]),
            "item": item_codes(low["product_id"]),
        }
    ).astype("int32")
    disliked = disliked[disliked["item"] >= 0].reset_index(drop=True)
    return frame.iloc[order].reset_index(drop=True), disliked, origin[order]


def from_store(store: Store, weights: SignalWeights | None = None) -> Interactions:
    """Purchases (order items, else nothing), reviews and events of the store's customers.

    Every customer of the store is a user (those without signals have empty histories, so
    cold start can tell them from unknown ids); every listed or bought product is an item.
    """
    rows = read_rows(whole(store), weights or SignalWeights())
    known = set(rows.signals["product_id"].unique())
    if store.has("products"):
        listed = store.table("products", columns=["product_id"])["product_id"]
        known |= set(listed.astype(str).unique())
    users, items = users_of(rows), np.array(sorted(known), dtype=object)
    frame, disliked, _ = coded(rows, codes_in(users), codes_in(items))
    return Interactions(users, items, frame, disliked)


def _origin(part: pd.DataFrame, source: str, rows: np.ndarray) -> pd.DataFrame:
    """The part's signal columns, days since the epoch as ts, and where each row came from."""
    origin = SOURCES.index(source) * ROW_SPAN + np.asarray(rows, dtype=np.int64)
    ts = days_since_epoch(part["ts"]) if len(part) else np.zeros(0)
    return part.assign(ts=ts, origin=origin)[SIGNAL_COLUMNS]


def _no_signals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": pd.Series([], dtype=str),
            "product_id": pd.Series([], dtype=str),
            "ts": np.zeros(0),
            "basket": np.zeros(0, dtype=np.int64),
            "weight": np.zeros(0),
            "purchase": np.zeros(0, dtype=bool),
            "origin": np.zeros(0, dtype=np.int64),
        }
    )
