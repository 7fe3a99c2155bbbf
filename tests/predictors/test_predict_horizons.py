"""Several horizons in one call: the network's correction holds no horizon, so it runs once,
and every horizon's figures equal the network's own forward pass at that horizon."""

import numpy as np
import pandas as pd
import pytest
import torch

from predictors.classic import BASE
from predictors.features import customer_features
from predictors.history import from_transactions
from predictors.predictor import Predictor
from predictors.train import TrainConfig, train_predictor
from tests.factories import simulate_orders

CUTOFF = pd.Timestamp("2024-09-30")
WEEKS = [26.0, 1.0, 4.5, 13.0]  # not sorted: each frame answers its own horizon


@pytest.fixture(scope="module")
def trained() -> tuple[Predictor, pd.DataFrame]:
    history = from_transactions(simulate_orders(customers=400, seed=3))
    predictor, _ = train_predictor(history, CUTOFF, 13.0, TrainConfig(epochs=3, seed=1))
    return predictor, customer_features(history, CUTOFF)


def forward_at(predictor: Predictor, features: pd.DataFrame, weeks: float) -> pd.DataFrame:
    """The figures as training computes them: the whole forward pass at one horizon."""
    frame = predictor.inputs(features, weeks)
    x = torch.from_numpy(predictor.spec.transform(frame))
    base = torch.from_numpy(frame[BASE].to_numpy(np.float32, copy=True))
    predictor.net.eval()
    with torch.no_grad():
        out, _ = predictor.net(x, base)
        p = torch.sigmoid(predictor.calibration.apply(out.purchase_logit)).double().numpy()
        mean_if_buying = torch.exp(out.mu + out.sigma**2 / 2).double().numpy()
    return pd.DataFrame({"p_purchase": p, "expected_spend": p * mean_if_buying})


def test_each_horizon_equals_the_forward_pass_at_it(
    trained: tuple[Predictor, pd.DataFrame],
) -> None:
    predictor, features = trained
    frames = predictor.predict_horizons(features, WEEKS, batch_size=97)  # several batches
    assert len(frames) == len(WEEKS)
    for weeks, frame in zip(WEEKS, frames, strict=True):
        reference = forward_at(predictor, features, weeks)
        assert (frame.index == features.index).all()
        np.testing.assert_allclose(frame["p_purchase"], reference["p_purchase"], rtol=1e-6)
        np.testing.assert_allclose(frame["expected_spend"], reference["expected_spend"], rtol=1e-6)
    # Longer horizons expect more: the frames are not one horizon's repeated.
    spend = {w: f["expected_spend"].sum() for w, f in zip(WEEKS, frames, strict=True)}
    assert spend[1.0] < spend[4.5] < spend[13.0] < spend[26.0]


def test_one_horizon_alone_is_the_same_as_among_others(
    trained: tuple[Predictor, pd.DataFrame],
) -> None:
    predictor, features = trained
    among = predictor.predict_horizons(features, WEEKS)[2]
    alone = predictor.predict(features, WEEKS[2])
    pd.testing.assert_frame_equal(among, alone, check_exact=True)


def test_no_horizons_and_no_customers(trained: tuple[Predictor, pd.DataFrame]) -> None:
    predictor, features = trained
    assert predictor.predict_horizons(features, []) == []
    (empty,) = predictor.predict_horizons(features.iloc[:0], [13.0])
    assert len(empty) == 0 and "expected_spend" in empty.columns


def test_the_inputs_hold_no_horizon(trained: tuple[Predictor, pd.DataFrame]) -> None:
    """`inputs` is the features, P(alive) and one horizon's base offsets: no horizon column
    (none is read), and the network's inputs the same at every horizon."""
    predictor, features = trained
    short, long = (predictor.inputs(features, weeks) for weeks in (1.0, 26.0))
    assert list(short.columns) == [*features.columns, "classic_p_alive", *BASE]
    pd.testing.assert_frame_equal(short[predictor.spec.names], long[predictor.spec.names])
    assert short["classic_log_count"].sum() < long["classic_log_count"].sum()  # offsets move
