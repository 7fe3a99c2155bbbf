"""BG/NBD and Pareto/NBD posteriors (P(alive), P(purchase), expected purchases) against
customers simulated from each model's own story."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pytest

from predictors.btyd import BGNBD, ParetoNBD


@dataclass
class _Simulated:
    x: npt.NDArray[np.float64]
    t_x: npt.NDArray[np.float64]
    T: npt.NDArray[np.float64]
    alive_at_T: npt.NDArray[np.bool_]
    holdout: npt.NDArray[np.float64]


def _simulate(
    rng: np.random.Generator,
    n: int,
    r: float,
    alpha: float,
    *,
    horizon: float,
    dropout: str,
    params: tuple[float, float],
) -> _Simulated:
    """Simulate customers acquired at time 0 with calibration lengths ``T``.

    ``dropout="bg"``: after every repeat purchase die with probability p ~ Beta.
    ``dropout="pareto"``: die at an exponential time with rate mu ~ Gamma.
    """
    big_t = rng.uniform(10.0, 40.0, n)
    lam = rng.gamma(r, 1.0 / alpha, n)
    if dropout == "bg":
        p_die = rng.beta(params[0], params[1], n)
        death = np.full(n, np.inf)
    else:
        mu = rng.gamma(params[0], 1.0 / params[1], n)
        death = rng.exponential(1.0 / mu)
        p_die = np.zeros(n)
    x, t_x, holdout = np.zeros(n), np.zeros(n), np.zeros(n)
    now = np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.flatnonzero(active)
        now[idx] += rng.exponential(1.0 / lam[idx])
        ended = (now[idx] > death[idx]) | (now[idx] > big_t[idx] + horizon)
        active[idx[ended]] = False
        bought = idx[~ended]
        in_cal = now[bought] <= big_t[bought]
        x[bought[in_cal]] += 1
        t_x[bought[in_cal]] = now[bought[in_cal]]
        holdout[bought[~in_cal]] += 1
        if dropout == "bg":
            dies = rng.uniform(size=len(bought)) < p_die[bought]
            death[bought[dies]] = now[bought[dies]]
            active[bought[dies]] = False
    return _Simulated(x, t_x, big_t, death > big_t, holdout)


@pytest.mark.parametrize("kind", ["bg", "pareto"])
def test_posterior_quantities_match_simulation(kind: str) -> None:
    rng = np.random.default_rng(11)
    horizon = 39.0
    model: BGNBD | ParetoNBD
    if kind == "bg":
        model = BGNBD(r=0.8, alpha=4.0, a=0.8, b=2.5)
        sim = _simulate(rng, 40_000, 0.8, 4.0, horizon=horizon, dropout="bg", params=(0.8, 2.5))
    else:
        model = ParetoNBD(r=0.8, alpha=4.0, s=0.6, beta=12.0)
        sim = _simulate(
            rng, 40_000, 0.8, 4.0, horizon=horizon, dropout="pareto", params=(0.6, 12.0)
        )
    # Each prediction is a conditional expectation given (x, t_x, T), so summed
    # residuals over independent customers are ~N(0, sum of variances).
    checks = {
        "p_alive": (model.p_alive(sim.x, sim.t_x, sim.T), sim.alive_at_T.astype(float)),
        "p_purchase": (
            model.p_purchase(horizon, sim.x, sim.t_x, sim.T),
            (sim.holdout > 0).astype(float),
        ),
        "expected": (model.expected_purchases(horizon, sim.x, sim.t_x, sim.T), sim.holdout),
    }
    for name, (predicted, observed) in checks.items():
        for mask in (sim.x == 0, sim.x == 1, sim.x >= 2):
            resid = observed[mask] - predicted[mask]
            if not np.any(resid):
                continue  # deterministic case: BG/NBD one-time buyers are surely alive
            z = resid.sum() / np.sqrt(np.sum(resid**2))
            assert abs(z) < 4.0, (kind, name, z)
    if isinstance(model, ParetoNBD):
        # The same check rejects the "alive through the horizon" approximation:
        # it ignores dropout during the holdout and overstates P(purchase).
        approx = model.p_purchase(horizon, sim.x, sim.t_x, sim.T, assume_alive_through_horizon=True)
        resid = (sim.holdout > 0) - approx
        assert resid.sum() / np.sqrt(np.sum(resid**2)) < -4.0
