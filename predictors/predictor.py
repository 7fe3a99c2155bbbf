"""The trained predictor: inputs spec + network + probability calibration + the classic models
fitted at the scoring cutoff. `predict` is the one seam the rest of Retain calls."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from scipy.special import ndtri

from predictors.classic import Classic
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
        """Features plus the classic models' view for this horizon: the network's input frame."""
        classic = self.classic.frame(features, horizon_weeks)
        # Side by side by position: same rows, and no index join (which would multiply rows
        # if a caller's index repeats).
        frame = features.copy()
        for column in classic.columns:
            frame[column] = classic[column].to_numpy()
        frame["horizon_weeks"] = horizon_weeks
        return frame

    @torch.no_grad()
    def predict(
        self, features: pd.DataFrame, horizon_weeks: float, batch_size: int = 65536
    ) -> pd.DataFrame:
        """Per customer over the horizon: p_purchase, churn_risk, expected_purchases,
        expected_spend and its 10th/90th percentiles (spend_low, spend_high)."""
        frame = self.inputs(features, horizon_weeks)
        x_all = self.spec.transform(frame)
        base_all = frame[["classic_logit", "classic_log_count", "classic_log_spend"]].to_numpy(
            np.float32, copy=True
        )
        self.net.eval()
        parts = []
        for start in range(0, len(frame), batch_size):
            x = torch.from_numpy(x_all[start : start + batch_size]).to(self.device)
            base = torch.from_numpy(base_all[start : start + batch_size]).to(self.device)
            out, _ = self.net(x, base)
            logit = self.calibration.apply(out.purchase_logit)
            parts.append(
                torch.stack(
                    [torch.sigmoid(logit), torch.exp(out.log_count), out.mu, out.sigma], dim=1
                ).cpu()
            )
        stacked = torch.cat(parts).double().numpy() if parts else np.zeros((0, 4))
        p, count, mu, sigma = stacked.T
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
            index=features.index,
        )


def ziln_quantile(q: float, p: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """The q-quantile of spend: 0 with probability 1 - p, else lognormal(mu, sigma)."""
    inner = np.clip((q - (1.0 - p)) / np.maximum(p, 1e-12), 1e-12, 1 - 1e-12)
    return np.where(q <= 1.0 - p, 0.0, np.exp(mu + sigma * ndtri(inner)))
