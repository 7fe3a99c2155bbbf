"""The 90% interval of a demand forecast (forecast.py), calibrated on the store's own past.

The same recipe is replayed on earlier windows of the history (forecast at a past cutoff,
compare with what happened), and the spread of log(actual / forecast) sets the band, never
narrower than the Poisson noise of the total (`band`). Where no past window fits, a stated
default spread stands in; where the customers bought nothing in a past window the model
expected orders in, or only one window can be compared, no spread can be calibrated and the
forecast has no interval (NaN bounds, a reason).

A spread measured on n windows is itself uncertain: a band of z x spread would cover
P(|t_n| < z) of outcomes, not 90% (80% for three windows), so the band's multiple is Student-t's
with n - 1 degrees of freedom (`quantile`), and up to WINDOWS windows are replayed, half a
horizon apart (they overlap), so most bands rest on enough of them to stay narrow. Replayed at
past cutoffs of CDNOW, the 3-window z band held 77-95% of actual totals, this one 88-100%
(`python -m bench.forecast_coverage`, docs/model-card.md). A band so measured needs no
sentence about how few its windows are; one window gives no interval (MIN_WINDOWS).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm, t

from predictors.btyd import BGNBD
from predictors.features import WEEK, in_weeks, window_labels
from predictors.history import History

LEVEL = 0.9  # the interval's coverage
DEFAULT_SPREAD = 0.25  # where no past window fits: wide, and said with the forecast
NO_WINDOW = "No past window of this length fits the history"
MIN_WINDOWS = 2  # below: no interval (one error is no spread; see the module docstring)
WINDOWS = 8  # past windows replayed at most: 3 held too few actuals (the module docstring)
# Raise when past_calibration's numbers change another way (how windows are placed, the
# model replayed): calibrations saved by `retain score` of another recipe are then stale
# (forecast_interval_saved.py).
REPLAY_VERSION = 1
# The customers of a group at a past cutoff (a segment as it stood then): see
# `past_calibration`.
Members = Callable[[pd.Timestamp], "pd.Index[str]"]


@dataclass(frozen=True)
class Calibration:
    """Where a forecast's interval comes from: the spread of log(actual / forecast) on past
    windows (`windows` of them), the stated default (no window fits), or nothing (`reason`)."""

    spread: float  # NaN when there is no interval
    windows: int | None  # past windows compared; 0: the default; None: the caller gave the spread
    empty_windows: int = 0  # windows the customers bought nothing in, against orders expected
    reason: str | None = None  # why no interval can be calibrated; None when there is one
    unmeasured: str = NO_WINDOW  # why the default spread stands in (windows == 0)

    @property
    def basis(self) -> str:
        """past windows, default or none."""
        if self.reason is not None:
            return "none"
        return "default" if self.windows == 0 else "past windows"

    @property
    def note(self) -> str | None:
        """The sentence a forecast with a default interval or none carries. A measured band
        carries none: its Student-t multiple already allows for how few its windows are."""
        if self.reason is not None:
            return f"No 90% interval: {self.reason}."
        if self.windows == 0:
            return (
                f"{self.unmeasured}, so the 90% interval uses a default spread of "
                f"{self.spread:g}, not one measured on this store."
            )
        return None


def quantile(windows: int | None) -> float:
    """The band's multiple of its width: Student-t with windows - 1 degrees of freedom for a
    spread measured on past windows (n - 1, not the n of independent errors: the windows
    overlap by half, so they count for fewer), the normal one for the default or a spread the
    caller gave (`windows` 0 or None)."""
    if not windows:
        return float(norm.ppf(0.5 + LEVEL / 2))
    return float(t.ppf(0.5 + LEVEL / 2, windows - 1))


def band(calibration: Calibration, expected_orders: float) -> tuple[float, float]:
    """The interval's low and high as factors of the point forecast: the calibrated spread and
    the Poisson noise of a total of `expected_orders`, combined, times `quantile`. NaN without
    a spread."""
    multiple = quantile(calibration.windows)
    poisson = 1.0 / np.sqrt(max(expected_orders, 1.0))  # relative noise of a Poisson total
    width = np.sqrt(calibration.spread**2 + poisson**2)
    return float(np.exp(-multiple * width)), float(np.exp(multiple * width))


def past_calibration(
    history: History,
    cutoff: pd.Timestamp,
    horizon_weeks: float,
    customers: "Members | pd.Index[str] | None" = None,
) -> Calibration:
    """Sigma of log(actual / forecast) of total purchase days on past windows of this length,
    replayed with BG/NBD (refitting the network per window would be too slow; the network's
    totals can sit further from the truth than the classic models': see docs/model-card.md).

    `customers`: the totals count only these (those of them known at each past cutoff), or,
    given as a function of the past cutoff, those it names then: a segment defined by recent
    buying ("at risk": gone quiet) must be taken as it stood then, since today's members are
    chosen by the very windows replayed (they bought nothing in them, or more than expected).
    BG/NBD is still fitted on everyone, as the forecast's model is: a small segment could not
    pin its four parameters, and its error is then the one its forecast carries.

    A window in which the customers bought nothing against orders expected has an error of
    log 0: it is counted, and no spread (so no interval) can be calibrated. A window with
    nothing expected and nothing bought (no such customers then) says nothing and is left out.
    A single window compared gives no interval either (MIN_WINDOWS)."""
    errors = []
    fitted, empty, expected_in_empty = 0, 0, 0.0
    purchases: BGNBD | None = None
    first = history.first_day
    for back in range(WINDOWS):
        end = cutoff - back * horizon_weeks * WEEK / 2
        start = end - horizon_weeks * WEEK
        if (start - first) / WEEK < 8:
            break
        fitted += 1
        summary = repeat_summary(history, start)
        x, t_x, big_t = (summary[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        # Only BG/NBD: the spread compares purchase days, which spend's model has no part in.
        # Each window starts from the fit half a horizon later: the same optimum, in about a
        # third of the iterations (most of the replay's time; docs/model-card.md).
        purchases = BGNBD.fit(x, t_x, big_t, near=purchases)
        each_expected = purchases.expected_purchases(horizon_weeks, x, t_x, big_t)
        each_actual = window_labels(history, start, end)["purchases"].reindex(summary.index)
        if customers is not None:
            chosen = summary.index.isin(customers(start) if callable(customers) else customers)
            each_expected, each_actual = each_expected[chosen], each_actual[chosen]
        expected, actual = float(each_expected.sum()), float(each_actual.sum())
        if expected > 0 and actual > 0:
            errors.append(np.log(actual / expected))
        elif expected > 0:
            empty, expected_in_empty = empty + 1, expected_in_empty + expected
    windows = len(errors) + empty
    if empty:
        which = f"all {windows}" if empty == windows else f"{empty} of the {windows}"
        reason = (
            f"these customers bought nothing in {which} past windows of this length, against "
            f"{expected_in_empty / empty:,.1f} orders expected per window, so no spread can be "
            "measured"
        )
        return Calibration(float("nan"), windows, empty, reason)
    if not errors and fitted:
        # The windows fit, but none of these customers was there to compare (a segment nobody
        # was in then): the default, with the right reason.
        unmeasured = f"None of the {fitted} past windows of this length had these customers"
        return Calibration(DEFAULT_SPREAD, windows=0, unmeasured=unmeasured)
    if not errors:
        return Calibration(DEFAULT_SPREAD, windows=0)
    if windows < MIN_WINDOWS:
        which = (
            f"only {windows} past window of this length fits the history"
            if fitted == windows
            else f"only {windows} of the {fitted} past windows of this length had these customers"
        )
        reason = f"{which}, and one window's error measures no spread"
        return Calibration(float("nan"), windows, reason=reason)
    return Calibration(float(np.sqrt(np.mean(np.square(errors)))), windows)


def repeat_summary(history: History, cutoff: pd.Timestamp) -> pd.DataFrame:
    """frequency, recency and T of each customer at the cutoff, as `customer_features` has them
    (same rows, same order, same values), without the other features BG/NBD does not read."""
    days = history.days.loc[history.days["day"] <= cutoff, ["customer_id", "day"]]
    by = days.groupby("customer_id", sort=True, observed=True)["day"]
    first, last = by.min(), by.max()
    return pd.DataFrame(
        {
            "frequency": (by.size() - 1).astype("float64"),
            "recency": in_weeks(last - first),
            "T": in_weeks(cutoff - first),
        }
    )
