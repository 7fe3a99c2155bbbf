"""What the forecast tests' fake predictors share: each writes `predict` for one horizon, and
`predict_horizons` (what cumulative_demand calls) asks it at each horizon in turn."""

from collections.abc import Sequence

import pandas as pd


class EachHorizon:
    """A fake predictor's `predict_horizons` from its own `predict`."""

    def predict(self, features: pd.DataFrame, weeks: float) -> pd.DataFrame:
        raise NotImplementedError

    def predict_horizons(
        self, features: pd.DataFrame, weeks: Sequence[float]
    ) -> list[pd.DataFrame]:
        return [self.predict(features, w) for w in weeks]
