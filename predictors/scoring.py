"""Scores for every customer: churn risk, expected purchases, CLV with its interval, value at
risk and the reasons, from one trained predictor at one cutoff."""

import pandas as pd

from predictors.features import WEEK, customer_features
from predictors.history import History
from predictors.predictor import Predictor
from predictors.reasons import top_reasons


def score_customers(
    predictor: Predictor,
    history: History,
    cutoff: pd.Timestamp,
    churn_weeks: float,
    clv_weeks: float,
    with_reasons: bool = True,
) -> pd.DataFrame:
    """One row per customer who bought on or before the cutoff."""
    features = customer_features(history, cutoff)
    churn, value = predictor.predict_horizons(features, [churn_weeks, clv_weeks])
    scores = pd.DataFrame(
        {
            "customer_id": features.index.astype(str),
            "churn_risk": churn["churn_risk"].to_numpy(),
            "p_purchase": churn["p_purchase"].to_numpy(),
            "expected_purchases": churn["expected_purchases"].to_numpy(),
            "clv": value["expected_spend"].to_numpy(),
            "clv_low": value["spend_low"].to_numpy(),
            "clv_high": value["spend_high"].to_numpy(),
            "weeks_since_last": features["weeks_since_last"].to_numpy(),
            "order_value": features["spend_mean"].to_numpy(),
        }
    )
    # The value a customer takes with them if they go: P(no purchase) x what they would bring.
    scores["value_at_risk"] = scores["churn_risk"] * scores["clv"]
    if with_reasons:
        reasons = top_reasons(predictor, predictor.inputs(features, churn_weeks))
        scores["reasons"] = ["; ".join(r) for r in reasons]
    scores["cutoff"] = cutoff
    return scores


def weeks(days: int) -> float:
    return float(pd.Timedelta(days=days) / WEEK)
