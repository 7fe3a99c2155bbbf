"""`retain eval`'s tracking curve draws Retain's weeks as the demand forecast does: below the
shortest window the network was trained on, its level with BG/NBD's shape in time. Scored on the
network's raw short-horizon figures, the curve had a week-1 spike no user is ever shown."""

import numpy as np
import pandas as pd
import pytest

from predictors.evaluate import Split, evaluate
from predictors.train import TrainConfig
from tests.predictors.test_forecast_short import steady_store


def test_retain_tracks_a_steady_store_without_a_first_week_spike() -> None:
    store = steady_store(span_weeks=60)
    cutoff = store.first_day + pd.Timedelta(weeks=44)
    split = Split(cutoff, cutoff + pd.Timedelta(weeks=16))  # windows of 16, 12, 8 and 5 weeks
    evaluation = evaluate(store, split, TrainConfig(seed=0, device="cpu"))
    tracking = evaluation.curves.tracking
    assert tracking is not None
    weekly = np.diff(np.asarray(tracking.predicted["retain"], dtype=np.float64), prepend=0.0)
    # The store buys at the same rate every week; the network alone put ~30% more in week 1.
    assert weekly[0] == pytest.approx(np.median(weekly[1:5]), rel=0.05)
