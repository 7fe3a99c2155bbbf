"""What checking an event needs from the store (its product ids, and the order and review ids
it already holds), read once per store version and shared by every submission."""

import threading
from collections.abc import Collection
from datetime import UTC, datetime

import pandas as pd

from commerce.events import EventContext
from commerce.workspace import Store, Workspace


def utc_today() -> pd.Timestamp:
    """Now, as the naive UTC timestamp the store's dates are kept in."""
    return pd.Timestamp(datetime.now(UTC)).tz_convert(None)


class StoreIds:
    """Product, order and review ids of the current store, cached by store version."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._version: str | None = None
        self._ids: dict[str, frozenset[str] | None] = {}

    def for_submit(self) -> EventContext:
        """Checks for a new event: known products, and order and review ids not yet used."""
        store = self.workspace.store()
        ids = self._of(store)
        return EventContext(
            now=utc_today(),
            products=ids["products"],
            orders=ids["orders"] or frozenset(),
            reviews=ids["reviews"] or frozenset(),
        )

    def for_apply(self, store: Store, own: Collection[tuple[str, str]] = ()) -> EventContext:
        """Checks when applying: known products, and order and review ids the store does not
        hold yet, except `own` (("order_id", "o-1"), ...): ids a first try of this very
        application may have stored before it died, so its retry goes through (the store
        drops the rows it already has). Another event's id, or one ingested meanwhile, fails
        the event instead of its rows being dropped while it counted as applied."""
        ids = self._of(store)
        orders, reviews = ids["orders"] or frozenset(), ids["reviews"] or frozenset()
        if own:  # only then: the store's id sets are large, and copying one is not free
            orders = orders - {v for k, v in own if k == "order_id"}
            reviews = reviews - {v for k, v in own if k == "review_id"}
        return EventContext(
            now=utc_today(), products=ids["products"], orders=orders, reviews=reviews
        )

    def _of(self, store: Store) -> dict[str, frozenset[str] | None]:
        with self._lock:
            if self._version != store.version:
                self._ids = {
                    "products": _ids(store, "products", "product_id"),
                    "orders": _ids(store, "orders", "order_id"),
                    "reviews": _ids(store, "reviews", "review_id"),
                }
                self._version = store.version
            return self._ids


def _ids(store: Store, table: str, column: str) -> frozenset[str] | None:
    if not store.has(table):
        return None
    return frozenset(store.table(table, [column])[column].dropna().astype(str))
