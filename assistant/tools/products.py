"""The top_products tool: the period's sales totals and what sold best in it (per product or
per category), store-wide or among one segment's customers, against the period of the same
length before.

The totals are the orders' (their amounts, as top_customers counts them: customer_totals.py),
so orders recorded without lines count; the rankings come from the store's order lines
(product_sales.py). Both are read once per store version, and each period's numbers are kept
beside them (data.memo).
"""

from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from assistant.tools.args import Month, Quarter, SegmentName, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.customer_totals import customer_totals, store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import count, day, listing, money, output, pct, revenue_share
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.periods import MAX_DAYS, Asked, Period, period_asked, period_words
from assistant.tools.product_sales import (
    NO_LINES,
    NO_PRODUCTS,
    Grouping,
    Measure,
    SalesLines,
    catalogue_categories,
    ranking,
    sales_lines,
)
from assistant.tools.top_customers_answer import orders_span

DEFAULT_DAYS = 90
MEASURE_WORDS = {"revenue": "revenue", "units": "units sold", "orders": "orders",
                 "customers": "customers who bought"}  # fmt: skip


def cached_sales(data: StoreData) -> SalesLines | None:
    """The store's order lines (None: it has none), read once per store version."""
    sales: SalesLines | None = data.memo(
        "top_products:lines", ("store",), lambda: sales_lines(data.store())
    )
    return sales


def store_categories(data: StoreData) -> list[str]:
    """The product categories the store's catalogue names (the router reads a bare category
    name, "top coffee products", only when it knows the store has it). Only the products
    table's category column is read: the router asks again at every new store version, which
    events make every few seconds, and on a chat turn's thread."""
    names: list[str] = data.memo(
        "top_products:categories", ("store",), lambda: catalogue_categories(data.store())
    )
    return names


