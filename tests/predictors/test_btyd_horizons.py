"""BG/NBD at several horizons in one call (`at_horizons`, what a weekly forecast asks): the
same figures as asking for each horizon alone, bit for bit, on both sides of the a == 1 band,
with the summary checked as a single call checks it."""

import numpy as np
import pytest

from predictors.btyd import BGNBD

WEEKS = [13.0, 0.0, 1.0, 4.5, 52.14, 520.0]  # unsorted, a zero and a decade: each its own


def _summary(customers: int = 500) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    big_t = rng.uniform(1.0, 80.0, customers)
    x = rng.poisson(2.0, customers).astype(np.float64)
    t_x = np.where(x > 0, rng.uniform(0.0, 1.0, customers) * big_t, 0.0)
    return x, t_x, big_t


@pytest.mark.parametrize("a", [0.793, 1.0 + 3e-5], ids=["a", "a_near_1"])
def test_each_horizon_is_the_same_as_asked_alone(a: float) -> None:
    model = BGNBD(r=0.243, alpha=4.414, a=a, b=2.426)
    x, t_x, big_t = _summary()
    answers = model.at_horizons(WEEKS, x, t_x, big_t)
    assert len(answers) == len(WEEKS)
    for weeks, (p_buy, count) in zip(WEEKS, answers, strict=True):
        np.testing.assert_array_equal(p_buy, model.p_purchase(weeks, x, t_x, big_t))
        np.testing.assert_array_equal(count, model.expected_purchases(weeks, x, t_x, big_t))
    # Longer horizons buy more: the answers are not one horizon's repeated.
    assert answers[2][1].sum() < answers[3][1].sum() < answers[0][1].sum()
    assert not answers[1][0].any()  # nothing is bought in no time


def test_no_horizons_and_bad_input_as_one_call() -> None:
    model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426)
    x, t_x, big_t = _summary(10)
    assert model.at_horizons([], x, t_x, big_t) == []
    with pytest.raises(ValueError, match="t must be non-negative"):
        model.at_horizons([4.0, -1.0], x, t_x, big_t)
    with pytest.raises(ValueError, match="recency must not exceed T"):
        model.at_horizons([4.0], x, big_t + 1.0, big_t)
