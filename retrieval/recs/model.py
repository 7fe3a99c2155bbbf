"""The recommender's model: customer and product vectors learned with a sampled softmax.

    history (B, H) ──item_in──▶ (B, H, D) ─┐
    features (B, H, F) ──attend──▶ (B, H) ─┴─ weighted mean ─▶ (B, D) ──+ user(·)──▶ u (B, D)
    new to the customer:  score(u, j) = u · item_out[j] + bias[j] + trend(j)   (an inner product)
    already had:          score(u, j) = bias[j] + trend(j) + repeat(features of j in the history)

    trend(j): purchases of j in recent weeks, what sells now (trend.py)

A customer's vector is made from the products in their history (no per-customer parameter), so
a customer who ordered yesterday is scored without retraining and the model generalises from
few customers. `attend` learns how much recency, frequency and signal strength weigh in the
vector; `repeat` learns how likely a product is bought again from the same features (groceries
are re-ordered; the Instacart next basket is 70% re-orders).

Training predicts each order from the history before it (EventLog cuts, examples.py): a softmax
over all products, estimated with `negatives` shared products drawn in proportion to
popularity^0.75 and corrected by log Q (Bengio & Senecal 2008; Yi et al. 2019), so popular
products are not over-penalised; products in the history are scored exactly beside them.
"""

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from retrieval.recs.examples import FEATURES, EventLog, Histories
from retrieval.recs.trend import Trend


