"""Which products (or categories) sold less, or more, than in the days just before the period:
top_products' `trend` ("which products are declining?", "what is growing fastest?").

Ranked by the change of the measure in its own units (revenue in money, units, orders or
customers: now minus before), the largest first, with products that sold before and nothing
in the period among them (down 100%). A relative change alone would put a product that went
from one unit to none above one that lost a thousand dollars of sales.
"""

from typing import Any, Literal

import pandas as pd

from assistant.tools.format import count, day, listing, money, pct
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Period, period_words
from assistant.tools.products_answer import MEASURE_WORDS, label, sold

Trend = Literal["falling", "rising"]
MOVED = {"falling": "fell", "rising": "rose"}


def trend_order(table: pd.DataFrame, by: str, trend: Trend, key: str) -> pd.DataFrame:
    """The rows whose `by` fell (or rose) from the period before, the largest change first
    (ties: more before, then the id); a column `change_by` holds each change."""
    change = table[by] - table[f"{by}_before"]
    moved = table.assign(change_by=change)
    moved = moved[change < 0] if trend == "falling" else moved[change > 0]
    return moved.reset_index().sort_values(
        ["change_by", f"{by}_before", key], ascending=[trend == "falling", False, True]
    )


def trend_answer(symbol: str, result: dict[str, Any], when: Period, dated: bool) -> str:
    """'From 1998-01-01 to 1998-06-30 the store sold $476,154.88 ...; products whose revenue
    fell the most from the 181 days before (1997-07-04 to 1997-12-31): Earl Grey ($120.00,
    against $900.00: down 87%), ... and 1,203 more.' Every figure is from the result."""
    rows, by, trend = result["rows"], result["by"], result["trend"]
    noun = "product" if result["per"] == "product" else "category"
    plural = "products" if noun == "product" else "categories"
    where = f" in {result['category']}" if result["category"] else ""
    before_end = when.start - pd.Timedelta(days=1)
    before = (
        f"the {count(result['days'], 'day')} before ({result['before_from']} to {day(before_end)})"
    )
    if not rows and result["offset"] and result["total"]:
        return past_end(result["offset"], result["total"], noun, f" {period_words(when, dated)}")
    head = sold(symbol, result, when, dated)
    moved = MOVED[trend]
    if not rows:
        return f"{head}. No {noun}'s {MEASURE_WORDS[by]}{where} {moved} from {before}."
    items = [
        f"{label(row)} ({measure_amount(symbol, row[by], by)}, against "
        f"{measure_amount(symbol, row['before'], by)}: {change_words(row)})"
        for row in rows
    ]
    more = result["total"] - result["offset"] - min(3, len(items))  # past the three named
    shown = ", ".join(items[:3]) + f" and {more:,} more" if more > 0 else listing(items)
    page = (
        f", {span(result['offset'], len(rows), result['total'], noun)}" if result["offset"] else ""
    )
    return (
        f"{head}; {plural}{where} whose {MEASURE_WORDS[by]} {moved} the most from {before}"
        f"{page}: {shown}."
    )


def measure_amount(symbol: str, value: float, by: str) -> str:
    """A measure's figure: "$120.00", "3 units", "1 order"."""
    return money(value, symbol) if by == "revenue" else count(round(value), by.rstrip("s"))


def change_words(row: dict[str, Any]) -> str:
    """ "down 87%"; "new" for what did not sell at all in the days before."""
    change = row["change"]
    if change is None:
        return "new"
    return f"{'up' if change >= 0 else 'down'} {pct(abs(change))}"
