"""No alert is lost between "events applied" and "alerts stored": a process that dies there,
or an alert store that keeps failing, leaves the batch owed, and the next start raises its
alerts exactly once (the real events path on a trained workspace, wired as the app wires it)."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from assistant.alerts.model import Alert, NewAlert
from assistant.alerts.service import AlertService
from assistant.events.service import EventService
from assistant.persistence import AppDatabase, open_app_database
from assistant.settings import Settings
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from tests.events.conftest import events_home, last_day, review
from tests.events.test_crash import Crash
from tests.retrieval.fakes import HashingEmbedder

__all__ = ["events_home"]  # the events tests' trained workspace, built once a session

Wired = tuple[EventService, AlertService]


@pytest.fixture
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    trained: Path = request.getfixturevalue("events_home")
    home = Path(shutil.copytree(trained, tmp_path / "home", symlinks=True))
    return Settings(home=home, database_url=f"sqlite:///{tmp_path / 'app.db'}",
                    device="cpu", events_worker=False)  # fmt: skip


@pytest.fixture
def start(settings: Settings) -> Iterator[Callable[[], Wired]]:
    """Start a process: a new database connection, events service and alerts listening."""
    opened: list[AppDatabase] = []

    def started() -> Wired:
        db = open_app_database(settings)
        opened.append(db)
        embedder = HashingEmbedder()
        events = EventService(settings, db, lambda: embedder)
        data = StoreData(Workspace(settings.home), settings)
        alerts = AlertService(db, settings, lambda: data.segment_frame()["segment"])
        events.listeners.append(alerts.on_applied)
        return events, alerts

    yield started
    for db in opened:
        db.close()


def unhappy(home: Path) -> list[dict[str, object]]:
    return [review("a1", "00007", last_day(home), "Stale, awful coffee. Never again.", 1.0)]


def raised(alerts: AlertService) -> list[tuple[str, str | None]]:
    return [(a.rule, a.customer_id) for a in alerts.list("admin", "all")]


def test_alerts_of_a_batch_the_process_died_on_are_raised_once_at_the_next_start(
    settings: Settings, start: Callable[[], Wired], monkeypatch: pytest.MonkeyPatch
) -> None:
    events, alerts = start()

    def dies(new: list[NewAlert], outbox: bool = False) -> list[Alert]:
        raise Crash("the process died before the alerts were stored")

    monkeypatch.setattr(alerts.store, "raise_alerts", dies)
    assert events.submit(unhappy(settings.home), "test").accepted == 1
    with pytest.raises(Crash):
        events.apply_pending()
    assert events.status()["pending"] == 0 and raised(alerts) == []

    events, alerts = start()
    assert events.drain() == []  # nothing pending: the batch comes from what it is owed
    assert raised(alerts) == [("negative_review", "00007")]
    [alert] = alerts.list("admin", "all")
    assert alert.facts["review_id"] == "a1" and alert.facts["rating"] == 1.0
    assert alert.facts["store_version"] == Workspace(settings.home).store().version

    events, alerts = start()
    assert events.drain() == [] and events.retell() == 0  # a second restart: nothing new
    assert [a.id for a in alerts.list("admin", "all")] == [alert.id]


def test_alerts_the_store_could_not_keep_are_raised_when_it_works_again(
    settings: Settings, start: Callable[[], Wired], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.alerts.service.STORE_RETRY_WAITS_S", (0.0,))
    events, alerts = start()

    def locked(new: list[NewAlert], outbox: bool = False) -> list[Alert]:
        raise OperationalError("INSERT INTO alerts", {}, Exception("database is locked"))

    monkeypatch.setattr(alerts.store, "raise_alerts", locked)
    events.submit(unhappy(settings.home), "test")
    assert events.apply_pending() is not None  # applied; its alerts failed after the retry
    assert raised(alerts) == []

    events, alerts = start()
    events.drain()
    assert raised(alerts) == [("negative_review", "00007")]
    events.drain()
    assert raised(alerts) == [("negative_review", "00007")]
