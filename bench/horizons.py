"""A forecast's weekly curve: the network's figures at every week of the horizon, one horizon
per call (as forecasts were made before) against all of them in one call, in one process.

    python -m bench.horizons [--home .retain] [--days 30 90 365]

"each alone" calls `Predictor.predict` once per week, which runs the network each time; "one
call" is `predict_horizons`, which runs it once (its inputs hold no horizon) and recomputes only
the classic models' answer per week. Both are the median of 3 runs on the workspace's customers
at its last order day; the figures must come out equal.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from bench.tables import table
from bench.timing import median_seconds
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor
from predictors.features import customer_features
from predictors.history import from_store
from predictors.pipeline import latest_model
from predictors.predictor import Predictor


def same_figures(a: list[pd.DataFrame], b: list[pd.DataFrame]) -> bool:
    """Every horizon's every column equal (to float tolerance)."""
    return len(a) == len(b) and all(
        np.allclose(x.to_numpy(np.float64), y.to_numpy(np.float64), rtol=1e-12)
        for x, y in zip(a, b, strict=True)
    )


def timed_row(predictor: Predictor, features: pd.DataFrame, days: int) -> dict[str, str]:
    """One horizon's weekly curve, both ways."""
    weeks = [float(w) for w in range(1, -(-days // 7) + 1)]
    weeks[-1] = days / 7

    def each_alone() -> list[pd.DataFrame]:
        return [predictor.predict(features, w) for w in weeks]

    def one_call() -> list[pd.DataFrame]:
        return predictor.predict_horizons(features, weeks)

    alone, together = median_seconds(each_alone), median_seconds(one_call)
    return {
        "days": str(days),
        "weeks": str(len(weeks)),
        "each alone s": f"{alone:.2f}",
        "one call s": f"{together:.2f}",
        "ratio": f"{alone / together:.1f}x",
        "same figures": str(same_figures(each_alone(), one_call())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path(".retain"))
    parser.add_argument("--days", type=int, nargs="+", default=[30, 90, 365])
    args = parser.parse_args()

    workspace = Workspace(args.home)
    predictor, _ = load_predictor(latest_model(workspace), "cpu")
    history = from_store(workspace.store())
    features = customer_features(history, history.last_day)
    print(
        f"{args.home}: {len(features):,} customers after {history.last_day:%Y-%m-%d}, "
        "median of 3 runs"
    )
    print(table([timed_row(predictor, features, days) for days in args.days]))


if __name__ == "__main__":
    main()
