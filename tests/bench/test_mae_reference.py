"""The MAE reference table: the oracles read the holdout right, and the published split's
figures that docs/model-card.md quotes come out of it."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import poisson

from bench.mae_reference import (
    SPLIT,
    Holdout,
    by_repeats,
    hurdle_median,
    oracle_cells,
    pareto_nbd_median,
    reference_forecasts,
    rows,
)
from predictors.btyd import ParetoNBD
from predictors.history import cdnow_history


def test_cell_oracles_are_the_holdout_statistics_of_alike_customers() -> None:
    features = pd.DataFrame({"frequency": [0, 0, 0, 3], "recency": [0, 0, 0, 10], "T": [20] * 4})
    actual = np.array([0.0, 0.0, 3.0, 5.0])
    # Recency bins come from quantiles; the three one-time buyers share one cell.
    assert oracle_cells(features, actual, "mean").tolist() == [1.0, 1.0, 1.0, 5.0]
    assert oracle_cells(features, actual, "median").tolist() == [0.0, 0.0, 0.0, 5.0]


@pytest.fixture(scope="module")
def sample() -> tuple[Holdout, dict[str, np.ndarray]]:
    history = cdnow_history(sample=True)
    return reference_forecasts(history, SPLIT, seed=0, with_retain=False)


def test_published_split_shows_what_mae_rewards(
    sample: tuple[Holdout, dict[str, np.ndarray]],
) -> None:
    actual, forecasts = sample[0].actual, sample[1]
    mae = {r["forecast"]: float(r["MAE"]) for r in rows(actual, forecasts)}
    assert mae["Pareto/NBD expected count (baseline)"] == pytest.approx(0.7545, abs=1e-4)
    assert mae["zero for everyone"] == pytest.approx(0.7985, abs=1e-4)
    # Calibrated cell means lose to the baseline; shrinking the baseline wins.
    assert mae["oracle: holdout cell means"] > mae["Pareto/NBD expected count (baseline)"]
    assert mae["Pareto/NBD expected count x 0.7"] < mae["Pareto/NBD expected count (baseline)"]
    assert forecasts["oracle: holdout cell means"].sum() == pytest.approx(actual.sum())
    # The other figures docs/model-card.md quotes (the median is sampled: a little slack).
    assert mae["oracle: holdout cell means"] == pytest.approx(0.7921, abs=1e-4)
    assert mae["oracle: holdout cell medians"] == pytest.approx(0.6356, abs=1e-4)
    assert mae["Pareto/NBD expected count x 0.7"] == pytest.approx(0.7144, abs=1e-4)
    assert mae["Pareto/NBD median"] == pytest.approx(0.6619, abs=0.002)


def test_pareto_nbd_median_agrees_with_its_closed_form_purchase_probability() -> None:
    model = ParetoNBD(r=0.55, alpha=10.6, s=0.61, beta=11.7)
    features = pd.DataFrame(
        {
            "frequency": [0.0, 1.0, 4.0, 10.0, 20.0],
            "recency": [0.0, 30.0, 35.0, 38.0, 38.5],
            "T": [39.0] * 5,
        }
    )
    x, t_x, big_t = (features[c].to_numpy() for c in ("frequency", "recency", "T"))
    p_buy = model.p_purchase(39.0, x, t_x, big_t)
    median = pareto_nbd_median(model, features, 39.0)
    clear = np.abs(p_buy - 0.5) > 0.05  # sampling cannot decide a coin flip
    assert clear.sum() >= 3
    assert np.array_equal(median[clear] >= 1, p_buy[clear] > 0.5)
    assert median[-1] > median[-2] >= 1  # heavier buyers, higher medians


def test_hurdle_median_is_the_median_of_the_hurdle_distribution() -> None:
    p = np.array([0.3, 0.5001, 0.9, 0.99, 0.8])
    expected = np.array([0.5, 0.6, 2.0, 8.0, 0.8])
    extra = expected / p - 1
    want = []
    for pi, lam in zip(p, extra, strict=True):
        k = 0
        while (1 - pi) + pi * (poisson.cdf(k - 1, lam) if k >= 1 else 0.0) < 0.5:
            k += 1
        want.append(k)
    assert hurdle_median(p, expected).tolist() == want
    assert want[0] == 0 and want[3] >= 7


def test_breakdown_by_repeats_adds_up_to_each_forecasts_mae(
    sample: tuple[Holdout, dict[str, np.ndarray]],
) -> None:
    data, forecasts = sample
    compared = {"PNBD": forecasts["Pareto/NBD expected count (baseline)"]}
    groups = by_repeats(data.features, data.actual, compared)
    assert [g["repeat purchases"] for g in groups] == ["0", "1", "2", "3", "4-6", "7+"]
    assert sum(int(g["customers"].replace(",", "")) for g in groups) == len(data.actual)
    parts = sum(float(g["PNBD: MAE part"]) for g in groups)
    assert parts == pytest.approx(np.abs(data.actual - compared["PNBD"]).mean(), abs=1e-3)
    # One-time buyers: Pareto/NBD forecasts fewer purchases than they make, as the card says.
    one_time = groups[0]
    assert float(one_time["PNBD: mean"]) < float(one_time["bought (mean)"])
