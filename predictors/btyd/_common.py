"""Shared plumbing for the BTYD models: input checks, the likelihood of a ``(x, t_x, T)`` model,
row compression, optimisation, 2F1."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize
from scipy.special import hyp2f1

FloatArray = npt.NDArray[np.float64]

# Relative slack when checking recency <= T: summaries computed in float weeks can
# put recency a few ulps above T for a customer who bought on the last day.
_RECENCY_SLACK = 1e-9
# Parameters may range over these factors either side of their natural scale.  A
# gamma shape of 1e4 already means a coefficient of variation of 1%, i.e. no
# heterogeneity worth modelling; scales get more room because they carry units.
_SHAPE_FACTOR = 1e4
_SCALE_FACTOR = 1e6
# A fit is on a ridge when, over this many iterations, the total log-likelihood
# rose by less than _RIDGE_GAIN (statistically nothing: a likelihood-ratio
# statistic of 0.02) while some log-parameter moved by more than _RIDGE_TRAVEL.
_RIDGE_ITERATIONS = 5
_RIDGE_GAIN = 0.01
_RIDGE_TRAVEL = 0.5


@dataclass(frozen=True)
class FitInfo:
    """How a maximum-likelihood fit went.

    Attributes:
        log_likelihood: total (summed, not averaged) log-likelihood at the optimum.
        n_customers: number of customers (weighted rows) fitted.
        n_unique_rows: distinct input rows actually evaluated per likelihood call.
        converged: the optimiser succeeded and the optimum is not degenerate.
        degenerate: the likelihood has its maximum at infinity (a parameter ended on
            its box, or the fit stopped on a flat ridge); predictions are still
            usable, but the parameters on the ridge are not identified.
        evaluations: likelihood evaluations used.
        seconds: wall-clock fit time.
        message: the optimiser's status message.
    """

    log_likelihood: float
    n_customers: int
    n_unique_rows: int
    converged: bool
    degenerate: bool
    evaluations: int
    seconds: float
    message: str


def as_float_array(values: npt.ArrayLike, name: str) -> FloatArray:
    """1-D float64 copy of ``values`` that rejects NaN and infinity."""
    arr = np.atleast_1d(np.asarray(values, dtype=np.float64))
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def check_rft(
    frequency: npt.ArrayLike, recency: npt.ArrayLike, T: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Validate and broadcast a ``(x, t_x, T)`` summary to equal-length arrays."""
    x = as_float_array(frequency, "frequency")
    t_x = as_float_array(recency, "recency")
    big_t = as_float_array(T, "T")
    x, t_x, big_t = np.broadcast_arrays(x, t_x, big_t)
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must be non-negative whole numbers")
    if np.any(t_x < 0):
        raise ValueError("recency must be non-negative")
    if np.any(t_x > big_t * (1 + _RECENCY_SLACK) + _RECENCY_SLACK):
        raise ValueError("recency must not exceed T")
    # A customer with no repeat purchase has no meaningful recency; forcing it to 0
    # keeps formulas that still reference t_x well defined.
    t_x = np.where(x > 0, np.minimum(t_x, big_t), 0.0)
    return x.copy(), t_x, big_t.copy()


def check_horizon(t: npt.ArrayLike) -> FloatArray:
    """The forecast horizon ``t`` as a float array, refusing a negative length."""
    horizon = as_float_array(t, "t")
    if np.any(horizon < 0):
        raise ValueError("t must be non-negative")
    return horizon


class RFTModel(ABC):
    """A model of ``(x, t_x, T)`` summaries (BG/NBD, Pareto/NBD): each gives the log-likelihood
    of checked rows under its own parameters, and the checks and totals are the same for all."""

    @abstractmethod
    def _row_log_likelihood(self, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
        """Log-likelihood of each row of a summary already passed through :func:`check_rft`."""

    def individual_log_likelihood(
        self, frequency: npt.ArrayLike, recency: npt.ArrayLike, T: npt.ArrayLike
    ) -> FloatArray:
        """Log-likelihood of each customer's ``(x, t_x, T)``."""
        return self._row_log_likelihood(*check_rft(frequency, recency, T))

    def log_likelihood(
        self, frequency: npt.ArrayLike, recency: npt.ArrayLike, T: npt.ArrayLike
    ) -> float:
        """Total (summed) log-likelihood of a summary under these parameters."""
        return float(self.individual_log_likelihood(frequency, recency, T).sum())


def compress_rows(
    columns: Sequence[FloatArray], weights: FloatArray
) -> tuple[list[FloatArray], FloatArray]:
    """Collapse identical rows into unique rows whose weights are summed.

    Customers in a summary are far from unique (every one-time buyer acquired on
    the same day has the same row), so the likelihood is evaluated on the unique
    rows and weighted, which cuts the cost of each optimiser step.
    """
    stacked = np.column_stack(columns)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=weights, minlength=unique.shape[0])
    return [unique[:, i].copy() for i in range(unique.shape[1])], summed.astype(np.float64)


