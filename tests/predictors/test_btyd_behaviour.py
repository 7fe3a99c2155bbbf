"""BG/NBD, Pareto/NBD and Gamma-Gamma on chosen parameters: probabilities that stay
probabilities, monotone horizons, the special functions near their edges, degenerate data and
input validation."""

from __future__ import annotations

import numpy as np
import pytest

from predictors.btyd import BGNBD, GammaGamma, ParetoNBD
from predictors.btyd._common import safe_hyp2f1
from predictors.btyd._tails import _log_tail_hyp2f1, _log_tail_quadrature, log_tail

Model = BGNBD | ParetoNBD
MODELS: list[Model] = [
    BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426),
    ParetoNBD(r=0.553, alpha=10.578, s=0.606, beta=11.669),
    ParetoNBD(r=0.553, alpha=11.669, s=0.606, beta=10.578),  # the alpha < beta branch
]
IDS = ["bgnbd", "pareto_a>b", "pareto_a<b"]


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_single_purchase_customer(model: Model) -> None:
    alive = model.p_alive(0, 0.0, 30.0)
    expected = model.expected_purchases(39.0, 0, 0.0, 30.0)
    assert expected.shape == (1,) and np.isfinite(expected).all() and expected[0] > 0
    if isinstance(model, BGNBD):
        # BG/NBD customers can only drop out right after a repeat purchase.
        assert alive[0] == 1.0
    else:
        assert 0.0 < alive[0] < 1.0
        # Longer silence since the only purchase makes the customer look more dead.
        assert model.p_alive(0, 0.0, 60.0)[0] < alive[0]
    assert np.isfinite(model.individual_log_likelihood(0, 0.0, 30.0)).all()


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_p_alive_is_a_probability(model: Model) -> None:
    rng = np.random.default_rng(1)
    big_t = rng.uniform(0.0, 100.0, 5000)
    x = rng.integers(0, 60, 5000).astype(float)
    t_x = np.where(x > 0, rng.uniform(0.0, 1.0, 5000) * big_t, 0.0)
    extreme = (np.array([0, 1, 5000, 5000]), np.array([0, 0, 0, 300]), np.array([0, 300, 300, 300]))
    for xs, txs, ts in [(x, t_x, big_t), extreme]:
        p = model.p_alive(xs, txs, ts)
        assert np.all((p >= 0) & (p <= 1)) and np.isfinite(p).all()
    # A heavy buyer who bought recently is almost surely alive; one who stopped
    # long ago almost surely is not.
    assert model.p_alive(50, 99.0, 100.0)[0] > 0.9
    assert model.p_alive(50, 10.0, 100.0)[0] < 0.01


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_p_purchase_is_monotone_in_horizon(model: Model) -> None:
    horizons = np.concatenate([[0.0], np.geomspace(1e-3, 1e4, 60)])
    for x, t_x, big_t in [(0, 0.0, 30.0), (1, 2.0, 38.9), (7, 35.0, 39.0), (400, 38.0, 39.0)]:
        p = model.p_purchase(horizons, x, t_x, big_t)
        assert p[0] == 0.0
        assert np.all(np.diff(p) >= -1e-12)
        assert np.all(p <= model.p_alive(x, t_x, big_t) + 1e-12)
        e = model.expected_purchases(horizons, x, t_x, big_t)
        assert e[0] == 0.0 and np.all(np.diff(e) >= -1e-12)
        # P(N >= 1) <= E[N]
        assert np.all(p <= e + 1e-12)


def test_pareto_exact_p_purchase_below_alive_through_horizon_approximation() -> None:
    m = MODELS[1]
    assert isinstance(m, ParetoNBD)
    t = np.array([1.0, 39.0, 500.0])
    exact = m.p_purchase(t, 3, 20.0, 39.0)
    approx = m.p_purchase(t, 3, 20.0, 39.0, assume_alive_through_horizon=True)
    assert np.all(exact < approx)
    # With almost no dropout (s tiny) the two coincide.
    immortal = ParetoNBD(r=0.553, alpha=10.578, s=1e-9, beta=11.669)
    np.testing.assert_allclose(
        immortal.p_purchase(t, 3, 20.0, 39.0),
        immortal.p_purchase(t, 3, 20.0, 39.0, assume_alive_through_horizon=True),
        rtol=1e-6,
    )


def test_heavy_buyers_and_branch_continuity_stay_finite() -> None:
    x = np.array([0.0, 10.0, 1000.0, 20000.0])
    t_x = np.array([0.0, 38.0, 38.9, 39.0])
    big_t = np.full(4, 39.0)
    # alpha >> beta and beta >> alpha put the hypergeometric argument near 1,
    # where the quadrature takes over from SciPy.
    far_apart = [
        ParetoNBD(r=0.5, alpha=1000.0, s=0.6, beta=0.5),
        ParetoNBD(r=0.5, alpha=0.5, s=300.0, beta=5e5),
    ]
    for model in [*MODELS, *far_apart]:
        for values in (
            model.individual_log_likelihood(x, t_x, big_t),
            model.expected_purchases(1e4, x, t_x, big_t),
            model.p_purchase(1e4, x, t_x, big_t),
        ):
            assert np.isfinite(values).all()
    # The two Pareto/NBD formulae agree where they meet (alpha == beta).
    lo = ParetoNBD(r=0.5, alpha=10.0, s=0.6, beta=10.0 * (1 + 1e-9))
    hi = ParetoNBD(r=0.5, alpha=10.0, s=0.6, beta=10.0 * (1 - 1e-9))
    np.testing.assert_allclose(
        lo.individual_log_likelihood(x, t_x, big_t),
        hi.individual_log_likelihood(x, t_x, big_t),
        rtol=1e-7,
    )


