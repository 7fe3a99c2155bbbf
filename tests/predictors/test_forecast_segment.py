"""A forecast limited to some customers (a segment's members): the sums are their predictions
alone, the interval replays the past of those customers only, and a forecast of everyone keeps
the figures it had before segments existed."""

from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd
import pytest

from predictors.btyd import BGNBD
from predictors.features import WEEK, customer_features, window_labels
from predictors.forecast import forecast_demand, past_calibration
from predictors.forecast_interval import WINDOWS
from predictors.history import History, cdnow_history
from predictors.predictor import Predictor
from predictors.segment_facts import rfm_members
from tests.predictors.fake_predictor import EachHorizon
from tests.predictors.forecast_shop import SameForEveryone, pet_shop

CUTOFF = pd.Timestamp("1998-06-30")


class BySpend(EachHorizon):
    """Expects more of the customers who spent more, so members' sums differ from a share."""

    def predict(self, features: pd.DataFrame, weeks: float) -> pd.DataFrame:
        rate = features["spend_total"] / 1000.0
        return pd.DataFrame(
            {"expected_purchases": rate * weeks, "expected_spend": rate * weeks * 30.0},
            index=features.index,
        )


@pytest.fixture(scope="module")
def history() -> History:
    return cdnow_history(sample=True)


def _members(history: History, every: int) -> "pd.Index[str]":
    """Every `every`-th customer of the store, as a segment would list them."""
    known: pd.Index[str] = customer_features(history, CUTOFF).index.astype(str)
    return known[::every]


def test_the_sums_are_the_members_predictions(history: History) -> None:
    predictor = cast(Predictor, BySpend())
    members = _members(history, 7)
    forecast = forecast_demand(predictor, history, CUTOFF, 13.0, spread=0.2, customers=members)
    features = customer_features(history, CUTOFF)
    theirs = predictor.predict(features[features.index.isin(members)], 13.0)
    assert forecast.customers == len(members)
    assert forecast.orders == pytest.approx(theirs["expected_purchases"].sum(), rel=1e-12)
    assert forecast.revenue == pytest.approx(theirs["expected_spend"].sum(), rel=1e-12)
    assert forecast.weekly["orders"].sum() == pytest.approx(forecast.orders)
    assert forecast.weekly["revenue"].sum() == pytest.approx(forecast.revenue)
    everyone = forecast_demand(predictor, history, CUTOFF, 13.0, spread=0.2)
    assert forecast.orders < everyone.orders / 3


def test_members_unknown_at_the_cutoff_add_nothing(history: History) -> None:
    predictor = cast(Predictor, BySpend())
    members = _members(history, 7)
    with_strangers = members.append(pd.Index(["not-a-customer", "nobody"]))
    plain = forecast_demand(predictor, history, CUTOFF, 4.0, spread=0.2, customers=members)
    padded = forecast_demand(predictor, history, CUTOFF, 4.0, spread=0.2, customers=with_strangers)
    assert padded.customers == plain.customers and padded.orders == plain.orders


def test_categories_count_only_the_members(tmp_path: Path) -> None:
    # c15..c19 have orders without items: alone, they explain nothing by category.
    shop = pet_shop(tmp_path, customers=20, bare=5)
    predictor = cast(Predictor, SameForEveryone())
    itemised = forecast_demand(
        predictor, shop, shop.last_day, 4.0, spread=0.2, customers=pd.Index(["c00", "c01"])
    )
    assert itemised.by_category is not None
    assert itemised.by_category["category"].tolist() == ["Pet food", "Snacks"]
    assert itemised.by_category["revenue"].sum() == pytest.approx(itemised.revenue)
    assert itemised.revenue == pytest.approx(2 * 69.0)
    bare = forecast_demand(
        predictor, shop, shop.last_day, 4.0, spread=0.2, customers=pd.Index(["c18", "c19"])
    )
    assert bare.by_category is not None
    assert bare.by_category["category"].tolist() == ["(no order lines)"]


