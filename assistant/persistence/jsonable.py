"""Values made safe to store: JSON that both SQLite and PostgreSQL accept, text without NULs.

Tool arguments, results and cards come from pandas and numpy as often as from plain Python;
storing them must never be the step that fails a chat or loses an audit row.
"""

import math
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, time
from typing import Any


def clean_text(text: str) -> str:
    """`text` without NUL characters, which PostgreSQL refuses in text and JSON."""
    return text.replace("\x00", "")


def jsonable(value: Any) -> Any:
    """`value` as plain JSON: numpy scalars unwrapped, dates as ISO text, NaN and infinities
    as null (JSONB has no NaN), tuples and sets as lists, anything else as its text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {clean_text(str(key)): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    unwrap = getattr(value, "item", None)  # numpy and pandas scalars
    if callable(unwrap):
        try:
            return jsonable(unwrap())
        except (TypeError, ValueError):
            pass
    return clean_text(str(value))