def log_bounds(kinds: str, scale: float) -> list[tuple[float, float]]:
    """Box for the log-parameters, one letter per parameter in ``kinds``.

    ``s`` marks a dimensionless shape (centred on 1), ``t`` a scale in data units
    (time or money), centred on ``scale``.

    Degenerate data (for example no heterogeneity in dropout) puts the maximum at
    infinity along a ridge; without a box the optimiser walks that ridge for ever,
    into regions where the special functions are slow and inaccurate.  The box
    does not bind on sensible data, and ``FitInfo.degenerate`` reports when it does.
    """
    centre = {"s": 0.0, "t": float(np.log(scale))}
    reach = {"s": float(np.log(_SHAPE_FACTOR)), "t": float(np.log(_SCALE_FACTOR))}
    return [(centre[k] - reach[k], centre[k] + reach[k]) for k in kinds]


def maximise(
    neg_log_likelihood: Callable[[FloatArray], float],
    initial_log_params: Sequence[float],
    bounds: Sequence[tuple[float, float]],
    n_customers: float,
    n_unique_rows: int,
) -> tuple[FloatArray, FitInfo]:
    """Minimise a negative log-likelihood over boxed log-parameters.

    The objective is divided by the number of customers so its scale (and so the
    optimiser's tolerances) does not depend on the data size; the reported
    log-likelihood is the total.  Gradients are central differences: one-sided
    ones are too noisy near the optimum, where the Pareto/NBD likelihood is flat
    along (s, beta), and L-BFGS-B then stops a few 1e-4 short in beta.

    Returns:
        The optimal log-parameters and a :class:`FitInfo`.
    """
    if n_customers <= 0:
        raise ValueError("no customers to fit")
    start = time.perf_counter()

    def objective(log_params: FloatArray) -> float:
        # Trial points far from the optimum can overflow; that is expected there, so
        # it must not surface as RuntimeWarnings (errors under strict test settings).
        with np.errstate(all="ignore"):
            value = neg_log_likelihood(log_params) / n_customers
        # Overflowing parameter regions return inf/NaN; steer away from them.
        return value if np.isfinite(value) else 1e300

    # Ridge watch: when the likelihood keeps rising only negligibly while the
    # parameters travel far, the maximum is at infinity along a ridge (e.g. no
    # heterogeneity in dropout sends s and beta to infinity together).  Walking on
    # to the box costs many slow evaluations for no change in any prediction.
    history: list[tuple[float, FloatArray]] = []
    ridge = False

    def watch_for_ridge(intermediate_result: Any) -> None:
        nonlocal ridge
        history.append((float(intermediate_result.fun), np.array(intermediate_result.x)))
        if len(history) > _RIDGE_ITERATIONS:
            old_fun, old_x = history[-1 - _RIDGE_ITERATIONS]
            gain = (old_fun - history[-1][0]) * n_customers
            travel = float(np.max(np.abs(history[-1][1] - old_x)))
            if gain < _RIDGE_GAIN and travel > _RIDGE_TRAVEL:
                ridge = True
                raise StopIteration

    x0 = np.clip(np.asarray(initial_log_params, dtype=np.float64), *np.transpose(bounds))
    result = minimize(
        objective,
        x0,
        method="L-BFGS-B",
        jac="3-point",
        bounds=bounds,
        callback=watch_for_ridge,
        options={"maxiter": 1000, "ftol": 1e-14, "gtol": 1e-8},
    )
    lower, upper = np.transpose(bounds)
    at_bound = bool(np.any((result.x <= lower + 1e-6) | (result.x >= upper - 1e-6)))
    if ridge:
        message = "stopped on a flat ridge: the maximum is at infinity, parameters not identified"
    elif at_bound:
        message = f"optimum on the parameter box: {result.message}"
    else:
        message = str(result.message)
    info = FitInfo(
        log_likelihood=-float(result.fun) * float(n_customers),
        n_customers=round(n_customers),
        n_unique_rows=n_unique_rows,
        converged=bool(result.success) and not (at_bound or ridge),
        degenerate=at_bound or ridge,
        evaluations=int(result.nfev),
        seconds=time.perf_counter() - start,
        message=message,
    )
    return np.asarray(result.x, dtype=np.float64), info


