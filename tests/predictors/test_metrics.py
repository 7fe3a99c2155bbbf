"""Evaluation metrics against hand-computed values and brute-force definitions."""

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from predictors.metrics import (
    calibration_curve,
    classification_metrics,
    count_metrics,
    gain_curve,
    spend_metrics,
    tracking_error,
)

# --- count_metrics ---------------------------------------------------------------


def test_count_metrics_by_hand() -> None:
    # errors 1, 0, -1, 2; centred actual (-1.5, -.5, .5, 1.5), predicted (-1, -1, -1, 3)
    m = count_metrics([1, 2, 3, 4], [2, 2, 2, 6])
    assert m["mae"] == pytest.approx(1.0)
    assert m["rmse"] == pytest.approx(math.sqrt(1.5))
    assert m["corr"] == pytest.approx(6 / math.sqrt(5 * 12))


def test_count_metrics_corr_is_none_when_a_side_is_constant() -> None:
    assert count_metrics([1, 2, 3], [2, 2, 2])["corr"] is None
    assert count_metrics([5, 5, 5], [1, 2, 3])["corr"] is None
    assert count_metrics([4], [3])["corr"] is None


def test_count_metrics_takes_series() -> None:
    idx = ["c1", "c2", "c3"]
    m = count_metrics(pd.Series([1.0, 2, 3], index=idx), pd.Series([1.0, 2, 4], index=idx))
    assert m["mae"] == pytest.approx(1 / 3)


def test_series_with_different_indexes_are_refused() -> None:
    actual = pd.Series([1.0, 2.0], index=["a", "b"])
    predicted = pd.Series([2.0, 1.0], index=["b", "a"])
    with pytest.raises(ValueError, match="different indexes"):
        count_metrics(actual, predicted)


# --- classification_metrics and calibration_curve ---------------------------------------


def test_classification_metrics_by_hand() -> None:
    # Pairs (pos, neg): 0.35 beats 0.1 only, 0.8 beats both -> 3 of 4.
    # With two bins: [0, .5) holds p .1 .4 .35 / y 0 0 1, [.5, 1] holds p .8 / y 1.
    m = classification_metrics([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], bins=2)
    assert m["auc"] == pytest.approx(0.75)
    assert m["brier"] == pytest.approx((0.01 + 0.16 + 0.4225 + 0.04) / 4)
    assert m["ece"] == pytest.approx((3 / 4) * abs(0.85 / 3 - 1 / 3) + (1 / 4) * 0.2)


