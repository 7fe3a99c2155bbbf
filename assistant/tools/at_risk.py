"""at_risk_customers: the scored customers ranked by value at risk (or churn risk, predicted
value, or the chance to buy), optionally of one segment, within bounds on what they did to date
(at_risk_bounds.py), on how long they have not ordered (lapsed.py) and on their churn risk and
predicted value (score_bounds.py), a page at a time; opened, when asked, by the total value at
risk or by what they are worth together (customer_worth.py)."""

from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.tools.args import SegmentName
from assistant.tools.at_risk_bounds import (
    LifetimeMaxAverageOrder,
    LifetimeMaxOrders,
    LifetimeMaxRevenue,
    LifetimeMinAverageOrder,
    LifetimeMinOrders,
    LifetimeMinRevenue,
    history_bounds,
    within,
)
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.customer_totals import Bounds
from assistant.tools.customer_worth import worth_figures, worth_said
from assistant.tools.decisions import AT_RISK_COLUMNS
from assistant.tools.format import chance, count, money, output
from assistant.tools.lapsed import NoOrderSince, QuietDays
from assistant.tools.lookups import Positions, Ranking
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.score_bounds import MinChurnRisk, MinClv, risk_percent, score_bounds
from assistant.tools.score_horizons import horizons

# The churn risk from which a customer counts as at risk: the answer's count ("how many are at
# risk?") and GET /v1/customers?at_risk=true draw the same line.
AT_RISK = 0.5
# How each ranking reads in an answer: what ranks, and who a first page holds. The first
# sentence says what ranks because the default list opens with customers well under 50% churn
# risk ("who is about to leave?"): they are there for the money at stake, not for leaving.
RANKED_AS: dict[Ranking, tuple[str, str]] = {
    "value_at_risk": ("value at risk (churn risk x predicted value)", "with the most"),
    "churn_risk": ("churn risk", "most likely to leave"),
    "clv": ("predicted value", "with the highest predicted value"),
    "purchase": ("chance to buy", "most likely to buy"),
}
# What a row of the likeliest buyers adds: how likely, and how many purchases are expected.
BUYING_COLUMNS = ["p_purchase", "expected_purchases"]


