"""The predictor on a GPU: deterministic there, and a model trained on one scores on a CPU.

Skipped without CUDA; bench/gpu.sh runs these on a lent GPU machine (see docs/model-card.md).
"""

from pathlib import Path

import pandas as pd
import pytest
import torch

from predictors.artifacts import load_predictor, save_predictor
from predictors.features import customer_features
from predictors.history import History, from_transactions
from predictors.train import TrainConfig, train_predictor
from tests.factories import simulate_orders

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
CUTOFF = pd.Timestamp("2024-09-30")


@pytest.fixture(scope="module")
def history() -> History:
    return from_transactions(simulate_orders(customers=600, seed=1))


def test_training_on_cuda_is_deterministic(history: History) -> None:
    config = TrainConfig(epochs=3, seed=5, device="cuda")
    first, report = train_predictor(history, CUTOFF, 13.0, config)
    second, _ = train_predictor(history, CUTOFF, 13.0, config)
    assert report.device.startswith("cuda")
    for (name, a), b in zip(
        first.net.state_dict().items(), second.net.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b), name


def test_a_model_trained_on_cuda_scores_the_same_on_cpu(history: History, tmp_path: Path) -> None:
    trained, _ = train_predictor(history, CUTOFF, 13.0, TrainConfig(epochs=3, device="cuda"))
    save_predictor(tmp_path, trained, {"store_version": "test"}, "card")
    loaded, _ = load_predictor(tmp_path, "cpu")
    assert next(loaded.net.parameters()).device.type == "cpu"
    features = customer_features(history.until(CUTOFF), CUTOFF)
    on_gpu, on_cpu = trained.predict(features, 13.0), loaded.predict(features, 13.0)
    pd.testing.assert_frame_equal(on_gpu, on_cpu, rtol=1e-4)
