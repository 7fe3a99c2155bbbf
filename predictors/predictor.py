"""The trained predictor: inputs spec + network + probability calibration + the classic models
fitted at the scoring cutoff. `predict` (one horizon) and `predict_horizons` (several, the
network run once) are the seam the rest of Retain calls."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from scipy.special import ndtri

from predictors.classic import BASE, Classic
from predictors.inputs import InputSpec
from predictors.model import RetentionNet

INTERVAL = (0.1, 0.9)  # the CLV interval reported: 10th to 90th percentile


@dataclass
class Calibration:
    """Platt scaling of the purchase logit, fitted on held-out customers."""

    scale: float = 1.0
    shift: float = 0.0

    def apply(self, logit: torch.Tensor) -> torch.Tensor:
        return logit * self.scale + self.shift


@dataclass
class Predictor:
    spec: InputSpec
    net: RetentionNet
    calibration: Calibration
    classic: Classic
    device: torch.device

    def inputs(self, features: pd.DataFrame, horizon_weeks: float) -> pd.DataFrame:
        """Features plus the classic models' view for this horizon: the network's inputs
        (spec.names) and its base offsets (BASE), as reasons.py attributes them."""
        return _beside(features, self.classic.frame(features, horizon_weeks))

    @torch.no_grad()
    def predict(
        self, features: pd.DataFrame, horizon_weeks: float, batch_size: int = 65536
    ) -> pd.DataFrame:
        """Per customer over the horizon: p_purchase, churn_risk, expected_purchases,
        expected_spend and its 10th/90th percentiles (spend_low, spend_high)."""
        return self.predict_horizons(features, [horizon_weeks], batch_size)[0]

    @torch.no_grad()
    def predict_horizons(
        self, features: pd.DataFrame, weeks: Sequence[float], batch_size: int = 65536
    ) -> list[pd.DataFrame]:
        """`predict` at each horizon in `weeks`. The network's inputs hold no horizon
        (inputs.py), so its correction is computed once for all of them; each horizon moves
        only the classic models' answer (a year's weekly forecast ran the network 52 times)."""
        classic = self.classic.frames(features, weeks)
        if not classic:
            return []
        # P(alive), the one classic input, is the same at every horizon.
        x_all = self.spec.transform(_beside(features, classic[0]))
        self.net.eval()
        parts = [
            self.net.correction(torch.from_numpy(x_all[start : start + batch_size]).to(self.device))
            for start in range(0, len(x_all), batch_size)
        ]
        delta = torch.cat(parts) if parts else torch.zeros((0, 4), device=self.device)
        return [self._heads(delta, frame, features.index) for frame in classic]

    def _heads(self, delta: torch.Tensor, classic: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
        """One horizon's figures: its classic answer (base offsets) moved by the correction."""
        base_all = classic[BASE].to_numpy(np.float32, copy=True)
        out = self.net.offset(delta, torch.from_numpy(base_all).to(self.device))
        logit = self.calibration.apply(out.purchase_logit)
        stacked = torch.stack(
            [torch.sigmoid(logit), torch.exp(out.log_count), out.mu, out.sigma], dim=1
        )
        p, count, mu, sigma = stacked.cpu().double().numpy().T
        low, high = (ziln_quantile(q, p, mu, sigma) for q in INTERVAL)
        return pd.DataFrame(
            {
                "p_purchase": p,
                "churn_risk": 1.0 - p,
                # A customer who buys buys at least once: keep the count consistent with p.
                "expected_purchases": np.maximum(count, p),
                "expected_spend": p * np.exp(mu + sigma**2 / 2),
                "spend_low": low,
                "spend_high": high,
            },
            index=index,
        )


def _beside(features: pd.DataFrame, classic: pd.DataFrame) -> pd.DataFrame:
    """The features with the classic models' columns, side by side by position: same rows, and
    no index join (which would multiply rows if a caller's index repeats)."""
    frame = features.copy()
    for column in classic.columns:
        frame[column] = classic[column].to_numpy()
    return frame


def ziln_quantile(q: float, p: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """The q-quantile of spend: 0 with probability 1 - p, else lognormal(mu, sigma)."""
    inner = np.clip((q - (1.0 - p)) / np.maximum(p, 1e-12), 1e-12, 1 - 1e-12)
    return np.where(q <= 1.0 - p, 0.0, np.exp(mu + sigma * ndtri(inner)))
