"""Values made plain JSON, safe to send and to store: what tools return, what the app database
and the alert store keep.

Results come from pandas and numpy as often as from plain Python; sending or storing them must
never be the step that fails a chat or loses an audit row. The output is JSON that both SQLite
and PostgreSQL accept: no NaN (JSONB has none), no NUL characters.
"""

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

# Deeper than any tool argument, result or card; parts past it become a marker, so a hostile
# payload cannot recurse past Python's limit in the step that must never fail.
MAX_DEPTH = 64
TOO_DEEP = "(nested too deeply to keep)"


def clean_text(text: str) -> str:
    """`text` without NUL characters, which PostgreSQL refuses in text and JSON."""
    return text.replace("\x00", "")


def jsonable(value: Any, depth: int = 0) -> Any:
    """`value` as plain JSON: NaN, infinities, NaT and NA as null, numpy scalars and arrays as
    Python numbers and lists, timestamps and dates as ISO text, tuples and sets as lists,
    mapping keys as text, anything else as its text; parts nested more than MAX_DEPTH levels
    are replaced by TOO_DEEP."""
    if depth > MAX_DEPTH:
        return TOO_DEEP
    if value is None or value is pd.NA or value is pd.NaT:  # NaT is a datetime: test it first
        return None
    if isinstance(value, np.datetime64 | np.timedelta64):  # before integers: timedelta64 is one
        if np.isnat(value):
            return None
        shown = pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
        return shown.isoformat()
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {clean_text(str(jsonable(k, depth + 1))): jsonable(v, depth + 1)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist(), depth)
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item, depth + 1) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value), depth)
    if isinstance(value, np.generic):  # numpy's other scalars (str_, bytes_, ...): Python's own
        return jsonable(value.item(), depth)
    return clean_text(str(value))
