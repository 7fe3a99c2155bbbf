"""Rows of a frame kept for lookups by key: each key's row range in a frame sorted by it
(`groups`), the rows as dicts made only when asked for (`Records`), and timestamps to the
second (`seconds`). Shared by the per-customer lookups (lookups.py, customer_lookup.py)."""

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd


def seconds(values: "pd.Series[Any]") -> npt.NDArray[np.datetime64]:
    """Timestamps to the second; str() of one is its ISO text ('1997-03-20T00:00:00')."""
    return pd.to_datetime(values).to_numpy("datetime64[s]")


class Records:
    """A frame's rows as dicts, each made when asked for; `convert` maps a column's values."""

    def __init__(
        self, frame: pd.DataFrame, convert: dict[str, Callable[[Any], Any]] | None = None
    ) -> None:
        self._columns = {str(c): frame[c].tolist() for c in frame.columns}
        self._convert = convert or {}
        self._length = len(frame)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> dict[str, Any]:
        convert = self._convert
        return {
            c: convert[c](values[i]) if c in convert else values[i]
            for c, values in self._columns.items()
        }


def groups(keys: "pd.Series[str]") -> dict[str, tuple[int, int]]:
    """Row ranges of each key in a frame sorted by that key."""
    values = keys.to_numpy()
    if len(values) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    ends = np.r_[starts[1:], len(values)]
    return {str(values[s]): (int(s), int(e)) for s, e in zip(starts, ends, strict=True)}
