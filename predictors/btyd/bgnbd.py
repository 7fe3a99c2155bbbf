"""BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, Marketing Science 24(2)).

While alive, a customer buys as a Poisson process with rate ``lambda ~ Gamma(r, alpha)``;
after each purchase they drop out for good with probability ``p ~ Beta(a, b)``.
Everything here follows the paper's equations, written in log space so that
heavy buyers (large ``x``) neither overflow nor lose precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import betaln, expit, gammaln

from predictors.btyd._common import (
    FitInfo,
    FloatArray,
    RFTModel,
    check_horizon,
    check_rft,
    fit_rft,
    safe_hyp2f1,
)

__all__ = ["BGNBD"]

# The conditional expectation divides by (a - 1): its limit at a == 1 is finite,
# but near it the bracket cancels catastrophically (a - 1 = 1e-9 already costs 9
# digits).  Inside this band the value is interpolated linearly in a between the
# band's edges, where cancellation costs ~4 digits and the interpolation error is
# O(band^2), at most ~1e-7 relative even for horizons of 1e5 (checked with mpmath).
_A_BAND = 1e-4
# Repeat counts up to this (or up to the number of customers) are tabulated without sorting.
_COUNT_TABLE = 10_000


def _log_likelihood(
    r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """Per-customer log-likelihood from the paper, as ``A1 + log(A2 + A3)``.

    ``A2`` is the "still alive at T" branch and ``A3`` the "dropped out right after
    the last purchase at t_x" branch.  Their gamma and beta functions depend on ``x``
    alone, a whole number: they are evaluated once per distinct count and looked up,
    which makes a likelihood call (most of a fit's time) about three times cheaper than
    per customer, to 1e-12.
    """
    keys, index = _counts(x)
    g_r = gammaln(r + keys) - gammaln(r)
    beta_alive = betaln(a, b + keys) - betaln(a, b)
    # The second term exists only for repeat buyers (the "died after the last
    # purchase" branch); b + x - 1 >= b > 0 there, so betaln is safe.
    repeat = keys > 0
    beta_dead = betaln(a + 1, b + np.where(repeat, keys, 1.0) - 1) - betaln(a, b)
    beta_dead = np.where(repeat, beta_dead, -np.inf)
    r_x = r + x
    log_a2 = beta_alive[index] - r_x * np.log(alpha + T)
    log_a3 = beta_dead[index] - r_x * np.log(alpha + t_x)
    log_a1 = g_r[index] + r * np.log(alpha)
    return np.asarray(log_a1 + np.logaddexp(log_a2, log_a3), dtype=np.float64)


def _counts(x: FloatArray) -> tuple[FloatArray, npt.NDArray[np.intp]]:
    """The distinct repeat counts to evaluate and where each customer's is among them: every
    count up to the largest (no sort) unless that range dwarfs the customers."""
    top = float(x.max(initial=0.0))
    if top <= max(len(x), _COUNT_TABLE):
        return np.arange(int(top) + 1, dtype=np.float64), x.astype(np.intp)
    # Unique on the floats themselves: a count past 2**63 has no integer index of its own.
    keys, index = np.unique(x, return_inverse=True)
    return keys.astype(np.float64), index.ravel()


def _unconditioned_expectation(
    model: BGNBD, a: float, x: FloatArray, T: FloatArray, t: FloatArray
) -> FloatArray:
    """Conditional expectation of purchases in ``(T, T+t]`` before its P(alive) factor.

    ``a`` is passed separately so the caller can step around the a == 1 singularity.
    """
    r, alpha, b = model.r, model.alpha, model.b
    z = t / (alpha + T + t)
    # Euler's transformation turns (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) into
    # (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): only the denominator parameter of
    # the new 2F1 grows with x, which pulls it toward 1 instead of letting it
    # overflow for heavy buyers or long horizons.
    c = a + b + x - 1
    scaled_hyp = np.exp((a - 1) * np.log1p(-z)) * safe_hyp2f1(a + b - 1 - r, a - 1, c, z)
    return np.asarray(c / (a - 1) * (1 - scaled_hyp), dtype=np.float64)


@dataclass(frozen=True)
class BGNBD(RFTModel):
    """A BG/NBD model with parameters ``r, alpha`` (purchase rate) and ``a, b`` (dropout).

    Build one directly from known parameters or with :meth:`fit`.  Methods take
    ``frequency`` (repeat transactions ``x``), ``recency`` (``t_x``) and ``T`` as
    arrays (or scalars) in the time unit of the summary, and return float arrays.
    """

    r: float
    alpha: float
    a: float
    b: float
    fit_info: FitInfo | None = None

    def __post_init__(self) -> None:
        if min(self.r, self.alpha, self.a, self.b) <= 0:
            raise ValueError("BG/NBD parameters must all be positive")

    @classmethod
    def fit(
        cls,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
        near: BGNBD | None = None,
    ) -> BGNBD:
        """Maximum-likelihood fit; ``fit_info.log_likelihood`` is the summed log-likelihood.

        Args:
            frequency, recency, T: the calibration summary, one entry per customer.
            weights: optional number of customers each row stands for.
            near: a fit of nearly the same summary (an adjacent cutoff) to start from.
        """
        start = None if near is None else (near.r, near.alpha, near.a, near.b)
        (r, alpha, a, b), info = fit_rft(
            _log_likelihood, "stss", frequency, recency, T, weights, start
        )
        return cls(r=r, alpha=alpha, a=a, b=b, fit_info=info)

    def _row_log_likelihood(self, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
        return _log_likelihood(self.r, self.alpha, self.a, self.b, x, t_x, T)

    def p_alive(
        self, frequency: npt.ArrayLike, recency: npt.ArrayLike, T: npt.ArrayLike
    ) -> FloatArray:
        """P(customer still alive at T | x, t_x, T).

        A customer with no repeat purchase cannot have dropped out yet (dropout only
        happens right after a purchase), so their probability is exactly 1.
        """
        return self._p_alive(*check_rft(frequency, recency, T))

    def expected_purchases(
        self,
        t: npt.ArrayLike,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
    ) -> FloatArray:
        """Expected number of transactions in ``(T, T + t]`` given ``(x, t_x, T)``.

        This is the paper's conditional expectation E[Y(t) | x, t_x, T].
        ``t`` may be a scalar or an array broadcastable against the customers.  The
        hypergeometric function is evaluated by SciPy, which can return NaN for
        extreme inputs (``a`` above ~25 together with horizons ~1e4 times
        ``alpha + T``); a sweep of 600k realistic cases produced none.
        """
        x, t_x, big_t = check_rft(frequency, recency, T)
        alive = self._p_alive(x, t_x, big_t)
        return np.asarray(self._expected_if_alive(check_horizon(t), x, big_t) * alive, np.float64)

    def p_purchase(
        self,
        t: npt.ArrayLike,
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
    ) -> FloatArray:
        """Probability of at least one transaction in ``(T, T + t]`` given ``(x, t_x, T)``.

        This is exact for BG/NBD: dropout can only happen right after a purchase, so
        a customer alive at ``T`` makes a purchase in the window iff their Poisson
        clock fires, ``1 - exp(-lambda t)``.  Given alive, the posterior of lambda is
        ``Gamma(r + x, alpha + T)``, and averaging gives
        ``P(alive) * (1 - ((alpha + T) / (alpha + T + t))^(r + x))``.
        """
        x, t_x, big_t = check_rft(frequency, recency, T)
        alive = self._p_alive(x, t_x, big_t)
        return np.asarray(self._p_buy_if_alive(check_horizon(t), x, big_t) * alive, np.float64)

    def at_horizons(
        self,
        weeks: Sequence[float],
        frequency: npt.ArrayLike,
        recency: npt.ArrayLike,
        T: npt.ArrayLike,
    ) -> list[tuple[FloatArray, FloatArray]]:
        """``(p_purchase, expected_purchases)`` at each horizon in ``weeks``: the same figures
        as asking for each alone, but the summary is checked and P(alive) computed once (asked
        one horizon at a time, they were half of a year's weekly forecast)."""
        x, t_x, big_t = check_rft(frequency, recency, T)
        alive = self._p_alive(x, t_x, big_t)
        answers = []
        for horizon in map(check_horizon, weeks):
            buys = self._p_buy_if_alive(horizon, x, big_t) * alive
            count = self._expected_if_alive(horizon, x, big_t) * alive
            answers.append((np.asarray(buys, np.float64), np.asarray(count, np.float64)))
        return answers

    def _p_alive(self, x: FloatArray, t_x: FloatArray, big_t: FloatArray) -> FloatArray:
        """`p_alive` of a summary already passed through :func:`check_rft`."""
        repeat = x > 0
        x_rep = np.where(repeat, x, 1.0)
        log_odds_dead = (
            np.log(self.a)
            - np.log(self.b + x_rep - 1)
            + (self.r + x_rep) * (np.log(self.alpha + big_t) - np.log(self.alpha + t_x))
        )
        return np.asarray(np.where(repeat, expit(-log_odds_dead), 1.0), dtype=np.float64)

    def _expected_if_alive(
        self, horizon: FloatArray, x: FloatArray, big_t: FloatArray
    ) -> FloatArray:
        """Expected purchases in ``(T, T + t]`` for a customer alive at ``T``."""
        if abs(self.a - 1) >= _A_BAND:
            return _unconditioned_expectation(self, self.a, x, big_t, horizon)
        weight_hi = (self.a - (1 - _A_BAND)) / (2 * _A_BAND)
        above = _unconditioned_expectation(self, 1 + _A_BAND, x, big_t, horizon)
        below = _unconditioned_expectation(self, 1 - _A_BAND, x, big_t, horizon)
        return weight_hi * above + (1 - weight_hi) * below

    def _p_buy_if_alive(self, horizon: FloatArray, x: FloatArray, big_t: FloatArray) -> FloatArray:
        """P(at least one purchase in ``(T, T + t]``) for a customer alive at ``T``."""
        # -expm1 keeps precision for short horizons where the bracket is tiny.
        buys = -np.expm1(-(self.r + x) * np.log1p(horizon / (self.alpha + big_t)))
        return np.asarray(buys, dtype=np.float64)
