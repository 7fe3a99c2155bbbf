"""An application that fails with an error (not a crash) ends cleanly: the store and the
model's scores are put back, the event that fails is marked failed naming the error, the others
are applied, and later events do not wait behind it."""

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.events import apply, log
from assistant.events.batch import AppliedBatch
from assistant.events.service import EventService
from commerce.errors import Unavailable
from commerce.workspace import ABANDONED, Workspace
from predictors.pipeline import latest_scores, scores_folder
from predictors.rescore import rescore as real_rescore
from tests.events.conftest import last_day, order, review

POISON = "09999"  # a new customer whose scoring raises, as an overflowed spend once did


@pytest.fixture
def poisoned(monkeypatch: pytest.MonkeyPatch) -> list[Collection[str]]:
    """Scoring raises a plain ValueError for any application that holds POISON's event;
    returns the customers of each scoring call."""
    calls: list[Collection[str]] = []

    def rescore(*args: Any, **kwargs: Any) -> Any:
        customers = args[4]
        calls.append(customers)
        if POISON in customers:
            raise ValueError("monetary_value contains NaN or infinite values")
        return real_rescore(*args, **kwargs)

    monkeypatch.setattr(apply, "rescore", rescore)
    return calls


def test_the_failing_event_is_found_and_marked_and_the_others_applied(
    service: EventService, home: Path, poisoned: list[Collection[str]]
) -> None:
    workspace = Workspace(home)
    root = workspace.store().version
    day = last_day(home)
    events = [
        order("e1", "00020", day, order_id="o-1"),
        order("e2", "00021", day, order_id="o-2"),
        order("bad", POISON, day, order_id="o-bad"),
        review("e4", "00022", day, "stale again"),
    ]
    assert service.submit(events, "test").accepted == 4

    batches = service.drain()  # no error comes out, and nothing is left pending

    failed = {k: v for b in batches for k, v in b.failed.items()}
    assert list(failed) == ["bad"]
    assert failed["bad"] == (
        "applying it failed: ValueError: monetary_value contains NaN or infinite values"
    )
    assert sorted(e for b in batches for e in b.event_ids) == ["e1", "e2", "e4"]
    status = service.status()
    assert status | {"pending": 0, "applied": 3, "failed": 1} == status
    # The store holds exactly what the log calls applied: nothing of the failed event.
    store = workspace.store()
    assert set(store.table("orders")["order_id"]) >= {"o-1", "o-2"}
    assert "o-bad" not in set(store.table("orders")["order_id"])
    assert POISON not in set(store.table("customers")["customer_id"])
    assert store.derives_from(root) and store.version == status["last_store_version"]
    scores = latest_scores(workspace)
    assert scores is not None and scores["customer_id"].is_unique
    assert POISON not in set(scores["customer_id"])

    service.submit([order("later", "00023", day, order_id="o-later")], "test")
    [later] = service.drain()
    assert later.event_ids == ["later"] and later.failed == {}


def test_an_error_after_scoring_puts_the_store_and_the_scores_back(
    service: EventService, home: Path
) -> None:
    workspace = Workspace(home)
    root = workspace.store().version
    scores_then = latest_scores(workspace)
    assert scores_then is not None
    day = last_day(home)

    def broken(step: str) -> None:
        if step == "scored":
            raise RuntimeError("a bug after scoring")

    service.applier.after_step = broken
    service.submit([order("e1", "00020", day, order_id="o-1")], "test")
    batch = service.apply_pending()

    assert batch is not None and batch.event_ids == []
    assert batch.failed == {"e1": "applying it failed: RuntimeError: a bug after scoring"}
    assert workspace.store().version == batch.store_version == root
    grown = [p for p in workspace.stores_dir.iterdir() if p.name[0] != "." and p.name != root]
    assert grown and all((p / ABANDONED).is_file() for p in grown)  # pruned first
    folder = scores_folder(workspace)
    assert folder is not None
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "scores.parquet"), scores_then)
    assert service.status()["pending"] == 0

    service.applier.after_step = lambda step: None
    service.submit([order("e2", "00020", day, order_id="o-2")], "test")
    again = service.apply_pending()
    assert again is not None and again.event_ids == ["e2"] and again.previous_version == root
    pd.testing.assert_frame_equal(again.scores_before, scores_then)


