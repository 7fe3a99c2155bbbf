"""Which customers spent (or ordered, or bought) less, or more, than in the days just before
the period: top_customers' `trend` ("whose spending dropped the most?", "which customers are
buying less than before?"), the customers slipping away before any model says so.

Ranked by the change of the measure in its own units (money, orders or units: now minus
before), the largest first, with the customers who ordered before and nothing in the period
among them (down 100%): for a retention team those are the first to call. A relative change
alone would put a customer who went from $2 to nothing above one who stopped a $1,000 habit.
"""

from typing import Any, Literal

import pandas as pd

from assistant.tools.format import chance, count, day, listing, money
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Period
from assistant.tools.product_trends import change_words, measure_amount

Trend = Literal["falling", "rising"]
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


def trend_order(table: pd.DataFrame, by: str, trend: Trend) -> pd.DataFrame:
    """The customers whose `by` fell (or rose) from the period before, the largest change
    first (ties: more before, then the id); `change_by` holds each change."""
    change = table[by] - table[f"{by}_before"]
    moved = table.assign(change_by=change)
    moved = moved[change < 0] if trend == "falling" else moved[change > 0]
    return moved.reset_index().sort_values(
        ["change_by", f"{by}_before", "customer_id"], ascending=[trend == "falling", False, True]
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


def trend_answer(symbol: str, result: dict[str, Any], when: Period, where: str) -> str:
    """'312 customers' spend fell in the 90 days to 1998-06-30, against the 90 days before
    (1998-01-01 to 1998-03-31); the most: 01234 ($0.00, against $1,234.00: down 100%), ... .
    01234 last ordered on 1998-02-11; churn risk now 81%, predicted value $12.00.' Every
    figure is from the result; `where` is the period (and segment) as top_customers says it."""
    rows, by, trend, total = result["rows"], result["by"], result["trend"], result["total"]
    bought = result.get("category")
    if result.get("product_title") or result.get("product_id"):
        bought = result.get("product_title") or f"product {result['product_id']}"
    what = f" {'on' if by == 'revenue' else 'of'} {bought}" if bought else ""
    before_end = when.start - pd.Timedelta(days=1)
    before = f"the {count(when.days, 'day')} before ({result['before_from']} to {day(before_end)})"
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
    more = total - result["offset"] - min(3, len(items))  # past the three named
    shown = ", ".join(items[:3]) + f" and {more:,} more" if more > 0 else listing(items)
    page = f", {span(result['offset'], len(rows), total, 'customer')}" if result["offset"] else ""
    whose = "1 customer's" if total == 1 else f"{total:,} customers'"
    head = f"{whose} {measure} {MOVED[trend]} {where}, against {before}"
    first = rows[0]
    did = f"bought {bought}" if bought else "ordered"
    facts = f"{first['customer_id']} last {did} on {first['last_order']}"
    if first["churn_risk"] is not None:
        facts += (
            f"; churn risk now {chance(first['churn_risk'])}, predicted value "
            f"{money(first['clv'], symbol)}"
        )
    return f"{head}; the most{page}: {shown}. {facts}."
