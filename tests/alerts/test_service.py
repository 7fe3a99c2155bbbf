"""AlertService.on_applied: the listener the events service calls after each batch."""

import asyncio

import pandas as pd
import pytest
from sqlalchemy.exc import DataError, OperationalError

from assistant.alerts.feed import FeedEvent, Item
from assistant.alerts.model import Alert, NewAlert
from assistant.alerts.service import AlertService
from assistant.persistence import AppDatabase, Principal
from assistant.roles import Role
from assistant.settings import Settings
from tests.alerts.factories import make_batch, make_reviews, make_scores, population
from tests.asyncio_helpers import run_on_fresh_loop

VIP = "00042"


def batch_with_everything(version: str = "v2") -> object:
    lost = {f"3{i:04d}": i for i in range(20)}
    before = make_scores(population() | {VIP: (0.5, 500.0)} | {c: (0.2, 1.0) for c in lost})
    after = make_scores(population() | {VIP: (0.8, 500.0)} | {c: (0.4, 1.0) for c in lost})
    reviews = make_reviews([{"review_id": "r1", "customer_id": "10003", "rating": 1}])
    return make_batch(before, after, reviews, version=version)


def lost_segments() -> "pd.Series[str]":
    return pd.Series(dict.fromkeys([f"3{i:04d}" for i in range(20)], "lost"))


def test_a_replayed_batch_raises_each_alert_once_and_publishes_it_once(
    sqlite_db: AppDatabase, people: dict[Role, Principal]
) -> None:
    alerts = AlertService(sqlite_db, Settings(), lost_segments)

    async def scenario() -> list[Item]:
        subscription = alerts.subscribe("operator")
        first = alerts.raise_for(batch_with_everything())  # type: ignore[arg-type]
        again = alerts.raise_for(batch_with_everything())  # type: ignore[arg-type]
        assert [a.rule for a in first] == ["risk_crossing", "negative_review", "segment_jump"]
        assert again == []
        alerts.acknowledge(first[0].id, people["operator"])
        alerts.acknowledge(first[0].id, people["operator"])  # no second event
        alerts.stop()
        got: list[Item] = []
        while not got or isinstance(got[-1], FeedEvent):
            got.append(await asyncio.wait_for(subscription.get(), 10))
        return got

    events = run_on_fresh_loop(scenario())
    shown = [(e.kind, e.alert.id) for e in events if isinstance(e, FeedEvent)]
    assert shown == [("alert", 1), ("alert", 2), ("alert", 3), ("acknowledged", 1)]
    assert [a.id for a in alerts.list("operator", "all")] == [3, 2, 1]
    assert [a.id for a in alerts.list("support", "open")] == [2]


def test_a_failing_segments_provider_still_raises_customer_alerts(sqlite_db: AppDatabase) -> None:
    def broken() -> "pd.Series[str]":
        raise RuntimeError("no store yet")

    alerts = AlertService(sqlite_db, Settings(), broken)
    raised = alerts.raise_for(batch_with_everything())  # type: ignore[arg-type]
    assert [a.rule for a in raised] == ["risk_crossing", "negative_review"]


def test_a_failure_in_the_rules_is_logged_not_raised(
    sqlite_db: AppDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    batch = make_batch(make_scores({}), make_scores({}))
    broken = batch.__class__(**{**batch.__dict__, "scores_after": "not a frame"})
    assert AlertService(sqlite_db, Settings(), lost_segments).raise_for(broken) == []
    assert [r.message for r in caplog.records] == ["alert rules failed"]


def test_on_applied_is_a_listener_that_raises_and_returns_nothing(sqlite_db: AppDatabase) -> None:
    alerts = AlertService(sqlite_db, Settings(), lost_segments)
    listener = alerts.on_applied
    assert listener(batch_with_everything()) is None  # type: ignore[arg-type]
    listener(batch_with_everything())  # type: ignore[arg-type]
    assert [a.rule for a in alerts.list("admin", "all")] == [
        "segment_jump", "negative_review", "risk_crossing",
    ]  # fmt: skip


def test_alerts_are_stored_after_the_database_was_briefly_unavailable(
    sqlite_db: AppDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The batch is applied already, and telling it again waits for the next application or
    # start: a brief lock must not delay its alerts that long.
    monkeypatch.setattr("assistant.alerts.service.STORE_RETRY_WAITS_S", (0.0, 0.0))
    alerts = AlertService(sqlite_db, Settings(), lost_segments)
    real, tries = alerts.store.raise_alerts, [0]

    def locked_twice(new: list[NewAlert], outbox: bool = False) -> list[Alert]:
        tries[0] += 1
        if tries[0] <= 2:
            raise OperationalError("INSERT INTO alerts", {}, Exception("database is locked"))
        return real(new, outbox)

    monkeypatch.setattr(alerts.store, "raise_alerts", locked_twice)
    raised = alerts.raise_for(batch_with_everything())  # type: ignore[arg-type]
    assert [a.rule for a in raised] == ["risk_crossing", "negative_review", "segment_jump"]
    assert tries == [3]


def test_the_listener_raises_when_the_alerts_cannot_be_stored(
    sqlite_db: AppDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ...so the events service keeps the batch owed and tells it again (tests/alerts/
    # test_owed_batches.py); raise_for, for callers that want the alerts, still never raises.
    monkeypatch.setattr("assistant.alerts.service.STORE_RETRY_WAITS_S", (0.0,))
    alerts = AlertService(sqlite_db, Settings(), lost_segments)

    def locked(new: list[NewAlert], outbox: bool = False) -> list[Alert]:
        raise OperationalError("INSERT INTO alerts", {}, Exception("database is locked"))

    monkeypatch.setattr(alerts.store, "raise_alerts", locked)
    with pytest.raises(OperationalError):
        alerts.on_applied(batch_with_everything())  # type: ignore[arg-type]
    assert alerts.raise_for(batch_with_everything()) == []  # type: ignore[arg-type]


def test_an_alert_the_database_refuses_loses_only_itself(
    sqlite_db: AppDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    alerts = AlertService(sqlite_db, Settings(), lost_segments)
    real = alerts.store.raise_alerts

    def refuses_reviews(new: list[NewAlert], outbox: bool = False) -> list[Alert]:
        if any(a.rule == "negative_review" for a in new):
            raise DataError("INSERT INTO alerts", {}, Exception("value too long"))
        return real(new, outbox)

    monkeypatch.setattr(alerts.store, "raise_alerts", refuses_reviews)
    raised = alerts.raise_for(batch_with_everything())  # type: ignore[arg-type]
    assert [a.rule for a in raised] == ["risk_crossing", "segment_jump"]
