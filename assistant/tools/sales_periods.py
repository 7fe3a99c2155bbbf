"""top_products per calendar month, quarter, week or day ("best month in 1997", "which
quarter was best", "sales by month", "orders per week in March", "our best day"), or per
weekday ("which day of the week has the most orders"): the period's months (quarters, weeks,
days) ranked by revenue, orders or customers, each with its share of the period's revenue. A
month cut by the period's edges (the default 90 days begin mid-month) counts only its days
inside and is marked as part. Weeks run Monday to Sunday and are named by their Monday.
Weekdays are ranked by their average day, since a period may hold five Mondays and four
Tuesdays.

The store's orders are summed (orders without lines too), as top_products' opening totals
are; with categories, their order lines, as those categories' totals are.
"""

from typing import Any, Literal

import pandas as pd

from assistant.tools.base import ToolOutput
from assistant.tools.categories import categories_fields, categories_named
from assistant.tools.customer_totals import store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import count, money, output
from assistant.tools.periods import Period, between, period_asked
from assistant.tools.product_sales import NO_LINES, Chosen, SalesLines, lines_in
from assistant.tools.products_answer import sold
from assistant.tools.sales_totals import SalesAsk, compared_with, opening
from commerce.errors import InvalidInput

Unit = Literal["month", "quarter", "week", "day", "weekday"]
UNITS: tuple[Unit, ...] = ("month", "quarter", "week", "day", "weekday")
MEASURES = ("revenue", "orders", "customers")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FREQUENCY = {"month": "M", "quarter": "Q", "week": "W-SUN", "day": "D"}  # W-SUN: to Sunday


def sales_per_period(
    data: StoreData,
    sales: SalesLines | None,
    ask: SalesAsk,
    unit: Unit,
    category: str | None,
    default_days: int,
) -> ToolOutput:
    """top_products per month, quarter, week or weekday: the period's totals, then its months
    (quarters, weeks, weekdays) ranked, with the comparison when asked."""
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
    said = sold(ask.symbol, result, when, ask.asked.dated)
    if unit == "weekday":
        said += weekdays_sentence(rows, ask.by, len(table), ask.symbol, of, least)
    else:
        said += periods_sentence(rows, unit, ask.by, len(table), ask.symbol, of, least)
    if unit in ("week", "day") and rows:
        said += period_average(table, when, ask.symbol, unit)
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
    """One row per month (quarter, week) the period touches, in time order: its first and
    last day inside the period, revenue, orders and customers (of `members` only when given;
    of the `chosen` categories' order lines when given); per weekday, _weekday_rows'."""
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
    if unit == "weekday":
        return _weekday_rows(frame, when)
    frequency = _FREQUENCY[unit]
    starts = pd.period_range(when.start, when.end, freq=frequency)
    frame["period"] = frame["day"].dt.to_period(frequency)
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


def _weekday_rows(frame: pd.DataFrame, when: Period) -> pd.DataFrame:
    """One row per weekday the period holds (0 is Monday): its days in the period, its
    totals (customers counted once), and its average day: revenue, orders and customers who
    ordered that day, days without a sale counting as 0."""
    days = pd.Series(pd.date_range(when.start, when.end, freq="D").day_of_week)
    held = days.value_counts().sort_index()
    weekday = frame["day"].dt.day_of_week
    table = (
        frame.groupby(weekday)
        .agg(
            revenue=("amount", "sum"),
            orders=("order_id", "nunique"),
            customers=("customer_id", "nunique"),
        )
        .reindex(held.index, fill_value=0)
    )
    table["days"] = held
    daily = frame.groupby("day")["customer_id"].nunique()
    visits = (
        daily.groupby(pd.DatetimeIndex(daily.index).day_of_week)
        .sum()
        .reindex(held.index, fill_value=0)
    )
    for measure, total in (("revenue", table["revenue"]), ("orders", table["orders"]),
                           ("customers", visits)):  # fmt: skip
        table[f"{measure}_per_day"] = total / held
    return table


