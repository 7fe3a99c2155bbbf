"""The BG/NBD fit's shortcuts give the numbers of the plain recipe: the likelihood looked up per
repeat count equals the paper's per-customer formula, a fit started from a neighbour's optimum
(the forecast interval's replay of past cutoffs) reaches the same optimum in fewer steps, and
the weighted sum that replaced `@` is the same sum."""

import numpy as np
import numpy.typing as npt
import pytest
from scipy.special import betaln, gammaln

from predictors.btyd import BGNBD
from predictors.btyd._common import weighted_sum
from predictors.btyd.bgnbd import _log_likelihood
from predictors.forecast_interval import repeat_summary
from predictors.history import cdnow_history

FloatArray = npt.NDArray[np.float64]


def paper_log_likelihood(
    r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """Fader, Hardie & Lee (2005) eq. 6, per customer, as bgnbd.py computed it before."""
    log_a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    log_a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    x_rep = np.where(x > 0, x, 1.0)
    log_a3 = betaln(a + 1, b + x_rep - 1) - betaln(a, b) - (r + x_rep) * np.log(alpha + t_x)
    return np.asarray(log_a1 + np.logaddexp(log_a2, np.where(x > 0, log_a3, -np.inf)))


@pytest.mark.parametrize("heaviest", [150.0, 5e6])  # a table of counts; past it, the distinct ones
@pytest.mark.parametrize(
    "params", [(0.24, 4.4, 0.79, 2.43), (3.0, 0.5, 1.5, 0.2), (0.01, 100.0, 0.01, 50.0)]
)
def test_the_likelihood_by_repeat_count_is_the_papers(
    params: tuple[float, float, float, float], heaviest: float
) -> None:
    rng = np.random.default_rng(7)
    x = rng.integers(0, 40, 3000).astype(np.float64)
    x[0] = heaviest
    big_t = rng.uniform(1.0, 80.0, 3000)
    t_x = np.where(x > 0, rng.uniform(0.0, 1.0, 3000) * big_t, 0.0)
    expected = paper_log_likelihood(*params, x, t_x, big_t)
    np.testing.assert_allclose(_log_likelihood(*params, x, t_x, big_t), expected, rtol=1e-13)


def test_a_fit_started_near_reaches_the_same_optimum_in_fewer_steps() -> None:
    history = cdnow_history(sample=True)
    later, earlier = (
        repeat_summary(history, history.last_day - np.timedelta64(days, "D")) for days in (30, 45)
    )
    neighbour = BGNBD.fit(later["frequency"], later["recency"], later["T"])
    x, t_x, big_t = earlier["frequency"], earlier["recency"], earlier["T"]
    cold, warm = BGNBD.fit(x, t_x, big_t), BGNBD.fit(x, t_x, big_t, near=neighbour)
    cold_params = [cold.r, cold.alpha, cold.a, cold.b]
    np.testing.assert_allclose([warm.r, warm.alpha, warm.a, warm.b], cold_params, rtol=1e-5)
    assert cold.fit_info is not None and warm.fit_info is not None
    assert warm.fit_info.evaluations < cold.fit_info.evaluations


def test_the_weighted_sum_is_the_dot_product() -> None:
    rng = np.random.default_rng(3)
    weights, values = rng.uniform(0, 5, 20_000), rng.normal(size=20_000)
    assert weighted_sum(weights, values) == pytest.approx(float(np.dot(weights, values)), rel=1e-12)


def test_a_count_past_the_integers_is_looked_up_all_the_same() -> None:
    """A repeat count of 1e19 (beyond int64) is a whole number `check_rft` lets through."""
    model = BGNBD(r=0.24, alpha=4.4, a=0.79, b=2.4)
    x, t_x, big_t = np.array([1e19, 1.0]), np.array([30.0, 10.0]), np.array([38.0, 38.0])
    each = model.individual_log_likelihood(x, t_x, big_t)
    assert np.isfinite(each[1]) and each.shape == (2,)
