"""Fitting the retention network: split customers, train with early stopping, calibrate.

Deterministic for a given seed on a given device: seeded initialisation and shuffling, and
deterministic kernels.
"""

import hashlib
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch

from commerce.errors import Unavailable
from predictors.classic import BASE, Classic
from predictors.features import customer_features
from predictors.history import History
from predictors.inputs import InputSpec
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import Calibration, Predictor
from predictors.windows import training_rows, training_windows

log = logging.getLogger(__name__)
TARGETS = ["purchased", "purchases", "spend"]


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 40
    batch_size: int = 1024
    learning_rate: float = 2e-3
    weight_decay: float = 1e-2
    patience: int = 6
    validation_share: float = 0.2
    hidden: int = 16
    depth: int = 2
    dropout: float = 0.1
    seed: int = 0
    device: str = "auto"  # "auto" is the CPU (see choose_device); "cuda[:N]" asks for a GPU
    # Batches of a small MLP are too small to share between threads: on CPU one thread is
    # several times faster than the default, whose synchronisation costs more than it saves.
    cpu_threads: int = 1


@dataclass
class TrainReport:
    epochs_run: int
    best_epoch: int
    train_rows: int
    validation_rows: int
    validation_loss: float
    device: str
    losses: list[tuple[float, float]] = field(default_factory=list)  # (train, validation)


def choose_device(name: str) -> torch.device:
    """`auto` is the CPU even where a GPU is: this network is too small to gain from one. On
    an H200 beside its own 16 cores it trained CDNOW in 36 s against 21-28 s, and scored a
    million customers in 1.0-1.5 s against 1.0-1.2 s (bench/gpu.sh, docs/model-card.md).
    `cuda[:N]` is honoured, for a GPU with a slower CPU beside it."""
    if name == "auto":
        return torch.device("cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise Unavailable(f"device {name} was asked for, but torch sees no GPU (use cpu)")
    return torch.device(name)


def validation_mask(customer_ids: pd.Index, share: float, seed: int) -> np.ndarray:
    """Customers held out for early stopping and calibration, the same ones in every window."""
    buckets = np.array(
        [
            int(hashlib.blake2b(f"{seed}:{c}".encode(), digest_size=4).hexdigest(), 16)
            for c in customer_ids.unique()
        ]
    )
    held = set(customer_ids.unique()[(buckets % 10_000) < share * 10_000])
    return np.asarray(customer_ids.isin(held))


def fit_predictor(
    rows: pd.DataFrame, classic_now: Classic, config: TrainConfig = TrainConfig()
) -> tuple[Predictor, TrainReport]:
    """Train on labelled window rows; `classic_now` is fitted at the cutoff scoring will use."""
    threads = torch.get_num_threads()
    deterministic = torch.are_deterministic_algorithms_enabled()
    warn_only = torch.is_deterministic_algorithms_warn_only_enabled()
    torch.set_num_threads(config.cpu_threads)
    # Deterministic kernels for training only: the process's own setting (an LLM generating
    # on the same GPU, say) is put back afterwards.
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        return _fit(rows, classic_now, config)
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(deterministic, warn_only=warn_only)


def _fit(
    rows: pd.DataFrame, classic_now: Classic, config: TrainConfig
) -> tuple[Predictor, TrainReport]:
    torch.manual_seed(config.seed)
    device = choose_device(config.device)
    held = validation_mask(rows.index, config.validation_share, config.seed)
    train, valid = rows[~held], rows[held]
    spec = InputSpec.fit(train)
    net = RetentionNet(NetConfig(len(spec.names), config.hidden, config.depth, config.dropout)).to(
        device
    )
    tensors = {name: _tensors(part, spec, device) for name, part in (("t", train), ("v", valid))}
    optimiser = torch.optim.AdamW(
        net.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    generator = torch.Generator().manual_seed(config.seed)
    best = (float("inf"), 0, {k: v.clone() for k, v in net.state_dict().items()})
    losses: list[tuple[float, float]] = []
    epoch = 0
    for epoch in range(1, config.epochs + 1):
        train_loss = _epoch(net, tensors["t"], optimiser, config.batch_size, generator)
        valid_loss = _loss(net, tensors["v"])
        losses.append((train_loss, valid_loss))
        if valid_loss < best[0] - 1e-5:
            best = (valid_loss, epoch, {k: v.clone() for k, v in net.state_dict().items()})
        elif epoch - best[1] >= config.patience:
            break
    net.load_state_dict(best[2])
    calibration = _platt(net, tensors["v"])
    report = TrainReport(epoch, best[1], len(train), len(valid), best[0], str(device), losses)
    return Predictor(spec, net, calibration, classic_now, device), report


def _tensors(
    part: pd.DataFrame, spec: InputSpec, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    x = torch.from_numpy(spec.transform(part)).to(device)
    base = torch.from_numpy(part[BASE].to_numpy(np.float32, copy=True)).to(device)
    targets = torch.from_numpy(part[TARGETS].to_numpy(np.float32, copy=True)).to(device)
    return x, base, targets


def _epoch(
    net: RetentionNet,
    data: tuple[torch.Tensor, torch.Tensor, torch.Tensor],
    optimiser: torch.optim.Optimizer,
    batch_size: int,
    generator: torch.Generator,
) -> float:
    net.train()
    x, base, targets = data
    order = torch.randperm(len(x), generator=generator).to(x.device)
    total = 0.0
    for start in range(0, len(x), batch_size):
        idx = order[start : start + batch_size]
        _, loss = net(x[idx], base[idx], targets[idx])
        assert loss is not None
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        total += float(loss.detach()) * len(idx)
    return total / max(len(x), 1)


@torch.no_grad()
def _loss(net: RetentionNet, data: tuple[torch.Tensor, torch.Tensor, torch.Tensor]) -> float:
    net.eval()
    _, loss = net(*data)
    return float(loss) if loss is not None else float("nan")


def _platt(net: RetentionNet, data: tuple[torch.Tensor, torch.Tensor, torch.Tensor]) -> Calibration:
    """Fit scale and shift of the purchase logit on held-out customers (2 parameters, LBFGS)."""
    net.eval()
    x, base, targets = data
    with torch.no_grad():
        logits = net(x, base)[0].purchase_logit.double().cpu()
    labels = targets[:, 0].double().cpu()
    params = torch.tensor([1.0, 0.0], dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS([params], max_iter=100, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits * params[0] + params[1], labels
        )
        loss.backward()  # type: ignore[no-untyped-call]
        return loss

    optimiser.step(closure)  # type: ignore[no-untyped-call]
    scale, shift = (float(v) for v in params.detach())
    return Calibration(scale, shift)


def train_predictor(
    history: History, cutoff: pd.Timestamp, horizon_weeks: float, config: TrainConfig
) -> tuple[Predictor, TrainReport]:
    """The whole training pipeline: windows inside the history up to `cutoff`, their rows, the
    classic models fitted at the cutoff, and the network on top."""
    past = history.until(cutoff)
    windows = training_windows(past.first_day, cutoff, horizon_weeks)
    rows = training_rows(past, windows)
    classic_now = Classic.fit(customer_features(past, cutoff))
    return fit_predictor(rows, classic_now, config)
