"""top_products per calendar month or quarter ("best month in 1997", "which quarter was
best", "sales by month"): the period's months (or quarters) ranked by revenue, orders or
customers, each with its share of the period's revenue. A month cut by the period's edges (the
default 90 days begin mid-month) counts only its days inside and is marked as part.

The store's orders are summed (orders without lines too), as top_products' opening totals
are; with categories, their order lines, as those categories' totals are.
"""

from typing import Any, Literal

import pandas as pd

from assistant.tools.base import ToolOutput
from assistant.tools.categories import categories_fields, categories_named
from assistant.tools.customer_totals import store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import count, money, output, pct
from assistant.tools.periods import Period, between, period_asked
from assistant.tools.product_sales import NO_LINES, Chosen, SalesLines, lines_in
from assistant.tools.products_answer import sold
from assistant.tools.sales_totals import SalesAsk, compared_with, opening
from commerce.errors import InvalidInput

Unit = Literal["month", "quarter"]
MEASURES = ("revenue", "orders", "customers")


def sales_per_period(
    data: StoreData,
    sales: SalesLines | None,
    ask: SalesAsk,
    unit: Unit,
    category: str | None,
    default_days: int,
) -> ToolOutput:
    """top_products per month or quarter: the period's totals, then its months (or quarters)
    ranked, with the comparison when asked."""
    if ask.by not in MEASURES:
        raise InvalidInput(
            f"by '{ask.by}' ranks products; {unit}s rank by revenue, orders or customers"
        )
    if category is not None and sales is None:  # a category's sales are its order lines
        return output(
            NO_LINES, {"category": category, "totals": None, "rows": [], "note": NO_LINES}
        )
    chosen = categories_named(sales, category) if sales and category else None
    names = None if chosen is None else chosen.names
    calendar = sales.calendar if sales is not None else store_orders(data).calendar
    # Months ranked over a quarter's days would be three: with no period asked, every month
    # (or quarter) of the store's history is ranked ("which month had the most orders?").
    if ask.asked.given() or ask.compare_to is not None:  # set beside a period: the default
        when = period_asked(calendar, ask.asked, default_days)
    else:
        when = between(calendar, calendar.first_day, calendar.last_day)
    table = period_rows(data, sales, when, ask.members, names, unit)
    least = ask.order == "least"
    rows = ranked_rows(table, unit, ask.by, ask.offset, ask.limit, least)
    result: dict[str, Any] = {
        **opening(data, ask, when, calendar, sales, names),
        **categories_fields(chosen), "by": ask.by, "per": unit, "order": ask.order,
        "total": len(table),
        "offset": ask.offset, "rows": rows,
    }  # fmt: skip
    of = f"{chosen.said}'s revenue in the period" if chosen else "the period's revenue"
    said = sold(ask.symbol, result, when, ask.asked.dated) + periods_sentence(
        rows, unit, ask.by, len(table), ask.symbol, of, least
    )
    said += "."
    if ask.compare_to is not None:
        said += compared_with(data, calendar, ask.compare_to, result, when, ask.symbol, sales)
    if chosen is not None:
        said = f"{chosen.misread}{said}"
    return output(said, result, [{"type": "products", **result}], len(rows))


