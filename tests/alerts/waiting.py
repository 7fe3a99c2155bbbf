"""Waiting for something another thread does, without asserting on how long it takes."""

import time
from collections.abc import Callable

LIMIT_S = 30.0  # only a broken implementation takes this long


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.01)
