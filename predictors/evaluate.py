"""The evaluation harness: a time split, the classic models and ours fitted on the calibration
period, all scored on the holdout side by side with the same metrics.

Purchases on one day count as one transaction (as in the published BTYD work), so the classic
models' numbers here reproduce the published ones on the CDNOW sample.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from predictors.btyd import BGNBD, ParetoNBD
from predictors.classic import fit_spend, repeat_monetary
from predictors.features import WEEK, attach_labels, customer_features
from predictors.history import History
from predictors.horizons import cumulative_demand
from predictors.metrics import (
    calibration_curve,
    classification_metrics,
    count_metrics,
    gain_curve,
    spend_metrics,
    tracking_error,
)
from predictors.report import FrequencyCurve, ReportCurves, TrackingCurve
from predictors.train import TrainConfig, TrainReport, train_predictor
from predictors.windows import MIN_WINDOW_WEEKS, shortest_window_weeks

FloatArray = npt.NDArray[np.float64]
MODELS = ("bgnbd", "pareto_nbd", "retain")


@dataclass(frozen=True)
class Split:
    calibration_end: pd.Timestamp
    holdout_end: pd.Timestamp

    @property
    def holdout_weeks(self) -> float:
        return float((self.holdout_end - self.calibration_end) / WEEK)

    def check(self, history: History) -> None:
        if not history.first_day < self.calibration_end < self.holdout_end:
            raise ValueError(
                f"the split needs first purchase ({history.first_day:%Y-%m-%d}) < calibration "
                f"end ({self.calibration_end:%Y-%m-%d}) < holdout end ({self.holdout_end:%Y-%m-%d})"
            )
        if self.holdout_weeks < MIN_WINDOW_WEEKS:
            raise ValueError(
                f"the holdout is {self.holdout_weeks * 7:.0f} days; it needs at least "
                f"{MIN_WINDOW_WEEKS * 7} (the shortest window the network trains on)"
            )
        if self.holdout_end > history.last_day + pd.Timedelta(days=1):
            raise ValueError(
                f"the holdout ends {self.holdout_end:%Y-%m-%d}, after the data "
                f"({history.last_day:%Y-%m-%d}): its purchases are not known yet"
            )


# The split the BTYD literature publishes CDNOW results on: 39 weeks each side.
CDNOW_SPLIT = Split(pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30"))


@dataclass
class Forecast:
    """One model's holdout forecast per customer, and its cumulative weekly curve."""

    purchases: FloatArray
    p_purchase: FloatArray
    spend: FloatArray
    weekly_cumulative: FloatArray
    params: dict[str, float] | None = None
    loglik: float | None = None


@dataclass
class Evaluation:
    split: Split
    customers: int
    models: dict[str, dict[str, Any]]
    curves: ReportCurves
    train_report: TrainReport | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "split": {
                "calibration_end": f"{self.split.calibration_end:%Y-%m-%d}",
                "holdout_end": f"{self.split.holdout_end:%Y-%m-%d}",
                "holdout_weeks": round(self.split.holdout_weeks, 2),
                "customers": self.customers,
            },
            "models": self.models,
        }


def evaluate(history: History, split: Split, config: TrainConfig = TrainConfig()) -> Evaluation:
    """Fit every model on the calibration period and score it on the holdout."""
    split.check(history)
    features, actual = holdout_rows(history, split)
    weeks = _week_grid(split)
    actual_curve = _actual_cumulative(history, features.index, split, weeks)

    forecasts = _classic_forecasts(features, split.holdout_weeks, weeks)
    predictor, report = train_predictor(history, split.calibration_end, split.holdout_weeks, config)
    ours = predictor.predict(features, split.holdout_weeks)
    # The weekly curve as the demand forecast draws it: below the shortest training window the
    # network's level takes BG/NBD's shape in time (horizons.py).
    shortest = shortest_window_weeks(history.first_day, split.calibration_end, split.holdout_weeks)
    curve = cumulative_demand(predictor, features, weeks, shortest)
    forecasts["retain"] = Forecast(
        purchases=ours["expected_purchases"].to_numpy(),
        p_purchase=ours["p_purchase"].to_numpy(),
        spend=ours["expected_spend"].to_numpy(),
        weekly_cumulative=np.array([c["expected_purchases"].sum() for c in curve]),
    )
    models = {
        name: _metrics(forecast, actual, actual_curve) for name, forecast in forecasts.items()
    }
    curves = _curves(forecasts, actual, features, weeks, actual_curve)
    return Evaluation(split, len(features), models, curves, report)