def fit_rft(
    log_likelihood: Callable[..., FloatArray],
    kinds: str,
    frequency: npt.ArrayLike,
    recency: npt.ArrayLike,
    T: npt.ArrayLike,
    weights: npt.ArrayLike | None,
    near: Sequence[float] | None = None,
) -> tuple[tuple[float, ...], FitInfo]:
    """Maximum-likelihood parameters of a model of ``(x, t_x, T)`` summaries.

    ``log_likelihood(*params, x, t_x, T)`` gives each row's log-likelihood; ``kinds`` has a
    letter per parameter as in :func:`log_bounds`.  Shapes start at 1 and scales at the mean
    ``T``, so the rates begin on the data's time scale whatever its unit.  ``near``: start
    from these parameters instead (a fit of nearly the same data): the optimum is the same
    (to the optimiser's tolerance, ~1e-8 relative) in a fraction of the iterations.
    """
    x, t_x, big_t = check_rft(frequency, recency, T)
    w = weights_or_ones(weights, len(x))
    (ux, ut_x, ut), uw = compress_rows((x, t_x, big_t), w)

    def neg_ll(log_params: FloatArray) -> float:
        return -weighted_sum(uw, log_likelihood(*np.exp(log_params), ux, ut_x, ut))

    log_mean_t = float(np.log(max(np.average(big_t, weights=w), 1e-3)))
    start = [log_mean_t if kind == "t" else 0.0 for kind in kinds]
    if near is not None:
        start = [float(np.log(v)) for v in near]
    bounds = log_bounds(kinds, float(np.exp(log_mean_t)))
    log_params, info = maximise(neg_ll, start, bounds, float(w.sum()), len(ux))
    return tuple(float(v) for v in np.exp(log_params)), info


def weighted_sum(weights: FloatArray, values: FloatArray) -> float:
    """sum(weights * values), without BLAS: past 10,000 rows both `np.dot` and `@` (numpy 2.4)
    hand this one sum to OpenBLAS threads, which on a busy 2-core machine cost 6-16 ms per call
    against 0.2 ms here; a fit calls it ~180 times, and the forecast interval fits 8 times."""
    return float(np.sum(weights * values))


def weights_or_ones(weights: npt.ArrayLike | None, n: int) -> FloatArray:
    """Per-customer weights, defaulting to one each."""
    if weights is None:
        return np.ones(n, dtype=np.float64)
    w = np.broadcast_to(as_float_array(weights, "weights"), (n,)).astype(np.float64)
    if np.any(w < 0):
        raise ValueError("weights must be non-negative")
    return w


def safe_hyp2f1(
    a: npt.ArrayLike, b: npt.ArrayLike, c: npt.ArrayLike, z: npt.ArrayLike
) -> FloatArray:
    """``scipy.special.hyp2f1`` with a fallback for its degenerate-case NaNs.

    SciPy returns NaN for z near 1 when ``c - a - b`` is an integer (its
    transformation there divides by zero).  Those entries are recomputed with ``b``
    moved by one part in 1e12, which changes the value by about as much and lands
    on the regular branch.
    """
    value = np.asarray(hyp2f1(a, b, c, z), dtype=np.float64)
    bad = ~np.isfinite(value)
    if np.any(bad):
        a_, b_, c_, z_ = np.broadcast_arrays(a, b, c, z)
        b_nudged = np.asarray(b_[bad], dtype=np.float64) * (1 + 1e-12)
        value = value.copy()
        value[bad] = hyp2f1(a_[bad], b_nudged, c_[bad], z_[bad])
    return value
