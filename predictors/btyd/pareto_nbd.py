"""Pareto/NBD model (Schmittlein, Morrison & Colombo 1987).

While alive a customer buys as a Poisson process with rate ``lambda ~ Gamma(r, alpha)``
and has an exponential lifetime with rate ``mu ~ Gamma(s, beta)``.  The likelihood
and posterior quantities follow Fader & Hardie (2005), "A Note on Deriving the
Pareto/NBD Model and Related Expressions" (likelihood, P(alive), conditional
expectation), evaluated in log space; the hypergeometric pieces live in
:mod:`predictors.btyd._tails`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import expit, gammaln

from predictors.btyd._common import (
    FitInfo,
    FloatArray,
    RFTModel,
    check_horizon,
    check_rft,
    fit_rft,
)
from predictors.btyd._tails import log_tail_difference

__all__ = ["ParetoNBD"]


def _log_died_term(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """``log(s/(r+s+x) A0)`` of the note: the customer died somewhere in ``(t_x, T]``."""
    log_window = log_tail_difference(alpha, beta, r + x, np.full_like(x, s + 1), t_x, T)
    return np.asarray(np.log(s) + log_window, dtype=np.float64)


def _log_likelihood(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """Per-customer log-likelihood of the note: head + log(alive term + died term)."""
    head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive_term = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    died_term = _log_died_term(r, alpha, s, beta, x, t_x, T)
    return np.asarray(head + np.logaddexp(alive_term, died_term), dtype=np.float64)


@dataclass(frozen=True)
class ParetoNBD(RFTModel):
    """A Pareto/NBD model with ``r, alpha`` (purchase rate) and ``s, beta`` (dropout rate).

    Build one directly from known parameters or with :meth:`fit`.  Methods take
    ``frequency`` (repeat transactions ``x``), ``recency`` (``t_x``) and ``T`` as
    arrays (or scalars) in the time unit of the summary, and return float arrays.
    """

    r: float
    alpha: float
    s: float
    beta: float
    fit_info: FitInfo | None = None

    def __post_init__(self) -> None:
        if min(self.r, self.alpha, self.s, self.beta) <= 0:
            raise ValueError("Pareto/NBD parameters must all be positive")

    @classmethod
    def fit(
        cls,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
    ) -> ParetoNBD:
        """Maximum-likelihood fit; ``fit_info.log_likelihood`` is the summed log-likelihood.

        Args:
            frequency, recency, T: the calibration summary, one entry per customer.
            weights: optional number of customers each row stands for.
        """
        (r, alpha, s, beta), info = fit_rft(_log_likelihood, "stst", frequency, recency, T, weights)
        return cls(r=r, alpha=alpha, s=s, beta=beta, fit_info=info)

    def _row_log_likelihood(self, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
        return _log_likelihood(self.r, self.alpha, self.s, self.beta, x, t_x, T)

    def p_alive(
        self, frequency: npt.ArrayLike, recency: npt.ArrayLike, T: npt.ArrayLike
    ) -> FloatArray:
        """P(customer still alive at T | x, t_x, T), as derived in the note."""
        x, t_x, big_t = check_rft(frequency, recency, T)
        r, alpha, s, beta = self.r, self.alpha, self.s, self.beta
        log_odds_dead = (
            (r + x) * np.log(alpha + big_t)
            + s * np.log(beta + big_t)
            + _log_died_term(r, alpha, s, beta, x, t_x, big_t)
        )
        return np.asarray(expit(-log_odds_dead), dtype=np.float64)

    def expected_purchases(
        self,
        t: npt.ArrayLike,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
    ) -> FloatArray:
        """Expected number of transactions in ``(T, T + t]`` given ``(x, t_x, T)``.

        This is the note's conditional expectation E[Y(t) | x, t_x, T].
        ``t`` may be a scalar or an array broadcastable against the customers.
        """
        x, t_x, big_t = check_rft(frequency, recency, T)
        horizon = check_horizon(t)
        r, alpha, s, beta = self.r, self.alpha, self.s, self.beta
        # (beta+T)/(s-1) * [1 - ((beta+T)/(beta+T+t))^(s-1)] written with expm1/log1p
        # so that s near 1 (where it tends to (beta+T) log(1 + t/(beta+T))) stays exact.
        log_growth = np.log1p(horizon / (beta + big_t))
        if abs(s - 1) > 1e-10:
            exposure = (beta + big_t) * np.expm1(-(s - 1) * log_growth) / (1 - s)
        else:
            exposure = (beta + big_t) * log_growth
        rate = (r + x) / (alpha + big_t)
        return np.asarray(rate * exposure * self.p_alive(x, t_x, big_t), dtype=np.float64)

    def p_purchase(
        self,
        t: npt.ArrayLike,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
        *,
        assume_alive_through_horizon: bool = False,
    ) -> FloatArray:
        """Probability of at least one transaction in ``(T, T + t]`` given ``(x, t_x, T)``.

        Given alive at ``T`` with rates ``(lambda, mu)``, the first purchase beats
        death within ``t`` with probability ``lambda/(lambda+mu) (1 - e^-(lambda+mu)t)``
        ``= int_0^t lambda e^-(lambda+mu)u du``.  The posterior given alive is
        ``Gamma(r+x, alpha+T) x Gamma(s, beta+T)``, independent, so the expectation is
        ``(r+x) (alpha+T)^(r+x) (beta+T)^s int_T^(T+t) (alpha+u)^-(r+x+1) (beta+u)^-s du``,
        a difference of the same hypergeometric tails as the likelihood; it is
        multiplied by ``P(alive)``.

        With ``assume_alive_through_horizon=True`` the common approximation
        ``P(alive) (1 - ((alpha+T)/(alpha+T+t))^(r+x))`` is returned instead; it ignores
        dropout during the horizon and so overstates the probability.
        """
        x, t_x, big_t = check_rft(frequency, recency, T)
        horizon = check_horizon(t)
        r, alpha, s, beta = self.r, self.alpha, self.s, self.beta
        alive = self.p_alive(x, t_x, big_t)
        if assume_alive_through_horizon:
            p_buy = -np.expm1(-(r + x) * np.log1p(horizon / (alpha + big_t)))
            return np.asarray(alive * p_buy, dtype=np.float64)

        x, big_t, horizon = np.broadcast_arrays(x, big_t, horizon)
        log_integral = log_tail_difference(
            alpha, beta, r + x + 1, np.full_like(x, s), big_t, big_t + horizon
        )
        log_p_buy = (
            np.log(r + x)
            + (r + x) * np.log(alpha + big_t)
            + s * np.log(beta + big_t)
            + log_integral
        )
        # Rounding can push the log a hair above 0 for near-certain purchases.
        return np.asarray(alive * np.minimum(np.exp(log_p_buy), 1.0), dtype=np.float64)
