"""Computed answers (forecasts) after events: the answer of the version before is served while
the new one is computed in the background, never across a re-ingested store or while held."""

import threading
from pathlib import Path

import pandas as pd
import pytest

from assistant.events.service import EventService
from assistant.llm.fake import ScriptedChatModel
from assistant.settings import Settings
from assistant.tools import model_report
from assistant.tools.base import ToolContext
from assistant.tools.data import StoreData
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from tests.events.conftest import last_day, order
from tests.retrieval.fakes import HashingEmbedder


class Versions:
    """A computation that returns the store version it saw; `gate` can hold it back."""

    def __init__(self, data: StoreData) -> None:
        self.data = data
        self.gate = threading.Event()
        self.gate.set()
        self.calls = 0
        self.started = threading.Event()

    def __call__(self) -> str:
        self.calls += 1
        self.started.set()
        assert self.gate.wait(timeout=30)
        return self.data.store().version


def _grow(service: EventService, home: Path, event_id: str) -> str:
    service.submit([order(event_id, "00010", last_day(home))], "test")
    batch = service.apply_pending()
    assert batch is not None
    return batch.store_version


def test_after_events_the_answer_before_is_served_while_the_new_one_is_computed(
    service: EventService, home: Path, settings: Settings
) -> None:
    data = StoreData(Workspace(home), settings)
    compute = Versions(data)

    def ask() -> str:
        return data.memo("answer", ("store",), compute, stale_while=("store_root",))

    first = ask()
    grown = _grow(service, home, "e1")
    compute.gate.clear()  # the background computation waits until released
    compute.started.clear()
    assert ask() == first  # at once, from the version before
    assert compute.started.wait(timeout=30)
    assert ask() == first and compute.calls == 2  # one background computation, not two
    compute.gate.set()
    for _ in range(3000):  # the background thread stores its answer right after computing it
        if ask() == grown:
            break
        threading.Event().wait(0.01)
    assert ask() == grown and compute.calls == 2


def test_without_stale_while_or_across_a_new_store_the_request_waits(
    service: EventService, home: Path, settings: Settings, tmp_path: Path
) -> None:
    data = StoreData(Workspace(home), settings)
    compute = Versions(data)
    plain = data.memo("plain", ("store",), compute)
    stale_ok = data.memo("stale_ok", ("store",), compute, stale_while=("store_root",))
    grown = _grow(service, home, "e1")
    assert data.memo("plain", ("store",), compute) == grown != plain
    orders = pd.DataFrame(
        {"order_id": ["n1"], "customer_id": ["z1"], "ts": ["2025-01-01"], "amount": [5.0]}
    )
    orders.to_csv(tmp_path / "orders.csv", index=False)
    ingest(Workspace(home), IngestRequest({"orders": Source(tmp_path / "orders.csv")}))
    fresh = data.memo("stale_ok", ("store",), compute, stale_while=("store_root",))
    assert fresh == Workspace(home).store().version and fresh != stale_ok


def test_an_answer_computed_while_held_is_renewed_after_refresh(
    service: EventService, home: Path, settings: Settings
) -> None:
    data = StoreData(Workspace(home), settings)
    compute = Versions(data)
    before = data.store().version
    data.hold()
    grown = _grow(service, home, "e1")
    assert data.memo("answer", ("store",), compute) == before  # from the held store
    data.refresh()
    assert data.memo("answer", ("store",), compute) == grown


class CountingReaders:
    def __init__(self) -> None:
        self.holds = self.refreshes = 0

    def hold(self) -> None:
        self.holds += 1

    def refresh(self) -> None:
        self.refreshes += 1


def test_an_idle_poll_does_not_hold_the_data(
    settings: Settings, service: EventService, home: Path, embedder: HashingEmbedder
) -> None:
    """Answers computed while held count as older ones, so a poll with nothing to apply (every
    second) must not hold: a forecast started then would be computed again at once."""
    readers = CountingReaders()
    worker = EventService(settings, service.db, lambda: embedder, readers=readers)
    assert worker.apply_pending() is None and readers.holds == 0
    worker.submit([order("e1", "00010", last_day(home))], "test")
    assert worker.apply_pending() is not None
    assert (readers.holds, readers.refreshes) == (1, 1)


def test_the_model_reports_replayed_calibration_is_served_from_the_version_before(
    service: EventService, home: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = StoreData(Workspace(home), settings)
    compute = Versions(data)
    monkeypatch.setattr(model_report, "_replayed", lambda _: [{"store_version": compute()}])
    ctx = ToolContext(settings, "admin", data, lambda: ScriptedChatModel(()), HashingEmbedder)

    def calibration() -> str:
        return str(model_report.model_report(ctx).result["calibration"][0]["store_version"])

    first = calibration()
    _grow(service, home, "e1")
    compute.gate.clear()
    compute.started.clear()
    try:
        assert calibration() == first  # the replay of the version before, at once
        assert compute.started.wait(timeout=30) and compute.calls == 2  # the new one, behind
    finally:
        compute.gate.set()