def test_an_error_of_the_machine_leaves_the_events_pending(
    service: EventService, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk is no fault of the events: they wait, and the retry grows from the same root.
    root = Workspace(home).store().version

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(apply, "rescore", full_disk)
    service.submit([order("e1", "00020", last_day(home), order_id="o-1")], "test")
    with pytest.raises(OSError, match="No space left"):
        service.apply_pending()
    assert service.status()["pending"] == 1

    monkeypatch.setattr(apply, "rescore", real_rescore)
    batch = service.apply_pending()
    assert batch is not None and batch.event_ids == ["e1"] and batch.previous_version == root


def test_the_worker_moves_on_past_a_failing_event(
    service: EventService, home: Path, poisoned: list[Collection[str]]
) -> None:
    day = last_day(home)
    seen: list[AppliedBatch] = []
    done = threading.Event()

    def listen(batch: AppliedBatch) -> None:
        seen.append(batch)
        if "good" in batch.event_ids:
            done.set()

    service.listeners.append(listen)
    service.start()
    try:
        service.submit([order("bad", POISON, day, order_id="o-bad")], "test")
        service.submit([order("good", "00020", day, order_id="o-good")], "test")
        assert done.wait(60), service.status()
    finally:
        service.stop()
    status = service.status()
    assert status | {"pending": 0, "applied": 1, "failed": 1, "last_error": None} == status
    assert [b.failed for b in seen if b.failed] == [
        {"bad": "applying it failed: ValueError: monetary_value contains NaN or infinite values"}
    ]


# ---- one order id, two events -------------------------------------------------------------


def test_an_order_id_a_pending_event_holds_is_refused_at_submission(
    service: EventService, home: Path
) -> None:
    day = last_day(home)
    first = order("ev-A", "00010", day, amount=10.0, order_id="o-dup")
    second = order("ev-B", "00020", day, amount=99.0, order_id="o-dup")
    other_review = review("ev-C", "00020", day, "fine")
    assert service.submit([first, review("rv-1", "00010", day, "ok")], "test").accepted == 2

    receipt = service.submit([order("ok", "00011", day), second, other_review], "test")
    assert receipt.accepted == 2
    assert receipt.to_dict()["rejected"] == [
        {"index": 1, "event_id": "ev-B",
         "reason": "order_id 'o-dup' is already used by event 'ev-A', which waits to be applied"}
    ]  # fmt: skip
    again = service.submit([review("rv-2", "00011", day, "again") | {"review_id": "rv-1"}], "t")
    assert [r.reason for r in again.rejected] == [
        "review_id 'rv-1' is already used by event 'rv-1', which waits to be applied"
    ]
    service.drain()
    orders = Workspace(home).store().table("orders").set_index("order_id")
    assert orders.loc["o-dup", "customer_id"] == "00010"
    # once applied, the store refuses it (as it did before)
    late = service.submit([second], "test")
    assert [r.reason for r in late.rejected] == ["order 'o-dup' is already in the store"]


def test_an_order_id_another_event_brought_in_meanwhile_fails_the_event(
    service: EventService, home: Path
) -> None:
    # Two processes checking at once can both log an order id; the later application must not
    # drop the second event's rows and call it applied.
    day = last_day(home)
    service.submit([order("ev-A", "00010", day, amount=10.0, order_id="o-dup")], "test")
    service.drain()
    second = order("ev-B", "00020", day, amount=99.0, order_id="o-dup",
                   items=[{"product_id": "B00SNACK01", "quantity": 4, "price": 24.75}])  # fmt: skip
    log.store_events(service.db, [second], "another process")  # checked before ev-A applied

    [batch] = service.drain()
    assert batch.event_ids == [] and batch.failed == {
        "ev-B": "order 'o-dup' is already in the store"
    }
    status = service.status()
    assert status | {"pending": 0, "applied": 1, "failed": 1} == status
    store = Workspace(home).store()
    assert store.table("orders").query("order_id == 'o-dup'")["customer_id"].tolist() == ["00010"]
    lines = store.table("order_items").query("order_id == 'o-dup'")
    assert lines["product_id"].tolist() == ["B0000TEA01"]


def test_events_failed_by_an_error_can_be_tried_again_once_it_is_fixed(
    service: EventService, home: Path, poisoned: list[Collection[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    day = last_day(home)
    service.submit([order("bad", POISON, day, order_id="o-bad")], "test")
    service.drain()
    assert service.status()["failed"] == 1

    monkeypatch.setattr(apply, "rescore", real_rescore)  # the cause, fixed
    assert log.requeue_failed(service.db) == 1
    assert service.status() | {"pending": 1, "failed": 0} == service.status()
    [batch] = service.drain()
    assert batch.event_ids == ["bad"] and batch.failed == {}
    assert "o-bad" in set(Workspace(home).store().table("orders")["order_id"])


def test_a_model_that_cannot_be_loaded_leaves_the_events_pending(
    service: EventService, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A model still being written by `retain train` is not the events' fault: they wait.
    def half_written(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("Expecting ',' delimiter: line 40 column 1")

    monkeypatch.setattr(apply, "load_predictor", half_written)
    service.submit([order("e1", "00020", last_day(home), order_id="o-1")], "test")
    with pytest.raises(Unavailable, match="cannot be loaded now"):
        service.apply_pending()
    assert service.status() | {"pending": 1, "failed": 0} == service.status()


def test_an_event_resent_while_its_first_copy_is_logged_is_a_duplicate(
    service: EventService, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = order("ev-A", "00010", last_day(home), order_id="o-1")
    assert service.submit([event], "test").accepted == 1
    # The resend read the log before the first copy was in it (the two requests raced).
    monkeypatch.setattr(log, "known_ids", lambda db, ids: set())
    receipt = service.submit([event], "test")
    assert (receipt.accepted, receipt.duplicates, receipt.rejected) == (0, 1, [])