@dataclass(frozen=True)
class ModelConfig:
    """Sizes and training settings; the defaults are those docs/recommendations.md reports."""

    dim: int = 64
    negatives: int = 1024
    epochs: int = 40  # at most: training stops earlier when validation stops improving
    patience: int = 3  # epochs without a better validation recall before stopping; 0: never
    validation_users: int = 2000
    batch_size: int = 256
    lr: float = 0.01
    l2: float = 1e-6  # on the vectors a batch touches
    history: int = 256  # most recent distinct products read per customer
    window: int = 1  # baskets predicted from one cut (ratings: several)
    cuts_per_user: int = 8  # examples per customer per epoch
    max_targets: int = 64
    history_dropout: float = 0.1  # products hidden from the history in training
    repeats: bool = True  # whether already-had products compete (and the repeat head learns)
    proposal_power: float = 0.75
    trend_windows: tuple[int, ...] = (30, 365)  # days; () where days are not one calendar
    seed: int = 0
    device: str = "cpu"  # auto: CUDA when torch sees a GPU; deterministic on the CPU only

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class TwoTower(nn.Module):
    """Customer tower over history products; product tower = an embedding and a bias."""

    def __init__(self, n_items: int, dim: int, trend_size: int = 0) -> None:
        super().__init__()
        self.n_items = n_items
        self.trend_size = trend_size
        # Sparse gradients: a step updates the rows a batch touched, not the whole catalogue
        # (with 50,000 products a dense Adam step costs more than the batch itself).
        self.item_in = nn.Embedding(n_items + 1, dim, padding_idx=n_items, sparse=True)  # + pad
        self.item_out = nn.Embedding(n_items, dim, sparse=True)
        self.bias = nn.Embedding(n_items, 1, sparse=True)
        self.attend = nn.Linear(FEATURES, 1)
        self.user = nn.Linear(dim, dim, bias=False)
        self.repeat = nn.Sequential(nn.Linear(FEATURES, 32), nn.ReLU(), nn.Linear(32, 1))
        self.trend = nn.Linear(max(trend_size, 1), 1, bias=False)
        nn.init.zeros_(self.trend.weight)
        nn.init.normal_(self.item_in.weight, std=0.1)
        nn.init.normal_(self.item_out.weight, std=0.1)
        nn.init.zeros_(self.bias.weight)
        nn.init.zeros_(self.user.weight)  # starts as the plain weighted mean
        with torch.no_grad():
            self.item_in.weight[n_items].zero_()

    def attention(self, features: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """(B, H) weight of each history product in its customer's vector; rows sum to 1."""
        logits = self.attend(features).squeeze(-1).masked_fill(~mask, -1e9)
        return torch.softmax(logits, dim=1) * mask

    def customers(
        self, items: torch.Tensor, features: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        """Customer vectors (B, D) from their histories; zeros for an empty history."""
        weights = self.attention(features, mask)
        rows, slots = torch.nonzero(mask, as_tuple=True)  # row-major: each row's slots together
        offsets = torch.searchsorted(rows, torch.arange(len(items), device=items.device))
        # A bag per customer over its real products only (padding would cost B x H x D).
        pooled = nn.functional.embedding_bag(
            items[rows, slots],
            self.item_in.weight,
            offsets,
            mode="sum",
            per_sample_weights=weights[rows, slots],
            sparse=self.item_in.sparse,
        )
        users: torch.Tensor = pooled + self.user(pooled)  # (B, D)
        return users

    def contributions(
        self,
        items: torch.Tensor,
        features: torch.Tensor,
        mask: torch.Tensor,
        products: torch.Tensor,
    ) -> torch.Tensor:
        """(B, H, K): how much each history product adds to the score of each of K products.

        The customer vector is linear in its history, so a score splits exactly into one part
        per history product (plus the bias): what a reason names.
        """
        weights = self.attention(features, mask)  # (B, H)
        vectors = self.item_in(items)
        vectors = vectors + self.user(vectors)  # (B, H, D)
        parts: torch.Tensor = weights.unsqueeze(-1) * (
            vectors @ self.item_out(products).transpose(1, 2)
        )
        return parts

    def scores(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        """(B, N) scores of the same N products for every customer."""
        scores: torch.Tensor = users @ self.item_out(items).T + self.bias(items).T
        return scores

    def history_scores(
        self, users: torch.Tensor, items: torch.Tensor, features: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        """(B, H) scores of each customer's own history products, repeat term included."""
        rows, slots = torch.nonzero(mask, as_tuple=True)
        own = items[rows, slots]
        # Taste (the dot product) is left out on purpose: on products the customer already had
        # it memorises their past baskets and ranks re-orders worse than their own record does.
        dot = self.bias(own).squeeze(-1)
        repeat = self.repeat(features[rows, slots]).squeeze(-1)
        scores = torch.full(mask.shape, -torch.inf, device=users.device)
        return scores.index_put((rows, slots), dot + repeat)

    def trend_scores(self, features: torch.Tensor) -> torch.Tensor:
        """(...) the trend term from (..., windows) features; zeros without trend windows."""
        if self.trend_size == 0:
            return torch.zeros(features.shape[:-1], device=features.device)
        trend: torch.Tensor = self.trend(features).squeeze(-1)
        return trend

    def embeddings(self) -> list[torch.Tensor]:
        """The per-product parameters (sparse gradients); the rest are small and dense."""
        return [self.item_in.weight, self.item_out.weight, self.bias.weight]

    def product_vectors(self, trend: np.ndarray | None = None) -> np.ndarray:
        """(I, D + 1): item_out with the bias (+ the trend term at one day) appended.

        For an inner-product index: a customer query [u, 1] scores u · item_out + bias.
        """
        with torch.no_grad():
            bias = self.bias.weight.squeeze(-1)
            if trend is not None:
                bias = bias + torch.as_tensor(trend, dtype=bias.dtype)
            joined = torch.cat([self.item_out.weight, bias.unsqueeze(-1)], dim=1)
        vectors: np.ndarray = joined.detach().cpu().numpy().astype(np.float32)
        return vectors


def sampled_softmax_loss(
    model: TwoTower,
    histories: Histories,
    targets: np.ndarray,
    proposal: np.ndarray,
    config: ModelConfig,
    rng: np.random.Generator,
    device: torch.device,
    trend: Trend | None = None,
) -> torch.Tensor:
    """Multinomial log-likelihood of each basket, over history + sampled + target products."""
    items = torch.as_tensor(histories.items, device=device)
    features = torch.as_tensor(histories.features, device=device)
    mask = torch.as_tensor(histories.mask, device=device)
    if config.history_dropout > 0:
        kept = torch.as_tensor(rng.random(histories.mask.shape) >= config.history_dropout)
        reading = mask & kept.to(device)
    else:
        reading = mask
    users = model.customers(items, features, reading)  # (B, D)
    n_items = model.n_items
    width = histories.items.shape[1]
    in_history = _membership(targets, histories.items, n_items)  # (B, P): slot in history or -1
    positive = torch.as_tensor(targets, device=device)
    valid = positive >= 0
    # Logits of three groups of products, one row per customer:
    #   history (B, H): exact, with the repeat term; -inf when repeats are not allowed
    #   new targets (B, P): targets not in the history, log Q corrected like the samples
    #   samples (B, S): shared negatives, log Q corrected; accidental hits masked
    log_q = torch.as_tensor(np.log(proposal * config.negatives), device=device, dtype=torch.float32)

    def trending(products: np.ndarray) -> torch.Tensor:
        if trend is None or trend.size == 0:
            shape = np.broadcast_shapes(np.shape(products), (len(users), 1))
            return torch.zeros(shape, device=device)
        features = torch.as_tensor(trend.features(products, histories.now), device=device)
        return model.trend_scores(features)

    if config.repeats:
        history_logits = model.history_scores(users, items, features, mask)
        history_logits = history_logits + trending(histories.items.clip(max=n_items - 1))
    else:
        history_logits = torch.full(mask.shape, -torch.inf, device=device)
    fresh = valid & torch.as_tensor(in_history < 0, device=device)
    safe = positive.clamp(min=0)
    target_logits = (users.unsqueeze(1) * model.item_out(safe)).sum(-1)
    target_logits = target_logits + model.bias(safe).squeeze(-1)
    target_logits = target_logits + trending(targets.clip(min=0))
    target_logits = (target_logits - log_q[safe]).masked_fill(~fresh, -torch.inf)
    cumulative = np.cumsum(proposal)
    drawn = np.searchsorted(cumulative, rng.random(config.negatives) * cumulative[-1])
    sampled = np.minimum(drawn, n_items - 1)
    sample = torch.as_tensor(sampled, device=device)
    sample_logits = model.scores(users, sample) + trending(sampled) - log_q[sample]
    hits = _hits(sampled, targets, histories.items, n_items)
    sample_logits = sample_logits.masked_fill(torch.as_tensor(hits, device=device), -torch.inf)
    logits = torch.cat([history_logits, target_logits, sample_logits], dim=1)
    log_probs = torch.log_softmax(logits, dim=1)
    # Where each target's logit sits: its history slot, else its own column.
    slot = np.where(in_history >= 0, in_history, width + np.arange(targets.shape[1]))
    picked = torch.gather(log_probs, 1, torch.as_tensor(slot, device=device))  # (B, P)
    loss = _basket_loss(picked, valid)
    touched = torch.cat(
        [model.item_out(safe[valid]), model.item_out(sample), model.item_in(items[reading])]
    )
    return loss + config.l2 * touched.pow(2).sum()


def score_users(
    model: TwoTower, histories: Histories, repeats: bool, trend: Trend | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Customer vectors (B, D) and exact scores (B, I) of every product at each history's day."""
    with torch.no_grad():
        items = torch.as_tensor(histories.items)
        features = torch.as_tensor(histories.features)
        mask = torch.as_tensor(histories.mask)
        users = model.customers(items, features, mask)
        scores = model.scores(users, torch.arange(model.n_items))
        trending = torch.zeros_like(scores)
        if trend is not None and trend.size:
            every = np.arange(model.n_items)
            for start in range(0, len(users), 64):  # (64, I, windows) at a time
                now = histories.now[start : start + 64]
                part = model.trend_scores(torch.as_tensor(trend.features(every, now)))
                trending[start : start + 64] = part
        scores += trending
        if repeats:
            own = model.history_scores(users, items, features, mask)
            rows, slots = torch.nonzero(mask, as_tuple=True)
            columns = items[rows, slots]
            scores[rows, columns] = own[rows, slots] + trending[rows, columns]
    return users.numpy(), scores.numpy()


def proposal_of(log: EventLog, power: float) -> np.ndarray:
    """Sampling distribution of negatives: purchases^power, with a floor for unbought items."""
    counts = np.bincount(log.item[log.purchase], minlength=log.n_items).astype(np.float64)
    weights = np.power(counts + 1.0, power)
    result: np.ndarray = weights / weights.sum()
    return result


def _basket_loss(log_probs: torch.Tensor, wanted: torch.Tensor) -> torch.Tensor:
    """Mean over baskets of the mean log-probability of their wanted products, negated."""
    counted = wanted & torch.isfinite(log_probs)
    per_basket = torch.where(counted, log_probs, 0.0).sum(1) / counted.sum(1).clamp(min=1)
    if not bool(counted.any()):
        return log_probs.sum() * 0.0  # no basket to learn from: zero, still in the graph
    return -per_basket[counted.any(1)].mean()


def _membership(targets: np.ndarray, history: np.ndarray, pad: int) -> np.ndarray:
    """(B, P): the history slot holding each target, -1 when the target is not there."""
    match = (targets[:, :, None] == history[:, None, :]) & (targets[:, :, None] >= 0)
    found = match.any(axis=2)
    slot: np.ndarray = np.where(found, match.argmax(axis=2), -1)
    return slot


def _hits(sampled: np.ndarray, targets: np.ndarray, history: np.ndarray, pad: int) -> np.ndarray:
    """(B, S): sampled products that are a customer's target or history product."""
    rows = np.arange(len(targets))[:, None]
    known = np.zeros((len(targets), pad + 1), dtype=bool)  # (B, I + 1): the pad column absorbs
    known[np.broadcast_to(rows, targets.shape), np.where(targets >= 0, targets, pad)] = True
    known[np.broadcast_to(rows, history.shape), history] = True
    hits: np.ndarray = known[:, :pad][:, sampled]
    return hits