def at_risk_customers(
    ctx: ToolContext,
    segment: SegmentName | None = None,
    by: Annotated[
        Ranking,
        Field(
            description="What ranks: value at risk (churn risk x predicted value), churn risk "
            "alone, predicted value (clv), or the chance to buy within the churn horizon "
            "(purchase: the likeliest buyers first)."
        ),
    ] = "value_at_risk",
    limit: Annotated[int, Field(ge=1, le=100, description="How many customers.")] = 10,
    offset: Offset = 0,
    min_revenue: LifetimeMinRevenue = None,
    max_revenue: LifetimeMaxRevenue = None,
    min_orders: LifetimeMinOrders = None,
    max_orders: LifetimeMaxOrders = None,
    min_average_order: LifetimeMinAverageOrder = None,
    max_average_order: LifetimeMaxAverageOrder = None,
    quiet_days: QuietDays = None,
    no_order_since: NoOrderSince = None,
    min_churn_risk: MinChurnRisk = None,
    min_clv: MinClv = None,
    lead: Annotated[
        Literal["list", "total", "value"],
        Field(
            description="'total' opens the answer with the total value at risk of every "
            'scored customer in scope ("what is the total value at risk?"), then the list; '
            "'value' with what they are worth together: their predicted value summed, its "
            'average and median a customer ("what is the average clv?").'
        ),
    ] = "list",
) -> ToolOutput:
    """The customers with the most value at risk (churn risk x predicted value), ranked, with
    the reasons, optionally only those of one segment; or those most likely to leave (`by`
    churn_risk), or the most valuable (`by` clv), or the likeliest to buy within the churn
    horizon (`by` purchase), with their expected purchases. Only those within `min_revenue` /
    `max_revenue` and `min_orders` / `max_orders` (inclusive, on all their orders to date)
    when given, or `min_average_order` / `max_average_order` (their spend over their orders),
    and only lapsed customers with `quiet_days` (no order in that many days up
    to the store's last order day) or `no_order_since` (no order on or after that day).
    `min_churn_risk` (a percent, 90 is 90%) lists only those at or over that churn risk and
    counts them instead of the 50% line; `min_clv` only those with at least that predicted
    value (not spend to date: that is `min_revenue`). `offset` skips the first ranks, for
    the next page. `lead` "total" opens with the total value at risk of them all; `lead`
    "value" with their predicted value summed over the CLV horizon, its average and median a
    customer, the top tenth's share of it and how much of it is at risk.

    For "who are my most valuable at-risk customers?", "top 20 at-risk champions", "who is
    most likely to churn?", "who are our most valuable customers?", "at-risk customers who
    spent under $50", "one-time buyers most likely to churn", "who hasn't ordered in 6 months
    but used to spend a lot?", "regulars who haven't ordered since March", "how many
    customers have churn risk above 90%?" (`min_churn_risk` 90), "customers with a CLV over
    $1,000" (`min_clv` 1000.01), "customers quiet for 200 days", "and the next 10?",
    (`by` purchase) "who is most likely to buy in the next few months?", (`lead` "total")
    "what is the total value at risk?" or (`lead` "value") "what are our customers worth?".
    """
    data, symbol = ctx.data, ctx.settings.currency_symbol
    totals = Bounds(
        min_revenue, min_orders, max_revenue, max_orders, min_average_order, max_average_order
    )
    limits = history_bounds(data, symbol, totals, quiet_days, no_order_since)
    floors = score_bounds(min_churn_risk, min_clv)
    scores = data.require_scores()
    segments = data.segments()
    name = segments.resolve(segment) if segment else None
    positions: Positions | None = None
    if name is not None or limits.narrows:
        # A segment's members, or those within the bounds, or both; in rank order.
        def pool_of() -> Positions:
            chosen = segments.members(name) if name is not None else None
            if limits.narrows:
                passed = within(data, limits)
                chosen = passed if chosen is None else chosen.intersection(passed)
            assert chosen is not None
            return scores.positions(chosen)

        key = f"at_risk:{name}:{limits.totals}:{limits.lapsed}"
        positions = data.memo(key, ("store", "scores"), pool_of)
    bounded = len(scores) if positions is None else len(positions)
    positions = floors.valued(scores, positions)
    pool = len(scores) if positions is None else len(positions)
    # The line customers are counted from: the churn-risk floor asked, else the at-risk line.
    line = floors.risk_line(AT_RISK)
    at_risk = scores.at_risk(line, positions)
    at_risk_count = len(at_risk)
    at_risk_share = at_risk_count / pool if pool else 0.0
    listed = at_risk if floors.min_churn_risk is not None else positions
    columns = AT_RISK_COLUMNS + (BUYING_COLUMNS if by == "purchase" else [])
    rows = ranked(
        [
            {k: r.get(k) for k in columns} | {"segment": segments.segment_of.get(r["customer_id"])}
            for r in scores.top(offset + limit, listed, by)[offset:]
        ],
        offset,
    )
    listed_pool = len(scores) if listed is None else len(listed)
    pool_value = scores.total_value_at_risk if listed is None else scores.value_at_risk(listed)
    where_bounded = (f" in '{name}'" if name else "") + limits.words(symbol)
    where = where_bounded + floors.clv_words(symbol)
    where_listed = where + floors.risk_words()
    days = horizons(data, ctx.settings) if by == "purchase" or lead == "value" else None
    valued = None
    if lead == "value":
        valued = worth_figures(scores.clv(listed), pool_value)
    if not rows:
        answer = past_end(offset, listed_pool, "scored customer", where_listed)
        answer = answer if listed_pool else ""
        answer = answer or f"No scored customers{where_listed}."
    else:
        held = sum(r["value_at_risk"] for r in rows)
        first = rows[0]
        if offset == 0:
            who = f"the {count(len(rows), 'customer')}{where_listed} {RANKED_AS[by][1]}"
        else:  # a later page: which ranks, of how many
            who = f"{span(offset, len(rows), listed_pool, 'customer')} scored{where_listed}"
        of = f"of the {money(pool_value, symbol)} at risk"
        if by == "purchase":
            assert days is not None
            held_said = _buying(rows, days["churn_days"])
        elif by == "clv":
            # Ranked for their worth, not their risk: "hold $327 of the $392,249 at risk" read
            # as if the most valuable were at risk, so their share of it is named as such.
            worth = money(sum(r["clv"] for r in rows), symbol)
            held_said = f"are worth {worth}; their value at risk is {money(held, symbol)} {of}"
        else:
            held_said = f"hold {money(held, symbol)} {of}"
        worth_first = "" if by != "clv" else f"predicted value {money(first['clv'], symbol)}, "
        if by == "purchase":
            worth_first = (
                f"chance to buy {chance(first['p_purchase'])}, expected purchases "
                f"{first['expected_purchases']:.1f}, predicted value "
                f"{money(first['clv'], symbol)}, "
            )
        # "How many are at risk?" gets its number first, with the pool it is of; the pool
        # alone ("across 23,570 scored customers") read as the count at risk.
        # A value floor says first how many it leaves, then how many of them are at risk.
        floored = ""
        of_pool = f"{count(pool, 'scored customer')}{where}"
        if floors.min_clv is not None:
            floored = floors.valued_count(pool, bounded, where_bounded, symbol)
            of_pool = "them"
        counted = (
            f"{floored}{at_risk_count:,} of {of_pool} ({at_risk_share:.1%}) have a churn risk "
            f"of {risk_percent(line)} or more. "
            if offset == 0
            else ""
        )
        if by == "purchase" and offset == 0 and floors.min_churn_risk is None:
            # The likeliest buyers are counted as such: those more likely than not to buy.
            assert days is not None
            buyers = pool - at_risk_count
            counted = (
                f"{floored}{buyers:,} of {of_pool} ({buyers / pool:.1%}) are more likely than "
                f"not to buy within the next {days['churn_days']} days. "
            )
        if lead == "total" and offset == 0:  # the sum asked for, then who holds most of it
            counted = (
                f"The total value at risk{where_listed} is {money(pool_value, symbol)}: churn "
                f"risk x predicted value, summed over {count(listed_pool, 'scored customer')}. "
                f"{counted}"
            )
        elif valued is not None and offset == 0:  # what they are worth, then who most
            assert days is not None
            counted = f"{worth_said(valued, days['clv_days'], where_listed, symbol)} {counted}"
        # "22,152 have a churn risk of 50% or more ... First: 22279, churn risk 48%" read as
        # a contradiction: a first customer under the line is said to be.
        under = first["churn_risk"] < line and floors.min_churn_risk is None
        below = f" (under the {risk_percent(line)} line)" if under else ""
        first_said = (
            f"{worth_first}churn risk {chance(first['churn_risk'])}{below}, value at risk "
            f"{money(first['value_at_risk'], symbol)}"
        )
        if by == "purchase":  # its chance to buy says the churn risk already
            first_said = worth_first.removesuffix(", ")
        answer = (
            f"{counted}Ranked by {RANKED_AS[by][0]}: {who} {held_said}. "
            f"First: {first['customer_id']}, {first_said}."
        )
    applied = limits.applied() | floors.applied()
    result = {"segment": name, "by": by, "lead": lead, "scored_customers": pool, **applied,
              "risk_line": line, "at_risk_count": at_risk_count,
              "at_risk_share": round(at_risk_share, 4), "listed_customers": listed_pool,
              "total_value_at_risk": pool_value, "worth": valued,
              "churn_days": days and days["churn_days"], "clv_days": days and days["clv_days"],
              "offset": offset, "rows": rows}  # fmt: skip
    card = {"type": "at_risk", "segment": name, "by": by, **applied, "rows": rows}
    return output(answer, result, [card], len(rows))


def _buying(rows: list[dict[str, Any]], days: int) -> str:
    """What the likeliest buyers of a page are expected to do: '... expect 31.4 purchases
    between them in the next 90 days, each with a 96% to 99% chance to buy'."""
    expected = sum(r["expected_purchases"] for r in rows)
    low, high = min(r["p_purchase"] for r in rows), max(r["p_purchase"] for r in rows)
    chances = chance(high) if chance(low) == chance(high) else f"{chance(low)} to {chance(high)}"
    if len(rows) == 1:
        return f"expects {expected:,.1f} purchases in the next {days} days, a {chances} chance"
    return (
        f"expect {expected:,.1f} purchases between them in the next {days} days, each with a "
        f"{chances} chance to buy"
    )
