"""Timing helpers the bench scripts share."""

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of `repeat` calls (machines are noisy: one run says little)."""
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)
