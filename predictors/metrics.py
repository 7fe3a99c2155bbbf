"""Evaluation metrics for purchase-count, churn and spend (CLV) predictions.

Pure numpy/scipy, for the evaluation harness.  Inputs (arrays, Series, sequences) are
compared by position; empty input, mismatched lengths and NaN/infinite values raise
``ValueError``: a NaN prediction is a bug in the model or the join, and dropping it
would flatter the model.  Errors and MAPEs are fractions (0.1 means 10 %).
"""

from __future__ import annotations

import numbers
from typing import TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import rankdata

__all__ = [
    "CalibrationPoint",
    "DecileRow",
    "SpendMetrics",
    "calibration_curve",
    "classification_metrics",
    "count_metrics",
    "gain_curve",
    "spend_metrics",
    "tracking_error",
]

FloatArray = npt.NDArray[np.float64]

# (mean predicted probability, observed positive rate, customers in the bin)
CalibrationPoint = tuple[float, float, int]


class DecileRow(TypedDict):
    """One row of the decile table: deciles are numbered 1 (lowest predicted) to 10."""

    decile: int
    predicted_mean: float
    actual_mean: float


class SpendMetrics(TypedDict):
    """What :func:`spend_metrics` returns."""

    gini: float | None
    spearman: float | None
    decile_mape: float | None
    deciles: list[DecileRow]


def _as_vector(values: npt.ArrayLike, name: str) -> FloatArray:
    """Non-empty 1-D float64 copy of ``values``; raises ``ValueError`` naming ``name``."""
    try:
        if isinstance(values, pd.Series | pd.Index):
            # Nullable dtypes (Int64, boolean) hold pd.NA, which np.asarray cannot
            # cast to float; map it to NaN so it is reported like any other NaN.
            arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr.copy()


def _pair(
    actual: npt.ArrayLike, predicted: npt.ArrayLike, actual_name: str, predicted_name: str
) -> tuple[FloatArray, FloatArray]:
    """Validate two equal-length vectors."""
    # Values are compared by position; two Series indexed differently (say one by
    # customer id, one reordered) would be silently misaligned, so refuse them.
    if (
        isinstance(actual, pd.Series)
        and isinstance(predicted, pd.Series)
        and not actual.index.equals(predicted.index)
    ):
        raise ValueError(
            f"{actual_name} and {predicted_name} are Series with different indexes; "
            "align them first"
        )
    a = _as_vector(actual, actual_name)
    p = _as_vector(predicted, predicted_name)
    if a.size != p.size:
        raise ValueError(f"{actual_name} has {a.size} values but {predicted_name} has {p.size}")
    return a, p


def _pearson(x: FloatArray, y: FloatArray) -> float | None:
    """Pearson correlation, or None when either side is constant (it is undefined)."""
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    xc = x - x.mean()
    yc = y - y.mean()
    denom = float(np.sqrt(np.dot(xc, xc) * np.dot(yc, yc)))
    if denom == 0 or not np.isfinite(denom):  # underflow on tiny values
        return None
    # Rounding can push |r| a hair above 1.
    return min(1.0, max(-1.0, float(np.dot(xc, yc)) / denom))


def _ranks(x: FloatArray) -> FloatArray:
    """1-based ranks with ties given their average rank."""
    return np.asarray(rankdata(x, method="average"), dtype=np.float64)


def count_metrics(actual: npt.ArrayLike, predicted: npt.ArrayLike) -> dict[str, float | None]:
    """``mae``, ``rmse`` and ``corr`` (Pearson; None if either side is constant) of a count."""
    a, p = _pair(actual, predicted, "actual", "predicted")
    err = p - a
    return {
        "mae": float(np.mean(np.abs(err))),
        "rmse": float(np.sqrt(np.mean(err**2))),
        "corr": _pearson(a, p),
    }


