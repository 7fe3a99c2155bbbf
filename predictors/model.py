"""The retention network: one multi-task model that corrects the classic BG/NBD + Gamma-Gamma
forecast with everything else known about a customer.

Heads, all for a window of h weeks after the cutoff:
    purchase_logit   P(at least one purchase); its complement is the churn risk
    log_count        log E[number of purchase days]
    mu, sigma        the lognormal of spend given a purchase (the ZILN head: the zero part is
                     the purchase head, so the two can never disagree)
Each head starts as an offset on the classic model's answer (`base`), and the last layer is
initialised to zero, so an untrained network *is* BG/NBD + Gamma-Gamma; training can only move
it where the data shows the classic models wrong. This keeps the long-horizon extrapolation of
the probabilistic models, and makes "fall back to the classic models" the same code path.
"""

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

SIGMA_INIT = 1.0  # spend spread (log scale) before training; CDNOW's is close to 1


@dataclass(frozen=True)
class NetConfig:
    n_inputs: int
    hidden: int = 64
    depth: int = 2
    dropout: float = 0.1


@dataclass
class Outputs:
    purchase_logit: torch.Tensor  # (B,)
    log_count: torch.Tensor  # (B,)
    mu: torch.Tensor  # (B,)
    sigma: torch.Tensor  # (B,)

    @property
    def p_purchase(self) -> torch.Tensor:
        return torch.sigmoid(self.purchase_logit)

    @property
    def expected_spend(self) -> torch.Tensor:
        return self.p_purchase * torch.exp(self.mu + self.sigma**2 / 2)


class RetentionNet(nn.Module):
    def __init__(self, config: NetConfig) -> None:
        super().__init__()
        self.config = config
        layers: list[nn.Module] = []
        width = config.n_inputs
        for _ in range(config.depth):
            layers += [nn.Linear(width, config.hidden), nn.GELU(), nn.Dropout(config.dropout)]
            width = config.hidden
        self.trunk = nn.Sequential(*layers)
        self.head = nn.Linear(width, 4)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)
        # softplus(bias) = SIGMA_INIT: invert softplus for the starting spread.
        self.sigma_bias = math.log(math.expm1(SIGMA_INIT))

    def forward(
        self, x: torch.Tensor, base: torch.Tensor, targets: torch.Tensor | None = None
    ) -> tuple[Outputs, torch.Tensor | None]:
        """x (B, F) scaled inputs; base (B, 3): classic logit P(purchase), log E[count] and log
        E[spend | purchase]; targets (B, 3): purchased (0/1), purchase days, spend."""
        out = self.offset(self.correction(x), base)
        if targets is None:
            return out, None
        return out, multitask_loss(out, targets)

    def correction(self, x: torch.Tensor) -> torch.Tensor:
        """x (B, F) -> (B, 4): what the network adds to the classic answer. The inputs hold no
        horizon (inputs.py), so one correction serves every horizon of a forecast."""
        delta: torch.Tensor = self.head(self.trunk(x))
        return delta

    def offset(self, delta: torch.Tensor, base: torch.Tensor) -> Outputs:
        """The heads: the classic answer for one horizon, base (B, 3), moved by delta (B, 4)."""
        sigma = F.softplus(delta[:, 3] + self.sigma_bias) + 1e-3
        return Outputs(
            purchase_logit=base[:, 0] + delta[:, 0],
            log_count=base[:, 1] + delta[:, 1],
            # base[:, 2] is log E[spend | purchase]; shift so the lognormal's mean starts there.
            mu=base[:, 2] + delta[:, 2] - sigma**2 / 2,
            sigma=sigma,
        )


def multitask_loss(out: Outputs, targets: torch.Tensor) -> torch.Tensor:
    """BCE on purchase + Poisson NLL on counts + lognormal NLL on positive spend (ZILN)."""
    purchased, count, spend = targets[:, 0], targets[:, 1], targets[:, 2]
    bce = F.binary_cross_entropy_with_logits(out.purchase_logit, purchased)
    poisson = F.poisson_nll_loss(out.log_count, count, log_input=True, full=False)
    positive = spend > 0
    if bool(positive.any()):
        log_spend = torch.log(spend[positive])
        mu, sigma = out.mu[positive], out.sigma[positive]
        lognormal = (torch.log(sigma) + (log_spend - mu) ** 2 / (2 * sigma**2)).mean()
        lognormal = lognormal * positive.float().mean()  # per customer, like the other terms
    else:
        lognormal = torch.zeros((), device=spend.device)
    return bce + poisson + lognormal
