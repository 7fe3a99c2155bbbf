"""Power-law tail integrals behind the Pareto/NBD likelihood and forecasts.

Every Pareto/NBD quantity used in this package is a difference of tails

    H(tau) = int_tau^inf (alpha + u)^-m (beta + u)^-n du,    M = m + n - 1 > 0,

which Fader & Hardie (2005) write with the Gaussian hypergeometric function.
This module evaluates ``log H`` with SciPy's ``hyp2f1``.  Where its argument is
near 1 (alpha and beta far apart) SciPy is slow and can return NaN, so there,
and wherever it returns a non-finite value, a quadrature takes over; it agrees
with mpmath's 2F1 to ~1e-14 relative (in log) over a wide random sweep.
"""

from __future__ import annotations

import numpy as np
from scipy.special import hyp2f1, roots_legendre

from predictors.btyd._common import FloatArray

__all__ = ["log_tail", "log_tail_difference"]

_GL_NODES, _GL_WEIGHTS = roots_legendre(16)
_FLANK_PANELS = 3
_CORNER_PANELS = 8
# The quadrature keeps the part of the integrand within e^-_CUT of its peak.
_CUT = 45.0
# Above this hypergeometric argument the quadrature is used directly.
_Z_QUADRATURE = 0.99


def _split(
    alpha: float, beta: float, m: FloatArray, n: FloatArray, tau: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Name the factors by size: ``(kappa + u)^-p`` has the smaller constant, ``(K + u)^-q``."""
    if alpha >= beta:
        return beta + tau, alpha + tau, n, m
    return alpha + tau, beta + tau, m, n


def _log_tail_hyp2f1(
    small: FloatArray, large: FloatArray, p: FloatArray, q: FloatArray
) -> FloatArray:
    """Closed form ``(1-z)^(1-p) 2F1(1, q; M+1; z) / (M (K+tau)^M)``, ``z = 1 - small/large``.

    This is the note's ``2F1(M, p; M+1; z)`` after Euler's transformation: the
    note's form grows like ``(1-z)^-p`` and overflows for heavy buyers, while
    ``2F1(1, q; M+1; z)`` is bounded by ``1/(1-z)`` and SciPy evaluates it
    reliably over more of the parameter space.
    """
    big_m = p + q - 1
    z = 1 - small / large
    log_one_minus_z = np.log(small) - np.log(large)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        log_hyp = np.log(hyp2f1(1.0, q, big_m + 1, z))
    return np.asarray(
        (1 - p) * log_one_minus_z + log_hyp - big_m * np.log(large) - np.log(big_m),
        dtype=np.float64,
    )


def _phi(y: FloatArray, big_m: FloatArray, q: FloatArray, delta: FloatArray) -> FloatArray:
    """Log integrand of :func:`_log_tail_quadrature`, broadcasting over its arguments."""
    return np.asarray(-big_m * y - q * np.log1p(delta * np.exp(-y)), dtype=np.float64)


def _log_tail_quadrature(
    small: FloatArray, large: FloatArray, p: FloatArray, q: FloatArray
) -> FloatArray:
    """``log H`` by Gauss-Legendre quadrature after ``u = (kappa+tau) e^y - kappa``.

    The substitution turns the integral into ``(kappa+tau)^-M int_0^inf e^phi(y) dy``
    with ``phi(y) = -M y - q log1p(delta e^-y)``, ``delta = (K-kappa)/(kappa+tau)``.
    ``phi`` is concave, so the integrand is unimodal: the mode is found in closed
    form, the interval where ``phi`` is within ``_CUT`` of its peak by bisection,
    and that interval is integrated with composite Gauss-Legendre in log space.
    """
    big_m = p + q - 1
    delta = (large - small) / small
    # phi'(y) = 0 where delta e^-y (q - M) = M, which needs q > M.
    with np.errstate(divide="ignore", invalid="ignore"):
        mode = np.log(delta * (q - big_m) / big_m)
    mode = np.where(np.isfinite(mode) & (q > big_m), np.maximum(mode, 0.0), 0.0)
    floor = _phi(mode, big_m, q, delta) - _CUT
    # Beyond y1 the slope is below -M/2 (there delta e^-y <= M/(2q)), so phi is
    # under the floor within another 2 _CUT / M.
    with np.errstate(divide="ignore"):
        y1 = np.log(delta) + np.log(2 * q / big_m)
    far = np.maximum(np.maximum(y1, mode), 0.0) + 2 * _CUT / big_m

    # Bisection for where phi crosses the floor on each flank of the mode.
    left_lo, left_hi = np.zeros_like(mode), mode.copy()
    right_lo, right_hi = mode.copy(), far
    for _ in range(24):  # the cut-offs only need to be roughly right
        mid = (left_lo + left_hi) / 2
        above = _phi(mid, big_m, q, delta) >= floor
        left_lo, left_hi = np.where(above, left_lo, mid), np.where(above, mid, left_hi)
        mid = (right_lo + right_hi) / 2
        above = _phi(mid, big_m, q, delta) >= floor
        right_lo, right_hi = np.where(above, mid, right_lo), np.where(above, right_hi, mid)
    left, right = left_lo, right_hi

    # phi is close to piecewise linear with a smooth corner at y = log(delta), where
    # delta e^-y = 1.  The corner perturbs phi by ~q e^-|y - corner|, so a window of
    # half-width 24 + log q around it holds everything that matters to 1e-10; the
    # integrand's nearest complex singularity is pi off the real axis, so panels of
    # width <= 8.5 there keep 16-node Gauss-Legendre at ~1e-10.  The flanks outside
    # are nearly exponential and need few panels.
    with np.errstate(divide="ignore"):
        corner = np.log(delta)
    reach = 24.0 + np.log(np.maximum(q, 1.0))
    inner_lo = np.clip(corner - reach, left, right)
    inner_hi = np.clip(corner + reach, left, right)
    segments = ((left, inner_lo, _FLANK_PANELS), (inner_lo, inner_hi, _CORNER_PANELS))
    pieces = [a[:, None] + (b - a)[:, None] * np.linspace(0, 1, k + 1)[:-1] for a, b, k in segments]
    pieces.append(
        inner_hi[:, None] + (right - inner_hi)[:, None] * np.linspace(0, 1, _FLANK_PANELS + 1)
    )
    edges = np.concatenate(pieces, axis=1)
    half = (edges[:, 1:] - edges[:, :-1]) / 2
    y = ((edges[:, 1:] + edges[:, :-1]) / 2)[:, :, None] + half[:, :, None] * _GL_NODES
    col = (-1, 1, 1)
    log_values = _phi(y, big_m.reshape(col), q.reshape(col), delta.reshape(col))
    peak = floor + _CUT
    integral = np.einsum("ipk,k,ip->i", np.exp(log_values - peak.reshape(col)), _GL_WEIGHTS, half)
    return np.asarray(peak + np.log(integral) - big_m * np.log(small), dtype=np.float64)


def log_tail(
    alpha: float, beta: float, m: FloatArray, n: FloatArray, tau: FloatArray
) -> FloatArray:
    """``log int_tau^inf (alpha+u)^-m (beta+u)^-n du`` elementwise (needs ``m + n > 1``)."""
    small, large, p, q = (
        np.asarray(v, dtype=np.float64).ravel()
        for v in np.broadcast_arrays(*_split(alpha, beta, m, n, tau))
    )
    shape = np.broadcast_shapes(np.shape(m), np.shape(n), np.shape(tau))
    # Near z = 1 SciPy sums long series (20-300 us per value, NaN for q >~ 200),
    # while the quadrature costs ~50 us and stays exact, so it takes over there.
    near_one = small < (1 - _Z_QUADRATURE) * large
    out = np.empty_like(small)
    out[~near_one] = _log_tail_hyp2f1(
        small[~near_one], large[~near_one], p[~near_one], q[~near_one]
    )
    bad = near_one | ~np.isfinite(out)
    if np.any(bad):
        out[bad] = _log_tail_quadrature(small[bad], large[bad], p[bad], q[bad])
    return out.reshape(shape)


def log_tail_difference(
    alpha: float, beta: float, m: FloatArray, n: FloatArray, lo: FloatArray, hi: FloatArray
) -> FloatArray:
    """``log(H(lo) - H(hi))`` for ``lo <= hi``; ``-inf`` when they are equal.

    Written as ``log H(lo) + log1p(-H(hi)/H(lo))`` so neither tail is exponentiated
    on its own (both can under- or overflow for heavy buyers).
    """
    first = log_tail(alpha, beta, m, n, lo)
    last = log_tail(alpha, beta, m, n, hi)
    ratio = np.minimum(np.exp(last - first), 1.0)
    with np.errstate(divide="ignore"):
        return np.asarray(first + np.log1p(-ratio), dtype=np.float64)
