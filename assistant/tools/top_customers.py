"""The top_customers tool: who spent the most, or placed the most orders, to date or in a
period, store-wide or within one segment, of all their orders or of what they bought of one
category or product (by id or by name); only those within a spend or an order count when
asked (at or over a floor, at or under a ceiling), only the period's new (or returning)
customers when asked; or the newest customers by their first order; each with their risk
and predicted value now.

at_risk_customers ranks by what the predictor expects (value at risk, churn risk, predicted
value); this ranks by what customers did, from the orders table (or the order lines, for a
category or a product), so it also answers for a store never scored. The totals and bounds
are customer_totals.py's; what customers are ranked by buying, product_names.py's; the
bounds' arguments and words, top_customers_bounds.py's; the answer in words
top_customers_answer.py's.
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from assistant.tools.args import Month, ProductId, Quarter, SegmentName, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.categories import categories_fields
from assistant.tools.customer_shares import (
    Lead,
    ShareOf,
    base_bounds,
    names_of,
    share_of_customers,
)
from assistant.tools.customer_totals import (
    Bounds,
    average_orders,
    bought_totals,
    first_order_days,
    passing,
    store_orders,
    store_totals,
)
from assistant.tools.customer_trends import (
    MEASURE_WORDS,
    CustomerTrend,
    TrendFrom,
    change_fields,
    returned_order,
    trend_answer,
    trend_table,
)
from assistant.tools.format import day, output
from assistant.tools.lookups import ScoreTable
from assistant.tools.paging import Offset, ranked
from assistant.tools.periods import Asked, DaysToDate, Period, between, period_asked
from assistant.tools.product_names import candidates_listed, candidates_said, what_bought
from assistant.tools.product_sales import Chosen, SalesLines, cached_sales, chosen_key
from assistant.tools.product_trends import trend_order
from assistant.tools.sales_comparison import trend_period
from assistant.tools.top_customers_answer import NO_LINES_TO_RANK, answer, scope
from assistant.tools.top_customers_bounds import (
    MaxAverageOrder,
    MaxOrders,
    MaxRevenue,
    MinAverageOrder,
    MinOrders,
    MinRevenue,
)
from commerce.errors import InvalidInput

CustomerMeasure = Literal[
    "revenue", "orders", "units", "first_order", "largest_order", "average_order"
]
# Ties go to the other measures, then the id, so a page is the same page every time.
TIES = {
    "revenue": ["orders"],
    "orders": ["revenue"],
    "units": ["revenue", "orders"],
    "first_order": ["revenue", "orders"],
    "largest_order": ["revenue", "orders"],
    "average_order": ["revenue", "orders"],
}
TREND_DAYS = 90  # what a change in spend is measured over when no period is asked
# Who counts as the period's buyers: everyone who ordered in it, those whose first order ever
# lies in it (new, as store_metrics counts them), or those who had ordered before it.
Buyers = Literal["all", "new", "returning"]
SCORED = ("churn_risk", "clv", "value_at_risk")  # what each row says of the customer now


def top_customers(
    ctx: ToolContext,
    days: DaysToDate = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    segment: SegmentName | None = None,
    category: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=200,
            description="Rank by what customers bought of this product category only (its "
            "order lines), as top_products names categories; or of several, separated by "
            'commas ("Tea, Coffee": what they bought of either, together).',
        ),
    ] = None,
    product_id: ProductId | None = None,
    product_name: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=200,
            description="Rank by what customers bought of the product so named: its title, or "
            "words of it, any case (a category's name is that category). Several products "
            "matching are listed with their ids to choose from.",
        ),
    ] = None,
    by: Annotated[
        CustomerMeasure,
        Field(
            description="Rank by revenue (what they spent), by number of orders, (with a "
            "category or product) by units bought, by first order: the newest customers "
            "first, by their largest single order in the period (of all their orders), or by "
            "their average order (spend over orders; of a category or product, its spend over "
            "the orders holding it)."
        ),
    ] = "revenue",
    buyers: Annotated[
        Buyers,
        Field(
            description="'new': only the customers whose first order ever falls in the period "
            "(its new customers); 'returning': only those who had ordered before it. Needs a "
            "period."
        ),
    ] = "all",
    min_revenue: MinRevenue = None,
    min_orders: MinOrders = None,
    max_revenue: MaxRevenue = None,
    max_orders: MaxOrders = None,
    min_average_order: MinAverageOrder = None,
    max_average_order: MaxAverageOrder = None,
    trend: Annotated[
        CustomerTrend | None,
        Field(
            description="falling: the customers whose `by` (spend, orders or units) fell the "
            "most from the same number of days just before the period, those who ordered "
            "before and nothing in it too; rising: rose the most; stopped: those who bought "
            "before the period (any time, or in compare_to's) and nothing in it, the most "
            "before first; returned: those who bought both before it (any time, or in "
            "compare_to's) and in it, the most in it first. Without a period, the last "
            f"{TREND_DAYS} days."
        ),
    ] = None,
    compare_to: TrendFrom = None,
    limit: Annotated[int, Field(ge=1, le=100, description="How many customers.")] = 10,
    offset: Offset = 0,
    lead: Lead = "list",
    share_of: ShareOf = None,
) -> ToolOutput:
    """The customers who spent the most (or placed the most orders) to date, in the last days or
    in a calendar period (from a day, to a day; one month, quarter or year), store-wide or
    within one segment, of all their orders or of what they bought of one category (or of
    several together) or product (by id, or by name: `product_name`); only those within
    `min_revenue` / `max_revenue` and `min_orders` / `max_orders` when given (inclusive), with
    how many are; the top of them first, under a ceiling too. `buyers` "new" keeps only the
    period's new customers (first order ever in it), "returning" those who ordered before it;
    `by` "first_order" lists the newest customers first, `by` "largest_order" those who placed
    the largest single orders, `by` "average_order" those who spend the most per order.
    `trend` "falling" ranks instead the customers whose spend (or `by`) fell the most from the
    days just before ("rising": rose), or from the period `compare_to` names ("who spent less
    in 1998 than in 1997"); "stopped" those who bought before the period and nothing in it,
    the most before first; "returned" those who bought both before it and in it, the most in
    it first.
    Each with their share of the period's revenue and, when scored, their churn risk and
    predicted value now. `offset` skips the first ranks, for the next page. `lead` "share" opens
    the answer with how many customers are within the bounds and their share of those who
    ordered in the period; of those within the bounds `share_of` names, when given ("how many of
    them ...": of the customers just listed).

    For "who are our biggest spenders?", "top customers by revenue", "which customers placed the
    most orders?", "who placed the biggest single order?" (`by` largest_order), "who has the
    highest average order?" (`by` average_order), "who spent the most last year?", "top 20
    champions by spend in Q4", "customers who spent over $1,000", "customers with 5 orders or
    more", "one-time buyers in 1997", "customers who spent under $20", "between 2 and 4
    orders", "who bought the most tea?", "top customers who bought tea or coffee", "top
    buyers of earl grey", or (`lead`
    "share") "what percentage of customers ordered only once?" or "how many customers spent over
    $100 in 1997?"; "who are our newest customers?" (`by` first_order), "list the new customers
    of March 1998" (`buyers` new), "returning customers who spent the most in 1998"; "whose
    spending dropped the most?" (`trend` falling), "which customers spent less in 1998 than
    1997?" (`trend` falling, `compare_to` 1997), "which customers stopped buying tea?"
    (`trend` stopped, `category` Tea), "customers who ordered in 1997 and in 1998" (`trend`
    returned, `compare_to` 1997).
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    if trend is not None and not asked.given():
        asked = replace(asked, days=TREND_DAYS)
    if by == "units" and category is None and product_id is None and product_name is None:
        raise InvalidInput(
            "by 'units' needs a category, a product_id or a product_name: orders carry no "
            "units, their lines do"
        )
    if by == "largest_order" and (category, product_id, product_name) != (None, None, None):
        raise InvalidInput(
            "by 'largest_order' ranks whole orders, and a category or product is part of an "
            "order: ask without category, product_id and product_name, or rank by revenue"
        )
    if product_id is not None and product_name is not None:
        raise InvalidInput("give product_id or product_name, not both: they name one product")
    if buyers != "all" and not asked.given():
        raise InvalidInput(
            f"buyers '{buyers}' needs a period (days, since, until, month, quarter or year): "
            "over the whole history every customer is new"
        )
    bounds = Bounds(
        min_revenue, min_orders, max_revenue, max_orders, min_average_order, max_average_order
    )
    bounds.check(ctx.settings.currency_symbol)
    if trend is not None:
        _trend_alone(by, buyers, bounds, lead)
    elif compare_to is not None:
        raise InvalidInput(
            "compare_to is the period a trend measures each customer's change from: give trend "
            "falling, rising, stopped or returned with it"
        )
    base = base_bounds(share_of, bounds)
    data = ctx.data
    calendar = store_orders(data).calendar
    segments = data.segments() if segment else None
    name = segments.resolve(segment) if segments is not None and segment else None
    members = segments.member_set(name) if segments is not None and name else None
    if asked.given():
        when = period_asked(calendar, asked, 1)
    else:  # the whole history, with no period before it to compare with
        when = between(calendar, calendar.first_day, calendar.last_day)
    earlier = None if trend is None else trend_period(compare_to, when, calendar, trend)
    result: dict[str, Any] = {
        **{k: getattr(asked, k) for k in ("since", "until", "month", "quarter", "year")},
        "days": when.days if asked.given() else None,
        "from": day(when.start),
        "to": day(when.end),
        "segment": name,
        "segment_size": None if members is None else len(members),
        "category": None,
        "categories": None,
        "product_id": None,
        "product_title": None,
        "orders_from": day(calendar.first_day),
        "orders_to": day(calendar.last_day),
        "by": by,
        "buyers": buyers,
        "min_revenue": min_revenue,
        "min_orders": min_orders,
        "max_revenue": max_revenue,
        "max_orders": max_orders,
        "min_average_order": min_average_order,
        "max_average_order": max_average_order,
        "lead": lead,
        "share_of": None if base is None else names_of(base),
        "trend": trend,
        "compare_to": compare_to,
        "before_from": None if earlier is None else day(earlier.start),
        "before_to": None if earlier is None else day(earlier.end),
    }
    bought = what_bought(ctx.data, category, product_id, product_name)
    if not isinstance(bought, tuple):  # nothing to rank: why, as the answer and the card's note
        said = NO_LINES_TO_RANK if bought is None else candidates_said(bought)
        bare = {**result, "total": 0, "ordered": 0, "offset": offset, "rows": [], "note": said}
        if bought is not None:
            bare["candidates"] = candidates_listed(bought)
        return output(said, bare, [{"type": "top_customers", **bare}])
    chosen, result["product_id"], result["product_title"] = bought
    result |= categories_fields(chosen)
    names = None if chosen is None else chosen.names
    table = _totals(ctx, when, name, members, names, result["product_id"])
    revenue = float(table["revenue"].sum())  # everyone's: the shares are of all the revenue
    ordered = len(table)
    if earlier is not None:
        table = trend_table(
            table, _totals(ctx, earlier, name, members, names, result["product_id"])
        )
    every_first = first_order_days(data)
    first_orders = every_first.reindex(table.index)
    table = table.assign(first_order=first_orders)
    # With nobody new in the period, when somebody last was: the next question can hit.
    result["latest_first_order"] = day(every_first.max()) if len(every_first) else None
    if buyers != "all":
        table = table[(first_orders >= when.start) == (buyers == "new")]
    # Spend per order, in cents as answers say it: ranked on when asked (ties are ties as
    # shown), and what anyone reached when a bound on it was met by nobody.
    averaged = average_orders(table)
    if by == "average_order":
        table = table.assign(average_order=averaged)
    ranking = [by, *TIES[by], "customer_id"]
    order = passing(table, bounds).reset_index()
    within = len(table) if base is None else len(passing(table, base))
    order = order.sort_values(ranking, ascending=[*[False] * len(TIES[by]), False, True])
    if trend == "returned":
        order = returned_order(table, by)
    elif trend is not None:
        order = trend_order(table, by, trend, "customer_id")
    page = order.iloc[offset : offset + limit].to_dict("records")
    scores, segment_of = data.scores(), data.segments().segment_of
    rows = ranked(
        [_row({str(k): v for k, v in r.items()}, revenue, scores, segment_of) for r in page],
        offset,
    )
    if trend is not None:
        rows = [
            row | change_fields({str(k): v for k, v in record.items()}, by)
            for row, record in zip(rows, page, strict=True)
        ]
    result |= {
        "period_revenue": round(revenue, 2),
        "ordered": ordered if trend is not None else len(table),
        "total": len(order),
        "within_base": None if base is None else within,
        "share_of_customers": share_of_customers(len(order), within),
        "most_revenue": round(float(table["revenue"].max()), 2) if len(table) else None,
        "most_orders": int(table["orders"].max()) if len(table) else None,
        "least_revenue": round(float(table["revenue"].min()), 2) if len(table) else None,
        "fewest_orders": int(table["orders"].min()) if len(table) else None,
        "most_average_order": float(averaged.max()) if averaged.notna().any() else None,
        "least_average_order": float(averaged.min()) if averaged.notna().any() else None,
        "offset": offset,
        "rows": rows,
    }
    # The first row's share unrounded: its 4-place one in `rows` would be rounded twice.
    first_share = float(page[0]["revenue"]) / revenue if page and revenue > 0 else 0.0
    where = scope(when, asked, name, members)
    if earlier is not None:
        said = trend_answer(ctx.settings.currency_symbol, result, when, earlier, where)
    else:
        said = answer(ctx.settings.currency_symbol, result, where, first_share)
    if chosen is not None:
        said = f"{chosen.misread}{said}"
    return output(said, result, [{"type": "top_customers", **result}], len(rows))


def _trend_alone(by: str, buyers: str, bounds: Bounds, lead: str) -> None:
    """A trend ranks every customer whose measure moved: what it cannot go with is refused."""
    asked_with = [
        name
        for name, given in (
            ("by 'first_order'", by == "first_order"),
            ("by 'largest_order'", by == "largest_order"),
            ("by 'average_order'", by == "average_order"),
            (f"buyers '{buyers}'", buyers != "all"),
            ("spend or order bounds", any(v is not None for v in vars(bounds).values())),
            ("lead 'share'", lead == "share"),
        )
        if given
    ]
    # what a trend can measure the change of; a ranking it cannot take is named, not said
    moved = MEASURE_WORDS[by] if by in ("revenue", "orders", "units") else "spend"
    if asked_with:
        raise InvalidInput(
            f"trend ranks the change of every customer's {moved}; ask "
            f"for it without {' or '.join(asked_with)}"
        )


def _totals(
    ctx: ToolContext,
    when: Period,
    name: str | None,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    product_id: str | None,
) -> pd.DataFrame:
    """Each customer's totals in the period: of all their orders, or of their order lines of
    the categories or product (as the store names them; a store with order lines)."""
    data = ctx.data
    if chosen is None and product_id is None:
        return store_totals(data, when, name, members)
    key = f"top_customers:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{name}"
    sales: SalesLines | None = cached_sales(data)
    assert sales is not None  # what_bought said why when the store has no order lines
    bought: pd.DataFrame = data.memo(
        f"{key}:{chosen_key(chosen)}:{product_id}",
        ("store",),
        lambda: bought_totals(sales, when, members, chosen, product_id),
    )
    return bought


def _row(
    record: dict[str, Any],
    revenue: float,
    scores: ScoreTable | None,
    segment_of: Mapping[str, str],
) -> dict[str, Any]:
    """One ranked customer: what they did in the period (units bought: of a category or
    product only, else None), their segment, and (when scored) their churn risk and predicted
    value now."""
    cid = str(record["customer_id"])
    score = scores.row(cid) if scores is not None else None
    spent = float(record["revenue"])
    units = record.get("units")
    largest = record.get("largest_order")  # of all their orders only: a line is no order
    return {
        "customer_id": cid,
        "revenue": round(spent, 2),
        "orders": int(record["orders"]),
        # spend per order; None for a trend's customer with no order in the period
        "average_order": round(spent / int(record["orders"]), 2) if record["orders"] else None,
        "units": None if units is None else round(float(units)),
        "largest_order": None if largest is None or pd.isna(largest) else round(float(largest), 2),
        "first_order": day(record["first_order"]),
        "last_order": day(record["last_order"]),
        "share_of_revenue": round(spent / revenue, 4) if revenue > 0 else 0.0,
        "segment": segment_of.get(cid),
        **{key: None if score is None else score[key] for key in SCORED},
    }
