"""A key revoked while its alerts stream is open ends the stream: it is checked again before
every event and every heartbeat, not only when the stream opens."""

import threading
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from assistant.alerts.feed import FeedEvent
from assistant.alerts.model import Alert
from assistant.api.routes.alerts import REVOKED, _events
from assistant.persistence import create_key, revoke_key
from tests.alerts.waiting import LIMIT_S, until
from tests.api.conftest import auth
from tests.asyncio_helpers import run_on_fresh_loop


def an_alert(alert_id: int) -> Alert:
    return Alert(
        id=alert_id, rule="risk_crossing", severity="high", customer_id="00007", segment=None,
        title="Customer 00007 crossed 70% churn risk", facts={}, state="open",
        raised_at=datetime.now(UTC), acknowledged_at=None, acknowledged_by=None,
        store_version="v1",
    )  # fmt: skip


def test_a_revoked_key_gets_no_more_alerts(client: TestClient) -> None:
    found: Any = client.app.state.services  # type: ignore[attr-defined]
    key, info = create_key(found.db, "support", "leaving-agent")
    answers: list[Any] = []
    listener = threading.Thread(
        target=lambda: answers.append(client.get("/v1/alerts/stream", headers=auth(key))),
        daemon=True,
    )
    listener.start()
    until(lambda: found.alerts.feed.subscribers == 1, "the stream subscribes")
    revoke_key(found.db, str(info.id))
    found.alerts.feed.publish(FeedEvent("alert", an_alert(10**6)))  # wakes the stream
    listener.join(LIMIT_S)
    if listener.is_alive():  # the stream went on: end it rather than hang the run
        found.alerts.feed.close()
        listener.join()
        raise AssertionError(f"the stream outlived its key: {answers[0].text if answers else ''}")
    text = answers[0].text
    assert text.endswith(REVOKED) and "event: alert" not in text
    assert client.get("/v1/me", headers=auth(key)).status_code == 401


def test_a_heartbeat_checks_the_key_too(client: TestClient) -> None:
    found: Any = client.app.state.services  # type: ignore[attr-defined]
    valid = [True]

    async def read() -> list[str]:
        stream = _events(found.alerts, "operator", 0, None, heartbeat_s=0.01,
                         key_valid=lambda: valid[0])  # fmt: skip
        assert isinstance(stream, AsyncGenerator)  # typed as an iterator; aclose() ends it
        chunks = [await anext(stream), await anext(stream)]  # retry, a heartbeat
        valid[0] = False  # revoked while idle
        chunks += [chunk async for chunk in stream]
        return chunks

    chunks = run_on_fresh_loop(read())
    assert chunks == ["retry: 5000\n\n", ": heartbeat\n\n", REVOKED]
