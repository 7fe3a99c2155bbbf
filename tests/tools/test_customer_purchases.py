"""What a customer bought (Purchases.bought) and how their id is read (Customers.resolve), on a
tiny store ingested here: several lines per order, quantities above 1, a product without
title or category, and a store of bare transactions beside it."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.tools.customer_lookup import Customers
from assistant.tools.purchases import Purchases
from commerce.errors import InvalidInput, NotFound
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace

ORDERS = pd.DataFrame(
    {
        "order_id": ["o1", "o2", "o3", "o4", "o5"],
        "customer_id": ["00042", "00042", "00042", "00007", "00100"],
        "ts": pd.to_datetime(
            ["1998-01-05", "1998-03-01", "1998-02-10", "1998-01-01", "1998-01-02"]
        ),
        "amount": [30.0, 12.0, 8.0, 5.0, 9.0],
    }
)
LINES = pd.DataFrame(
    {
        "order_id": ["o1", "o1", "o2", "o3", "o3", "o4"],
        "product_id": ["TEA", "COFFEE", "TEA", "COFFEE", "GONE", "TEA"],
        "quantity": [2, 1, 1, 2, 1, 1],
        "price": [5.0, 8.0, 5.0, 4.0, 1.0, 5.0],
    }
)
PRODUCTS = pd.DataFrame(
    {"product_id": ["TEA", "COFFEE", "GONE"], "title": ["Green tea", "Coffee beans", None],
     "category": ["Tea", None, None]}
)  # fmt: skip


def _store(folder: Path, tables: dict[str, pd.DataFrame]) -> Store:
    folder.mkdir()
    sources = {}
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        sources[name] = Source(folder / f"{name}.parquet")
    return ingest(Workspace(folder / "home"), IngestRequest(sources))


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("bought") / "shop"
    return _store(folder, {"orders": ORDERS, "order_items": LINES, "products": PRODUCTS})


@pytest.fixture(scope="module")
def customers(shop: Store) -> Customers:
    return Customers(shop)


@pytest.fixture(scope="module")
def purchases(shop: Store) -> Purchases:
    return Purchases(shop)


def test_products_bought_most_units_first_with_the_last_day(purchases: Purchases) -> None:
    # TEA 3 units (last 03-01) and COFFEE 3 units (last 02-10): the tie goes to the latest.
    assert purchases.has_order_lines and purchases.products_bought("00042") == 3
    assert purchases.bought("00042", 10) == [
        {"product_id": "TEA", "title": "Green tea", "category": "Tea", "units": 3,
         "last_bought": "1998-03-01"},
        {"product_id": "COFFEE", "title": "Coffee beans", "category": None, "units": 3,
         "last_bought": "1998-02-10"},
        {"product_id": "GONE", "title": None, "category": None, "units": 1,
         "last_bought": "1998-02-10"},
    ]  # fmt: skip
    assert [p["product_id"] for p in purchases.bought("00042", 1)] == ["TEA"]
    # An order without lines buys nothing to list; an unknown customer neither.
    assert purchases.bought("00100", 10) == [] and purchases.products_bought("00100") == 0
    assert purchases.bought("99999", 10) == []


def test_a_store_without_order_lines_has_no_products(tmp_path: Path) -> None:
    bare = Purchases(_store(tmp_path / "bare", {"orders": ORDERS}))
    assert not bare.has_order_lines
    assert bare.bought("00042", 10) == [] and bare.products_bought("00042") == 0


@pytest.mark.parametrize(
    ("typed", "found"),
    [("00042", "00042"), ("42", "00042"), (" #42 ", "00042"), ("000042", "00042"),
     ("0000000042", "00042"), ("00000007", "00007"), ("000100", "00100")],
)  # fmt: skip
def test_leading_zeros_dropped_or_added_find_the_id(
    customers: Customers, typed: str, found: str
) -> None:
    assert customers.resolve(typed) == found


def test_zeros_are_only_stripped_to_an_id_the_store_has(customers: Customers) -> None:
    with pytest.raises(NotFound, match="no customer '000043'; ids look like '00007'"):
        customers.resolve("000043")
    with pytest.raises(InvalidInput, match="customer_id is blank"):
        customers.resolve(" # ")


def test_most_bought_is_said_only_when_the_units_differ() -> None:
    from assistant.tools.profile_answer import most_bought

    def product(pid: str, units: int) -> dict[str, object]:
        return {"product_id": pid, "title": None, "category": None, "units": units,
                "last_bought": "1998-01-01"}  # fmt: skip

    once = [product(p, 1) for p in ("A", "B", "C")]
    assert most_bought(once, 4).startswith("Bought 4 products: A: 1 unit")
    varied = [product("A", 3), product("B", 1), product("C", 1)]
    assert most_bought(varied, 4).startswith("Most bought of 4 products: A: 3 units")
    assert most_bought(varied, 3).startswith("Bought: A: 3 units")


def test_the_customer_lookup_reads_no_order_lines(
    shop: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The router builds the lookup at every store version; the lines are read for profiles.
    read: list[str] = []
    table = shop.table

    def recording(name: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
        read.append(name)
        return table(name, *args, **kwargs)

    monkeypatch.setattr(shop, "table", recording)
    Customers(shop)
    assert "order_items" not in read and "orders" in read
    Purchases(shop)
    assert "order_items" in read
