"""An owed batch's record on SQLite and PostgreSQL: written with the mark, rebuilt as it was
(reviews with missing ratings and NUL characters included), told once, pruned."""

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from assistant.events import handoff, log
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import AppliedBatchRow
from commerce.workspace import Workspace
from tests.alerts.factories import make_batch, make_reviews, make_scores, population
from tests.persistence.conftest import database_url, postgres_server

__all__ = ["database_url", "postgres_server"]


FIRST, SECOND = "a" * 19 + "@" + "b" * 12, "c" * 19 + "@" + "b" * 12  # application tokens


@pytest.fixture
def db(database_url: str) -> Iterator[AppDatabase]:
    with AppDatabase(database_url) as database:
        database.create_all()
        yield database


def owe(db: AppDatabase, workspace: Workspace, application: str, version: str) -> None:
    """Mark a batch applied the way the applier does: scores files linked, record with the mark."""
    scores = workspace.home / f"scores-{version}.parquet"
    make_scores(population()).to_parquet(scores, index=False)
    reviews = make_reviews([{"review_id": "r1", "customer_id": "10003", "rating": float("nan"),
                             "sentiment": -0.9, "text": "awful\x00 beans"}])  # fmt: skip
    batch = make_batch(make_scores(population()), make_scores(population()), reviews, version)
    files = handoff.keep(workspace, application, scores, scores)
    row = handoff.record(application, batch, files)
    log.mark_applied(db, [], version, at=batch.applied_at, batch=row)


def test_a_record_rebuilds_its_batch_and_is_pruned_once_told(
    db: AppDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handoff, "KEEP_TOLD", 1)
    workspace = Workspace(tmp_path / "home")
    workspace.home.mkdir()
    owe(db, workspace, FIRST, "v2")
    owe(db, workspace, SECOND, "v3")
    first, second = handoff.owed(db)
    batch = handoff.rebuild(workspace, first)
    assert (batch.store_version, batch.handoff) == ("v2", FIRST)
    assert batch.customers == list(population())
    pd.testing.assert_frame_equal(batch.scores_after, make_scores(population()))
    [review] = batch.reviews.to_dict("records")
    assert review["text"] == "awful beans" and pd.isna(review["rating"])
    assert review["ts"] == pd.Timestamp("2025-02-01") and review["sentiment"] == -0.9

    handoff.told(db, workspace, first.application)
    handoff.told(db, workspace, first.application)  # twice: still one told record
    assert [r.application for r in handoff.owed(db)] == [second.application]
    handoff.drop(
        db, workspace, second, handoff.unbuildable(FileNotFoundError("scores_after.parquet"))
    )
    assert handoff.owed_count(db) == 0
    with db.read_session() as session:  # the newest done one kept (KEEP_TOLD), with why
        kept = session.scalars(select(AppliedBatchRow)).all()
    reason = "cannot be rebuilt: FileNotFoundError: scores_after.parquet"
    assert [(r.application, r.error) for r in kept] == [(SECOND, reason)]
    assert sorted(p.name for p in handoff.batches_folder(workspace).iterdir()) == []
