"""The alert tools: answers built from the stored facts, role-aware, clear when nothing matches."""

from pathlib import Path

import pytest

from assistant.alerts.store import AlertStore
from assistant.persistence import AppDatabase, Principal
from assistant.roles import Role
from assistant.settings import Settings
from assistant.tools.base import ToolContext
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import NotFound, Unavailable
from commerce.workspace import Workspace
from tests.alerts.test_store import all_rules

VIP = "00042"


@pytest.fixture
def store(sqlite_db: AppDatabase) -> AlertStore:
    alerts = AlertStore(sqlite_db)
    alerts.raise_alerts(all_rules())  # 1 risk crossing, 2 negative review, 3 segment jump
    return alerts


def context(store: AlertStore | None, role: Role, home: Path) -> ToolContext:
    settings = Settings(home=home)
    data = StoreData(Workspace(home), settings)  # an empty workspace: ids are taken as given
    return ToolContext(settings, role, data, lambda: None, lambda: None, alerts=store)  # type: ignore[arg-type, return-value]


def test_list_alerts_answers_with_the_open_alerts_newest_first(
    store: AlertStore, retain_home: Path
) -> None:
    out = run_tool(context(store, "operator", retain_home), "list_alerts", {})
    assert out.answer.startswith("3 open alerts, newest first: #3 high: Segment 'lost'")
    assert "; #2 high: Customer 00042 wrote a strongly negative review" in out.answer
    assert out.answer.endswith("predicted value $500.00.")
    assert [r["id"] for r in out.result["rows"]] == [3, 2, 1] and out.rows == 3
    assert out.cards[0]["type"] == "alerts" and out.cards[0]["total"] == 3
    support = run_tool(context(store, "support", retain_home), "list_alerts", {"limit": 1})
    assert support.answer.startswith("2 open alerts, newest first: #2 high:")
    assert support.answer.endswith("; and 1 more.")
    assert len(support.result["rows"]) == 1
    done = run_tool(context(store, "admin", retain_home), "list_alerts", {"state": "acknowledged"})
    assert done.answer == "There are no acknowledged alerts." and done.result["rows"] == []


def test_list_alerts_pages_on_and_says_when_past_the_end(
    store: AlertStore, retain_home: Path
) -> None:
    ctx = context(store, "operator", retain_home)
    page = run_tool(ctx, "list_alerts", {"limit": 1, "offset": 1})
    assert [r["id"] for r in page.result["rows"]] == [2] and page.result["rows"][0]["rank"] == 2
    assert page.answer.startswith("Open alert 2 of 3, newest first: #2 high:")
    assert page.answer.endswith("; and 1 more.")
    last = run_tool(ctx, "list_alerts", {"limit": 2, "offset": 1})
    assert (
        last.answer.startswith("Open alerts 2-3 of 3, newest first:") and "more" not in last.answer
    )
    beyond = run_tool(ctx, "list_alerts", {"offset": 3})
    assert beyond.answer == "There are only 3 open alerts, so none from rank 4 on."
    assert beyond.result["rows"] == []


def test_explain_alert_answers_why_from_the_facts(store: AlertStore, retain_home: Path) -> None:
    ctx = context(store, "operator", retain_home)
    crossing = run_tool(ctx, "explain_alert", {"alert_id": 1})
    assert crossing.answer.startswith(
        "Alert #1 (high, open): customer 00042's churn risk rose from 50% to 80%, crossing the "
        "70% threshold. Their predicted value is $500.00, in the top 20% of customers (from "
    )
    assert "$400.00 of it is at risk" in crossing.answer
    assert "Top reasons: no order for 30 weeks; last gap 3.1x their average" in crossing.answer
    assert crossing.result["customer_id"] == VIP and crossing.cards[0]["type"] == "alert"
    review = run_tool(ctx, "explain_alert", {"customer_id": VIP})  # the newest open one
    assert review.result["alert_id"] == 2
    assert "wrote a review about product B000COFFEE with sentiment -0.90" in review.answer
    jump = run_tool(ctx, "explain_alert", {"segment": "lost"})
    assert "segment 'lost' rose from 20.0% to 40.0% (+20.0 points; alerts start at 5.0)" in (
        jump.answer
    )
    newest = run_tool(ctx, "explain_alert", {})
    assert newest.result["alert_id"] == 3


def test_explain_alert_says_clearly_what_is_missing(
    store: AlertStore, retain_home: Path, people: dict[Role, Principal]
) -> None:
    support = context(store, "support", retain_home)
    with pytest.raises(NotFound, match="there is no alert #3 you can see"):
        run_tool(support, "explain_alert", {"alert_id": 3})  # a segment alert: not for support
    with pytest.raises(NotFound, match="no alert #99"):
        run_tool(support, "explain_alert", {"alert_id": 99})
    with pytest.raises(NotFound, match="no alert about customer '00001'"):
        run_tool(support, "explain_alert", {"customer_id": "00001"})
    for alert_id in (1, 2):
        store.acknowledge(alert_id, people["admin"])
    assert run_tool(support, "explain_alert", {}).answer == "There are no open alerts to explain."
    acked = run_tool(support, "explain_alert", {"alert_id": 1}).answer
    assert acked.startswith("Alert #1 (high, acknowledged)") and "by ana-admin" in acked


def test_the_alert_tools_need_the_alert_store(retain_home: Path) -> None:
    with pytest.raises(Unavailable, match="alerts are not set up"):
        run_tool(context(None, "operator", retain_home), "list_alerts", {})
    with pytest.raises(Unavailable, match="alerts are not set up"):
        run_tool(context(None, "support", retain_home), "explain_alert", {"alert_id": 1})
