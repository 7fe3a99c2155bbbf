"""The signals a served recommender reads, coded on the trained catalogue's products, with
what serving takes from them: histories, and what each customer bought and disliked.

Events grow the store every few seconds by appending rows to its tables (commerce/growth.py).
Signals of a version the store grew from are grown in turn: only the appended rows are read and
coded, and merged in at the places a full read puts them (by customer, day, basket, then
origin: reading.py), so the result equals a full read of the grown version. Anything else (a
store put back after a failed application, a new ingest, signals not read from a store) is
read whole.

    read_signals(store, products, weights)          a full read
    read_signals(store, products, weights, since)   since's rows + those appended after them
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from commerce.workspace import Store
from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.reading import Codes, TableRows, coded, codes_in, read_rows, users_of, whole

TABLES = ("customers", "orders", "order_items", "reviews", "events")  # what signals are read from


@dataclass(frozen=True)
class StoreRead:
    """Where signals were read: the store version, how far into each table, and what a next
    read needs to go on from there."""

    version: str
    weights: SignalWeights
    rows: dict[str, int]  # rows read of each table
    baskets: int  # basket codes given
    orphans: frozenset[str]  # orders that lines read wait for
    origin: np.ndarray  # per signal (Interactions.frame row): its table and row (reading.py)


class StoreSignals:
    """Signals coded on a catalogue (Interactions) and what the recommender reads of them.
    `rows`: each customer's row, when the caller has it already (the same customers)."""

    def __init__(
        self,
        interactions: Interactions,
        read: StoreRead | None = None,
        rows: dict[str, int] | None = None,
    ) -> None:
        self.interactions = interactions
        self.read = read  # None: not read from a store (the signals a model was trained on)
        self.log = EventLog.of(interactions)
        self.rows = rows or {str(c): i for i, c in enumerate(interactions.users)}
        self.bought = interactions.matrix(purchases_only=True).tocsr()
        disliked = interactions.disliked
        self.disliked = sparse.csr_matrix(
            (np.ones(len(disliked)), (disliked["user"], disliked["item"])),
            shape=(interactions.n_users, interactions.n_items),
        )
        frame = interactions.frame
        self.newest = float(frame["ts"].max()) if len(frame) else None


def read_signals(
    store: Store,
    products: np.ndarray,
    weights: SignalWeights,
    since: StoreSignals | None = None,
) -> StoreSignals:
    """The store's signals on these products (others are left out: a trained model cannot
    offer them), read with `weights`. `since`: the signals of an earlier version, grown by the
    rows appended after them when the store grew from that version (see the module
    docstring)."""
    read = None if since is None else since.read
    if since is not None and read is not None and _same_coding(since, read, products, weights):
        if read.version == store.version:
            return since
        grown = _grown(store, since, read, products, weights)
        if grown is not None:
            return grown
    rows = read_rows(whole(store), weights)
    users = users_of(rows)
    frame, disliked, origin = coded(rows, codes_in(users), codes_in(products))
    counts = {name: store.manifest.tables[name].rows for name in TABLES if store.has(name)}
    whole_read = StoreRead(store.version, weights, counts, rows.baskets, rows.orphans, origin)
    return StoreSignals(Interactions(users, products, frame, disliked), whole_read)


def _grown(
    store: Store, since: StoreSignals, read: StoreRead, products: np.ndarray, weights: SignalWeights
) -> StoreSignals | None:
    """`since` grown by the rows appended to the store after it; None when the store did not
    grow from it by appending alone, or when a new order joins order lines read before it."""
    old = since.interactions
    if not store.manifest.derives_from(read.version):
        return None
    counts = {name: store.manifest.tables[name].rows for name in TABLES if store.has(name)}
    if any(counts.get(name, 0) < count for name, count in read.rows.items()):
        return None
    rows = read_rows(_appended(store, read.rows, counts), weights, first_basket=read.baskets)
    if read.orphans and rows.orders.astype(str).isin(read.orphans).any():
        return None  # an order whose lines were read before: a full read joins them
    # New customers take their place in text order; the codes of those after them move up.
    candidates = users_of(rows)
    fresh = candidates[[c not in since.rows for c in candidates]]
    users, customers = old.users, since.rows
    frame, disliked = old.frame, old.disliked
    if len(fresh):
        users = np.array(sorted([*old.users, *fresh]), dtype=object)
        customers = {str(c): i for i, c in enumerate(users)}
        moved = np.arange(len(old.users)) + np.searchsorted(fresh, old.users)
        frame = frame.assign(user=moved[frame["user"].to_numpy()])
        disliked = disliked.assign(user=moved[disliked["user"].to_numpy()])
    catalogue = {str(p): i for i, p in enumerate(products)}
    added, added_disliked, added_origin = coded(rows, _codes(customers), _codes(catalogue))
    merged = pd.concat([frame, added], ignore_index=True)
    origin = np.concatenate([read.origin, added_origin])
    order = _merged_order(merged, origin, len(frame))
    interactions = Interactions(
        users,
        products,
        merged.iloc[order],
        pd.concat([disliked, added_disliked], ignore_index=True).astype("int32"),
    )
    next_read = StoreRead(
        store.version,
        weights,
        counts,
        read.baskets + rows.baskets,
        read.orphans | rows.orphans,
        origin[order],
    )
    return StoreSignals(interactions, next_read, customers)


def _same_coding(
    since: StoreSignals, read: StoreRead, products: np.ndarray, weights: SignalWeights
) -> bool:
    """Were `since` read on these products with these weights (the same build)?"""
    return read.weights == weights and np.array_equal(since.interactions.items, products)


def _merged_order(merged: pd.DataFrame, origin: np.ndarray, first_added: int) -> np.ndarray:
    """The order of signals sorted up to `first_added`, with rows added after them: only the
    customers with added rows are sorted again (by day, basket, origin), and a stable sort by
    customer merges them back (two sorted runs: one pass)."""
    user = merged["user"].to_numpy()
    again = np.isin(user, np.unique(user[first_added:]))
    kept, resorted = np.flatnonzero(~again), np.flatnonzero(again)
    keys = (origin[resorted], merged["basket"].to_numpy()[resorted])
    resorted = resorted[np.lexsort((*keys, merged["ts"].to_numpy()[resorted], user[resorted]))]
    order = np.concatenate([kept, resorted])
    result: np.ndarray = order[np.argsort(user[order], kind="stable")]
    return result


def _codes(codes: dict[str, int]) -> Codes:
    """Codes looked up one by one: for the few ids of appended rows."""
    return lambda values: np.fromiter(
        (codes.get(str(v), -1) for v in values), dtype=np.int64, count=len(values)
    )


def _appended(store: Store, read: dict[str, int], now: dict[str, int]) -> TableRows:
    """The rows of each table after those read (index: their rows in the table)."""

    def rows(name: str, columns: list[str]) -> pd.DataFrame | None:
        if now.get(name, 0) == read.get(name, 0):
            return None
        return store.table(name, columns).iloc[read.get(name, 0) :]

    return rows
