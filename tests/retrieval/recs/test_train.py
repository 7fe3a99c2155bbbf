"""Training: seeded and deterministic on the CPU; validation holds out each latest basket."""

from pathlib import Path

import numpy as np
import pytest
import torch

from retrieval.recs.examples import EventLog
from retrieval.recs.model import ModelConfig, score_users
from retrieval.recs.reading import from_store
from retrieval.recs.train import _held_out, train
from tests.retrieval.recs.factories import write_shop

CONFIG = ModelConfig(dim=8, negatives=16, epochs=4, patience=0, lr=0.02, cuts_per_user=2)


@pytest.fixture
def log(retain_home: Path, tmp_path: Path) -> EventLog:
    store = write_shop(retain_home, tmp_path / "sources").store()
    return EventLog.of(from_store(store))


def test_same_seed_same_weights_other_seed_other_weights(log: EventLog) -> None:
    first, losses = train(log, CONFIG)
    again, _ = train(log, CONFIG)
    other, _ = train(log, ModelConfig(**CONFIG.to_dict() | {"seed": 1}))
    state, same, different = first.state_dict(), again.state_dict(), other.state_dict()
    assert all(torch.equal(state[name], same[name]) for name in state)
    assert not torch.equal(state["item_out.weight"], different["item_out.weight"])
    assert len(losses) == 4 and losses[-1] < losses[0]


def test_validation_holds_out_each_customers_latest_basket(log: EventLog) -> None:
    cuts, stops, held = _held_out(log, window=1, validate=True)
    users = np.searchsorted(log.offsets, held, side="right") - 1
    assert len(held) == 40  # every shop customer has five orders, so four cuts
    assert (log.baskets_before[held] == 4).all()  # the fifth order
    assert len(cuts) == 3 * 40 and (log.baskets_before[cuts] < 4).all()
    assert set(stops) == {4} and len(set(users)) == 40
    everything, _, none = _held_out(log, window=1, validate=False)
    assert len(everything) == 4 * 40 and len(none) == 0


def test_early_stopping_retrains_for_the_best_number_of_epochs(log: EventLog) -> None:
    messages: list[str] = []
    _, losses = train(
        log, ModelConfig(**CONFIG.to_dict() | {"patience": 1, "epochs": 6}), messages.append
    )
    assert messages[0] == "choosing the number of epochs on each customer's latest basket"
    assert any("validation recall@10" in m for m in messages)
    assert 1 <= len(losses) <= 6 and messages[-1].startswith(f"epoch {len(losses)}/{len(losses)}")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_trains_on_cuda_with_early_stopping_and_returns_a_cpu_model(log: EventLog) -> None:
    # Validation scores on the CPU between epochs, then training goes on on the GPU.
    config = ModelConfig(**CONFIG.to_dict() | {"patience": 1, "epochs": 3, "device": "cuda"})
    model, losses = train(log, config)
    assert all(p.device.type == "cpu" for p in model.parameters())
    assert losses and all(np.isfinite(losses))
    histories = log.training_histories(np.arange(len(log.baskets_before))[:5], CONFIG.history)
    _, scores = score_users(model, histories, CONFIG.repeats)
    assert scores.shape == (5, log.n_items) and np.isfinite(scores).any()
