"""at_risk_customers: the scored customers ranked by value at risk (or churn risk, or predicted
value), optionally of one segment, within bounds on what they did to date (at_risk_bounds.py),
on how long they have not ordered (lapsed.py) and on their churn risk and predicted value
(score_bounds.py), a page at a time."""

from typing import Annotated, Literal

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
from assistant.tools.decisions import AT_RISK_COLUMNS
from assistant.tools.format import chance, count, money, output
from assistant.tools.lapsed import NoOrderSince, QuietDays
from assistant.tools.lookups import Positions, Ranking
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.score_bounds import MinChurnRisk, MinClv, risk_percent, score_bounds

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
}


def at_risk_customers(
    ctx: ToolContext,
    segment: SegmentName | None = None,
    by: Annotated[
        Ranking,
        Field(
            description="What ranks: value at risk (churn risk x predicted value), churn risk "
            "alone, or predicted value (clv)."
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
        Literal["list", "total"],
        Field(
            description="'total' opens the answer with the total value at risk of every "
            'scored customer in scope ("what is the total value at risk?"), then the list.'
        ),
    ] = "list",
) -> ToolOutput:
    """The customers with the most value at risk (churn risk x predicted value), ranked, with
    the reasons, optionally only those of one segment; or those most likely to leave (`by`
    churn_risk), or the most valuable (`by` clv). Only those within `min_revenue` /
    `max_revenue` and `min_orders` / `max_orders` (inclusive, on all their orders to date)
    when given, or `min_average_order` / `max_average_order` (their spend over their orders),
    and only lapsed customers with `quiet_days` (no order in that many days up
    to the store's last order day) or `no_order_since` (no order on or after that day).
    `min_churn_risk` (a percent, 90 is 90%) lists only those at or over that churn risk and
    counts them instead of the 50% line; `min_clv` only those with at least that predicted
    value (not spend to date: that is `min_revenue`). `offset` skips the first ranks, for
    the next page. `lead` "total" opens with the total value at risk of them all.

    For "who are my most valuable at-risk customers?", "top 20 at-risk champions", "who is
    most likely to churn?", "who are our most valuable customers?", "at-risk customers who
    spent under $50", "one-time buyers most likely to churn", "who hasn't ordered in 6 months
    but used to spend a lot?", "regulars who haven't ordered since March", "how many
    customers have churn risk above 90%?" (`min_churn_risk` 90), "customers with a CLV over
    $1,000" (`min_clv` 1000.01), "customers quiet for 200 days", "and the next 10?" or
    (`lead` "total") "what is the total value at risk?".
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
    rows = ranked(
        [
            {k: r.get(k) for k in AT_RISK_COLUMNS}
            | {"segment": segments.segment_of.get(r["customer_id"])}
            for r in scores.top(offset + limit, listed, by)[offset:]
        ],
        offset,
    )
    listed_pool = len(scores) if listed is None else len(listed)
    pool_value = scores.total_value_at_risk if listed is None else scores.value_at_risk(listed)
    where_bounded = (f" in '{name}'" if name else "") + limits.words(symbol)
    where = where_bounded + floors.clv_words(symbol)
    where_listed = where + floors.risk_words()
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
        if by == "clv":
            # Ranked for their worth, not their risk: "hold $327 of the $392,249 at risk" read
            # as if the most valuable were at risk, so their share of it is named as such.
            worth = money(sum(r["clv"] for r in rows), symbol)
            held_said = f"are worth {worth}; their value at risk is {money(held, symbol)} {of}"
        else:
            held_said = f"hold {money(held, symbol)} {of}"
        worth_first = "" if by != "clv" else f"predicted value {money(first['clv'], symbol)}, "
        # "How many are at risk?" gets its number first, with the pool it is of; the pool
        # alone ("across 23,570 scored customers") read as the count at risk.
        # A value floor says first how many it leaves, then how many of them are at risk.
        valued = ""
        of_pool = f"{count(pool, 'scored customer')}{where}"
        if floors.min_clv is not None:
            valued = floors.valued_count(pool, bounded, where_bounded, symbol)
            of_pool = "them"
        counted = (
            f"{valued}{at_risk_count:,} of {of_pool} ({at_risk_share:.1%}) have a churn risk "
            f"of {risk_percent(line)} or more. "
            if offset == 0
            else ""
        )
        if lead == "total" and offset == 0:  # the sum asked for, then who holds most of it
            counted = (
                f"The total value at risk{where_listed} is {money(pool_value, symbol)}: churn "
                f"risk x predicted value, summed over {count(listed_pool, 'scored customer')}. "
                f"{counted}"
            )
        # "22,152 have a churn risk of 50% or more ... First: 22279, churn risk 48%" read as
        # a contradiction: a first customer under the line is said to be.
        under = first["churn_risk"] < line and floors.min_churn_risk is None
        below = f" (under the {risk_percent(line)} line)" if under else ""
        answer = (
            f"{counted}Ranked by {RANKED_AS[by][0]}: {who} {held_said}. "
            f"First: {first['customer_id']}, {worth_first}churn risk "
            f"{chance(first['churn_risk'])}{below}, value at risk "
            f"{money(first['value_at_risk'], symbol)}."
        )
    applied = limits.applied() | floors.applied()
    result = {"segment": name, "by": by, "lead": lead, "scored_customers": pool, **applied,
              "risk_line": line, "at_risk_count": at_risk_count,
              "at_risk_share": round(at_risk_share, 4), "listed_customers": listed_pool,
              "total_value_at_risk": pool_value, "offset": offset, "rows": rows}  # fmt: skip
    card = {"type": "at_risk", "segment": name, "by": by, **applied, "rows": rows}
    return output(answer, result, [card], len(rows))
