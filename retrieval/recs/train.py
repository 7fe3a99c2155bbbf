"""Training the two-tower model: seeded, with early stopping on each customer's latest order.

Validation mirrors how the model is used: each customer's latest basket (their latest
`window` ratings) is held out of training, predicted from everything before it, and scored
with recall@10 after every epoch. Training stops when that has not improved for `patience`
epochs and keeps the best epoch's weights. Nothing is lost by holding the basket out: a
customer's vector is computed from their history at scoring time, so the held-out basket is
read then.

Same seed, same data, same device: the same weights (seeded numpy and torch generators,
batches and negatives drawn in a fixed order, one process).
"""

import copy
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import torch

from retrieval.embedder import choose_device
from retrieval.recs.examples import EventLog
from retrieval.recs.model import (
    ModelConfig,
    TwoTower,
    proposal_of,
    sampled_softmax_loss,
    score_users,
)
from retrieval.recs.trend import Trend

Progress = Callable[[str], None]
VALIDATION_K = 10


def train(
    log: EventLog,
    config: ModelConfig,
    progress: Progress | None = None,
    on_epoch: Callable[[int, TwoTower], None] | None = None,
) -> tuple[TwoTower, list[float]]:
    """Train on the cuts of `log`; returns the model (on the CPU) and the loss per epoch.

    With `patience`, a first run on all but each customer's latest basket picks the number of
    epochs (the best validation recall), and a second run trains that many on everything:
    the latest baskets are the most like the ones to predict, too useful to leave out.
    """
    step = progress or (lambda _: None)
    cuts, stops, held = _held_out(log, config.window, config.patience > 0)
    if len(held) == 0:
        return _fit(log, config, log.cuts, None, np.zeros(0, dtype=np.int64), step, on_epoch)
    step("choosing the number of epochs on each customer's latest basket")
    _, losses = _fit(log, config, cuts, stops, held, step, None)
    best = len(losses)  # the first run kept its best epoch's losses only
    return _fit(
        log,
        replace(config, epochs=best),
        log.cuts,
        None,
        np.zeros(0, dtype=np.int64),
        step,
        on_epoch,
    )


def _fit(
    log: EventLog,
    config: ModelConfig,
    cuts: np.ndarray,
    stops: np.ndarray | None,
    held: np.ndarray,
    step: Progress,
    on_epoch: Callable[[int, TwoTower], None] | None,
) -> tuple[TwoTower, list[float]]:
    """One training run; with `held` cuts, stops early and keeps the best epoch's weights."""
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    device = torch.device(choose_device(config.device))
    trend = trend_of(log, config)
    model = TwoTower(log.n_items, config.dim, trend.size).to(device)
    sparse = model.embeddings()
    dense = [p for p in model.parameters() if all(p is not s for s in sparse)]
    optimisers = [
        torch.optim.SparseAdam(sparse, lr=config.lr),
        torch.optim.Adam(dense, lr=config.lr),
    ]
    proposal = proposal_of(log, config.proposal_power)
    checked = held[
        np.random.default_rng(config.seed).permutation(len(held))[: config.validation_users]
    ]
    losses: list[float] = []
    best, best_epoch, best_state, waited = -1.0, 0, copy.deepcopy(model.state_dict()), 0
    for epoch in range(config.epochs):
        order = _epoch_cuts(log, cuts, config.cuts_per_user, rng)
        total, batches = 0.0, 0
        model.train()
        for start in range(0, len(order), config.batch_size):
            batch = order[start : start + config.batch_size]
            histories = log.training_histories(cuts[batch], config.history)
            stop = None if stops is None else stops[batch]
            targets = log.targets(cuts[batch], config.window, config.max_targets, stop)
            loss = sampled_softmax_loss(
                model, histories, targets, proposal, config, rng, device, trend
            )
            for optimiser in optimisers:
                optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            for optimiser in optimisers:
                optimiser.step()
            total += float(loss.detach())
            batches += 1
        losses.append(total / max(batches, 1))
        model.eval()
        if on_epoch is not None:
            on_epoch(epoch, model)
        if len(checked) == 0:
            step(f"epoch {epoch + 1}/{config.epochs}: loss {losses[-1]:.3f}")
            continue
        recall = validation_recall(model, log, checked, config, trend)
        step(
            f"epoch {epoch + 1}/{config.epochs}: loss {losses[-1]:.3f}, "
            f"validation recall@{VALIDATION_K} {recall:.4f}"
        )
        if recall > best:
            best, best_epoch, best_state, waited = (
                recall,
                epoch + 1,
                copy.deepcopy(model.state_dict()),
                0,
            )
        else:
            waited += 1
            if waited >= config.patience:
                break
    if len(checked):
        model.load_state_dict(best_state)
        losses = losses[:best_epoch]
    model.eval()
    return model.cpu(), losses


