"""What each customer bought, from the order lines: their products, units, the orders holding
each and the day each was last bought, most units first (then the latest bought), and the
lines of any one order ("what was in their last order?").
customer_profile lists them; recommend_products counts a re-order's orders and units here.

Kept apart from the customer lookup (customer_lookup.py), which the router reads at every
store version: events make a version every few seconds, and reading every order line for
each would be work nobody asked for. This part is built when a profile first asks, once
per store version (StoreData.purchases).
"""

from typing import Any

import numpy as np
import pandas as pd

from assistant.tools.rows import groups, seconds
from commerce.workspace import Store


class Purchases:
    """Each customer's products (none without order lines), as row ranges per customer."""

    def __init__(self, store: Store) -> None:
        columns = ["customer_id", "product_id", "units", "orders", "last"]
        bought = pd.DataFrame({c: [] for c in columns})
        items = pd.DataFrame({c: [] for c in ("order_id", "product_id", "quantity", "price")})
        self.has_order_lines = store.has("order_items")
        if self.has_order_lines:
            items = store.table("order_items", ["order_id", "product_id", "quantity", "price"])
            orders = store.table("orders", ["order_id", "customer_id", "ts"])
            orders = orders.assign(customer_id=orders["customer_id"].astype(str))
            lines = items.astype({"order_id": str, "product_id": str}).merge(
                orders[["order_id", "customer_id", "ts"]].astype({"order_id": str}), on="order_id"
            )
            bought = (
                lines.groupby(["customer_id", "product_id"], sort=False)
                .agg(units=("quantity", "sum"), orders=("order_id", "nunique"), last=("ts", "max"))
                .reset_index()
                .sort_values(["customer_id", "units", "last", "product_id"],
                             ascending=[True, False, False, True], ignore_index=True)
            )  # fmt: skip
        catalogue = store.table("products") if store.has("products") else pd.DataFrame()
        self._bought_rows = groups(bought["customer_id"])
        self._bought_ids = bought["product_id"].astype(str).tolist()
        self._bought_units = bought["units"].astype(np.int64).tolist()
        self._bought_orders = bought["orders"].astype(np.int64).tolist()
        self._bought_last = seconds(bought["last"])
        # One order's lines, as they were recorded (stable: the file's order within an order).
        items = items.astype({"order_id": str, "product_id": str}).sort_values(
            "order_id", kind="stable", ignore_index=True
        )
        self._line_rows = groups(items["order_id"])
        self._line_products = items["product_id"].tolist()
        self._line_quantities = items["quantity"].astype(np.int64).tolist()
        self._line_prices = items["price"].astype(np.float64).tolist()
        self._titles = self._by_product(catalogue, "title")
        self._categories = self._by_product(catalogue, "category")

    @staticmethod
    def _by_product(catalogue: pd.DataFrame, column: str) -> dict[str, str]:
        """The catalogue's non-empty `column` per product id ({} without the column)."""
        if column not in catalogue.columns:
            return {}
        pairs = zip(catalogue["product_id"].astype(str).tolist(), catalogue[column].tolist(),
                    strict=True)  # fmt: skip
        return {pid: value for pid, value in pairs if isinstance(value, str) and value}

    def _described(self, product_id: str) -> dict[str, Any]:
        """A product's id with its title and category (None where the catalogue lacks them)."""
        return {
            "product_id": product_id,
            "title": self._titles.get(product_id),
            "category": self._categories.get(product_id),
        }

    def products_bought(self, customer_id: str) -> int:
        """How many different products the customer's order lines hold."""
        start, end = self._bought_rows.get(customer_id, (0, 0))
        return end - start

    def units_and_orders(self, customer_id: str, product_id: str) -> tuple[int, int] | None:
        """How many units of the product the customer bought and in how many orders; None
        when their order lines hold none."""
        start, end = self._bought_rows.get(customer_id, (0, 0))
        for i in range(start, end):
            if self._bought_ids[i] == product_id:
                return self._bought_units[i], self._bought_orders[i]
        return None

    def bought(self, customer_id: str, limit: int) -> list[dict[str, Any]]:
        """The customer's `limit` most bought products: id, title and category (None where
        the catalogue lacks them), units, and the day last bought."""
        start, end = self._bought_rows.get(customer_id, (0, 0))
        return [
            {
                **self._described(self._bought_ids[i]),
                "units": self._bought_units[i],
                "last_bought": str(self._bought_last[i])[:10],
            }
            for i in range(start, min(end, start + limit))
        ]

    def order_lines(self, order_id: str) -> list[dict[str, Any]]:
        """The lines of one order as recorded: product id, title and category (None where
        the catalogue lacks them), quantity and unit price; [] for an order without lines."""
        start, end = self._line_rows.get(order_id, (0, 0))
        return [
            {
                **self._described(self._line_products[i]),
                "quantity": self._line_quantities[i],
                "price": round(self._line_prices[i], 2),
            }
            for i in range(start, end)
        ]
