"""The alert store: each alert raised once, listed and read as each role may, acknowledged once."""

import pandas as pd
import pytest
from sqlalchemy import delete, text

from assistant.alerts.model import Alert, NewAlert
from assistant.alerts.rules import evaluate
from assistant.alerts.store import AlertStore
from assistant.persistence import AppDatabase, Principal
from assistant.persistence.tables import SCHEMA_VERSION, SchemaVersionRow
from assistant.roles import Role
from assistant.settings import Settings
from commerce.errors import Forbidden, InvalidInput, NotFound
from commerce.event_fields import MAX_ID_CHARS
from tests.alerts.factories import make_batch, make_reviews, make_scores, population

VIP = "00042"


def all_rules(version: str = "v2", review: str = "r1") -> list[NewAlert]:
    """One alert of each rule: VIP crosses, VIP reviews badly, 'lost' jumps."""
    lost = {f"3{i:04d}": i for i in range(20)}
    before = make_scores(population() | {VIP: (0.5, 500.0)} | {c: (0.2, 1.0) for c in lost})
    after = make_scores(population() | {VIP: (0.8, 500.0)} | {c: (0.4, 1.0) for c in lost})
    reviews = make_reviews([{"review_id": review, "customer_id": VIP, "sentiment": -0.9}])
    segments = pd.Series(dict.fromkeys(lost, "lost"))
    alerts = evaluate(make_batch(before, after, reviews, version=version), segments, Settings())
    assert [a.rule for a in alerts] == ["risk_crossing", "negative_review", "segment_jump"]
    return alerts


def test_a_replayed_batch_raises_each_alert_exactly_once(db: AppDatabase) -> None:
    store = AlertStore(db)
    first = store.raise_alerts(all_rules())
    assert [a.rule for a in first] == ["risk_crossing", "negative_review", "segment_jump"]
    assert all(a.state == "open" and a.acknowledged_at is None for a in first)
    assert store.raise_alerts(all_rules()) == []
    assert store.raise_alerts(all_rules() + all_rules()) == []
    assert store.count("all") == 3


def test_no_second_alert_for_a_rule_and_subject_while_one_is_open(
    db: AppDatabase, people: dict[Role, Principal]
) -> None:
    store = AlertStore(db)
    crossing = store.raise_alerts(all_rules())[0]
    # A later batch (another version, another review) while the first alerts are open: nothing.
    assert store.raise_alerts(all_rules(version="v3", review="r9")) == []
    store.acknowledge(crossing.id, people["operator"])
    again = store.raise_alerts(all_rules(version="v3", review="r9"))
    assert [(a.rule, a.customer_id) for a in again] == [("risk_crossing", VIP)]
    # ...and the trigger that raised the first one never raises again, acknowledged or not.
    store.acknowledge(again[0].id, people["operator"])
    assert store.raise_alerts(all_rules()) == []


def test_acknowledging_is_idempotent_and_keeps_the_first(
    db: AppDatabase, people: dict[Role, Principal]
) -> None:
    store = AlertStore(db)
    alert = store.raise_alerts(all_rules())[0]
    acked, changed = store.acknowledge(alert.id, people["support"])
    assert changed and acked.state == "acknowledged" and acked.acknowledged_by == "ana-support"
    assert acked.acknowledged_at is not None and acked.acknowledged_at.tzinfo is not None
    again, changed = store.acknowledge(alert.id, people["operator"])
    assert not changed and again == acked
    with pytest.raises(Forbidden, match="marketers may read alerts"):
        store.acknowledge(alert.id, people["marketer"])
    with pytest.raises(NotFound, match="no alert 999"):
        store.acknowledge(999, people["admin"])