def top_products(
    ctx: ToolContext,
    days: Annotated[
        int | None,
        Field(
            ge=1,
            le=MAX_DAYS,
            description="The period: this many days up to the store's last order, e.g. 30, "
            "90 (a quarter) or 365 (a year). Default 90, unless the calendar sets it.",
        ),
    ] = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    segment: SegmentName | None = None,
    category: Annotated[
        str | None,
        Field(min_length=1, max_length=100, description="Only this product category."),
    ] = None,
    by: Annotated[
        Measure,
        Field(description="Rank by revenue, units sold, orders or customers who bought."),
    ] = "revenue",
    per: Annotated[
        Grouping, Field(description="product, or category to rank whole categories.")
    ] = "product",
    limit: Annotated[int, Field(ge=1, le=100, description="How many rows.")] = 10,
    offset: Offset = 0,
) -> ToolOutput:
    """How much the store sold in the last days or in a calendar period (from a day, to a day;
    one month, quarter or year): its revenue, orders and customers; and the best-selling
    products (or categories) of it, ranked by revenue, units, orders or
    customers, with each one's share of the period's revenue and its change on the period of
    the same length before; optionally only what one segment's current members bought, or
    one category. `offset` skips the first ranks, for the next page.

    For "how much did we sell in 1997?", "revenue last month", "what were sales in Q1?",
    "what are our best sellers this quarter?", "what do at-risk customers buy most?",
    "top categories among champions", "most ordered products in the last 30 days", "best
    sellers since January", "what sold best in March?", "top products last quarter" or "best
    sellers between March 5 and April 10".
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    data = ctx.data
    symbol = ctx.settings.currency_symbol
    segments = data.segments() if segment else None
    name = segments.resolve(segment) if segments is not None and segment else None
    members = segments.member_set(name) if segments is not None and name else None
    sales = cached_sales(data)
    if sales is None:
        # A store of bare orders still has its totals; only the ranking needs lines.
        calendar = store_orders(data).calendar
        when = period_asked(calendar, asked, DEFAULT_DAYS)
        bare: dict[str, Any] = {
            **_period_args(asked), **_span(when, calendar.first_day, calendar.last_day),
            "segment": name, "customers": None if members is None else len(members),
            "totals": _period_totals(data, when, name, members), "by": by, "per": per,
            "rows": [], "note": NO_LINES,
        }  # fmt: skip
        said = f"{_sold(symbol, bare, when, asked.dated)}. {NO_LINES}"
        return output(said, bare, [{"type": "products", **bare}])
    chosen = sales.resolve_category(category) if category else None
    when = period_asked(sales.calendar, asked, DEFAULT_DAYS)
    table, revenue = data.memo(
        f"top_products:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}:{chosen}:{per}",
        ("store",),
        lambda: ranking(sales, when, members, chosen, per),
    )
    key = "product_id" if per == "product" else "category"
    order = table.reset_index().sort_values([by, "revenue", key], ascending=[False, False, True])
    page = order.iloc[offset : offset + limit].to_dict("records")
    rows = ranked([_row({str(k): v for k, v in r.items()}, by, per) for r in page], offset)
    result: dict[str, Any] = {
        **_period_args(asked),
        **_span(when, sales.first_day, sales.last_day),
        "before_from": None if when.before_start is None else day(when.before_start),
        "segment": name,
        "customers": None if members is None else len(members),
        "totals": _period_totals(data, when, name, members),
        "category": chosen,
        "by": by,
        "per": per,
        "period_revenue": round(revenue, 2),
        "total": len(order),
        "offset": offset,
        "rows": rows,
    }
    answer = _answer(symbol, result, when, asked.dated, sales, members)
    if not sales.has_products:
        result["note"] = NO_PRODUCTS
        answer += f" {NO_PRODUCTS}"
    return output(answer, result, [{"type": "products", **result}], len(rows))


def _period_args(asked: Asked) -> dict[str, str | None]:
    """The calendar arguments as given (None where not), for the result."""
    return {name: getattr(asked, name) for name in ("since", "until", "month", "quarter", "year")}


def _span(when: Period, first: pd.Timestamp, last: pd.Timestamp) -> dict[str, Any]:
    """The period's days, and the days the store's orders span (as top_customers gives them)."""
    return {"days": when.days, "from": day(when.start), "to": day(when.end),
            "orders_from": day(first), "orders_to": day(last)}  # fmt: skip


def _period_totals(
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


def _sold(symbol: str, result: dict[str, Any], when: Period, dated: bool) -> str:
    """'From 1997-01-01 to 1997-12-31 the store sold $1,234.00 in 56 orders to 7 customers'
    (a segment's: 'the 12 customers in 'champions' bought ... (7 of them ordered)')."""
    totals, period = result["totals"], period_words(when, dated)
    sold = f"{money(totals['revenue'], symbol)} in {count(totals['orders'], 'order')}"
    if result["segment"] is None:
        said = f"the store sold {sold} to {count(totals['customers'], 'customer')}"
    else:
        members = count(result["customers"], "customer")
        said = (
            f"the {members} in '{result['segment']}' bought {sold} "
            f"({totals['customers']:,} of them ordered)"
        )
    return f"{period[:1].upper()}{period[1:]} {said}"


def _row(record: dict[str, Any], by: Measure, per: Grouping) -> dict[str, Any]:
    """One ranked row as plain numbers: the measure ranked by is compared with the period
    before (`before`; `change` None when it was 0 then, or there is no period before)."""
    before = record[f"{by}_before"]
    now = record[by]
    change = None if pd.isna(before) or before == 0 else round(now / before - 1, 4)
    head = (
        {"product_id": record["product_id"], "title": _text(record["title"]),
         "category": _text(record["category"])}
        if per == "product"
        else {"category": record["category"], "products": int(record["products"])}
    )  # fmt: skip
    return head | {
        "revenue": round(float(record["revenue"]), 2),
        "units": round(float(record["units"])),
        "orders": int(record["orders"]),
        "customers": int(record["customers"]),
        "share_of_revenue": round(float(record["share_of_revenue"]), 4),
        "before": None if pd.isna(before) else _number(before, by),
        "change": change,
    }


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _number(value: float, by: Measure) -> float | int:
    return round(float(value), 2) if by == "revenue" else round(float(value))


def _answer(
    symbol: str,
    result: dict[str, Any],
    when: Period,
    dated: bool,
    sales: SalesLines,
    members: "frozenset[str] | None",
) -> str:
    """The period's totals, then the ranking in words: the first rows, and the first one's
    numbers with its change; or why there is nothing to rank (and, for a period outside the
    store's orders, the days they span)."""
    rows, days, by = result["rows"], result["days"], result["by"]
    noun = "product" if result["per"] == "product" else "category"
    plural = "products" if noun == "product" else "categories"
    who = ""
    if result["segment"]:
        who = f" among the {count(result['customers'], 'customer')} in '{result['segment']}'"
    where = f" in {result['category']}" if result["category"] else ""
    scope = f"{period_words(when, dated)}{who}{where}"
    if not rows and result["offset"] and result["total"]:
        return past_end(result["offset"], result["total"], noun, f" sold {scope}")
    if not rows:
        hint = _last_bought(sales, members, result["category"])
        return f"Nothing sold {scope}.{hint}{orders_span(result)}"
    names = [_label(row) for row in rows]
    head = f"{_sold(symbol, result, when, dated)}; top {plural} by {MEASURE_WORDS[by]}{where}"
    if result["offset"]:
        head += f", {span(result['offset'], len(rows), result['total'], noun)}"
    first = rows[0]
    facts = (
        f"{_label(first)}: {money(first['revenue'], symbol)} "
        f"({revenue_share(first)} of the period's revenue{who}), "
        f"{count(first['units'], 'unit')}, {count(first['orders'], 'order')}, "
        f"{first['customers']:,} {'customer' if first['customers'] == 1 else 'customers'}"
    )
    return f"{head}: {listing(names)}. {facts}{_change(first, by, days, when)}."


def _change(row: dict[str, Any], by: Measure, days: int, when: Period) -> str:
    """'; revenue up 12% on the 90 days before' (or why there is no change to give)."""
    if when.before_start is None:
        return f"; the store's orders do not reach back another {count(days, 'day')} to compare"
    period_before = f"the {count(days, 'day')} before"
    if row["change"] is None:
        return f"; none in {period_before}"
    direction = "up" if row["change"] >= 0 else "down"
    return f"; {MEASURE_WORDS[by]} {direction} {pct(abs(row['change']))} on {period_before}"


def _last_bought(sales: SalesLines, members: "frozenset[str] | None", category: str | None) -> str:
    """For a segment or a category that sold nothing in the period: when the same lines (its
    members' purchases, of the category) last sold, and the period that would reach them."""
    if members is None and category is None:
        return ""
    lines = sales.lines
    if members is not None:
        lines = lines[lines["customer_id"].isin(members)]
    if category is not None:
        in_category = sales.products["category"].reindex(lines["product_id"]) == category
        lines = lines[in_category.to_numpy()]
    if lines.empty and members is None:
        return f" {category} has never sold."
    if lines.empty:
        return (
            f" They never bought {category}." if category else " They have no order lines at all."
        )
    what = "purchase" if category is None else f"{category} purchase"
    last = pd.Timestamp(lines["day"].max())
    # "The last N days" count back from the store's last order day, whatever period was asked.
    reach = (sales.last_day - last).days + 1
    whose = f"Their last {what}" if members is not None else f"The last {what}"
    return f" {whose} was on {day(last)}: ask for the last {count(reach, 'day')} or more."


def _label(row: dict[str, Any]) -> str:
    """A product as people read it (its title, with the id when the title lacks it), or a
    category's name."""
    if "product_id" not in row:
        return str(row["category"])
    title, pid = row.get("title"), str(row["product_id"])
    if not title:
        return pid
    return str(title) if pid in str(title) else f"{title} ({pid})"
