"""assistant.jsonable: what tools send and the app database keeps is plain JSON, always."""

import dataclasses
import json
import math

import numpy as np
import pandas as pd

from assistant.jsonable import MAX_DEPTH, TOO_DEEP, jsonable


def test_jsonable_makes_plain_json() -> None:
    value = {
        1.5: np.float32(2.5),
        "n": np.int64(3),
        "nan": float("nan"),
        "when": pd.Timestamp("2024-01-02 03:04:05"),
        "none": pd.NaT,
        "na": pd.NA,
        "list": np.array([1.0, math.inf]),
        "flag": np.bool_(True),
        "day": np.datetime64("2024-05-06"),
        "at": np.datetime64("2024-03-05T00:00:00.000000000"),  # nanoseconds: item() is an int
        "gap": np.timedelta64(3, "D"),  # a numpy integer, too
        "never": np.datetime64("NaT"),
        "text\x00": "a\x00b",
    }
    assert json.loads(json.dumps(jsonable(value), allow_nan=False)) == {
        "1.5": 2.5, "n": 3, "nan": None, "when": "2024-01-02T03:04:05", "none": None,
        "na": None, "list": [1.0, None], "flag": True, "day": "2024-05-06T00:00:00",
        "at": "2024-03-05T00:00:00", "gap": "P3DT0H0M0S", "never": None, "text": "ab",
    }  # fmt: skip


def test_dataclasses_and_sets_become_objects_and_lists() -> None:
    @dataclasses.dataclass
    class Card:
        title: str
        ids: tuple[int, ...]

    assert jsonable(Card("top", (1, 2))) == {"title": "top", "ids": [1, 2]}
    assert jsonable(frozenset({"a"})) == ["a"]


def test_nesting_past_the_limit_is_cut_not_a_crash() -> None:
    """Arguments nested thousands deep (a hostile API call) are stored with a marker where they
    go too deep, instead of recursing past Python's limit while writing the audit row."""
    deep: list[object] = []
    for _ in range(5_000):
        deep = [deep]
    stored = jsonable({"x": deep})
    json.dumps(stored)
    level, depth = stored["x"], 1
    while isinstance(level, list):
        level, depth = level[0], depth + 1
    assert level == TOO_DEEP
    assert depth == MAX_DEPTH + 1
    shallow = [[[1]]]
    assert jsonable(shallow) == shallow