def test_lists_filter_by_state_and_role(db: AppDatabase, people: dict[Role, Principal]) -> None:
    store = AlertStore(db)
    crossing, review, jump = store.raise_alerts(all_rules())
    store.acknowledge(review.id, people["admin"])

    def ids(alerts: list[Alert]) -> list[int]:
        return [a.id for a in alerts]

    assert ids(store.list("open")) == [jump.id, crossing.id]  # newest first
    assert ids(store.list("acknowledged")) == [review.id]
    assert ids(store.list("all")) == [jump.id, review.id, crossing.id]
    assert ids(store.list("all", limit=1, offset=1)) == [review.id]
    assert ids(store.list("all", "support")) == [review.id, crossing.id]  # no segment alerts
    assert ids(store.list("all", "marketer")) == ids(store.list("all", "operator"))
    assert store.count("open", "support") == 1
    with pytest.raises(InvalidInput, match="alert state 'closed'"):
        store.list("closed")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="limit 0"):
        store.list("all", limit=0)


def test_get_hides_what_the_role_does_not_see(db: AppDatabase) -> None:
    store = AlertStore(db)
    crossing, _, jump = store.raise_alerts(all_rules())
    assert store.get(jump.id, "operator") == jump
    assert store.get(crossing.id, "support").facts["churn_risk_after"] == 0.8
    for hidden in (jump.id, 10_000, 2**40, 0):
        with pytest.raises(NotFound, match=f"no alert {hidden};"):
            store.get(hidden, "support")


def test_latest_about_a_customer_or_segment_and_since(
    db: AppDatabase, people: dict[Role, Principal]
) -> None:
    store = AlertStore(db)
    crossing, review, jump = store.raise_alerts(all_rules())
    assert store.latest_about(customer_id=VIP).id == review.id  # newest open
    store.acknowledge(review.id, people["admin"])
    assert store.latest_about(customer_id=VIP).id == crossing.id  # open ones first
    assert store.latest_about(segment="LOST").id == jump.id
    with pytest.raises(NotFound, match="no alert about 'lost'"):
        store.latest_about(segment="lost", role="support")
    with pytest.raises(NotFound, match="no alert about customer '00001'"):
        store.latest_about(customer_id="00001")
    assert [a.id for a in store.since(0)] == [crossing.id, jump.id]  # open, oldest first
    assert [a.id for a in store.since(crossing.id)] == [jump.id]
    assert store.since(2**40) == []


def test_a_role_that_reads_no_alerts_is_refused(db: AppDatabase) -> None:
    store = AlertStore(db)
    store.raise_alerts(all_rules())
    with pytest.raises(Forbidden, match="ingest keys may not read alerts"):
        store.list("all", "ingest")


def test_an_alert_about_the_longest_customer_id_an_event_may_carry_is_kept(
    db: AppDatabase,
) -> None:
    # PostgreSQL enforces VARCHAR lengths: a shorter column refused the batch, losing its alerts
    long_id = "c" * MAX_ID_CHARS
    before = make_scores(population() | {VIP: (0.5, 500.0), long_id: (0.5, 500.0)})
    after = make_scores(population() | {VIP: (0.8, 500.0), long_id: (0.8, 500.0)})
    alerts = evaluate(make_batch(before, after), pd.Series(dtype=str), Settings())
    raised = AlertStore(db).raise_alerts(alerts)
    assert sorted(a.customer_id or "" for a in raised) == sorted([VIP, long_id])


def test_a_version_1_database_is_brought_to_long_alert_customer_ids(database_url: str) -> None:
    with AppDatabase(database_url) as db:
        db.create_all()
        with db.session() as session:  # back to how version 1 made the table
            session.execute(delete(SchemaVersionRow).where(SchemaVersionRow.version > 1))
            if db.dialect == "postgresql":
                session.execute(
                    text(
                        "ALTER TABLE alerts ALTER COLUMN customer_id TYPE VARCHAR(64), "
                        "ALTER COLUMN open_key TYPE VARCHAR(200)"
                    )
                )
        db.create_all()
        assert db.schema_version() == SCHEMA_VERSION
        store = AlertStore(db)
        alert = NewAlert("risk_crossing", "high", "c" * 200, None, "t", {}, "k", "v1")
        assert [a.customer_id for a in store.raise_alerts([alert])] == ["c" * 200]
