"""The figures store_metrics reports for a period, from the store's orders: how many customers
ordered, their orders and revenue, per customer and per order, how many ordered on two or more
days (repeat buyers), how many were new (their first-ever order in the period) or returning,
how many of the new ones came back for a second order and how long they took,
what share of the revenue the top spenders brought, how long customers waited between their
orders, and how many of one period's customers ordered in another too. Plain pandas over
customer_totals.store_orders' table, so the numbers are the same orders top_products and
top_customers count.
"""

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from assistant.tools.format import day
from assistant.tools.periods import Period

TOP_PCT = 10  # "the top 10% of customers", unless another share is asked


@dataclass(frozen=True)
class Buyers:
    """Each customer who ordered in a period: revenue, orders and the days they ordered on,
    as customer_totals.store_totals counts them (two orders on one day are one day: a basket
    split in two is no return visit)."""

    table: pd.DataFrame  # index customer_id; columns revenue, orders, days (and last_order)
    # Every customer's first-ever order day (customer_totals.first_order_days), store-wide:
    # a segment's member who first ordered before joining it is no newcomer.
    first_orders: "pd.Series[pd.Timestamp]"
    start: pd.Timestamp  # the period's first day: a first order on or after it is new
    # Days from each order day of a customer to their next one, both in the period (gaps()).
    gaps: "pd.Series[float]"
    # Every customer's second order day (customer_totals.second_order_days), store-wide: how
    # long the period's new customers took to come back, whenever they did.
    second_orders: "pd.Series[pd.Timestamp]"


def gaps(
    orders: pd.DataFrame, when: Period, members: "frozenset[str] | None"
) -> "pd.Series[float]":
    """The days between each customer's consecutive order days in the period (of `members`
    only when given): one value per return, so a customer who came back five times counts
    five times, as "the time between orders" is usually measured. Two orders on one day are
    one visit, as the repeat buyers count them."""
    if members is not None:
        orders = orders[orders["customer_id"].isin(members)]
    inside = orders[(orders["day"] >= when.start) & (orders["day"] <= when.end)]
    visits = inside[["customer_id", "day"]].drop_duplicates().sort_values(["customer_id", "day"])
    waited = visits.groupby("customer_id", sort=False)["day"].diff().dropna()
    days: pd.Series[float] = waited.dt.days.astype("float64")
    return days


def figures(buyers: Buyers, top_pct: int) -> dict[str, Any]:
    """The period's figures: counts and sums, their ratios (None when nobody ordered), the new
    and returning customers (first-ever order in the period, or before it), and the share of
    revenue of the top `top_pct`% of customers by spend (at least one customer)."""
    table = buyers.table
    customers = len(table)
    orders = int(table["orders"].sum())
    revenue = float(table["revenue"].sum())
    repeat = int((table["days"] >= 2).sum())
    top = math.ceil(customers * top_pct / 100) if customers else 0
    top_revenue = float(table["revenue"].nlargest(top).sum()) if top else 0.0
    # Everyone here ordered in the period, so a first order from its start on lies in it.
    firsts = buyers.first_orders.reindex(table.index)
    new = int((firsts >= buyers.start).sum())
    waited = buyers.gaps
    # The new customers' days to their second order, by the store's last order day: a first
    # order late in the period has had less time to be followed, which the answer says.
    newcomers = firsts[firsts >= buyers.start]
    seconds = (buyers.second_orders.reindex(newcomers.index) - newcomers).dt.days.dropna()
    return {
        "customers": customers,
        "orders": orders,
        "revenue": round(revenue, 2),
        "orders_per_customer": _ratio(orders, customers, 2),
        "revenue_per_customer": _ratio(revenue, customers, 2),
        "average_order_value": _ratio(revenue, orders, 2),
        "repeat_customers": repeat,
        "repeat_rate": _ratio(repeat, customers, 4),
        "new_customers": new,
        "returning_customers": customers - new,
        "new_share": _ratio(new, customers, 4),
        "top_pct": top_pct,
        "top_customers": top,
        "top_revenue": round(top_revenue, 2),
        "top_share": _ratio(top_revenue, revenue, 4) if revenue > 0 else None,
        "returns": len(waited),
        "median_days_between_orders": round(float(waited.median()), 1) if len(waited) else None,
        "average_days_between_orders": round(float(waited.mean()), 1) if len(waited) else None,
        "second_orders": len(seconds),
        "second_order_rate": _ratio(len(seconds), new, 4),
        "median_days_to_second_order": round(float(seconds.median()), 1) if len(seconds) else None,
        "average_days_to_second_order": round(float(seconds.mean()), 1) if len(seconds) else None,
    }


def returned(earlier: Period, later: Period, first: Buyers, second: Buyers) -> dict[str, Any]:
    """How many of the customers of the `earlier` period ordered in the `later` one too, and
    what share of the earlier period's customers that is (None when it had none)."""
    before, after = set(first.table.index), set(second.table.index)
    both = len(before & after)
    return {
        "earlier_from": day(earlier.start),
        "earlier_to": day(earlier.end),
        "later_from": day(later.start),
        "later_to": day(later.end),
        "earlier_customers": len(before),
        "later_customers": len(after),
        "both": both,
        "retention_rate": _ratio(both, len(before), 4),
    }


def _ratio(part: float, whole: float, places: int) -> float | None:
    return round(part / whole, places) if whole else None
