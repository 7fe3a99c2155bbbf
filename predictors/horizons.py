"""Each customer's expected purchases and spend from a cutoff to each of several horizons, with
the network trusted only at the horizons it was trained on.

The network's training windows are 30-100% of the churn horizon (windows.py). Asked about a
shorter span it overstated it (a 1-day forecast of ~2x the store's daily rate, a week-1 spike in
the cumulative curve). Below the shortest trained window, Hmin, each customer's figures are the
network's at Hmin shaped by BG/NBD: network(Hmin) x BG/NBD(w) / BG/NBD(Hmin). The network keeps
its level; BG/NBD gives only the shape in time. From Hmin on, the network's own figures stand.

Both the demand forecast (forecast.py) and the evaluation's tracking curve (evaluate.py) read
cumulative figures through here, so the curve `retain eval` scores is the one users are shown.
"""

import numpy as np
import numpy.typing as npt
import pandas as pd

from predictors.predictor import Predictor

DEMAND = ["expected_purchases", "expected_spend"]  # the per-customer figures a forecast sums


def cumulative_demand(
    predictor: Predictor,
    features: pd.DataFrame,
    weeks: npt.NDArray[np.float64],
    trained_from_weeks: float | None,
) -> list[pd.DataFrame]:
    """One frame per horizon in `weeks` (ascending): each customer's expected purchases and
    spend from the cutoff to it. `trained_from_weeks`: the shortest horizon the predictor's
    network was trained on; None trusts the predictor at every horizon (the classic models
    alone, or a fake)."""
    floor = -np.inf if trained_from_weeks is None else trained_from_weeks
    short = [w for w in weeks if w < floor]
    # One call for every horizon the network is asked at: it runs once for all of them.
    asked = [w for w in weeks if w >= floor] + ([floor] if short else [])
    predicted = predictor.predict_horizons(features, asked)
    if not short:
        return predicted
    trusted, anchor = predicted[:-1], predicted[-1][DEMAND]
    x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
    bgnbd = predictor.classic.purchases
    at_anchor = np.maximum(bgnbd.expected_purchases(floor, x, t_x, big_t), 1e-12)
    scaled = [
        anchor.mul(bgnbd.expected_purchases(w, x, t_x, big_t) / at_anchor, axis=0) for w in short
    ]
    return scaled + trusted
