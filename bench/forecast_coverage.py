"""How often the demand forecast's 90% interval holds the actual total, replayed at past cutoffs.

    python -m bench.forecast_coverage [--dataset cdnow|cdnow-sample|workspace] [--home .retain]
        [--days 7 30 90] [--every 14] [--over 365]

At each cutoff every `--every` days over the last `--over` days of the history (those whose
horizon has ended), BG/NBD fitted at the cutoff forecasts the purchase days of the next `days`,
and each candidate interval is built from past windows replayed before the cutoff as
forecast_interval.py replays them (same length, half a horizon apart, at least 8 weeks of
history before each). The point forecast is BG/NBD's, as in the replayed windows: the network
would need one training per cutoff, and its totals can sit further from the truth.

Candidates (all combine the spread with the Poisson noise of the total, as `band` does):
before: z x the spread of at most 3 windows, the recipe until 2026-11-30; t: Student-t with
n-1 degrees of freedom on the same windows; 8 windows: the replay carried back to WINDOWS
windows, with z or with t (`quantile`, the recipe now); pooled: the 3 windows of every horizon
in `--days` ending at the cutoff, with t. "width" is the median of
(high - low) / forecast; a cutoff where a candidate has under 2 windows gives it no interval
and is left out of its coverage ("n").
"""

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import norm

from bench.tables import table
from commerce.workspace import Workspace
from predictors.btyd import BGNBD
from predictors.features import WEEK, window_labels
from predictors.forecast_interval import LEVEL, WINDOWS, quantile, repeat_summary
from predictors.history import History, cdnow_history, from_store

Errors = dict[float, list[float]]  # horizon weeks -> log(actual / forecast) of past windows
Quantile = Callable[[int], float]  # windows -> the band's multiplier of the spread


@dataclass
class Replay:
    """BG/NBD forecasts of one history, fitted once per start day (windows share starts)."""

    history: History
    fits: dict[pd.Timestamp, tuple[BGNBD, pd.DataFrame]] = field(default_factory=dict)

    def totals(self, start: pd.Timestamp, weeks: float) -> tuple[float, float]:
        """Expected and actual purchase days of everyone known at `start` in the next weeks."""
        if start not in self.fits:
            summary = repeat_summary(self.history, start)
            x, t_x, big_t = (summary[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
            self.fits[start] = (BGNBD.fit(x, t_x, big_t), summary)
        model, summary = self.fits[start]
        x, t_x, big_t = (summary[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        expected = float(model.expected_purchases(weeks, x, t_x, big_t).sum())
        labels = window_labels(self.history, start, start + weeks * WEEK)["purchases"]
        return expected, float(labels.reindex(summary.index).sum())

    def past_errors(self, cutoff: pd.Timestamp, weeks: float, most: int) -> list[float]:
        """Log errors of up to `most` windows before the cutoff, as past_calibration walks them."""
        errors = []
        for back in range(most):
            start = cutoff - back * weeks * WEEK / 2 - weeks * WEEK
            if (start - self.history.first_day) / WEEK < 8:
                break
            expected, actual = self.totals(start, weeks)
            if expected > 0 and actual > 0:
                errors.append(float(np.log(actual / expected)))
        return errors


def z_quantile(windows: int) -> float:
    """The normal quantile of the interval, whatever the windows (the recipe before)."""
    return float(norm.ppf(0.5 + LEVEL / 2))


def covers(
    errors: Sequence[float], multiple: Quantile, expected: float, actual: float
) -> tuple[bool, float] | None:
    """Whether the band holds the actual, and its width over the forecast; None under 2."""
    if len(errors) < 2:
        return None
    spread = float(np.sqrt(np.mean(np.square(errors))))
    width = np.sqrt(spread**2 + 1.0 / max(expected, 1.0)) * multiple(len(errors))
    low, high = expected * np.exp(-width), expected * np.exp(width)
    return bool(low <= actual <= high), float(np.exp(width) - np.exp(-width))


def coverage_rows(replay: Replay, days: list[int], every: int, over: int) -> list[dict[str, str]]:
    """One row per horizon and candidate: coverage, median width, cutoffs counted."""
    last = replay.history.last_day
    cutoffs = [last - pd.Timedelta(days=d) for d in range(0, over + 1, every)]
    rows = []
    for horizon in days:
        weeks = horizon / 7
        results: dict[str, list[tuple[bool, float]]] = {}
        for cutoff in cutoffs:
            if cutoff + weeks * WEEK > last:
                continue  # its horizon has not ended
            expected, actual = replay.totals(cutoff, weeks)
            three = replay.past_errors(cutoff, weeks, 3)
            replayed = replay.past_errors(cutoff, weeks, WINDOWS)
            pooled = [e for d in days for e in replay.past_errors(cutoff, d / 7, 3)]
            candidates: list[tuple[str, list[float], Quantile]] = [
                ("before: z, <=3 windows", three, z_quantile),
                ("t n-1, <=3 windows", three, quantile),
                (f"z, <={WINDOWS} windows", replayed, z_quantile),
                (f"now: t n-1, <={WINDOWS} windows", replayed, quantile),
                ("t n-1, pooled horizons", pooled, quantile),
            ]
            for name, errors, multiple in candidates:
                result = covers(errors, multiple, expected, actual)
                if result is not None:
                    results.setdefault(name, []).append(result)
        for name, kept in results.items():
            rows.append(
                {
                    "days": str(horizon),
                    "interval": name,
                    "coverage": f"{np.mean([c for c, _ in kept]):.0%}",
                    "width": f"{np.median([w for _, w in kept]):.0%}",
                    "n": str(len(kept)),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["cdnow", "cdnow-sample", "workspace"])
    parser.add_argument("--home", type=Path, default=Path(".retain"))
    parser.add_argument("--days", type=int, nargs="+", default=[7, 30, 90])
    parser.add_argument("--every", type=int, default=14)
    parser.add_argument("--over", type=int, default=365)
    args = parser.parse_args()
    if args.dataset == "workspace":
        history, name = from_store(Workspace(args.home).store()), str(args.home)
    else:
        dataset = args.dataset or "cdnow"
        history, name = cdnow_history(sample=dataset == "cdnow-sample"), dataset
    last = f"{history.last_day:%Y-%m-%d}"
    print(f"{name}: cutoffs every {args.every} days over the last {args.over} days to {last}")
    print(table(coverage_rows(Replay(history), args.days, args.every, args.over)))


if __name__ == "__main__":
    main()
