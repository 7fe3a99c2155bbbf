"""The event log's lookup of order and review ids inside logged events (a JSON field): the same
answers on SQLite and PostgreSQL."""

from typing import Any

from assistant.events import log
from assistant.persistence import AppDatabase


def logged(event_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"event_id": event_id, "kind": kind, "customer_id": "c1"} | fields


def test_key_holders_finds_pending_and_applied_events_by_their_ids(db: AppDatabase) -> None:
    log.store_events(
        db,
        [
            logged("e1", "order", order_id="o-1"),
            logged("e2", "review", review_id="r-1"),
            logged("e3", "order", order_id="o-2"),
            logged("e4", "browse", type="cart"),
            logged("e5", "order", order_id="o-3"),
        ],
        "test",
    )
    log.mark_applied(db, ["e3"], "v1", failed={"e5": "why"})
    keys = [("order_id", "o-1"), ("review_id", "r-1"), ("order_id", "o-2"),
            ("order_id", "o-3"), ("order_id", "r-1"), ("review_id", "o-1")]  # fmt: skip

    assert log.key_holders(db, keys, applied=False) == {
        ("order_id", "o-1"): "e1",
        ("review_id", "r-1"): "e2",
    }
    # applied: without an error (a failed event brought nothing into the store)
    assert log.key_holders(db, keys, applied=True) == {("order_id", "o-2"): "e3"}
    assert log.key_holders(db, [], applied=False) == {}


def test_key_of_names_the_store_id_an_event_brings() -> None:
    assert log.key_of(logged("e1", "order", order_id="o-1")) == ("order_id", "o-1")
    assert log.key_of(logged("e2", "review", review_id="r-1")) == ("review_id", "r-1")
    assert log.key_of(logged("e3", "browse", type="cart")) is None
