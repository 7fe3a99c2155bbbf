"""How tools write numbers and shape their output: one place, so every answer reads the same.

Numbers in answers are formatted here by code (money with the store's currency symbol and two
decimals, shares as whole percents, counts with thousands separators). `jsonable` makes any
result safe to send as JSON: no NaN, no numpy scalars, timestamps as ISO strings.
"""

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from assistant.tools.base import Card, ToolOutput


def money(amount: float, symbol: str = "$") -> str:
    """$1,234.50; a negative amount as -$12.00."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def pct(share: float) -> str:
    """A share of one as a whole percent: 0.813 -> 81%."""
    return f"{share:.0%}"


def count(n: int, noun: str) -> str:
    """1 customer, 1,234 customers (nouns here take a plain -s)."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def day(value: Any) -> str:
    """A date as YYYY-MM-DD."""
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def listing(items: Sequence[str], limit: int = 3) -> str:
    """The first `limit` items joined with commas, "and N more" after them."""
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit:,} more" if len(items) > limit else "")


def jsonable(value: Any) -> Any:
    """`value` with every part JSON can carry: NaN and NaT become None, numpy scalars and arrays
    become Python numbers and lists, timestamps and dates ISO strings, mapping keys strings."""
    if value is None or isinstance(value, bool | str):
        return value
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return str(value)


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
