"""The real path end to end: ingest a store, train (backtest + final model), score, refuse a
model trained on another store version."""

import json
from pathlib import Path

import pandas as pd
import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.pipeline import Horizons, score_store, train_model
from predictors.train import TrainConfig
from tests.factories import simulate_orders, write_csv


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Path]:
    folder = tmp_path_factory.mktemp("pipeline")
    workspace = Workspace(folder / "home")
    orders = write_csv(simulate_orders(customers=700, seed=3), folder / "orders.csv")
    ingest(workspace, IngestRequest({"orders": Source(orders)}))
    result = train_model(workspace, Horizons(90, 365), TrainConfig(epochs=4))
    return workspace, result.folder


def test_training_writes_a_model_with_card_and_backtest(trained: tuple[Workspace, Path]) -> None:
    workspace, folder = trained
    document = json.loads((folder / "predictor.json").read_text())
    assert document["store_version"] == workspace.store().version
    assert document["eligible"] is True
    # Two years of history, a 90-day churn horizon: windows of 13, 10, 6 and 4 weeks.
    assert document["trained_from_weeks"] == 4.0
    models = document["backtest"]["models"]
    assert set(models) == {"bgnbd", "pareto_nbd", "retain"}
    assert 0 <= models["retain"]["brier"] <= 1
    card = (folder / "card.md").read_text()
    assert "## Backtest" in card and "## Limits" in card


def test_scores_every_customer(trained: tuple[Workspace, Path]) -> None:
    workspace, _ = trained
    scores = pd.read_parquet(score_store(workspace))
    assert len(scores) == workspace.store().manifest.customers
    assert scores["customer_id"].is_unique
    assert scores["churn_risk"].between(0, 1).all()
    # The mean of a zero-inflated spend can lie above its 90th percentile (mostly zeros), so
    # only the interval's own order is a rule.
    assert (scores["clv_low"] <= scores["clv_high"]).all()
    assert (scores["clv"] >= 0).all()
    pd.testing.assert_series_equal(
        scores["value_at_risk"], scores["churn_risk"] * scores["clv"], check_names=False
    )
    at_risk = scores.nlargest(20, "churn_risk")
    assert (at_risk["reasons"].str.len() > 0).all()


def test_model_of_another_store_is_refused(trained: tuple[Workspace, Path], tmp_path: Path) -> None:
    workspace, folder = trained
    other = write_csv(simulate_orders(customers=50, seed=9), tmp_path / "other.csv")
    before = workspace.store().version
    ingest(workspace, IngestRequest({"orders": Source(other)}))
    try:
        with pytest.raises(InvalidInput, match=f"model {folder.name} was trained on store"):
            score_store(workspace, folder)
    finally:  # put the original store back for the other tests of this module
        original = workspace.stores_dir / before
        (workspace.home / "store").unlink()
        (workspace.home / "store").symlink_to(original.relative_to(workspace.home))


def test_reasons_point_the_risky_way(trained: tuple[Workspace, Path]) -> None:
    """A reason names a feature on the risky side of the average customer: never "bought more
    recently than usual" or "BG/NBD is sure they are still a customer" as why one may leave."""
    from predictors.artifacts import load_predictor
    from predictors.features import customer_features
    from predictors.history import from_store
    from predictors.reasons import RISKY_WHEN, reason_features

    workspace, folder = trained
    predictor, _ = load_predictor(folder, "cpu")
    history = from_store(workspace.store())
    inputs = predictor.inputs(customer_features(history, history.last_day), 13.0)
    scaled = predictor.spec.transform(inputs)
    column = {name: j for j, name in enumerate(predictor.spec.names)}
    chosen = reason_features(predictor, inputs)
    assert sum(len(names) for names in chosen) > len(chosen) // 2
    for row, names in enumerate(chosen):
        for name in names:
            assert scaled[row, column[name]] * RISKY_WHEN[name] > 0, (name, row)


def test_reason_counts_read_as_words() -> None:
    from predictors.reasons import PHRASES, phrase

    assert phrase("reviews", 1.0) == "wrote 1 review"
    assert phrase("reviews", 3.0) == "wrote 3 reviews"
    assert phrase("days_last_4w", 0.0) == "0 purchase days in the last 4 weeks"
    assert phrase("weeks_since_last", 1.2) == "last purchase 1 week ago"
    assert (
        phrase("classic_p_alive", 0.92) == "BG/NBD puts the chance they are still a customer at 92%"
    )
    assert all("(s)" not in phrase(name, 2.0) for name in PHRASES)
    assert phrase("weeks_since_last", 0.2) == "last purchase this week"


def test_a_store_of_free_orders_trains_with_the_mean_spend(tmp_path: Path) -> None:
    # $0 orders are valid data; Gamma-Gamma has no spend to fit, in the backtest as in training.
    workspace = Workspace(tmp_path / "home")
    orders = simulate_orders(customers=600, seed=4).assign(amount=0.0)
    ingest(workspace, IngestRequest({"orders": Source(write_csv(orders, tmp_path / "o.csv"))}))
    result = train_model(workspace, Horizons(90, 365), TrainConfig(epochs=2))
    assert result.evaluation is not None
    backtest = result.evaluation["models"]["bgnbd"]
    assert "spend_p" not in backtest["params"] and backtest["mae"] is not None


@pytest.mark.parametrize(
    ("days", "why"),
    [
        (["2024-03-01"] * 3, "the orders span 0 days"),
        (["2024-01-01", "2024-02-15", "2024-03-01"], "no customer has bought on two different"),
    ],
)
def test_too_little_history_for_even_the_classic_models_is_refused(
    tmp_path: Path, days: list[str], why: str
) -> None:
    workspace = Workspace(tmp_path / "home")
    orders = pd.DataFrame(
        {"order_id": ["o1", "o2", "o3"], "customer_id": ["a", "b", "c"], "ts": days,
         "amount": [40.0, 25.0, 10.0]}
    )  # fmt: skip
    ingest(workspace, IngestRequest({"orders": Source(write_csv(orders, tmp_path / "o.csv"))}))
    with pytest.raises(InvalidInput, match=f"too little history to predict churn.*{why}"):
        train_model(workspace, Horizons(90, 365), TrainConfig(epochs=1))
