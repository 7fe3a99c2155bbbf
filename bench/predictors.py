"""Predictor speed: fitting and scoring, ours beside lifetimes' BG/NBD, in one process.

    python -m bench.predictors [--customers 1000000] [--device cpu|cuda|auto]

Fits on the full CDNOW master (23,570 customers, calibration to 1997-09-30), then scores a
synthetic base of --customers rows made by repeating CDNOW customers' features. lifetimes is the
baseline (installed with the demo extra; it is not imported by Retain itself). Prints medians of
3 runs; scoring "retain" is the whole network forward pass plus the classic base it corrects.
"""

import argparse
import time
import warnings

import numpy as np
import pandas as pd
import torch

from bench.timing import median_seconds
from predictors.btyd import BGNBD
from predictors.classic import Classic
from predictors.features import customer_features
from predictors.history import cdnow_history
from predictors.train import TrainConfig, train_predictor

CALIBRATION_END = pd.Timestamp("1997-09-30")
HORIZON = 39.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    history = cdnow_history()
    features = customer_features(history.until(CALIBRATION_END), CALIBRATION_END)
    x, t_x, big_t = (features[c].to_numpy() for c in ("frequency", "recency", "T"))
    big = features.iloc[np.arange(args.customers) % len(features)]
    big.index = pd.Index([f"b{i}" for i in range(len(big))], name="customer_id")
    bx, bt_x, bT = (big[c].to_numpy() for c in ("frequency", "recency", "T"))

    rows: list[tuple[str, float, float]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter  # the baseline, only here

        def fit_lifetimes() -> BetaGeoFitter:
            return BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, big_t)

        theirs = fit_lifetimes()
        fit_s = median_seconds(fit_lifetimes)
        score_s = median_seconds(
            lambda: theirs.conditional_expected_number_of_purchases_up_to_time(
                HORIZON, bx, bt_x, bT
            )
        )
        rows.append(("lifetimes BG/NBD (baseline)", fit_s, args.customers / score_s))

    ours = BGNBD.fit(x, t_x, big_t)
    fit_s = median_seconds(lambda: BGNBD.fit(x, t_x, big_t))
    score_s = median_seconds(lambda: ours.expected_purchases(HORIZON, bx, bt_x, bT))
    rows.append(("retain BG/NBD", fit_s, args.customers / score_s))

    config = TrainConfig(device=args.device, seed=0)
    began = time.perf_counter()
    predictor, report = train_predictor(history, CALIBRATION_END, HORIZON, config)
    fit_s = time.perf_counter() - began  # one run: training is the slow part, minutes not ms
    predictor.classic = Classic.fit(features)
    torch.set_num_threads(max(torch.get_num_threads(), 1))
    score_s = median_seconds(lambda: predictor.predict(big, HORIZON))
    rows.append((f"retain network ({report.device})", fit_s, args.customers / score_s))

    baseline = rows[0]
    print(f"fit on {len(features):,} CDNOW customers; score {args.customers:,} customers")
    print(f"{'model':<32}{'fit s':>10}{'score rows/s':>16}{'score 1M s':>12}{'vs lifetimes':>14}")
    for name, fit, rate in rows:
        print(
            f"{name:<32}{fit:>10.2f}{rate:>16,.0f}{1_000_000 / rate:>12.2f}"
            f"{rate / baseline[2]:>13.1f}x"
        )


if __name__ == "__main__":
    main()