def holdout_rows(history: History, split: Split) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every customer's features at the calibration end, and their labels from the holdout."""
    calibration = history.until(split.calibration_end)
    features = customer_features(calibration, split.calibration_end)
    return features, attach_labels(features, history, split.calibration_end, split.holdout_end)


def _week_grid(split: Split) -> FloatArray:
    whole = int(np.floor(split.holdout_weeks))
    grid = list(range(1, whole + 1))
    if split.holdout_weeks > whole:
        grid.append(split.holdout_weeks)  # type: ignore[arg-type]
    return np.asarray(grid, dtype=np.float64)


def _actual_cumulative(
    history: History, customers: pd.Index, split: Split, weeks: FloatArray
) -> FloatArray:
    days = history.days
    window = days[
        (days["day"] > split.calibration_end)
        & (days["day"] <= split.holdout_end)
        & days["customer_id"].isin(customers)
    ]
    elapsed = ((window["day"] - split.calibration_end) / WEEK).to_numpy()
    return np.array([(elapsed <= w + 1e-9).sum() for w in weeks], dtype=np.float64)


def _classic_forecasts(
    features: pd.DataFrame, horizon: float, weeks: FloatArray
) -> dict[str, Forecast]:
    x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
    frequency, monetary = repeat_monetary(features)
    spend_model = fit_spend(features)
    per_purchase = (
        spend_model.conditional_expected_average_profit(frequency, monetary)
        if spend_model is not None
        else np.full(len(features), float(features["spend_mean"].mean()))
    )
    out = {}
    for name, cls in (("bgnbd", BGNBD), ("pareto_nbd", ParetoNBD)):
        model = cls.fit(x, t_x, big_t)
        purchases = model.expected_purchases(horizon, x, t_x, big_t)
        params = {k: round(float(v), 4) for k, v in vars(model).items() if isinstance(v, float)}
        params |= {
            f"spend_{k}": round(float(v), 4)
            for k, v in (vars(spend_model) if spend_model else {}).items()
            if isinstance(v, float)
        }
        out[name] = Forecast(
            purchases=purchases,
            p_purchase=model.p_purchase(horizon, x, t_x, big_t),
            spend=purchases * per_purchase,
            weekly_cumulative=np.array(
                [model.expected_purchases(w, x, t_x, big_t).sum() for w in weeks]
            ),
            params=params,
            loglik=round(float(model.fit_info.log_likelihood), 2) if model.fit_info else None,
        )
    return out


def _metrics(forecast: Forecast, actual: pd.DataFrame, actual_curve: FloatArray) -> dict[str, Any]:
    counts = count_metrics(actual["purchases"].to_numpy(), forecast.purchases)
    classes = classification_metrics(actual["purchased"].to_numpy(), forecast.p_purchase)
    spend = spend_metrics(actual["spend"].to_numpy(), forecast.spend)
    return {
        "params": forecast.params,
        "loglik": forecast.loglik,
        **{k: _round(v) for k, v in counts.items()},
        **{k: _round(v) for k, v in classes.items()},
        "gini": _round(spend["gini"]),
        "spearman": _round(spend["spearman"]),
        "decile_mape": _round(spend["decile_mape"]),
        # None when nobody bought in the holdout: a percentage of nothing is undefined.
        "tracking_error": _round(tracking_error(actual_curve, forecast.weekly_cumulative))
        if actual_curve.any()
        else None,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _curves(
    forecasts: dict[str, Forecast],
    actual: pd.DataFrame,
    features: pd.DataFrame,
    weeks: FloatArray,
    actual_curve: FloatArray,
) -> ReportCurves:
    buyers = actual["purchased"].to_numpy()
    spend = actual["spend"].to_numpy()
    group = features["frequency"].clip(upper=7).astype(int).to_numpy()
    labels = [str(g) if g < 7 else "7+" for g in range(8)]
    present = [g for g in range(8) if (group == g).any()]

    def mean_by(values: FloatArray) -> list[float]:
        return [float(values[group == g].mean()) for g in present]

    return ReportCurves(
        calibration={n: calibration_curve(buyers, f.p_purchase) for n, f in forecasts.items()},
        # No curve for a holdout without spend (a store of free orders): nothing to gain.
        gain={n: gain_curve(spend, f.spend) for n, f in forecasts.items()}
        if spend.sum() > 0
        else {},
        frequency=FrequencyCurve(
            labels=[labels[g] for g in present],
            actual=mean_by(actual["purchases"].to_numpy()),
            predicted={n: mean_by(f.purchases) for n, f in forecasts.items()},
        ),
        tracking=TrackingCurve(
            x=weeks,
            actual=actual_curve,
            predicted={n: f.weekly_cumulative for n, f in forecasts.items()},
        ),
    )
