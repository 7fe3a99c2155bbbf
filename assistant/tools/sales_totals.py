"""What the store sold in a period, as top_products gives it: the totals (the orders', or the
asked categories' or product's order lines'), the period's days and arguments for the result,
and the same totals of the days just before it, or of another period set beside them
(sales_comparison.py says how that one is named and worded). Kept per store version and
period (data.memo), shared by the rankings per product and per month.
"""

from dataclasses import dataclass
from typing import Any

import pandas as pd

from assistant.tools.customer_totals import customer_totals, store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import day
from assistant.tools.period_days import DayRange
from assistant.tools.periods import Asked, Period
from assistant.tools.product_sales import Chosen, SalesLines, chosen_key, lines_sold
from assistant.tools.products_answer import sold
from assistant.tools.sales_comparison import compared_period, compared_words, comparison


@dataclass(frozen=True)
class SalesAsk:
    """One top_products call as each of its rankings (per product, per month) reads it: the
    period asked, whose sales (a segment's current members, or None for the store's), what
    ranks, the page and the period to set beside it."""

    asked: Asked
    segment: str | None
    members: "frozenset[str] | None"
    by: str
    offset: int
    limit: int
    compare_to: str | None
    symbol: str
    product_id: str | None = None  # one product's sales, not the store's or categories'
    order: str = "most"  # "least": the ranking from its bottom (product_sales.Order)


def opening(
    data: StoreData,
    ask: SalesAsk,
    when: Period,
    calendar: DayRange,
    sales: SalesLines | None,
    chosen: Chosen | None,
) -> dict[str, Any]:
    """The result's first keys, the same in every ranking: the arguments and days of the
    period, the segment, and the totals (the `chosen` categories' or the product's lines' when
    read)."""
    totals = scoped_totals(data, sales, when, ask.segment, ask.members, chosen, ask.product_id)
    return {
        **period_args(ask.asked),
        **span_of(when, calendar.first_day, calendar.last_day),
        "segment": ask.segment,
        "customers": None if ask.members is None else len(ask.members),
        "totals": totals,
    }


def compared_with(
    data: StoreData,
    calendar: DayRange,
    compare_to: str,
    result: dict[str, Any],
    when: Period,
    symbol: str,
    sales: SalesLines | None = None,
) -> str:
    """The totals of the period `compare_to` names, put in `result["compared"]` with the change
    from them, and in words to follow the answer; the same sums as the period asked (a
    segment's members, the categories' or the product's lines)."""
    then = compared_period(compare_to, when, calendar)
    name, chosen = result["segment"], result.get("categories")
    members = data.segments().member_set(name) if name else None  # cached per store version
    totals = scoped_totals(
        data, sales, then, name, members, tuple(chosen) if chosen else None,
        result.get("product_id"),
    )  # fmt: skip
    result["compared"] = comparison(then, totals, result["totals"])
    opening = sold(symbol, {**result, "totals": totals}, then, True)
    return compared_words(result["compared"], when.days, opening)


def days_before(
    data: StoreData,
    ask: SalesAsk,
    when: Period,
    sales: SalesLines | None,
    chosen: Chosen | None,
    totals: dict[str, Any],
) -> dict[str, Any] | None:
    """The same totals of the `when.days` days just before the period (as `compared` gives
    another period's, with the change from them to `totals`): what the answer's opening total
    is set against. None when the store's orders do not reach back that far, or beside
    `compare_to`, whose period the totals are set against instead (one change, not two)."""
    if when.before_start is None or ask.compare_to is not None:
        return None
    end = when.start - pd.Timedelta(days=1)
    before = Period(when.days, when.before_start, end, None)
    then = scoped_totals(data, sales, before, ask.segment, ask.members, chosen, ask.product_id)
    return comparison(before, then, totals)


def period_args(asked: Asked) -> dict[str, str | None]:
    """The calendar arguments as given (None where not), for the result."""
    return {name: getattr(asked, name) for name in ("since", "until", "month", "quarter", "year")}


def span_of(when: Period, first: pd.Timestamp, last: pd.Timestamp) -> dict[str, Any]:
    """The period's days, and the days the store's orders span (as top_customers gives them)."""
    return {"days": when.days, "from": day(when.start), "to": day(when.end),
            "orders_from": day(first), "orders_to": day(last)}  # fmt: skip


def scoped_totals(
    data: StoreData,
    sales: SalesLines | None,
    when: Period,
    name: str | None,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    product_id: str | None,
) -> dict[str, float | int]:
    """The period's totals of what was asked: the orders' (every order, lines or not), else
    the `chosen` categories' or the product's order lines'."""
    if sales is None or (chosen is None and product_id is None):
        return period_totals(data, when, name, members)
    return lines_totals(data, sales, when, name, members, chosen, product_id)


def period_totals(
    data: StoreData, when: Period, name: str | None, members: "frozenset[str] | None"
) -> dict[str, float | int]:
    """What the store sold in the period (to a segment's current members only, when one is
    asked): the orders' amounts, how many orders and how many customers placed them."""
    orders = store_orders(data).orders
    per_customer: pd.DataFrame = data.memo(
        f"top_products:totals:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}",
        ("store",),
        lambda: customer_totals(orders, when, members),
    )
    return {
        "revenue": round(float(per_customer["revenue"].sum()), 2),
        "orders": int(per_customer["orders"].sum()),
        "customers": len(per_customer),
    }


def lines_totals(
    data: StoreData,
    sales: SalesLines,
    when: Period,
    name: str | None,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    product_id: str | None,
) -> dict[str, float | int]:
    """What the `chosen` categories, or the product, sold in the period (to a segment's current
    members only, when one is asked): their order lines' revenue, the orders holding one, the
    customers who bought one (and a product's units)."""
    scope = f"{chosen_key(chosen)}:{product_id}"
    totals: dict[str, float | int] = data.memo(
        f"top_products:sold:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}:{scope}",
        ("store",),
        lambda: lines_sold(sales, when, members, chosen, product_id),
    )
    return totals