def test_auc_is_fraction_of_correctly_ordered_pairs() -> None:
    rng = np.random.default_rng(7)
    y = rng.random(300) < 0.3
    # Rounding makes many ties, which must count as half a correct pair.
    p = np.round(np.clip(rng.normal(0.3 + 0.2 * y, 0.2), 0, 1), 1)
    pos, neg = p[y], p[~y]
    diff = pos[:, None] - neg[None, :]
    brute = ((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size
    assert classification_metrics(y, p)["auc"] == pytest.approx(brute, abs=1e-12)


def test_auc_of_all_ties_is_one_half() -> None:
    assert classification_metrics([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])["auc"] == pytest.approx(0.5)


def test_auc_is_none_with_one_class() -> None:
    m = classification_metrics([True, True], [0.2, 0.9])
    assert m["auc"] is None
    assert m["brier"] == pytest.approx((0.64 + 0.01) / 2)


def test_ece_is_zero_for_perfectly_calibrated_bins() -> None:
    p = [0.25] * 4 + [0.75] * 4
    y = [1, 0, 0, 0, 1, 1, 0, 1]
    assert classification_metrics(y, p)["ece"] == pytest.approx(0.0, abs=1e-12)
    assert calibration_curve(y, p) == [
        pytest.approx((0.25, 0.25, 4)),
        pytest.approx((0.75, 0.75, 4)),
    ]


def test_calibration_curve_skips_empty_bins_and_puts_one_in_last_bin() -> None:
    curve = calibration_curve(np.array([False, True, True]), [0.05, 0.95, 1.0], bins=10)
    assert len(curve) == 2
    assert curve[0] == pytest.approx((0.05, 0.0, 1))
    assert curve[1] == pytest.approx((0.975, 1.0, 2))
    assert isinstance(curve[1][2], int)


@pytest.mark.parametrize(
    ("labels", "probs", "message"),
    [
        ([0, 2], [0.1, 0.2], "booleans or 0/1"),
        ([0, 1], [0.1, 1.2], r"\[0, 1\]"),
        ([0, 1], [-0.1, 0.2], r"\[0, 1\]"),
    ],
)
def test_classification_rejects_bad_values(labels: Any, probs: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classification_metrics(labels, probs)


@pytest.mark.parametrize("bins", [0, -3, 2.5, True])
def test_bins_must_be_a_positive_integer(bins: Any) -> None:
    with pytest.raises(ValueError, match="bins"):
        calibration_curve([0, 1], [0.1, 0.9], bins=bins)


# --- spend_metrics and gain_curve -------------------------------------------------------

ACTUAL = [10.0, 0.0, 5.0, 0.0]
PREDICTED = [0.9, 0.1, 0.2, 0.8]


def test_gini_by_hand() -> None:
    # By prediction: 10, 0, 5, 0 -> gain 2/3, 2/3, 1, 1 -> Gini 2 * 5/6 - 1 = 2/3.
    # Perfect: 10, 5, 0, 0 -> gain 2/3, 1, 1, 1 -> Gini 2 * 11/12 - 1 = 5/6.
    assert spend_metrics(ACTUAL, PREDICTED)["gini"] == pytest.approx((2 / 3) / (5 / 6))


def test_gini_of_perfect_reversed_and_tied_rankings() -> None:
    actual = [0.0, 0.0, 10.0]
    assert spend_metrics(actual, [1, 2, 3])["gini"] == pytest.approx(1.0)
    # Reversed: gain 0, 0, 1 -> Gini -1/3; perfect gain 1, 1, 1 -> Gini 1.
    assert spend_metrics(actual, [3, 2, 1])["gini"] == pytest.approx(-1 / 3)
    # All tied: each position gets the mean, gain 1/3, 2/3, 1 -> Gini 1/3 (the 1/n offset).
    assert spend_metrics(actual, [5, 5, 5])["gini"] == pytest.approx(1 / 3)


def test_gini_of_perfect_ranking_is_one_and_random_ranking_about_zero() -> None:
    rng = np.random.default_rng(3)
    actual = rng.lognormal(3, 1, 20_000) * (rng.random(20_000) < 0.4)
    assert spend_metrics(actual, actual * 2 + 1)["gini"] == pytest.approx(1.0)
    assert abs(spend_metrics(actual, rng.random(20_000))["gini"] or 1.0) < 0.03


def test_gini_is_none_when_undefined() -> None:
    assert spend_metrics([0.0, 0.0], [1, 2])["gini"] is None
    assert spend_metrics([3.0, 3.0], [1, 2])["gini"] is None


def test_spearman() -> None:
    assert spend_metrics([1, 2, 3], [10, 20, 30])["spearman"] == pytest.approx(1.0)
    assert spend_metrics([1, 2, 3], [30, 20, 10])["spearman"] == pytest.approx(-1.0)
    assert spend_metrics([1, 2, 3], [5, 5, 5])["spearman"] is None


def test_deciles_by_hand() -> None:
    predicted = np.arange(1.0, 21.0)
    actual = 2 * predicted
    actual[:2] = 0.0  # decile 1 has actual mean 0 and is left out of the MAPE
    order = np.random.default_rng(0).permutation(20)  # input order must not matter
    m = spend_metrics(actual[order], predicted[order])
    assert m["decile_mape"] == pytest.approx(0.5)
    assert [row["decile"] for row in m["deciles"]] == list(range(1, 11))
    assert m["deciles"][0] == {"decile": 1, "predicted_mean": 1.5, "actual_mean": 0.0}
    assert m["deciles"][9] == pytest.approx(
        {"decile": 10, "predicted_mean": 19.5, "actual_mean": 39.0}
    )


def test_deciles_with_fewer_than_ten_customers() -> None:
    m = spend_metrics([0.0, 4.0, 6.0], [1.0, 2.0, 4.0])
    assert len(m["deciles"]) == 3
    assert m["decile_mape"] == pytest.approx((0.5 + 1 / 3) / 2)
    assert spend_metrics([0.0, 0.0], [1.0, 2.0])["decile_mape"] is None


def test_gain_curve_by_hand() -> None:
    x, y = gain_curve(ACTUAL, PREDICTED, points=5)
    np.testing.assert_allclose(x, [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(y, [0, 2 / 3, 2 / 3, 1, 1])


def test_gain_curve_averages_ties() -> None:
    _, y = gain_curve([3.0, 1.0], [1.0, 1.0], points=3)
    np.testing.assert_allclose(y, [0, 0.5, 1])
    _, y_swapped = gain_curve([1.0, 3.0], [1.0, 1.0], points=3)
    np.testing.assert_allclose(y_swapped, y)


def test_gain_curve_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="points"):
        gain_curve([1.0, 2.0], [1.0, 2.0], points=1)
    with pytest.raises(ValueError, match="positive total"):
        gain_curve([0.0, 0.0], [1.0, 2.0])


# --- tracking_error ---------------------------------------------------------------------


def test_tracking_error_skips_zero_actuals() -> None:
    assert tracking_error([0, 10, 20], [1, 12, 18]) == pytest.approx((0.2 + 0.1) / 2)


def test_tracking_error_needs_a_nonzero_actual() -> None:
    with pytest.raises(ValueError, match="0 everywhere"):
        tracking_error([0, 0], [1, 2])


# --- input checks shared by all functions -----------------------------------------------

PAIRED: list[Callable[[Any, Any], object]] = [
    count_metrics,
    classification_metrics,
    calibration_curve,
    spend_metrics,
    gain_curve,
    tracking_error,
]


@pytest.mark.parametrize("fn", PAIRED)
def test_mismatched_lengths_are_refused(fn: Callable[[Any, Any], object]) -> None:
    with pytest.raises(ValueError, match="has 3 values but"):
        fn([1, 0, 1], [0.5, 0.5])


@pytest.mark.parametrize("fn", PAIRED)
def test_empty_input_is_refused(fn: Callable[[Any, Any], object]) -> None:
    with pytest.raises(ValueError, match="is empty"):
        fn([], [])


@pytest.mark.parametrize("fn", PAIRED)
def test_nan_prediction_is_an_error(fn: Callable[[Any, Any], object]) -> None:
    with pytest.raises(ValueError, match="NaN"):
        fn([1, 0, 1], [0.5, float("nan"), 0.5])
    with pytest.raises(ValueError, match="NaN"):
        fn(pd.Series([1, 0, 1]), pd.Series([0.5, None, 0.5], dtype="Float64"))


@pytest.mark.parametrize("fn", PAIRED)
def test_two_dimensional_input_is_refused(fn: Callable[[Any, Any], object]) -> None:
    with pytest.raises(ValueError, match="one-dimensional"):
        fn(np.ones((2, 2)), np.ones((2, 2)))


def test_non_numeric_input_is_refused() -> None:
    with pytest.raises(ValueError, match="numeric"):
        count_metrics(["a", "b"], [1, 2])
