"""Which customers spent (or ordered, or bought) less, or more, than in the days just before
the period: top_customers' `trend` ("whose spending dropped the most?", "which customers are
buying less than before?"), the customers slipping away before any model says so; and
(`trend` stopped) those who bought before the period and nothing in it ("which customers
stopped buying tea?"), ranked by what they bought before; (`trend` returned) those who bought
both before the period and in it ("customers who ordered in 1997 and in 1998", "who came back
in 1998"), ranked by what they bought in it.

Ranked by the change of the measure in its own units (money, orders or units: now minus
before), the largest first, with the customers who ordered before and nothing in the period
among them (down 100%): for a retention team those are the first to call. A relative change
alone would put a customer who went from $2 to nothing above one who stopped a $1,000 habit.
"""

from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from assistant.tools.format import chance, money
from assistant.tools.paging import past_end
from assistant.tools.periods import Period
from assistant.tools.product_trends import (
    change_words,
    earlier_words,
    lengths_words,
    listed,
    measure_amount,
)

# product_trends.Trend, and the customers who came back: a trend of customers only
CustomerTrend = Literal["falling", "rising", "stopped", "returned"]
TrendFrom = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=16,  # "quarter before", the longest form taken
        description="With trend: the period each customer's change is measured from, instead "
        "of the days just before: a year (YYYY), a quarter (YYYY-Qn or Qn) or a month (YYYY-MM "
        "or MM), placed as `year`, `quarter` and `month` are; 'year before', 'quarter before' "
        "or 'month before' (that unit just before the period asked); or 'year earlier' (the "
        "same days a year back).",
    ),
]
MOVED = {"falling": "fell", "rising": "rose"}
MEASURE_WORDS = {"revenue": "spend", "orders": "orders", "units": "units bought"}
# Added up over the two periods; the last order is the latest of either.
SUMMED = ("revenue", "orders", "units")


