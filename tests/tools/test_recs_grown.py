"""The served recommender grows its signals from the version served before (the rows events
appended), instead of reading the whole store again for every applied batch."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import assistant.tools.data as data_module
from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from retrieval.recs.build import build_recommender
from retrieval.recs.model import ModelConfig
from retrieval.recs.signals import StoreSignals, read_signals
from tests.retrieval.fakes import HashingEmbedder
from tests.retrieval.recs.factories import write_shop

SMALL = ModelConfig(dim=8, negatives=16, epochs=2, patience=0, cuts_per_user=2)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    workspace = write_shop(tmp_path / "retain", tmp_path / "sources")
    build_recommender(workspace, HashingEmbedder(), config=SMALL)
    return workspace


def test_each_version_grows_from_the_one_served_before(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown_from: list[StoreSignals | None] = []

    def noted(*args: Any) -> StoreSignals:
        grown_from.append(args[3])
        return read_signals(*args)

    monkeypatch.setattr(data_module, "read_signals", noted)
    data = StoreData(workspace, Settings(home=workspace.home))
    first = data.recommender()
    assert "kettle" in {r.product_id for r in first.recommend("k03", 20)}
    data.hold()  # as the events worker does around an application
    workspace.grow(
        {
            "orders": pd.DataFrame(
                {
                    "order_id": ["o-new"],
                    "customer_id": ["k03"],
                    "ts": [pd.Timestamp("2024-06-01")],
                    "amount": [5.0],
                }
            ),
            "order_items": pd.DataFrame(
                {"order_id": ["o-new"], "product_id": ["kettle"], "quantity": [1], "price": [5.0]}
            ),
        }
    )
    assert data.recommender() is first  # held: the version before is served meanwhile
    data.refresh()
    after = data.recommender()
    assert grown_from == [None, first.signals]
    assert after.trained is first.trained  # the same model and vectors: not loaded again
    assert "kettle" not in {r.product_id for r in after.recommend("k03", 20)}  # not repeatable