def ranked_rows(
    table: pd.DataFrame, unit: Unit, by: str, offset: int, limit: int, least: bool
) -> list[dict[str, Any]]:
    """The months (quarters, weeks) best first by `by` (ties: revenue, then time), or weakest
    first when `least`, as plain rows; weekdays by their average day's `by`."""
    revenue = float(table["revenue"].sum())
    ordered = table.reset_index(names="period")
    ranks = [f"{by}_per_day", "revenue_per_day"] if unit == "weekday" else [by, "revenue"]
    ordered = ordered.sort_values([*ranks, "period"], ascending=[least, least, True])
    rows = []
    records = ordered.iloc[offset : offset + limit].to_dict("records")
    whole = revenue or 1.0  # no revenue at all: every share is 0
    for rank, record in enumerate(records, offset + 1):
        figures = {
            "revenue": round(float(record["revenue"]), 2),
            "orders": int(record["orders"]),
            "customers": int(record["customers"]),
            "share_of_revenue": round(float(record["revenue"]) / whole, 4),
        }
        if unit == "weekday":
            rows.append(
                {
                    "rank": rank,
                    "weekday": WEEKDAYS[int(record["period"])],
                    "days": int(record["days"]),
                    **figures,
                    "revenue_per_day": round(float(record["revenue_per_day"]), 2),
                    "orders_per_day": round(float(record["orders_per_day"]), 2),
                    "customers_per_day": round(float(record["customers_per_day"]), 2),
                }
            )
            continue
        rows.append(
            {
                "rank": rank,
                unit: _label(record["period"], unit),
                "from": f"{record['from']:%Y-%m-%d}",
                "to": f"{record['to']:%Y-%m-%d}",
                "part": bool(record["part"]),
                **figures,
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
    listing = _listing([f"{_named(r, unit)}{' (part)' if r['part'] else ''} "
                        f"({_measure(r, by, symbol)})" for r in rows[:3]], total)  # fmt: skip
    first = rows[0]
    best = (
        f"{_first_said(first, least)}, {_named(first, unit)}"
        f"{' (part, ' + _days(first) + ')' if first['part'] else ''}: "
        f"{money(first['revenue'], symbol)} ({first['share_of_revenue']:.1%} of {of}), "
        f"{count(first['orders'], 'order')}, {count(first['customers'], 'customer')}"
    )
    ranked_as = f"{by}, the weakest first" if least else by
    return f"; {unit}s by {ranked_as}: {listing}. {best}"


def weekdays_sentence(
    rows: list[dict[str, Any]], by: str, total: int, symbol: str, of: str, least: bool
) -> str:
    """'; weekdays by orders a day: Monday (41.2), Tuesday (39.0), ... and 4 more. The best,
    Monday: 536 orders on its 13 days in the period (41.2 a day), ...'."""
    if not rows:
        return "; no weekday of it had a sale"
    listing = _listing([f"{r['weekday']} ({_daily(r, by, symbol)})" for r in rows[:3]], total)
    first = rows[0]
    best = (
        f"{_first_said(first, least)}, {first['weekday']}: "
        f"{money(first['revenue'], symbol)} ({first['share_of_revenue']:.1%} of {of}) in "
        f"{count(first['orders'], 'order')} on its {count(first['days'], 'day')} in the period; "
        f"a {first['weekday']} on average: {money(first['revenue_per_day'], symbol)}, "
        f"{first['orders_per_day']:,.1f} orders, {first['customers_per_day']:,.1f} customers"
    )
    ranked_as = f"{_per_day(by)}, the weakest first" if least else _per_day(by)
    return f"; weekdays by {ranked_as}: {listing}. {best}"


def period_average(table: pd.DataFrame, when: Period, symbol: str, unit: Unit) -> str:
    """'. On average $12,345.67 and 321.0 orders a week' (or a day): the period's sums over
    its weeks (days), weeks cut by the period's edges counting as the days they hold."""
    units = ((when.end - when.start).days + 1) / (7 if unit == "week" else 1)
    revenue = float(table["revenue"].sum()) / units
    orders = float(table["orders"].sum()) / units
    return f". On average {money(revenue, symbol)} and {orders:,.1f} orders a {unit}"


def _listing(shown: list[str], total: int) -> str:
    """'a, b, c and 9 more': the first rows said, and how many are left of `total`."""
    more = total - len(shown)
    return f"{', '.join(shown)} and {more} more" if more > 0 else ", ".join(shown)


def _first_said(first: dict[str, Any], least: bool) -> str:
    """'The best', 'The weakest', or 'The first shown' on a later page."""
    return f"The {'weakest' if least else 'best'}" if first["rank"] == 1 else "The first shown"


def _per_day(by: str) -> str:
    return "revenue a day" if by == "revenue" else f"{by} a day"


def _daily(row: dict[str, Any], by: str, symbol: str) -> str:
    """A weekday's average day in the measure ranked: '$1,234.56' or '41.2'."""
    value = float(row[f"{by}_per_day"])
    return money(value, symbol) if by == "revenue" else f"{value:,.1f}"


def _named(row: dict[str, Any], unit: Unit) -> str:
    """How the answer names a row: 1997-03, 1997-Q1, or 'week of 1998-03-02'."""
    return f"week of {row[unit]}" if unit == "week" else str(row[unit])


def _days(row: dict[str, Any]) -> str:
    """'12 days': how much of a month (or quarter) cut by the period is inside it."""
    return count((pd.Timestamp(row["to"]) - pd.Timestamp(row["from"])).days + 1, "day")


def _measure(row: dict[str, Any], by: str, symbol: str) -> str:
    return money(row["revenue"], symbol) if by == "revenue" else count(row[by], by[:-1])


def _label(period: pd.Period, unit: Unit) -> str:
    """1997-Q1, 1997-03, a day (1998-03-02), or a week by its Monday: 1998-03-02."""
    if unit in ("week", "day"):
        return f"{period.start_time:%Y-%m-%d}"
    return f"{period.year}-Q{period.quarter}" if unit == "quarter" else f"{period:%Y-%m}"
