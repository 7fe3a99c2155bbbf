"""The top_customers tool: who spent the most, or placed the most orders, to date or in a
period, store-wide or within one segment; each with their risk and predicted value now.

at_risk_customers ranks by what the predictor expects (value at risk, churn risk, predicted
value); this ranks by what customers did, from the orders table, so it also answers for a
store never scored. An order's revenue is its amount (docs/data.md). The orders are read once
per store version and each period's totals kept beside them (data.memo).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from assistant.tools.args import Month, Quarter, SegmentName, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.data import StoreData
from assistant.tools.format import chance, count, day, listing, money, output, revenue_share
from assistant.tools.lookups import ScoreTable
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.period_days import DayRange
from assistant.tools.periods import MAX_DAYS, Asked, Period, between, period_asked, period_words
from predictors.segment_facts import empty_segment

CustomerMeasure = Literal["revenue", "orders"]
SCORED = ("churn_risk", "clv", "value_at_risk")  # what each row says of the customer now


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


def top_customers(
    ctx: ToolContext,
    days: Annotated[
        int | None,
        Field(
            ge=1,
            le=MAX_DAYS,
            description="The period: this many days up to the store's last order. Default: "
            "the whole history, unless the calendar sets a period.",
        ),
    ] = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    segment: SegmentName | None = None,
    by: Annotated[
        CustomerMeasure,
        Field(description="Rank by revenue (what they spent) or by number of orders."),
    ] = "revenue",
    limit: Annotated[int, Field(ge=1, le=100, description="How many customers.")] = 10,
    offset: Offset = 0,
) -> ToolOutput:
    """The customers who spent the most (or placed the most orders) to date, in the last days
    or in a calendar period (from a day, to a day; one month, quarter or year), store-wide or
    within one segment, each with their share of the period's revenue and, when scored,
    their churn risk and predicted value now. `offset` skips the first ranks, for the next
    page.

    For "who are our biggest spenders?", "top customers by revenue", "which customers placed
    the most orders?", "who spent the most last year?" or "top 20 champions by spend in Q4".
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    data = ctx.data
    store = store_orders(data)
    segments = data.segments() if segment else None
    name = segments.resolve(segment) if segments is not None and segment else None
    members = segments.member_set(name) if segments is not None and name else None
    calendar = store.calendar
    if asked.given():
        when = period_asked(calendar, asked, 1)
    else:  # the whole history, with no period before it to compare with
        when = between(calendar, calendar.first_day, calendar.last_day)
    table = data.memo(
        f"top_customers:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}",
        ("store",),
        lambda: customer_totals(store.orders, when, members),
    )
    revenue = float(table["revenue"].sum())
    other = "revenue" if by == "orders" else "orders"
    order = table.reset_index().sort_values(
        [by, other, "customer_id"], ascending=[False, False, True]
    )
    page = order.iloc[offset : offset + limit].to_dict("records")
    scores, segment_of = data.scores(), data.segments().segment_of
    rows = ranked(
        [_row({str(k): v for k, v in r.items()}, revenue, scores, segment_of) for r in page],
        offset,
    )
    result: dict[str, Any] = {
        **{k: getattr(asked, k) for k in ("since", "until", "month", "quarter", "year")},
        "days": when.days if asked.given() else None,
        "from": day(when.start),
        "to": day(when.end),
        "segment": name,
        "segment_size": None if members is None else len(members),
        "orders_from": day(calendar.first_day),
        "orders_to": day(calendar.last_day),
        "by": by,
        "period_revenue": round(revenue, 2),
        "total": len(order),
        "offset": offset,
        "rows": rows,
    }
    scope = _scope(when, asked, name, members)
    answer = _answer(ctx.settings.currency_symbol, result, scope)
    return output(answer, result, [{"type": "top_customers", **result}], len(rows))


def _row(
    record: dict[str, Any],
    revenue: float,
    scores: ScoreTable | None,
    segment_of: Mapping[str, str],
) -> dict[str, Any]:
    """One ranked customer: what they did in the period, their segment, and (when scored)
    their churn risk and predicted value now."""
    cid = str(record["customer_id"])
    score = scores.row(cid) if scores is not None else None
    spent = float(record["revenue"])
    return {
        "customer_id": cid,
        "revenue": round(spent, 2),
        "orders": int(record["orders"]),
        "last_order": day(record["last_order"]),
        "share_of_revenue": round(spent / revenue, 4) if revenue > 0 else 0.0,
        "segment": segment_of.get(cid),
        **{key: None if score is None else score[key] for key in SCORED},
    }


def _scope(when: Period, asked: Asked, name: str | None, members: "frozenset[str] | None") -> str:
    """The period and whose orders, as the answer says them."""
    period = period_words(when, asked.dated) if asked.given() else f"to {day(when.end)}"
    who = f" among the {count(len(members), 'customer')} in '{name}'" if members is not None else ""
    return period + who


def _orders_span(result: dict[str, Any]) -> str:
    """For a period outside the orders: the days they span, so the next question can hit."""
    first, last = result["orders_from"], result["orders_to"]
    if result["from"] > last or result["to"] < first:
        return f" The store's orders run from {first} to {last}."
    return ""


def _answer(symbol: str, result: dict[str, Any], scope: str) -> str:
    """The ranking in words: the first customers with what they spent (or ordered), and the
    first one's numbers; or why there is nobody to rank."""
    rows, by = result["rows"], result["by"]
    if not rows and result["offset"] and result["total"]:
        return past_end(result["offset"], result["total"], "customer", f" who ordered {scope}")
    if not rows and result["segment"] and not result["segment_size"]:
        return f"No customers to rank: {empty_segment(result['segment'])}."
    if not rows:
        return f"No orders {scope}.{_orders_span(result)}"
    head = f"Top customers by {'spend' if by == 'revenue' else 'orders'} {scope}"
    if result["offset"]:
        head += f", {span(result['offset'], len(rows), result['total'], 'customer')}"
    elif not result["segment"] or result["total"] < result["segment_size"]:
        head += f" (of {count(result['total'], 'customer')} who ordered)"
    names = [
        f"{r['customer_id']} ({money(r['revenue'], symbol) if by == 'revenue' else r['orders']})"
        for r in rows
    ]
    first = rows[0]
    whose = "the segment's" if result["segment"] else "all"
    facts = (
        f"{first['customer_id']} spent {money(first['revenue'], symbol)} on "
        f"{count(first['orders'], 'order')} ({revenue_share(first)} of {whose} revenue in the "
        f"period), the last on {first['last_order']}"
    )
    if first["churn_risk"] is not None:
        facts += (
            f"; churn risk now {chance(first['churn_risk'])}, predicted value "
            f"{money(first['clv'], symbol)}"
        )
    return f"{head}: {listing(names)}. {facts}."
