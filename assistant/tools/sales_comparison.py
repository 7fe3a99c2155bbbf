"""top_products set beside another calendar period ("sales in 1998 vs 1997", "Q2 against Q1"):
the same totals for the period `compare_to` names, and the change from them to the period
asked. A question naming two periods got the first one's figures alone, which read as the
answer.

The two periods may differ in length (a year beside the part of the next one the orders
reach); the answer says so, since a change between them then measures length as well.
"""

from typing import Annotated, Any

from pydantic import Field

from assistant.tools.format import count, pct
from assistant.tools.period_days import MONTH, QUARTER, YEAR
from assistant.tools.periods import Asked, Period
from commerce.errors import InvalidInput

CompareTo = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=10,
        description="Another calendar period to set the totals beside: a year (YYYY), a "
        "quarter (YYYY-Qn or Qn) or a month (YYYY-MM or MM), placed as `year`, `quarter` and "
        "`month` are. The answer gives its revenue, orders and customers too, and the change "
        "from it to the period asked.",
    ),
]
MEASURES = ("revenue", "orders", "customers")


def compared_period(compare_to: str) -> Asked:
    """The period `compare_to` names, as the period arguments give it; InvalidInput when it
    names none."""
    text = compare_to.strip()
    if YEAR.fullmatch(text):
        return Asked(year=text)
    if QUARTER.fullmatch(text):
        return Asked(quarter=text.upper())
    if MONTH.fullmatch(text):
        return Asked(month=text)
    raise InvalidInput(
        f"compare_to ({compare_to!r}) names no period: give a year (YYYY), a quarter "
        "(YYYY-Qn or Qn) or a month (YYYY-MM or MM)"
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
    return f"{measure} {'up' if change > 0 else 'down'} {pct(abs(change))}"
