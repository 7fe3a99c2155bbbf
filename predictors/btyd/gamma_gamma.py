"""Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV").

Each transaction value of a customer is ``Gamma(p, nu)`` and ``nu ~ Gamma(q, v)``
across customers, so the mean ``zbar`` of a customer's ``x`` transactions has a
closed-form marginal density.  The model is fitted on repeat buyers only: their
``monetary_value`` is the mean of the repeat transactions (the first purchase is
left out, as in the paper and in :func:`predictors.btyd.summary.rfm_summary`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln

from predictors.btyd._common import (
    FitInfo,
    FloatArray,
    as_float_array,
    log_bounds,
    maximise,
    weighted_sum,
    weights_or_ones,
)

__all__ = ["GammaGamma"]


def _check_spend(
    frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Validate and broadcast ``(x, zbar)`` pairs."""
    x = as_float_array(frequency, "frequency")
    zbar = as_float_array(monetary_value, "monetary_value")
    x, zbar = np.broadcast_arrays(x, zbar)
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must be non-negative whole numbers")
    if np.any((x > 0) & (zbar <= 0)):
        # A zero or negative mean spend (refunds) has zero density under the model;
        # silently dropping such customers would bias the fit, so make it explicit.
        raise ValueError("repeat buyers must have a positive monetary_value")
    return x.copy(), zbar.copy()


def _log_likelihood(p: float, q: float, v: float, x: FloatArray, zbar: FloatArray) -> FloatArray:
    """Log density of each repeat buyer's mean spend ``zbar`` given ``x`` transactions.

    ``zbar | nu ~ Gamma(p x, nu x)``; integrating ``nu ~ Gamma(q, v)`` out gives
    ``Gamma(px+q)/(Gamma(px)Gamma(q)) v^q x^(px) zbar^(px-1) / (v + x zbar)^(px+q)``.
    """
    px = p * x
    return np.asarray(
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(v)
        + (px - 1) * np.log(zbar)
        + px * np.log(x)
        - (px + q) * np.log(v + x * zbar),
        dtype=np.float64,
    )


@dataclass(frozen=True)
class GammaGamma:
    """A Gamma-Gamma spend model with shape ``p`` and mixing parameters ``q, v``.

    Build one directly from known parameters or with :meth:`fit`.
    """

    p: float
    q: float
    v: float
    fit_info: FitInfo | None = None

    def __post_init__(self) -> None:
        if min(self.p, self.q, self.v) <= 0:
            raise ValueError("Gamma-Gamma parameters must all be positive")

    @classmethod
    def fit(
        cls,
        frequency: npt.ArrayLike,
        monetary_value: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
    ) -> GammaGamma:
        """Maximum-likelihood fit on the repeat buyers (``frequency > 0``) of a summary.

        Customers with ``frequency == 0`` are ignored: they have no repeat
        transaction to learn spend from.  ``fit_info.log_likelihood`` is the summed
        log density of the repeat buyers' ``zbar``.
        """
        x, zbar = _check_spend(frequency, monetary_value)
        w = weights_or_ones(weights, len(x))
        repeat = (x > 0) & (w > 0)
        if not np.any(repeat):
            raise ValueError("no repeat buyers to fit the Gamma-Gamma model on")
        x, zbar, w = x[repeat], zbar[repeat], w[repeat]

        def neg_ll(log_params: FloatArray) -> float:
            p, q, v = np.exp(log_params)
            return -weighted_sum(w, _log_likelihood(p, q, v, x, zbar))

        # Start with q = 2 (finite mean) and v set so the prior mean p v/(q-1)
        # equals the average spend.
        start = [0.0, float(np.log(2.0)), float(np.log(np.average(zbar, weights=w)))]
        bounds = log_bounds("sst", float(np.exp(start[2])))
        log_params, info = maximise(neg_ll, start, bounds, float(w.sum()), len(x))
        p, q, v = (float(val) for val in np.exp(log_params))
        return cls(p=p, q=q, v=v, fit_info=info)

    def individual_log_likelihood(
        self, frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
    ) -> FloatArray:
        """Log density of each repeat buyer's mean spend (``frequency`` must be > 0)."""
        x, zbar = _check_spend(frequency, monetary_value)
        if np.any(x == 0):
            raise ValueError("the spend likelihood is defined for repeat buyers only")
        return _log_likelihood(self.p, self.q, self.v, x, zbar)

    def log_likelihood(self, frequency: npt.ArrayLike, monetary_value: npt.ArrayLike) -> float:
        """Total log density over the repeat buyers; other customers are skipped."""
        x, zbar = _check_spend(frequency, monetary_value)
        repeat = x > 0
        return float(_log_likelihood(self.p, self.q, self.v, x[repeat], zbar[repeat]).sum())

    def population_mean_spend(self) -> float:
        """Mean spend per transaction across customers, ``p v / (q - 1)``."""
        if self.q <= 1:
            # The Gamma mixing gives the mean spend an infinite expectation then.
            raise ValueError("the population mean spend is infinite when q <= 1")
        return self.p * self.v / (self.q - 1)

    def conditional_expected_average_profit(
        self, frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
    ) -> FloatArray:
        """Posterior mean spend per transaction, ``p (v + x zbar) / (p x + q - 1)``.

        This is a credibility-weighted average of the population mean ``p v/(q-1)``
        and the customer's own ``zbar``; for ``frequency == 0`` it is exactly the
        population mean (``monetary_value`` is then ignored).
        """
        x, zbar = _check_spend(frequency, monetary_value)
        population = self.population_mean_spend()
        own_weight = self.p * x / (self.p * x + self.q - 1)
        zbar = np.where(x > 0, zbar, 0.0)
        return np.asarray((1 - own_weight) * population + own_weight * zbar, dtype=np.float64)
