"""The store_metrics tool: the figures a retention operator tracks for a period, store-wide or
of one segment's customers: revenue and orders per customer, the average order value, the
repeat-purchase rate, the new and returning customers, the share of revenue the top spenders
bring, and how many of one period's customers ordered in another too. Read-only, from the
orders (store_figures.py computes, store_metrics_answer.py words); the period is read as
top_customers reads it.
"""

from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.tools.args import Month, Quarter, SegmentName, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.customer_totals import (
    first_order_days,
    second_order_days,
    store_orders,
    store_totals,
)
from assistant.tools.data import StoreData
from assistant.tools.format import count, day, output
from assistant.tools.period_days import DayRange
from assistant.tools.periods import Asked, DaysToDate, Period, between, period_asked, period_words
from assistant.tools.sales_comparison import separate_period
from assistant.tools.store_figures import TOP_PCT, Buyers, figures, gaps, returned
from assistant.tools.store_metrics_answer import answer
from commerce.errors import InvalidInput

Figure = Literal[
    "overview",
    "revenue_per_customer",
    "orders_per_customer",
    "average_order_value",
    "repeat_rate",
    "top_share",
    "retention",
    "new_customers",
    "days_between_orders",
    "days_to_second_order",
]


def store_metrics(
    ctx: ToolContext,
    days: DaysToDate = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    segment: SegmentName | None = None,
    figure: Annotated[
        Figure,
        Field(
            description="The figure the answer opens with (all are in the result): "
            "revenue_per_customer, orders_per_customer, average_order_value, repeat_rate "
            "(customers who ordered on two or more days, of those who ordered), top_share "
            "(the share of revenue of the top `top_pct`% of customers by spend), retention "
            "(with compare_to: how many customers ordered in both periods), new_customers "
            "(customers whose first-ever order fell in the period, and the returning ones, "
            "who ordered in it having first ordered before), days_between_orders (the "
            "median days from a customer's order to their next, both in the period), "
            "days_to_second_order (of the customers whose first order fell in the period, "
            "how many ordered again and the median days to that second order); "
            "overview: the period's customers, orders and revenue first."
        ),
    ] = "overview",
    top_pct: Annotated[
        int,
        Field(ge=1, le=99, description="The top share's customers: this percent of them."),
    ] = TOP_PCT,
    compare_to: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=16,
            description="A second period (a year YYYY, a quarter YYYY-Qn or Qn, a month YYYY-MM "
            "or MM, or 'year before', 'quarter before', 'month before', 'before' or 'year "
            "earlier'), not overlapping the first: how many of the customers of the one that "
            "starts first ordered in the other too.",
        ),
    ] = None,
) -> ToolOutput:
    """The store's customer figures for a period (the last days, from a day, to a day, one
    month, quarter or year; default: the whole history), store-wide or of one segment's
    customers: customers who ordered, orders, revenue, orders and revenue per customer,
    average order value, repeat-purchase rate (customers who ordered on two or more days, of
    those who ordered), new customers (first-ever order in the period) and returning ones
    (first order before it), the share of revenue of the top 10% of customers (`top_pct`),
    the median and average days between a customer's orders (of those who came back in the
    period), how many of the new customers placed a second order (by the store's last order
    day) and the median days they took, and with `compare_to` a second period: how many of
    the earlier period's customers ordered in the later one too, and what share of them that
    is. `figure` says which figure the answer opens with.

    For "what's the average revenue per customer?", "how many orders does a customer place on
    average?", "what is our repeat purchase rate?", "what share of customers bought more than
    once?", "what share of revenue comes from the top 10% of customers?", "how many customers
    bought in both 1997 and 1998?", "how many new customers did we get in 1998?", "what's the
    median time between orders?", "what's the average time to second order?" or "revenue per
    customer among champions in 1997".
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    if figure == "retention" and compare_to is None:
        raise InvalidInput(
            "figure 'retention' needs compare_to: the second period, e.g. year 1997 with "
            "compare_to 1998"
        )
    data = ctx.data
    calendar = store_orders(data).calendar
    segments = data.segments() if segment else None
    name = segments.resolve(segment) if segments is not None and segment else None
    members = segments.member_set(name) if segments is not None and name else None
    if asked.given():
        when = period_asked(calendar, asked, 1)
    else:  # the whole history
        when = between(calendar, calendar.first_day, calendar.last_day)
    buyers = _buyers(data, when, name, members)
    result: dict[str, Any] = {
        **{k: getattr(asked, k) for k in ("since", "until", "month", "quarter", "year")},
        "days": when.days,
        "from": day(when.start),
        "to": day(when.end),
        "orders_from": day(calendar.first_day),
        "orders_to": day(calendar.last_day),
        "segment": name,
        "segment_size": None if members is None else len(members),
        "figure": figure,
        "compare_to": compare_to,
        "figures": figures(buyers, top_pct),
        "retention": None,
        "compared": None,
    }
    if compare_to is not None:
        other = _second_period(compare_to, when, calendar)
        earlier, later = sorted((when, other), key=lambda p: p.start)
        theirs = _buyers(data, other, name, members)
        first, second = (buyers, theirs) if earlier is when else (theirs, buyers)
        result["retention"] = returned(earlier, later, first, second)
        # The figure asked, of the other period too: "revenue per customer 1997 vs 1998".
        result["compared"] = {
            "from": day(other.start),
            "to": day(other.end),
            "figures": figures(theirs, top_pct),
        }
    said = answer(ctx.settings.currency_symbol, result, _where(when, asked, name, members))
    # The card's figures flat: the page draws a card it has no renderer for as one table of
    # facts, where nested objects would read as JSON.
    card = {"type": "store_metrics", "from": result["from"], "to": result["to"],
            "segment": name, "figure": figure, **result["figures"],
            **(result["retention"] or {})}  # fmt: skip
    return output(said, result, [card])


def _buyers(
    data: StoreData, when: Period, name: str | None, members: "frozenset[str] | None"
) -> Buyers:
    """The period's customers with their totals (the table top_customers keeps per store
    version and period), everyone's first order day, to tell the new ones, and the days
    between their orders."""
    waited = data.memo(
        f"store_metrics:gaps:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}",
        ("store",),
        lambda: gaps(store_orders(data).orders, when, members),
    )
    totals = store_totals(data, when, name, members)
    return Buyers(totals, first_order_days(data), when.start, waited, second_order_days(data))


def _second_period(compare_to: str, when: Period, calendar: DayRange) -> Period:
    """The period `compare_to` names; InvalidInput when it overlaps the first (whoever ordered
    in the overlap would count as having ordered in both)."""
    # whoever ordered in an overlap would count as having ordered in both
    why = "give two periods apart, e.g. year 1997 with compare_to 1998"
    return separate_period(compare_to, when, calendar, why)


def _where(when: Period, asked: Asked, name: str | None, members: "frozenset[str] | None") -> str:
    """The period and whose orders, as the answer says them; the whole history named as such."""
    if asked.given():
        period = period_words(when, asked.dated)
    else:
        period = f"from {day(when.start)} to {day(when.end)} (all the store's orders)"
    if members is None:
        return period
    return f"{period} among the {count(len(members), 'customer')} now in '{name}'"
