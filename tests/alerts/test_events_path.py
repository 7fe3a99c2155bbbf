"""Alerts from the real events path: events submitted and applied to a trained workspace, the
AlertService registered as the events service's listener, as the app wires them."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from assistant.alerts.service import AlertService
from assistant.events.service import EventService
from assistant.persistence import open_app_database
from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from tests.events.conftest import events_home, last_day, order, review
from tests.retrieval.fakes import HashingEmbedder

__all__ = ["events_home"]  # the events tests' trained workspace, built once a session


@pytest.fixture
def wired(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[EventService, AlertService, StoreData]]:
    """A copy of the trained workspace, the events service and the alerts listening to it."""
    trained: Path = request.getfixturevalue("events_home")
    home = Path(shutil.copytree(trained, tmp_path / "home", symlinks=True))
    settings = Settings(home=home, database_url=f"sqlite:///{tmp_path / 'app.db'}",
                        device="cpu", events_worker=False)  # fmt: skip
    db = open_app_database(settings)
    embedder = HashingEmbedder()
    events = EventService(settings, db, lambda: embedder)
    data = StoreData(Workspace(home), settings)
    alerts = AlertService(db, settings, lambda: data.segment_frame()["segment"])
    events.listeners.append(alerts.on_applied)
    yield events, alerts, data
    db.close()


def test_a_replayed_batch_from_the_events_path_raises_each_alert_once(
    wired: tuple[EventService, AlertService, StoreData],
) -> None:
    events, alerts, data = wired
    day = last_day(data.workspace.home)
    submitted = [
        review("a1", "00007", day, "Stale, awful coffee. Never again.", rating=1.0),
        order("a2", "00008", day, amount=12.0),
    ]
    assert events.submit(submitted, "test").accepted == 2
    [batch] = events.drain()
    raised = alerts.list("admin", "all")
    assert [(a.rule, a.customer_id) for a in raised] == [("negative_review", "00007")]
    facts = raised[0].facts
    assert facts["review_id"] == "a1" and facts["rating"] == 1.0
    assert facts["excerpt"] == "Stale, awful coffee. Never again."
    assert facts["store_version"] == batch.store_version == data.store().version

    assert events.submit(submitted, "test").accepted == 0  # sent again: duplicates
    assert events.drain() == []
    assert alerts.raise_for(batch) == []  # the same batch handed over again
    assert [a.id for a in alerts.list("admin", "all")] == [raised[0].id]
    assert isinstance(data.segment_frame()["segment"], pd.Series)
