"""Where a forecast's interval comes from: past windows in which the customers bought nothing
are counted (no interval can then be calibrated), a horizon no past window fits takes the stated
default, a measured band says nothing of its windows, and the weekly rows number the weeks and
give each its days and first date."""

from typing import cast

import numpy as np
import pandas as pd
import pytest

from predictors.forecast import DEFAULT_SPREAD, forecast_demand, past_calibration
from predictors.forecast_interval import WINDOWS, Calibration, repeat_summary
from predictors.history import History, cdnow_history
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone

CUTOFF = pd.Timestamp("1998-06-30")


@pytest.fixture(scope="module")
def history() -> History:
    return cdnow_history(sample=True)


def _gone_quiet(history: History, since: pd.Timestamp) -> "pd.Index[str]":
    """Customers with repeat purchases whose last one came before `since`."""
    days = history.days[history.days["day"] <= CUTOFF]
    by = days.groupby("customer_id", observed=True)["day"]
    last, count = by.max(), by.size()
    return last.index[(last < since) & (count >= 3)]


def test_windows_without_a_purchase_are_counted_and_leave_no_interval(history: History) -> None:
    # Quiet since before every replayed 13-week window (the 8th starts 58.5 weeks back): each
    # window expected some orders of them and they bought none. Such windows were skipped, and
    # the default spread claimed.
    quiet = _gone_quiet(history, CUTOFF - pd.Timedelta(weeks=59))
    calibration = past_calibration(history, CUTOFF, 13.0, quiet)
    assert calibration.windows == calibration.empty_windows == WINDOWS == 8
    assert np.isnan(calibration.spread) and calibration.basis == "none"
    assert calibration.note is not None
    assert calibration.note.startswith(
        "No 90% interval: these customers bought nothing in all 8 past"
    )
    forecast = forecast_demand(
        cast(Predictor, SameForEveryone()), history, CUTOFF, 13.0, customers=quiet
    )
    assert forecast.orders > 0 and np.isnan(forecast.orders_interval).all()
    assert forecast.calibration.reason == calibration.reason


def test_a_horizon_no_past_window_fits_takes_the_stated_default(history: History) -> None:
    calibration = past_calibration(history, CUTOFF, 72.0)  # 78 weeks of history: none fits
    assert (calibration.spread, calibration.windows, calibration.basis) == (
        DEFAULT_SPREAD,
        0,
        "default",
    )
    assert calibration.note == (
        "No past window of this length fits the history, so the 90% interval uses a default "
        "spread of 0.25, not one measured on this store."
    )
    fitted = past_calibration(history, CUTOFF, 13.0)
    assert (fitted.windows, fitted.basis) == (8, "past windows")


def test_a_measured_band_says_nothing_of_its_windows(history: History) -> None:
    # Every measured band said "rests on only 3 past windows...": its Student-t multiple now
    # allows for few windows (test_forecast_coverage.py), so the sentence was noise.
    assert past_calibration(history, CUTOFF, 13.0).note is None
    assert past_calibration(history, CUTOFF, 30 / 7).note is None
    two = Calibration(0.1, windows=2)
    assert (two.basis, two.note) == ("past windows", None)


def test_one_past_window_gives_no_interval(history: History) -> None:
    # 78 weeks of history fit one 52-week window: its single error was taken as the spread (a
    # "90%" band from one error covers about 65% of outcomes).
    one = past_calibration(history, CUTOFF, 52.0)
    assert (one.windows, one.empty_windows, one.basis) == (1, 0, "none")
    assert np.isnan(one.spread)
    assert one.note == (
        "No 90% interval: only 1 past window of this length fits the history, and one window's "
        "error measures no spread."
    )
    forecast = forecast_demand(cast(Predictor, SameForEveryone()), history, CUTOFF, 52.0)
    assert forecast.orders > 0 and np.isnan(forecast.orders_interval).all()


def test_one_past_window_with_these_customers_gives_no_interval(history: History) -> None:
    # A group that had members at the first window's start alone: the other seven windows
    # compare nothing, and one error is left.
    everyone = repeat_summary(history, CUTOFF).index
    first_start = CUTOFF - pd.Timedelta(weeks=13)
    nobody: pd.Index[str] = pd.Index([], dtype=object)

    def members(start: pd.Timestamp) -> "pd.Index[str]":
        return everyone if start == first_start else nobody

    one = past_calibration(history, CUTOFF, 13.0, members)
    assert (one.windows, one.basis) == (1, "none")
    assert one.reason == (
        "only 1 of the 8 past windows of this length had these customers, and one window's "
        "error measures no spread"
    )


def test_weeks_are_numbered_with_their_days_and_first_date(history: History) -> None:
    forecast = forecast_demand(cast(Predictor, SameForEveryone()), history, CUTOFF, 30 / 7, 0.2)
    weekly = forecast.weekly
    assert weekly["week"].tolist() == [1, 2, 3, 4, 5]
    assert weekly["days"].tolist() == [7, 7, 7, 7, 2]
    starts = [f"{day:%Y-%m-%d}" for day in weekly["start"]]
    assert starts == ["1998-07-01", "1998-07-08", "1998-07-15", "1998-07-22", "1998-07-29"]
    day = forecast_demand(cast(Predictor, SameForEveryone()), history, CUTOFF, 1 / 7, 0.2)
    assert day.weekly[["week", "days"]].to_dict("records") == [{"week": 1, "days": 1}]


def test_windows_without_these_customers_take_the_default_for_that_reason(
    history: History,
) -> None:
    # A segment nobody was in at the past cutoffs: the windows fit, but compare nothing.
    nobody = past_calibration(history, CUTOFF, 13.0, pd.Index(["no such customer"]))
    assert (nobody.spread, nobody.windows, nobody.basis) == (DEFAULT_SPREAD, 0, "default")
    assert nobody.note == (
        "None of the 8 past windows of this length had these customers, so the 90% interval "
        "uses a default spread of 0.25, not one measured on this store."
    )
