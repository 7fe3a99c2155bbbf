"""What each customer spent and ordered in a period: from the orders (an order's revenue is its
amount), or from the order lines of one category or product (a line's revenue is its quantity
times its unit price, docs/data.md). The numbers behind top_customers.

The orders are read once per store version (data.memo); the order lines are top_products'
(products.cached_sales), so both tools read them once and resolve a category the same way.
"""

from dataclasses import dataclass

import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.period_days import DayRange
from assistant.tools.periods import Period
from assistant.tools.product_sales import SalesLines, lines_in
from commerce.errors import NotFound


@dataclass(frozen=True)
class StoreOrders:
    """Every order's customer, day and amount, and the days they span."""

    orders: pd.DataFrame  # customer_id (str), day (midnight), amount
    calendar: DayRange


def store_orders(data: StoreData) -> StoreOrders:
    """The store's orders, read once per store version."""

    def load() -> StoreOrders:
        table = data.store().table("orders", ["customer_id", "ts", "amount"])
        orders = pd.DataFrame(
            {
                "customer_id": table["customer_id"].astype(str),
                "day": table["ts"].dt.normalize(),
                "amount": table["amount"].astype("float64"),
            }
        )
        first, last = orders["day"].min(), orders["day"].max()
        return StoreOrders(orders, DayRange(first, last, "the store's last order day"))

    found: StoreOrders = data.memo("top_customers:orders", ("store",), load)
    return found


def customer_totals(
    orders: pd.DataFrame, when: Period, members: "frozenset[str] | None"
) -> pd.DataFrame:
    """Revenue, orders and last order day per customer who ordered in the period (of
    `members` only when given), unordered."""
    if members is not None:
        orders = orders[orders["customer_id"].isin(members)]
    in_period = orders[(orders["day"] >= when.start) & (orders["day"] <= when.end)]
    return in_period.groupby("customer_id", sort=False).agg(
        revenue=("amount", "sum"), orders=("amount", "size"), last_order=("day", "max")
    )


def known_product(sales: SalesLines, product_id: str) -> str:
    """The product id as the store has it (in its catalogue or its order lines); NotFound
    for one it has neither of."""
    wanted = product_id.strip()
    if wanted in sales.products.index or (sales.lines["product_id"] == wanted).any():
        return wanted
    raise NotFound(f"no product '{wanted}' in the catalogue or the order lines")


def bought_totals(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None",
    category: str | None,
    product_id: str | None,
) -> pd.DataFrame:
    """Revenue, units, orders and last order day per customer, of their order lines of one
    category (a name as SalesLines.resolve_category gives it) or one product in the period
    (of `members` only when given), unordered; customers who bought none of it are left
    out."""
    lines = lines_in(sales, when, members, category, product_id)
    return lines.groupby("customer_id", sort=False).agg(
        revenue=("revenue", "sum"),
        units=("units", "sum"),
        orders=("order_id", "nunique"),
        last_order=("day", "max"),
    )


def passing(table: pd.DataFrame, min_revenue: float | None, min_orders: int | None) -> pd.DataFrame:
    """The customers of `table` at or over both bounds (each inclusive; None: no bound).
    Revenue is compared in cents, as answers show it: $999.999 is $1,000.00 spent."""
    keep = pd.Series(True, index=table.index)
    if min_revenue is not None:
        keep &= table["revenue"].round(2) >= round(min_revenue, 2)
    if min_orders is not None:
        keep &= table["orders"] >= min_orders
    return table[keep]