def period_rows(
    data: StoreData,
    sales: SalesLines | None,
    when: Period,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    unit: Unit,
) -> pd.DataFrame:
    """One row per month (or quarter) the period touches, in time order: its first and last
    day inside the period, revenue, orders and customers (of `members` only when given; of
    the `chosen` categories' order lines when given)."""
    if chosen is not None and sales is not None:
        lines = lines_in(sales, when, members, chosen)
        frame = lines[["day", "order_id", "customer_id"]].assign(amount=lines["revenue"])
    else:
        orders = store_orders(data).orders
        if members is not None:
            orders = orders[orders["customer_id"].isin(members)]
        inside = (orders["day"] >= when.start) & (orders["day"] <= when.end)
        frame = orders.loc[inside, ["day", "amount", "customer_id"]].copy()
        frame["order_id"] = range(len(frame))  # each row is one order
    starts = pd.period_range(when.start, when.end, freq="M" if unit == "month" else "Q")
    frame["period"] = frame["day"].dt.to_period("M" if unit == "month" else "Q")
    grouped = frame.groupby("period").agg(
        revenue=("amount", "sum"),
        orders=("order_id", "nunique"),
        customers=("customer_id", "nunique"),
    )
    table = grouped.reindex(starts, fill_value=0)
    table["from"] = [max(p.start_time, when.start) for p in starts]
    table["to"] = [min(p.end_time.normalize(), when.end) for p in starts]
    table["part"] = [p.start_time < when.start or p.end_time.normalize() > when.end for p in starts]
    return table


def ranked_rows(
    table: pd.DataFrame, unit: Unit, by: str, offset: int, limit: int, least: bool
) -> list[dict[str, Any]]:
    """The months (or quarters) best first by `by` (ties: revenue, then time), or weakest
    first when `least`, as plain rows."""
    revenue = float(table["revenue"].sum())
    ordered = table.reset_index(names="period")
    ordered = ordered.sort_values([by, "revenue", "period"], ascending=[least, least, True])
    rows = []
    records = ordered.iloc[offset : offset + limit].to_dict("records")
    whole = revenue or 1.0  # no revenue at all: every share is 0
    for rank, record in enumerate(records, offset + 1):
        rows.append(
            {
                "rank": rank,
                unit: _label(record["period"], unit),
                "from": f"{record['from']:%Y-%m-%d}",
                "to": f"{record['to']:%Y-%m-%d}",
                "part": bool(record["part"]),
                "revenue": round(float(record["revenue"]), 2),
                "orders": int(record["orders"]),
                "customers": int(record["customers"]),
                "share_of_revenue": round(float(record["revenue"]) / whole, 4),
            }
        )
    return rows


def periods_sentence(
    rows: list[dict[str, Any]],
    unit: Unit,
    by: str,
    total: int,
    symbol: str,
    of: str,
    least: bool,
) -> str:
    """'; months by revenue: 1997-03 ($393,155.27), 1997-01 (...) and 10 more. The best,
    1997-03: $393,155.27 (19.4% of the period's revenue), 9,000 orders, 8,000 customers'."""
    if not rows:
        return f"; no {unit} of it had a sale"
    shown = ", ".join(f"{r[unit]}{' (part)' if r['part'] else ''} ({_measure(r, by, symbol)})"
                      for r in rows[:3])  # fmt: skip
    more = total - min(len(rows), 3)
    listing = f"{shown} and {more} more" if more > 0 else shown
    first = rows[0]
    end = "weakest" if least else "best"
    best = (
        f"The {end if first['rank'] == 1 else 'first shown'}, {first[unit]}"
        f"{' (part, ' + _days(first) + ')' if first['part'] else ''}: "
        f"{money(first['revenue'], symbol)} ({pct(first['share_of_revenue'])} of {of}), "
        f"{count(first['orders'], 'order')}, {count(first['customers'], 'customer')}"
    )
    ranked_as = f"{by}, the weakest first" if least else by
    return f"; {unit}s by {ranked_as}: {listing}. {best}"


def _days(row: dict[str, Any]) -> str:
    """'12 days': how much of a month (or quarter) cut by the period is inside it."""
    return count((pd.Timestamp(row["to"]) - pd.Timestamp(row["from"])).days + 1, "day")


def _measure(row: dict[str, Any], by: str, symbol: str) -> str:
    return money(row["revenue"], symbol) if by == "revenue" else count(row[by], by[:-1])


def _label(period: pd.Period, unit: Unit) -> str:
    return f"{period.year}-Q{period.quarter}" if unit == "quarter" else f"{period:%Y-%m}"
