"""What each customer spent and ordered in a period: from the orders (an order's revenue is its
amount), or from the order lines of some categories or one product (a line's revenue is its quantity
times its unit price, docs/data.md); each customer's first-ever order day; and the bounds a
ranking keeps customers within (floors and ceilings on spend and orders). The numbers behind
top_customers and store_metrics, and behind the bounds at_risk_customers takes on what customers
did to date.

The orders are read once per store version (data.memo); the order lines are top_products'
(product_sales.cached_sales), so both tools read them once and resolve a category the same way.
"""

from dataclasses import dataclass

import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.format import money
from assistant.tools.period_days import DayRange
from assistant.tools.periods import Period
from assistant.tools.product_sales import Chosen, SalesLines, lines_in
from commerce.errors import InvalidInput


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


def first_order_days(data: StoreData) -> "pd.Series[pd.Timestamp]":
    """Each customer's first-ever order day (index customer_id), read once per store version:
    who was new in a period, whatever period or segment is asked (store_figures.figures)."""

    def load() -> "pd.Series[pd.Timestamp]":
        orders = store_orders(data).orders
        return orders.groupby("customer_id", sort=False)["day"].min()

    found: pd.Series[pd.Timestamp] = data.memo("top_customers:first_orders", ("store",), load)
    return found


def second_order_days(data: StoreData) -> "pd.Series[pd.Timestamp]":
    """Each customer's second order day (index customer_id; a day after the first: two orders
    on one day are one visit), for those who came back at all, read once per store version:
    how long new customers took to order again (store_figures.figures)."""

    def load() -> "pd.Series[pd.Timestamp]":
        visits = store_orders(data).orders[["customer_id", "day"]].drop_duplicates()
        visits = visits.sort_values(["customer_id", "day"])
        second = visits[visits.groupby("customer_id", sort=False).cumcount() == 1]
        days: pd.Series[pd.Timestamp] = second.set_index("customer_id")["day"]
        return days

    found: pd.Series[pd.Timestamp] = data.memo("top_customers:second_orders", ("store",), load)
    return found


def customer_totals(
    orders: pd.DataFrame, when: Period, members: "frozenset[str] | None"
) -> pd.DataFrame:
    """Revenue, orders, their largest single order, last order day and the days they ordered
    on (two orders on one day are one visit: store_figures' repeat buyers) per customer who
    ordered in the period (of `members` only when given), unordered."""
    if members is not None:
        orders = orders[orders["customer_id"].isin(members)]
    in_period = orders[(orders["day"] >= when.start) & (orders["day"] <= when.end)]
    return in_period.groupby("customer_id", sort=False).agg(
        revenue=("amount", "sum"),
        orders=("amount", "size"),
        largest_order=("amount", "max"),
        last_order=("day", "max"),
        days=("day", "nunique"),
    )


def store_totals(
    data: StoreData, when: Period, name: str | None, members: "frozenset[str] | None"
) -> pd.DataFrame:
    """customer_totals of the store's orders (of segment `name`'s `members` when given), kept
    per store version and period: top_customers, the at-risk list's bounds and store_metrics
    share them."""
    orders = store_orders(data).orders
    key = f"top_customers:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}"
    table: pd.DataFrame = data.memo(key, ("store",), lambda: customer_totals(orders, when, members))
    return table


def bought_totals(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    product_id: str | None,
) -> pd.DataFrame:
    """Revenue, units, orders and last order day per customer, of their order lines of the
    `chosen` categories (names as SalesLines.resolve_category gives them: what they bought of
    any of them) or of one product in the period (of `members` only when given), unordered;
    customers who bought none of it are left out."""
    lines = lines_in(sales, when, members, chosen, product_id)
    return lines.groupby("customer_id", sort=False).agg(
        revenue=("revenue", "sum"),
        units=("units", "sum"),
        orders=("order_id", "nunique"),
        last_order=("day", "max"),
    )


@dataclass(frozen=True)
class Bounds:
    """What a ranking keeps customers within, each bound inclusive (None: no bound): floors
    ("spent $1,000.01 or more") and ceilings ("placed 1 order or fewer") on what they did in
    the period, and on what they spent per order (their spend over their orders)."""

    min_revenue: float | None = None
    min_orders: int | None = None
    max_revenue: float | None = None
    max_orders: int | None = None
    min_average_order: float | None = None
    max_average_order: float | None = None

    def check(self, symbol: str) -> None:
        """InvalidInput naming both bounds when a floor is above its ceiling: nobody could
        pass, which is a question misread rather than an answer."""
        low, high = self.min_revenue, self.max_revenue
        if low is not None and high is not None and round(low, 2) > round(high, 2):
            raise InvalidInput(
                f"min_revenue ({money(low, symbol)}) is above max_revenue "
                f"({money(high, symbol)}): no customer can spend both; give the lower amount "
                "as min_revenue"
            )
        low_orders, high_orders = self.min_orders, self.max_orders
        if low_orders is not None and high_orders is not None and low_orders > high_orders:
            raise InvalidInput(
                f"min_orders ({low_orders:,}) is above max_orders ({high_orders:,}): no "
                "customer can place both; give the smaller count as min_orders"
            )
        low, high = self.min_average_order, self.max_average_order
        if low is not None and high is not None and round(low, 2) > round(high, 2):
            raise InvalidInput(
                f"min_average_order ({money(low, symbol)}) is above max_average_order "
                f"({money(high, symbol)}): no customer's orders can average both; give the "
                "lower amount as min_average_order"
            )

    @property
    def ceiling(self) -> bool:
        """True when a ceiling is set: customers who did nothing in the period would be under
        it, yet only those who did are ranked."""
        return self.max_revenue is not None or self.max_orders is not None


def passing(table: pd.DataFrame, bounds: Bounds) -> pd.DataFrame:
    """The customers of `table` within every bound. Revenue is compared in cents, as answers
    show it: $999.999 is $1,000.00 spent, and $19.994 is under a ceiling of $19.99."""
    keep = pd.Series(True, index=table.index)
    spent = table["revenue"].round(2)
    if bounds.min_revenue is not None:
        keep &= spent >= round(bounds.min_revenue, 2)
    if bounds.max_revenue is not None:
        keep &= spent <= round(bounds.max_revenue, 2)
    if bounds.min_orders is not None:
        keep &= table["orders"] >= bounds.min_orders
    if bounds.max_orders is not None:
        keep &= table["orders"] <= bounds.max_orders
    if bounds.min_average_order is not None or bounds.max_average_order is not None:
        averaged = average_orders(table)
        if bounds.min_average_order is not None:
            keep &= averaged >= round(bounds.min_average_order, 2)
        if bounds.max_average_order is not None:
            keep &= averaged <= round(bounds.max_average_order, 2)
    return table[keep]


def average_orders(table: pd.DataFrame) -> "pd.Series[float]":
    """Each customer's spend per order in the period, in cents as answers show it (NaN for
    one with no order in it: no average, so within no bound on it)."""
    orders = table["orders"].where(table["orders"] > 0)
    averaged: pd.Series[float] = (table["revenue"] / orders).round(2)
    return averaged
