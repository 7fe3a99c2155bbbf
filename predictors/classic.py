"""The classic models as the network's starting point: BG/NBD for purchases, Gamma-Gamma for
spend, fitted on the same features the network sees."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import logit

from predictors.btyd import BGNBD, GammaGamma

FloatArray = npt.NDArray[np.float64]
_EPS = 1e-6
MIN_SPENDERS = 20  # repeat buyers with spend needed to fit Gamma-Gamma
# The network's base offsets (model.py): logit P(purchase), log E[count], log E[spend | buy].
BASE = ["classic_logit", "classic_log_count", "classic_log_spend"]


@dataclass(frozen=True)
class Classic:
    """Fitted BG/NBD and Gamma-Gamma (None when there are too few repeat buyers for it)."""

    purchases: BGNBD
    spend: GammaGamma | None
    mean_spend: float  # average spend of a purchase day, when Gamma-Gamma cannot be fitted

    @classmethod
    def fit(cls, features: pd.DataFrame) -> "Classic":
        purchases = BGNBD.fit(features["frequency"], features["recency"], features["T"])
        mean_spend = float(features["spend_mean"].mean()) if len(features) else 0.0
        return cls(purchases=purchases, spend=fit_spend(features), mean_spend=mean_spend)

    def frame(self, features: pd.DataFrame, horizon_weeks: float) -> pd.DataFrame:
        """Per customer: P(alive), and logit P(purchase), log E[count], log E[spend | purchase]
        over the horizon — the network's base offsets and four of its inputs."""
        return self.frames(features, [horizon_weeks])[0]

    def frames(self, features: pd.DataFrame, weeks: Sequence[float]) -> list[pd.DataFrame]:
        """`frame` at each horizon in `weeks`; what holds no horizon (the checked summary,
        P(alive), the spend of a purchase day) is computed once."""
        x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        p_alive = self.purchases.p_alive(x, t_x, big_t)
        per_purchase = self.average_spend(features)
        frames = []
        for p_buy, count in self.purchases.at_horizons(weeks, x, t_x, big_t):
            p_buy = np.clip(p_buy, _EPS, 1 - _EPS)
            count = np.maximum(count, _EPS)
            # Given at least one purchase, the expected count is E[count] / P(purchase) (>= 1).
            spend_if_buying = np.maximum(count / p_buy, 1.0) * per_purchase
            frame = {
                "classic_p_alive": p_alive,
                "classic_logit": logit(p_buy),
                "classic_log_count": np.log(count),
                "classic_log_spend": np.log(np.maximum(spend_if_buying, _EPS)),
            }
            frames.append(pd.DataFrame(frame, index=features.index))
        return frames

    def average_spend(self, features: pd.DataFrame) -> FloatArray:
        """Expected spend of one future purchase day per customer (Gamma-Gamma's estimate)."""
        frequency, monetary = repeat_monetary(features)
        if self.spend is None:
            return np.full(len(features), self.mean_spend)
        return np.asarray(
            self.spend.conditional_expected_average_profit(frequency, monetary), dtype=np.float64
        )


def fit_spend(features: pd.DataFrame) -> GammaGamma | None:
    """Gamma-Gamma on the repeat buyers with spend; None with fewer than 20 of them (a store
    of free orders has none), where the mean spend of a purchase day stands in."""
    frequency, monetary = repeat_monetary(features)
    repeaters = frequency > 0
    if int(repeaters.sum()) < MIN_SPENDERS:
        return None
    return GammaGamma.fit(frequency[repeaters], monetary[repeaters])


def repeat_monetary(features: pd.DataFrame) -> tuple[FloatArray, FloatArray]:
    """Repeat purchase days and their mean spend, as Gamma-Gamma takes them: the first purchase
    is left out (as in the published work), and a customer whose repeats were all free counts as
    having no spend information (frequency 0), since the model needs positive amounts."""
    frequency = features["frequency"].to_numpy(np.float64)
    repeat_spend = (features["spend_total"] - features["spend_first"]).to_numpy(np.float64)
    monetary = np.where(frequency > 0, repeat_spend / np.maximum(frequency, 1.0), 0.0)
    monetary = np.maximum(monetary, 0.0)
    return np.where(monetary > 0, frequency, 0.0), monetary