def _members_spread(history: History, weeks: float, members: "pd.Index[str]") -> float:
    """The replay written out from the full features: BG/NBD fitted on everyone known at each
    past cutoff, totals over the members known then."""
    errors = []
    for back in range(WINDOWS):
        end = CUTOFF - back * weeks * WEEK / 2
        start = end - weeks * WEEK
        if (start - history.first_day) / WEEK < 8:
            break
        features = customer_features(history.until(start), start)
        x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        expected = BGNBD.fit(x, t_x, big_t).expected_purchases(weeks, x, t_x, big_t)
        actual = window_labels(history, start, end)["purchases"].reindex(features.index)
        chosen = features.index.isin(members)
        errors.append(np.log(float(actual[chosen].sum()) / float(expected[chosen].sum())))
    return float(np.sqrt(np.mean(np.square(errors))))


@pytest.mark.parametrize("every", [3, 40])
def test_the_spread_replays_the_members_past(history: History, every: int) -> None:
    members = _members(history, every)
    spread = past_calibration(history, CUTOFF, 13.0, members).spread
    # rel 1e-6: each window's fit starts from the one before, the reference's from scratch
    # (the same optimum to the optimiser's tolerance).
    assert spread == pytest.approx(_members_spread(history, 13.0, members), rel=1e-6)
    assert spread != past_calibration(history, CUTOFF, 13.0).spread


def test_a_small_segment_gets_a_wider_band(history: History) -> None:
    predictor = cast(Predictor, SameForEveryone())
    few = forecast_demand(predictor, history, CUTOFF, 13.0, customers=_members(history, 40))
    everyone = forecast_demand(predictor, history, CUTOFF, 13.0)
    low, high = few.orders_interval
    whole_low, whole_high = everyone.orders_interval
    assert high / low > whole_high / whole_low
    # Never narrower than the Poisson noise of the members' own total.
    assert np.log(high / low) / 2 >= 1.644 / np.sqrt(few.orders)


def test_everyone_keeps_the_figures_from_before_segments(history: History) -> None:
    # Pinned from forecast.py before `customers` existed (CDNOW sample, 13 weeks); the spread
    # and bands re-pinned when the replay went to 8 windows and a Student-t multiple; to 1e-6
    # since each window's fit starts from the one before (same optimum, not the last bits).
    forecast = forecast_demand(cast(Predictor, SameForEveryone()), history, CUTOFF, 13.0)
    assert forecast.customers == 2357
    assert forecast.orders == 7660.25 and forecast.revenue == 528557.25
    assert forecast.spread == pytest.approx(0.12000102307874583, rel=1e-6)
    assert forecast.orders_interval == pytest.approx(
        (6096.196538072713, 9625.580424782573), rel=1e-6
    )
    assert forecast.revenue_interval == pytest.approx(
        (420637.56112701725, 664165.0493099975), rel=1e-6
    )
    assert past_calibration(history, CUTOFF, 13.0, None).spread == forecast.spread


def test_an_rfm_segment_is_replayed_as_it_stood_at_each_past_cutoff(history: History) -> None:
    """Today's 'at risk' bought nothing lately by definition: replaying their past windows
    would look ahead. Each window counts the customers at risk at its own start."""
    asked: list[pd.Timestamp] = []

    def then(cutoff: pd.Timestamp) -> "pd.Index[str]":
        asked.append(cutoff)
        return rfm_members(history, cutoff, "at risk")

    spread = past_calibration(history, CUTOFF, 13.0, then).spread
    today = rfm_members(history, CUTOFF, "at risk")
    assert asked and all(cutoff < CUTOFF for cutoff in asked)
    assert set(then(asked[0])) != set(today)
    assert spread != past_calibration(history, CUTOFF, 13.0, today).spread
    assert spread != 0.25  # the windows had purchases to compare with, no stated default
