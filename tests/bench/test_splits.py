"""bench.splits: each metric is compared with the classic model best on it, and a bad split
argument names the expected shape."""

import argparse

import pytest

from bench.splits import parse_split, row


def test_each_metric_is_compared_with_the_best_classic_model_on_it() -> None:
    models = {
        "bgnbd": {"mae": 0.80, "corr": 0.64, "brier": 0.150},
        "pareto_nbd": {"mae": 0.75, "corr": 0.62, "brier": 0.160},
        "retain": {"mae": 0.78, "corr": 0.63, "brier": 0.155},
    }
    totals = {"bgnbd": 0.9, "pareto_nbd": 0.88, "retain": 0.81}
    out = row(parse_split("1997-09-30:1998-06-30"), 2, models, totals)
    assert out["split"] == "1997-09-30 / 1998-06-30" and out["seed"] == "2"
    assert out["MAE classic"] == "0.7500 Pareto/NBD"
    assert out["MAE Retain"] == "0.7800 (+4.0%)"
    assert out["corr classic"] == "0.6400" and out["Brier classic"] == "0.1500"
    assert out["total / actual"] == "0.88 Pareto/NBD, 0.81 Retain"


def test_a_split_that_is_not_two_dates_is_refused_with_the_shape() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="CALIBRATION_END:HOLDOUT_END"):
        parse_split("1997-09-30")
    with pytest.raises(argparse.ArgumentTypeError, match="got 'soon:later'"):
        parse_split("soon:later")
