"""The forecast's 90% band is honest for few past windows: on errors of known spread it holds
about 90% of outcomes whether 2, 3 or 8 windows measured it, and the replay reaches 8 windows
where the history allows (bench/forecast_coverage.py measures it on CDNOW)."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from predictors.forecast_interval import WINDOWS, Calibration, band, past_calibration
from predictors.history import History, cdnow_history

CUTOFF = pd.Timestamp("1998-06-30")
HUGE = 1e12  # expected orders: the Poisson part of the band is negligible


@pytest.fixture(scope="module")
def history() -> History:
    return cdnow_history(sample=True)


def _coverage(windows: int, trials: int = 40_000) -> float:
    """How often a band measured on `windows` errors holds the next one, the errors drawn
    normal with a spread of 0.2 (the band's own model of them, so 90% is the truth)."""
    errors = np.random.default_rng(windows).normal(0.0, 0.2, size=(trials, windows + 1))
    spread = np.sqrt(np.mean(np.square(errors[:, :windows]), axis=1))
    # The band is exp(+-multiple x spread): read the multiple off a spread of 1.
    multiple = np.log(band(Calibration(1.0, windows=windows), HUGE)[1])
    return float(np.mean(np.abs(errors[:, windows]) <= multiple * spread))


@pytest.mark.parametrize("windows", [2, 3, 5, WINDOWS])
def test_a_band_on_few_windows_holds_about_90_percent(windows: int) -> None:
    # With z x spread, 3 windows held 80% and 8 held 86%: the band was too narrow, and every
    # answer said so.
    assert 0.89 <= _coverage(windows) <= 0.98


def test_a_given_or_default_spread_keeps_the_normal_multiple() -> None:
    z = float(norm.ppf(0.95))
    for windows in (None, 0):
        low, high = band(Calibration(0.2, windows=windows), HUGE)
        assert (np.log(low), np.log(high)) == pytest.approx((-z * 0.2, z * 0.2), rel=1e-6)


def test_the_replay_reaches_eight_windows_where_they_fit(history: History) -> None:
    # Three windows were replayed at most, whatever the history held.
    assert past_calibration(history, CUTOFF, 13.0).windows == WINDOWS == 8
    assert past_calibration(history, CUTOFF, 26.0).windows == 4  # 78 weeks fit four