def trend_of(log: EventLog, config: ModelConfig) -> Trend:
    """Recent purchases of each product (trend.py), from the log's purchases."""
    bought = log.purchase
    return Trend(log.item[bought], log.ts[bought], log.n_items, config.trend_windows)


def validation_recall(
    model: TwoTower, log: EventLog, held: np.ndarray, config: ModelConfig, trend: Trend
) -> float:
    """Mean recall@10 of the held-out cuts' baskets, predicted from the history before them."""
    histories = log.training_histories(held, config.history)
    targets = log.targets(held, config.window, config.max_targets)
    model_device = next(model.parameters()).device
    scores = score_users(model.cpu(), histories, config.repeats, trend)[1]
    model.to(model_device)
    if not config.repeats:
        rows, slots = np.nonzero(histories.mask)
        scores[rows, histories.items[rows, slots]] = -np.inf
    top = np.argpartition(-scores, VALIDATION_K - 1, axis=1)[:, :VALIDATION_K]
    recalls = []
    for found, wanted in zip(top, targets, strict=True):
        wanted = wanted[wanted >= 0]
        if len(wanted):
            recalls.append(np.isin(found, wanted).sum() / min(VALIDATION_K, len(wanted)))
    return float(np.mean(recalls)) if recalls else 0.0


def _held_out(log: EventLog, window: int, validate: bool) -> tuple[np.ndarray, ...]:
    """Training cuts, the basket each may not predict into, and the validation cuts.

    A customer with at least two cuts gives the one `window` baskets before their end to
    validation; their training cuts come before it and predict no basket from it on.
    """
    per_user = np.diff(log.cut_offsets)
    no_stop = np.iinfo(np.int64).max
    if not validate:
        return log.cuts, np.full(len(log.cuts), no_stop), np.zeros(0, dtype=np.int64)
    users = np.repeat(np.arange(len(per_user)), per_user)
    rank = np.arange(len(log.cuts)) - log.cut_offsets[users]
    held_rank = per_user - np.minimum(window, per_user - 1)  # leaves >= 1 cut to train on
    validating = per_user[users] >= 2
    is_held = validating & (rank == held_rank[users])
    training = ~validating | (rank < held_rank[users])
    held = log.cuts[is_held]
    stop_of_user = np.full(len(per_user), no_stop)
    stop_of_user[users[is_held]] = log.baskets_before[held]
    return log.cuts[training], stop_of_user[users[training]], held


def _epoch_cuts(
    log: EventLog, cuts: np.ndarray, per_user: int, rng: np.random.Generator
) -> np.ndarray:
    """Positions into `cuts` for one epoch: up to `per_user` of each customer's, shuffled.

    Capped per customer so that a customer with a hundred orders does not outweigh a hundred
    customers with two.
    """
    users = np.searchsorted(log.offsets, cuts, side="right") - 1
    draw = rng.random(len(cuts))
    order = np.lexsort((draw, users))
    first = np.searchsorted(users[order], users[order])
    rank = np.arange(len(order)) - first
    chosen = order[rank < per_user]
    permuted: np.ndarray = chosen[rng.permutation(len(chosen))]
    return permuted
