"""What per-customer MAE rewards on a CDNOW split: the models beside reference forecasts.

    python -m bench.mae_reference [--dataset cdnow-sample|cdnow] [--seed 0] [--skip-retain]

Most customers buy nothing in a holdout, so the forecast that minimises absolute error is each
customer's median (0 for most of them), not the expected count the models report. The table
shows what that does to the metric, beside Pareto/NBD's expected count (the baseline):
- forecasting zero for everyone, and Pareto/NBD's forecast scaled down;
- two oracles that read the holdout itself: the true mean and the true median of the holdout
  purchases within cells of customers alike at the cutoff (repeat purchases, 12 or more
  together, by recency octile).
  No forecast can know these; the mean oracle is what a perfectly calibrated expected count
  would reach at that resolution;
- Pareto/NBD's median (of its predictive distribution, sampled: 20,000 draws per likely buyer
  with a fixed seed) and Retain's (see `hurdle_median`), for comparing point forecasts made for
  absolute error.

A second table splits the error by repeat purchases at the cutoff: where each model's forecast
sits against what the group bought, and how much of the MAE the group carries.
"""

import argparse
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from bench.tables import table
from predictors.btyd import ParetoNBD
from predictors.evaluate import CDNOW_SPLIT, Split, holdout_rows
from predictors.history import History, cdnow_history
from predictors.train import TrainConfig, train_predictor

