"""The network's contract: it starts as the classic models, trains deterministically, and its
spend interval is a proper ZILN quantile."""

import numpy as np
import pandas as pd
import pytest
import torch

from commerce.errors import Unavailable
from predictors.eligibility import check_eligibility
from predictors.history import from_transactions
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import ziln_quantile
from predictors.train import TrainConfig, choose_device, train_predictor
from tests.factories import simulate_orders


def test_untrained_network_is_the_classic_model() -> None:
    net = RetentionNet(NetConfig(n_inputs=5))
    base = torch.tensor([[0.3, -0.2, 3.0], [-1.0, 0.5, 2.0]])
    out, loss = net(torch.randn(2, 5), base)
    assert loss is None
    torch.testing.assert_close(out.purchase_logit, base[:, 0])
    torch.testing.assert_close(out.log_count, base[:, 1])
    # The spend head's mean given a purchase starts at the classic estimate.
    torch.testing.assert_close(out.mu + out.sigma**2 / 2, base[:, 2])


def test_ziln_quantiles() -> None:
    p = np.array([0.0, 0.5, 1.0])
    mu, sigma = np.zeros(3), np.ones(3)
    assert ziln_quantile(0.4, p, mu, sigma).tolist()[:2] == [0.0, 0.0]  # P(0) >= 0.4
    assert ziln_quantile(0.5, p, mu, sigma)[2] == pytest.approx(1.0)  # lognormal median
    assert ziln_quantile(0.9, p, mu, sigma)[2] == pytest.approx(np.exp(1.2815515655446004))
    # Half the mass at zero: the 0.9 quantile is the lognormal's 0.8 quantile.
    assert ziln_quantile(0.9, p, mu, sigma)[1] == pytest.approx(np.exp(0.8416212335729143))
    low, high = ziln_quantile(0.1, p, mu, sigma), ziln_quantile(0.9, p, mu, sigma)
    assert (low <= high).all()


@pytest.fixture(scope="module")
def history():  # type: ignore[no-untyped-def]
    return from_transactions(simulate_orders(customers=600, seed=1))


def test_training_is_deterministic_with_a_seed(history) -> None:  # type: ignore[no-untyped-def]
    cutoff = pd.Timestamp("2024-09-30")
    config = TrainConfig(epochs=3, seed=5)
    first, _ = train_predictor(history, cutoff, 13.0, config)
    second, _ = train_predictor(history, cutoff, 13.0, config)
    for (name, a), b in zip(
        first.net.state_dict().items(), second.net.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b), name
    other, _ = train_predictor(history, cutoff, 13.0, TrainConfig(epochs=3, seed=6))
    assert not torch.equal(first.net.head.weight, other.net.head.weight)


def test_eligibility_says_why(history) -> None:  # type: ignore[no-untyped-def]
    assert check_eligibility(history, pd.Timestamp("2024-12-31")).eligible
    early = check_eligibility(history, pd.Timestamp("2023-02-15"))
    assert not early.eligible
    assert any("days of order history" in r for r in early.reasons)
    assert any("customers have bought" in r for r in early.reasons)


def test_training_puts_the_process_settings_back(history) -> None:  # type: ignore[no-untyped-def]
    # Deterministic kernels are for training alone: an LLM generating in the same process
    # afterwards must not be slowed or warned by them.
    threads = torch.get_num_threads()
    assert not torch.are_deterministic_algorithms_enabled()
    train_predictor(history, pd.Timestamp("2024-09-30"), 13.0, TrainConfig(epochs=1))
    assert not torch.are_deterministic_algorithms_enabled()
    assert torch.get_num_threads() == threads


def test_auto_trains_on_the_cpu_and_a_missing_gpu_is_named() -> None:
    # Measured on an H200: this network trains faster on the CPU beside it (choose_device).
    assert choose_device("auto") == torch.device("cpu")
    if not torch.cuda.is_available():
        with pytest.raises(Unavailable, match="cuda was asked for, but torch sees no GPU"):
            choose_device("cuda")
