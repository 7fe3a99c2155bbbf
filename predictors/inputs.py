"""From a feature frame to the network's input matrix: which columns, log or not, how scaled.

The spec is fitted on training rows only and saved with the model, so scoring applies exactly
the transformation training saw.
"""

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatMatrix = npt.NDArray[np.float32]

# Counts, amounts and durations are heavy-tailed: the network sees log1p of them.
# Absolute times (T, recency, weeks since the last purchase, gaps in weeks, 13/26-week counts)
# are left out on purpose: training windows sit earlier in the customers' lives than the
# cutoff being scored, so those values are out of range at scoring time, and in CDNOW
# evaluations (see docs/model-card.md) dropping them made the holdout forecast better. The
# classic models' P(alive) and `overdue` carry the same information in relative terms.
LOG_SCALE = (
    "frequency spend_total spend_mean spend_max spend_first spend_last units_mean overdue "
    "days_last_4w categories reviews events_4w carts_4w"
).split()
RATIOS = "spend_trend gap_trend top_category_share rating_mean sentiment_mean".split()
# What the classic models say is an input too: the network learns where they go wrong.
# Only its horizon-free part: the network's correction must not depend on the horizon, so that
# corrections learned on the short windows the history allows carry over to longer ones.
CLASSIC = ["classic_p_alive"]
INPUTS = LOG_SCALE + RATIOS + CLASSIC


@dataclass(frozen=True)
class InputSpec:
    names: list[str]
    mean: list[float]
    std: list[float]

    @classmethod
    def fit(cls, frame: pd.DataFrame) -> "InputSpec":
        raw = _raw(frame, INPUTS)
        std = raw.std(axis=0)
        return cls(
            names=list(INPUTS),
            mean=[float(v) for v in raw.mean(axis=0)],
            # A constant column (no reviews in this store) is left at 0 rather than divided by 0.
            std=[float(v) if v > 1e-9 else 1.0 for v in std],
        )

    def transform(self, frame: pd.DataFrame) -> FloatMatrix:
        raw = _raw(frame, self.names)
        scaled = (raw - np.asarray(self.mean)) / np.asarray(self.std)
        clipped: FloatMatrix = np.clip(scaled, -8.0, 8.0).astype(np.float32)
        return clipped

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _raw(frame: pd.DataFrame, names: list[str]) -> npt.NDArray[np.float64]:
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise KeyError(f"feature frame lacks {missing}")
    values = frame[names].to_numpy(dtype=np.float64, copy=True)
    for i, name in enumerate(names):
        if name in LOG_SCALE:
            values[:, i] = np.log1p(np.clip(values[:, i], 0.0, None))
    return values
