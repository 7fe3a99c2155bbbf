"""The batch of an application stays owed to the listeners until they finished with it: a
process that dies after the events are marked applied, or a listener that fails, leaves it
owed, and the next start (or application) rebuilds it and tells it again, oldest first."""

import logging
import os
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, insert, select

from assistant.events import handoff
from assistant.events.batch import AppliedBatch
from assistant.events.service import EventService
from assistant.persistence import open_app_database
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import SCHEMA_VERSION, AppliedBatchRow, Base, SchemaVersionRow
from assistant.settings import Settings
from commerce.workspace import Workspace
from predictors.pipeline import latest_scores, scores_folder
from tests.events.conftest import last_day, order, review
from tests.events.test_crash import Crash
from tests.retrieval.fakes import HashingEmbedder


def crash_after_marking(reached: str) -> None:
    if reached == "marked":
        raise Crash(reached)


def restarted(settings: Settings, heard: list[AppliedBatch]) -> EventService:
    """A new process whose one listener records what it hears."""
    embedder = HashingEmbedder()
    service = EventService(settings, open_app_database(settings), lambda: embedder)
    service.listeners.append(heard.append)
    return service


def rows(db: AppDatabase) -> list[AppliedBatchRow]:
    with db.read_session() as session:
        return list(session.scalars(select(AppliedBatchRow).order_by(AppliedBatchRow.id)))


def kept_folders(home: Path) -> list[str]:
    folder = handoff.batches_folder(Workspace(home))
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_batch_marked_applied_before_a_crash_is_told_once_at_the_next_start(
    settings: Settings, service: EventService, home: Path
) -> None:
    day = last_day(home)
    root = Workspace(home).store().version
    risk_before = latest_scores(Workspace(home)).set_index("customer_id")["churn_risk"]  # type: ignore[union-attr]
    service.listeners.append(lambda batch: pytest.fail("told before the crash"))
    service.applier.after_step = crash_after_marking
    service.submit([order("e1", "00020", day, order_id="o-new-1"),
                    review("e2", "00020", day, "stale beans again")], "test")  # fmt: skip
    with pytest.raises(Crash):
        service.apply_pending()
    assert service.status()["pending"] == 0  # applied: nothing pending brings it back

    heard: list[AppliedBatch] = []
    assert restarted(settings, heard).drain() == []
    [batch] = heard
    assert sorted(batch.event_ids) == ["e1", "e2"] and batch.customers == ["00020"]
    assert batch.previous_version == root and batch.store_version == Workspace(home).store().version
    before = batch.scores_before.set_index("customer_id")["churn_risk"]
    after = batch.scores_after.set_index("customer_id")["churn_risk"]
    pd.testing.assert_series_equal(before, risk_before)
    assert after["00020"] != before["00020"]
    assert batch.reviews["review_id"].tolist() == ["e2"]
    assert batch.reviews["sentiment"].notna().all()
    assert batch.reviews["ts"].tolist() == [pd.Timestamp(f"{day:%Y-%m-%d} 13:00:00")]

    again: list[AppliedBatch] = []
    assert restarted(settings, again).retell() == 0  # a second restart: nothing owed
    assert again == [] and kept_folders(home) == []
    assert [r.told_at is not None and r.error is None for r in rows(service.db)] == [True]


def test_a_full_rescore_keeps_links_to_the_scores_not_a_row_per_customer(
    settings: Settings, service: EventService, home: Path
) -> None:
    service.applier.after_step = crash_after_marking
    service.submit([order("e1", "00020", last_day(home) + pd.Timedelta(days=3))], "test")
    with pytest.raises(Crash):
        service.apply_pending()
    [row] = rows(service.db)
    assert row.full_rescore and row.customers == []
    current = scores_folder(Workspace(home))
    assert current is not None
    kept = handoff.batches_folder(Workspace(home)) / row.application
    assert os.path.samefile(kept / row.files["scores_after"], current / "scores.parquet")

    heard: list[AppliedBatch] = []
    restarted(settings, heard).retell()
    [batch] = heard
    assert batch.full_rescore and batch.customers == batch.scores_after["customer_id"].tolist()
    assert len(batch.customers) == len(latest_scores(Workspace(home)))  # type: ignore[arg-type]


