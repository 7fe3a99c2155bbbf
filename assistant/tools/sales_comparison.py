"""top_products set beside another calendar period ("sales in 1998 vs 1997", "Q2 against Q1"):
the same totals for the period `compare_to` names, and the change from them to the period
asked. A question naming two periods got the first one's figures alone, which read as the
answer. Also the days a trend (top_products', top_customers') measures each change from:
compare_to's period, the days just before, or every day before for "stopped".

The two periods may differ in length (a year beside the part of the next one the orders
reach); the answer says so, since a change between them then measures length as well.
"""

import re
from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from assistant.tools.format import count, pct
from assistant.tools.period_days import MONTH, QUARTER, YEAR, DayRange
from assistant.tools.periods import Asked, Period, between, period_asked
from commerce.errors import InvalidInput

CompareTo = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=16,  # "quarter before", the longest form taken
        description="Another period to set the totals beside: a year (YYYY), a quarter "
        "(YYYY-Qn or Qn) or a month (YYYY-MM or MM), placed as `year`, `quarter` and `month` "
        "are; 'year before', 'quarter before' or 'month before' (that unit just before the "
        "period asked starts); 'before' (as many days just before it); or 'year earlier' (the "
        "same days a year earlier: 'since March vs the same period last year'). The answer "
        "gives its revenue, orders and customers too, and the change from it to the period "
        "asked.",
    ),
]
MEASURES = ("revenue", "orders", "customers")


# "quarter before": the unit just before the period asked starts; "before": as many days.
BEFORE = re.compile(r"(?:(?P<unit>year|quarter|month)\s+)?before")
# The same days a year earlier: like with like where a year beside a part of the next is not.
YEAR_EARLIER = "year earlier"
UNIT_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def compared_period(compare_to: str, when: Period, data: DayRange) -> Period:
    """The period `compare_to` names, placed on the store's calendar; InvalidInput naming
    `compare_to` when it names none, or one the store's orders do not cover."""
    try:
        before = BEFORE.fullmatch(compare_to.strip().lower())
        if before is not None:
            return _before(when, data, before.group("unit"))
        if " ".join(compare_to.lower().split()) == YEAR_EARLIER:
            return _year_earlier(when, data)
        return period_asked(data, _asked(compare_to), when.days)
    except InvalidInput as error:
        raise InvalidInput(f"compare_to ({compare_to!r}): {error}") from None


def trend_period(compare_to: str | None, when: Period, data: DayRange, trend: str) -> Period:
    """The days a trend measures each change from (top_products' and top_customers'): those
    `compare_to` names (trend_from), else as many days just before the period; for
    "stopped" and "returned", every day before it (what sold, or who bought, before at any
    time).
    InvalidInput when the store's orders hold no such days."""
    if compare_to is not None:
        return trend_from(compare_to, when, data)
    first = data.first_day
    if trend in ("stopped", "returned"):  # who bought before at any time
        if when.start <= first:
            raise InvalidInput(
                f"trend '{trend}' compares with every day before {when.start:%Y-%m-%d}, and the "
                f"store's orders start on {first:%Y-%m-%d}: ask for a later period"
            )
        return between(data, first, when.start - pd.Timedelta(days=1))
    if when.before_start is None:
        raise InvalidInput(
            f"trend compares with the {when.days} days before {when.start:%Y-%m-%d}, and the "
            f"store's orders start on {first:%Y-%m-%d}: ask for a later period, or name the "
            "period to compare with (compare_to)"
        )
    return Period(when.days, when.before_start, when.start - pd.Timedelta(days=1), None)


def trend_from(compare_to: str, when: Period, data: DayRange) -> Period:
    """The period a trend measures each change from, as `compare_to` names it: InvalidInput
    when it overlaps the period asked (a change is between two separate periods) or lies
    outside the store's orders (every change would read as new)."""
    then = separate_period(
        compare_to, when, data, "a change is measured between two separate periods"
    )
    if then.end < data.first_day or data.last_day < then.start:
        raise InvalidInput(
            f"compare_to ({compare_to!r}) is {then.start:%Y-%m-%d} to {then.end:%Y-%m-%d}, and "
            f"the store's orders run from {data.first_day:%Y-%m-%d} to {data.last_day:%Y-%m-%d}"
        )
    return then


