"""list_alerts for one segment: its jumps and its customers' alerts, a customer counted by the
segment stored with the alert (else today's), a cluster by its members today, and an empty or
unknown segment said as the other tools say it."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.alerts.model import NewAlert, Rule
from assistant.alerts.store import AlertStore
from assistant.persistence import AppDatabase
from assistant.roles import Role
from assistant.tools.base import ToolContext
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import NotFound
from predictors.segment_facts import empty_segment


def _alert(rule: Rule, customer: str | None, segment: str | None, stored: str | None) -> NewAlert:
    """An alert about a customer (facts naming `stored` as their segment then) or a segment."""
    facts: dict[str, Any] = {"segment": stored} if customer else {"segment": segment}
    subject = customer or segment
    return NewAlert(rule, "high", customer, segment if customer is None else None,
                    f"{rule} {subject}", facts, f"{rule}|{subject}|v1", "v1")  # fmt: skip


@pytest.fixture
def alerts(tmp_path: Path) -> Iterator[AlertStore]:
    database = AppDatabase(f"sqlite:///{tmp_path / 'app.db'}")
    database.create_all()
    yield AlertStore(database)
    database.close()


def _ctx(data: StoreData, store: AlertStore, role: Role = "operator") -> ToolContext:
    return ToolContext(data.settings, role, data, lambda: None, lambda: None, alerts=store)  # type: ignore[arg-type, return-value]


def _ids(out: Any) -> list[int]:
    return [row["id"] for row in out.result["rows"]]


def test_a_segments_alerts_are_its_jumps_and_its_customers(
    shared_data: StoreData, alerts: AlertStore
) -> None:
    segments = shared_data.segments()
    lost = sorted(segments.member_set("lost"))[:2]
    champion = sorted(segments.member_set("champions"))[0]
    alerts.raise_alerts([
        _alert("risk_crossing", lost[0], None, None),  # 1: nothing stored: in 'lost' today
        _alert("risk_crossing", champion, None, "lost"),  # 2: in 'lost' when raised
        _alert("negative_review", lost[1], None, "loyal"),  # 3: in 'loyal' when raised
        _alert("segment_jump", None, "lost", None),  # 4
        _alert("segment_jump", None, "champions", None),  # 5
    ])  # fmt: skip
    ctx = _ctx(shared_data, alerts)
    # All five came back before (the router added a note that it covers every segment).
    out = run_tool(ctx, "list_alerts", {"segment": "Lost"})
    assert _ids(out) == [4, 2, 1] and out.result["total"] == 3
    assert out.result["segment"] == out.cards[0]["segment"] == "lost"
    assert out.answer.startswith("3 open alerts about 'lost', newest first: #4 high:")
    assert _ids(run_tool(ctx, "list_alerts", {"segment": "loyal"})) == [3]
    # Support agents see no segment jumps, here as everywhere.
    assert _ids(run_tool(_ctx(shared_data, alerts, "support"), "list_alerts",
                         {"segment": "lost"})) == [2, 1]  # fmt: skip
    page = run_tool(ctx, "list_alerts", {"segment": "lost", "offset": 3})
    assert page.answer == "There are only 3 open alerts about 'lost', so none from rank 4 on."


def test_a_clusters_alerts_are_its_members_customer_alerts(
    shared_data: StoreData, alerts: AlertStore
) -> None:
    segments = shared_data.segments()
    member = sorted(segments.member_set("lost"))[0]
    cluster = segments.cluster_of[member]
    outsider = sorted(set(segments.segment_of) - segments.member_set(cluster))[0]
    alerts.raise_alerts([
        _alert("risk_crossing", member, None, "lost"),  # 1: the stored segment is never a cluster
        _alert("risk_crossing", outsider, None, None),  # 2
        _alert("segment_jump", None, "lost", None),  # 3
    ])  # fmt: skip
    out = run_tool(_ctx(shared_data, alerts), "list_alerts", {"segment": cluster})
    assert _ids(out) == [1] and out.result["segment"] == cluster


def test_an_empty_or_unknown_segment_is_said(shared_data: StoreData, alerts: AlertStore) -> None:
    assert not shared_data.segments().member_set("new")  # no customer is new in the tools' store
    alerts.raise_alerts([_alert("segment_jump", None, "lost", None)])
    ctx = _ctx(shared_data, alerts)
    out = run_tool(ctx, "list_alerts", {"segment": "new"})
    assert out.answer == f"{empty_segment('new')}, and there are no open alerts about it."
    assert out.result["rows"] == [] and out.result["total"] == 0
    none = run_tool(ctx, "list_alerts", {"segment": "champions", "state": "all"})
    assert none.answer == "No alerts have been raised about 'champions'."
    with pytest.raises(NotFound, match="no segment 'vips'; known: at risk, "):
        run_tool(ctx, "list_alerts", {"segment": "vips"})
