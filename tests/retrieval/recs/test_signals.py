"""Served signals after events: grown by the appended rows alone, and equal to a full read of
the same store version; anything but an append is read whole."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commerce.workspace import Store, Workspace
from retrieval.recs.interactions import SignalWeights
from retrieval.recs.reading import from_store
from retrieval.recs.signals import StoreSignals, read_signals
from tests.retrieval.recs.factories import shop_tables, write_shop

WEIGHTS = SignalWeights()
TIE = "2024-03-05"  # an event of k01 at ingest; a review by events lands on the same day


class ReadingStore(Store):
    """A store that notes which tables are read."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.read: set[str] = set()

    def table(self, name: str, *args: object, **kwargs: object) -> pd.DataFrame:
        self.read.add(name)
        return super().table(name, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def workspace(retain_home: Path, tmp_path: Path) -> Workspace:
    tables = shop_tables(customers=4, orders=3)
    tables["events"] = pd.DataFrame(
        {
            "customer_id": ["k01", "t01"],
            "ts": [TIE, "2024-03-06"],
            "type": ["view", "cart"],
            "product_id": ["tea-t2", "kettle"],
        }
    )
    return write_shop(retain_home, tmp_path / "sources", tables)


def products_of(workspace: Workspace) -> np.ndarray:
    """The catalogue of a model trained on the store at ingest, without the kettle (so some
    signals fall on a product the model does not know)."""
    items = from_store(workspace.store()).items
    return np.array([p for p in items if p != "kettle"], dtype=object)


def follow(workspace: Workspace, since: StoreSignals) -> tuple[StoreSignals, set[str]]:
    """The current store's signals grown from `since`, checked against a full read; and the
    tables the grown read read."""
    store = ReadingStore(workspace.store().path)
    grown = read_signals(store, since.interactions.items, WEIGHTS, since)
    whole = read_signals(workspace.store(), since.interactions.items, WEIGHTS)
    a, b = grown.interactions, whole.interactions
    assert list(a.users) == list(b.users) and list(a.items) == list(b.items)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    pd.testing.assert_frame_equal(a.disliked, b.disliked)
    assert grown.read is not None and whole.read is not None
    assert np.array_equal(grown.read.origin, whole.read.origin)
    assert (grown.read.rows, grown.read.baskets) == (whole.read.rows, whole.read.baskets)
    assert grown.read.orphans == whole.read.orphans
    assert (grown.bought != whole.bought).nnz == 0 and (grown.disliked != whole.disliked).nnz == 0
    return grown, store.read


def order(order_id: str, customer: str, day: str, products: list[str]) -> dict[str, pd.DataFrame]:
    return {
        "orders": pd.DataFrame(
            {
                "order_id": [order_id],
                "customer_id": [customer],
                "ts": [pd.Timestamp(day)],
                "amount": [10.0],
            }
        ),
        "order_items": pd.DataFrame(
            {"order_id": order_id, "product_id": products, "quantity": 1, "price": 5.0}
        ),
    }


def review(review_id: str, customer: str, product: str, day: str, stars: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": [review_id],
            "customer_id": [customer],
            "product_id": [product],
            "ts": [pd.Timestamp(day)],
            "rating": [float(stars)],
            "text": ["-"],
        }
    )


def test_batches_applied_one_by_one_equal_a_full_read(workspace: Workspace) -> None:
    signals = read_signals(workspace.store(), products_of(workspace), WEIGHTS)
    # An order (one line on a product the model does not know) and a review on the day of an
    # earlier event of the same customer: a full read puts reviews before events then.
    workspace.grow(
        order("o-1", "k01", "2024-05-01", ["coffee-c3", "kettle"])
        | {"reviews": review("r-1", "k01", "tea-t3", TIE, 5)}
    )
    signals, read = follow(workspace, signals)
    assert read == {"orders", "order_items", "reviews"}  # the rows appended, nothing else
    # A customer who joined by events sorts among the others: codes after them move up.
    workspace.grow(
        order("o-2", "k01b", "2024-05-02", ["tea-t1"])
        | {
            "customers": pd.DataFrame({"customer_id": ["k01b"]}),
            "reviews": review("r-2", "k01b", "coffee-c1", "2024-05-02", 1),
            "events": pd.DataFrame(
                {
                    "event_id": ["e-1"],
                    "customer_id": ["k01b"],
                    "ts": [pd.Timestamp(TIE)],
                    "type": ["wishlist"],
                    "product_id": ["coffee-c2"],
                }
            ),
        }
    )
    signals, read = follow(workspace, signals)
    assert "k01b" in signals.rows and read == {
        "customers",
        "orders",
        "order_items",
        "reviews",
        "events",
    }
    assert signals.disliked[signals.rows["k01b"]].nnz == 1
    # Lines of an order not in the store yet, then the order: it joins lines read before, so
    # the store is read whole.
    workspace.grow({"order_items": order("o-3", "k02", "2024-05-03", ["grinder"])["order_items"]})
    signals, read = follow(workspace, signals)
    assert read == {"order_items"} and signals.read is not None and signals.read.orphans
    workspace.grow({"orders": order("o-3", "k02", "2024-05-03", [])["orders"]})
    signals, read = follow(workspace, signals)
    assert "customers" in read and "o-3" not in (signals.read.orphans if signals.read else ())


def test_a_store_put_back_is_read_whole(workspace: Workspace) -> None:
    base = workspace.store()
    first = read_signals(base, products_of(workspace), WEIGHTS)
    workspace.grow(order("o-9", "t02", "2024-05-01", ["kettle", "tea-t4"]))
    grown, _ = follow(workspace, first)
    workspace.write_store({}, base.manifest)  # as a failed application puts it back
    back, read = follow(workspace, grown)
    assert "customers" in read  # not grown from the version before: read whole
    pd.testing.assert_frame_equal(back.interactions.frame, first.interactions.frame)
    assert read_signals(workspace.store(), first.interactions.items, WEIGHTS, back) is back
