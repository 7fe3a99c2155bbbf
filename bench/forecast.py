"""A cold demand forecast on a workspace: the interval's replay of past windows before and after
it was made lighter, in one process.

    python -m bench.forecast [--home .retain] [--days 30 90 365]

"before" replays each past window as forecast.py did: every customer feature, and both classic
models fitted (BG/NBD and Gamma-Gamma, which the spread never read). "after" is
`forecast_demand` as it is: the three numbers BG/NBD reads, and BG/NBD alone. "spread kept" is
what the chat tool pays for a new model on a store it has forecast already. Each is the median
of 3 cold runs (nothing kept between them); the figures must come out equal.
"""

import argparse
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from bench.tables import table
from bench.timing import median_seconds
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor
from predictors.classic import Classic
from predictors.features import WEEK, customer_features, window_labels
from predictors.forecast import Forecast, forecast_demand
from predictors.forecast_interval import DEFAULT_SPREAD, WINDOWS, Calibration
from predictors.history import History, from_store
from predictors.pipeline import latest_model
from predictors.predictor import Predictor


def spread_with_classic_models(history: History, cutoff: pd.Timestamp, weeks: float) -> Calibration:
    """`past_spread` as forecast.py computed it before: every feature, and Classic.fit per past
    window. The reference the lighter recipe must equal exactly (the band's multiple depends on
    how many windows were compared, so they come with the spread)."""
    errors = []
    for back in range(WINDOWS):
        end = cutoff - back * weeks * WEEK / 2
        start = end - weeks * WEEK
        if (start - history.first_day) / WEEK < 8:
            break
        features = customer_features(history.until(start), start)
        classic = Classic.fit(features)
        x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        expected = float(classic.purchases.expected_purchases(weeks, x, t_x, big_t).sum())
        labels = window_labels(history, start, end)["purchases"]
        actual = float(labels.reindex(features.index).sum())
        if expected > 0 and actual > 0:
            errors.append(np.log(actual / expected))
    if not errors:
        return Calibration(DEFAULT_SPREAD, windows=0)
    return Calibration(float(np.sqrt(np.mean(np.square(errors)))), windows=len(errors))


def same_figures(a: Forecast, b: Forecast) -> bool:
    """Equal totals, intervals, weeks and categories (to float tolerance)."""
    totals = np.allclose(
        [a.orders, a.revenue, *a.orders_interval, *a.revenue_interval, a.spread],
        [b.orders, b.revenue, *b.orders_interval, *b.revenue_interval, b.spread],
        rtol=1e-12,
        equal_nan=True,  # a horizon with no interval has NaN bounds in both
    )
    weeks = np.allclose(a.weekly.to_numpy(np.float64), b.weekly.to_numpy(np.float64), rtol=1e-12)
    if a.by_category is None or b.by_category is None:
        return totals and weeks and a.by_category is b.by_category
    categories = a.by_category["category"].tolist() == b.by_category["category"].tolist()
    numbers = np.allclose(
        a.by_category[["orders", "revenue"]].to_numpy(np.float64),
        b.by_category[["orders", "revenue"]].to_numpy(np.float64),
        rtol=1e-12,
    )
    return bool(totals and weeks and categories and numbers)


def timed_row(predictor: Predictor, history: History, days: int) -> dict[str, str]:
    """One horizon's cold times: before, after, and with the spread kept."""
    cutoff, weeks = history.last_day, days / 7

    def before() -> Forecast:
        spread = spread_with_classic_models(history, cutoff, weeks)
        return forecast_demand(predictor, history, cutoff, weeks, spread)

    def after() -> Forecast:
        return forecast_demand(predictor, history, cutoff, weeks)

    old, new = before(), after()
    kept = partial(forecast_demand, predictor, history, cutoff, weeks, new.calibration)
    return {
        "days": str(days),
        "before s": f"{median_seconds(before):.2f}",
        "after s": f"{median_seconds(after):.2f}",
        "spread kept s": f"{median_seconds(kept):.2f}",
        "same figures": str(same_figures(old, new)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path(".retain"))
    parser.add_argument("--days", type=int, nargs="+", default=[30, 90])
    args = parser.parse_args()

    workspace = Workspace(args.home)
    predictor, _ = load_predictor(latest_model(workspace), "cpu")
    history = from_store(workspace.store())
    print(f"{args.home}: forecasts after {history.last_day:%Y-%m-%d}, median of 3 cold runs")
    print(table([timed_row(predictor, history, days) for days in args.days]))


if __name__ == "__main__":
    main()
