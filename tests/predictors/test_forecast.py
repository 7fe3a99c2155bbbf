"""The demand forecast on the CDNOW sample: its 90% interval covers what happened."""

import pandas as pd
import pytest

from predictors.features import customer_features, window_labels
from predictors.forecast import forecast_demand, weekly_actuals
from predictors.history import cdnow_history
from predictors.train import TrainConfig, train_predictor

CUTOFF, END = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")


@pytest.fixture(scope="module")
def history():  # type: ignore[no-untyped-def]
    return cdnow_history(sample=True)


def test_interval_covers_the_cdnow_holdout(history) -> None:  # type: ignore[no-untyped-def]
    predictor, _ = train_predictor(history, CUTOFF, 39.0, TrainConfig(seed=0))
    past = history.until(CUTOFF)
    forecast = forecast_demand(predictor, past, CUTOFF, 39.0)
    customers = customer_features(past, CUTOFF).index
    actual = window_labels(history, CUTOFF, END).reindex(customers).fillna(0.0)
    low, high = forecast.orders_interval
    assert low <= actual["purchases"].sum() <= high
    low, high = forecast.revenue_interval
    assert low <= actual["spend"].sum() <= high
    # The weekly curve adds up to the total, and there is one value per holdout week.
    assert forecast.weekly["orders"].sum() == pytest.approx(forecast.orders)
    assert len(forecast.weekly) == len(weekly_actuals(history, customers, CUTOFF, 39.0)) == 39
