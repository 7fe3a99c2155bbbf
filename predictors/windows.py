"""Training rows: features at past cutoffs, labelled with what happened in the window after.

The horizon a user asks about (say 39 weeks) is often longer than the history allows as a label
window, so rows come from several windows of several lengths that all end inside the history;
the network sees the window's length as an input, and the classic models' forecast for that
length as its base, which carries the extrapolation to longer horizons.
"""

from dataclasses import dataclass

import pandas as pd

from commerce.errors import InvalidInput
from predictors.classic import Classic
from predictors.features import WEEK, attach_labels, customer_features
from predictors.history import History

MIN_HISTORY_WEEKS = 8  # a window's cutoff leaves at least this much history before it
MIN_WINDOW_WEEKS = 2


@dataclass(frozen=True)
class Window:
    cutoff: pd.Timestamp
    end: pd.Timestamp

    @property
    def weeks(self) -> float:
        return float((self.end - self.cutoff) / WEEK)


def training_windows(
    first_day: pd.Timestamp,
    last_day: pd.Timestamp,
    horizon_weeks: float,
    ends: int = 3,
    step_weeks: int = 4,
) -> list[Window]:
    """Windows of up to four lengths, ending at the last day and at `ends - 1` earlier steps."""
    span = (last_day - first_day) / WEEK - MIN_HISTORY_WEEKS
    longest = min(horizon_weeks, span)
    if longest < MIN_WINDOW_WEEKS:
        return []
    lengths = sorted({max(MIN_WINDOW_WEEKS, round(longest * f)) for f in (1.0, 0.75, 0.5, 0.3)})
    windows = []
    for k in range(ends):
        end = last_day - k * step_weeks * WEEK
        for weeks in lengths:
            cutoff = end - weeks * WEEK
            if (cutoff - first_day) / WEEK >= MIN_HISTORY_WEEKS:
                windows.append(Window(cutoff, end))
    return windows


def shortest_window_weeks(
    first_day: pd.Timestamp, last_day: pd.Timestamp, horizon_weeks: float
) -> float | None:
    """The shortest label window `training_windows` gives a network trained up to `last_day`
    for `horizon_weeks`: below it the network never saw a horizon (see forecast.py). None when
    no window fits (such a store gets the classic models only)."""
    windows = training_windows(first_day, last_day, horizon_weeks)
    return min(w.weeks for w in windows) if windows else None


def window_rows(history: History, window: Window) -> pd.DataFrame:
    """Labelled rows of one window, with the classic models fitted at its cutoff."""
    features = customer_features(history, window.cutoff)
    labelled = attach_labels(features, history, window.cutoff, window.end)
    classic = Classic.fit(features).frame(features, window.weeks)
    return labelled.join(classic).assign(horizon_weeks=window.weeks, cutoff=window.cutoff)


def training_rows(history: History, windows: list[Window]) -> pd.DataFrame:
    """All windows' rows, stacked (a customer appears once per window)."""
    if not windows:
        raise InvalidInput(
            f"no training window fits in the history: it needs {MIN_HISTORY_WEEKS} weeks of "
            f"history before a window of at least {MIN_WINDOW_WEEKS} weeks"
        )
    return pd.concat([window_rows(history, w) for w in windows])
