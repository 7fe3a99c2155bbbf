"""Why the model thinks a customer is at risk: feature attributions worded for people.

Attribution is gradient x input on the purchase logit, in the network's scaled input space
(0 = an average customer), so each number says how much a feature moved this customer away from
the average customer's odds of buying again. The most negative ones are the reasons for risk.
"""

import numpy as np
import numpy.typing as npt
import pandas as pd
import torch

from predictors.predictor import Predictor

# Only features whose direction a person can read as a reason ("long since the last purchase")
# are offered as reasons; amounts are left out, since "spent a lot" is no reason to leave.
UNKNOWN_WHEN_ZERO = {"rating_mean", "sentiment_mean"}
# `{s}` is "s" unless the count reads "1" ("1 review", "0 reviews", "3 reviews").
PHRASES: dict[str, str] = {
    "weeks_since_last": "last purchase {value:.0f} week{s} ago",
    "overdue": "{value:.1f}x their usual gap since the last purchase",
    "frequency": "{value:.0f} repeat purchase day{s} so far",
    "days_last_4w": "{value:.0f} purchase day{s} in the last 4 weeks",
    "days_last_13w": "{value:.0f} purchase day{s} in the last 13 weeks",
    "days_last_26w": "{value:.0f} purchase day{s} in the last 26 weeks",
    "gap_trend": "last gap between purchases {value:.1f}x their average gap",
    "gap_mean": "buys every {value:.1f} weeks on average",
    "reviews": "wrote {value:.0f} review{s}",
    "rating_mean": "average review rating {value:.1f}",
    "sentiment_mean": "average review sentiment {value:+.2f}",
    "events_4w": "{value:.0f} site event{s} in the last 4 weeks",
    "carts_4w": "{value:.0f} cart addition{s} in the last 4 weeks",
    "classic_p_alive": "BG/NBD puts the chance they are still a customer at {value:.0%}",
}


# Which way a feature reads as a reason to leave: +1 when more is worse (long gaps), -1 when
# less is worse (few purchases). A contribution counts as a reason only when the customer sits
# on that side of the average: gradients can bend, and "bought more recently than usual" must
# never be shown as why someone is at risk.
RISKY_WHEN: dict[str, int] = {
    "weeks_since_last": 1, "overdue": 1, "gap_trend": 1, "gap_mean": 1,
    "frequency": -1, "days_last_4w": -1, "days_last_13w": -1, "days_last_26w": -1,
    "reviews": -1, "rating_mean": -1, "sentiment_mean": -1, "events_4w": -1, "carts_4w": -1,
    "classic_p_alive": -1,
}  # fmt: skip


def attributions(predictor: Predictor, inputs: pd.DataFrame) -> npt.NDArray[np.float64]:
    """(N, F) contributions of each input to the purchase logit."""
    x = torch.from_numpy(predictor.spec.transform(inputs)).to(predictor.device)
    base = torch.from_numpy(
        inputs[["classic_logit", "classic_log_count", "classic_log_spend"]].to_numpy(
            np.float32, copy=True
        )
    ).to(predictor.device)
    x.requires_grad_(True)
    predictor.net.eval()
    out, _ = predictor.net(x, base)
    out.purchase_logit.sum().backward()
    assert x.grad is not None
    return (x.grad * x).detach().cpu().double().numpy()


def reason_features(predictor: Predictor, inputs: pd.DataFrame, k: int = 3) -> list[list[str]]:
    """For each customer, up to k feature names that lower their odds the most, each on the
    risky side of the average customer (RISKY_WHEN); [] when none does."""
    contributions = attributions(predictor, inputs)
    names = predictor.spec.names
    readable = np.array([name in PHRASES for name in names])
    contributions[:, ~readable] = 0.0
    scaled = predictor.spec.transform(inputs)  # 0 = the average customer
    risky = np.array([RISKY_WHEN.get(name, 0) for name in names], dtype=np.float64)
    contributions[scaled * risky <= 0] = 0.0  # on the safe side of average: not a reason
    order = np.argsort(contributions, axis=1)[:, :k]  # most negative first
    # Whole columns once: reading cells with .iloc row by row took most of a re-score's time.
    unknown = {n: inputs[n].to_numpy(np.float64) == 0 for n in UNKNOWN_WHEN_ZERO if n in inputs}
    chosen = []
    for row, picks in enumerate(order):
        features = []
        for j in picks:
            if contributions[row, j] >= 0:
                break
            name = names[j]
            if name in unknown and unknown[name][row]:
                continue  # 0 stands for "no reviews yet", not for a bad rating
            features.append(name)
        chosen.append(features)
    return chosen


def top_reasons(predictor: Predictor, inputs: pd.DataFrame, k: int = 3) -> list[list[str]]:
    """For each customer, up to k phrases for the features that lower their odds the most."""
    columns = {n: inputs[n].to_numpy(np.float64) for n in PHRASES if n in inputs}
    reasons = []
    for row, features in enumerate(reason_features(predictor, inputs, k)):
        # With no learned reason (or the classic-only fallback) say where they stand.
        names = features or ["weeks_since_last", "classic_p_alive"]
        reasons.append([phrase(n, float(columns[n][row])) for n in names])
    return reasons


def phrase(feature: str, value: float) -> str:
    """The reason for one feature's value, in words."""
    if feature == "weeks_since_last" and value < 0.5:
        return "last purchase this week"  # not "0 weeks ago"
    return PHRASES[feature].format(value=value, s="" if f"{value:.0f}" == "1" else "s")
