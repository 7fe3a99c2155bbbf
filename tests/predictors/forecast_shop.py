"""A small ingested shop for the category forecast tests, a shop whose orders have no lines (so
no category), and a predictor that expects the same of everyone (the split by category is what
those tests check, not the model).

Every itemised order is one $60 bag of pet food and nine $1 snack bars ($69): pet food is 87%
of the money and a tenth of the units.
"""

from pathlib import Path

import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.history import History, from_store, from_transactions
from tests.predictors.fake_predictor import EachHorizon

ORDER = 69.0  # one bag (60) and nine bars (9 x 1)


def pet_shop(folder: Path, customers: int = 20, bare: int = 0) -> History:
    """`customers` customers with six monthly orders each; the last `bare` of them have orders
    recorded without items (order events allow that)."""
    people = [f"c{i:02d}" for i in range(customers)]
    orders, items = [], []
    for i, person in enumerate(people):
        for n in range(6):
            order_id = f"{person}-{n}"
            day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=30 * n + i)
            orders.append((order_id, person, f"{day:%Y-%m-%d}", ORDER))
            if i < customers - bare:
                items += [(order_id, "petfood", 1, 60.0), (order_id, "snack", 9, 1.0)]
    tables = {
        "customers": pd.DataFrame({"customer_id": people}),
        "products": pd.DataFrame(
            {
                "product_id": ["petfood", "snack"],
                "title": ["Dog food 10kg", "Snack bar"],
                "category": ["Pet food", "Snacks"],
                "price": [60.0, 1.0],
            }
        ),
        "orders": pd.DataFrame(orders, columns=["order_id", "customer_id", "ts", "amount"]),
        "order_items": pd.DataFrame(items, columns=["order_id", "product_id", "quantity", "price"]),
    }
    sources = folder / "sources"
    sources.mkdir()
    for name, frame in tables.items():
        frame.to_parquet(sources / f"{name}.parquet", index=False)
    workspace = Workspace(folder / "home")
    ingest(workspace, IngestRequest({n: Source(sources / f"{n}.parquet") for n in tables}))
    return from_store(workspace.store())


def uncategorised_shop() -> History:
    """Twelve customers with monthly orders and no order lines (so no category)."""
    rows = [
        (f"c{c:02d}", pd.Timestamp("2024-01-01") + pd.Timedelta(days=30 * n + c), 40.0)
        for c in range(12)
        for n in range(8)
    ]
    return from_transactions(pd.DataFrame(rows, columns=["customer_id", "ts", "amount"]))


class SameForEveryone(EachHorizon):
    """One expected order of ORDER per customer every four weeks."""

    def predict(self, features: pd.DataFrame, weeks: float) -> pd.DataFrame:
        return pd.DataFrame(
            {"expected_purchases": weeks / 4, "expected_spend": ORDER * weeks / 4},
            index=features.index,
        )
