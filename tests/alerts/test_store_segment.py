"""The alert store's segment filter on SQLite and PostgreSQL: the segment read from the facts
JSON first, today's members only where the facts name none, and counts that agree."""

from assistant.alerts.about_segment import SegmentAlerts
from assistant.alerts.model import NewAlert, Rule
from assistant.alerts.store import AlertStore
from assistant.persistence import AppDatabase


def _customer(rule: Rule, customer: str, stored: str | None) -> NewAlert:
    return NewAlert(rule, "high", customer, None, f"{rule} {customer}", {"segment": stored},
                    f"{rule}|{customer}|v1", "v1")  # fmt: skip


def test_alerts_about_a_segment_by_stored_then_todays_segment(db: AppDatabase) -> None:
    store = AlertStore(db)
    store.raise_alerts([
        _customer("risk_crossing", "00001", None),  # 1: in 'lost' today
        _customer("risk_crossing", "00002", "lost"),  # 2: in 'lost' then, not today
        _customer("negative_review", "00003", "loyal"),  # 3: in 'lost' today, 'loyal' then
        NewAlert("segment_jump", "high", None, "Lost", "jump", {}, "segment_jump|lost|v1", "v1"),
    ])  # fmt: skip
    lost = SegmentAlerts("lost", stored=True, members=frozenset({"00001", "00003", "00009"}))
    assert [a.id for a in store.list("open", "admin", segment=lost)] == [4, 2, 1]
    assert store.count("open", "admin", segment=lost) == 3
    assert [a.id for a in store.list("open", "support", segment=lost)] == [2, 1]
    cluster = SegmentAlerts("cluster: x", stored=False, members=frozenset({"00002", "00003"}))
    assert [a.id for a in store.list("all", "admin", segment=cluster)] == [3, 2]
    nobody = SegmentAlerts("cluster: y", stored=False, members=frozenset())
    assert store.list("all", "admin", segment=nobody) == []
    assert store.count("all", "admin", segment=nobody) == 0
    assert store.count("all", "admin") == 4
