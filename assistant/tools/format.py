"""How tools write numbers and shape their output: one place, so every answer reads the same.

Numbers in answers are formatted here by code (money with the store's currency symbol and two
decimals, shares as whole percents, counts with thousands separators). `count` lives in
commerce.wording, since the recommendations' reasons word counts too and may not import the
assistant; tools import it from here. Results are made plain JSON by `assistant.jsonable`.
"""

from collections.abc import Sequence
from typing import Any

import pandas as pd

from assistant.jsonable import jsonable
from assistant.tools.base import Card, ToolOutput
from commerce.wording import count as count


def money(amount: float, symbol: str = "$") -> str:
    """$1,234.50; a negative amount as -$12.00."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def pct(share: float) -> str:
    """A share of one as a whole percent: 0.813 -> 81%."""
    return f"{share:.0%}"


def chance(p: float) -> str:
    """A probability as a whole percent that never rounds to a certainty it is not: 0.0042
    is "<1%", 0.9998 ">99%" (0% and 100% only when exact)."""
    shown = pct(p)
    if p > 0 and shown == "0%":  # 0.005 too: Python rounds half to even
        return "<1%"
    if p < 1 and shown == "100%":
        return ">99%"
    return shown


def revenue_share(revenue: float, share: float) -> str:
    """A ranked row's share of the period's revenue, one decimal, from the unrounded share (a
    row's 4-place `share_of_revenue` rounded again would turn 1.648% into 1.7%); "<0.1%" for
    a share that sold but rounds to nothing (0.0% would read as no revenue at all)."""
    return "<0.1%" if revenue > 0 and share < 0.0005 else f"{share:.1%}"


def day(value: Any) -> str:
    """A date as YYYY-MM-DD."""
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def listing(items: Sequence[str], limit: int = 3) -> str:
    """The first `limit` items joined with commas, then "and N more" when some are left out,
    else "and" before the last: "a, b and c" reads as the whole list, "a, b, c" as cut off."""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit:,} more"
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def output(
    answer: str, result: dict[str, Any], cards: Sequence[Card] = (), rows: int = 0
) -> ToolOutput:
    """The tool's answer with its result and cards made JSON-safe."""
    return ToolOutput(
        answer=answer,
        result=jsonable(result),
        cards=[jsonable(card) for card in cards],
        rows=rows,
    )
