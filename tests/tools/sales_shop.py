"""A small store whose sales numbers are worked out by hand, for the top_products tests."""

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace

# Order lines: (order, customer, day, product, quantity, unit price). With days=10 the period
# is 2024-03-22..31 and the one before 2024-03-12..21; o6 reaches back to 2024-01-01.
LINES = [
    ("o1", "c1", "2024-03-30", "P1", 2, 5.0),  # P1 10.00
    ("o1", "c1", "2024-03-30", "P2", 1, 20.0),  # P2 20.00
    ("o2", "c2", "2024-03-31", "P1", 1, 5.0),  # P1 5.00
    ("o2", "c2", "2024-03-31", "P3", 3, 2.0),  # P3 6.00
    ("o3", "c1", "2024-03-25", "P2", 1, 20.0),  # P2 20.00
    ("o4", "c3", "2024-03-15", "P1", 4, 5.0),  # before: P1 20.00, 4 units
    ("o5", "c3", "2024-03-20", "P2", 1, 20.0),  # before: P2 20.00
    ("o6", "c4", "2024-01-01", "P3", 1, 2.0),
]
BARE_ORDER = ("o7", "c2", "2024-03-28", 7.0)  # an order recorded without lines
PRODUCTS = [("P1", "Coffee beans", "Coffee"), ("P2", "Teapot", "Tea"), ("P3", "Biscuits", "Snacks")]


def store_of(
    folder: Path,
    tables: tuple[str, ...],
    order_lines: list[tuple[str, str, str, str, int, float]] = LINES,
    products: Sequence[tuple[str, str, str | None]] = PRODUCTS,
    amounts: dict[str, float] | None = None,
) -> StoreData:
    """Ingest the hand-made store (only `tables` besides orders; `order_lines` instead of
    LINES, `products` instead of PRODUCTS; `amounts`: orders whose amount is not their lines'
    sum, by id) and open it as the tools do."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = pd.DataFrame(order_lines, columns=["order_id", "customer_id", "ts", "product_id",
                                         "quantity", "price"])  # fmt: skip
    lines["amount"] = lines["quantity"] * lines["price"]
    totals = lines.groupby(["order_id", "customer_id", "ts"], as_index=False)["amount"].sum()
    orders = pd.concat([totals, pd.DataFrame([BARE_ORDER], columns=totals.columns)])
    orders["amount"] = orders["order_id"].map(amounts or {}).fillna(orders["amount"])
    frames = {
        "orders": orders.assign(ts=pd.to_datetime(orders["ts"])),
        "order_items": lines[["order_id", "product_id", "quantity", "price"]],
        "products": pd.DataFrame(products, columns=["product_id", "title", "category"]),
    }
    sources = {}
    for name in ("orders", *tables):
        frames[name].to_parquet(folder / f"{name}.parquet", index=False)
        sources[name] = Source(folder / f"{name}.parquet")
    workspace = Workspace(folder / "home")
    ingest(workspace, IngestRequest(sources))
    return StoreData(workspace, Settings(home=workspace.home))
