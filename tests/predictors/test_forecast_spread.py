"""The forecast's interval: its past windows read only what BG/NBD needs, with the same numbers
as the full features and the classic models give, and a spread the caller kept is used as it is."""

from dataclasses import replace
from pathlib import Path
from typing import cast

import pandas as pd
import pytest

from bench.forecast import spread_with_classic_models
from predictors.features import customer_features
from predictors.forecast import Calibration, forecast_demand, past_calibration, repeat_summary
from predictors.history import History, cdnow_history
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone, pet_shop

CUTOFF = pd.Timestamp("1998-06-30")


@pytest.fixture(scope="module")
def history() -> History:
    return cdnow_history(sample=True)


@pytest.mark.parametrize("cutoff", ["1997-03-31", "1997-09-30", "1998-06-30"])
def test_repeat_summary_is_the_features_bg_nbd_reads(history: History, cutoff: str) -> None:
    day = pd.Timestamp(cutoff)
    features = customer_features(history.until(day), day)[["frequency", "recency", "T"]]
    pd.testing.assert_frame_equal(repeat_summary(history, day), features, check_exact=True)


# 52 weeks fit one past window of the sample, which now gives no spread at all
# (test_forecast_calibration.py).
@pytest.mark.parametrize("weeks", [30 / 7, 13.0])
def test_past_spread_equals_the_classic_models_recipe(history: History, weeks: float) -> None:
    # Each past window's fit starts from the one before (forecast_interval.py), the reference's
    # from scratch: the same optimum to the optimiser's tolerance, not to the last bit.
    replayed = past_calibration(history, CUTOFF, weeks)
    reference = spread_with_classic_models(history, CUTOFF, weeks)
    assert replayed.spread == pytest.approx(reference.spread, rel=1e-6)
    assert replayed == replace(reference, spread=replayed.spread)


def test_a_kept_spread_sets_the_interval(tmp_path: Path) -> None:
    shop = pet_shop(tmp_path, customers=20)
    predictor = cast(Predictor, SameForEveryone())
    computed = forecast_demand(predictor, shop, shop.last_day, 4.0)
    kept = forecast_demand(predictor, shop, shop.last_day, 4.0, spread=computed.calibration)
    assert kept.orders_interval == computed.orders_interval
    assert kept.revenue_interval == computed.revenue_interval
    chosen = Calibration(computed.spread + 0.5, windows=computed.calibration.windows)
    wider = forecast_demand(predictor, shop, shop.last_day, 4.0, spread=chosen)
    assert wider.spread == computed.spread + 0.5
    assert wider.orders == computed.orders
    assert wider.orders_interval[0] < computed.orders_interval[0]
    assert wider.orders_interval[1] > computed.orders_interval[1]