FloatArray = npt.NDArray[np.float64]
SPLIT = CDNOW_SPLIT
RECENCY_BINS = 8
SAMPLES = 20_000  # draws per likely buyer from Pareto/NBD's predictive distribution
CHUNK = 500  # customers drawn for at once
# Repeat purchases at the cutoff, grouped for the breakdown: (label, lowest, highest).
REPEAT_GROUPS = [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4-6", 4, 6), ("7+", 7, None)]


@dataclass(frozen=True)
class Holdout:
    features: pd.DataFrame
    actual: FloatArray  # purchase days per customer in the holdout


def holdout(history: History, split: Split) -> Holdout:
    features, labels = holdout_rows(history, split)
    return Holdout(features, labels["purchases"].to_numpy(np.float64))


def oracle_cells(
    features: pd.DataFrame, actual: FloatArray, how: Literal["mean", "median"]
) -> FloatArray:
    """The holdout's own mean or median within cells of customers alike at the cutoff."""
    weeks_quiet = (features["T"] - features["recency"]).to_numpy()
    frame = pd.DataFrame(
        {
            "repeats": features["frequency"].clip(upper=12).to_numpy(),
            "quiet": pd.qcut(weeks_quiet, RECENCY_BINS, labels=False, duplicates="drop"),
            "actual": actual,
        }
    )
    return frame.groupby(["repeats", "quiet"])["actual"].transform(how).to_numpy(np.float64)


def pareto_nbd_median(
    model: ParetoNBD, features: pd.DataFrame, weeks: float, seed: int = 0
) -> FloatArray:
    """Median of the holdout count under Pareto/NBD's predictive distribution.

    Alive at the cutoff (probability P(alive)), the posterior of the purchase and dropout rates
    is Gamma(r+x, alpha+T) x Gamma(s, beta+T), independent; the remaining lifetime is
    exponential (memoryless), and purchases are Poisson over the part of the holdout lived.
    """
    x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
    # P(no purchase) is known exactly: the median is 0 where it is at least one half. Only the
    # others (about one in six) are sampled, for how far above 0 their median lies.
    median = np.zeros(len(x))
    buying = np.flatnonzero(model.p_purchase(weeks, x, t_x, big_t) > 0.5)
    rng = np.random.default_rng(seed)
    alive_p = model.p_alive(x, t_x, big_t)
    for start in range(0, len(buying), CHUNK):  # all draws at once would take gigabytes
        who = buying[start : start + CHUNK]
        shape = (len(who), SAMPLES)
        alive = rng.random(shape) < alive_p[who, None]
        rate = rng.gamma(model.r + x[who, None], 1 / (model.alpha + big_t[who, None]), shape)
        dropout = rng.gamma(model.s, 1 / (model.beta + big_t[who, None]), shape)
        lived = np.minimum(rng.exponential(1 / dropout), weeks)
        counts = np.where(alive, rng.poisson(rate * lived), 0)
        # The lower median (an integer count, as a customer makes), at least 1 as P(0) < 1/2.
        median[who] = np.maximum(np.sort(counts, axis=1)[:, (SAMPLES - 1) // 2], 1)
    return median


def hurdle_median(p_purchase: FloatArray, expected: FloatArray) -> FloatArray:
    """Median count under a hurdle reading of Retain's two heads: no purchase with probability
    1 - p, else 1 + Poisson(expected / p - 1) (the network gives no full count distribution)."""
    extra = np.maximum(expected / np.maximum(p_purchase, 1e-9) - 1.0, 0.0)
    median = np.zeros_like(expected)
    cumulative = 1.0 - p_purchase  # P(count <= 0)
    term = np.exp(-extra)  # P(extra = k), from k = 0
    for count in range(1, 1000):
        median += cumulative < 0.5  # still below the median: it is at least `count`
        cumulative = cumulative + p_purchase * term
        term = term * extra / count
        if not np.any(cumulative < 0.5):
            break
    return median


def reference_forecasts(
    history: History, split: Split, seed: int, with_retain: bool
) -> tuple[Holdout, dict[str, FloatArray]]:
    data = holdout(history, split)
    features, actual = data.features, data.actual
    x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
    weeks = split.holdout_weeks
    pareto = ParetoNBD.fit(x, t_x, big_t)
    expected = pareto.expected_purchases(weeks, x, t_x, big_t)
    forecasts = {
        "Pareto/NBD expected count (baseline)": expected,
        "zero for everyone": np.zeros_like(actual),
        "Pareto/NBD expected count x 0.7": 0.7 * expected,
        "Pareto/NBD median": pareto_nbd_median(pareto, features, weeks, seed),
        "oracle: holdout cell means": oracle_cells(features, actual, "mean"),
        "oracle: holdout cell medians": oracle_cells(features, actual, "median"),
    }
    if with_retain:
        predictor, _ = train_predictor(
            history, split.calibration_end, weeks, TrainConfig(seed=seed)
        )
        ours = predictor.predict(features, weeks)
        expected_ours = ours["expected_purchases"].to_numpy(np.float64)
        forecasts["Retain expected count"] = expected_ours
        forecasts["Retain median (hurdle reading)"] = hurdle_median(
            ours["p_purchase"].to_numpy(np.float64), expected_ours
        )
    return data, forecasts


def rows(actual: FloatArray, forecasts: dict[str, FloatArray]) -> list[dict[str, str]]:
    baseline = float(np.abs(actual - next(iter(forecasts.values()))).mean())
    out = []
    for name, forecast in forecasts.items():
        mae = float(np.abs(actual - forecast).mean())
        out.append(
            {
                "forecast": name,
                "MAE": f"{mae:.4f}",
                "vs baseline": f"{mae / baseline - 1:+.1%}",
                "predicted / actual total": f"{forecast.sum() / actual.sum():.2f}",
            }
        )
    return out


def by_repeats(
    features: pd.DataFrame, actual: FloatArray, forecasts: dict[str, FloatArray]
) -> list[dict[str, str]]:
    """Per group of repeat purchases: its customers, the share who bought nothing, the mean
    bought and each forecast's mean, and each forecast's absolute error summed over the group
    and divided by all customers, so a column's entries add up to that forecast's MAE."""
    repeats = features["frequency"].to_numpy()
    out = []
    for label, low, high in REPEAT_GROUPS:
        group = (repeats >= low) & (repeats <= (np.inf if high is None else high))
        row = {
            "repeat purchases": label,
            "customers": f"{group.sum():,}",
            "buy nothing": f"{np.mean(actual[group] == 0):.0%}",
            "bought (mean)": f"{actual[group].mean():.3f}",
        }
        for name, forecast in forecasts.items():
            row[f"{name}: mean"] = f"{forecast[group].mean():.3f}"
        for name, forecast in forecasts.items():
            share = np.abs(actual[group] - forecast[group]).sum() / len(actual)
            row[f"{name}: MAE part"] = f"{share:.4f}"
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["cdnow-sample", "cdnow"], default="cdnow-sample")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-retain", action="store_true", help="do not train the network")
    args = parser.parse_args()
    history = cdnow_history(sample=args.dataset == "cdnow-sample")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # optimiser chatter from the fits
        data, forecasts = reference_forecasts(history, SPLIT, args.seed, not args.skip_retain)
    actual = data.actual
    print(
        f"{args.dataset}: {len(actual):,} customers, split {SPLIT.calibration_end:%Y-%m-%d} / "
        f"{SPLIT.holdout_end:%Y-%m-%d}, {np.mean(actual == 0):.0%} buy nothing in the holdout"
    )
    print(table(rows(actual, forecasts)))
    compared = {
        short: forecasts[name]
        for short, name in (
            ("Pareto/NBD", "Pareto/NBD expected count (baseline)"),
            ("Retain", "Retain expected count"),
        )
        if name in forecasts
    }
    print("\nBy repeat purchases at the cutoff (expected counts):")
    print(table(by_repeats(data.features, actual, compared)))


if __name__ == "__main__":
    main()