def test_a_failing_listener_hears_the_batch_again_before_the_next_one(
    service: EventService, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    day = last_day(home)
    heard: list[list[str]] = []
    failures = [RuntimeError("alerts database locked")]  # the first telling only

    def flaky(batch: AppliedBatch) -> None:
        heard.append(batch.event_ids)
        if failures:
            raise failures.pop()

    service.listeners.append(flaky)
    service.submit([order("e1", "00020", day, order_id="o-1")], "test")
    service.apply_pending()
    assert "the batch stays owed" in caplog.text
    assert handoff.owed_count(service.db) == 1 and len(kept_folders(home)) == 1
    assert service.status()["listeners_owed"] == 1

    service.submit([order("e2", "00021", day, order_id="o-2")], "test")
    service.apply_pending()
    assert heard == [["e1"], ["e1"], ["e2"]]  # in order: the owed one first
    assert handoff.owed_count(service.db) == 0 and kept_folders(home) == []


def test_a_batch_a_listener_always_fails_on_is_dropped_after_max_tells(
    service: EventService, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    day = last_day(home)
    tells: list[list[str]] = []

    def broken(batch: AppliedBatch) -> None:  # a rules bug this batch's data finds, for good
        tells.append(batch.event_ids)
        if batch.event_ids == ["e1"]:
            raise ValueError("no rule can read this batch")

    service.listeners.append(broken)
    service.submit([order("e1", "00020", day, order_id="o-1")], "test")
    service.apply_pending()
    for n in range(2, handoff.MAX_TELLS + 2):  # each application tells the owed one first
        service.submit([order(f"e{n}", "00021", day, order_id=f"o-{n}")], "test")
        service.apply_pending()
    assert tells.count(["e1"]) == handoff.MAX_TELLS  # then no more: dropped, not owed for ever
    assert handoff.owed_count(service.db) == 0 and kept_folders(home) == []
    assert f"the listeners failed on it {handoff.MAX_TELLS} times" in caplog.text
    [dropped] = [r for r in rows(service.db) if r.error]
    assert dropped.event_ids == ["e1"] and dropped.tells_failed == handoff.MAX_TELLS


def test_a_batch_that_cannot_be_rebuilt_is_logged_by_name_and_dropped(
    settings: Settings, service: EventService, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    service.applier.after_step = crash_after_marking
    service.submit([order("e1", "00020", last_day(home))], "test")
    with pytest.raises(Crash):
        service.apply_pending()
    [row] = rows(service.db)
    for kept in (handoff.batches_folder(Workspace(home)) / row.application).iterdir():
        kept.unlink()  # its scores files are gone

    heard: list[AppliedBatch] = []
    fresh = restarted(settings, heard)
    with caplog.at_level(logging.ERROR, "retain.events"):
        assert fresh.retell() == 0
    assert heard == []
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert row.application in error.getMessage() and "FileNotFoundError" in error.getMessage()
    [dropped] = rows(service.db)
    assert dropped.told_at is not None and "cannot be rebuilt" in (dropped.error or "")
    assert fresh.retell() == 0 and heard == []  # dropped for good: not tried again


def test_only_the_newest_told_batches_are_kept(
    service: EventService, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handoff, "KEEP_TOLD", 2)
    service.listeners.append(lambda batch: None)
    for n in range(3):
        service.submit([order(f"e{n}", "00020", last_day(home), order_id=f"o-{n}")], "test")
        service.apply_pending()
    kept = rows(service.db)
    assert [r.event_ids for r in kept] == [["e1"], ["e2"]]
    assert all(r.told_at is not None for r in kept) and kept_folders(home) == []


def test_kept_files_no_owed_batch_names_are_deleted(service: EventService, home: Path) -> None:
    # A told batch whose process died before deleting its files, a try that died before marking
    stray = handoff.batches_folder(Workspace(home)) / "0123456789abcdef012@0123456789ab"
    stray.mkdir(parents=True)
    (stray / "scores_after.parquet").write_bytes(b"")
    service.listeners.append(lambda batch: None)
    assert service.retell() == 0
    assert kept_folders(home) == []


def test_the_worker_tells_owed_batches_when_it_starts(
    settings: Settings, service: EventService, home: Path
) -> None:
    service.applier.after_step = crash_after_marking
    service.submit([order("e1", "00020", last_day(home))], "test")
    with pytest.raises(Crash):
        service.apply_pending()

    heard: list[AppliedBatch] = []
    fresh = restarted(settings, heard)
    told = threading.Event()
    fresh.listeners.append(lambda batch: told.set())
    fresh.start()
    try:
        assert told.wait(60), fresh.status()
    finally:
        fresh.stop()
    assert [b.event_ids for b in heard] == [["e1"]]


def test_an_app_database_made_before_the_hand_off_table_gains_it(
    settings: Settings, home: Path
) -> None:
    engine = create_engine(settings.app_database_url())
    earlier = [t for t in Base.metadata.sorted_tables if t.name != "applied_batches"]
    Base.metadata.create_all(engine, tables=earlier)
    with engine.begin() as connection:
        for version in range(1, SCHEMA_VERSION + 1):
            connection.execute(insert(SchemaVersionRow).values(version=version))
    engine.dispose()

    heard: list[AppliedBatch] = []
    service = restarted(settings, heard)  # opens it: create_all adds the table
    assert service.db.schema_version() == SCHEMA_VERSION
    service.submit([order("e1", "00020", last_day(home))], "test")
    assert service.drain() != [] and [b.event_ids for b in heard] == [["e1"]]
    assert [r.event_ids for r in rows(service.db)] == [["e1"]]