def separate_period(compare_to: str, when: Period, data: DayRange, why: str) -> Period:
    """The period `compare_to` names (compared_period); InvalidInput when it overlaps the
    period asked, ending with `why` that matters."""
    then = compared_period(compare_to, when, data)
    if then.start <= when.end and when.start <= then.end:
        raise InvalidInput(
            f"compare_to ({compare_to!r}) is {then.start:%Y-%m-%d} to {then.end:%Y-%m-%d}, which "
            f"overlaps the period asked ({when.start:%Y-%m-%d} to {when.end:%Y-%m-%d}): {why}"
        )
    return then


def _before(when: Period, data: DayRange, unit: str | None) -> Period:
    """The `unit` just before `when` starts, or (None) as many days as `when`."""
    end = when.start - pd.Timedelta(days=1)
    if unit is None:
        start = when.start - pd.Timedelta(days=when.days)
    else:
        start = when.start - pd.DateOffset(months=UNIT_MONTHS[unit])
    if start < data.first_day:
        raise InvalidInput(
            f"it would begin on {start:%Y-%m-%d}, before the store's first order day, "
            f"{data.first_day:%Y-%m-%d}"
        )
    return Period((end - start).days + 1, start, end, None)


def _year_earlier(when: Period, data: DayRange) -> Period:
    """The days of `when`, a year earlier (29 February falls on the 28th)."""
    start = when.start - pd.DateOffset(years=1)
    end = when.end - pd.DateOffset(years=1)
    if start < data.first_day:
        raise InvalidInput(
            f"a year earlier it would begin on {start:%Y-%m-%d}, before the store's first "
            f"order day, {data.first_day:%Y-%m-%d}"
        )
    return Period((end - start).days + 1, start, end, None)


def _asked(compare_to: str) -> Asked:
    text = compare_to.strip()
    if YEAR.fullmatch(text):
        return Asked(year=text)
    if QUARTER.fullmatch(text):
        return Asked(quarter=text.upper())
    if MONTH.fullmatch(text):
        return Asked(month=text)
    raise InvalidInput(
        "names no period: give a year (YYYY), a quarter (YYYY-Qn or Qn), a month (YYYY-MM or "
        "MM), 'year before', 'quarter before', 'month before', 'before' or 'year earlier'"
    )


def comparison(then: Period, then_totals: dict[str, Any], totals: dict[str, Any]) -> dict[str, Any]:
    """The compared period's days and totals, and each measure's change from them to
    `totals` (None where the compared period had none: no change can be given)."""
    return {
        "from": f"{then.start:%Y-%m-%d}",
        "to": f"{then.end:%Y-%m-%d}",
        "days": then.days,
        "totals": then_totals,
        "change": {m: _change(float(totals[m]), float(then_totals[m])) for m in MEASURES},
    }


def compared_words(compared: dict[str, Any], days: int, opening: str) -> str:
    """' From 1997-01-01 to 1997-12-31 the store sold ...; against that: revenue up 12.0%,
    orders down 3.0% and customers up 1.0% (the periods are 181 and 365 days long).'
    `opening` is the compared period's totals as `sold` words them."""
    changes = [_moved(m, compared["change"][m]) for m in MEASURES]
    said = f" {opening}; against that: {changes[0]}, {changes[1]} and {changes[2]}"
    if compared["days"] != days:
        said += f" (the periods are {count(days, 'day')} and {count(compared['days'], 'day')} long)"
    return said + "."


def _change(now: float, then: float) -> float | None:
    return None if then == 0 else round(now / then - 1, 4)


def _moved(measure: str, change: float | None) -> str:
    if change is None:
        return f"{measure} not comparable (none then)"
    if change == 0:
        return f"{measure} unchanged"
    # One decimal under 1%: "up 0%" read as no change when it was 0.4%.
    size = pct(abs(change)) if abs(change) >= 0.01 else f"{abs(change):.1%}"
    return f"{measure} {'up' if change > 0 else 'down'} {size}"
