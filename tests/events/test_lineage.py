"""Artifacts built from a version the store grew from stay usable; those of another store are
still refused, naming both versions."""

from pathlib import Path

import pytest

from assistant.events.service import EventService
from assistant.llm.fake import ScriptedChatModel
from assistant.status import workspace_status
from assistant.tools.base import ToolContext
from assistant.tools.data import StoreData
from assistant.tools.model_report import model_report
from commerce.errors import InvalidInput
from commerce.workspace import Workspace
from retrieval.artifact import check_current
from retrieval.build import open_customer_index
from tests.events.conftest import last_day, order
from tests.retrieval.fakes import HashingEmbedder


def test_check_current_accepts_the_lineage_only() -> None:
    record = {"store_version": "aaaaaaaaaaaa"}
    check_current(record, "aaaaaaaaaaaa", "review index")
    check_current(record, "bbbbbbbbbbbb", "review index", lineage=["aaaaaaaaaaaa"])
    with pytest.raises(
        InvalidInput, match="built from store aaaaaaaaaaaa but the current store is"
    ):
        check_current(record, "bbbbbbbbbbbb", "review index", lineage=["cccccccccccc"])


def test_after_events_the_model_and_indexes_are_still_current(
    service: EventService, home: Path
) -> None:
    workspace = Workspace(home)
    root = workspace.store().version
    service.submit([order("e1", "00010", last_day(home))], "test")
    batch = service.apply_pending()
    assert batch is not None and workspace.store().version != root

    index = open_customer_index(workspace)  # built from the root: still usable
    assert "00010" in index.positions
    data = StoreData(workspace, service.settings)
    model = ScriptedChatModel([])
    embedder = HashingEmbedder()
    ctx = ToolContext(service.settings, "operator", data, lambda: model, lambda: embedder)
    freshness = model_report(ctx).result["freshness"]
    assert freshness["store_version"] == batch.store_version
    assert freshness["model_is_current"] is True
    assert freshness["review_index"] == freshness["customer_index"] == "current"
    artifacts = workspace_status(workspace)["artifacts"]
    assert artifacts and not [a for a in artifacts if a["stale"]]