def trend_table(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Each customer's totals in the period (0 for one who ordered only before it) beside
    their `<measure>_before`; `last_order` is their last order in either period."""
    measures = [name for name in SUMMED if name in now.columns]
    joined = now[[*measures, "last_order"]].join(
        before[[*measures, "last_order"]].add_suffix("_before"), how="outer"
    )
    for name in measures:
        joined[name] = joined[name].fillna(0)
        joined[f"{name}_before"] = joined[f"{name}_before"].fillna(0)
    joined["last_order"] = joined["last_order"].fillna(joined["last_order_before"])
    return joined.drop(columns="last_order_before")


def returned_order(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The customers with orders both in the period and before it (trend returned), the most
    `by` in the period first (ties: more before, then the id); a $0 order still counts."""
    both = table[(table["orders"] > 0) & (table["orders_before"] > 0)]
    return both.reset_index().sort_values(
        [by, f"{by}_before", "customer_id"], ascending=[False, False, True]
    )


def change_fields(record: dict[str, Any], by: str) -> dict[str, Any]:
    """A row's `before` (the measure in the period before) and `change` (relative; None when
    it was 0 then)."""
    before = float(record[f"{by}_before"])
    now = float(record[by])
    return {
        "before": round(before, 2) if by == "revenue" else round(before),
        "change": round((now - before) / before, 4) if before else None,
    }


def trend_answer(
    symbol: str, result: dict[str, Any], when: Period, earlier: Period, where: str
) -> str:
    """'312 customers' spend fell in the 90 days to 1998-06-30, against the 90 days before
    (1998-01-01 to 1998-03-31); the most: 01234 ($0.00, against $1,234.00: down 100%), ... .
    01234 last ordered on 1998-02-11; churn risk now 81%, predicted value $12.00.' Every
    figure is from the result; `where` is the period (and segment) as top_customers says it,
    `earlier` the days the change is measured from (compare_to's, or the days just before)."""
    rows, by, trend, total = result["rows"], result["by"], result["trend"], result["total"]
    bought = _bought(result)
    if trend in ("stopped", "returned"):
        return _kept_answer(symbol, result, earlier, where, bought)
    what = f" {'on' if by == 'revenue' else 'of'} {bought}" if bought else ""
    before = earlier_words(when, earlier, result["compare_to"]) + lengths_words(when, earlier)
    measure = f"{MEASURE_WORDS[by]}{what}"
    if not rows and result["offset"] and total:
        return past_end(result["offset"], total, "customer", f" whose {measure} {MOVED[trend]}")
    if not rows:
        return f"No customer's {measure} {MOVED[trend]} {where}, against {before}."
    items = [
        f"{row['customer_id']} ({measure_amount(symbol, row[by], by)}, against "
        f"{measure_amount(symbol, row['before'], by)}: {change_words(row)})"
        for row in rows
    ]
    whose = "1 customer's" if total == 1 else f"{total:,} customers'"
    head = f"{whose} {measure} {MOVED[trend]} {where}, against {before}"
    facts = _first_facts(symbol, rows[0], bought)
    return f"{head}; the most{listed(result, items, 'customer')}. {facts}."


def _kept_answer(
    symbol: str, result: dict[str, Any], earlier: Period, where: str, bought: str | None
) -> str:
    """Who bought before the period and nothing in it (trend stopped): '312 customers who
    bought Tea from 1997-01-01 to 1998-04-01 bought none of it in the 90 days to 1998-06-30;
    the most before: 01234 ($1,234.00 before), ... .'; or again in it (trend returned): '1,862
    customers who ordered in 1997 (1997-01-01 to 1997-12-31) ordered again from 1998-01-01 to
    1998-06-30; the most: 07592 ($3,573.88; $10,417.05 before), ... .'"""
    rows, by, total = result["rows"], result["by"], result["total"]
    stopped = result["trend"] == "stopped"
    did = f"bought {bought}" if bought else "ordered"
    before = _before_words(result, earlier)
    if stopped:
        then = "bought none of it" if bought else "placed no order"
    else:
        then = f"bought {bought} again" if bought else "ordered again"
    if not rows and result["offset"] and total:
        asked = f" who {did} {before}" + ("" if stopped else " and again")
        return past_end(result["offset"], total, "customer", asked)
    if not rows:
        nobody = (
            f"Every customer who {did} {before} {did} again"
            if stopped
            else f"No customer who {did} {before} {then}"
        )
        return f"{nobody} {where}."
    items = []
    for row in rows:
        was = f"{measure_amount(symbol, row['before'], by)} before"
        now = "" if stopped else f"{measure_amount(symbol, row[by], by)}; "
        items.append(f"{row['customer_id']} ({now}{was})")
    who = "1 customer" if total == 1 else f"{total:,} customers"
    most = "the most before" if stopped else "the most"
    head = f"{who} who {did} {before} {then} {where}; {most}"
    facts = _first_facts(symbol, rows[0], bought)
    return f"{head}{listed(result, items, 'customer')}. {facts}."


def _before_words(result: dict[str, Any], earlier: Period) -> str:
    """When they bought before: 'from 1997-01-01 to 1998-04-01' (every day before the period)
    or 'in 1997 (1997-01-01 to 1997-12-31)' (compare_to's)."""
    if result.get("compare_to") is None:
        return f"from {result['before_from']} to {result['before_to']}"
    return f"in {earlier_words(earlier, earlier, result['compare_to'])}"


def _bought(result: dict[str, Any]) -> str | None:
    """What the customers were ranked by buying, in words: a product or categories; None."""
    if result.get("product_title") or result.get("product_id"):
        return str(result.get("product_title") or f"product {result['product_id']}")
    category = result.get("category")
    return None if category is None else str(category)


def _first_facts(symbol: str, first: dict[str, Any], bought: str | None) -> str:
    """'01234 last ordered on 1998-02-11; churn risk now 81%, predicted value $12.00'."""
    did = f"bought {bought}" if bought else "ordered"
    facts = f"{first['customer_id']} last {did} on {first['last_order']}"
    if first["churn_risk"] is not None:
        facts += (
            f"; churn risk now {chance(first['churn_risk'])}, predicted value "
            f"{money(first['clv'], symbol)}"
        )
    return facts