def test_bgnbd_expectation_is_continuous_through_a_equal_one() -> None:
    below, at, above = (
        BGNBD(r=1.0, alpha=5.0, a=a, b=2.0).expected_purchases(39.0, 2, 30.0, 38.9)[0]
        for a in (1 - 1e-6, 1.0, 1 + 1e-6)
    )
    # mpmath at a = 1 (the limit of eq. 10) gives 1.2181379810997.
    assert at == pytest.approx(1.2181379810997, rel=1e-7)
    assert abs(below - above) < 1e-5 * at
    assert at == pytest.approx((below + above) / 2, rel=1e-9)


def test_safe_hyp2f1_recovers_scipy_degenerate_nan() -> None:
    # scipy returns NaN here (c - a - b is an integer and z > 0.9); mpmath gives
    # 653770.3350488564.
    assert safe_hyp2f1(500.0, 3.0, 501.0, 0.99) == pytest.approx(653770.3350488564, rel=1e-9)


def test_tail_quadrature_agrees_with_hyp2f1_and_covers_its_nans() -> None:
    rng = np.random.default_rng(5)
    n = 4000
    p = 10 ** rng.uniform(-2.0, 3.5, n)
    q = 10 ** rng.uniform(-2.0, 3.5, n)
    q = np.where(p + q <= 1.001, q + 1.0, q)
    small = 10 ** rng.uniform(-1.0, 3.0, n)
    large = small * (1 + 10 ** rng.uniform(-6.0, 1.9, n))  # z up to 0.99
    closed = _log_tail_hyp2f1(small, large, p, q)
    finite = np.isfinite(closed)
    assert finite.mean() > 0.99
    quad = _log_tail_quadrature(small, large, p, q)
    np.testing.assert_allclose(quad[finite], closed[finite], rtol=1e-9)
    # SciPy's 2F1 is NaN at these points; the references are mpmath's 2F1.
    for m, n_exp, alpha, beta, want in [
        (200.0, 5.0, 1000.0, 1.0, -1383.0001973234043),
        (0.8, 1000.0, 2.5, 5000.0, -8516.9568684455513),
    ]:
        got = log_tail(alpha, beta, np.array([m]), np.array([n_exp]), np.array([0.0]))
        assert got[0] == pytest.approx(want, rel=1e-12)


def test_degenerate_data_stops_quickly_and_is_flagged() -> None:
    # Nobody ever came back: the likelihood peaks at r -> 0, so there is no finite
    # optimum; the fit must notice instead of walking to the box.
    rng = np.random.default_rng(0)
    big_t = rng.uniform(10.0, 40.0, 300)
    zeros = np.zeros(300)
    m = BGNBD.fit(zeros, zeros, big_t)
    assert m.fit_info is not None
    assert m.fit_info.degenerate and not m.fit_info.converged
    # It stops on the ridge (~180 likelihood calls) rather than walking on to the box.
    assert m.fit_info.message.startswith("stopped on a flat ridge")
    assert m.fit_info.evaluations < 500
    assert np.all(m.p_alive(zeros, zeros, big_t) == 1.0)


def test_gamma_gamma_conditional_spend() -> None:
    m = GammaGamma(p=6.25, q=3.74, v=15.44)
    population = 6.25 * 15.44 / 2.74
    got = m.conditional_expected_average_profit([0, 1, 10, 10_000], [0.0, 50.0, 50.0, 50.0])
    assert got[0] == pytest.approx(population)
    # Shrinks toward the customer's own mean as they make more purchases.
    assert population < got[1] < got[2] < got[3] < 50.0
    assert got[3] == pytest.approx(50.0, rel=1e-3)
    with pytest.raises(ValueError, match="positive monetary_value"):
        m.conditional_expected_average_profit([2], [0.0])


def test_input_validation() -> None:
    m = MODELS[0]
    with pytest.raises(ValueError, match="recency must not exceed T"):
        m.p_alive(2, 40.0, 39.0)
    with pytest.raises(ValueError, match="whole numbers"):
        m.p_alive(1.5, 1.0, 39.0)
    with pytest.raises(ValueError, match="NaN"):
        m.expected_purchases(np.nan, 1, 1.0, 39.0)
    with pytest.raises(ValueError, match="positive"):
        BGNBD(r=0.0, alpha=1.0, a=1.0, b=1.0)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_every_model_refuses_a_negative_horizon_and_checks_the_summary(model: Model) -> None:
    for predict in (model.expected_purchases, model.p_purchase):
        with pytest.raises(ValueError, match=r"^t must be non-negative$"):
            predict([39.0, -1.0], 1, 1.0, 39.0)
    with pytest.raises(ValueError, match="recency must not exceed T"):
        model.log_likelihood(2, 40.0, 39.0)
    each = model.individual_log_likelihood([0, 2], [0.0, 30.0], 39.0)
    assert model.log_likelihood([0, 2], [0.0, 30.0], 39.0) == pytest.approx(each.sum(), rel=1e-15)