def _labels_and_probabilities(
    actual_bool: npt.ArrayLike, probability: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    y, p = _pair(actual_bool, probability, "actual_bool", "probability")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("actual_bool must hold only booleans or 0/1 values")
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError("probability must lie in [0, 1]")
    return y, p


def _check_int(value: int, name: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer of at least {minimum}, got {value!r}")


def _bin_sums(y: FloatArray, p: FloatArray, bins: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per equal-width bin on [0, 1]: customer count, sum of probabilities, sum of outcomes."""
    # Each bin is [k/bins, (k+1)/bins) except the last, which also takes p == 1.
    idx = np.minimum((p * bins).astype(np.intp), bins - 1)
    counts = np.bincount(idx, minlength=bins).astype(np.float64)
    sum_p = np.bincount(idx, weights=p, minlength=bins).astype(np.float64)
    sum_y = np.bincount(idx, weights=y, minlength=bins).astype(np.float64)
    return counts, sum_p, sum_y


def classification_metrics(
    actual_bool: npt.ArrayLike, probability: npt.ArrayLike, bins: int = 10
) -> dict[str, float | None]:
    """Discrimination and calibration of predicted probabilities (e.g. of churn or of buying).

    Returns:
        ``auc``: ROC AUC by the Mann-Whitney rank formula, ties counted as half
        (None if only one class is present); ``brier``: mean squared error of the
        probabilities; ``ece``: expected calibration error over ``bins``
        equal-width probability bins, each weighted by its share of customers.
    """
    _check_int(bins, "bins", 1)
    y, p = _labels_and_probabilities(actual_bool, probability)
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    auc: float | None = None
    if n_pos > 0 and n_neg > 0:
        # Average ranks make a tied positive/negative pair count as half a correct pair.
        rank_sum = float(_ranks(p)[y == 1].sum())
        auc = (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    _, sum_p, sum_y = _bin_sums(y, p, bins)
    # sum_k (n_k/n) |mean_p_k - mean_y_k| simplifies to sum_k |sum_p_k - sum_y_k| / n.
    ece = float(np.abs(sum_p - sum_y).sum() / y.size)
    return {"auc": auc, "brier": float(np.mean((p - y) ** 2)), "ece": ece}


def calibration_curve(
    actual_bool: npt.ArrayLike, probability: npt.ArrayLike, bins: int = 10
) -> list[CalibrationPoint]:
    """Reliability-diagram points over ``bins`` equal-width probability bins.

    Returns:
        ``(mean_predicted, observed_rate, count)`` for each non-empty bin, in
        increasing order of probability.
    """
    _check_int(bins, "bins", 1)
    y, p = _labels_and_probabilities(actual_bool, probability)
    counts, sum_p, sum_y = _bin_sums(y, p, bins)
    return [
        (float(sum_p[k] / counts[k]), float(sum_y[k] / counts[k]), int(counts[k]))
        for k in range(bins)
        if counts[k] > 0
    ]


def _cumulative_gain(actual: FloatArray, score: FloatArray) -> FloatArray:
    """Cumulative share of ``actual`` with customers sorted by ``score``, highest first.

    Each run of tied scores gets its mean actual value, so the curve is the expectation
    over tie orders, independent of input order.  The caller ensures a positive sum.
    """
    order = np.argsort(-score, kind="stable")
    s = score[order]
    v = actual[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    sizes = np.diff(np.r_[starts, s.size])
    v = np.repeat(np.add.reduceat(v, starts) / sizes, sizes)
    return np.asarray(np.cumsum(v) / actual.sum(), dtype=np.float64)


def _normalised_gini(actual: FloatArray, predicted: FloatArray) -> float | None:
    """Model Gini over perfect-ranking Gini, with Gini = 2 * mean(cumulative gain) - 1.

    This is the formula of Google's lifetime_value code (Wang et al. 2019).
    None when it is undefined: total actual spend not positive, or every customer
    spent the same (no ranking to recover).
    """
    if actual.sum() <= 0 or np.ptp(actual) == 0:
        return None
    # Positive here: sorted by itself, the gain curve lies above the diagonal.
    perfect = 2 * float(_cumulative_gain(actual, actual).mean()) - 1
    model = 2 * float(_cumulative_gain(actual, predicted).mean()) - 1
    return model / perfect


def _deciles(actual: FloatArray, predicted: FloatArray) -> tuple[list[DecileRow], float | None]:
    # Equal-size groups (sizes differ by at most one) rather than quantile cut
    # points, so heavily tied predictions (many zeros) still give ten groups.
    order = np.argsort(predicted, kind="stable")
    rows: list[DecileRow] = []
    apes: list[float] = []
    for k, idx in enumerate(np.array_split(order, 10), start=1):
        if idx.size == 0:  # fewer than ten customers
            continue
        pred_mean = float(predicted[idx].mean())
        act_mean = float(actual[idx].mean())
        rows.append({"decile": k, "predicted_mean": pred_mean, "actual_mean": act_mean})
        if act_mean != 0:
            apes.append(abs(pred_mean - act_mean) / abs(act_mean))
    return rows, (float(np.mean(apes)) if apes else None)


def spend_metrics(actual_spend: npt.ArrayLike, predicted_spend: npt.ArrayLike) -> SpendMetrics:
    """Ranking and decile calibration of a spend (CLV) prediction.

    Returns:
        ``gini``: normalised Gini, 1 for the perfect ranking and about 0 (``1/n``
        above it, as in the lifetime_value formula) for a random one; None if total
        actual spend is not positive or everyone spent the same.  ``spearman``: rank
        correlation, None if either side is constant.  ``deciles``: mean predicted
        and actual spend in ten equal-size groups by predicted spend, decile 1 the
        lowest.  ``decile_mape``: their absolute percentage error averaged over
        deciles with a nonzero actual mean (None if there is none).
    """
    a, p = _pair(actual_spend, predicted_spend, "actual_spend", "predicted_spend")
    rows, decile_mape = _deciles(a, p)
    return {
        "gini": _normalised_gini(a, p),
        "spearman": _pearson(_ranks(a), _ranks(p)),
        "decile_mape": decile_mape,
        "deciles": rows,
    }


def gain_curve(
    actual_spend: npt.ArrayLike, predicted_spend: npt.ArrayLike, points: int = 101
) -> tuple[FloatArray, FloatArray]:
    """Cumulative-gain (Lorenz) curve of actual spend, customers ranked by predicted spend.

    Returns:
        ``(share_of_customers, share_of_spend)``, each of length ``points``, from
        ``(0, 0)`` to ``(1, 1)``: the top ``x`` share of customers by prediction
        accounts for ``y`` of the actual spend.
    """
    _check_int(points, "points", 2)
    a, p = _pair(actual_spend, predicted_spend, "actual_spend", "predicted_spend")
    if a.sum() <= 0:
        raise ValueError("actual_spend must have a positive total to draw a gain curve")
    cum = np.r_[0.0, _cumulative_gain(a, p)]
    share_of_customers = np.linspace(0.0, 1.0, int(points))
    share_of_spend = np.interp(share_of_customers, np.arange(a.size + 1) / a.size, cum)
    return share_of_customers, np.asarray(share_of_spend, dtype=np.float64)


def tracking_error(actual_cumulative: npt.ArrayLike, predicted_cumulative: npt.ArrayLike) -> float:
    """Mean absolute percentage error of a cumulative series (e.g. repeat purchases per week).

    Points where the actual cumulative total is 0 are skipped (the percentage is
    undefined there); ``ValueError`` if that leaves none.
    """
    a, p = _pair(
        actual_cumulative, predicted_cumulative, "actual_cumulative", "predicted_cumulative"
    )
    nonzero = a != 0
    if not np.any(nonzero):
        raise ValueError("actual_cumulative is 0 everywhere; the percentage error is undefined")
    return float(np.mean(np.abs(p[nonzero] - a[nonzero]) / np.abs(a[nonzero])))
