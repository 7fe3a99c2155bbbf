"""Retain against the best classic model over several time splits and seeds of CDNOW.

    python -m bench.splits [--dataset cdnow-sample|cdnow] [--seeds 0,1,2] [--split CAL:END ...]
                           [--device auto|cpu|cuda]

`retain eval` judges one split and one seed; this runs it over several (by default the
published split and three others) and prints, per run, each acceptance metric of the best
classic model on it (lowest MAE and Brier, highest correlation: BG/NBD or Pareto/NBD) beside
Retain's, and each model's predicted total purchases against the actual total. The totals
explain the MAE column: a forecast that predicts too little scores better MAE on data where
most customers buy nothing (see bench.mae_reference).
"""

import argparse
import warnings
from typing import Any

import pandas as pd

from bench.tables import table
from predictors.evaluate import Split, evaluate
from predictors.history import cdnow_history
from predictors.train import TrainConfig, choose_device

SPLITS = (
    "1997-09-30:1998-06-30",  # the published one: 39 weeks each side
    "1997-06-30:1998-06-30",  # a short history, a 52-week holdout
    "1997-09-30:1998-03-31",  # the published cutoff, 26 weeks ahead
    "1997-12-31:1998-06-30",  # a long history, 26 weeks after Christmas
)
CLASSIC = ("bgnbd", "pareto_nbd")
NAMES = {"bgnbd": "BG/NBD", "pareto_nbd": "Pareto/NBD"}


def parse_split(text: str) -> Split:
    calibration_end, _, holdout_end = text.partition(":")
    try:
        dates = [pd.Timestamp(calibration_end), pd.Timestamp(holdout_end)]
    except ValueError:
        dates = []
    if len(dates) != 2 or any(pd.isna(d) for d in dates):
        raise argparse.ArgumentTypeError(
            f"a split is CALIBRATION_END:HOLDOUT_END, like 1997-09-30:1998-06-30 (got {text!r})"
        )
    return Split(*dates)


def row(
    split: Split, seed: int, models: dict[str, dict[str, Any]], totals: dict[str, float]
) -> dict[str, str]:
    """One run: per metric the best classic model's figure and Retain's; `totals` is each
    model's predicted total purchases over the actual total."""
    best_mae = min(CLASSIC, key=lambda m: models[m]["mae"])
    best_corr = max(CLASSIC, key=lambda m: models[m]["corr"])
    best_brier = min(CLASSIC, key=lambda m: models[m]["brier"])
    ours = models["retain"]
    return {
        "split": f"{split.calibration_end:%Y-%m-%d} / {split.holdout_end:%Y-%m-%d}",
        "seed": str(seed),
        "MAE classic": f"{models[best_mae]['mae']:.4f} {NAMES[best_mae]}",
        "MAE Retain": f"{ours['mae']:.4f} ({ours['mae'] / models[best_mae]['mae'] - 1:+.1%})",
        "corr classic": f"{models[best_corr]['corr']:.4f}",
        "corr Retain": f"{ours['corr']:.4f}",
        "Brier classic": f"{models[best_brier]['brier']:.4f}",
        "Brier Retain": f"{ours['brier']:.4f}",
        "total / actual": (
            f"{totals[best_mae]:.2f} {NAMES[best_mae]}, {totals['retain']:.2f} Retain"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["cdnow-sample", "cdnow"], default="cdnow-sample")
    parser.add_argument("--seeds", default="0", help="comma-separated training seeds")
    parser.add_argument(
        "--split",
        action="append",
        type=parse_split,
        help="CALIBRATION_END:HOLDOUT_END, repeatable (default: four splits)",
    )
    parser.add_argument("--device", default="auto", help="where Retain trains (default: auto)")
    args = parser.parse_args()
    splits = args.split or [parse_split(s) for s in SPLITS]
    seeds = [int(s) for s in args.seeds.split(",")]
    history = cdnow_history(sample=args.dataset == "cdnow-sample")
    rows = []
    for split in splits:
        for seed in seeds:
            print(
                f"evaluating {split.calibration_end:%Y-%m-%d} / {split.holdout_end:%Y-%m-%d} "
                f"seed {seed} ...",
                flush=True,
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # optimiser chatter from the fits
                evaluation = evaluate(history, split, TrainConfig(seed=seed, device=args.device))
            tracking = evaluation.curves.tracking
            totals = {
                name: float(curve[-1] / tracking.actual[-1])
                for name, curve in tracking.predicted.items()
            }
            rows.append(row(split, seed, evaluation.models, totals))
    print(f"{args.dataset}, Retain trained on {choose_device(args.device)}")
    print(table(rows))


if __name__ == "__main__":
    main()
