"""Which products (or categories) sold less, or more, than in the days just before the period:
top_products' `trend` ("which products are declining?", "what is growing fastest?").

Ranked by the change of the measure in its own units (revenue in money, units, orders or
customers: now minus before), the largest first, with products that sold before and nothing
in the period among them (down 100%). A relative change alone would put a product that went
from one unit to none above one that lost a thousand dollars of sales.
"""

import re
from typing import Any, Literal

import pandas as pd

from assistant.tools.format import count, day, listing, money, pct
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Period, period_words
from assistant.tools.products_answer import MEASURE_WORDS, label, sold

Trend = Literal["falling", "rising", "stopped"]
MOVED = {"falling": "fell", "rising": "rose"}
# Periods whose lengths differ by more than this share are said to: a quarter of 90 days
# beside one of 91 is like with like, a half-year beside a year is not.
LENGTHS_APART = 0.1


def trend_order(table: pd.DataFrame, by: str, trend: Trend, key: str) -> pd.DataFrame:
    """The rows (products, categories, or customers: customer_trends.py) whose `by` fell (or
    rose) from the period before, the largest change first (ties: more before, then the
    `key` id); stopped: those with some before and none in the period, the most before first.
    A column `change_by` holds each change."""
    change = table[by] - table[f"{by}_before"]
    moved = table.assign(change_by=change)
    if trend == "stopped":
        # in no order now, in some before: a $0 line or order still counts
        moved = moved[(table["orders"] == 0) & (table["orders_before"] > 0)]
    else:
        moved = moved[change < 0] if trend == "falling" else moved[change > 0]
    return moved.reset_index().sort_values(
        ["change_by", f"{by}_before", key], ascending=[trend != "rising", False, True]
    )


def trend_answer(
    symbol: str, result: dict[str, Any], when: Period, earlier: Period, dated: bool
) -> str:
    """'From 1998-01-01 to 1998-06-30 the store sold $476,154.88 ...; products whose revenue
    fell the most from the 181 days before (1997-07-04 to 1997-12-31): Earl Grey ($120.00,
    against $900.00: down 87%), ... and 1,203 more.' Every figure is from the result;
    `earlier` is the period the change is measured from (earlier_words)."""
    rows, by, trend = result["rows"], result["by"], result["trend"]
    noun = "product" if result["per"] == "product" else "category"
    plural = "products" if noun == "product" else "categories"
    where = f" in {result['category']}" if result["category"] else ""
    # With compare_to, the totals set beside it follow, and say the periods' lengths.
    before = earlier_words(when, earlier, result["compare_to"])
    if trend == "stopped":  # every day before the period, or compare_to's
        before = (
            f"from {day(earlier.start)} to {day(earlier.end)}"
            if result["compare_to"] is None
            else f"in {before}"
        )
    if not rows and result["offset"] and result["total"]:
        return past_end(result["offset"], result["total"], noun, f" {period_words(when, dated)}")
    head = sold(symbol, result, when, dated)
    if trend == "stopped":
        if not rows:
            return f"{head}. Every {noun}{where} that sold {before} sold again in it."
        items = [f"{label(row)} ({measure_amount(symbol, row['before'], by)} before)"
                 for row in rows]  # fmt: skip
        opening = f"{head}; {plural}{where} that sold {before} and not at all in it, the most first"
        return f"{opening}{listed(result, items, noun)}."
    moved = MOVED[trend]
    if not rows:
        return f"{head}. No {noun}'s {MEASURE_WORDS[by]}{where} {moved} from {before}."
    items = [
        f"{label(row)} ({measure_amount(symbol, row[by], by)}, against "
        f"{measure_amount(symbol, row['before'], by)}: {change_words(row)})"
        for row in rows
    ]
    opening = f"{head}; {plural}{where} whose {MEASURE_WORDS[by]} {moved} the most from {before}"
    return f"{opening}{listed(result, items, noun)}."


def listed(result: dict[str, Any], items: list[str], noun: str) -> str:
    """': a, b, c and 12 more' (the first three named), with the page of `noun`s when not the
    first (customer_trends words its lists so too)."""
    more = result["total"] - result["offset"] - min(3, len(items))  # past the three named
    shown = ", ".join(items[:3]) + f" and {more:,} more" if more > 0 else listing(items)
    offset = result["offset"]
    page = f", {span(offset, len(items), result['total'], noun)}" if offset else ""
    return f"{page}: {shown}"


def earlier_words(when: Period, earlier: Period, compare_to: str | None) -> str:
    """'the 90 days before (1998-01-01 to 1998-03-31)', or the period `compare_to` named ('1997
    (1997-01-01 to 1997-12-31)')."""
    dates = f"{day(earlier.start)} to {day(earlier.end)}"
    asked = " ".join((compare_to or "before").lower().split())
    if asked == "before":
        return f"the {count(when.days, 'day')} before ({dates})"
    named = {"year earlier": "the same days a year earlier"}.get(asked, asked)
    if re.fullmatch(r"\d\d?", named):  # a month without its year ("03"): with the year it was
        named = f"{earlier.start:%Y-%m}"
    elif re.fullmatch(r"q[1-4]", named):
        named = f"{earlier.start.year}-Q{named[1]}"
    return f"{'the ' if named.endswith('before') else ''}{named} ({dates})"


def lengths_words(when: Period, earlier: Period) -> str:
    """'; the periods are 181 days and 365 days long, ...' when their lengths differ by more
    than LENGTHS_APART (a change then measures length as well), else ''."""
    if abs(earlier.days - when.days) <= LENGTHS_APART * max(earlier.days, when.days):
        return ""
    return (
        f"; the periods are {count(when.days, 'day')} and {count(earlier.days, 'day')} long, "
        "so a change measures their length too"
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
