"""A process that dies while applying events loses nothing and duplicates nothing: a fresh
service on the same workspace and database applies the pending events again."""

from pathlib import Path

import pandas as pd
import pytest

from assistant.events.service import EventService
from assistant.persistence import open_app_database
from assistant.settings import Settings
from commerce.workspace import Workspace
from predictors.pipeline import latest_scores
from retrieval.build import open_review_index
from tests.events.conftest import last_day, order, review
from tests.retrieval.fakes import HashingEmbedder


class Crash(BaseException):
    """Stands in for the process dying between two steps: not an Exception, which the applier
    takes for a failure of the events (test_failures.py), but one nothing catches."""


def events(home: Path) -> list[dict[str, object]]:
    day = last_day(home)
    return [
        order("e1", "00020", day, order_id="o-new-1"),
        order("e2", "00999", day, order_id="o-new-2"),  # a customer the store never saw
        review("e3", "00020", day, "stale beans again"),
    ]


def restarted(settings: Settings) -> EventService:
    """A new process: a new database connection and service on the same workspace."""
    embedder = HashingEmbedder()
    return EventService(settings, open_app_database(settings), lambda: embedder)


def assert_applied_once(home: Path, service: EventService) -> None:
    store = Workspace(home).store()
    orders = store.table("orders")
    assert orders["order_id"].isin(["o-new-1", "o-new-2"]).sum() == 2
    assert orders["order_id"].is_unique
    assert store.table("order_items")["order_id"].isin(["o-new-1", "o-new-2"]).sum() == 2
    assert store.table("reviews")["review_id"].is_unique
    assert store.table("customers")["customer_id"].is_unique
    assert "00999" in set(store.table("customers")["customer_id"])
    index = open_review_index(Workspace(home))
    assert (index.metadata["review_id"] == "e3").sum() == 1
    scores = latest_scores(Workspace(home))
    assert scores is not None and scores["customer_id"].is_unique
    assert "00999" in set(scores["customer_id"])  # the new customer is scored
    assert service.status() | {"pending": 0, "applied": 3, "failed": 0} == service.status()


@pytest.mark.parametrize("step", ["stored", "scored", "indexed"])
def test_a_crash_after_a_step_is_repaired_on_restart(
    settings: Settings, service: EventService, home: Path, step: str
) -> None:
    def die(reached: str) -> None:
        if reached == step:
            raise Crash(step)

    service.applier.after_step = die
    root = Workspace(home).store().version
    risk_before = latest_scores(Workspace(home)).set_index("customer_id")["churn_risk"]  # type: ignore[union-attr]
    assert service.submit(events(home), "test").accepted == 3
    with pytest.raises(Crash):
        service.apply_pending()
    assert service.status()["pending"] == 3  # not marked: they will be applied again

    fresh = restarted(settings)
    batch = fresh.apply_pending()
    assert batch is not None and sorted(batch.event_ids) == ["e1", "e2", "e3"]
    assert len(batch.reviews) == 1  # told again: the listeners never heard of them
    # ...with what changed since before the first try, as if it had not died
    assert batch.previous_version == root != batch.store_version
    before = batch.scores_before.set_index("customer_id")["churn_risk"]
    after = batch.scores_after.set_index("customer_id")["churn_risk"]
    pd.testing.assert_series_equal(before, risk_before)
    assert after["00020"] != before["00020"] and "00999" not in before.index
    assert_applied_once(home, fresh)


def test_events_logged_before_a_crash_are_applied_at_the_next_start(
    settings: Settings, service: EventService, home: Path
) -> None:
    version = Workspace(home).store().version
    service.submit(events(home), "test")  # ...and the process died before applying them
    assert Workspace(home).store().version == version

    fresh = restarted(settings)
    assert fresh.drain() != []
    assert_applied_once(home, fresh)
